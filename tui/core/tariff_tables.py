"""Markdown tables of rates, for the tariff extractor (tui.core.tariff_engine): "| Country |
Previous rate | New rate |" heads and the rows under them. A row's country is its first cell
naming one; each rate cell is a row, its column head saying whether the rate is the current one
or a superseded one."""

from __future__ import annotations

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffStatus
from tui.core.tariff_rates import Rate
from tui.core.tariff_status import strongest_cue

__all__ = ["Table", "head_status", "is_separator", "table_cells"]


def is_separator(row: str) -> bool:
    """ "|---|:--|": the line between a table's head and its rows."""
    return lex.TABLE_SEPARATOR.match(row) is not None


class Table:
    """The head of the Markdown table being read, one text per column."""

    def __init__(self, head: str, cells: list[tuple[int, int]], *, in_list: bool, rates: bool):
        self.head = [head[a:b] for a, b in cells]
        # Whether it is a table of tariff rates (a head naming them, or a list's table).
        self.of_rates = (
            bool(lex.TABLE_TARIFF_HEADER.search(head)) or (in_list and rates)
        ) and not lex.TABLE_OTHER_HEADER.search(head)

    def statuses(
        self, row: str, rates: tuple[Rate, ...], list_status: TariffStatus | None
    ) -> list[TariffStatus | None]:
        """Each rate cell's status (None where neither wording nor heads say one)."""
        cells = table_cells(row)
        columns = [_column(cells, r.start) for r in rates]
        heads = [self._head(c) for c in columns]
        has_current = any(not lex.TABLE_PRIOR_HEADER.search(h) for h in heads)
        return [
            _cell_status(row, cells, column, head, has_current, list_status)
            for column, head in zip(columns, heads, strict=True)
        ]

    def _head(self, column: int) -> str:
        return self.head[column] if column < len(self.head) else ""


def head_status(head: str) -> TariffStatus | None:
    """The status a table's head names as a whole ("Rates under the order")."""
    found = strongest_cue(head)
    return found.status if found and found.strong else None


def _cell_status(
    row: str,
    cells: list[tuple[int, int]],
    column: int,
    head: str,
    has_current: bool,
    list_status: TariffStatus | None,
) -> TariffStatus | None:
    prior_head = bool(lex.TABLE_PRIOR_HEADER.search(head))
    if prior_head and has_current and not lex.TABLE_CURRENT_HEADER.search(head):
        return "other"
    a, b = cells[column] if column < len(cells) else (0, 0)
    others = " ".join(row[x:y] for i, (x, y) in enumerate(cells) if i != column)
    for wording in (row[a:b], head, others):
        found = strongest_cue(wording)
        if found is not None:
            if found.strong or list_status is None:
                return found.status
            return list_status
    return list_status


def table_cells(row: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a Markdown table row, outer pipes dropped."""
    bars = [i for i, ch in enumerate(row) if ch == "|"]
    edges = bars if row.startswith("|") else [-1, *bars]
    if not row.rstrip().endswith("|"):
        edges.append(len(row))
    return [(a + 1, b) for a, b in zip(edges, edges[1:], strict=False)]


def _column(cells: list[tuple[int, int]], pos: int) -> int:
    for index, (a, b) in enumerate(cells):
        if a <= pos < b:
            return index
    return len(cells)

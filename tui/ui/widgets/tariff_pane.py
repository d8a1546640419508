"""The tariffs pane: the rates the article reports, sortable, or a clear empty state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from tui.core.models import TariffRow
from tui.ui.display import format_rate, visible
from tui.ui.keys import LIST_BINDINGS

EMPTY = "No tariff rates in this article"

# The sortable columns, in the order the sort key (S) steps through them; None is the order
# the article gives them in.
SORT_COLUMNS: tuple[str, ...] = ("country", "rate", "status", "effective")
_LABELS = {"country": "Country", "rate": "Rate", "status": "Status", "effective": "Effective"}


def _sort_key(row: TariffRow, column: str) -> tuple[Any, ...]:
    if column == "country":
        return (row.country.casefold(), row.rate_pct)
    if column == "rate":
        return (row.rate_pct, row.rate_max_pct or row.rate_pct)
    if column == "status":
        return (row.status,)
    return (row.effective or date.min,)


def sort_rows(rows: tuple[TariffRow, ...], column: str | None, reverse: bool = False) -> list[int]:
    """Indexes of ``rows`` in display order (stable: ties keep the article's order).

    Rows without an effective date come last whichever way that column is sorted.
    """
    order = list(range(len(rows)))
    if column is None:
        return order[::-1] if reverse else order
    if column == "effective":
        undated = [i for i in order if rows[i].effective is None]
        order = [i for i in order if rows[i].effective is not None]
    else:
        undated = []
    return sorted(order, key=lambda i: _sort_key(rows[i], column), reverse=reverse) + undated


class TariffTable(DataTable[Text]):
    """A row-cursor table with the list keys (j/k/g/G)."""

    BINDINGS = [b for b in LIST_BINDINGS if isinstance(b, Binding) and b.id != "open"]

    def action_first(self) -> None:
        self.action_scroll_home()
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1)


class TariffPane(Vertical):
    """Set ``rows``; shows country, rate, status, effective date and the evidence sentence.

    Enter on a row posts ``RowChosen`` with that row, whatever the sort. The sort (S steps
    through the columns, I reverses; a click on a column header sorts by it, a second click
    reverses) is kept from article to article and shown in the border subtitle.
    """

    DEFAULT_CSS = """
    TariffPane { height: 1fr; }
    TariffPane TariffTable { height: 1fr; }
    TariffPane.-empty TariffTable { height: auto; }
    TariffPane #tariff-empty { padding: 0 1; }
    """

    rows: reactive[tuple[TariffRow, ...]] = reactive((), always_update=True, init=False)
    empty_text: reactive[str] = reactive(EMPTY, init=False)

    @dataclass
    class RowChosen(Message):
        """The user pressed enter on a tariff row."""

        row: TariffRow

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sort_column: str | None = None
        self.sort_reverse = False
        self._order: list[int] = []

    def compose(self) -> ComposeResult:
        table = TariffTable(cursor_type="row", zebra_stripes=False, id="tariff-table")
        self._add_columns(table)
        yield table
        yield Static(Text(EMPTY, style="dim"), id="tariff-empty")

    # -- sorting ----------------------------------------------------------------------------

    @property
    def shown_rows(self) -> tuple[TariffRow, ...]:
        """The rows in the order the table shows them."""
        return tuple(self.rows[i] for i in self._order if i < len(self.rows))

    def sort_by(self, column: str | None, reverse: bool = False) -> None:
        """Sort by ``column`` (one of :data:`SORT_COLUMNS`; None: the article's order)."""
        if column is not None and column not in SORT_COLUMNS:
            raise ValueError(f"not a sortable column: {column}")
        self.sort_column = column
        self.sort_reverse = reverse
        self._show(self.rows)

    def cycle_sort(self) -> None:
        """The next column (after the last one: the article's order again)."""
        steps: tuple[str | None, ...] = (None, *SORT_COLUMNS)
        self.sort_by(steps[(steps.index(self.sort_column) + 1) % len(steps)])

    def reverse_sort(self) -> None:
        self.sort_by(self.sort_column, not self.sort_reverse)

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = event.column_key.value
        if column not in SORT_COLUMNS:
            return
        if column == self.sort_column:
            self.reverse_sort()
        else:
            self.sort_by(column)

    def _label(self, column: str) -> Text:
        if column != self.sort_column:
            return Text(_LABELS[column])
        return Text(_LABELS[column] + (" ▼" if self.sort_reverse else " ▲"))

    def _add_columns(self, table: TariffTable) -> None:
        for column in SORT_COLUMNS:
            table.add_column(self._label(column), key=column)
        table.add_column(Text("Evidence"), key="evidence")

    def _update_labels(self, table: TariffTable) -> None:
        """The arrow on the sorted column's header (the columns stay: they keep their widths)."""
        for column in SORT_COLUMNS:
            label = self._label(column)
            entry = table.columns[ColumnKey(column)]
            entry.label = label
            entry.content_width = max(entry.content_width, label.cell_len)

    def _update_subtitle(self) -> None:
        if self.sort_column is None:
            self.border_subtitle = Text("reversed") if self.sort_reverse else None
            return
        arrow = "▼" if self.sort_reverse else "▲"
        self.border_subtitle = Text(f"sort: {_LABELS[self.sort_column].lower()} {arrow}")

    # -- rows -------------------------------------------------------------------------------

    def watch_rows(self, rows: tuple[TariffRow, ...]) -> None:
        self._show(rows, new=True)

    def watch_empty_text(self) -> None:
        self._show(self.rows)

    def _show(self, rows: tuple[TariffRow, ...], new: bool = False) -> None:
        table = self.query_one(TariffTable)
        empty = self.query_one("#tariff-empty", Static)
        current: str | None = None
        if not new and table.row_count:
            current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self._update_labels(table)
        table.clear()
        self._order = sort_rows(rows, self.sort_column, self.sort_reverse)
        for index in self._order:
            row = rows[index]
            evidence = visible(row.evidence)
            table.add_row(
                Text(visible(row.country)),
                Text(format_rate(row.rate_pct, row.rate_max_pct), justify="right"),
                Text(row.status),
                Text(row.effective.isoformat() if row.effective else "—"),
                Text(evidence[:80] + ("…" if len(evidence) > 80 else "")),
                key=str(index),  # the index in ``rows``: RowChosen finds the row by it
            )
        if current is not None and current.isdigit() and int(current) < len(rows):
            # the same row stays under the cursor when the sort changes
            table.move_cursor(row=table.get_row_index(current), animate=False)
        self._update_subtitle()
        self.set_class(not rows, "-empty")
        table.show_cursor = bool(rows)
        empty.display = not rows
        empty.update(Text(self.empty_text, style="dim"))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is not None and key.isdigit() and int(key) < len(self.rows):
            self.post_message(self.RowChosen(self.rows[int(key)]))

"""The tariffs pane: the rates the article reports, sortable, or a clear empty state.

The pane is narrow (36 cells at 120 columns, 32 at 80), so the table fits its columns to it
(tui.ui.columns): the rate and the status keep their width, the country shrinks with an
ellipsis, the effective date is shown in full when every name fits beside it, else as day and
month. The evidence sentence is not a column: the lines under the table show the highlighted
row's values whole (full name, code, rate, status, full date) and its evidence as far as they
go, ending at a word; enter marks the whole sentence in the article.

For a story (:meth:`TariffPane.show_story`) the rows are the union over its articles: each on
two lines, the values, then the sources that give it. A country's rows stand together; a rate
that not every source giving the country gives is marked ``≠``, and the detail lists the other
rates given for that country with their sources, so differing reports read side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.console import Console
from rich.containers import Lines
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from tui.core.models import TariffRow
from tui.core.story_union import SourcedTariff, country_key
from tui.ui.columns import Column, clip, fit
from tui.ui.display import format_rate, visible
from tui.ui.keys import LIST_BINDINGS, TARIFFS_PANE_KEYS
from tui.ui.story_rows import INDENT, sources_line

EMPTY = "No tariff rates in this article"

# The sortable columns, in the order the sort key (S) steps through them; None is the order
# the article gives them in.
SORT_COLUMNS: tuple[str, ...] = ("country", "rate", "status", "effective")
_LABELS = {"country": "Country", "rate": "Rate", "status": "Status", "effective": "Effective"}
_SHORT_EFFECTIVE = "From"  # the effective column's label when its dates are short
_COUNTRY_MIN = 6  # cells: the narrowest the country column gets
_FULL_NAMES = 10  # full dates only when country names up to this long fit beside them
_DETAIL_LINES = 5  # lines of the highlighted row's detail under the table, at most
_SOURCE_CELLS = 40  # cells of a source's name in the detail of a story's row, at most
DIFFERS = "≠"  # before a rate the story's sources do not all give for its country
_STORY_COLUMN = "story"


def _full_date(row: TariffRow) -> str:
    return row.effective.isoformat() if row.effective else "—"


def _short_date(row: TariffRow) -> str:
    return f"{row.effective.day} {row.effective:%b}" if row.effective else "—"


def detail(
    row: TariffRow,
    width: int,
    console: Console,
    lines: int = _DETAIL_LINES,
    extra: Sequence[Text] = (),
) -> Text:
    """The highlighted row whole: name, code, rate, status and effective date, then the
    ``extra`` lines, then as much of the evidence as the detail's lines hold at ``width`` (cut
    at a word boundary)."""
    width = max(width, 8)
    head = Text(end="")
    head.append(visible(row.country), style="bold")
    head.append(f" ({row.iso}) " if row.iso else " ")
    head.append(f"{format_rate(row.rate_pct, row.rate_max_pct)} {row.status}")
    if row.effective:
        head.append(f" from {row.effective.isoformat()}")
    if extra:
        head = Text("\n").join([head, *extra])
        wrapped_head = head.wrap(console, width)
        if len(wrapped_head) > lines:  # the table's rows come first
            head = Text("\n").join(wrapped_head[:lines])
    room = lines - len(head.wrap(console, width))
    wrapped = Text(visible(row.evidence)).wrap(console, width)
    if len(wrapped) > room > 0:
        last = wrapped[room - 1].plain
        rest = " ".join(line.plain for line in wrapped[room:])
        wrapped = Lines([*wrapped[: room - 1], Text(clip(f"{last} {rest}", width))])
    body = Text("\n").join(wrapped[: max(room, 0)])
    body.stylize("dim")
    return Text("\n").join([head, body]) if room > 0 else head


def _named(sources: Sequence[str]) -> str:
    """The sources of a story's row for its detail, each cut to :data:`_SOURCE_CELLS` (a feed
    title of 1,000 characters took every line of it)."""
    return ", ".join(clip(visible(s), _SOURCE_CELLS, words=False) for s in sources)


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
    """A row-cursor table with the list keys (j/k/g/G); no cell padding: the pane sets the
    column widths, a one-cell gap included."""

    DEFAULT_CSS = """
    TariffTable { padding: 0 0 0 1; scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    """
    GUTTER = 2  # cells: the left padding and the scroll bar's place, kept whether shown or not

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
    TariffPane #tariff-detail { height: auto; max-height: 5; padding: 0 1; }
    TariffPane.-empty #tariff-detail { display: none; }
    """

    BINDINGS = TARIFFS_PANE_KEYS

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
        self._story: tuple[SourcedTariff, ...] = ()
        self._story_sources = 0

    def show_story(self, rows: tuple[SourcedTariff, ...], sources: int) -> None:
        """Show the union over a story of ``sources`` sources (setting ``rows`` again shows one
        article's)."""
        self._story = rows
        self._story_sources = sources
        self.set_reactive(TariffPane.rows, tuple(r.row for r in rows))
        self._show(self.rows, new=True)

    @property
    def story_rows(self) -> tuple[SourcedTariff, ...]:
        """The union shown, when the pane shows a story's."""
        return self._story

    def compose(self) -> ComposeResult:
        table = TariffTable(
            cursor_type="row", zebra_stripes=False, cell_padding=0, id="tariff-table"
        )
        yield table
        yield Static(id="tariff-detail", markup=False)
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

    def action_cycle_sort(self) -> None:
        """The next column (after the last one: the article's order again)."""
        steps: tuple[str | None, ...] = (None, *SORT_COLUMNS)
        self.sort_by(steps[(steps.index(self.sort_column) + 1) % len(steps)])

    def action_reverse_sort(self) -> None:
        self.sort_by(self.sort_column, not self.sort_reverse)

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = event.column_key.value
        if column not in SORT_COLUMNS:
            return
        if column == self.sort_column:
            self.action_reverse_sort()
        else:
            self.sort_by(column)

    def _label(self, column: str, short: bool = False) -> str:
        label = _SHORT_EFFECTIVE if short and column == "effective" else _LABELS[column]
        if column != self.sort_column:
            return label
        return label + (" ▼" if self.sort_reverse else " ▲")

    def _rate(self, index: int) -> str:
        """The rate of ``rows[index]`` as shown (marked when the story's sources differ)."""
        row = self.rows[index]
        rate = format_rate(row.rate_pct, row.rate_max_pct)
        differs = index < len(self._story) and self._story[index].differs
        return f"{DIFFERS}{rate}" if differs else rate

    def _columns(self, order: list[int], available: int) -> tuple[list[int], bool]:
        """Widths of the four columns in ``available`` cells (a gap cell after each of the
        first three) for the rows ``order`` indexes, and whether the dates are shown short."""
        gaps = len(SORT_COLUMNS) - 1
        rows = [self.rows[i] for i in order]
        countries = [visible(r.country) for r in rows]
        rates = [self._rate(i) for i in order]
        statuses = [r.status for r in rows]
        longest = max((len(c) for c in countries), default=0)
        for short in (False, True):
            dates = [(_short_date if short else _full_date)(r) for r in rows]
            labels = [self._label(c, short) for c in SORT_COLUMNS]
            columns = [
                Column.shrinking(countries, labels[0], _COUNTRY_MIN),
                Column.shrinking(rates, labels[1], 99),
                Column.shrinking(statuses, labels[2], 99),
                Column.shrinking(dates, labels[3], 99),
            ]
            widths = fit(columns, available - gaps)
            fits = sum(widths) <= available - gaps
            if short or (fits and widths[0] >= min(longest, _FULL_NAMES)):
                return widths, short
        raise AssertionError("unreachable")

    def _available(self) -> int:
        """Cells for the columns: the pane's inner width less the table's padding and gutter
        (taken from the pane, whose size is settled when it is resized, unlike its table's)."""
        return max(self.scrollable_content_region.width - TariffTable.GUTTER, 1)

    def _detail_lines(self) -> int:
        """Lines for the detail: up to five, a third of a short pane (the rows come first)."""
        return max(2, min(_DETAIL_LINES, (self.scrollable_content_region.height) // 3))

    def _update_subtitle(self) -> None:
        if self.sort_column is None:
            self.border_subtitle = Text("reversed") if self.sort_reverse else None
            return
        arrow = "▼" if self.sort_reverse else "▲"
        self.border_subtitle = Text(f"sort: {_LABELS[self.sort_column].lower()} {arrow}")

    # -- rows -------------------------------------------------------------------------------

    def watch_rows(self, rows: tuple[TariffRow, ...]) -> None:
        self._story = ()
        self._show(rows, new=True)

    def watch_empty_text(self) -> None:
        self._show(self.rows)

    def on_resize(self) -> None:
        # Empty too: the header's columns were fitted to the width known when the rows came,
        # which before the first layout is none (a sideways scroll bar then showed as a blank
        # line above the empty message, in some runs and not others).
        self._show(self.rows)

    def _show(self, rows: tuple[TariffRow, ...], new: bool = False) -> None:
        table = self.query_one(TariffTable)
        empty = self.query_one("#tariff-empty", Static)
        current: str | None = None
        if not new and table.row_count:
            current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self._order = sort_rows(rows, self.sort_column, self.sort_reverse)
        widths, short = self._columns(self._order, self._available())
        table.clear(columns=True)
        if self._story:
            self._add_story_rows(table, widths, short)
        else:
            self._add_rows(table, widths, short)
        if current is not None and current.isdigit() and int(current) < len(rows):
            # the same row stays under the cursor when the sort changes
            table.move_cursor(row=table.get_row_index(current), animate=False)
        self._update_subtitle()
        self._show_detail()
        self.set_class(not rows, "-empty")
        table.show_cursor = bool(rows)
        empty.display = not rows
        empty.update(Text(self.empty_text, style="dim"))

    def _cells(self, index: int, widths: list[int], short: bool) -> list[Text]:
        row = self.rows[index]
        return [
            Text(clip(visible(row.country), widths[0], words=False)),
            Text(self._rate(index).rjust(widths[1]) + " "),
            Text(row.status),
            Text((_short_date if short else _full_date)(row)),
        ]

    def _labels(self, widths: list[int], short: bool) -> list[Text]:
        labels = []
        for position, (column, width) in enumerate(zip(SORT_COLUMNS, widths, strict=True)):
            gap = 0 if position == len(SORT_COLUMNS) - 1 else 1
            label = clip(self._label(column, short), width)
            labels.append(Text(label.rjust(width) if column == "rate" else label.ljust(width)))
            labels[-1].append(" " * gap)
        return labels

    def _add_rows(self, table: TariffTable, widths: list[int], short: bool) -> None:
        for position, (column, label) in enumerate(
            zip(SORT_COLUMNS, self._labels(widths, short), strict=True)
        ):
            gap = 0 if position == len(SORT_COLUMNS) - 1 else 1
            table.add_column(label, key=column, width=widths[position] + gap)
        for index in self._order:
            # the key is the index in ``rows``: RowChosen finds the row by it
            table.add_row(*self._cells(index, widths, short), key=str(index))

    def _add_story_rows(self, table: TariffTable, widths: list[int], short: bool) -> None:
        """One column, two lines a row: the four values as the columns would lay them out,
        then the sources (the header sorts with S and I, not by a click)."""
        width = sum(widths) + len(widths) - 1
        table.add_column(Text("").join(self._labels(widths, short)), key=_STORY_COLUMN)
        room = max(0, width - len(INDENT))
        for index in self._order:
            line = Text()
            for position, cell in enumerate(self._cells(index, widths, short)):
                gap = 0 if position == len(widths) - 1 else 1
                cell.truncate(widths[position] + gap, pad=True)
                line.append_text(cell)
            story = self._story[index]
            note = Text(INDENT + sources_line(story.sources, self._story_sources, room))
            note.stylize("dim italic")
            table.add_row(Text("\n").join([line, note]), key=str(index), height=2)

    def _show_detail(self) -> None:
        table = self.query_one(TariffTable)
        shown = self.query_one("#tariff-detail", Static)
        if not table.row_count:
            shown.update("")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is not None and key.isdigit() and int(key) < len(self.rows):
            width = self.scrollable_content_region.width - 2
            lines = self._detail_lines()
            row = self.rows[int(key)]
            extra = self._story_detail(int(key))
            shown.update(detail(row, width, self.app.console, lines, extra))

    def _story_detail(self, index: int) -> list[Text]:
        """For a story's row: the sources that give it, then each other rate given for its
        country, with its sources."""
        if index >= len(self._story):
            return []
        story = self._story[index]
        lines = [Text("by " + _named(story.sources), style="italic")]
        for other in self._story:
            if other is story or country_key(other.row) != country_key(story.row):
                continue
            row = other.row
            line = Text(f"{DIFFERS if other.differs else '+'} ")
            line.append(f"{format_rate(row.rate_pct, row.rate_max_pct)} {row.status}")
            if row.effective:
                line.append(f" from {row.effective.isoformat()}")
            line.append(" · " + _named(other.sources), style="italic")
            lines.append(line)
        return lines

    @property
    def current_row(self) -> TariffRow | None:
        """The highlighted row (None when the table is empty)."""
        table = self.query_one(TariffTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is not None and key.isdigit() and int(key) < len(self.rows):
            return self.rows[int(key)]
        return None

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is not None and key.isdigit() and int(key) < len(self.rows):
            self.post_message(self.RowChosen(self.rows[int(key)]))

"""The tracker's two tables: how their columns are made from tariff reports and fitted to the
screen's width (tui.ui.columns), and the detail line that shows one row whole.

Figures, statuses and dates keep their width; names, sources, titles and evidence shrink, cut at a
word boundary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from rich.cells import cell_len
from rich.console import Console
from rich.containers import Lines
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.core.models import TrackedTariff
from tui.ui.columns import Column, clip, fit
from tui.ui.display import format_date, format_rate, format_time, visible
from tui.ui.keys import LIST_BINDINGS

__all__ = [
    "HISTORY_COLUMNS",
    "HISTORY_SPARE",
    "LATEST_COLUMNS",
    "LATEST_SPARE",
    "TrackerTable",
    "detail",
    "fill",
    "reported",
]


class TrackerTable(DataTable[Text]):
    """Enter on a row posts ``RowSelected``: the tracker opens that row's article."""

    DEFAULT_CSS = """
    TrackerTable { scrollbar-gutter: stable; scrollbar-size-vertical: 1; }
    """
    GUTTER = 1  # the scroll bar's place, kept whether shown or not

    BINDINGS = [
        *(b for b in LIST_BINDINGS if isinstance(b, Binding) and b.id != "open"),
        Binding("enter", "select_cursor", "Open article", id="open"),
    ]

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1)


def reported(when: datetime | None) -> str:
    """The report date with its year, as the tables show it: ``26 Nov 2026``."""
    return when.astimezone().strftime("%d %b %Y") if when else "—"


def _title(title: str) -> str:
    """An article's title as the article list and the body show it."""
    return visible(title) or "(untitled)"


def _effective(day: date | None) -> str:
    return day.isoformat() if day else "—"


# A table column: its label, how narrow it may get (None: it never shrinks), whether its text
# is prose (cut at a word boundary) or a name, right-aligned or not, and its value for a row.
ColumnSpec = tuple[str, int | None, bool, bool, Callable[[TrackedTariff], str]]

LATEST_COLUMNS: tuple[ColumnSpec, ...] = (
    ("Country", 8, False, False, lambda t: visible(t.row.country)),
    ("ISO", None, False, False, lambda t: t.row.iso),
    ("Rate", None, False, True, lambda t: format_rate(t.row.rate_pct, t.row.rate_max_pct)),
    ("Status", None, False, False, lambda t: t.row.status),
    ("Effective", None, False, False, lambda t: _effective(t.row.effective)),
    ("Reported", None, False, False, lambda t: reported(t.published)),
    ("Source", 8, True, False, lambda t: visible(t.feed_title)),
)
LATEST_SPARE = ("Source", "ISO", "Reports")
"""The latest table's columns a narrow screen leaves out, the first first."""
HISTORY_COLUMNS: tuple[ColumnSpec, ...] = (
    ("Reported", None, False, False, lambda t: reported(t.published)),
    ("Rate", None, False, True, lambda t: format_rate(t.row.rate_pct, t.row.rate_max_pct)),
    ("Status", None, False, False, lambda t: t.row.status),
    ("Effective", None, False, False, lambda t: _effective(t.row.effective)),
    ("Article", 10, True, False, lambda t: _title(t.article_title)),
    ("Evidence", 16, True, False, lambda t: visible(t.row.evidence)),
)
HISTORY_SPARE = ("Evidence", "Article")
"""The history table's columns a narrow screen leaves out, the first first."""


def fill(
    table: TrackerTable,
    specs: Sequence[ColumnSpec],
    rows: Sequence[TrackedTariff],
    width: int,
    extra: tuple[str, list[str]] | None = None,
    keep: int | None = None,
    spare: Sequence[str] = (),
) -> None:
    """Refill ``table`` with ``rows``, its columns fitted to ``width`` cells (the screen's).

    ``extra`` is one more fixed, right-aligned column: its label and a value per row.
    ``keep``: the row the cursor goes to (by default, the row it is on). ``spare``: labels of
    columns left out, the first first, while the others do not fit at their narrowest: a
    narrow screen shows the figures without scrolling sideways, and the detail line shows
    the row whole.
    """
    values = [[spec[4](t) for t in rows] for spec in specs]
    labels = [spec[0] for spec in specs]
    columns = [
        Column.shrinking(v, label, minimum if minimum is not None else 999)
        for v, (label, minimum, *_rest) in zip(values, specs, strict=True)
    ]
    prose = [spec[2] for spec in specs]
    right = [spec[3] for spec in specs]
    if extra is not None:
        labels.append(extra[0])
        values.append(extra[1])
        columns.append(Column.shrinking(extra[1], extra[0], 999))
        prose.append(False)
        right.append(True)
    pad = 2 * table.cell_padding
    room = width - 2 - TrackerTable.GUTTER  # 2: the pane's border
    shown = list(range(len(columns)))
    for label in spare:
        if sum(columns[i].minimum + pad for i in shown) <= room:
            break
        shown.remove(labels.index(label))
    widths = fit([columns[i] for i in shown], room - pad * len(shown))
    cursor = table.cursor_row if keep is None else keep
    table.clear(columns=True)
    for column, size in zip(shown, widths, strict=True):
        table.add_column(Text(clip(labels[column], size)), width=size)
    for index in range(len(rows)):
        cells = []
        for column, size in zip(shown, widths, strict=True):
            text = clip(values[column][index], size, words=prose[column])
            cells.append(Text(text.rjust(size) if right[column] else text))
        table.add_row(*cells)
    if rows:
        table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)


EVIDENCE_LINES = 3
"""Lines of the detail's evidence at most: a longer sentence ends in "…"."""


def _headline(tracked: TrackedTariff, width: int) -> Text:
    """The detail's first line: the row's values and when it was reported, on one line at
    ``width`` (at 40 columns the long date wrapped it, a table row less): the date shorter,
    then without "reported", then cut."""
    row = tracked.row
    when = tracked.published
    dates = (
        (f"reported {format_date(when)}", f"reported {format_time(when)}", format_time(when))
        if when is not None
        else ("reported undated", "undated")
    )
    for reported in dates:
        line = Text(end="")
        line.append(visible(row.country), style="bold")
        line.append(f" ({row.iso})" if row.iso else "")
        line.append(f"  {format_rate(row.rate_pct, row.rate_max_pct)} {row.status}", style="bold")
        if row.effective:
            line.append(f"  effective {row.effective.isoformat()}")
        line.append(f"  {reported}")
        if line.cell_len <= width:
            return line
    line.truncate(width, overflow="ellipsis")
    return line


def detail(tracked: TrackedTariff, width: int, console: Console) -> Text:
    """One row of either table whole at ``width``: every value, the report time, the source
    and the article's title (on one line, cut), and the evidence (at most
    :data:`EVIDENCE_LINES` lines), so that a huge title or sentence leaves the tables room."""
    width = max(width, 16)
    text = _headline(tracked, width)
    text.append("\n")
    source = clip(visible(tracked.feed_title), width // 2, words=False)
    text.append(source, style="italic")
    text.append(" — ")
    text.append(clip(_title(tracked.article_title), width - cell_len(source) - 3))
    text.append("\n")
    evidence = Text(f"“{visible(tracked.row.evidence)}”").wrap(console, width)
    if len(evidence) > EVIDENCE_LINES:
        last = f"{evidence[EVIDENCE_LINES - 1].plain} {evidence[EVIDENCE_LINES].plain}"
        cut = Text(clip(last, width - 1) + "”")
        evidence = Lines([*evidence[: EVIDENCE_LINES - 1], cut])
    text.append("\n".join(line.plain.rstrip() for line in evidence), style="dim")
    return text

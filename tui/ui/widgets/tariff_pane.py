"""The tariffs pane: the rates the article reports, or a clear empty state."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from tui.core.models import TariffRow
from tui.ui.display import format_rate, visible
from tui.ui.keys import LIST_BINDINGS

EMPTY = "No tariff rates in this article"


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

    Enter on a row posts ``RowChosen``.
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

    def compose(self) -> ComposeResult:
        table = TariffTable(cursor_type="row", zebra_stripes=False, id="tariff-table")
        table.add_columns("Country", "Rate", "Status", "Effective", "Evidence")
        yield table
        yield Static(Text(EMPTY, style="dim"), id="tariff-empty")

    def watch_rows(self, rows: tuple[TariffRow, ...]) -> None:
        self._show(rows)

    def watch_empty_text(self) -> None:
        self._show(self.rows)

    def _show(self, rows: tuple[TariffRow, ...]) -> None:
        table = self.query_one(TariffTable)
        empty = self.query_one("#tariff-empty", Static)
        table.clear()
        for index, row in enumerate(rows):
            evidence = visible(row.evidence)
            table.add_row(
                Text(visible(row.country)),
                Text(format_rate(row.rate_pct, row.rate_max_pct), justify="right"),
                Text(row.status),
                Text(row.effective.isoformat() if row.effective else "—"),
                Text(evidence[:80] + ("…" if len(evidence) > 80 else "")),
                key=str(index),
            )
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

"""Details of the feeds whose last fetch failed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tui.core.models import Feed
from tui.ui.display import visible


class FeedErrorsScreen(ModalScreen[None]):
    """A table of failing feeds: title, URL, HTTP status and the error."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="close_errors")]

    def __init__(self, feeds: Sequence[Feed]) -> None:
        super().__init__()
        self.feeds = list(feeds)

    def compose(self) -> ComposeResult:
        with Vertical(id="errors-box", classes="dialog") as box:
            box.border_title = "Feed errors"
            if not self.feeds:
                yield Label("No feed is failing.")
            table: DataTable[Text] = DataTable(cursor_type="row", id="errors")
            table.add_columns("Feed", "Status", "Error", "URL")
            for feed in self.feeds:
                status = "disabled" if feed.disabled else str(feed.last_status or "—")
                table.add_row(
                    Text(visible(feed.display_title)),
                    Text(status),
                    Text(visible(feed.last_error or "")),
                    Text(visible(feed.url)),
                )
            table.display = bool(self.feeds)
            yield table
            yield Label("esc to close", classes="hint")

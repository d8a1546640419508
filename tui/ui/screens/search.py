"""The search prompt: a modal input; the results become the article list, or, saved
(``ctrl+s``), a saved search: a virtual feed in the feeds pane."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.ui.screens.prompt import PromptScreen
from tui.ui.widgets.line_input import LineInput


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked: search ``query``, and keep it as a saved search when ``save``."""

    query: str
    save: bool = False


class SearchScreen(PromptScreen[SearchRequest | None]):
    """Asks for a full-text query; dismisses with it (or None on esc)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        Binding("ctrl+s", "save", "Save search", id="save_search"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="dialog") as box:
            box.border_title = "Search"
            yield LineInput(placeholder='words, "a phrase", prefix*', id="search-input")
            yield Label(
                "enter to search · ctrl+s to save as a feed · esc to cancel", classes="hint"
            )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        self.dismiss(SearchRequest(query) if query else None)

    def action_save(self) -> None:
        query = self.query_one(Input).value.strip()
        if not query:
            self.app.notify("Type a search to save first", severity="warning")
            return
        self.dismiss(SearchRequest(query, save=True))

    def action_cancel(self) -> None:
        self.dismiss(None)

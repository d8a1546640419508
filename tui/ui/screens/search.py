"""The search prompt: a modal input; the results become the article list."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class SearchScreen(ModalScreen[str | None]):
    """Asks for a full-text query; dismisses with it (or None on esc)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="dialog") as box:
            box.border_title = "Search"
            yield Input(placeholder='words, "a phrase", prefix*', id="search-input")
            yield Label("enter to search · esc to cancel", classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)

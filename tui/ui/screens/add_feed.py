"""The add-feed prompt: a URL (a feed or a page that links to one)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.core.urls import typed_url
from tui.ui.screens.prompt import PromptScreen
from tui.ui.widgets.line_input import LineInput


class AddFeedScreen(PromptScreen[str | None]):
    """Dismisses with the URL typed, or None on esc."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-box", classes="dialog") as box:
            box.border_title = "Add feed"
            yield LineInput(placeholder="https://example.com/feed.xml or a site address", id="url")
            yield Label("enter to add · esc to cancel", classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        url = typed_url(event.value)
        if not url.startswith(("http://", "https://")):
            self.notify("Enter an http:// or https:// address", severity="warning")
            return
        self.dismiss(url)

    def action_cancel(self) -> None:
        self.dismiss(None)

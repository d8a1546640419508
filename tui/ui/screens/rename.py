"""The rename prompt of a saved search: its name, to edit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from tui.ui.screens.prompt import PromptScreen
from tui.ui.widgets.line_input import LineInput


class RenameScreen(PromptScreen[str | None]):
    """Dismisses with the new name, or None on esc (or when it is left as it was)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, name: str) -> None:
        super().__init__()
        self._old = name

    def compose(self) -> ComposeResult:
        with Vertical(id="rename-box", classes="dialog") as box:
            box.border_title = "Rename saved search"
            yield LineInput(self._old, id="new-name")
            yield Label("enter to rename · esc to cancel", classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        if not name:
            self.notify("A saved search needs a name", severity="warning")
            return
        self.dismiss(name if name != self._old else None)

    def action_cancel(self) -> None:
        self.dismiss(None)

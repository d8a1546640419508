"""The help screen: every key binding, with the keys in effect after the user's keymap."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.keys import all_bindings, describe, key_label


def bindings_table(keymap: dict[str, str]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for group, bindings in all_bindings():
        table.add_row(Text(group, style="bold underline"), "")
        seen: set[str] = set()
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.id in seen:
                continue
            seen.add(binding.id or "")
            keys = keymap.get(binding.id or "", binding.key)
            table.add_row(Text(key_label(keys)), Text(describe(binding)))
        table.add_row("", "")
    table.add_row(Text("ctrl+p"), Text("Command palette (every action)"))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists the bindings; esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="close_help"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        keymap = dict(getattr(self.app, "_keymap", {}) or {})
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc to close"
            yield Static(bindings_table(keymap), id="help-table")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_relative(y=1 if direction == "down" else -1, animate=False)

"""The article's links, numbered as in the body, then its enclosures (with their type, size and
duration): pick one to open (enter/o) or copy (y)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.ui.display import visible
from tui.ui.keys import LIST_BINDINGS
from tui.ui.messages import CopyLink, OpenUrl
from tui.ui.widgets.marked_list import MarkedOptionList


class LinkList(MarkedOptionList):
    BINDINGS = LIST_BINDINGS


class LinksScreen(ModalScreen[None]):
    """Type a link's number to jump to it; enter or o opens it, y copies it, esc closes."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close_links"),
        Binding("o", "open", "Open", id="links_open"),
        Binding("y", "copy", "Copy", id="links_copy"),
    ]

    def __init__(self, links: tuple[str, ...], details: Mapping[str, str] | None = None) -> None:
        """``details``: what to show after a link (an enclosure's type, size, duration)."""
        super().__init__()
        self.links = links
        self.details = dict(details or {})
        self._typed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="links-box", classes="dialog") as box:
            box.border_title = "Links"
            options = []
            for number, url in enumerate(self.links, 1):
                label = Text(f"[{number}] ", style="bold")
                label.append(visible(url))
                if url in self.details:
                    label.append(f"  {visible(self.details[url])}", style="dim")
                options.append(Option(label, id=str(number)))
            yield LinkList(*options, id="links")
            yield Label("number to pick · enter/o open · y copy · esc close", classes="hint")

    def _current(self) -> str | None:
        index = self.query_one(LinkList).highlighted
        return self.links[index] if index is not None else None

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            event.stop()
            self._typed = (self._typed + event.character)[-3:]
            number = int(self._typed)
            if not 1 <= number <= len(self.links):
                self._typed = event.character
                number = int(self._typed)
            if 1 <= number <= len(self.links):
                self.query_one(LinkList).highlighted = number - 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        url = self._current()
        if url:
            self.post_message(OpenUrl(url))
            self.dismiss(None)

    def action_copy(self) -> None:
        url = self._current()
        if url:
            self.post_message(CopyLink(url))
            self.dismiss(None)

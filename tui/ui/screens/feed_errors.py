"""Details of the feeds whose last fetch failed.

Each feed is a small block (name and status, then its URL and its error on lines of their
own, wrapped), not a table row: a table at 80 columns cut the URLs to "https" and the errors
mid-word, and every value here must be readable whole.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.core.models import Feed
from tui.core.urls import shown_url
from tui.ui.display import visible


def feed_status(feed: Feed) -> str:
    if feed.disabled:
        return "disabled: r on the feed tries it again"
    if feed.last_status == 304 and feed.last_error:
        # The refresh keeps the parse error of a document the server says is unchanged.
        return "HTTP 304: unchanged, still broken"
    return f"HTTP {feed.last_status}" if feed.last_status else "no answer"


def error_block(feed: Feed) -> Content:
    """Name and status, the URL, the error: feed text as plain Content, never markup."""
    return Content.assemble(
        ("! ", "bold red"),
        (visible(feed.display_title), "bold"),
        ("  " + feed_status(feed), "dim"),
        "\n",
        (visible(shown_url(feed.url)), "underline"),
        "\n",
        visible(feed.last_error or "no error recorded"),
    )


class FeedErrorsScreen(ModalScreen[None]):
    """The failing feeds, one block each; j/k scroll, esc closes."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="close_errors"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="cursor_down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="cursor_up"),
    ]

    def __init__(self, feeds: Sequence[Feed]) -> None:
        super().__init__()
        self.feeds = list(feeds)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="errors-box", classes="dialog") as box:
            count = len(self.feeds)
            box.border_title = f"Feed errors ({count})" if count else "Feed errors"
            box.border_subtitle = "esc to close"
            if not self.feeds:
                yield Label("No feed is failing.")
            for feed in self.feeds:
                yield Static(error_block(feed), classes="feed-error")

    def action_scroll(self, lines: int) -> None:
        box = self.query_one("#errors-box", VerticalScroll)
        box.scroll_relative(y=lines, animate=False, immediate=True)  # keys typed together add up

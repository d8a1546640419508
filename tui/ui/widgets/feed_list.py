"""The feeds pane: All, Starred, folders and feeds with unread counts and an error marker."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.models import ArticleScope, Feed, ScopeKind
from tui.ui.display import safe_text
from tui.ui.keys import LIST_BINDINGS


def scope_key(scope: ArticleScope) -> str:
    """A stable option id for a scope (also what the last-used scope is saved as)."""
    if scope.kind is ScopeKind.FEED:
        return f"feed:{scope.feed_id}"
    if scope.kind is ScopeKind.FOLDER:
        return f"folder:{scope.folder}"
    return str(scope.kind.value)


def scope_from_key(key: str) -> ArticleScope | None:
    kind, _, rest = key.partition(":")
    if kind == "feed" and rest.isdigit():
        return ArticleScope(ScopeKind.FEED, feed_id=int(rest))
    if kind == "folder" and rest:
        return ArticleScope(ScopeKind.FOLDER, folder=rest)
    if kind == "all":
        return ArticleScope()
    if kind == "starred":
        return ArticleScope(ScopeKind.STARRED)
    return None


def _row(marker: str, label: str, count: int, style: str = "") -> Text:
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(marker.ljust(2), style="bold red" if marker == "!" else style)
    text.append_text(safe_text(label, style=style))
    if count:
        text.append(f" ({count})", style="dim")
    return text


class FeedList(OptionList):
    """Lists the scopes; highlighting one asks for its articles (``ScopeHighlighted``)."""

    BINDINGS = LIST_BINDINGS

    feeds: reactive[tuple[Feed, ...]] = reactive((), always_update=True)
    """The feeds to show (set by the screen)."""

    starred_count: reactive[int] = reactive(0)

    @dataclass
    class ScopeHighlighted(Message):
        """The user moved to a scope: the article list should show it."""

        scope: ArticleScope

    @dataclass
    class ScopeChosen(Message):
        """The user pressed enter on a scope: go to its articles."""

        scope: ArticleScope

    def show(self, feeds: tuple[Feed, ...], starred: int) -> None:
        """Set both the feeds and the starred count with one rebuild of the options."""
        self.set_reactive(FeedList.starred_count, starred)
        self.feeds = feeds

    def watch_feeds(self, feeds: tuple[Feed, ...]) -> None:
        self._rebuild(feeds)

    def watch_starred_count(self) -> None:
        self._rebuild(self.feeds)

    def _rebuild(self, feeds: Sequence[Feed]) -> None:
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        unread = sum(f.unread for f in feeds)
        options: list[Option] = [
            Option(_row("●", "All", unread, "bold"), id="all"),
            Option(_row("★", "Starred", self.starred_count), id="starred"),
        ]
        folder: str | None = None
        for feed in feeds:
            if feed.folder and feed.folder != folder:
                folder = feed.folder
                count = sum(f.unread for f in feeds if f.folder == folder)
                options.append(Option(_row("▾", folder, count, "bold"), id=f"folder:{folder}"))
            elif not feed.folder:
                folder = None
            marker = "!" if feed.failing else ""
            indent = "  " if feed.folder else ""
            label = _row(marker, indent + feed.display_title, feed.unread)
            options.append(Option(label, id=f"feed:{feed.id}"))
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            self._restore(current)

    def _restore(self, key: str | None) -> None:
        if key is None:
            self.highlighted = 0 if self.option_count else None
            return
        try:
            self.highlighted = self.get_option_index(key)
        except Exception:  # the option went away (feed deleted): fall back to All
            self.highlighted = 0

    def select_scope(self, scope: ArticleScope) -> bool:
        """Highlight ``scope`` without announcing it; False when it is not listed."""
        try:
            index = self.get_option_index(scope_key(scope))
        except Exception:
            return False
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = index
        return True

    @property
    def scope(self) -> ArticleScope:
        option = self.highlighted_option
        return (scope_from_key(option.id or "") if option else None) or ArticleScope()

    @property
    def feed(self) -> Feed | None:
        """The highlighted feed, when a feed (not All/Starred/a folder) is highlighted."""
        scope = self.scope
        if scope.kind is not ScopeKind.FEED:
            return None
        return next((f for f in self.feeds if f.id == scope.feed_id), None)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.ScopeHighlighted(self.scope))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ScopeChosen(self.scope))

"""The feeds pane: All, Starred, saved searches, folders and feeds with unread counts, an error
marker, and a mark where a refresh brought news for the watch list."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.models import ArticleScope, Feed, ScopeKind
from tui.core.watching import SavedSearch, search_key
from tui.services.reader_view import scope_from_key, scope_key
from tui.ui.display import visible
from tui.ui.keys import FEEDS_PANE_KEYS, LIST_BINDINGS
from tui.ui.rows import LabelCount
from tui.ui.widgets.marked_list import MarkedOptionList

ALERT_MARK = "⚑"
"""The mark of a feed or saved search with unread news for the watch list."""
SEARCH_MARK = "⌕"
"""The mark of a saved search (a virtual feed)."""
# The theme's text- colours, made to be read on its background: pure red was 2.8:1 on a light one.
_MARK_STYLES = {"!": "bold $text-error", ALERT_MARK: "bold $text-warning"}


def _row(marker: str, label: str, count: int, style: str = "") -> LabelCount:
    """A marker, the name (cut to fit, never markup) and the unread count (always shown)."""
    name = Content.assemble(
        (marker.ljust(2), _MARK_STYLES.get(marker, style)), (visible(label), style)
    )
    return LabelCount(name, str(count) if count else "")


@dataclass(frozen=True)
class WatchMarks:
    """Where the watch list has unread news: feed ids and alert keys (tui.core.watching)."""

    feeds: frozenset[int] = frozenset()
    keys: frozenset[str] = frozenset()


class FeedList(MarkedOptionList):
    """Lists the scopes; highlighting one asks for its articles (``ScopeHighlighted``).

    A name too long for the pane is cut; the whole of it is in the status line (the scope's
    title) and in the tooltip.
    """

    BINDINGS = [*LIST_BINDINGS, *FEEDS_PANE_KEYS]

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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._names: dict[str, str] = {}
        """The whole name of each feed and folder, by option id (the rows may cut it)."""
        self.searches: tuple[SavedSearch, ...] = ()
        """The saved searches, listed after Starred (set through :meth:`show`)."""
        self.marks = WatchMarks()
        self._quiet = False  # inside _unannounced

    def show(
        self,
        feeds: tuple[Feed, ...],
        starred: int,
        searches: tuple[SavedSearch, ...] = (),
        marks: WatchMarks | None = None,
    ) -> None:
        """Set the feeds, the starred count, the saved searches and the watch marks with one
        rebuild of the options."""
        self.set_reactive(FeedList.starred_count, starred)
        self.searches = searches
        self.marks = marks or WatchMarks()
        self.feeds = feeds

    def watch_feeds(self, feeds: tuple[Feed, ...]) -> None:
        self._rebuild(feeds)

    def watch_starred_count(self) -> None:
        self._rebuild(self.feeds)

    def _rebuild(self, feeds: Sequence[Feed]) -> None:
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        unread = sum(f.unread for f in feeds)
        self._names = {}
        options: list[Option] = [
            Option(_row("●", "All", unread, "bold"), id="all"),
            Option(_row("★", "Starred", self.starred_count), id="starred"),
        ]
        for search in self.searches:
            key = scope_key(ArticleScope(ScopeKind.SEARCH, search_id=search.id))
            marker = ALERT_MARK if search_key(search.id) in self.marks.keys else SEARCH_MARK
            self._names[key] = search.name
            options.append(Option(_row(marker, search.name, search.unread), id=key))
        folder: str | None = None
        for feed in feeds:
            if feed.folder and feed.folder != folder:
                folder = feed.folder
                count = sum(f.unread for f in feeds if f.folder == folder)
                key = f"folder:{folder}"
                self._names[key] = folder
                options.append(Option(_row("▾", folder, count, "bold"), id=key))
            elif not feed.folder:
                folder = None
            marker = "!" if feed.failing else ALERT_MARK if feed.id in self.marks.feeds else ""
            indent = "  " if feed.folder else ""
            label = _row(marker, indent + feed.display_title, feed.unread)
            self._names[f"feed:{feed.id}"] = feed.display_title
            options.append(Option(label, id=f"feed:{feed.id}"))
        with self._unannounced():
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

    def _row_of(self, scope: ArticleScope) -> int | None:
        """The row of ``scope``; None when it has none (a deleted feed, an emptied folder)."""
        try:
            return self.get_option_index(scope_key(scope))
        except Exception:
            return None

    def lists(self, scope: ArticleScope) -> bool:
        """Whether ``scope`` has a row."""
        return self._row_of(scope) is not None

    def select_scope(self, scope: ArticleScope) -> bool:
        """Highlight ``scope`` without announcing it; False when it is not listed."""
        index = self._row_of(scope)
        if index is None:
            return False
        with self._unannounced():
            self.highlighted = index
        return True

    @contextmanager
    def _unannounced(self) -> Iterator[None]:
        """Highlight changes made inside announce no scope: the screen lists it already."""
        self._quiet = True
        try:
            with self.prevent(OptionList.OptionHighlighted):
                yield
        finally:
            self._quiet = False

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

    @property
    def saved_search(self) -> SavedSearch | None:
        """The highlighted saved search, when one is highlighted."""
        scope = self.scope
        if scope.kind is not ScopeKind.SEARCH:
            return None
        return next((s for s in self.searches if s.id == scope.search_id), None)

    scope_coming = False
    """The highlight moved and the scope it asks for (``ScopeHighlighted``) is on its way to
    the screen, behind the keys typed with the move: they wait for its list."""

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        # As OptionList announces it: not a disabled row, not one highlighted unannounced.
        if highlighted is not None and not self.options[highlighted].disabled and not self._quiet:
            self.scope_coming = True

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        name = self._names.get(event.option.id or "")
        self.tooltip = Content(name) if name else None  # Content: a feed's title is no markup
        self.post_message(self.ScopeHighlighted(self.scope))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ScopeChosen(self.scope))

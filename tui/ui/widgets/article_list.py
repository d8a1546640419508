"""The articles pane: a Line API list that scales to tens of thousands of rows.

The screen gives it the ids of the scope (cheap); the list renders only the rows in view and
asks for the summaries it lacks with ``NeedSummaries`` (the screen loads them in a worker and
hands them back through :meth:`ArticleList.add_summaries`). Nothing here touches the database.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.models import ArticleSummary
from tui.ui.columns import clip
from tui.ui.display import format_time, visible
from tui.ui.keys import ARTICLES_PANE_KEYS, LIST_BINDINGS
from tui.ui.rows import cursor_mark, pad

# Rows fetched beyond the visible window, so a short scroll finds them ready.
_MARGIN = 40
_SOURCE_WIDTH = 14
_TIME_FROM = 32
"""A row narrower than this (a pane at 40 columns) has no time: the title takes its cells."""


class ArticleList(ScrollView, can_focus=True):
    """Rows of unread marker, time, source and title; one row per article id."""

    BINDINGS = [*LIST_BINDINGS, *ARTICLES_PANE_KEYS]

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--dim",
        "article-list--star",
    }

    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        overflow-x: hidden;
        & > .article-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .article-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .article-list--unread { text-style: bold; }
        & > .article-list--dim { color: $text-muted; }
        & > .article-list--star { color: $warning; }
    }
    """

    cursor: reactive[int] = reactive(0, init=False, repaint=False)  # watch_cursor repaints
    """Index of the highlighted row."""

    @dataclass
    class Highlighted(Message):
        """The user moved the cursor onto an article."""

        article_id: int

    @dataclass
    class Selected(Message):
        """The user opened an article (enter or click on the highlighted row)."""

        article_id: int

    @dataclass
    class NeedSummaries(Message):
        """Rows in view have no summary yet: please load these ids."""

        ids: tuple[int, ...]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._ids: list[int] = []
        self._total = 0  # rows of the scope: more than the ids while only its head is read
        self._index_cache: dict[int, int] | None = {}
        self._rows: dict[int, ArticleSummary] = {}
        self._last_request: tuple[int, ...] = ()
        self._request_pending = False
        self.empty_text = "No articles"

    # -- data in -------------------------------------------------------------------------

    @property
    def ids(self) -> Sequence[int]:
        return self._ids

    @property
    def current_id(self) -> int | None:
        if 0 <= self.cursor < len(self._ids):
            return self._ids[self.cursor]
        return None

    def summary(self, article_id: int) -> ArticleSummary | None:
        return self._rows.get(article_id)

    def set_ids(
        self,
        ids: Sequence[int],
        *,
        keep: int | None = None,
        summaries: Iterable[ArticleSummary] = (),
        announce: bool = True,
        total: int | None = None,
    ) -> None:
        """Show ``ids`` (newest first); keep the cursor on article ``keep`` when present.

        ``total``: the scope's length when ``ids`` is only its head (the first frame of a long
        list); the scroll bar has its final size, and the rows past the head wait for the
        whole list.
        """
        self._ids = list(ids)
        self._total = max(len(self._ids), total or 0)
        self._index_cache = None  # built on first use: not on the way to the first frame
        self._rows = {s.id: s for s in summaries}
        self._last_request = ()
        self.virtual_size = Size(0, self._total)
        index = self._position(keep) if keep is not None else 0
        if not announce:
            self.set_reactive(ArticleList.cursor, index)
            self._scroll_to_cursor()
        elif index == self.cursor:
            self._scroll_to_cursor()
            self._announce()
        else:
            self.cursor = index
        self.refresh()

    @property
    def _index(self) -> dict[int, int]:
        """Row of every id (50,000 ids: a few ms, so only once something asks)."""
        if self._index_cache is None:
            self._index_cache = {article_id: i for i, article_id in enumerate(self._ids)}
        return self._index_cache

    def _position(self, article_id: int) -> int:
        if self._index_cache is not None:
            return self._index_cache.get(article_id, 0)
        try:
            return self._ids.index(article_id)
        except ValueError:
            return 0

    def add_summaries(self, summaries: Iterable[ArticleSummary]) -> None:
        """Summaries loaded by the screen for rows that asked for them."""
        for summary in summaries:
            if summary.id in self._index:
                self._rows[summary.id] = summary
        self._last_request = ()
        self.refresh()

    def update_summary(self, summary: ArticleSummary) -> None:
        """One row changed (read or starred)."""
        if summary.id in self._index:
            self._rows[summary.id] = summary
            self.refresh()

    def move_to(self, article_id: int) -> bool:
        index = self._index.get(article_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # -- cursor --------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._ids) - 1)) if self._ids else 0

    def on_focus(self) -> None:
        self.refresh()  # the cursor's mark shows whether the list has focus

    def on_blur(self) -> None:
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        self._scroll_to_cursor()
        if self.scroll_offset.y == top:
            # only the two rows whose mark changed: a key press repaints 2 lines, not the pane
            self.refresh_line(old)
            self.refresh_line(new)
        else:
            self.refresh()
        self._announce()

    def _announce(self) -> None:
        article_id = self.current_id
        if article_id is not None:
            self.post_message(self.Highlighted(article_id))

    def _scroll_to_cursor(self) -> None:
        # force: a list that just grew (a short one's rows replaced by a long one's) has no
        # scroll bar until the next layout, and Textual does not scroll a list without one;
        # the scroll is still bounded by the new rows (virtual_size).
        self.scroll_to_region(
            Region(0, self.cursor, 1, 1), animate=False, immediate=True, force=True
        )

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._ids) - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.scrollable_content_region.height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.scrollable_content_region.height - 1)

    def action_select(self) -> None:
        article_id = self.current_id
        if article_id is not None:
            self.post_message(self.Selected(article_id))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # event.y counts the border row too
        if offset is None:
            return
        row = int(self.scroll_offset.y) + offset.y
        if 0 <= row < len(self._ids):
            if row == self.cursor:
                self.action_select()
            else:
                self.cursor = row

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, self._total)
        self._scroll_to_cursor()  # a shorter pane (the terminal shrank) keeps the cursor in view

    # -- rendering -----------------------------------------------------------------------

    def _request_missing(self) -> None:
        self._request_pending = False
        top = int(self.scroll_offset.y)
        start = max(0, top - _MARGIN)
        end = min(len(self._ids), top + self.size.height + _MARGIN)
        missing = tuple(i for i in self._ids[start:end] if i not in self._rows)
        if missing and missing != self._last_request:
            self._last_request = missing
            self.post_message(self.NeedSummaries(missing))

    def render_line(self, y: int) -> Strip:
        # The lines are cropped to the region left of the scroll bar: render to its width, or
        # the end of each row (the title's ellipsis) would sit under the bar.
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self._ids:
            # Wrapped over the rows, so a narrow pane shows its hint whole ("E says why").
            lines = textwrap.wrap(self.empty_text, max(1, width - 2))
            if y < len(lines):
                dim = base + self.get_component_rich_style("article-list--dim")
                return Strip([Segment(" " + lines[y], dim)]).extend_cell_length(width, base)
            return Strip.blank(width, base)
        row = int(self.scroll_offset.y) + y
        if row >= self._total:
            return Strip.blank(width, base)
        loaded = row < len(self._ids)  # past the head of a list still being read: "…"
        summary = self._rows.get(self._ids[row]) if loaded else None
        if summary is None and loaded and not self._request_pending:
            self._request_pending = True
            self.call_after_refresh(self._request_missing)
        selected = row == self.cursor
        cursor = self.get_component_rich_style("article-list--cursor") if selected else None
        text = self._row_text(summary, width, cursor_mark(selected, self.has_focus))
        segments = Segment.apply_style(text.render(self.app.console), base, cursor)
        pad = base + cursor if cursor is not None else base
        return Strip(segments).crop_extend(0, width, pad)

    def _row_text(self, summary: ArticleSummary | None, width: int, mark: str) -> Text:
        """Cursor mark, unread dot, star, time (not in a tiny pane), source (wide panes) and the
        title, cut after a whole word when it does not fit."""
        dim = self.get_component_rich_style("article-list--dim")
        text = Text(mark, no_wrap=True, end="")
        if summary is None:
            text.append(" " * 2 + "…", style=dim)
            return text
        strong = self.get_component_rich_style("article-list--unread")
        text.append("●" if not summary.read else " ", style=strong if not summary.read else dim)
        star = self.get_component_rich_style("article-list--star")
        text.append("★" if summary.starred else " ", style=star)
        if width >= _TIME_FROM:
            text.append(" " + format_time(summary.published) + " ", style=dim)
        else:
            text.append(" ")
        if width >= 56:
            source = clip(visible(summary.feed_title), _SOURCE_WIDTH, words=False)
            text.append(pad(source, _SOURCE_WIDTH) + " ", style=dim)
        title_style = strong if not summary.read else Style()
        title = visible(summary.title) or "(untitled)"
        text.append(clip(title, width - text.cell_len), style=title_style)
        return text

"""The articles pane as stories (``v``): one row per story, expanding to its articles.

A story row shows an unread mark, the newest time, how many feeds report it ("4 sources", or
the feed's name when only one does) and the title of its first report. Enter on a story row
opens that report and shows the story's articles under it; on an article row, opens the article.
The screen loads what the rows need; nothing here touches the database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.models import ArticleSummary, StorySummary
from tui.core.wording import plural
from tui.ui.columns import clip
from tui.ui.display import format_time, visible
from tui.ui.keys import LIST_BINDINGS, STORIES_PANE_KEYS
from tui.ui.rows import pad
from tui.ui.widgets.marked_list import MarkedOptionList

_SOURCE_WIDTH = 10
_COLUMNS_FROM = 40
"""A narrower row (a pane at 40 columns) has no time and no source column (an article row
under a story a short source): the title takes their cells."""


class StoryList(MarkedOptionList):
    """Stories, newest first, each expandable to its articles."""

    BINDINGS = [*LIST_BINDINGS, *STORIES_PANE_KEYS]

    DEFAULT_CSS = """
    StoryList { background: $surface; }
    """

    @dataclass
    class ArticleHighlighted(Message):
        """The cursor is on an article (or on a story: its first report)."""

        article_id: int

    @dataclass
    class ArticleChosen(Message):
        """The user opened an article row."""

        article_id: int

    @dataclass
    class StoryChosen(Message):
        """The user opened a story row: open its first report, list its articles."""

        story: StorySummary

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._stories: list[StorySummary] = []
        self._members: dict[int, list[ArticleSummary]] = {}
        self._open: int | None = None
        self._built_width = 0
        self.empty_text = "No stories here yet"

    @property
    def stories(self) -> Sequence[StorySummary]:
        return self._stories

    @property
    def story(self) -> StorySummary | None:
        """The story of the highlighted row (a story row or one of its articles)."""
        option = self._current()
        if option is None:
            return None
        kind, number = option
        if kind == "s":
            return next((s for s in self._stories if s.id == number), None)
        return next((s for s in self._stories if s.id == self._open), None)

    @property
    def story_row(self) -> StorySummary | None:
        """The story whose own row is highlighted (None on one of its articles' rows)."""
        option = self._current()
        return self.story if option is not None and option[0] == "s" else None

    @property
    def current_id(self) -> int | None:
        """The article the highlighted row stands for."""
        option = self._current()
        if option is None:
            return None
        kind, number = option
        if kind == "a":
            return number
        story = self.story
        return None if story is None else story.lead_id

    def _row(self) -> str | None:
        """The highlighted row's option id."""
        return None if self.highlighted is None else self.get_option_at_index(self.highlighted).id

    def _current(self) -> tuple[str, int] | None:
        return None if self.highlighted is None else _kind_and_id(self._row())

    @property
    def opened(self) -> int | None:
        """The story open on its articles."""
        return self._open

    def show(self, stories: Sequence[StorySummary], story_id: int | None = None) -> None:
        """List ``stories``, the cursor on story ``story_id`` when listed, else on the first;
        an open story stays open when still there."""
        self._stories = list(stories)
        if self._open not in {s.id for s in self._stories}:
            self._open = None
            self._members = {}
        self._rebuild(None if story_id is None else f"s{story_id}")

    @property
    def listed_articles(self) -> list[int]:
        """An article of each story listed (its id is one: the smallest article id in it)
        and the open story's articles: what a reload finds again when grouping has moved
        them to another story."""
        return [s.id for s in self._stories] + [m.id for ms in self._members.values() for m in ms]

    def reload(
        self,
        stories: Sequence[StorySummary],
        opened: tuple[int, Sequence[ArticleSummary]] | None,
        moved: Mapping[int, int],
    ) -> None:
        """``stories`` read again (after a refresh), with the articles of the story that was
        open when the reload began (``opened``: their marks may have changed) and the story
        each of :attr:`listed_articles` is in now (``moved``). The open story stays open and
        the cursor on its row, a story's or an article's, when still listed, or on the story
        that took it in (grouping joined it to another): a refresh neither opens a story nor
        moves the cursor, and the article shown stays the highlighted row's."""
        row = self._current()
        self._stories = list(stories)
        if opened is not None and opened[0] == self._open:
            self._open = moved.get(opened[0], opened[0])
            self._members = {self._open: list(opened[1])}
        listed = {s.id for s in self._stories}
        if self._open not in listed:
            self._open = None
            self._members = {}
        if row is not None:
            kind, number = row
            members = {m.id for ms in self._members.values() for m in ms}
            if (kind == "s" and number in listed) or (kind == "a" and number in members):
                with self.prevent(OptionList.OptionHighlighted):  # its article stays shown
                    self._rebuild(f"{kind}{number}")
                return
            if moved.get(number) in listed:  # grouped into another story: its row, previewed
                self._rebuild(f"s{moved[number]}")
                return
        self._rebuild(None)  # the first row, previewed

    def open_story(self, story_id: int, members: Sequence[ArticleSummary]) -> None:
        """Show ``members`` under their story (and close the story open before)."""
        self._open = story_id
        self._members = {story_id: list(members)}
        self._rebuild(f"s{story_id}")
        # Its articles in view, as many as fit under its row (a row each: never wrapped).
        row, height = self.highlighted, self.scrollable_content_region.height
        if row is not None and height and row + len(members) >= self.scroll_y + height:
            self.scroll_y = min(row, row + len(members) - height + 1)

    def on_resize(self) -> None:
        """Rows are cut to the pane's width: cut them again (at 80 columns the pane narrows
        when a side pane takes the feeds' place)."""
        if self._stories and self._built_width != self._width():
            self._rebuild(None, at=self.highlighted)

    def _width(self) -> int:
        # Less the mark's gutter, and the scroll bar's cell even when it is not shown: opening
        # a story may make the list long enough to show it, and rows built a cell too wide
        # would wrap onto a second line.
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        if not self.show_vertical_scrollbar:
            width -= self.styles.scrollbar_size_vertical
        return max(12, width) if self.scrollable_content_region.width else 60

    def _rebuild(self, keep: str | None, at: int | None = None) -> None:
        """List the rows, the row ``keep`` (an option id: ``s`` and a story's id, ``a`` and an
        article's) highlighted when listed, or the row at index ``at``, or the first."""
        width = self._built_width = self._width()
        options: list[Option] = []
        for story in self._stories:
            options.append(Option(self._story_text(story, width), id=f"s{story.id}"))
            for article in self._members.get(story.id, []) if story.id == self._open else []:
                options.append(Option(self._article_text(article, width), id=f"a{article.id}"))
        index = next((i for i, option in enumerate(options) if option.id == keep), 0)
        if not options:  # an empty pane says why (the row has no id: nothing to open)
            self.set_options([Option(Text(" " + self.empty_text, style="dim"), disabled=True)])
            return
        top = self.scroll_y
        self.set_options(options)  # which scrolls to the top
        self.scroll_y = top  # the rows stay in place; the highlight scrolls only if it must
        self.highlighted = index if at is None else min(at, len(options) - 1)

    def _story_text(self, story: StorySummary, width: int) -> Text:
        text = Text(no_wrap=True, end="")
        text.append("●" if story.unread else " ", style="bold" if story.unread else "dim")
        if width >= _COLUMNS_FROM:
            text.append(" " + format_time(story.newest) + " ", style="dim")
            source = (
                plural(story.sources, "source")
                if story.sources > 1
                else clip(visible(story.feed_title), _SOURCE_WIDTH, words=False)
            )
            style = "bold" if story.sources > 1 else "dim"
            text.append(pad(source, _SOURCE_WIDTH) + " ", style=style)
        else:
            text.append(" ")
        title = visible(story.title) or "(untitled)"
        text.append(clip(title, width - text.cell_len - 1), style="bold" if story.unread else "")
        return text

    def _article_text(self, article: ArticleSummary, width: int) -> Text:
        text = Text("   ", no_wrap=True, end="")
        text.append("●" if not article.read else " ", style="bold" if not article.read else "dim")
        source_width = _SOURCE_WIDTH + 4 if width >= _COLUMNS_FROM else _SOURCE_WIDTH // 2
        source = clip(visible(article.feed_title), source_width, words=False)
        text.append(" " + pad(source, source_width) + " ", style="dim")
        title = visible(article.title) or "(untitled)"
        text.append(clip(title, width - text.cell_len - 1))
        return text

    def mark_read(self, article_ids: Sequence[int]) -> None:
        """Show ``article_ids`` read (rows already listed)."""
        wanted = set(article_ids)
        for story_id, members in self._members.items():
            self._members[story_id] = [
                ArticleSummary(m.id, m.feed_id, m.feed_title, m.title, m.published, True, m.starred)
                if m.id in wanted
                else m
                for m in members
            ]
        self._stories = [
            StorySummary(
                s.id,
                s.lead_id,
                s.title,
                s.feed_title,
                s.sources,
                s.articles,
                max(0, s.unread - sum(1 for m in self._members.get(s.id, []) if m.id in wanted))
                if s.id in self._members
                else (0 if s.lead_id in wanted and s.articles == 1 else s.unread),
                s.newest,
            )
            for s in self._stories
        ]
        self._rebuild(self._row())

    def set_read(self, article_id: int, read: bool) -> None:
        """Show one article's read state changed (m, or opening it): its row under an open
        story, and the unread count of the story it is listed under or leads."""
        changed: set[int] = set()
        for story_id, members in self._members.items():
            for index, member in enumerate(members):
                if member.id == article_id and member.read != read:
                    members[index] = dataclasses.replace(member, read=read)
                    changed.add(story_id)
        step = -1 if read else 1
        stories = []
        for story in self._stories:
            if story.id in changed or (
                story.lead_id == article_id and story.id not in self._members
            ):  # a closed story: its one article's state is known, several are stepped
                unread = 0 if read else 1
                if story.articles > 1 or story.id in changed:
                    unread = max(0, min(story.articles, story.unread + step))
                story = dataclasses.replace(story, unread=unread)
            stories.append(story)
        self._stories = stories
        self._rebuild(None, at=self.highlighted)

    def on_click(self, event: events.Click) -> None:
        """A click highlights the row; a click on the highlighted row opens it, as in the
        article list (OptionList opens at the first click: a stray one read a whole story)."""
        clicked = event.style.meta.get("option")
        if (
            isinstance(clicked, int)
            and clicked != self.highlighted
            and not self.get_option_at_index(clicked).disabled
        ):
            event.prevent_default()  # not OptionList's own click, which selects too
            self.highlighted = clicked

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        article_id = self.current_id
        if article_id is not None:
            self.post_message(self.ArticleHighlighted(article_id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """The row enter was pressed on (``enter j`` typed fast: the j has moved the cursor
        to the next row by now)."""
        event.stop()
        option = _kind_and_id(event.option.id)
        if option is None:
            return
        kind, number = option
        if kind == "a":
            self.post_message(self.ArticleChosen(number))
            return
        story = next((s for s in self._stories if s.id == number), None)
        if story is not None:
            self.post_message(self.StoryChosen(story))
        else:
            self.story_coming = False

    story_coming = False
    """Enter on a story row: the story (``StoryChosen``) is on its way to the screen, behind
    the keys typed with enter: they wait for its articles."""

    def action_select(self) -> None:
        self.story_coming = self.story_row is not None
        super().action_select()


def _kind_and_id(option_id: str | None) -> tuple[str, int] | None:
    """A row's option id taken apart: ``s`` and a story's id, or ``a`` and an article's."""
    option_id = option_id or ""
    return (option_id[0], int(option_id[1:])) if option_id[1:].isdigit() else None

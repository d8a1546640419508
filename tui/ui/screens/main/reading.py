"""What the main screen reads and shows: feeds, articles, stories, the article."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.worker import get_current_worker

from tui.core.models import (
    Article,
    ArticleScope,
    ArticleSummary,
    Extraction,
    Feed,
    ScopeKind,
    StorySummary,
)
from tui.core.story_union import StoryUnion
from tui.core.watching import SavedSearch
from tui.core.wording import plural
from tui.services.reader_view import (
    ArticleView,
    FirstScreen,
    article_window,
    empty_scope_text,
    has_web_page,
    render_article,
    save_position,
    scope_title,
    wants_full_text,
)
from tui.ui.display import visible
from tui.ui.messages import FirstScreenShown, ListShown
from tui.ui.screens.main.panes import PanesScreen
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.feed_list import FeedList, WatchMarks
from tui.ui.widgets.story_list import StoryList

if TYPE_CHECKING:
    from tui.core.entities import EntityBackend


class ReadingScreen(PanesScreen):
    """Reading: the first screen, the feeds pane's counts, the article list or the stories,
    and the article shown with its extraction, each loaded in a worker of its own group."""

    list_coming = False
    """The articles pane is about to show another list (a feed's, the stories, a story's
    articles), read in a worker: the keys typed in the pane meanwhile (``j 2 j`` arriving
    together over SSH) are the new list's, and the App holds them until it shows."""

    auto_full_text_failed = False
    """A full text fetched on opening (``fulltext = "auto"``) failed and the user was told: the
    next ones that fail say nothing (offline, each article opened toasted an error)."""

    def _list_shown(self) -> None:
        """The keys held for the pane's list (if any) go to it."""
        self.list_coming = False
        self.post_message(ListShown())

    def action_back(self) -> None:
        """esc: leave the highlight, then search results, then go back a pane."""
        if self.body.highlight is not None:
            self.set_highlight(None)
            return
        if self.results_label is not None and self.focused_pane() in ("articles", "feeds", None):
            self.results_label = None
            self.load_scope(self.scope, keep=self.article_list.current_id)
            return
        pane = self.focused_pane()
        previous = {"body": "articles", "entities": "body", "tariffs": "body", "articles": "feeds"}
        if pane in previous:
            self.action_focus_pane(previous[pane])

    # -- start-up and state ----------------------------------------------------------------

    @on(events.Mount)
    def _show_first_data(self) -> None:
        """Apply the first screen's data (Textual runs this beside PanesScreen.on_mount)."""
        if self._first is not None:
            self._show_first_screen(self._first)
            self._first = None

    def _show_first_screen(self, first: FirstScreen) -> None:
        """The data of the first screen, before the first frame; then the App may go on."""
        marks = WatchMarks(first.alert_feeds, first.alert_keys)
        self._apply_feeds(first.feeds, first.starred, first.searches, marks)
        scope = first.scope
        if not self.feed_list.select_scope(scope):  # the saved feed is gone: All instead
            self.feed_list.select_scope(ArticleScope())
            self.scope = ArticleScope()
            self.load_scope(self.scope, keep=first.article_id)
        else:
            self.scope = scope
            self._show_ids(scope, first.ids, first.summaries, first.article_id, True, first.total)
            self._whole_list_after_paint = not first.complete
        # What comes next (the first run's demo feed and extractors, the first article's
        # preview) imports and parses in worker threads, which would take the GIL from the
        # first frame while it is laid out and drawn; they wait until it is out.
        self.call_after_refresh(self._first_frame_painted)

    def _first_frame_painted(self) -> None:
        self._painted = True
        self.post_message(FirstScreenShown())
        if self._whole_list_after_paint:  # the first frame showed the head of a long list
            self._whole_list_after_paint = False
            self.load_scope(self.scope, keep=self.article_list.current_id, announce=False)
        pending, self._preview_after_paint = self._preview_after_paint, None
        if pending is not None and pending == self.article_list.current_id:
            self.load_article(pending, opened=False)

    @work(thread=True, group="state", exit_on_error=False)
    def _save_scope(self, scope: ArticleScope) -> None:
        save_position(self._repo, scope, None)

    # -- feeds -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Feeds or articles changed underneath: reload counts and the current list."""
        self.load_feeds()
        if self.stories_mode:
            stories = self.story_list
            self.load_stories(
                self.scope, reload=True, opened=stories.opened, listed=stories.listed_articles
            )
        if self.results_label is None:
            self.load_scope(self.scope, keep=self.article_list.current_id, announce=False)

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def load_feeds(self) -> None:
        data = self._feeds_data()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_feeds, *data)

    def _feeds_data(
        self,
    ) -> tuple[tuple[Feed, ...], int, tuple[SavedSearch, ...], WatchMarks]:
        """What the feeds pane shows (read in a worker thread)."""
        feeds = tuple(self._repo.feeds())
        starred = self._repo.count_articles(ArticleScope(ScopeKind.STARRED))
        searches = tuple(self._repo.saved_searches())
        return feeds, starred, searches, WatchMarks(*self._repo.alert_marks())

    def _apply_feeds(
        self,
        feeds: tuple[Feed, ...],
        starred: int,
        searches: tuple[SavedSearch, ...] = (),
        marks: WatchMarks | None = None,
    ) -> None:
        listed = self.feed_list.option_count > 0
        marks = marks or WatchMarks()
        if (
            listed
            and feeds == self._feeds
            and starred == self.feed_list.starred_count
            and searches == self.feed_list.searches
            and marks == self.feed_list.marks
        ):
            return  # nothing changed: spare the rebuild of every row
        self._feeds = feeds
        self.feed_list.show(feeds, starred, searches, marks)
        if not self.feed_list.lists(self.scope):
            self._scope_gone()
        self._update_status()

    def _scope_gone(self) -> None:
        """The feed (or folder, or saved search) listed is gone (deleted, or emptied): the
        feeds pane highlights All in its place, and the list shows All too."""
        scope = ArticleScope()
        self.feed_list.select_scope(scope)
        self._list_scope(scope)
        self._save_scope(scope)

    def _list_scope(self, scope: ArticleScope) -> None:
        """List ``scope``: its articles, and its stories in the stories view."""
        self.scope = scope
        self.results_label = None
        self.list_coming = True
        self.load_scope(scope)
        if self.stories_mode:
            self.load_stories(scope)

    @property
    def feeds(self) -> tuple[Feed, ...]:
        return self._feeds

    @on(FeedList.ScopeHighlighted)
    def _scope_highlighted(self, event: FeedList.ScopeHighlighted) -> None:
        self.feed_list.scope_coming = False
        if event.scope == self.scope and self.results_label is None:
            if not self.list_coming:
                self._list_shown()  # no other list comes: the keys held for one go on
            return
        self._list_scope(event.scope)
        self._save_scope(event.scope)

    def go_to_scope(self, scope: ArticleScope) -> None:
        """Show ``scope`` (from the palette): highlight it in the feeds pane and list it."""
        self.feed_list.select_scope(scope)
        self._list_scope(scope)
        self.action_focus_pane("articles")  # the stories, in the stories view

    @on(FeedList.ScopeChosen)
    def _scope_chosen(self, event: FeedList.ScopeChosen) -> None:
        if event.scope != self.scope or self.results_label is not None:
            self.scope = event.scope
            self.results_label = None
            self.list_coming = True
            self.load_scope(event.scope)
        self.action_focus_pane("articles")  # the stories, in the stories view

    # -- article list ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="ids", exit_on_error=False)
    def load_scope(
        self, scope: ArticleScope, keep: int | None = None, announce: bool = True
    ) -> None:
        ids, first = article_window(self._repo, scope, keep)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_ids, scope, ids, first, keep, announce)

    def _show_ids(
        self,
        scope: ArticleScope,
        ids: list[int],
        first: list[ArticleSummary],
        keep: int | None,
        announce: bool,
        total: int | None = None,
    ) -> None:
        if scope != self.scope or self.results_label is not None:
            return
        name = visible(scope_title(scope, self._feeds, self.feed_list.searches))
        title = Text(name, style="bold")
        title.append(f"  {plural(max(len(ids), total or 0), 'article')}", style="dim")
        self._set_articles_status(title)
        self.article_list.empty_text = empty_scope_text(scope, self._feeds)
        self.article_list.border_title = Text(f"2 Articles · {name}")  # Text: never markup
        # A reload keeps the cursor's article: the one it is on now, not the one it was on
        # when the reload began to read (a key moved it meanwhile). When that article is not in
        # the list (the list was empty, or the article is gone), the cursor lands on the first
        # row: show that one.
        if not announce and self.article_list.current_id is not None:
            keep = self.article_list.current_id
        announce = announce or keep not in ids
        self.article_list.set_ids(ids, keep=keep, summaries=first, announce=announce, total=total)
        if not ids:
            self._show_view(None)
        self._update_status()
        if not self.stories_mode:
            self._list_shown()

    def _set_articles_status(self, text: Text) -> None:
        """The status line's count for the article list (shown unless stories are)."""
        self._articles_status = text
        if not self.stories_mode:
            self._status_scope = text

    def show_results(self, label: str, results: Sequence[ArticleSummary]) -> None:
        """Show search (or entity) results as the article list; esc returns to the scope."""
        self.results_label = label
        if self.stories_mode:  # the results are articles: the article list shows them
            self.action_toggle_stories()
        status = Text(label, style="bold")
        status.append(f"  {len(results)} found · esc to go back", style="dim")
        self._set_articles_status(status)
        self.article_list.border_title = Text(f"2 {label}")  # never markup: feed text
        self.article_list.empty_text = "Nothing found"
        self.article_list.set_ids([s.id for s in results], summaries=results)
        if not results:
            self._show_view(None)
        self.article_list.focus()
        self._update_status()

    @on(ArticleList.NeedSummaries)
    def _need_summaries(self, event: ArticleList.NeedSummaries) -> None:
        self.load_summaries(event.ids)

    @work(thread=True, exclusive=True, group="summaries", exit_on_error=False)
    def load_summaries(self, ids: tuple[int, ...]) -> None:
        summaries = self._repo.summaries(ids)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.article_list.add_summaries, summaries)

    @on(ArticleList.Highlighted)
    def _article_highlighted(self, event: ArticleList.Highlighted) -> None:
        if self.stories_mode and self._open_when_highlighted is None:
            return  # the list behind the stories, loaded with them: the stories preview
        self._preview(event.article_id)

    def _preview(self, article_id: int) -> None:
        """The cursor is on ``article_id`` (of the article list, or of the stories): show it,
        or open it when another screen asked for it (show_article)."""
        pending = self._open_when_highlighted
        if pending is not None:
            self._open_when_highlighted = None
            if article_id == pending:
                self.open_article(pending)
                return
            self.app.notify("That article is no longer in the cache", severity="warning")
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        shown, self._shown_when_highlighted = self._shown_when_highlighted, None
        if article_id == shown:
            return
        if not self._painted:
            self._preview_after_paint = article_id
            return
        if self.PREVIEW_DELAY <= 0:
            self.load_article(article_id, opened=False)
        else:
            # Holding j must not parse and extract every article passed over: only the one
            # the cursor rests on is previewed.
            self._preview_timer = self.set_timer(
                self.PREVIEW_DELAY, partial(self.load_article, article_id, False)
            )

    def show_article(self, article_id: int) -> None:
        """Open ``article_id`` from another screen (the tariff tracker).

        It is selected in the article list when the list has it; otherwise the feeds pane
        switches to All, which lists it. Either way it opens once the list's cursor is on it.
        """
        articles = self.article_list
        if articles.current_id == article_id:
            self.open_article(article_id)
            return
        self._open_when_highlighted = article_id
        if articles.move_to(article_id):
            return  # the Highlighted message it posts opens the article
        scope = ArticleScope()
        self.feed_list.select_scope(scope)
        self.scope = scope
        self.results_label = None
        self.load_scope(scope, keep=article_id)

    @on(ArticleList.Selected)
    def _article_selected(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)

    def open_article(self, article_id: int) -> None:
        """Open: mark read, show it, focus the body, fetch the full text when it is a summary."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        self.load_article(article_id, opened=True)
        self.body.focus()

    # -- stories across feeds (v) ------------------------------------------------------------

    STORIES_SHOWN = 1000
    """Newest stories listed in the stories view."""

    def action_toggle_stories(self) -> None:
        """Show stories across feeds in the articles pane, or articles again."""
        self.toggle_class("-stories")
        if self.stories_mode:  # the cursor on the story of the article shown
            shown = () if self.view is None else (self.view.article.id,)
            self.list_coming = True
            self.load_stories(self.scope, listed=shown)
            self.story_list.focus()
        else:
            self.article_list.focus()
            # The cursor goes to the article read in the stories view (the body keeps it
            # and its place), so the article keys act on what is shown.
            if self.view is not None and self.view.article.id != self.article_list.current_id:
                self._shown_when_highlighted = self.view.article.id
                if not self.article_list.move_to(self.view.article.id):
                    self._shown_when_highlighted = None
            self._status_scope = self._articles_status
            self._update_status()
            if self.extraction is not None:  # the panes may show a story's union
                self.entities_pane.entities = self.extraction.entities
                self.tariff_pane.rows = self.extraction.tariffs

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def load_stories(
        self,
        scope: ArticleScope,
        *,
        reload: bool = False,
        opened: int | None = None,
        listed: Sequence[int] = (),
    ) -> None:
        """List the stories of ``scope``, the cursor on the story of the first ``listed``
        article when there is one; a ``reload`` (after a refresh) keeps the story ``opened``
        open, its articles read again, and the cursor where it is, following the ``listed``
        articles (StoryList.listed_articles) into the stories grouping put them."""
        repo = self._repo
        ids = repo.story_ids(scope)[: self.STORIES_SHOWN]
        stories = repo.story_summaries(ids)
        moved = repo.stories_of([*listed, *([] if opened is None else [opened])])
        members = None
        if opened is not None:
            members = (opened, repo.story_articles(moved.get(opened, opened)))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_stories, scope, stories, reload, members, moved)

    def _show_stories(
        self,
        scope: ArticleScope,
        stories: list[StorySummary],
        reload: bool,
        opened: tuple[int, list[ArticleSummary]] | None,
        moved: dict[int, int],
    ) -> None:
        if scope != self.scope:
            return
        name = visible(scope_title(scope, self._feeds, self.feed_list.searches))
        self.story_list.border_title = Text(f"2 Stories · {name}")  # Text: never markup
        self.story_list.empty_text = empty_scope_text(scope, self._feeds)
        if reload:
            self.story_list.reload(stories, opened, moved)
        else:
            self.story_list.show(stories, next(iter(moved.values()), None))  # listed[0]'s
        if self.stories_mode:  # not when the articles came back before this load ended
            self._status_scope = Text(name, style="bold")
            self._status_scope.append(f"  {plural(len(stories), 'story', 'stories')}", style="dim")
            self._update_status()
            self._list_shown()

    @on(StoryList.ArticleHighlighted)
    def _story_article_highlighted(self, event: StoryList.ArticleHighlighted) -> None:
        self._preview(event.article_id)

    @on(StoryList.ArticleChosen)
    def _story_article_chosen(self, event: StoryList.ArticleChosen) -> None:
        self.open_article(event.article_id)

    @on(StoryList.StoryChosen)
    def _story_chosen(self, event: StoryList.StoryChosen) -> None:
        self.story_list.story_coming = False
        self.list_coming = True  # its articles, under it: enter j is the first of them
        self._open_story(event.story)

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def _open_story(self, story: StorySummary) -> None:
        """List the story's articles under it; reading it marks them all read (when
        ``story_marks_read`` is on: the default)."""
        members = self._repo.story_articles(story.id)
        unread = [m.id for m in members if not m.read]
        if self._settings.story_marks_read and unread:
            self._repo.set_read(unread, True)
            members = [dataclasses.replace(m, read=True) for m in members]
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._story_opened, story, members, unread)

    def _story_opened(
        self, story: StorySummary, members: list[ArticleSummary], marked: list[int]
    ) -> None:
        self.story_list.open_story(story.id, members)
        if self._settings.story_marks_read and marked:
            self.story_list.mark_read(marked)
            self.load_feeds()
        self.load_article(story.lead_id, opened=False)
        self._list_shown()

    def _story_for_panes(self, article_id: int) -> StorySummary | None:
        """The story whose union the side panes show with ``article_id`` in the body: its row
        is highlighted, it has several articles and ``article_id`` is its lead."""
        story = self.story_list.story_row if self.stories_mode else None
        if story is None or story.articles < 2 or story.lead_id != article_id:
            return None
        return story

    @work(thread=True, exclusive=True, group="story-panes", exit_on_error=False)
    def _load_story_panes(self, story: StorySummary) -> None:
        from tui.services.story_panes import story_panes

        backend = self._entity_backend.get(self._say_config_problem)
        union = story_panes(self._repo, story.id, story.lead_id, backend)
        if union is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_story_panes, story, union)

    def _show_story_panes(self, story: StorySummary, union: StoryUnion) -> None:
        shown = self.view.article.id if self.view is not None else None
        current = None if shown is None else self._story_for_panes(shown)
        if current is None or current.id != story.id:
            return  # the cursor has moved on
        self.entities_pane.show_story(union.entities, len(union.sources))
        self.tariff_pane.show_story(union.tariffs, len(union.sources))

    # -- article ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(self, article_id: int, opened: bool) -> None:
        worker = get_current_worker()
        repo = self._repo
        article = repo.article(article_id)
        if article is None or worker.is_cancelled:
            return
        if opened and not article.read:
            repo.set_read([article_id], True)
            article = dataclasses.replace(article, read=True)
        view = render_article(article)
        if worker.is_cancelled:
            return
        backend = self._entity_backend.get(self._say_config_problem)
        if backend is not None:  # a model may take a while over a long text: the body first
            self.app.call_from_thread(self._show_view, view, opened)
        show_extraction, store = self._extraction(article, backend)
        if worker.is_cancelled:
            return
        if backend is None:
            # The rules take a few milliseconds (or the store has it): the body and the panes
            # change in one call, so in one frame; each change of the body or of a pane lays
            # the screen out again, and two layouts a preview held key presses back.
            self.app.call_from_thread(self._show_article, view, opened, show_extraction)
        else:
            self.app.call_from_thread(show_extraction)
        store()
        if opened:  # already in a worker thread: write the state here
            save_position(repo, self.scope, article_id)
        if opened and wants_full_text(article, self._feeds, self._settings.fulltext):
            self.app.call_from_thread(self.action_full_text, True)

    def _extraction(
        self, article: Article, backend: EntityBackend | None
    ) -> tuple[Callable[[], None], Callable[[], None]]:
        """Entities and tariffs for ``article`` (in the calling worker thread), of the text it
        holds: the full text when fetched, else the feed's. Returns what shows them (on the
        main thread) and what stores a fresh extraction for next time (here, after showing)."""
        from tui.services.extraction import current_extraction, store_extraction

        show = partial(self._show_extraction, article.id, bool(article.full_text))
        try:
            extraction, fresh = current_extraction(self._repo, article, backend)
        except Exception as exc:  # an extractor bug must not take the reader down
            return partial(show, None, str(exc)), lambda: None

        def store() -> None:
            if fresh:
                # A failure loses only the cache: the next showing extracts again.
                with contextlib.suppress(Exception):
                    store_extraction(self._repo, article, extraction)

        return partial(show, extraction, None), store

    def _show_article(
        self, view: ArticleView, opened: bool, show_extraction: Callable[[], None]
    ) -> None:
        self._show_view(view, opened)
        show_extraction()

    def _say_config_problem(self, line: str) -> None:
        """A setting that cannot be honoured here (spaCy absent): said once, like the others."""
        self.notify(line, severity="warning", markup=False, timeout=30)

    def _show_view(self, view: ArticleView | None, opened: bool = False) -> None:
        if view is None or self.view is None or view.article.id != self.view.article.id:
            self.set_highlight(None)
        self.view = view
        self.body.view = view
        if view is None:
            self.extraction = None
            self.entities_pane.empty_text = "No article selected"
            self.entities_pane.entities = ()
            self.tariff_pane.rows = ()
            return
        summary = self.article_list.summary(view.article.id)
        if summary is not None and summary.read != view.article.read:
            self.article_list.update_summary(dataclasses.replace(summary, read=view.article.read))
            self.load_feeds()
        stories = self.story_list
        if (
            opened
            and self.stories_mode
            and stories.story_row is None  # on an article row of the open story: the one opened
            and stories.current_id == view.article.id
        ):  # its row under its story, and the story's count
            stories.set_read(view.article.id, view.article.read)
        self.body.border_title = "3 Article"

    def _show_extraction(
        self,
        article_id: int,
        from_full_text: bool,
        extraction: Extraction | None,
        problem: str | None,
    ) -> None:
        if self.view is None or self.view.article.id != article_id:
            return
        if from_full_text != self.view.full_text:
            return  # of the feed's text, which the full text has replaced meanwhile
        if extraction != self.extraction:  # new offsets: the highlight would point elsewhere
            self.set_highlight(None)
        self.extraction = extraction
        if extraction is None:
            self.entities_pane.empty_text = f"Entity extraction {problem or 'failed'}"
            self.entities_pane.entities = ()
            self.tariff_pane.rows = ()
            return
        self.entities_pane.empty_text = "No people, organisations or places found"
        self.entities_pane.entities = extraction.entities
        self.tariff_pane.rows = extraction.tariffs
        story = self._story_for_panes(article_id)
        if story is not None:
            self._load_story_panes(story)

    def _current_article(self) -> Article | None:
        """The article shown in the body, or None (and the user is told)."""
        if self.view is None:
            self.app.notify("No article selected", severity="warning")
            return None
        return self.view.article

    # -- full text -------------------------------------------------------------------------

    def action_full_text(self, opening: bool = False) -> None:
        """Fetch the article's page (``f``, or ``opening`` it with ``fulltext = "auto"``)."""
        article = self._current_article()
        if article is None:
            return
        if not has_web_page(article, self._feeds):
            self.app.notify("This article has no web page to fetch", severity="warning")
            return
        self.set_refresh_status("Fetching the full text…")
        self._fetch_full_text(article, opening)

    def _full_text_failed(self, failure: str, opening: bool) -> None:
        """Say why the page was not fetched: each time for ``f``; for pages fetched on opening,
        once until one is fetched again."""
        if not opening:
            self.app.notify(f"Full text failed: {failure}", severity="error", markup=False)
        elif not self.auto_full_text_failed:
            self.auto_full_text_failed = True
            self.app.notify(
                f"Full text not fetched: {failure}. The feed's text is shown; f tries again,"
                " and the next articles that fail say nothing",
                severity="warning",
                markup=False,
                timeout=10,
            )

    @work(thread=True, exclusive=True, group="fulltext", exit_on_error=False)
    def _fetch_full_text(self, article: Article, opening: bool = False) -> None:
        worker = get_current_worker()  # cancelled by a newer fetch, or when the app closes
        from tui.services.fulltext import InternalAddress, load_full_text

        try:
            updated = load_full_text(
                self._repo,
                article,
                settings=self._settings,
                cache_dir=self._cache_dir,
                allow_internal=self._internal_hosts.rule(),
                should_stop=lambda: worker.is_cancelled,
            )
        except InternalAddress as exc:  # ask (once per host), then fetch again
            self.app.call_from_thread(self.set_refresh_status, "")
            again = partial(self._fetch_full_text, article, opening)
            self.app.call_from_thread(self._internal_hosts.ask, self.app, exc.host, again)
            return
        except Exception as exc:  # FullTextError or anything the network throws
            self.app.call_from_thread(self.set_refresh_status, "")
            if not worker.is_cancelled:
                self.app.call_from_thread(self._full_text_failed, str(exc), opening)
            return
        self.auto_full_text_failed = False
        view = render_article(updated)
        self.app.call_from_thread(self.set_refresh_status, "")
        self.app.call_from_thread(self._show_full_text, view)
        show_extraction, store = self._extraction(
            updated, self._entity_backend.get(self._say_config_problem)
        )
        if not worker.is_cancelled:
            self.app.call_from_thread(show_extraction)
        store()

    def _show_full_text(self, view: ArticleView) -> None:
        if self.view is not None and self.view.article.id == view.article.id:
            self.set_highlight(None)  # its offsets are the feed text's; the new text's follow
            self._show_view(view)
            self.app.notify("Full text loaded")

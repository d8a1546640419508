"""The main screen: five panes, the status line and the footer.

It routes what the panes report (messages up) into thread workers that read or write the
repository, and hands the results back to the panes (attributes down). Every read runs in an
``exclusive`` worker of its own group, so moving fast through a list cancels stale loads. What
the user asks of the app (open a link, refresh, add or delete a feed) leaves as a message
(tui.ui.messages) that the App handles; the screen never calls the App.

The keys of one pane are bound on that pane (tui.ui.keys): most run an action here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.worker import Worker, get_current_worker

from tui.config import Settings
from tui.core.enclosures import describe
from tui.core.models import (
    Article,
    ArticleScope,
    ArticleSummary,
    Entity,
    Extraction,
    Feed,
    ScopeKind,
    StorySummary,
)
from tui.core.wording import plural
from tui.services.entity_backend import ConfiguredBackend
from tui.services.reader_view import (
    ArticleView,
    FirstScreen,
    article_window,
    has_web_page,
    render_article,
    save_position,
    scope_feeds,
    scope_title,
    wants_full_text,
)
from tui.store.repository import Repository
from tui.ui.display import visible
from tui.ui.highlight import Highlight, entity_highlight, evidence_highlight
from tui.ui.internal_hosts import InternalHosts
from tui.ui.keys import MAIN_BINDINGS
from tui.ui.messages import (
    AddFeedRequested,
    CopyLink,
    DeleteFeedRequested,
    DownloadRequested,
    FirstScreenShown,
    OpenUrl,
    PlayRequested,
    RefreshRequested,
)
from tui.ui.widgets.article_body import ArticleBody
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.entities_pane import EntitiesPane
from tui.ui.widgets.feed_list import FeedList
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.tariff_pane import TariffPane
from tui.ui.worker_errors import report_failure

PANES: dict[str, str] = {
    "feeds": "#feeds",
    "articles": "#articles",
    "body": "#body",
    "entities": "#entities",
    "tariffs": "#tariff-table",
}


class MainScreen(Screen[None]):
    """Feeds, articles, the article, its entities and its tariffs."""

    BINDINGS = MAIN_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    AUTO_FOCUS = "#articles"
    PREVIEW_DELAY = 0.12
    """Seconds the cursor must rest on an article before it is previewed (0: at once)."""

    def __init__(
        self,
        repo: Repository,
        settings: Settings,
        *,
        cache_dir: Path,
        internal_hosts: InternalHosts,
        first: FirstScreen | None = None,
    ) -> None:
        """``first``: the first screen's data, loaded by the App before it pushes this screen,
        applied when it mounts: start-up paints one full screen, not an empty one filled in a
        moment later. ``internal_hosts`` is the App's: one question per host for both."""
        super().__init__()
        self._repo = repo
        self._settings = settings
        self._cache_dir = cache_dir
        self._internal_hosts = internal_hosts
        self._entity_backend = ConfiguredBackend(settings.entity_backend)
        self._first = first
        self.scope = ArticleScope()
        self.results_label: str | None = None
        self.view: ArticleView | None = None
        self.extraction: Extraction | None = None
        self._feeds: tuple[Feed, ...] = ()
        self._status_scope = Text()
        self._refresh_status = ""
        self._open_when_highlighted: int | None = None
        self._preview_timer: Timer | None = None
        self._painted = first is None
        """Whether the first frame is on the terminal (see :meth:`_show_first_screen`)."""
        self._preview_after_paint: int | None = None

    # -- composition ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield FeedList(id="feeds", classes="pane")
            with Vertical(id="center"):
                yield ArticleList(id="articles", classes="pane")
                yield StoryList(id="stories", classes="pane")
                yield ArticleBody(id="body", classes="pane")
            with Vertical(id="side"):
                yield EntitiesPane(id="entities", classes="pane")
                yield TariffPane(id="tariffs", classes="pane")
        yield Static(id="status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#feeds").border_title = "1 Feeds"
        self.query_one("#articles").border_title = "2 Articles"
        self.query_one("#stories").border_title = "2 Stories"
        self.query_one("#body").border_title = "3 Article"
        self.query_one("#entities").border_title = "4 Entities"
        self.query_one("#tariffs").border_title = "5 Tariffs"
        if self._first is not None:
            self._show_first_screen(self._first)
            self._first = None

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    @property
    def feed_list(self) -> FeedList:
        return self.query_one(FeedList)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def story_list(self) -> StoryList:
        return self.query_one(StoryList)

    @property
    def stories_mode(self) -> bool:
        """Whether the articles pane shows stories across feeds (``v``)."""
        return self.has_class("-stories")

    @property
    def body(self) -> ArticleBody:
        return self.query_one(ArticleBody)

    @property
    def entities_pane(self) -> EntitiesPane:
        return self.query_one(EntitiesPane)

    @property
    def tariff_pane(self) -> TariffPane:
        return self.query_one(TariffPane)

    # -- status line -----------------------------------------------------------------------

    def set_refresh_status(self, text: str) -> None:
        self._refresh_status = text
        self._update_status()

    def _update_status(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append_text(self._status_scope)
        failing = sum(1 for f in self._feeds if f.failing)
        if failing:
            line.append(f"  ! {plural(failing, 'feed')} failing (E)", "bold red")
        if self._refresh_status:
            line.append("  " + self._refresh_status, style="italic")
        # One row, fixed height: no layout pass for it (a layout per refresh tick re-rendered
        # every pane, scroll bars included, and kept keys waiting during a refresh).
        self.query_one("#status", Static).update(line, layout=False)

    # -- focus and layout ------------------------------------------------------------------

    def focused_pane(self) -> str | None:
        node: Widget | None = self.focused
        while node is not None:
            if node.id == "stories":
                return "articles"
            for name, selector in PANES.items():
                if node.id == selector[1:]:
                    return name
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane = self.focused_pane()
        self.set_class(pane in ("entities", "tariffs"), "-side-focus")
        self.set_class(pane in ("body", "entities", "tariffs"), "-reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``]`` and ``[`` only while the body highlights more than one span."""
        if action == "step_highlight":
            highlight = self.body.highlight
            return highlight is not None and len(highlight.spans) > 1
        return True

    def action_focus_pane(self, name: str) -> None:
        selector = PANES.get(name)
        if selector is None:
            return
        if name == "articles" and self.stories_mode:
            selector = "#stories"
        if name in ("entities", "tariffs"):
            self.add_class("-side-focus")
            self.remove_class("-side-hidden")  # hidden with x: going there shows them again
        self.query_one(selector).focus()

    def action_cycle_pane(self, step: int) -> None:
        """The next (or previous) of the five panes. Not Textual's focus chain: at 80 columns
        the side panes are folded away (not displayed), and it would skip them."""
        names = list(PANES)
        current = self.focused_pane()
        index = names.index(current) if current in names else -step
        self.action_focus_pane(names[(index + step) % len(names)])

    def action_toggle_side(self) -> None:
        self.toggle_class("-side-hidden" if "-wide" in self.classes else "-side-shown")

    def action_back(self) -> None:
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

    def action_page_body(self, direction: int) -> None:
        self.body.page(direction)

    # -- start-up and state ----------------------------------------------------------------

    def _show_first_screen(self, first: FirstScreen) -> None:
        """The data of the first screen, before the first frame; then the App may go on."""
        self._apply_feeds(first.feeds, first.starred)
        scope = first.scope
        if not self.feed_list.select_scope(scope):  # the saved feed is gone: All instead
            self.feed_list.select_scope(ArticleScope())
            self.scope = ArticleScope()
            self.load_scope(self.scope, keep=first.article_id)
        else:
            self.scope = scope
            self._show_ids(scope, first.ids, first.summaries, first.article_id, True)
        # What comes next (the first run's demo feed and extractors, the first article's
        # preview) imports and parses in worker threads, which took the GIL from the first
        # frame: it reached the terminal 0.3-0.6 s late on the very first start. They wait
        # until it is out.
        self.call_after_refresh(self._first_frame_painted)

    def _first_frame_painted(self) -> None:
        self._painted = True
        self.post_message(FirstScreenShown())
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
            story = self.story_list.story
            self.load_stories(self.scope, None if story is None else story.id)
        if self.results_label is None:
            self.load_scope(self.scope, keep=self.article_list.current_id, announce=False)

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def load_feeds(self) -> None:
        feeds = tuple(self._repo.feeds())
        starred = self._repo.count_articles(ArticleScope(ScopeKind.STARRED))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._apply_feeds, feeds, starred)

    def _apply_feeds(self, feeds: tuple[Feed, ...], starred: int) -> None:
        listed = self.feed_list.option_count > 0
        if listed and feeds == self._feeds and starred == self.feed_list.starred_count:
            return  # nothing changed: spare the rebuild of every row
        self._feeds = feeds
        self.feed_list.show(feeds, starred)
        self._update_status()

    @property
    def feeds(self) -> tuple[Feed, ...]:
        return self._feeds

    @on(FeedList.ScopeHighlighted)
    def _scope_highlighted(self, event: FeedList.ScopeHighlighted) -> None:
        if event.scope == self.scope and self.results_label is None:
            return
        self.scope = event.scope
        self.results_label = None
        self.load_scope(event.scope)
        if self.stories_mode:
            self.load_stories(event.scope)
        self._save_scope(event.scope)

    def go_to_scope(self, scope: ArticleScope) -> None:
        """Show ``scope`` (from the palette): highlight it in the feeds pane and list it."""
        self.feed_list.select_scope(scope)
        self.scope = scope
        self.results_label = None
        self.load_scope(scope)
        self.article_list.focus()

    @on(FeedList.ScopeChosen)
    def _scope_chosen(self, event: FeedList.ScopeChosen) -> None:
        if event.scope != self.scope or self.results_label is not None:
            self.scope = event.scope
            self.results_label = None
            self.load_scope(event.scope)
        self.article_list.focus()

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
    ) -> None:
        if scope != self.scope or self.results_label is not None:
            return
        name = visible(scope_title(scope, self._feeds))
        title = Text(name, style="bold")
        title.append(f"  {plural(len(ids), 'article')}", style="dim")
        self._status_scope = title
        self.article_list.empty_text = "No articles here yet"
        self.article_list.border_title = Text(f"2 Articles · {name}")  # Text: never markup
        self.article_list.set_ids(ids, keep=keep, summaries=first, announce=announce)
        if not ids:
            self._show_view(None)
        self._update_status()

    def show_results(self, label: str, results: Sequence[ArticleSummary]) -> None:
        """Show search (or entity) results as the article list; esc returns to the scope."""
        self.results_label = label
        self._status_scope = Text(label, style="bold")
        self._status_scope.append(f"  {len(results)} found · esc to go back", style="dim")
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
        pending = self._open_when_highlighted
        if pending is not None:
            self._open_when_highlighted = None
            if event.article_id == pending:
                self.open_article(pending)
                return
            self.app.notify("That article is no longer in the cache", severity="warning")
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        if not self._painted:
            self._preview_after_paint = event.article_id
            return
        if self.PREVIEW_DELAY <= 0:
            self.load_article(event.article_id, opened=False)
        else:
            # Holding j must not parse and extract every article passed over: only the one
            # the cursor rests on is previewed.
            self._preview_timer = self.set_timer(
                self.PREVIEW_DELAY, partial(self.load_article, event.article_id, False)
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
        if self.stories_mode:
            self.load_stories(self.scope)
            self.story_list.focus()
        else:
            self.article_list.focus()

    @work(thread=True, exclusive=True, group="stories", exit_on_error=False)
    def load_stories(self, scope: ArticleScope, keep: int | None = None) -> None:
        ids = self._repo.story_ids(scope)[: self.STORIES_SHOWN]
        stories = self._repo.story_summaries(ids)
        members = self._repo.story_articles(keep) if keep is not None else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_stories, scope, stories, keep, members)

    def _show_stories(
        self,
        scope: ArticleScope,
        stories: list[StorySummary],
        keep: int | None,
        members: list[ArticleSummary] | None,
    ) -> None:
        if scope != self.scope:
            return
        name = visible(scope_title(scope, self._feeds))
        self.story_list.border_title = Text(f"2 Stories · {name}")  # Text: never markup
        open_story = keep if members is not None and self.story_list.story is not None else None
        self.story_list.show(stories, keep)
        if open_story is not None and members is not None:
            self.story_list.open_story(open_story, members)
        self._status_scope = Text(name, style="bold")
        self._status_scope.append(f"  {plural(len(stories), 'story', 'stories')}", style="dim")
        self._update_status()

    @on(StoryList.ArticleHighlighted)
    def _story_article_highlighted(self, event: StoryList.ArticleHighlighted) -> None:
        self._article_highlighted(ArticleList.Highlighted(event.article_id))

    @on(StoryList.ArticleChosen)
    def _story_article_chosen(self, event: StoryList.ArticleChosen) -> None:
        self.open_article(event.article_id)

    @on(StoryList.StoryChosen)
    def _story_chosen(self, event: StoryList.StoryChosen) -> None:
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
        self.app.call_from_thread(self._show_view, view, opened)
        if opened:  # already in a worker thread: write the state here
            save_position(repo, self.scope, article_id)
        self._extract(article)
        if opened and wants_full_text(article, self._feeds, self._settings.fulltext):
            self.app.call_from_thread(self.action_full_text)

    def _extract(self, article: Article) -> None:
        """Entities and tariffs for ``article`` (in the calling worker thread), of the text it
        holds: the full text when fetched, else the feed's."""
        worker = get_current_worker()
        show = partial(self._show_extraction, article.id, bool(article.full_text))
        from tui.services.extraction import extraction_for

        try:
            backend = self._entity_backend.get(self._say_config_problem)
            extraction = extraction_for(self._repo, article, backend)
        except Exception as exc:  # an extractor bug must not take the reader down
            self.app.call_from_thread(show, None, str(exc))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(show, extraction, None)

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

    # -- actions on the article ------------------------------------------------------------

    def _current_article(self) -> Article | None:
        if self.view is None:
            self.app.notify("No article selected", severity="warning")
            return None
        return self.view.article

    def action_toggle_read(self) -> None:
        article = self._current_article()
        if article is not None:
            self._set_flags(article, read=not article.read)

    def action_toggle_star(self) -> None:
        article = self._current_article()
        if article is not None:
            self._set_flags(article, starred=not article.starred)

    def _set_flags(
        self, article: Article, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        updated = dataclasses.replace(
            article,
            read=article.read if read is None else read,
            starred=article.starred if starred is None else starred,
        )
        if self.view is not None:
            self.view = dataclasses.replace(self.view, article=updated)
            self.body.view = self.view
        summary = self.article_list.summary(article.id)
        if summary is not None:
            self.article_list.update_summary(
                dataclasses.replace(summary, read=updated.read, starred=updated.starred)
            )
        self._write_flags(article.id, read, starred)
        if starred is not None:
            self.app.notify("Starred" if starred else "Unstarred")

    @work(thread=True, group="write", exit_on_error=False)
    def _write_flags(self, article_id: int, read: bool | None, starred: bool | None) -> None:
        if read is not None:
            self._repo.set_read([article_id], read)
        if starred is not None:
            self._repo.set_starred(article_id, starred)
        self.app.call_from_thread(self.load_feeds)

    def action_mark_scope_read(self) -> None:
        """A: one feed is marked read at once; All or a folder (every article of several
        feeds, next to `a` on the keyboard) asks first."""
        scope = self.scope
        if scope.kind not in (ScopeKind.ALL, ScopeKind.FOLDER):
            self._mark_scope_read(scope)
            return
        feeds = scope_feeds(scope, self._feeds) or self._feeds
        unread = sum(f.unread for f in feeds)
        if not unread:
            self.app.notify("Nothing unread here")
            return
        from tui.ui.screens.confirm import ConfirmScreen

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._mark_scope_read(scope)

        question = Text(f"Mark {plural(unread, 'unread article')} in ")
        question.append(visible(scope_title(scope, self._feeds)), style="bold")
        question.append(" read?")
        self.app.push_screen(ConfirmScreen(question), done)

    @work(thread=True, group="write", exit_on_error=False)
    def _mark_scope_read(self, scope: ArticleScope) -> None:
        changed = self._repo.mark_scope_read(scope)
        self.app.call_from_thread(self.reload)
        self.app.notify(f"Marked {plural(changed, 'article')} read")

    def action_next_unread(self, direction: int) -> None:
        current = self.article_list.current_id
        if self.results_label is not None:
            self._next_unread_in_list(current, direction > 0)
            return
        self._find_unread(self.scope, current, direction > 0)

    def _next_unread_in_list(self, current: int | None, forward: bool) -> None:
        ids = list(self.article_list.ids)
        start = ids.index(current) if current in ids else (-1 if forward else len(ids))
        order = ids[start + 1 :] if forward else list(reversed(ids[:start]))
        for article_id in order:
            summary = self.article_list.summary(article_id)
            if summary is not None and not summary.read:
                self.article_list.move_to(article_id)
                self.open_article(article_id)
                return
        self.app.notify("No more unread articles")

    @work(thread=True, exclusive=True, group="unread", exit_on_error=False)
    def _find_unread(self, scope: ArticleScope, current: int | None, forward: bool) -> None:
        found = self._repo.neighbour_unread(scope, current, forward)
        self.app.call_from_thread(self._go_unread, found)

    def _go_unread(self, article_id: int | None) -> None:
        if article_id is None:
            self.app.notify("No more unread articles")
            return
        if self.article_list.move_to(article_id):
            self.open_article(article_id)

    def _with_article(self, action: Callable[[Article], object]) -> None:
        """Run ``action`` on the highlighted article, even before its preview has loaded."""
        wanted = (self.story_list if self.stories_mode else self.article_list).current_id
        if self.view is not None and (wanted is None or self.view.article.id == wanted):
            action(self.view.article)
        elif wanted is not None:
            self._load_then(wanted, action)
        else:
            self.app.notify("No article selected", severity="warning")

    @work(thread=True, group="article-action", exit_on_error=False)
    def _load_then(self, article_id: int, action: Callable[[Article], object]) -> None:
        article = self._repo.article(article_id)
        if article is not None:
            self.app.call_from_thread(action, article)

    def action_open_link(self) -> None:
        self._with_article(lambda article: self.post_message(OpenUrl(article.link)))

    def action_copy_link(self) -> None:
        self._with_article(lambda article: self.post_message(CopyLink(article.link)))

    def action_list_links(self) -> None:
        if self.view is None:
            self.app.notify("No article selected", severity="warning")
            return
        from tui.ui.screens.links import LinksScreen

        article = self.view.article
        links = self.view.links
        if article.link and article.link not in links:
            links = (*links, article.link)
        details = {e.url: describe(e) or "enclosure" for e in article.enclosures}
        links = (*links, *(url for url in details if url not in links))
        if not links:
            self.app.notify("This article has no links")
            return
        self.app.push_screen(LinksScreen(links, details))

    # -- enclosures ------------------------------------------------------------------------

    def action_download(self) -> None:
        """D: queue the article's enclosures for download (the App does it)."""
        self._with_article(self._download)

    def _download(self, article: Article) -> None:
        if not article.enclosures:
            self.app.notify("This article has no podcast or file to download", severity="warning")
            return
        self.post_message(DownloadRequested(article))

    def action_play(self) -> None:
        """P: play the article's first enclosure: its file when downloaded, else the stream."""
        self._with_article(self._play)

    def _play(self, article: Article) -> None:
        if not article.enclosures:
            self.app.notify("This article has no podcast or video to play", severity="warning")
            return
        self.post_message(PlayRequested(article.enclosures[0].url))

    def action_downloads(self) -> None:
        from tui.ui.screens.downloads import DownloadsScreen

        self.app.push_screen(DownloadsScreen(self._repo, self._settings))

    def action_full_text(self) -> None:
        article = self._current_article()
        if article is None:
            return
        if not has_web_page(article, self._feeds):
            self.app.notify("This article has no web page to fetch", severity="warning")
            return
        self.set_refresh_status("Fetching the full text…")
        self._fetch_full_text(article)

    @work(thread=True, exclusive=True, group="fulltext", exit_on_error=False)
    def _fetch_full_text(self, article: Article) -> None:
        worker = get_current_worker()  # cancelled by a newer fetch, or when the app closes
        from tui.services.fulltext import InternalAddress
        from tui.services.reading import load_full_text

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
            again = partial(self._fetch_full_text, article)
            self.app.call_from_thread(self._internal_hosts.ask, self.app, exc.host, again)
            return
        except Exception as exc:  # FullTextError or anything the network throws
            self.app.call_from_thread(self.set_refresh_status, "")
            if not worker.is_cancelled:
                self.app.notify(f"Full text failed: {exc}", severity="error", markup=False)
            return
        view = render_article(updated)
        self.app.call_from_thread(self.set_refresh_status, "")
        self.app.call_from_thread(self._show_full_text, view)
        self._extract(updated)

    def _show_full_text(self, view: ArticleView) -> None:
        if self.view is not None and self.view.article.id == view.article.id:
            self.set_highlight(None)  # its offsets are the feed text's; the new text's follow
            self._show_view(view)
            self.app.notify("Full text loaded")

    # -- highlight view (entity mentions, tariff evidence) -----------------------------------

    def set_highlight(self, highlight: Highlight | None) -> None:
        """Show ``highlight`` in the body (None: the article again)."""
        if highlight is None and self.body.highlight is None:
            return
        self.body.highlight = highlight
        self.refresh_bindings()

    def _choose(self, source: object, build: Callable[[str], Highlight | None], what: str) -> None:
        """Highlight what ``build`` finds in the extracted text; the same choice again steps on."""
        current = self.body.highlight
        if current is not None and current.source == source:
            self.set_highlight(current.step(1))
            return
        highlight = build(self.extraction.text) if self.extraction is not None else None
        if highlight is None:
            self.app.notify(f"Nothing to highlight for {visible(what)}", markup=False)
            return
        self.set_highlight(highlight)

    @on(EntitiesPane.EntityChosen)
    def _entity_chosen(self, event: EntitiesPane.EntityChosen) -> None:
        entity = event.entity
        self._choose(entity, lambda text: entity_highlight(text, entity), entity.name)

    @on(TariffPane.RowChosen)
    def _tariff_row_chosen(self, event: TariffPane.RowChosen) -> None:
        row = event.row
        self._choose(row, lambda text: evidence_highlight(text, row), row.country)

    def action_step_highlight(self, direction: int) -> None:
        highlight = self.body.highlight
        if highlight is None:
            self.app.notify("Press enter on an entity or a tariff row to highlight it first")
            return
        self.set_highlight(highlight.step(direction))

    # -- entities --------------------------------------------------------------------------

    def action_entity_articles(self) -> None:
        entity = self.entities_pane.entity
        if entity is None:
            self.app.notify("No entity selected", severity="warning")
            return
        self._entity_search(entity)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _entity_search(self, entity: Entity) -> None:
        from tui.services.entity_search import articles_naming

        results = articles_naming(self._repo, entity)
        self.app.call_from_thread(self.show_results, f"Mentions of {visible(entity.name)}", results)

    # -- search ----------------------------------------------------------------------------

    def action_search(self) -> None:
        from tui.ui.screens.search import SearchScreen

        def done(query: str | None) -> None:
            if query:
                self._search(query)

        self.app.push_screen(SearchScreen(), done)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str) -> None:
        results = self._repo.search(query)
        label = f"Search: {visible(query)}"
        self.app.call_from_thread(self.show_results, label, results)

    # -- feeds actions ---------------------------------------------------------------------

    def action_refresh_feed(self) -> None:
        feeds = scope_feeds(self.scope, self._feeds)
        self.post_message(RefreshRequested(None if feeds is None else tuple(feeds)))

    def action_refresh_all(self) -> None:
        self.post_message(RefreshRequested(None))

    def action_add_feed(self) -> None:
        from tui.ui.screens.add_feed import AddFeedScreen

        def done(url: str | None) -> None:
            if url:
                self.post_message(AddFeedRequested(url))

        self.app.push_screen(AddFeedScreen(), done)

    def action_delete_feed(self) -> None:
        feed = self.feed_list.feed
        if feed is None:
            self.app.notify("Highlight a feed in the feeds pane first", severity="warning")
            return
        from tui.ui.screens.confirm import ConfirmScreen

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.post_message(DeleteFeedRequested(feed))

        question = Text("Delete the feed ")
        question.append(visible(feed.display_title), style="bold")
        question.append(f" and its {plural(feed.total, 'article')}?")
        self.app.push_screen(ConfirmScreen(question), done)

    def action_feed_errors(self) -> None:
        from tui.ui.screens.feed_errors import FeedErrorsScreen

        self.app.push_screen(FeedErrorsScreen([f for f in self._feeds if f.failing]))

    def action_tracker(self) -> None:
        from tui.ui.screens.tracker import TrackerScreen

        def done(article_id: int | None) -> None:
            if article_id is not None:
                self.show_article(article_id)

        self.app.push_screen(TrackerScreen(self._repo), done)

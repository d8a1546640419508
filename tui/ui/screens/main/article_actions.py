"""The main screen's actions on the current article."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from rich.text import Text
from textual import on, work

from tui.core.enclosures import describe
from tui.core.models import (
    Article,
    ArticleScope,
    ScopeKind,
)
from tui.core.wording import plural
from tui.services.reader_view import (
    ArticleView,
    render_article,
    scope_feeds,
    scope_title,
)
from tui.ui.display import visible
from tui.ui.highlight import Highlight, entity_highlight, evidence_highlight
from tui.ui.messages import (
    CopyLink,
    DownloadRequested,
    OpenUrl,
    PlayRequested,
)
from tui.ui.screens.main.reading import ReadingScreen
from tui.ui.widgets.entities_pane import EntitiesPane
from tui.ui.widgets.tariff_pane import TariffPane


class ArticleActions(ReadingScreen):
    """What the user does to the article: read and star flags, next unread, links, its
    enclosures, its full text, and the highlight of an entity's mentions or a rate's evidence."""

    # -- actions on the article ------------------------------------------------------------

    def action_toggle_read(self) -> None:
        flags = self._flag_target()
        if flags is not None:
            self._set_flags(flags[0], read=not flags[1])

    def action_toggle_star(self) -> None:
        flags = self._flag_target()
        if flags is not None:
            self._set_flags(flags[0], starred=not flags[2])

    def _flag_target(self) -> tuple[int, bool, bool] | None:
        """(id, read, starred) of the article the flag keys act on: the highlighted row of the
        focused list, of articles or of stories (the body follows the cursor only after a
        pause, so ``j s`` typed fast would flag the article before), else the article shown."""
        listed = self.article_list.current_id
        shown = None if self.view is None else self.view.article
        if self.article_list.has_focus and listed is not None:
            summary = self.article_list.summary(listed)
            if summary is not None and (shown is None or shown.id != listed):
                return listed, summary.read, summary.starred
        row = self.story_list.current_id
        if self.story_list.has_focus and row is not None and (shown is None or shown.id != row):
            found = self._repo.summaries([row])  # a story's article: in no list held here
            if found:
                return row, found[0].read, found[0].starred
        article = self._current_article()
        return None if article is None else (article.id, article.read, article.starred)

    def _set_flags(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        self._show_flags(article_id, read=read, starred=starred)
        self._write_flags(article_id, read, starred)

    def _show_flags(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """The article's new flags in the body, the list and the stories (before the write)."""
        if self.view is not None and self.view.article.id == article_id:
            shown = self.view.article
            updated = dataclasses.replace(
                shown,
                read=shown.read if read is None else read,
                starred=shown.starred if starred is None else starred,
            )
            self.view = dataclasses.replace(self.view, article=updated)
            self.body.view = self.view
        summary = self.article_list.summary(article_id)
        if summary is not None:
            self.article_list.update_summary(
                dataclasses.replace(
                    summary,
                    read=summary.read if read is None else read,
                    starred=summary.starred if starred is None else starred,
                )
            )
        if read is not None and self.stories_mode:
            self.story_list.set_read(article_id, read)
        if starred is not None:
            self.app.notify("Starred" if starred else "Unstarred")

    @work(thread=True, group="write", exit_on_error=False)
    def _write_flags(self, article_id: int, read: bool | None, starred: bool | None) -> None:
        if read is not None:
            self._repo.set_read([article_id], read)
        if starred is not None:
            self._repo.set_starred(article_id, starred)
        self.app.call_from_thread(self.load_feeds)

    @work(thread=True, group="write", exit_on_error=False)
    def _write_read(self, article_ids: list[int]) -> None:
        self._repo.set_read(article_ids, True)
        self.app.call_from_thread(self.load_feeds)
        self.app.notify(f"Marked {plural(len(article_ids), 'article')} read")

    def action_mark_scope_read(self) -> None:
        """A: one feed is marked read at once; All or a folder (every article of several
        feeds, next to `a` on the keyboard) asks first. Over search or entity results it is
        the articles listed (asked first too)."""
        if self.results_label is not None:
            self._ask_to_mark_results_read(self.results_label)
            return
        scope = self.scope
        if scope.kind not in (ScopeKind.ALL, ScopeKind.FOLDER, ScopeKind.SEARCH):
            self._mark_scope_read(scope)
            return
        feeds = scope_feeds(scope, self._feeds) or self._feeds
        unread = sum(f.unread for f in feeds)
        search = self.feed_list.saved_search
        if scope.kind is ScopeKind.SEARCH:  # of several feeds, like a folder
            unread = search.unread if search is not None and search.id == scope.search_id else 0
        name = scope_title(scope, self._feeds, self.feed_list.searches)
        self._ask_to_mark_read(unread, "in", name, lambda: self._mark_scope_read(scope))

    def _ask_to_mark_results_read(self, label: str) -> None:
        """The results listed, not the feed or folder the list stood on before: A there marked
        every article of All (or, without asking, of the feed) read."""
        summaries = (self.article_list.summary(i) for i in self.article_list.ids)
        unread = [s.id for s in summaries if s is not None and not s.read]

        def mark() -> None:
            for article_id in unread:
                self._show_flags(article_id, read=True)
            self._write_read(unread)

        self._ask_to_mark_read(len(unread), "of", label, mark)

    def _ask_to_mark_read(
        self, unread: int, preposition: str, name: str, mark: Callable[[], object]
    ) -> None:
        """ "Mark N unread articles in|of NAME read?" (``name``: feed text, never markup), then
        ``mark`` on yes; with nothing unread, says so instead."""
        if not unread:
            self.app.notify("Nothing unread here")
            return
        from tui.ui.screens.confirm import ConfirmScreen

        question = Text(f"Mark {plural(unread, 'unread article')} {preposition} ")
        question.append(visible(name), style="bold")
        question.append(" read?")

        def done(confirmed: bool | None) -> None:
            if confirmed:
                mark()

        self.app.push_screen(ConfirmScreen(question), done)

    @work(thread=True, group="write", exit_on_error=False)
    def _mark_scope_read(self, scope: ArticleScope) -> None:
        changed = self._repo.mark_scope_read(scope)
        self.app.call_from_thread(self.reload)
        self.app.notify(f"Marked {plural(changed, 'article')} read")

    def action_next_unread(self, direction: int) -> None:
        if self.stories_mode:
            self._next_unread_story(direction > 0)
            return
        current = self.article_list.current_id
        if self.results_label is not None:
            self._next_unread_in_list(current, direction > 0)
            return
        self._find_unread(self.scope, current, direction > 0)

    def _next_unread_story(self, forward: bool) -> None:
        """In the stories view: open the next (or previous) listed story with unread articles."""
        listed = list(self.story_list.stories)
        current = self.story_list.story
        start = listed.index(current) if current in listed else (-1 if forward else len(listed))
        order = listed[start + 1 :] if forward else list(reversed(listed[:start]))
        story = next((s for s in order if s.unread), None)
        if story is None:
            self.app.notify("No more unread stories")
            return
        self.list_coming = True
        self._open_story(story)

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

    def _row_not_shown(self) -> int | None:
        """The highlighted article when the body does not show it yet (it follows the cursor
        after a pause: ``j`` and a key typed fast act on the row, not on the article before)."""
        wanted = (self.story_list if self.stories_mode else self.article_list).current_id
        if wanted is not None and (self.view is None or self.view.article.id != wanted):
            return wanted
        return None

    def _with_article(self, action: Callable[[Article], object]) -> None:
        """Run ``action`` on the highlighted article, even before its preview has loaded."""
        row = self._row_not_shown()
        if row is not None:
            self._load_then(row, action)
        elif self.view is not None:
            action(self.view.article)
        else:
            self.app.notify("No article selected", severity="warning")

    def _with_view(self, action: Callable[[ArticleView], object]) -> None:
        """Run ``action`` on the highlighted article's view (its links), even before its
        preview has loaded."""
        row = self._row_not_shown()
        if row is not None:
            self._render_then(row, action)
        elif self.view is not None:
            action(self.view)
        else:
            self.app.notify("No article selected", severity="warning")

    @work(thread=True, group="article-action", exit_on_error=False)
    def _load_then(self, article_id: int, action: Callable[[Article], object]) -> None:
        article = self._repo.article(article_id)
        if article is not None:
            self.app.call_from_thread(action, article)

    @work(thread=True, group="article-action", exit_on_error=False)
    def _render_then(self, article_id: int, action: Callable[[ArticleView], object]) -> None:
        article = self._repo.article(article_id)
        if article is not None:
            view = render_article(article)  # here, not in the UI thread: Markdown of its HTML
            self.app.call_from_thread(action, view)

    def action_open_link(self) -> None:
        self._with_article(lambda article: self.post_message(OpenUrl(article.link)))

    def action_copy_link(self) -> None:
        self._with_article(lambda article: self.post_message(CopyLink(article.link)))

    def action_list_links(self) -> None:
        """l: the highlighted article's links (the body follows the cursor after a pause, so
        ``j l`` typed fast would list those of the article before)."""
        self._with_view(self._list_links)

    def _list_links(self, view: ArticleView) -> None:
        from tui.ui.screens.links import LinksScreen

        article = view.article
        links = view.links
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

    # -- highlight view (entity mentions, tariff evidence) -----------------------------------

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

"""The main screen's actions that find articles or follow a subject (search, an entity's
articles, the tracker, the watch list), and the feeds pane's own (refresh, add, delete)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work

from tui.core.models import (
    ArticleScope,
    Entity,
    EntityLabel,
    ScopeKind,
)
from tui.core.watching import SavedSearch, Watch
from tui.core.wording import plural
from tui.services.reader_view import scope_feeds
from tui.ui.display import visible
from tui.ui.messages import (
    AddFeedRequested,
    DeleteFeedRequested,
    RefreshRequested,
    TrackerRequested,
    WatchesChanged,
)
from tui.ui.screens.main.reading import ReadingScreen

if TYPE_CHECKING:
    from tui.ui.screens.watch_list import WatchChoice


class FindingActions(ReadingScreen):
    """Finding articles and following subjects: search and saved searches, an entity's
    articles, the watch list, the tracker, and the feeds pane's own actions."""

    tracker_coming = False
    """``t`` asked for the tracker, which shows once its first rows are read: the keys typed
    behind it (``t/la`` arriving together over SSH) are the tracker's, and the App holds them
    until it shows (:meth:`tui.ui.app.base.ReaderAppBase.release_keys`)."""

    @property
    def _list_on_its_way(self) -> bool:
        return self.list_coming or self.feed_list.scope_coming or self.story_list.story_coming

    @property
    def holds_keys(self) -> bool:
        """Whether the keys typed now wait for what they are meant for: the tracker, or the
        list the articles pane is about to show, when typed in that pane."""
        in_the_pane = self.focused is self.article_list or self.focused is self.story_list
        return self.tracker_coming or (self._list_on_its_way and in_the_pane)

    @property
    def keys_awaited(self) -> bool:
        """Whether something keys may be held for is still coming (then they stay held)."""
        return self.tracker_coming or self._list_on_its_way

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
        from tui.ui.screens.search import SearchRequest, SearchScreen

        def done(request: SearchRequest | None) -> None:
            if request is None:
                return
            if request.save:
                self._save_search(request.query)
            else:
                self._search(request.query)

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
        from tui.services.subscriptions import SubscriptionError, refuse_with_sync
        from tui.ui.screens.add_feed import AddFeedScreen

        try:  # said at once, not after the user typed a whole address for nothing
            refuse_with_sync(self._settings)
        except SubscriptionError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return

        def done(url: str | None) -> None:
            if url:
                self.post_message(AddFeedRequested(url))

        self.app.push_screen(AddFeedScreen(), done)

    def action_delete_feed(self) -> None:
        search = self.feed_list.saved_search
        if search is not None:
            self._delete_search(search)
            return
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
        if self._settings.sync is not None and self._on_server(feed.id):
            question.append(
                "\nIt is still on the sync server: the next sync brings it back (unsubscribe"
                " there).",
                style="dim",
            )
        self.app.push_screen(ConfirmScreen(question), done)

    def _on_server(self, feed_id: int) -> bool:
        """Whether the feed is the sync server's (one indexed read: the dialog waits on it)."""
        from tui.store.sync import SyncStore

        with SyncStore(self._repo.path) as store:
            return store.on_server(feed_id)

    def action_feed_errors(self) -> None:
        from tui.ui.screens.feed_errors import FeedErrorsScreen

        self.app.push_screen(FeedErrorsScreen([f for f in self._feeds if f.failing]))

    def action_tracker(self) -> None:
        self._open_tracker()

    def _open_tracker(self, country: str | None = None) -> None:
        self.tracker_coming = True
        self.post_message(TrackerRequested(country))  # the App keeps the screen, built ahead

    # -- saved searches ----------------------------------------------------------------------

    @work(thread=True, group="write", exit_on_error=False)
    def _save_search(self, query: str) -> None:
        from tui.store.repository import SavedSearchError

        words = " ".join(query.split())  # as the repository keeps it
        before = {search.id for search in self._repo.saved_searches() if search.query == words}
        try:
            saved = self._repo.save_search(query)
        except SavedSearchError as exc:
            self.app.notify(str(exc), severity="warning", markup=False)
            return
        self.post_message(WatchesChanged())
        data = self._feeds_data()
        self.app.call_from_thread(self._apply_feeds, *data)
        self.app.call_from_thread(
            self.go_to_scope, ArticleScope(ScopeKind.SEARCH, search_id=saved.id)
        )
        said = "Already saved as" if saved.id in before else "Saved search:"
        self.app.notify(
            f"{said} {visible(saved.name)} (feeds pane: e renames, w watches, d deletes)",
            markup=False,
        )

    def action_rename_search(self) -> None:
        search = self.feed_list.saved_search
        if search is None:
            self.app.notify("Highlight a saved search in the feeds pane first", severity="warning")
            return
        from tui.ui.screens.rename import RenameScreen

        def done(name: str | None) -> None:
            if name:
                self._rename_search(search.id, name)

        self.app.push_screen(RenameScreen(search.name), done)

    @work(thread=True, group="write", exit_on_error=False)
    def _rename_search(self, search_id: int, name: str) -> None:
        from tui.store.repository import SavedSearchError

        try:
            self._repo.rename_search(search_id, name)
        except SavedSearchError as exc:
            self.app.notify(str(exc), severity="warning", markup=False)
            return
        self.post_message(WatchesChanged())
        # The feeds pane takes the new name before the list is titled from it.
        self.app.call_from_thread(self._apply_feeds, *self._feeds_data())
        self.app.call_from_thread(self._refresh_search_title)

    def _refresh_search_title(self) -> None:
        if self.scope.kind is ScopeKind.SEARCH:
            self.load_scope(self.scope, keep=self.article_list.current_id, announce=False)

    def _delete_search(self, search: SavedSearch) -> None:
        from tui.ui.screens.confirm import ConfirmScreen

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self._remove_search(search.id)

        question = Text("Delete the saved search ")
        question.append(visible(search.name), style="bold")
        question.append("? Its articles stay in their feeds.")
        self.app.push_screen(ConfirmScreen(question), done)

    @work(thread=True, group="write", exit_on_error=False)
    def _remove_search(self, search_id: int) -> None:
        self._repo.delete_search(search_id)
        self.post_message(WatchesChanged())
        self.app.call_from_thread(self._search_gone, search_id)

    def _search_gone(self, search_id: int) -> None:
        if self.scope.kind is ScopeKind.SEARCH and self.scope.search_id == search_id:
            self.scope = ArticleScope()
            self.results_label = None
            self.load_scope(self.scope)
            self._save_scope(self.scope)
        self.load_feeds()

    # -- the watch list ----------------------------------------------------------------------

    def action_toggle_watch(self) -> None:
        """w: watch (or stop watching) what the focused pane has highlighted."""
        pane = self.focused_pane()
        if pane == "entities":
            entity = self.entities_pane.entity
            if entity is None:
                self.app.notify("No entity selected", severity="warning")
                return
            self._toggle_watch(Watch.entity(entity.label, entity.name))
        elif pane == "tariffs":
            row = self.tariff_pane.current_row
            if row is None:
                self.app.notify("No tariff row selected", severity="warning")
                return
            self._toggle_watch(Watch.country(row.country))
        elif pane == "feeds" and self.feed_list.saved_search is not None:
            self._toggle_search_watch(self.feed_list.saved_search)
        else:
            self.app.notify(
                "w watches the highlighted country (tariffs pane, tracker), entity or saved"
                " search (save one from / with ctrl+s)",
                severity="warning",
            )

    @work(thread=True, group="watch", exit_on_error=False)
    def _toggle_watch(self, watch: Watch) -> None:
        watched = not self._repo.is_watched(watch)
        self._repo.set_watched(watch, watched)
        self.post_message(WatchesChanged())
        if watched and watch.kind == "country":
            from tui.services.watching import know_rates_of

            know_rates_of(self._repo, watch.name)  # the rate a refresh will compare with
        name = visible(watch.name)
        if not watched:
            self.app.notify(f"Stopped watching {name}", markup=False)
        elif watch.kind == "country":
            self.app.notify(f"Watching {name}: a new or changed rate will alert you", markup=False)
        else:
            self.app.notify(
                f"Watching {name}: a new article naming it will alert you", markup=False
            )

    @work(thread=True, group="watch", exit_on_error=False)
    def _toggle_search_watch(self, search: SavedSearch) -> None:
        self._repo.set_search_watched(search.id, not search.watched)
        self.post_message(WatchesChanged())
        name = visible(search.name)
        if search.watched:
            self.app.notify(f"Stopped watching {name}", markup=False)
        else:
            self.app.notify(f"Watching {name}: a new article it finds will alert you", markup=False)
        self.app.call_from_thread(self.load_feeds)

    def action_watch_list(self) -> None:
        from tui.ui.screens.watch_list import WatchListScreen

        self.app.push_screen(WatchListScreen(self._repo), self.go_to_watch)

    def go_to_watch(self, choice: WatchChoice | None) -> None:
        """Where the watch list's enter leads: a country's tracker, a search's or an entity's
        articles, an alert's article."""
        if choice is None:
            return
        if choice.article_id is not None:
            self.show_article(choice.article_id)
        elif choice.search_id is not None:
            self.go_to_scope(ArticleScope(ScopeKind.SEARCH, search_id=choice.search_id))
        elif choice.watch is not None and choice.watch.kind == "country":
            self._open_tracker(choice.watch.name)
        elif choice.watch is not None:
            label = cast(EntityLabel, choice.watch.label)
            self._entity_search(Entity(choice.watch.name, label))

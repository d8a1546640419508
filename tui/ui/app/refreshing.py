"""The App's part for refreshing: the refresh child, its progress, adding and deleting feeds."""

from __future__ import annotations

import time
from collections.abc import Sequence

from textual import on, work
from textual.worker import Worker, get_current_worker

from tui.core.models import Feed
from tui.core.wording import plural
from tui.ui.app.alerts import AlertingApp
from tui.ui.messages import (
    AddFeedRequested,
    DataChanged,
    DeleteFeedRequested,
    RefreshFinished,
    RefreshProgress,
    RefreshRequested,
    RefreshStarted,
)


class RefreshingApp(AlertingApp):
    """The refresh (in a child process), its progress on the status line, and the feeds the
    user adds or deletes."""

    def _periodic_refresh(self) -> None:
        if not self._refreshing:
            self.start_refresh(None, quiet=True)

    def start_refresh(
        self, feeds: Sequence[Feed] | None, *, quiet: bool = False, added: bool = False
    ) -> None:
        """Refresh ``feeds`` (None: all) in the background; one refresh at a time. ``added``:
        the feeds were just added with their articles (no fetch: the steps after it)."""
        if self._refreshing:
            if not quiet:
                self.notify("A refresh is already running")
            return
        self._refreshing = True
        if self.main_screen is not None:  # at once: the child process takes a moment to start
            self.main_screen.set_refresh_status(f"{self._verb}…")
        self._refresh(list(feeds) if feeds is not None else None, added)

    @work(thread=True, group="refresh", exclusive=True, exit_on_error=False)
    def _refresh(self, feeds: list[Feed] | None, added: bool = False) -> None:
        """Run the refresh in a child process and turn what it reports into messages.

        This thread only waits on the child's pipe, so the UI process keeps the GIL for keys
        and frames while 200 feeds are fetched, parsed, stored and extracted.
        """
        from tui.services.background import (
            Failed,
            Finished,
            JobKind,
            Progress,
            RefreshJob,
            RefreshProcess,
            Started,
        )

        job = RefreshJob(
            self.paths.database,
            self.settings,
            None if feeds is None else tuple(f.id for f in feeds),
            JobKind.AFTER_ADDING if added else JobKind.REFRESH,
        )
        process = RefreshProcess(job, log_file=self.paths.log_file)
        with self._refresh_lock:
            if self._closing:
                self.post_message(RefreshFinished(None, "The app is closing"))
                return
            try:
                process.start()
            except OSError as exc:
                self.post_message(RefreshFinished(None, f"Cannot start the refresh: {exc}"))
                return
            self._refresh_process = process
        finished = False
        try:
            for event in process.events():
                if isinstance(event, Started):
                    self.post_message(RefreshStarted(event.total, event.unit))
                elif isinstance(event, Progress):
                    if event.result.new_articles:
                        self._counts_stale = True  # read by the UI's counts timer
                    self.post_message(
                        RefreshProgress(event.done, event.total, event.result, event.unit)
                    )
                elif isinstance(event, Finished):
                    finished = True
                    if event.problem:
                        self.notify(event.problem, severity="error", markup=False)
                    self.post_message(RefreshFinished(event.summary, removed=event.removed))
                elif isinstance(event, Failed):
                    finished = True
                    self.post_message(RefreshFinished(None, event.message))
        finally:
            with self._refresh_lock:
                self._refresh_process = None
            if not finished:  # stopped (the app is closing): release the one-at-a-time flag
                self.post_message(RefreshFinished(None, "Refresh stopped"))

    def stop_refresh(self) -> None:
        """On quitting: end a running refresh (its child process), wait until it is gone, and
        start no other."""
        with self._refresh_lock:
            self._closing = True
            process = self._refresh_process
        if process is not None:
            process.stop()

    COUNTS_INTERVAL = 2.0
    """Seconds between reloads of the unread counts while a refresh brings articles in."""

    @on(RefreshStarted)
    def _refresh_started(self, message: RefreshStarted) -> None:
        if self.main_screen is not None:
            total = plural(message.total, message.unit)
            self.main_screen.set_refresh_status(f"{self._verb} 0/{total}")
        if self._counts_timer is None:
            self._counts_timer = self.set_interval(self.COUNTS_INTERVAL, self._reload_counts)

    def _reload_counts(self) -> None:
        """Live unread counts during a refresh (the article list waits for the end: rows
        moving under the cursor while the user reads would be worse than waiting).

        Rebuilding a few hundred feed rows costs the UI thread 10-20 ms, so it waits for a
        pause in the typing: a key pressed meanwhile is not kept waiting behind it.
        """
        if time.monotonic() - self._last_key < self.COUNTS_INTERVAL / 2:
            return
        if self._counts_stale and self.main_screen is not None:
            self._counts_stale = False
            self.main_screen.load_feeds()

    STATUS_INTERVAL = 0.1
    """Seconds between updates of the "Refreshing n/N feeds" line: feeds can finish hundreds a
    second, and each update is a repaint the key presses would queue behind."""

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        now = time.monotonic()
        if now - self._last_status < self.STATUS_INTERVAL and message.done < message.total:
            return
        self._last_status = now
        if self.main_screen is not None:
            done = f"{message.done}/{plural(message.total, message.unit)}"
            self.main_screen.set_refresh_status(f"{self._verb} {done}")

    @on(RefreshFinished)
    def _refresh_finished(self, message: RefreshFinished) -> None:
        self._refreshing = False
        if self._counts_timer is not None:
            self._counts_timer.stop()
            self._counts_timer = None
        self._counts_stale = False
        main = self.main_screen
        if message.summary is None:
            if main is not None:
                main.set_refresh_status("Sync failed" if self.settings.sync else "Refresh failed")
            self.notify(message.error or "Refresh failed", severity="error", markup=False)
            return
        summary = message.summary
        failed = len(summary.failed)
        text = f"{summary.new_articles} new"
        if message.removed:
            text += f" · {message.removed} old removed"
        if failed:
            text += f" · {failed} failed"
        if main is not None:
            done = "Synced" if self.settings.sync else "Refreshed"
            main.set_refresh_status(f"{done} {plural(len(summary.results), 'feed')}: {text}")
            main.reload()
        self._check_alerts()  # what the refresh found for the watch list

    @on(Worker.StateChanged)
    def _refresh_worker_ended(self, event: Worker.StateChanged) -> None:
        """Feeds added while it ran: their turn, once its worker has ended (a refresh started
        before would cancel it: one refresh worker at a time)."""
        if event.worker.group == "refresh" and event.worker.is_finished:
            self._after_adding()

    @on(RefreshRequested)
    def _refresh_requested(self, message: RefreshRequested) -> None:
        self.start_refresh(message.feeds)

    @on(AddFeedRequested)
    def _add_feed_requested(self, message: AddFeedRequested) -> None:
        from tui.services.subscriptions import SubscriptionError, refuse_with_sync

        try:
            refuse_with_sync(self.settings)
        except SubscriptionError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify("Looking for the feed…", markup=False)
        self._add_feed(message.url)

    @work(thread=True, group="subscribe", exit_on_error=False)
    def _add_feed(self, url: str) -> None:
        worker = get_current_worker()  # cancelled when the app closes: it waits for no fetch
        try:
            from tui.services.fetcher import FetchSettings
            from tui.services.subscriptions import subscribe, write_backup

            settings = FetchSettings.from_settings(self.settings)  # max_feed_megabytes too
            feed = subscribe(self.repo, url, settings, should_stop=lambda: worker.is_cancelled)
        except Exception as exc:  # SubscriptionError, DuplicateFeedError, network errors
            if not worker.is_cancelled:
                self.notify(f"Could not add the feed: {exc}", severity="error", markup=False)
            return
        try:
            write_backup(self.repo, self.paths.subscriptions_backup)
        except OSError as exc:  # added all the same: "Could not add the feed" was untrue
            self.notify(
                f"Could not write the copy of the subscriptions {self.paths.subscriptions_backup}:"
                f" {exc.strerror or exc} (the feed is added; the next change writes the copy)",
                severity="warning",
                markup=False,
            )
        if feed.last_fetched is None:  # found through a page: its feed is not fetched yet
            self.notify(f"Added {feed.display_title}", markup=False)
            self.post_message(DataChanged())
            self.call_from_thread(self._after_adding, feed, False)
            return
        # Discovery fetched the feed itself and stored it: no second download.
        added = f"Added {feed.display_title}: {plural(feed.total, 'article')}"
        if feed.last_error:
            self.notify(f"{added} ({feed.last_error})", severity="warning", markup=False)
        else:
            self.notify(added, markup=False)
        self.post_message(DataChanged())
        self.call_from_thread(self._after_adding, feed, True)

    def _after_adding(self, feed: Feed | None = None, stored: bool = True) -> None:
        """What a feed just added needs, once the refresh running, if one is, has finished
        (which calls this without a feed). Found through a page, it is not fetched yet: its
        first refresh. When the fetch that found it ``stored`` its articles, no refresh will
        store them as new: the steps a refresh takes after storing (the tariff and watch
        checks, stories, retention) run for them in the refresh child."""
        if feed is not None:
            self._added_waiting.append((feed, stored))
        if self._added_waiting and not self._refreshing:
            kind = self._added_waiting[0][1]  # one kind per run; the other after it
            feeds = [f for f, s in self._added_waiting if s == kind]
            self._added_waiting = [(f, s) for f, s in self._added_waiting if s != kind]
            self.start_refresh(feeds, quiet=True, added=kind)

    @on(DeleteFeedRequested)
    def _delete_feed_requested(self, message: DeleteFeedRequested) -> None:
        self._delete_feed(message.feed)

    @work(thread=True, group="subscribe", exit_on_error=False)
    def _delete_feed(self, feed: Feed) -> None:
        self.repo.remove_feed(feed.id)
        try:
            from tui.services.subscriptions import write_backup

            write_backup(self.repo, self.paths.subscriptions_backup)
        except Exception:  # the backup is a convenience; the database is the truth
            pass
        self.notify(f"Deleted {feed.display_title}", markup=False)
        self.post_message(DataChanged())

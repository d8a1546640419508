"""NewsReaderApp: owns the repository, the refresh loop and the actions every screen shares."""

from __future__ import annotations

import os
import sys
import webbrowser
from collections.abc import Sequence
from urllib.parse import urlsplit

from textual import on, work
from textual.app import App
from textual.worker import Worker, WorkerState, get_current_worker

from tui.config import Settings
from tui.core.models import Feed, FeedRefresh
from tui.paths import Paths
from tui.services.storage import open_store
from tui.store.errors import StoreError
from tui.store.repository import Repository
from tui.ui.commands import NewsCommands
from tui.ui.keys import APP_BINDINGS
from tui.ui.messages import DataChanged, RefreshFinished, RefreshProgress, RefreshStarted
from tui.ui.screens.main import MainScreen


def _can_open_browser() -> bool:
    """False where ``webbrowser`` would start a text browser in our own terminal (SSH, console)."""
    if os.environ.get("BROWSER"):
        return True
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class NewsReaderApp(App[None]):
    """The terminal news reader."""

    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {NewsCommands}

    def __init__(self, paths: Paths, settings: Settings, *, notice: str | None = None) -> None:
        """``notice``: a line to show once on start (say, that a damaged database was rebuilt)."""
        super().__init__()
        self.paths = paths
        self.settings = settings
        self._notice = notice
        self._repo: Repository | None = None
        self._refreshing = False
        self.main_screen: MainScreen | None = None

    @property
    def repo(self) -> Repository:
        if self._repo is None:
            raise RuntimeError("the repository is opened when the app mounts")
        return self._repo

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))
        try:
            self._repo, notice = open_store(self.paths)
            self.paths.ensure()
        except StoreError as exc:
            self.exit(return_code=1, message=str(exc))
            return
        except OSError as exc:
            self.exit(return_code=1, message=f"cannot create {exc.filename}: {exc.strerror}")
            return
        for line in (self._notice, notice):
            if line:
                self.notify(line, severity="warning", markup=False, timeout=30)
        self.main_screen = MainScreen()
        self.push_screen(self.main_screen)
        if self.settings.refresh_minutes:
            self.set_interval(self.settings.refresh_minutes * 60, self._periodic_refresh)

    def startup_done(self) -> None:
        """The main screen has its first data: start the first refresh when configured."""
        if self.settings.refresh_on_start:
            self.start_refresh(None, quiet=True)

    def on_unmount(self) -> None:
        if self._repo is not None:
            self._repo.close()

    # -- refresh ---------------------------------------------------------------------------

    def _periodic_refresh(self) -> None:
        if not self._refreshing:
            self.start_refresh(None, quiet=True)

    def start_refresh(self, feeds: Sequence[Feed] | None, *, quiet: bool = False) -> None:
        """Refresh ``feeds`` (None: all) in the background; one refresh at a time."""
        if self._refreshing:
            if not quiet:
                self.notify("A refresh is already running")
            return
        self._refreshing = True
        self._refresh(list(feeds) if feeds is not None else None)

    @work(thread=True, group="refresh", exclusive=True, exit_on_error=False)
    def _refresh(self, feeds: list[Feed] | None) -> None:
        worker = get_current_worker()
        repo = self.repo
        try:
            from tui.services.extraction import extract_new_tariffs
            from tui.services.fetcher import FetchSettings
            from tui.services.refresh import refresh_feeds
            from tui.services.subscriptions import is_fetchable

            targets = [f for f in (feeds if feeds is not None else repo.feeds()) if is_fetchable(f)]
            self.post_message(RefreshStarted(len(targets)))
            settings = FetchSettings(
                max_connections=self.settings.max_connections,
                per_host=self.settings.per_host_connections,
                timeout=self.settings.timeout_seconds,
                max_bytes=self.settings.max_feed_megabytes * 1_000_000,
            )

            def progress(done: int, total: int, result: FeedRefresh) -> None:
                self.post_message(RefreshProgress(done, total, result))

            def new_articles(feed_id: int, ids: list[int]) -> None:
                extract_new_tariffs(repo, ids)

            summary = refresh_feeds(
                repo,
                targets,
                settings=settings,
                on_progress=progress,
                on_new_articles=new_articles,
                should_stop=lambda: worker.is_cancelled,
            )
        except Exception as exc:  # never fatal: say so and keep reading
            self.post_message(RefreshFinished(None, f"{type(exc).__name__}: {exc}"))
            return
        try:
            removed = self._apply_retention(repo)
        except Exception as exc:  # the new articles are in: report it, keep the summary
            self.notify(f"Retention failed: {exc}", severity="error", markup=False)
            removed = 0
        self.post_message(RefreshFinished(summary, removed=removed))

    def _apply_retention(self, repo: Repository) -> int:
        """Drop old articles as configured (DESIGN §6; in the refresh worker's thread)."""
        days, per_feed = self.settings.retention_days, self.settings.retention_per_feed
        if not (days or per_feed):
            return 0
        return repo.apply_retention(days, per_feed)

    @on(RefreshStarted)
    def _refresh_started(self, message: RefreshStarted) -> None:
        if self.main_screen is not None:
            self.main_screen.set_refresh_status(f"Refreshing 0/{message.total} feeds")

    @on(RefreshProgress)
    def _refresh_progress(self, message: RefreshProgress) -> None:
        if self.main_screen is not None:
            self.main_screen.set_refresh_status(f"Refreshing {message.done}/{message.total} feeds")

    @on(RefreshFinished)
    def _refresh_finished(self, message: RefreshFinished) -> None:
        self._refreshing = False
        main = self.main_screen
        if message.summary is None:
            if main is not None:
                main.set_refresh_status("Refresh failed")
            self.notify(message.error or "Refresh failed", severity="error", markup=False)
            return
        summary = message.summary
        failed = len(summary.failed)
        text = f"{summary.new_articles} new"
        if message.removed:
            text += f" · {message.removed} old removed"
        if failed:
            text += f" · {failed} feed{'s' if failed != 1 else ''} failed"
        if main is not None:
            main.set_refresh_status(f"Refreshed {len(summary.results)} feeds: {text}")
            main.reload()

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        if self.main_screen is not None:
            self.main_screen.reload()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """A background job raised: say so (workers never take the app down).

        ``StateChanged`` does not bubble: screens forward theirs with :meth:`report_worker`.
        """
        self.report_worker(event)

    def report_worker(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            name = event.worker.name or "background task"
            self.notify(f"{name} failed: {error}", severity="error", markup=False)

    # -- shared actions ---------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_in_browser(self, url: str) -> None:
        """Open an http(s) URL in the browser (in a thread: ``webbrowser`` may block)."""
        if urlsplit(url).scheme not in ("http", "https"):
            self.notify("Only http and https links are opened", severity="warning")
            return
        if not _can_open_browser():
            self.notify("No graphical browser here: press y to copy the link", severity="warning")
            return
        self._open_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_browser(self, url: str) -> None:
        if webbrowser.open(url):
            self.notify("Opened in the browser")
        else:
            self.notify("Could not start a browser: press y to copy the link", severity="warning")

    def copy_link(self, url: str) -> None:
        """Copy through OSC 52, which reaches the local clipboard even over SSH and tmux."""
        if not url:
            self.notify("This article has no link", severity="warning")
            return
        self.copy_to_clipboard(url)
        self.notify("Link copied")

    def add_feed(self, url: str) -> None:
        self.notify("Looking for the feed…", markup=False)
        self._add_feed(url)

    @work(thread=True, group="subscribe", exit_on_error=False)
    def _add_feed(self, url: str) -> None:
        try:
            from tui.services.fetcher import FetchSettings
            from tui.services.subscriptions import subscribe, write_backup

            settings = FetchSettings(timeout=self.settings.timeout_seconds)
            feed = subscribe(self.repo, url, settings)
            write_backup(self.repo, self.paths.subscriptions_backup)
        except Exception as exc:  # SubscriptionError, DuplicateFeedError, network errors
            self.notify(f"Could not add the feed: {exc}", severity="error", markup=False)
            return
        self.notify(f"Added {feed.display_title}", markup=False)
        self.post_message(DataChanged(feeds_only=True))
        self.call_from_thread(self.start_refresh, [feed])

    def delete_feed(self, feed: Feed) -> None:
        self._delete_feed(feed)

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

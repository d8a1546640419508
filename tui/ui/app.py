"""NewsReaderApp: owns the repository, the refresh loop and what the screens ask of it.

The App builds what each screen needs and hands it down (the main screen's repository, settings
and first data); the screens post messages named after what the user did (tui.ui.messages) and
the App does it: open or copy a link, refresh, add or delete a feed. No screen imports this.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, get_current_worker

from tui.config import Settings
from tui.core.models import Article, Feed
from tui.core.wording import plural
from tui.paths import Paths
from tui.services.reader_view import FirstScreen, load_first_screen
from tui.services.storage import open_store
from tui.store.errors import StoreError
from tui.store.repository import Repository
from tui.ui.commands import NewsCommands
from tui.ui.config_check import config_problems
from tui.ui.internal_hosts import InternalHosts
from tui.ui.keys import APP_BINDINGS
from tui.ui.messages import (
    AddFeedRequested,
    CopyLink,
    DataChanged,
    DeleteFeedRequested,
    DownloadAction,
    DownloadChanged,
    DownloadProgress,
    DownloadRequested,
    FirstScreenShown,
    OpenUrl,
    PlayRequested,
    RefreshFinished,
    RefreshProgress,
    RefreshRequested,
    RefreshStarted,
    WatchesChanged,
)
from tui.ui.screens.main import MainScreen
from tui.ui.worker_errors import report_failure

if TYPE_CHECKING:
    from tui.core.watching import Alert
    from tui.services.background import RefreshProcess
    from tui.services.downloads.runner import DownloadRunner
    from tui.ui.screens.downloads import DownloadsScreen


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
        self._refresh_lock = threading.Lock()
        self._refresh_process: RefreshProcess | None = None
        self._closing = False
        self._counts_stale = False
        self._counts_timer: Timer | None = None
        self._last_key = 0.0
        self._last_status = 0.0
        self._notices: list[str] = []
        self._internal_hosts = InternalHosts(settings.internal_links)
        self._downloader: DownloadRunner | None = None
        self._downloading = False  # a downloads worker runs (set and read on the UI thread)
        self._downloads_wanted = False  # something was queued since that worker began
        self._stop_downloads = threading.Event()
        self._downloads_stopped = threading.Event()
        self._downloads_stopped.set()  # no worker yet
        self.main_screen: MainScreen | None = None
        """Pushed once its first data is in (see :meth:`on_mount`)."""

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands, less its Quit: the reader lists its own (with the
        key), and two Quits side by side made the user wonder which one to pick."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command

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
        self._notices = [line for line in (self._notice, notice) if line]
        self._notices += config_problems(
            self.paths.config_file,
            self.settings.theme,
            self.available_themes,
            self.settings.keymap,
        )
        # The main screen is made and pushed when its data is in, so the first frame it paints
        # is full. Composing it meanwhile would hold the GIL, and SQLite waits for the GIL after
        # every row it steps: the queries took 180 ms instead of 25 ms (50,000 articles) that way.
        self._load_first_screen()
        if self.settings.refresh_minutes:
            self.set_interval(self.settings.refresh_minutes * 60, self._periodic_refresh)
        self.set_interval(self.ALERTS_INTERVAL, self._check_alerts)

    @work(thread=True, group="startup", exit_on_error=False)
    def _load_first_screen(self) -> None:
        try:
            first = load_first_screen(self.repo)
        except Exception as exc:  # the screen still opens (empty): say why
            self.call_from_thread(self._first_screen_loaded, None)
            self.notify(f"Could not read the database: {exc}", severity="error", markup=False)
            return
        self.call_from_thread(self._first_screen_loaded, first)

    def _first_screen_loaded(self, first: FirstScreen | None) -> None:
        self.main_screen = MainScreen(
            self.repo,
            self.settings,
            cache_dir=self.paths.cache_dir,
            internal_hosts=self._internal_hosts,
            first=first,
        )
        self.push_screen(self.main_screen)
        for line in self._notices:  # after the push: a toast lives on the screen it is shown on
            self.notify(line, severity="warning", markup=False, timeout=30)

    @property
    def _verb(self) -> str:
        """What a refresh is called: with [sync] set it syncs with the server."""
        return "Syncing" if self.settings.sync is not None else "Refreshing"

    @on(FirstScreenShown)
    def _startup_done(self) -> None:
        """The main screen shows its first data: first-run set-up, then the first refresh."""
        if self.settings.refresh_on_start and self.main_screen is not None:
            self.main_screen.set_refresh_status(f"{self._verb}…")
        self._first_run()
        self._check_alerts()  # what a refresh from cron found while the reader was closed

    @work(thread=True, group="startup", exit_on_error=False)
    def _first_run(self) -> None:
        # After the first frame. `newsreader` did this before the app started when nothing was
        # subscribed (so the first screen is not empty); with feeds already there (imported
        # from the command line), the demo loads here, and its imports (feed parser,
        # extractors) wait until now. Afterwards this is only a check.
        try:
            from tui.services.subscriptions import first_run

            if first_run(self.repo, defaults=self.settings.sync is None):
                self.post_message(DataChanged())
        except Exception as exc:  # the reader still works; the refresh may still bring feeds
            self.notify(f"First-run set-up failed: {exc}", severity="error", markup=False)
        if self.settings.refresh_on_start:
            self.call_from_thread(self.start_refresh, None, quiet=True)
        try:
            if self.repo.pending_downloads():  # left by the last session: they resume
                self.call_from_thread(self.start_downloads)
        except Exception as exc:  # the reader still works
            self.notify(f"Could not read the downloads: {exc}", severity="error", markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
        await super().on_event(event)

    DOWNLOADS_STOP_WAIT = 2.0
    """Seconds quitting waits for the downloads worker to put what ran back in the queue (it
    takes a tenth of a second: it stops, and writes where each download got to)."""

    def on_unmount(self) -> None:
        self.stop_refresh()  # no child process outlives the app
        self._stop_downloads.set()
        self._downloads_stopped.wait(self.DOWNLOADS_STOP_WAIT)
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
        if self.main_screen is not None:  # at once: the child process takes a moment to start
            self.main_screen.set_refresh_status(f"{self._verb}…")
        self._refresh(list(feeds) if feeds is not None else None)

    @work(thread=True, group="refresh", exclusive=True, exit_on_error=False)
    def _refresh(self, feeds: list[Feed] | None) -> None:
        """Run the refresh in a child process and turn what it reports into messages.

        This thread only waits on the child's pipe, so the UI process keeps the GIL for keys
        and frames while 200 feeds are fetched, parsed, stored and extracted.
        """
        from tui.services.background import (
            Failed,
            Finished,
            Progress,
            RefreshJob,
            RefreshProcess,
            Started,
        )

        job = RefreshJob(
            self.paths.database,
            self.settings,
            None if feeds is None else tuple(f.id for f in feeds),
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
                    if event.retention_error:
                        self.notify(event.retention_error, severity="error", markup=False)
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

    # -- the watch list's alerts ----------------------------------------------------------------

    ALERTS_INTERVAL = 60.0
    """Seconds between looks for alerts stored by a refresh outside the app (cron)."""
    ALERT_LINES = 3
    """Lines of one alert toast; more are counted, and the watch list (W) lists them."""

    @work(thread=True, group="alerts", exit_on_error=False)
    def _check_alerts(self) -> None:
        """Show the alerts no reader has shown yet (the app's refresh stored them, or cron's)."""
        if self._repo is None:
            return
        alerts = self._repo.claim_unshown()
        if alerts:
            self.call_from_thread(self._show_alerts, alerts)

    def _show_alerts(self, alerts: list[Alert]) -> None:
        """A toast, the marks in the feeds pane, and a terminal notification and the notify
        command for those not told yet (a refresh from cron has no terminal to tell)."""
        from tui.core.watching import alert_lines

        lines = alert_lines(alerts)
        text = "\n".join(lines[: self.ALERT_LINES])
        if len(lines) > self.ALERT_LINES:
            text += f"\n… and {len(lines) - self.ALERT_LINES} more: W lists them"
        self.notify(text, title="Watch list", timeout=20, markup=False)
        if self.main_screen is not None:
            self.main_screen.load_feeds()
        untold = [a for a in alerts if not a.notified]
        if not untold:
            return
        from tui.services.notify import messages_for, terminal_bytes

        messages = messages_for(untold)
        told = False
        if not self.is_web and self.settings.notify != "off" and self._driver is not None:
            # Through the driver, which writes between frames: never inside one.
            self._driver.write(terminal_bytes(self.settings, messages))
            told = True
        self._tell_command(untold, messages, told)

    @work(thread=True, group="alerts", exit_on_error=False)
    def _tell_command(self, alerts: list[Alert], messages: list[str], told: bool) -> None:
        from tui.services.notify import run_notify_command

        problem = run_notify_command(self.settings, messages)
        if problem:
            self.notify(problem, severity="warning", markup=False)
        if told or (self.settings.notify_command and not problem):
            self.repo.mark_notified([a.id for a in alerts])

    @on(WatchesChanged)
    def _watches_changed(self) -> None:
        self._write_watches()

    @work(thread=True, group="watches-file", exit_on_error=False)
    def _write_watches(self) -> None:
        """The copy beside the subscriptions' OPML copy (tui.services.watch_file)."""
        from tui.services.watch_file import watches_file_for, write_watches_file

        path = watches_file_for(self.paths.subscriptions_backup)
        try:
            write_watches_file(self.repo, path)
        except OSError as exc:
            self.notify(
                f"Could not write {path}: {exc.strerror or exc}", severity="warning", markup=False
            )

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        if self.main_screen is not None:
            self.main_screen.reload()

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- what the screens ask for -----------------------------------------------------------

    @on(RefreshRequested)
    def _refresh_requested(self, message: RefreshRequested) -> None:
        self.start_refresh(message.feeds)

    @on(OpenUrl)
    def _open_url(self, message: OpenUrl) -> None:
        """Open an http(s) URL in the browser (in a thread: ``webbrowser`` may block); a link
        to an internal address by its spelling asks first (the ``internal_links`` setting)."""
        url = message.url
        if urlsplit(url).scheme not in ("http", "https"):
            self.notify("Only http and https links are opened", severity="warning")
            return
        if not self.is_web and not _can_open_browser():
            self.notify("No graphical browser here: press y to copy the link", severity="warning")
            return
        from tui.core.urls import is_internal_host

        host = urlsplit(url).hostname or ""
        rule = self._internal_hosts.rule()
        if rule is not None and is_internal_host(host) and not rule(host):
            self._internal_hosts.ask(self, host, partial(self._open_browser, url))
            return
        self._open_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_browser(self, url: str) -> None:
        if self.is_web:  # `newsreader serve`: the browser showing the reader opens a new tab
            self.call_from_thread(self.open_url, url, new_tab=True)
            self.notify("Opened in a new tab")
            return
        import webbrowser  # not at start-up: it costs 15 ms and most sessions never open one

        if webbrowser.open(url):
            self.notify("Opened in the browser")
        else:
            self.notify("Could not start a browser: press y to copy the link", severity="warning")

    @on(CopyLink)
    def _copy_link(self, message: CopyLink) -> None:
        """Copy through OSC 52, which reaches the local clipboard even over SSH and tmux."""
        if not message.url:
            self.notify("This article has no link", severity="warning")
            return
        self.copy_to_clipboard(message.url)
        self.notify("Link copied")

    @on(AddFeedRequested)
    def _add_feed_requested(self, message: AddFeedRequested) -> None:
        self.notify("Looking for the feed…", markup=False)
        self._add_feed(message.url)

    @work(thread=True, group="subscribe", exit_on_error=False)
    def _add_feed(self, url: str) -> None:
        worker = get_current_worker()  # cancelled when the app closes: it waits for no fetch
        try:
            from tui.services.fetcher import FetchSettings
            from tui.services.subscriptions import subscribe, write_backup

            settings = FetchSettings(timeout=self.settings.timeout_seconds)
            feed = subscribe(self.repo, url, settings, should_stop=lambda: worker.is_cancelled)
            write_backup(self.repo, self.paths.subscriptions_backup)
        except Exception as exc:  # SubscriptionError, DuplicateFeedError, network errors
            if not worker.is_cancelled:
                self.notify(f"Could not add the feed: {exc}", severity="error", markup=False)
            return
        if feed.last_fetched is None:  # found through a page: its feed is not fetched yet
            self.notify(f"Added {feed.display_title}", markup=False)
            self.post_message(DataChanged(feeds_only=True))
            self.call_from_thread(self.start_refresh, [feed])
            return
        # Discovery fetched the feed itself and stored it: no second download.
        added = f"Added {feed.display_title}: {plural(feed.total, 'article')}"
        if feed.last_error:
            self.notify(f"{added} ({feed.last_error})", severity="warning", markup=False)
        else:
            self.notify(added, markup=False)
        self.post_message(DataChanged())

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

    # -- downloads --------------------------------------------------------------------------

    def start_downloads(self) -> None:
        """Work through the download queue in the background (one worker at a time: a
        running one picks up what is queued meanwhile)."""
        self._downloads_wanted = True
        if not self._downloading and not self._stop_downloads.is_set():
            self._downloading = True
            self._downloads_wanted = False
            self._downloads_stopped.clear()
            self._run_downloads()

    @work(thread=True, group="downloads", exit_on_error=False)
    def _run_downloads(self) -> None:
        """Run the queue until it is empty. Progress and outcomes go to the UI as messages
        (progress ticks coalesce); quitting stops it within a tenth of a second, and what was
        running waits in the queue for the next start."""
        worker = get_current_worker()
        from tui.services.downloads.runner import DownloadRunner
        from tui.services.downloads.transfer import DownloadSettings

        runner = DownloadRunner(
            self.repo,
            DownloadSettings.from_settings(self.settings),
            allow_internal=self._internal_hosts.rule(),
            on_progress=lambda progress: self.post_message(DownloadProgress(progress)),
            on_finished=lambda download: self.post_message(DownloadChanged(download, True)),
        )
        self._downloader = runner
        try:
            runner.run(should_stop=lambda: worker.is_cancelled or self._stop_downloads.is_set())
        finally:
            self._downloader = None
            self._downloads_stopped.set()
            if not (worker.is_cancelled or self._stop_downloads.is_set()):
                self.call_from_thread(self._downloads_idle)

    def _downloads_idle(self) -> None:
        self._downloading = False
        if self._downloads_wanted:  # queued while the worker was finishing
            self.start_downloads()

    def _downloads_screen(self) -> DownloadsScreen | None:
        from tui.ui.screens.downloads import DownloadsScreen

        return next((s for s in self.screen_stack if isinstance(s, DownloadsScreen)), None)

    @on(DownloadRequested)
    def _download_requested(self, message: DownloadRequested) -> None:
        """Queue the article's enclosures; one on an internal address asks first (the
        ``internal_links`` setting), and the answer goes with the download, for a resume."""
        from tui.core.urls import is_internal_host

        rule = self._internal_hosts.rule()
        for enclosure in message.article.enclosures:
            host = urlsplit(enclosure.url).hostname or ""
            if rule is not None and is_internal_host(host) and not rule(host):
                article = message.article
                self._internal_hosts.ask(
                    self, host, partial(self._queue_downloads, article, host.lower())
                )
                return
        self._queue_downloads(message.article, "")

    @work(thread=True, group="downloads-queue", exit_on_error=False)
    def _queue_downloads(self, article: Article, approved_host: str) -> None:
        from tui.core.wording import plural
        from tui.services.downloads.queue import queue_enclosures

        folder = self.paths.download_dir(self.settings.download_dir)
        results = queue_enclosures(self.repo, article, folder, approved_host=approved_host)
        queued = [d for d, new in results if new]
        for download, _ in results:
            self.post_message(DownloadChanged(download))
        if queued:
            self.notify(f"Queued {plural(len(queued), 'download')} (L: downloads)")
            self.call_from_thread(self.start_downloads)
            return
        done = [d for d, _ in results if d.state == "done"]
        if done:
            self.notify(f"Already downloaded: {done[0].path}", markup=False)
        else:
            self.notify("Already in the downloads (L)")

    @on(DownloadProgress)
    def _download_progress(self, message: DownloadProgress) -> None:
        screen = self._downloads_screen()
        if screen is not None:
            screen.show_progress(message.progress)

    @on(DownloadChanged)
    def _download_changed(self, message: DownloadChanged) -> None:
        download = message.download
        screen = self._downloads_screen()
        if screen is not None:
            screen.show_download(download)
        if not message.ended:
            return
        if download.state == "done":
            self.notify(f"Downloaded {download.path}", markup=False)
        elif download.state == "failed":
            self.notify(
                f"Download failed: {download.label}: {download.error}",
                severity="error",
                markup=False,
            )

    @on(DownloadAction)
    def _download_action(self, message: DownloadAction) -> None:
        self._act_on_download(message.download_id, message.action)

    @work(thread=True, group="downloads-queue", exit_on_error=False)
    def _act_on_download(self, download_id: int, action: str) -> None:
        from tui.services.downloads.queue import forget_download, retry_download
        from tui.services.downloads.runner import cancel_download

        repo = self.repo
        if action == "cancel":
            runner = self._downloader
            cancelled = (
                runner.cancel(download_id)
                if runner is not None
                else cancel_download(repo, download_id)
            )
            if cancelled:
                self.notify("Download cancelled")
        elif action == "retry":
            if retry_download(repo, download_id):
                self.call_from_thread(self.start_downloads)
        elif action == "forget":
            if forget_download(repo, download_id):
                screen = self._downloads_screen()
                if screen is not None:
                    self.call_from_thread(screen.forget, download_id)
            return
        download = repo.download(download_id)
        if download is not None:
            self.post_message(DownloadChanged(download))

    @on(PlayRequested)
    def _play_requested(self, message: PlayRequested) -> None:
        self._find_and_play(message.url)

    @work(thread=True, group="player", exit_on_error=False)
    def _find_and_play(self, url: str) -> None:
        """Play the file downloaded from ``url`` when it is there, else stream ``url`` (one on
        an internal address asks first, as opening it would)."""
        from tui.core.urls import is_internal_host
        from tui.services.downloads.queue import play_target

        download = self.repo.download_for_url(url)
        target = play_target(download) if download is not None else url
        streaming = target == url
        host = (urlsplit(target).hostname or "") if streaming else ""
        rule = self._internal_hosts.rule()
        if host and rule is not None and is_internal_host(host) and not rule(host):
            ask = partial(self._play, target)
            self.call_from_thread(self._internal_hosts.ask, self, host, ask)
            return
        self._play(target)

    def _play(self, target: str) -> None:
        """Start the player (any thread: it returns at once)."""
        from tui.services.player import PlayerError, start_player

        try:
            start_player(self.settings.player, target)
        except PlayerError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        shown = target.rsplit("/", 1)[-1] or target
        self.notify(f"Playing {shown}", markup=False)

"""The App's part for enclosures: downloads in the background and the player."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual import on, work
from textual.worker import get_current_worker

from tui.core.models import Article
from tui.ui.app.refreshing import RefreshingApp
from tui.ui.messages import (
    DownloadAction,
    DownloadChanged,
    DownloadProgress,
    DownloadRequested,
    PlayRequested,
)

if TYPE_CHECKING:
    from tui.ui.screens.downloads import DownloadsScreen


class DownloadingApp(RefreshingApp):
    """The download queue, worked through in the background, and the player."""

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

        if self.is_web:  # `newsreader serve`: a player here would play far from the browser
            self.call_later(self._play_in_browser, target)
            return
        try:
            start_player(self.settings.player, target)
        except PlayerError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        shown = target.rsplit("/", 1)[-1] or target
        self.notify(f"Playing {shown}", markup=False)

    def _play_in_browser(self, target: str) -> None:
        """The browser showing the reader plays it in a new tab: the stream at its URL, or the
        downloaded file, which the server delivers (textual-serve)."""
        if target.lower().startswith(("http://", "https://")):
            self.open_url(target, new_tab=True)
        else:
            self.deliver_binary(Path(target), open_method="browser")
        self.notify("Playing in a new tab")

"""The App's part for the tariff tracker: its one screen, built ahead while the reader is idle,
and the tariff check of the articles not checked yet, in the refresh child process.

Once the first frame is out (and the first article's preview with it), when no key has come for
a moment and no worker of the screens runs, the App does its idle work once: it imports the
tracker and its chart (plotext) in a thread, then composes the tracker screen without showing
it (:func:`tui.ui.screens.tracker.prepare`), so ``t`` only fills it and shows it; and it checks
whether some article waits for the tariff check (a refresh from cron stores articles unchecked,
and a new extractor version makes every article due). If so, the check runs in a child process
(``RefreshJob.tariff_catch_up``, never in this process), whether the tracker is open or not: the
tracker shows how far it got and its rates again at the end. A refresh stops it (each batch is
stored whole) and it goes on after the refresh; quitting stops it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.timer import Timer

from tui.config import Settings
from tui.core.models import Feed
from tui.paths import Paths
from tui.ui.app.downloads import DownloadingApp
from tui.ui.messages import FirstScreenShown, RefreshFinished, TrackerRequested

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.widget import AwaitMount

    from tui.services.background import RefreshProcess
    from tui.ui.screens.tracker import TrackerScreen
    from tui.ui.screens.watch_list import WatchChoice


@dataclass
class _CheckProgress(Message, bubble=False):
    """The tariff check (in its child) has checked ``done`` of ``total`` articles."""

    done: int
    total: int


@dataclass
class _CheckEnded(Message, bubble=False):
    """The tariff check ended: ``finished`` when every article due was checked."""

    finished: bool


class TrackingApp(DownloadingApp):
    """The tracker screen, kept from one ``t`` to the next, and the tariff check."""

    IDLE_WORK_AFTER: float | None = 1.0
    """Seconds after the first frame before the idle work may start (None: never, so the
    tracker is built at the first ``t`` and nothing is checked; the tests' default)."""
    IDLE_AFTER_KEY = 1.0
    """A key this many seconds ago or less means the reader is in use: the idle work waits."""
    _IDLE_POLL = 0.25
    _LONG_WORKERS = frozenset({"refresh", "downloads", "tariff-check"})
    """Worker groups that wait on something else for long (a child process, the network):
    they do not keep the reader from being idle."""

    def __init__(self, paths: Paths, settings: Settings, *, notice: str | None = None) -> None:
        super().__init__(paths, settings, notice=notice)
        self._tracker: TrackerScreen | None = None
        self._tracker_mounted: AwaitMount | None = None
        self._idle_timer: Timer | None = None
        self._idle_since = 0.0
        self._check: RefreshProcess | None = None
        self._check_progress: tuple[int, int] | None = None
        self._check_after_refresh = False
        self._checked_once = False

    # -- idle work -----------------------------------------------------------------------------

    @on(FirstScreenShown)
    def _watch_for_idle(self) -> None:
        if self.IDLE_WORK_AFTER is None or self._idle_timer is not None:
            return
        self._idle_since = time.monotonic() + self.IDLE_WORK_AFTER
        self._idle_timer = self.set_interval(self._IDLE_POLL, self._when_idle)

    def _when_idle(self) -> None:
        now = time.monotonic()
        if now < self._idle_since or now - self._last_key < self.IDLE_AFTER_KEY:
            return
        if any(w.is_running and w.group not in self._LONG_WORKERS for w in self.workers):
            return  # the first article's preview, the first run, a screen's read
        if self._idle_timer is not None:
            self._idle_timer.stop()
        if self._tracker is None:
            self._import_tracker()
        self._check_once()

    @work(thread=True, group="tracker-import", exit_on_error=False)
    def _import_tracker(self) -> None:
        """The tracker's modules (with plotext: 20-30 ms), off the UI thread."""
        import tui.services.tracker  # noqa: F401  (its reads)
        import tui.ui.screens.tracker  # noqa: F401

        if not self.no_color:
            import tui.ui.widgets.tariff_chart  # noqa: F401

        self.call_from_thread(self._build_tracker)

    def _build_tracker(self) -> TrackerScreen:
        if self._tracker is None:
            from tui.ui.screens.tracker import prepare

            self._tracker, self._tracker_mounted = prepare(self, self.repo)
        return self._tracker

    # -- the tracker ---------------------------------------------------------------------------

    @on(TrackerRequested)
    async def _open_tracker(self, message: TrackerRequested) -> None:
        screen = self._build_tracker()  # built now when the idle work has not come yet
        if self._tracker_mounted is not None:
            await self._tracker_mounted
        if screen in self.screen_stack:
            self.release_keys()
            return
        if self._check_progress is not None:
            screen.checking(*self._check_progress)
        screen.open(message.country, lambda: self._show_tracker(screen))

    def _show_tracker(self, screen: TrackerScreen) -> None:
        if screen not in self.screen_stack:
            self.push_screen(screen, self._tracker_closed)
        self.release_keys()  # typed behind t: they are the tracker's
        self._check_once()  # a t before the idle work: the tracker shows what is checked

    def _tracker_closed(self, chosen: int | WatchChoice | None) -> None:
        """Back from the tracker: the article of the row chosen, or where the watch list
        opened over it leads."""
        if chosen is None or self.main_screen is None:
            return
        if isinstance(chosen, int):
            self.main_screen.show_article(chosen)
        else:
            self.main_screen.go_to_watch(chosen)

    # -- the tariff check ------------------------------------------------------------------------

    def _check_once(self) -> None:
        """The check of the session, at the first of the idle work and the first ``t``
        (afterwards each refresh checks what it stores)."""
        if not self._checked_once:
            self._checked_once = True
            self._check_if_due()

    @work(thread=True, group="tariff-check", exit_on_error=False)
    def _check_if_due(self) -> None:
        from tui.services.extraction import tariffs_to_check

        if tariffs_to_check(self.repo):
            self.call_from_thread(self._start_check)

    def _start_check(self) -> None:
        if self._refreshing:
            self._check_after_refresh = True  # the refresh first; then what is left
            return
        if self._check is None:
            self._run_check()

    @work(thread=True, group="tariff-check", exit_on_error=False)
    def _run_check(self) -> None:
        """The check in a child process; this thread only waits on its pipe."""
        from tui.services.background import (
            Failed,
            Finished,
            Progress,
            RefreshJob,
            RefreshProcess,
        )

        process = RefreshProcess(
            RefreshJob.tariff_catch_up(self.paths.database), log_file=self.paths.log_file
        )
        with self._refresh_lock:
            if self._closing or self._check is not None:
                return
            try:
                process.start()
            except OSError as exc:
                self.notify(
                    f"Cannot check articles for rates: {exc}", severity="error", markup=False
                )
                return
            self._check = process
        finished = False
        try:
            for event in process.events():
                if isinstance(event, Progress):
                    self.post_message(_CheckProgress(event.done, event.total))
                elif isinstance(event, Finished):
                    finished = True
                elif isinstance(event, Failed):
                    self.notify(
                        f"Checking for rates failed: {event.message}",
                        severity="error",
                        markup=False,
                    )
        finally:
            with self._refresh_lock:
                self._check = None
            self.post_message(_CheckEnded(finished))

    @on(_CheckProgress)
    def _check_progressed(self, message: _CheckProgress) -> None:
        self._check_progress = (message.done, message.total)
        if self._tracker is not None:
            self._tracker.checking(message.done, message.total)

    @on(_CheckEnded)
    def _check_ended(self, message: _CheckEnded) -> None:
        self._check_progress = None
        if self._tracker is not None:
            self._tracker.checked()

    def _stop_check(self, *, wait: bool) -> None:
        with self._refresh_lock:
            process = self._check
        if process is None:
            return
        if wait:
            process.stop()
        else:  # its batches are stored; the child takes up to half a second to end
            threading.Thread(target=process.stop, name="tariff-check-stop", daemon=True).start()

    # -- with the refresh ------------------------------------------------------------------------

    def start_refresh(
        self, feeds: Sequence[Feed] | None, *, quiet: bool = False, added: bool = False
    ) -> None:
        """A refresh stops the tariff check, which goes on after it (two writers at once
        would slow both, and the refresh is what the user waits for)."""
        if not self._refreshing and self._check is not None:
            self._check_after_refresh = True
            self._stop_check(wait=False)
        super().start_refresh(feeds, quiet=quiet, added=added)

    @on(RefreshFinished)
    def _check_after_the_refresh(self) -> None:
        if self._check_after_refresh:
            self._check_after_refresh = False
            self._check_if_due()

    def stop_refresh(self) -> None:
        """On quitting: the refresh and the tariff check end (what the check stored stays)."""
        super().stop_refresh()
        self._stop_check(wait=True)

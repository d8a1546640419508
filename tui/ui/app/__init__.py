"""NewsReaderApp: owns the repository, the refresh loop and what the screens ask of it.

The App builds what each screen needs and hands it down (the main screen's repository, settings
and first data); the screens post messages named after what the user did (tui.ui.messages) and
the App does it: open or copy a link, refresh, add or delete a feed. No screen imports this.

The App is built in layers, each a class over the one before, one module each: :mod:`.base`
(its state, links, help), :mod:`.alerts` (the watch list's alerts), :mod:`.refreshing` (the
refresh child, adding and deleting feeds), :mod:`.downloads` (enclosures and the player) and
:mod:`.tracking` (the tariff tracker); start-up and shutdown are here. Each layer handles the
messages (tui.ui.messages) of its part: ``base`` DataChanged, OpenUrl and CopyLink;
``alerts`` WatchesChanged; ``refreshing`` the Refresh* ones, AddFeedRequested and
DeleteFeedRequested; ``downloads`` the Download* ones and PlayRequested; ``tracking``
TrackerRequested (and RefreshFinished, to resume the tariff check); FirstScreenShown starts
the first run and refresh here, and the idle work in ``tracking``.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from functools import partial
from typing import Any

from textual import on, work
from textual.screen import Screen

from tui.config import Settings
from tui.services.reader_view import FirstScreen, load_first_screen
from tui.services.storage import open_store
from tui.store.errors import StoreError
from tui.ui.app.tracking import TrackingApp
from tui.ui.config_check import config_problems, layer_clashes, usable_keymap
from tui.ui.messages import DataChanged, FirstScreenShown
from tui.ui.screens.main import MainScreen

__all__ = ["NewsReaderApp"]

FEW_COLOURS_THEME = "ansi-dark"
"""The default theme's stand-in on a terminal of 16 colours: the terminal's own colours."""


class NewsReaderApp(TrackingApp):
    """The terminal news reader: start-up and shutdown over the layers below (.base,
    .alerts, .refreshing, .downloads, .tracking)."""

    def _theme_for_terminal(self, theme: str) -> str:
        """``theme``, but the default on a terminal of 16 colours (TERM=xterm, linux, screen)
        is drawn in the terminal's own colours: brought down to the nearest of 16 that Rich
        assumes, the status line's red came out magenta on grey and the footer's keys bright
        red on grey, about as light as the grey in xterm's and the Linux console's palettes."""
        if theme == Settings().theme and self.console.color_system in ("standard", "windows"):
            return FEW_COLOURS_THEME
        return theme

    def on_mount(self) -> None:
        self._quit_on_sigterm()
        if self.settings.theme in self.available_themes:
            self.theme = self._theme_for_terminal(self.settings.theme)
        if self.settings.keymap:
            self.set_keymap(usable_keymap(self.settings.keymap))
            self.screen_change_signal.subscribe(self, self._check_key_layers)
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

    def _check_key_layers(self, screen: Screen[Any]) -> None:
        """Name the [keymap] keys a layer of ``screen`` takes from another, the first time a
        screen of its kind is shown (once composed: its widgets are the layers)."""
        kind = type(screen)
        if kind in self._key_layers_checked:
            return
        self._key_layers_checked.add(kind)

        def check() -> None:
            keymap = usable_keymap(self.settings.keymap)
            for line in layer_clashes(self.paths.config_file, keymap, screen):
                self.notify(line, severity="warning", markup=False, timeout=30)

        screen.call_after_refresh(check)

    def _quit_on_sigterm(self) -> None:
        """SIGTERM (``kill``, a shutdown) quits as ``q`` does. Its default ended the process
        where it stood: the terminal stayed on the alternate screen with mouse reporting on,
        and the downloads stayed marked running. (SIGHUP keeps its default: the terminal is
        gone, there is nothing to give back, and the next start resumes what was cut off.)"""
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGTERM, partial(self.exit, return_code=128 + signal.SIGTERM)
            )

    @on(FirstScreenShown)
    def _startup_done(self) -> None:
        """The main screen shows its first data: first-run set-up, then the first refresh."""
        if self.settings.refresh_on_start and self.main_screen is not None:
            self.main_screen.set_refresh_status(f"{self._verb}…")
        self._first_run()
        self._check_alerts()  # what a refresh from cron found while the reader was closed
        self.set_timer(self.FREEZE_AFTER, self._freeze_startup_objects)

    FREEZE_AFTER = 3.0
    """Seconds after the first frame until the objects made at start-up are frozen (by then
    the first preview has imported the parsers and extractors)."""

    def _freeze_startup_objects(self) -> None:
        """Hide what start-up made (modules, styles, widgets) from the cyclic garbage collector.

        Each full collection scanned all of it: 80-120 ms every few seconds while articles were
        previewed (10,000 cached), and one landing on a key press was the tail of the key
        latency; frozen, a full collection takes about 10 ms. The collection first frees start-up's
        garbage, which frozen would never be.
        """
        gc.collect()
        gc.freeze()

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

    DOWNLOADS_STOP_WAIT = 2.0
    """Seconds quitting waits for the downloads worker to put what ran back in the queue (it
    takes a tenth of a second: it stops, and writes where each download got to)."""

    def on_unmount(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGTERM)
        self.stop_refresh()  # no child process outlives the app
        self._stop_downloads.set()
        self._downloads_stopped.wait(self.DOWNLOADS_STOP_WAIT)
        if self._repo is not None:
            self._repo.close()

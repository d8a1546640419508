"""The App's base: its state and the requests of the screens that need nothing else."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.filter import LineFilter, Monochrome, NoColor
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker

from tui.config import Settings
from tui.paths import Paths
from tui.store.repository import Repository
from tui.ui.commands import NewsCommands
from tui.ui.greyscale import Greyscale, Uncoloured
from tui.ui.internal_hosts import InternalHosts
from tui.ui.keys import APP_BINDINGS
from tui.ui.messages import CopyLink, DataChanged, ListShown, OpenUrl
from tui.ui.screens.main import MainScreen
from tui.ui.worker_errors import report_failure

if TYPE_CHECKING:
    from tui.core.models import Feed
    from tui.services.background import RefreshProcess
    from tui.services.downloads.runner import DownloadRunner


def _can_open_browser() -> bool:
    """False where ``webbrowser`` would start a text browser in our own terminal (SSH, console)."""
    if os.environ.get("BROWSER"):
        return True
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class ReaderAppBase(App[None]):
    """The App's state, what every layer uses (the repository, the settings, the main screen),
    and what the screens ask of it that needs nothing else: open or copy a link, help."""

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
        self._greyscale = Greyscale()
        self._no_colour = Uncoloured()
        self._repo: Repository | None = None
        self._refreshing = False
        self._refresh_lock = threading.Lock()
        self._refresh_process: RefreshProcess | None = None
        self._added_waiting: list[tuple[Feed, bool]] = []  # added during a refresh (.refreshing)
        self._closing = False
        self._counts_stale = False
        self._counts_timer: Timer | None = None
        self._last_key = 0.0
        self._routed_on: WeakKeyDictionary[events.Key, Screen[Any]] = WeakKeyDictionary()
        """The screen shown when each key in flight came from the terminal (see on_key)."""
        self._held_keys: list[tuple[str, str | None]] = []  # for the tracker (see on_key)
        self._hold_timer: Timer | None = None
        self._last_status = 0.0
        self._notices: list[str] = []
        self._key_layers_checked: set[type[Screen[Any]]] = set()
        self._internal_hosts = InternalHosts(settings.internal_links)
        self._downloader: DownloadRunner | None = None
        self._downloading = False  # a downloads worker runs (set and read on the UI thread)
        self._downloads_wanted = False  # something was queued since that worker began
        self._stop_downloads = threading.Event()
        self._downloads_stopped = threading.Event()
        self._downloads_stopped.set()  # no worker yet
        self.main_screen: MainScreen | None = None
        """Pushed once its first data is in (see :meth:`on_mount`)."""

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Under NO_COLOR, greys as light as the colours they replace (:mod:`..greyscale`), not
        Textual's, which drew a red or blue text nearly in the grey of its background; under a
        theme of the terminal's colours (ansi-dark), none at all, what a background marked
        shown reversed. Textual picks its filter when the App is made, before the theme is
        set: the greys of the terminal's own colours, which have no RGB, were black, and the
        screen black on black."""
        chosen = self._no_colour if self.native_ansi_color else self._greyscale
        return [
            chosen if isinstance(f, Monochrome | NoColor) else f for f in super().get_line_filters()
        ]

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

    @property
    def _verb(self) -> str:
        """What a refresh is called: with [sync] set it syncs with the server."""
        return "Syncing" if self.settings.sync is not None else "Refreshing"

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = time.monotonic()
            if not event.is_forwarded:  # from the terminal: Textual routes it now
                self._routed_on[event] = self.screen
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """A key typed ahead of a screen's showing goes to that screen, as if it came now.

        Textual sends each key from the terminal to the widget focused when the App takes it,
        but looks up a widget's or a screen's bindings only when the key comes back to the App
        unhandled. The keys typed ahead behind one that opens a dialog ("/tariff", "a" and an
        address, "l3", arriving together over SSH) have all gone to the pane by the time the
        dialog is pushed, and come back after: looked up in the dialog's bindings, letters
        were dropped (an input takes letters as keys, not as bindings). Such a key goes again,
        to the screen shown, in the order the keys were typed (letters that reach a dialog
        before its input has focus: :class:`tui.ui.screens.prompt.PromptScreen`). The keys
        typed behind ``t`` wait for the tracker, which shows only once its rows are read
        (``MainScreen.tracker_coming``): "/" went to the main screen's search meanwhile. So
        do the keys typed in the articles pane while it is about to show another list
        (``MainScreen.list_coming``): the j of ``j 2 j`` moved the cursor in the list being
        replaced.
        """
        routed_on = self._routed_on.pop(event, None)
        main = self.main_screen
        holding = main is not None and main.holds_keys and self.screen is main
        if routed_on is not None and holding:
            # typed behind t, or ahead of a list: theirs, sent once it shows
            event.prevent_default()
            event.stop()
            self._held_keys.append((event.key, event.character))
            if self._hold_timer is None:
                self._hold_timer = self.set_timer(self.HOLD_SECONDS, self.release_keys)
            return
        if routed_on is None or routed_on is self.screen:
            self._split_escape(event)
            return
        event.prevent_default()  # not looked up in the bindings of the screen shown
        event.stop()
        self.post_message(events.Key(event.key, event.character))

    HOLD_SECONDS = 2.0
    """The longest keys wait for the tracker or a list: then they go where they may."""

    def release_keys(self) -> None:
        """The tracker or the list shows (or failed to): the keys held for it go to the screen
        shown."""
        if self.main_screen is not None:
            self.main_screen.tracker_coming = False
            self.main_screen.list_coming = False
            self.main_screen.feed_list.scope_coming = False
            self.main_screen.story_list.story_coming = False
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        held, self._held_keys = self._held_keys, []
        for key, character in held:
            self.post_message(events.Key(key, character))

    def _split_escape(self, event: events.Key) -> None:
        """An alt+letter nothing took is esc and that letter, typed quickly one after the other.

        tmux waits ``escape-time`` (500 ms by default before tmux 3.5) after an esc for what
        follows and sends both together, which reads as alt+key: esc then j to close the help
        and move on left the help open and lost the j. The reader binds no alt+key of its own,
        so such a key is taken apart again, and each goes where it would have gone; one the
        user bound in [keymap] is left to that binding."""
        modifier, _, _ = event.key.partition("+")
        character = event.character
        if modifier != "alt" or character is None or len(character) != 1:
            return
        if not (character.isascii() and character.isalnum()):
            return  # a letter's or a digit's key is named by its character
        if event.key in self.screen.active_bindings:
            return  # bound in [keymap]: the user's alt+key (bindings are looked up after this)
        event.prevent_default()
        event.stop()
        self.post_message(events.Key("escape", "\x1b"))
        self.post_message(events.Key(character, character))

    @on(ListShown)
    def _release_for_the_list(self) -> None:
        if self.main_screen is not None and not self.main_screen.keys_awaited:
            self.release_keys()

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
        if os.environ.get("TMUX"):
            self._copy_in_tmux(message.url)  # tmux drops OSC 52 by default (set-clipboard)
        else:
            self.notify("Link copied")

    @work(thread=True, group="clipboard", exit_on_error=False)
    def _copy_in_tmux(self, url: str) -> None:
        from tui.services.clipboard import copy_in_tmux

        failure = copy_in_tmux(url)
        if failure is None:
            self.notify("Link copied")
        else:
            self.notify(f"Link copied with OSC 52 only: {failure}", severity="warning")

"""Links to internal addresses (loopback, the local network): the ``internal_links`` setting and
this session's answers.

One object, made by the App and handed to the main screen, so that opening a link in the
browser (the App) and fetching an article's page (the screen) ask once per host between them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.config import InternalLinks
from tui.ui.display import visible

if TYPE_CHECKING:
    from textual.app import App

    from tui.services.fulltext import HostCheck


class InternalHosts:
    """Which internal hosts links may reach, by the setting and the answers given so far."""

    def __init__(self, mode: InternalLinks) -> None:
        self.mode = mode
        self._answers: dict[str, bool] = {}  # internal host -> may links go there

    def rule(self) -> HostCheck | None:
        """The host check for opening and fetching (None: every host)."""
        from tui.services.fulltext import internal_rule  # the fetcher: not at start-up

        return internal_rule(self.mode, self._answers)

    def ask(self, app: App[Any], host: str, then: Callable[[], object]) -> None:
        """A link leads to ``host``, an internal address: ask once per host (by the setting)
        whether to go there, and run ``then`` on yes."""
        host = host.lower()
        if self.mode == "refuse" or host in self._answers:
            app.notify(
                f"{visible(host)} is an internal address: not opened (internal_links setting)",
                severity="warning",
                markup=False,
            )
            return
        from tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            self._answers[host] = bool(yes)
            if yes:
                then()

        question = Text("This link leads to ")
        question.append(visible(host), style="bold")
        question.append(
            ", an address on this machine or the local network. Go there? (asked once per host)"
        )
        app.push_screen(ConfirmScreen(question), answered)

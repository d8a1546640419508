"""Command palette provider: every action of the main screen, plus "go to feed" entries.

Commands call the same ``action_*`` methods the key bindings run, directly, so an action the
footer hides for the focused pane is still reachable from the palette.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.core.models import ArticleScope, ScopeKind
from tui.ui.keys import APP_BINDINGS, MAIN_BINDINGS, describe, key_label

if TYPE_CHECKING:
    from tui.ui.screens.main import MainScreen

# Bindings that make no sense from a palette (moving focus is what the palette just did).
_SKIP = {"next_pane", "previous_pane", "back"}


def _call(target: object, action: str) -> Callable[[], object]:
    """``action`` is a binding action such as ``next_unread(1)`` or ``focus_pane('feeds')``."""
    name, _, rest = action.partition("(")
    args: list[object] = []
    if rest:
        raw = rest.rstrip(")").strip()
        if raw:
            args = [int(raw) if raw.lstrip("-").isdigit() else raw.strip("'\"")]
    method = getattr(target, f"action_{name.removeprefix('app.')}")
    return partial(method, *args)


class NewsCommands(Provider):
    """Actions of the reader, named as in the footer and the help screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from tui.ui.screens.main import MainScreen

        app = self.app
        main: MainScreen | None = next(
            (s for s in app.screen_stack if isinstance(s, MainScreen)), None
        )
        keymap: dict[str, str] = dict(getattr(app, "_keymap", {}) or {})
        seen: set[str] = set(_SKIP)
        commands: list[tuple[str, str, Callable[[], object]]] = []
        for target, bindings in ((app, APP_BINDINGS), (main, MAIN_BINDINGS)):
            if target is None:
                continue
            for binding in bindings:
                # One command per id (a hidden twin binding shares its id with the shown one).
                if not isinstance(binding, Binding) or binding.action.startswith("app."):
                    continue
                if binding.id in seen:
                    continue
                seen.add(binding.id or "")
                keys = key_label(keymap.get(binding.id or "", binding.key))
                commands.append((describe(binding), f"key {keys}", _call(target, binding.action)))
        if main is None:
            return commands
        for feed in main.feeds:
            scope = ArticleScope(ScopeKind.FEED, feed_id=feed.id)
            commands.append(
                (f"Go to feed: {feed.display_title}", feed.url, partial(self._go, main, scope))
            )
        return commands

    @staticmethod
    def _go(main: MainScreen, scope: ArticleScope) -> None:
        main.go_to_scope(scope)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), self._run(callback), text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                # Feed titles are untrusted: matcher.highlight() would parse them as markup.
                yield Hit(score, Content(name), self._run(callback), text=name, help=help_text)

    @staticmethod
    def _run(callback: Callable[[], object]) -> Callable[[], object]:
        async def run() -> None:
            result = callback()
            if inspect.isawaitable(result):
                await result

        return run

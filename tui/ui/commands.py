"""Command palette provider: every action of the main screen and its panes, plus "go to feed"
(over another screen, only the App's).

Commands call the same ``action_*`` methods the key bindings run, directly, so a pane's action
is reachable from the palette whichever pane has focus.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from functools import partial

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.markup import escape

from tui.core.models import ArticleScope, ScopeKind
from tui.core.urls import shown_url
from tui.core.wording import plural
from tui.ui.display import visible
from tui.ui.keys import (
    APP_BINDINGS,
    ARTICLES_PANE_KEYS,
    ENTITIES_PANE_KEYS,
    FEEDS_PANE_KEYS,
    MAIN_BINDINGS,
    TARIFFS_PANE_KEYS,
    describe,
    key_label,
)
from tui.ui.screens.main import MainScreen

# Bindings that make no sense from a palette (moving focus is what the palette just did).
_SKIP = {"next_pane", "previous_pane", "back"}


def _call(target: DOMNode, action: str) -> Callable[[], object]:
    """``action`` is a binding action such as ``next_unread(1)`` or ``focus_pane('feeds')``;
    one named ``screen.…`` (a pane's key) runs on the screen, not on ``target``."""
    name, _, rest = action.partition("(")
    args: list[object] = []
    if rest:
        raw = rest.rstrip(")").strip()
        if raw:
            args = [int(raw) if raw.lstrip("-").isdigit() else raw.strip("'\"")]
    if name.startswith("screen."):
        target, name = target.screen, name.removeprefix("screen.")
    return partial(getattr(target, f"action_{name}"), *args)


def _sources(main: MainScreen | None) -> list[tuple[DOMNode, Sequence[BindingType]]]:
    """The nodes whose bindings become commands, each with those bindings."""
    if main is None:
        return []
    return [
        (main, MAIN_BINDINGS),
        (main.feed_list, FEEDS_PANE_KEYS),
        (main.article_list, ARTICLES_PANE_KEYS),
        (main.entities_pane, ENTITIES_PANE_KEYS),
        (main.tariff_pane, TARIFFS_PANE_KEYS),
    ]


class NewsCommands(Provider):
    """Actions of the reader, named as in the footer and the help screen."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        # The screen the palette was opened over: the main screen's commands act on it, and
        # over another screen (the tracker, the downloads) would act on what it hides.
        main = self.screen if isinstance(self.screen, MainScreen) else None
        keymap: dict[str, str] = dict(getattr(app, "_keymap", {}) or {})
        seen: set[str] = set(_SKIP)
        commands: list[tuple[str, str, Callable[[], object]]] = []
        for target, bindings in [(app, APP_BINDINGS), *_sources(main)]:
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
        # Where the feeds pane goes: its saved searches, folders and feeds, by name.
        for search in main.feed_list.searches:
            scope = ArticleScope(ScopeKind.SEARCH, search_id=search.id)
            go = partial(self._go, main, scope)
            name = f"Go to saved search: {visible(search.name)}"
            commands.append((name, visible(search.query), go))
        folders = dict.fromkeys(feed.folder for feed in main.feeds if feed.folder)
        for folder in folders:
            scope = ArticleScope(ScopeKind.FOLDER, folder=folder)
            feeds = plural(sum(feed.folder == folder for feed in main.feeds), "feed")
            go = partial(self._go, main, scope)
            commands.append((f"Go to folder: {visible(folder)}", feeds, go))
        for feed in main.feeds:
            scope = ArticleScope(ScopeKind.FEED, feed_id=feed.id)
            go = partial(self._go, main, scope)
            commands.append((f"Go to feed: {visible(feed.display_title)}", shown_url(feed.url), go))
        return commands

    @staticmethod
    def _go(main: MainScreen, scope: ArticleScope) -> None:
        main.go_to_scope(scope)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(
                Content(name), self._run(callback), text=name, help=escape(help_text)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                # Feed titles are untrusted: matcher.highlight() would parse them as markup; the
                # palette parses the help (a feed's address) as markup, so it goes escaped.
                yield Hit(
                    score, Content(name), self._run(callback), text=name, help=escape(help_text)
                )

    @staticmethod
    def _run(callback: Callable[[], object]) -> Callable[[], object]:
        async def run() -> None:
            result = callback()
            if inspect.isawaitable(result):
                await result

        return run

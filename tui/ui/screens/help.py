"""The help screen: every key binding with its id, the keys in effect after the user's keymap.

The id is what ``[keymap]`` in config.toml takes (``star = "ctrl+s"``), so the bindings of the
other screens (links, tracker, dialogs) are listed too: their ids are as remappable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.keys import all_bindings, describe, key_label

INTRO = (
    "To change a key, set its id (the last column) in config.toml: under [keymap],"
    ' id = "keys", e.g. star = "ctrl+s" or refresh = "r,f5".'
)
_KEY_WIDTH = 12
_ID_WIDTH = 20


def help_groups() -> list[tuple[str, Sequence[BindingType]]]:
    """The main screen's bindings, then those of each other screen (imported on first use)."""
    from tui.ui.screens.add_feed import AddFeedScreen
    from tui.ui.screens.confirm import ConfirmScreen
    from tui.ui.screens.downloads import DownloadsScreen, DownloadsTable
    from tui.ui.screens.feed_errors import FeedErrorsScreen
    from tui.ui.screens.links import LinksScreen
    from tui.ui.screens.search import SearchScreen
    from tui.ui.screens.tracker import TrackerScreen
    from tui.ui.screens.watch_list import WatchListScreen
    from tui.ui.widgets.tracker_table import TrackerTable

    return [
        *all_bindings(),
        ("Links list (l)", LinksScreen.BINDINGS),
        ("Tariff tracker (t)", [*TrackerScreen.BINDINGS, *TrackerTable.BINDINGS]),
        ("Watch list (W)", WatchListScreen.BINDINGS),
        ("Feed errors (E)", FeedErrorsScreen.BINDINGS),
        ("Downloads (L)", [*DownloadsScreen.BINDINGS, *DownloadsTable.BINDINGS]),
        ("Add feed, search", [*AddFeedScreen.BINDINGS, *SearchScreen.BINDINGS]),
        ("Confirm", ConfirmScreen.BINDINGS),
        ("Help", HelpScreen.BINDINGS),
    ]


def _with_ids(bindings: Iterable[BindingType], seen: set[str]) -> list[Binding]:
    """Bindings that can be remapped (they have an id) and are not listed yet (``seen``)."""
    found = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id and binding.id not in seen:
            seen.add(binding.id)
            found.append(binding)
    return found


def _table() -> Table:
    """Three columns of the same widths in every group, so the groups line up."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(style="bold", width=_KEY_WIDTH, overflow="fold")
    table.add_column(ratio=1)
    table.add_column(style="dim", width=_ID_WIDTH, overflow="fold")
    return table


def bindings_table(keymap: dict[str, str]) -> Group:
    """Key, what it does and its id, group by group (``keymap``: the user's remapped keys)."""
    header = _table()
    header.add_row(Text("Key"), Text("Action", style="bold"), Text("id", style="bold"))
    parts: list[RenderableType] = [header]
    seen: set[str] = set()
    for group, bindings in help_groups():
        listed = _with_ids(bindings, seen)
        if not listed:
            continue
        table = _table()
        for binding in listed:
            binding_id = binding.id or ""
            keys = keymap.get(binding_id, binding.key)
            table.add_row(Text(key_label(keys)), Text(describe(binding)), Text(binding_id))
        parts += [Text(""), Text(group, style="bold underline"), table]
    palette = _table()
    palette.add_row(Text("ctrl+p"), Text("Command palette (every action)"), Text(""))
    parts += [Text(""), palette]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """Lists the bindings; esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="close_help"),
        # The ids of the list keys: one keymap entry moves in every list and here.
        Binding("j,down", "scroll(1)", "Down", show=False, id="cursor_down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="cursor_up"),
        Binding("g,home", "scroll_to(0)", "Top", show=False, id="first"),
        Binding("G,end", "scroll_to(-1)", "Bottom", show=False, id="last"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="list_page_down"),
        Binding("b,pageup", "page(-1)", "Page up", show=False, id="list_page_up"),
    ]

    def compose(self) -> ComposeResult:
        keymap = dict(getattr(self.app, "_keymap", {}) or {})
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "j/k scroll · esc to close"
            yield Static(Text(INTRO, style="dim"), id="help-intro")
            yield Static(bindings_table(keymap), id="help-table")

    @property
    def _box(self) -> VerticalScroll:
        return self.query_one("#help-box", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        self._box.scroll_relative(y=lines, animate=False)

    def action_scroll_to(self, where: int) -> None:
        box = self._box
        box.scroll_to(y=0 if where >= 0 else box.max_scroll_y, animate=False)

    def action_page(self, direction: int) -> None:
        box = self._box
        page = max(1, box.scrollable_content_region.height - 1)
        box.scroll_relative(y=direction * page, animate=False)

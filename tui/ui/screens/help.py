"""The help screen: every key binding with its id, the keys in effect after the user's keymap.

The id is what ``[keymap]`` in config.toml takes (``star = "ctrl+s"``), so the bindings of the
other screens (links, tracker, dialogs) are listed too: their ids are as remappable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.keys import MAIN_SCREEN, all_bindings, describe, key_label, where

_PANE_KEYS = " A key followed by panes acts while one of them has focus."
INTRO = (
    "To change a key, set its id (the last column) in config.toml: under [keymap],"
    ' id = "keys", e.g. star = "ctrl+s" or refresh = "r,f5".' + _PANE_KEYS
)
NARROW_INTRO = (
    "To change a key, set its id (under what it does) in config.toml: under [keymap],"
    ' id = "keys", e.g. star = "ctrl+s" or refresh = "r,f5".' + _PANE_KEYS
)
_KEY_WIDTH = 12
_ID_WIDTH = 20
_MIN_ACTION_WIDTH = 20
_THREE_COLUMNS = _KEY_WIDTH + _MIN_ACTION_WIDTH + _ID_WIDTH + 2
"""The width the three columns need; narrower, each id goes under its action."""


class _ByWidth:
    """``wide`` when it is given ``min_width`` columns or more, else ``narrow`` (a Rich
    renderable: the help box's width follows the terminal's)."""

    def __init__(self, wide: RenderableType, narrow: RenderableType, min_width: int) -> None:
        self.wide = wide
        self.narrow = narrow
        self.min_width = min_width

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.min_width else self.narrow


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


def _table(*, narrow: bool = False) -> Table:
    """Three columns of the same widths in every group, so the groups line up; ``narrow``:
    two, the id under the action."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(style="bold", width=_KEY_WIDTH, overflow="fold")
    table.add_column(ratio=1)
    if not narrow:
        table.add_column(style="dim", width=_ID_WIDTH, overflow="fold")
    return table


def _add_row(table: Table, key: str, action: Text, binding_id: Text, *, narrow: bool) -> None:
    if not narrow:
        table.add_row(Text(key), action, binding_id)
    elif binding_id:
        binding_id.stylize("dim")
        table.add_row(Text(key), Text.assemble(action, "\n", binding_id))
    else:
        table.add_row(Text(key), action)


def _bindings_table(keymap: dict[str, str], *, narrow: bool) -> Group:
    header = _table(narrow=narrow)
    _add_row(header, "Key", Text("Action", style="bold"), Text("id", style="bold"), narrow=narrow)
    parts: list[RenderableType] = [header]
    seen: set[str] = set()
    for group, bindings in help_groups():
        listed = _with_ids(bindings, seen)
        if not listed:
            continue
        table = _table(narrow=narrow)
        for binding in listed:
            binding_id = binding.id or ""
            keys = key_label(keymap.get(binding_id, binding.key))
            action = Text(describe(binding))
            if group == MAIN_SCREEN and (place := where(binding)):
                action.append(f" · {place}", style="italic")  # a pane's key: not elsewhere
            _add_row(table, keys, action, Text(binding_id), narrow=narrow)
        parts += [Text(""), Text(group, style="bold underline"), table]
    palette = _table(narrow=narrow)
    _add_row(palette, "ctrl+p", Text("Command palette (every action)"), Text(""), narrow=narrow)
    parts += [Text(""), palette]
    return Group(*parts)


def bindings_table(keymap: dict[str, str]) -> RenderableType:
    """Key, what it does and its id, group by group (``keymap``: the user's remapped keys);
    where the three columns do not fit, each id goes under what it does."""
    wide = _bindings_table(keymap, narrow=False)
    return _ByWidth(wide, _bindings_table(keymap, narrow=True), _THREE_COLUMNS)


class _Intro(Static):
    """How to remap a key, saying where the table below it shows the ids (as text, not a
    renderable chosen by width: Textual draws a Text's dim itself, Rich otherwise)."""

    def on_resize(self, event: events.Resize) -> None:
        text = INTRO if event.size.width >= _THREE_COLUMNS else NARROW_INTRO
        self.update(Text(text, style="dim"))


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
            yield _Intro(Text(INTRO, style="dim"), id="help-intro")
            yield Static(bindings_table(keymap), id="help-table")

    @property
    def _box(self) -> VerticalScroll:
        return self.query_one("#help-box", VerticalScroll)

    # immediate: each key scrolls on from where the key before it left the box (by the next
    # frame, keys that arrive together, as j held over SSH, would all start from one place).
    def action_scroll(self, lines: int) -> None:
        self._box.scroll_relative(y=lines, animate=False, immediate=True)

    def action_scroll_to(self, where: int) -> None:
        box = self._box
        box.scroll_to(y=0 if where >= 0 else box.max_scroll_y, animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        box = self._box
        page = max(1, box.scrollable_content_region.height - 1)
        box.scroll_relative(y=direction * page, animate=False, immediate=True)

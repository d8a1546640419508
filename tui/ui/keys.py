"""Every key binding, declared once with an id so ``[keymap]`` in config.toml can remap it.

The help screen and the command palette read these lists, so a binding added here shows up
in both. Ids are shared between widgets where the meaning is the same (``cursor_down`` moves
down in every list), so one keymap entry remaps the key everywhere.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

ANYWHERE = "anywhere"
"""The parameter of a hidden twin binding that works in every pane (see ``PANE_ACTIONS``)."""

APP_BINDINGS: list[BindingType] = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark", "help", "Help", id="help"),
]

# Movement inside the list widgets (feeds, articles, entities, links, tables).
LIST_BINDINGS: list[BindingType] = [
    Binding("j,down", "cursor_down", "Down", show=False, id="cursor_down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="cursor_up"),
    Binding("g,home", "first", "First", show=False, id="first"),
    Binding("G,end", "last", "Last", show=False, id="last"),
    Binding("pagedown", "page_down", "Page down", show=False, id="list_page_down"),
    Binding("pageup", "page_up", "Page up", show=False, id="list_page_up"),
    Binding("enter", "select", "Open", show=False, id="open"),
]

# Scrolling inside the article body.
BODY_BINDINGS: list[BindingType] = [
    Binding("j,down", "scroll_down", "Down", show=False, id="cursor_down"),
    Binding("k,up", "scroll_up", "Up", show=False, id="cursor_up"),
    Binding("g,home", "scroll_home", "Top", show=False, id="first"),
    Binding("G,end", "scroll_end", "Bottom", show=False, id="last"),
]

MAIN_BINDINGS: list[BindingType] = [
    Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="next_pane"),
    Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="previous_pane"),
    Binding("1", "focus_pane('feeds')", "Feeds pane", show=False, id="focus_feeds"),
    Binding("2", "focus_pane('articles')", "Articles pane", show=False, id="focus_articles"),
    Binding("3", "focus_pane('body')", "Article pane", show=False, id="focus_body"),
    Binding("4", "focus_pane('entities')", "Entities pane", show=False, id="focus_entities"),
    Binding("5", "focus_pane('tariffs')", "Tariffs pane", show=False, id="focus_tariffs"),
    Binding("escape", "back", "Back", show=False, id="back"),
    Binding("space", "page_body(1)", "Page down", show=False, id="page_down"),
    Binding("b", "page_body(-1)", "Page up", show=False, id="page_up"),
    Binding("n", "next_unread(1)", "Next unread", show=False, id="next_unread"),
    Binding("p", "next_unread(-1)", "Previous unread", show=False, id="previous_unread"),
    Binding("r", "refresh_feed", "Refresh", id="refresh"),
    Binding("R", "refresh_all", "Refresh all", show=False, id="refresh_all"),
    Binding("m", "toggle_read", "Read", show=False, id="toggle_read"),
    Binding("A", "mark_scope_read", "Mark all read", show=False, id="mark_feed_read"),
    Binding("s", "toggle_star", "Star", id="star"),
    Binding("o", "open_link", "Open", id="open_link"),
    Binding("y", "copy_link", "Copy", id="copy_link"),
    Binding("f", "full_text", "Full text", id="full_text"),
    Binding("l", "list_links", "Links", show=False, id="list_links"),
    Binding("e", "entity_articles", "Mentions", id="entity_articles"),
    Binding("slash", "search", "Search", id="search"),
    Binding("t", "tracker", "Tariffs", id="tracker"),
    Binding("a", "add_feed", "Add feed", id="add_feed"),
    # `a` works in every pane, but only the feeds pane's footer has room to show it: this
    # hidden twin (same key, same id, so a keymap entry moves both) is allowed everywhere.
    Binding("a", f"add_feed('{ANYWHERE}')", "Add feed", show=False, id="add_feed"),
    Binding("d", "delete_feed", "Delete feed", id="delete_feed"),
    Binding("E", "feed_errors", "Feed errors", show=False, id="feed_errors"),
    Binding("x", "toggle_side", "Side panes", show=False, id="toggle_side"),
    # In the tariffs pane (a click on a column header sorts too; a second click reverses).
    Binding("S", "sort_tariffs", "Sort", id="sort_tariffs"),
    Binding("I", "reverse_tariff_sort", "Reverse sort", show=False, id="reverse_tariff_sort"),
    # Only while the body highlights an entity's mentions or a tariff's evidence (enter in
    # the entities or tariffs pane); n/p already mean next/previous unread.
    Binding("right_square_bracket", "step_highlight(1)", "Next mention", id="next_mention"),
    Binding("left_square_bracket", "step_highlight(-1)", "Prev mention", id="previous_mention"),
]

# Which panes each main-screen action applies to (None: everywhere): the key works there and
# the footer shows it there. A twin binding with the ANYWHERE parameter works in every pane.
PANE_ACTIONS: dict[str, frozenset[str] | None] = {
    "refresh_feed": frozenset({"feeds", "articles"}),
    "toggle_read": frozenset({"articles", "body"}),
    "mark_scope_read": frozenset({"feeds", "articles"}),
    "toggle_star": frozenset({"articles", "body"}),
    "open_link": frozenset({"articles", "body"}),
    "copy_link": frozenset({"articles", "body"}),
    "full_text": frozenset({"articles", "body"}),
    "list_links": frozenset({"articles", "body"}),
    "entity_articles": frozenset({"entities"}),
    "add_feed": frozenset({"feeds"}),
    "delete_feed": frozenset({"feeds"}),
    "sort_tariffs": frozenset({"tariffs"}),
    "reverse_tariff_sort": frozenset({"tariffs"}),
}


# Longer wording for the help screen and the palette, where the footer's short labels are terse.
HELP_TEXT: dict[str, str] = {
    "refresh": "Refresh the current feed or folder",
    "refresh_all": "Refresh all feeds",
    "toggle_read": "Toggle read / unread",
    "mark_feed_read": "Mark the current feed (or folder) read",
    "star": "Toggle star",
    "open_link": "Open the article in the browser",
    "copy_link": "Copy the article link (OSC 52, works over SSH)",
    "full_text": "Fetch the full article text",
    "list_links": "List the article's links (open or copy one)",
    "entity_articles": "Articles mentioning the selected entity",
    "search": "Search all articles (full text)",
    "tracker": "Tariff tracker",
    "add_feed": "Add a feed (URL of a feed or a site)",
    "delete_feed": "Delete the highlighted feed",
    "feed_errors": "Show feed errors",
    "toggle_side": "Show / hide the entities and tariffs panes",
    "sort_tariffs": "Sort the tariffs by the next column (country, rate, status, effective)",
    "reverse_tariff_sort": "Reverse the tariffs sort order",
    "back": "Back (leave search results, previous pane)",
    "next_mention": "Next highlighted mention (esc: leave)",
    "previous_mention": "Previous highlighted mention",
    "page_down": "Page down in the article",
    "page_up": "Page up in the article",
    "open": "Open, or highlight an entity / tariff row",
    # Lists and the article body share these ids (one keymap entry remaps both).
    "cursor_down": "Down (in the article: scroll)",
    "cursor_up": "Up (in the article: scroll)",
    "first": "First (in the article: top)",
    "last": "Last (in the article: bottom)",
    "list_page_down": "Page down in a list",
    "list_page_up": "Page up in a list",
}


_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "space": "space",
    "escape": "esc",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


def key_label(keys: str) -> str:
    """``"j,down"`` as the help screen and palette show it; key names become their characters."""
    return ", ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def describe(binding: Binding) -> str:
    return HELP_TEXT.get(binding.id or "", binding.description)


def all_bindings() -> list[tuple[str, list[BindingType]]]:
    """Every binding, grouped for the help screen."""
    return [
        ("Everywhere", APP_BINDINGS),
        ("Main screen", MAIN_BINDINGS),
        ("Lists", LIST_BINDINGS),
        ("Article body", BODY_BINDINGS),
    ]

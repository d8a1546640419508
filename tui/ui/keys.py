"""The key bindings of the app, the main screen, its panes and the downloads screen, each declared
once with an id so ``[keymap]`` in config.toml can remap it (a dialog declares its own keys,
with ids too).

The help screen and the command palette read these lists, so a binding added here shows up
in both. Ids are shared between widgets where the meaning is the same (``cursor_down`` moves
down in every list), so one keymap entry remaps the key everywhere.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

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

# -- the main screen: keys of one pane --------------------------------------------------------
# Bound on the pane's widget, so Textual runs them, and the footer shows them, only while that
# pane has focus. Most run an action of the screen ("screen." prefix), which holds the scope and
# the article they act on; the tariffs pane sorts itself.

REFRESH = Binding("r", "screen.refresh_feed", "Refresh", id="refresh")
MARK_SCOPE_READ = Binding(
    "A", "screen.mark_scope_read", "Mark all read", show=False, id="mark_feed_read"
)
ADD_FEED = Binding("a", "screen.add_feed", "Add feed", id="add_feed")
DELETE_FEED = Binding("d", "screen.delete_feed", "Delete feed", id="delete_feed")
TOGGLE_READ = Binding("m", "screen.toggle_read", "Read", show=False, id="toggle_read")
STAR = Binding("s", "screen.toggle_star", "Star", id="star")
OPEN_LINK = Binding("o", "screen.open_link", "Open", id="open_link")
COPY_LINK = Binding("y", "screen.copy_link", "Copy", id="copy_link")
FULL_TEXT = Binding("f", "screen.full_text", "Full text", id="full_text")
LIST_LINKS = Binding("l", "screen.list_links", "Links", show=False, id="list_links")
DOWNLOAD = Binding("D", "screen.download", "Download", show=False, id="download")
PLAY = Binding("P", "screen.play", "Play", show=False, id="play")
ENTITY_ARTICLES = Binding("e", "screen.entity_articles", "Mentions", id="entity_articles")
# A click on a tariffs column header sorts too; a second click reverses.
SORT_TARIFFS = Binding("S", "cycle_sort", "Sort", id="sort_tariffs")
REVERSE_TARIFF_SORT = Binding(
    "I", "reverse_sort", "Reverse sort", show=False, id="reverse_tariff_sort"
)

# w watches what the pane has highlighted: a saved search (feeds), an entity, a tariff's country.
WATCH = Binding("w", "screen.toggle_watch", "Watch", id="watch")
RENAME_SEARCH = Binding("e", "screen.rename_search", "Rename", show=False, id="rename_search")
# Articles or stories across feeds in the articles pane (issue 18).
TOGGLE_STORIES = Binding("v", "screen.toggle_stories", "Stories", show=False, id="toggle_stories")

FEEDS_PANE_KEYS: list[BindingType] = [
    REFRESH,
    MARK_SCOPE_READ,
    ADD_FEED,
    DELETE_FEED,
    WATCH,
    RENAME_SEARCH,
]
ARTICLE_KEYS: list[BindingType] = [
    TOGGLE_READ,
    STAR,
    OPEN_LINK,
    COPY_LINK,
    FULL_TEXT,
    LIST_LINKS,
    DOWNLOAD,
    PLAY,
]
"""On the current article: in the articles pane and the article body alike."""
ARTICLES_PANE_KEYS: list[BindingType] = [REFRESH, MARK_SCOPE_READ, TOGGLE_STORIES, *ARTICLE_KEYS]
STORIES_PANE_KEYS: list[BindingType] = ARTICLES_PANE_KEYS
ENTITIES_PANE_KEYS: list[BindingType] = [ENTITY_ARTICLES, WATCH]
TARIFFS_PANE_KEYS: list[BindingType] = [SORT_TARIFFS, REVERSE_TARIFF_SORT, WATCH]

# -- the downloads screen (L) -----------------------------------------------------------------

DOWNLOADS_SCREEN_KEYS: list[BindingType] = [
    Binding("escape", "close", "Back", id="close_downloads"),
    Binding("P", "play", "Play", id="play"),  # P plays on the main screen too: one id
    Binding("c", "cancel", "Cancel", id="cancel_download"),
    Binding("r", "retry", "Retry", id="retry_download"),
    Binding("x", "forget", "Remove", id="forget_download"),
]

# -- the main screen: keys of every pane --------------------------------------------------------

_NAVIGATION: list[BindingType] = [
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
]
REFRESH_ALL = Binding("R", "refresh_all", "Refresh all", show=False, id="refresh_all")
SEARCH = Binding("slash", "search", "Search", id="search")
TRACKER = Binding("t", "tracker", "Tariffs", id="tracker")
# `a` works in every pane, but only the feeds pane's footer has room to show it (ADD_FEED):
# this hidden twin has the same key and id, so one keymap entry moves both.
ADD_FEED_ANYWHERE = Binding("a", "add_feed", "Add feed", show=False, id="add_feed")
FEED_ERRORS = Binding("E", "feed_errors", "Feed errors", show=False, id="feed_errors")
WATCH_LIST = Binding("W", "watch_list", "Watch list", show=False, id="watch_list")
TOGGLE_SIDE = Binding("x", "toggle_side", "Side panes", show=False, id="toggle_side")
DOWNLOADS = Binding("L", "downloads", "Downloads", show=False, id="downloads")
# Shown only while the body highlights an entity's mentions or a tariff's evidence (enter in the
# entities or tariffs pane); n/p already mean next/previous unread.
NEXT_MENTION = Binding(
    "right_square_bracket", "step_highlight(1)", "Next mention", id="next_mention"
)
PREVIOUS_MENTION = Binding(
    "left_square_bracket", "step_highlight(-1)", "Prev mention", id="previous_mention"
)

MAIN_BINDINGS: list[BindingType] = [
    *_NAVIGATION,
    REFRESH_ALL,
    SEARCH,
    TRACKER,
    ADD_FEED_ANYWHERE,
    FEED_ERRORS,
    WATCH_LIST,
    TOGGLE_SIDE,
    DOWNLOADS,
    NEXT_MENTION,
    PREVIOUS_MENTION,
]
"""The screen's own bindings."""

MAIN_SCREEN_KEYS: list[BindingType] = [
    *_NAVIGATION,
    REFRESH,
    REFRESH_ALL,
    TOGGLE_READ,
    MARK_SCOPE_READ,
    TOGGLE_STORIES,
    STAR,
    OPEN_LINK,
    COPY_LINK,
    FULL_TEXT,
    LIST_LINKS,
    DOWNLOAD,
    PLAY,
    DOWNLOADS,
    ENTITY_ARTICLES,
    SEARCH,
    TRACKER,
    ADD_FEED,
    DELETE_FEED,
    FEED_ERRORS,
    WATCH,
    WATCH_LIST,
    RENAME_SEARCH,
    TOGGLE_SIDE,
    SORT_TARIFFS,
    REVERSE_TARIFF_SORT,
    NEXT_MENTION,
    PREVIOUS_MENTION,
]
"""Every key of the main screen, its panes' included, in the order the help lists them."""


# Longer wording for the help screen and the palette, where the footer's short labels are terse.
HELP_TEXT: dict[str, str] = {
    "refresh": "Refresh the current feed or folder",
    "refresh_all": "Refresh all feeds",
    "toggle_read": "Toggle read / unread",
    "mark_feed_read": "Mark the current feed, folder or results read",
    "toggle_stories": "Articles / stories across feeds (one row per event, enter expands it)",
    "star": "Toggle star",
    "open_link": "Open the article in the browser",
    "copy_link": "Copy the article link (OSC 52, works over SSH)",
    "full_text": "Fetch the full article text",
    "list_links": "List the article's links (open or copy one)",
    "download": "Download the enclosures (podcast, video, file)",
    "play": "Play the enclosure (its file, else the stream)",
    "downloads": "Downloads: progress, play, cancel, retry",
    "close_downloads": "Back to the reader",
    "cancel_download": "Cancel the download (its bytes are deleted)",
    "retry_download": "Retry a failed or cancelled download (a failed one resumes)",
    "forget_download": "Remove a finished download from the list (the file stays)",
    "entity_articles": "Articles mentioning the selected entity",
    "search": "Search all articles (full text)",
    "tracker": "Tariff tracker",
    "add_feed": "Add a feed (URL of a feed or a site)",
    "feed_errors": "Show feed errors",
    "watch": "Watch / stop watching the highlighted country, entity or saved search",
    "watch_list": "What you watch, and the latest alerts",
    "rename_search": "Rename the highlighted saved search",
    "save_search": "Save the search as a feed (in the search prompt)",
    "unwatch": "Stop watching the highlighted item",
    "delete_feed": "Delete the highlighted feed or saved search",
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


# The panes whose own keys (bound on the pane's widget) act only while that pane has focus.
_PANES: list[tuple[str, list[BindingType]]] = [
    ("feeds", FEEDS_PANE_KEYS),
    ("articles", ARTICLES_PANE_KEYS),
    ("article", ARTICLE_KEYS),  # the article body
    ("entities", ENTITIES_PANE_KEYS),
    ("tariffs", TARIFFS_PANE_KEYS),
]


def where(binding: Binding) -> str:
    """Where a main-screen key acts, for the help ("feeds, articles panes"); "" for a key of
    the screen, which acts whichever pane has focus."""
    if any(isinstance(b, Binding) and b.id == binding.id for b in MAIN_BINDINGS):
        return ""
    names = [
        name
        for name, keys in _PANES
        if any(isinstance(b, Binding) and b.id == binding.id for b in keys)
    ]
    panes = [name for name in names if name != "article"]
    parts = [f"{', '.join(panes)} {'pane' if len(panes) == 1 else 'panes'}"] if panes else []
    return ", ".join(parts + ["article"] * ("article" in names))


MAIN_SCREEN = "Main screen"
"""The help's group of the main screen's keys."""


def all_bindings() -> list[tuple[str, list[BindingType]]]:
    """Every binding, grouped for the help screen."""
    return [
        ("Everywhere", APP_BINDINGS),
        (MAIN_SCREEN, MAIN_SCREEN_KEYS),
        ("Lists", LIST_BINDINGS),
        ("Article body", BODY_BINDINGS),
    ]

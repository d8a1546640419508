"""What a new user trips over (issue 15): the mouse, cut names and titles, the selected row
without colour, the help's keymap ids, and the small things around them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from tests.conftest import rss_feed
from tests.feedserver import reply, serve
from tests.ui.conftest import (
    AppFactory,
    add_demo,
    contrast_of,
    main,
    screen_text,
    settle,
    started,
    titles,
)
from tui.core.models import ArticleScope, ParsedArticle, ScopeKind
from tui.services.subscriptions import load_demo
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.config_check import binding_ids
from tui.ui.rows import CURSOR, CURSOR_BLURRED
from tui.ui.screens.add_feed import AddFeedScreen
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.feed_list import FeedList

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LONG_FEED = "Tariff News and Trade Policy Updates from Everywhere"
LONG_TITLE = (
    "Ministers from twelve countries leave Geneva without agreement as the deadline for "
    "reciprocal tariffs approaches"
)


def add_long_feed(repo: Repository, unread: int = 2) -> None:
    """A feed whose name fits no feeds pane, with ``unread`` articles, one with a long title."""
    feed = repo.add_feed("http://127.0.0.1:9/long.xml", title=LONG_FEED)
    titles = [LONG_TITLE] + [f"Short story {n}" for n in range(1, unread)]
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid=f"long{n}",
                link=f"https://news.example.org/long{n}",
                title=title,
                published=datetime(2026, 11, 28, 9 - n, 0, tzinfo=UTC),
                content_html="<p>Text.</p>",
            )
            for n, title in enumerate(titles)
        ],
    )


def line_with(lines: list[str], needle: str) -> str:
    found = [line for line in lines if needle in line]
    assert found, f"{needle!r} is not on the screen:\n" + "\n".join(lines)
    return found[0]


async def test_a_click_selects_the_row_clicked(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        articles = main(app).article_list
        assert articles.cursor == 0
        # The pane's top border is row 0 of the widget: row 2 is the second article.
        await pilot.click(ArticleList, offset=(20, 2))
        await settle(app, pilot)
        assert articles.cursor == 1
        await pilot.click(ArticleList, offset=(20, 4))
        await settle(app, pilot)
        assert articles.cursor == 3
        # A click on the top border selects nothing.
        await pilot.click(ArticleList, offset=(20, 0))
        await settle(app, pilot)
        assert articles.cursor == 3


async def test_the_selected_row_shows_without_colour(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        assert app.no_color
        lines = screen_text(app)
        # Articles focused: its cursor row has the full mark, the feeds pane's current row
        # (All) the hollow one.
        assert f"{CURSOR}●" in line_with(lines, "Vietnam deal sets")
        assert CURSOR not in line_with(lines, "Rubio meets Lavrov")
        assert f"{CURSOR_BLURRED}● All" in line_with(lines, "● All")
        await pilot.press("j")
        await settle(app, pilot)
        lines = screen_text(app)
        assert f"{CURSOR}●" in line_with(lines, "Rubio meets Lavrov")
        assert CURSOR not in line_with(lines, "Vietnam deal sets")
        await pilot.press("1")
        await settle(app, pilot)
        lines = screen_text(app)
        assert f"{CURSOR}● All" in line_with(lines, "● All")
        assert f"{CURSOR_BLURRED}●" in line_with(lines, "Rubio meets Lavrov")
        await pilot.press("j")
        await settle(app, pilot)
        assert f"{CURSOR}★ Starred" in line_with(screen_text(app), "★ Starred")
        await pilot.press("k", "2", "g", "4")
        await settle(app, pilot)
        marked = [line for line in screen_text(app) if CURSOR in line]
        assert len(marked) == 1 and f"{CURSOR} Donald Trump" in marked[0]  # the first entity


@pytest.mark.parametrize(("term", "theme"), [("xterm-256color", None), ("xterm", "ansi-dark")])
async def test_under_no_color_the_failing_feeds_and_the_headings_stay_readable(
    make_app: AppFactory,
    repo: Repository,
    monkeypatch: pytest.MonkeyPatch,
    term: str,
    theme: str | None,
) -> None:
    """NO_COLOR turned each colour into a grey of the wrong lightness (Textual weighs sRGB
    values without undoing their gamma): the red "!" of a failing feed and the status line's
    "1 feed failing (E)" came out #3b3b3b on #2d2d2d, the body's blue headings about as dark,
    all but invisible. Each must stay as readable as text is asked to be (3:1 at least).
    Under a theme of the terminal's colours (the default's on 16 colours) the greys of its
    colours, which have no RGB, were all black: the whole screen black on black."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", term)
    if theme:
        monkeypatch.delenv("COLORTERM")
    app = make_app()
    add_demo(repo)  # the welcome article, first in All, has a heading ("Getting around")
    async with started(app, size=(120, 40)):
        assert app.no_color and app.theme == (theme or "textual-dark")
        for text in ("! 1 feed failing (E)", "! Broken Times", "Getting around"):
            assert contrast_of(app, text) >= 3, text


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_focused_panes_title_is_readable_in_each_theme(
    make_app: AppFactory, theme: str
) -> None:
    """The focused pane's border and title are drawn in the accent, orange: on the light
    grey of a light theme its title ("2 Articles · All") was 1.4:1, all but unreadable."""
    app = make_app(theme=theme)
    async with started(app, size=(120, 40)) as pilot:
        assert main(app).focused_pane() == "articles"
        assert contrast_of(app, "2 Articles") >= 3
        await pilot.press("1")
        assert contrast_of(app, "1 Feeds") >= 3
        assert contrast_of(app, "2 Articles") >= 3  # the panes not focused: muted


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_failing_feeds_mark_is_readable_in_each_theme(
    make_app: AppFactory, theme: str
) -> None:
    """The "!" of a failing feed was pure red: 2.8:1 on textual-light's panes. It is the
    theme's error text colour, made to be read on its background."""
    app = make_app(theme=theme)
    async with started(app, size=(120, 40)):
        assert contrast_of(app, "! Broken Times") >= 4.5
        assert contrast_of(app, "! 1 feed failing (E)") >= 4.5


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_footers_keys_are_readable_in_each_theme(
    make_app: AppFactory, theme: str
) -> None:
    """The footer's keys were the theme's primary blue: 2.9:1 on textual-light's grey."""
    app = make_app(theme=theme)
    async with started(app, size=(120, 40)):
        for key in ("r Refresh", "? Help"):
            assert contrast_of(app, key) >= 4.5, key


@pytest.mark.parametrize(
    ("key", "title"),
    [("E", "Feed errors"), ("question_mark", "Keys"), ("slash", "Search"), ("a", "Add feed")],
)
async def test_a_dialogs_title_is_readable_in_a_light_theme(
    make_app: AppFactory, key: str, title: str
) -> None:
    """A dialog's border and title are the accent, orange: 1.4:1 on a light theme's grey."""
    app = make_app(theme="textual-light")
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press(key)
        await settle(app, pilot)
        assert contrast_of(app, title) >= 3


def brought_down(app: NewsReaderApp, rows: range) -> set[str]:
    """The true colours (not the terminal's own: its default and 16 ANSI ones) on ``rows``."""
    lines = list(app.screen._compositor.render_update(full=True).strips)
    return {
        color.name
        for row in rows
        for strip in lines[row]
        for segment in strip
        if segment.style is not None
        for color in (segment.style.color, segment.style.bgcolor)
        if color is not None and color.is_system_defined is False
    }


@pytest.mark.parametrize("term", ["xterm", "linux"])
async def test_on_a_terminal_of_16_colours_the_status_line_and_keys_use_its_own(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, term: str
) -> None:
    """With TERM=xterm or linux (the Linux console), 16 colours, the default theme's colours
    were brought down to the nearest of 16 the app assumed: the status line's "! 1 feed
    failing (E)" came out magenta on grey and the footer's keys bright red on grey, about as
    light as their background in xterm's and the console's palettes. There the app draws in
    the terminal's own colours, which its palette makes readable on its background."""
    monkeypatch.setenv("TERM", term)
    monkeypatch.delenv("COLORTERM", raising=False)
    app = make_app()  # the default theme
    async with started(app, size=(120, 40)):
        assert app.console.color_system == "standard"
        assert "! 1 feed failing (E)" in screen_text(app)[-2]
        assert brought_down(app, range(38, 40)) == set()


async def test_feed_names_give_way_to_their_unread_count(
    make_app: AppFactory, repo: Repository
) -> None:
    app = make_app()
    add_long_feed(repo, unread=2)
    async with started(app, size=(80, 24)) as pilot:
        row = line_with(screen_text(app), "Tariff News")
        pane = row.split("│")[1]  # the feeds pane's cell of this screen row
        assert "…" in pane and pane.rstrip().endswith(" 2")
        assert line_with(screen_text(app), "World Desk").split("│")[1].rstrip().endswith(" 3")
        # Its whole name: in the status line once it is highlighted, and in the tooltip.
        screen = main(app)
        screen.feed_list.focus()
        index = next(
            i
            for i in range(screen.feed_list.option_count)
            if screen.feed_list.get_option_at_index(i).id == "feed:4"
        )
        screen.feed_list.highlighted = index
        await settle(app, pilot)
        assert LONG_FEED in screen_text(app)[-2]
        tooltip = screen.feed_list.tooltip
        assert tooltip is not None and str(tooltip) == LONG_FEED


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_long_titles_end_after_a_word_with_an_ellipsis(
    make_app: AppFactory, size: tuple[int, int], repo: Repository
) -> None:
    app = make_app()
    add_long_feed(repo)
    async with started(app, size):
        row = line_with(screen_text(app), "Ministers from")
        shown = row.split("Ministers from", 1)[1].split("│")[0].rstrip()
        assert shown.endswith("…"), row
        kept = "Ministers from" + shown.removesuffix("…")
        assert LONG_TITLE.startswith(kept) and LONG_TITLE[len(kept)] == " ", row


async def test_feed_errors_show_every_url_and_error_whole_at_80x24(
    make_app: AppFactory, repo: Repository
) -> None:
    url = "http://127.0.0.1:9/a/rather/long/path/to/the/feed/that/no/longer/answers.xml"
    error = "cannot connect: All connection attempts failed after three tries over an hour"
    app = make_app()
    feed = repo.add_feed(url, title=LONG_FEED)
    repo.record_fetch(feed.id, status=None, error=error)
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("E")
        await settle(app, pilot)
        lines = screen_text(app)
        # The dialog's own cells (│ │ ... │), wrapped lines run together, spaces aside.
        inside = "".join(line.split("│")[2] for line in lines if line.count("│") >= 4)
        shown = inside.replace(" ", "")
        for value in (url, error, LONG_FEED, "HTTP 500 Internal Server Error", "no answer"):
            assert value.replace(" ", "") in shown, "\n".join(lines)


async def test_help_lists_every_keymap_id(make_app: AppFactory) -> None:
    """`[keymap]` takes binding ids, and the unknown-id message sends the user to `?`."""
    app = make_app(keymap={"star": "ctrl+s"})
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box")
        seen = screen_text(app)
        while box.scroll_y < box.max_scroll_y:  # page through it as a user would
            await pilot.press("space")
            seen += screen_text(app)
        text = "\n".join(seen)
        for binding_id in binding_ids():
            assert re.search(rf"\s{re.escape(binding_id)}\s", text), binding_id
        assert re.search(r"ctrl\+s\s+Toggle star · articles pane, article\s+star\s", text)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_the_help_says_what_each_key_does_at_40_columns(make_app: AppFactory) -> None:
    """At 40 columns the key and id columns (fixed widths) took the whole box: the Action
    column had no room, and the help listed keys and ids without saying what they do."""
    app = make_app(keymap={"star": "ctrl+s"})
    async with started(app, size=(40, 24)) as pilot:
        await pilot.press("question_mark")
        await settle(app, pilot)
        box = app.screen.query_one("#help-box")
        seen = screen_text(app)
        while box.scroll_y < box.max_scroll_y:
            await pilot.press("space")
            seen += screen_text(app)
        text = re.sub("[▁-█]", " ", "\n".join(seen))  # the scroll bar may end a line's id
        for binding_id in binding_ids():
            assert re.search(rf"\s{re.escape(binding_id)}\s", text), binding_id
        for description in ("Next pane", "Previous pane", "Feeds pane", "Close"):
            assert re.search(rf"\s{description}\s", text), description
        assert re.search(r"ctrl\+s\s+Toggle star\s", text)  # the remapped key
        assert "last column" not in text  # the intro says where the ids are


async def test_a_adds_a_feed_from_any_pane_and_fetches_it_once(make_app: AppFactory) -> None:
    with serve(FIXTURES) as server:
        app = make_app(failing=False)
        async with started(app, size=(80, 24)) as pilot:
            screen = main(app)
            await pilot.press("3")  # the article body, not the feeds pane
            assert screen.focused_pane() == "body"
            await pilot.press("a")
            assert isinstance(app.screen, AddFeedScreen)
            await pilot.press(*server.url("ui_feed.xml"), "enter")
            for _ in range(3):
                await settle(app, pilot)
            assert "Kelp farmers report a record harvest" in titles(app)
            feed = next(f for f in screen.feeds if f.url == server.url("ui_feed.xml"))
            assert feed.title and feed.total > 0
            assert [p for p, _ in server.statuses if p.endswith("ui_feed.xml")] == ["/ui_feed.xml"]
            # The next refresh asks with the validators the first fetch stored: 304.
            await pilot.press("R")
            for _ in range(3):
                await settle(app, pilot)
            assert ("/ui_feed.xml", 304) in server.statuses


async def test_a_feed_found_through_a_page_is_fetched_once(make_app: AppFactory) -> None:
    with serve(FIXTURES) as server:
        link = (
            f'<link rel="alternate" type="application/rss+xml" href="{server.url("ui_feed.xml")}">'
        )
        page = f"<html><head>{link}</head><body>Harbour</body></html>".encode()
        server.routes["/site"] = reply(200, page, {"Content-Type": "text/html"})
        app = make_app(failing=False)
        async with started(app, size=(80, 24)) as pilot:
            await pilot.press("a", *server.url("site"), "enter")
            for _ in range(3):
                await settle(app, pilot)
            assert "Kelp farmers report a record harvest" in titles(app)
            assert [p for p, _ in server.statuses if p.endswith("ui_feed.xml")] == ["/ui_feed.xml"]
            # One feed refreshed: singular.
            assert main(app)._refresh_status.startswith("Refreshed 1 feed:"), main(
                app
            )._refresh_status


async def test_the_palette_has_one_quit_with_the_users_key(make_app: AppFactory) -> None:
    app = make_app(keymap={"quit": "ctrl+q"})
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"quit")
        await pilot.pause(0.5)
        await settle(app, pilot)
        lines = [line.strip(" ▁▔▅▂▃▄▆▇█") for line in screen_text(app)]
        assert lines.count("Quit") == 1, "\n".join(lines)
        assert "key ctrl+q" in lines


async def test_a_status_line_too_long_ends_with_an_ellipsis(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        main(app).set_refresh_status("Refreshed 38 feeds: 120 new · 3 failed · 12 old removed")
        await pilot.pause()
        status = screen_text(app)[-2].rstrip()
        assert status.startswith(" All  5 articles  ! 1 feed failing (E)  Refreshed 38 feeds")
        assert status.endswith("…"), status


async def test_an_empty_list_says_why(make_app: AppFactory, repo: Repository) -> None:
    """Starred, a saved search and a failing feed with no article all said "No articles here
    yet", which told neither why nor what to do."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        broken = next(f for f in repo.feeds() if f.title == "Broken Times")
        for scope, said in (
            (ArticleScope(ScopeKind.STARRED), "Nothing starred yet: s stars the article shown"),
            (
                ArticleScope(ScopeKind.FEED, feed_id=broken.id),
                "No articles: its last refresh failed (E says why)",
            ),
        ):
            screen.go_to_scope(scope)
            await settle(app, pilot)
            assert said in "\n".join(screen_text(app))


LEFT_BLOCKS = set("▏▎▍▌▋▊▉")  # the partial blocks of "tall" borders and sideways scroll bars


async def test_no_stray_half_blocks_in_empty_panes_and_dialogs(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("1", "j")  # Starred: no articles, no article, no entities
        await settle(app, pilot)
        assert "Nothing starred yet" in "\n".join(screen_text(app))
        for keys in (("slash",), ("escape", "a"), ("escape", "2")):
            await pilot.press(*keys)
            await settle(app, pilot)
            text = "\n".join(screen_text(app))
            assert not LEFT_BLOCKS & set(text), text
        await pilot.press("1", "k", "2", "l")  # the links list of the first article
        await settle(app, pilot)
        text = "\n".join(screen_text(app))
        assert "[1] https://" in text
        assert not LEFT_BLOCKS & set(text), text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_tab_visits_every_pane_even_folded_ones(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with started(app, size) as pilot:
        screen = main(app)
        await pilot.press("1")
        order = ["feeds", "articles", "body", "entities", "tariffs", "feeds"]
        for pane in order[1:]:
            await pilot.press("tab")
            assert screen.focused_pane() == pane
            assert screen.query_one(f"#{pane}").region.width > 0, pane
        for pane in reversed(order[:-1]):
            await pilot.press("shift+tab")
            assert screen.focused_pane() == pane


async def test_a_side_pane_key_shows_the_panes_x_hid(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("x")
        assert screen.query_one("#entities").region.width == 0
        await pilot.press("4")
        assert screen.focused_pane() == "entities"
        assert screen.query_one("#entities").region.width > 0


async def test_opening_a_demo_story_fetches_no_page(make_app: AppFactory, repo: Repository) -> None:
    """The demo's stories are fictional and link to example.org: opening the first one must
    not greet a new user with "Full text failed"."""
    app = make_app(fulltext="always")
    load_demo(repo)
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        assert titles(app)[0] == "Welcome to newsreader"
        await pilot.press("2", "g", "enter")
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.title == "Welcome to newsreader"
        assert screen._refresh_status == ""  # no "Fetching the full text…"
        assert not [n for n in app._notifications if "Full text" in n.message]
        await pilot.press("f")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert "This article has no web page to fetch" in messages


async def test_marking_everything_read_asks_first(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        assert screen.scope.kind is ScopeKind.ALL
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mark 5 unread articles in All read?" in "\n".join(screen_text(app))
        await pilot.press("n")
        await settle(app, pilot)
        assert sum(f.unread for f in screen.feeds) == 5
        await pilot.press("A", "y")
        await settle(app, pilot)
        assert sum(f.unread for f in screen.feeds) == 0
        await pilot.press("A")  # nothing left: no question
        assert not isinstance(app.screen, ConfirmScreen)


async def test_marking_search_results_read_marks_what_they_list(
    make_app: AppFactory, repo: Repository
) -> None:
    """A over search results marked the scope the list stood on before the search: every
    article of All after a question naming All, or, on one feed, the whole feed at once."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        await pilot.press("1", "G")  # World Desk: 3 unread, one of them about Rubio
        await settle(app, pilot)
        assert screen.scope.kind is ScopeKind.FEED
        await pilot.press("slash", *"rubio", "enter")
        await settle(app, pilot)
        assert titles(app) == ["Rubio meets Lavrov in Kuala Lumpur"]
        await pilot.press("A")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mark 1 unread article of Search: rubio read?" in "\n".join(screen_text(app))
        await pilot.press("y")
        await settle(app, pilot)
        world = ArticleScope(ScopeKind.FEED, feed_id=screen.scope.feed_id, unread_only=True)
        assert repo.count_articles(world) == 2  # the two the search did not find
        assert repo.count_articles(ArticleScope(unread_only=True)) == 4
        row = line_with(screen_text(app), "Rubio meets Lavrov").split("││")[1]
        assert row.startswith("▸ ") and "●" not in row  # shown read
        await pilot.press("A")  # nothing listed is unread: no question
        assert not isinstance(app.screen, ConfirmScreen)


async def test_the_entities_pane_empty_text_wraps_at_80x24(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        pane = main(app).entities_pane
        pane.empty_text = "No people, organisations or places found"
        pane.entities = ()
        await pilot.press("4")
        await settle(app, pilot)
        lines = screen_text(app)
        top = next(i for i, line in enumerate(lines) if "4 Entities" in line)
        bottom = next(i for i, line in enumerate(lines) if "5 Tariffs" in line)
        pane = [line.split("│")[-2].strip() for line in lines[top + 1 : bottom - 1]]
        text = " ".join(pane)
        assert "No people, organisations or places found" in text
        assert "…" not in text


async def test_the_article_list_empty_text_wraps_in_a_narrow_pane(make_app: AppFactory) -> None:
    """At 60x20 the articles pane is 36 columns: "Nothing starred yet: s stars the article
    shown" was cut after "the ar", the hint lost (so was "E says why" of a failing feed)."""
    app = make_app()
    async with started(app, size=(60, 20)) as pilot:
        await pilot.press("1", "j")  # Starred: nothing yet
        await settle(app, pilot)
        lines = screen_text(app)
        top = next(i for i, line in enumerate(lines) if "2 Articles" in line)
        bottom = next(i for i, line in enumerate(lines) if "3 Article " in line)
        pane = [line.split("│")[-2].strip() for line in lines[top + 1 : bottom - 1]]
        assert "Nothing starred yet: s stars the article shown" in " ".join(pane)


async def test_a_click_in_the_feeds_pane_selects_that_row(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        feeds = main(app).feed_list
        await pilot.click(FeedList, offset=(1, 2))  # the mark's cell of the second row
        await settle(app, pilot)
        assert feeds.highlighted == 1 and main(app).scope.kind is ScopeKind.STARRED
        await pilot.click(FeedList, offset=(8, 3))
        await settle(app, pilot)
        assert feeds.highlighted == 2


async def _type_ahead(app: NewsReaderApp, pilot: Pilot[None], *keys: str) -> None:
    """Keys that arrive together (typed fast, or over a slow SSH link in one packet): all are
    queued before the app handles the first, as the terminal driver posts them."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(app, pilot)


async def test_keys_typed_ahead_go_to_the_pane_the_keys_before_them_chose(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = main(app)
        article_row = screen.article_list.cursor
        entity_row = screen.entities_pane.highlighted
        await _type_ahead(app, pilot, "4", "j")  # the entities pane, then down in it
        assert screen.focused is screen.entities_pane
        assert entity_row is not None and (screen.entities_pane.highlighted or 0) > entity_row
        assert screen.article_list.cursor == article_row
        await _type_ahead(app, pilot, "1", "j")  # the feeds pane, then down in it
        assert screen.focused is screen.feed_list
        assert screen.feed_list.highlighted == 1


async def test_the_side_panes_leave_the_article_room_on_a_tiny_terminal(
    make_app: AppFactory,
) -> None:
    """At 40 columns the entities and tariffs panes, shown by 4, took 34 of them: the articles
    and the article were four columns wide, a title in letters one under the other."""
    app = make_app()
    async with started(app, size=(40, 12)) as pilot:
        screen = main(app)
        await pilot.press("4")
        await settle(app, pilot)
        center = screen.query_one("#center").size.width
        side = screen.query_one("#side").size.width
        assert side > 0 and center + side == 40
        assert center >= 16  # a pane title and a few words of each row


async def test_the_palette_shows_a_feed_address_with_brackets_as_text(
    make_app: AppFactory, repo: Repository
) -> None:
    """The palette shows each "Go to feed" with the feed's address, which may hold anything a
    URL may: brackets are not markup (an unmatched "[/]" crashed the app, "[@click]" ran)."""
    app = make_app()
    repo.add_feed("http://127.0.0.1:9/feed.xml?a=[/]&b=[@click=app.quit]x[/]", title="Brackets")
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")  # every command, with its address or key, before typing
        await pilot.pause(0.5)
        await pilot.press(*"brackets")
        await pilot.pause(0.5)
        await settle(app, pilot)
        assert app.is_running
        text = "\n".join(screen_text(app))
        assert "Go to feed: Brackets" in text
        assert "feed.xml?a=[/]&b=[@click=app.quit]x[/]" in text


async def test_the_palette_goes_to_a_saved_search_or_a_folder(
    make_app: AppFactory, repo: Repository
) -> None:
    """The palette went to any feed by name, but not to the saved searches and folders the
    feeds pane lists beside them."""
    repo.add_feed("http://127.0.0.1:9/a.xml", title="Harbour news", folder="Shipping lanes")
    search = repo.save_search("tariff", name="Duties watch")
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = main(app)
        for typed, command, scope in (
            (
                "duties",
                "Go to saved search: Duties watch",
                ArticleScope(ScopeKind.SEARCH, search_id=search.id),
            ),
            (
                "shipping",
                "Go to folder: Shipping lanes",
                ArticleScope(ScopeKind.FOLDER, folder="Shipping lanes"),
            ),
        ):
            await pilot.press("ctrl+p")
            await pilot.pause(0.5)
            await pilot.press(*typed)
            await pilot.pause(0.5)
            await settle(app, pilot)
            text = "\n".join(screen_text(app))
            assert command in text
            await pilot.press("enter")
            await settle(app, pilot)
            assert screen.scope == scope
            assert screen.focused_pane() == "articles"


async def test_the_feeds_key_shows_the_feeds_the_side_panes_took_the_place_of(
    make_app: AppFactory,
) -> None:
    """At 80 columns x shows the side panes in the feeds column's place; 1 (or tab to the
    feeds) then focused the hidden feeds pane, and j changed the feed unseen."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        await pilot.press("x")
        await settle(app, pilot)
        assert screen.query_one("#feeds").region.width == 0
        assert screen.query_one("#entities").region.width > 0
        await pilot.press("1")
        await settle(app, pilot)
        assert screen.focused_pane() == "feeds"
        assert screen.query_one("#feeds").region.width > 0


@pytest.mark.parametrize("pane", ["4", "5"])
async def test_x_hides_the_side_panes_from_a_side_pane_at_80_columns(
    make_app: AppFactory, pane: str
) -> None:
    """At 80 columns a focused side pane keeps the side panes shown: x there did nothing. It
    hides them, the feeds come back, and the focus goes to the articles."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        await pilot.press(pane)
        await settle(app, pilot)
        assert screen.query_one("#entities").region.width > 0
        await pilot.press("x")
        await settle(app, pilot)
        assert screen.query_one("#entities").region.width == 0
        assert screen.query_one("#feeds").region.width > 0
        assert screen.focused_pane() == "articles"
        await pilot.press("x")
        await settle(app, pilot)
        assert screen.query_one("#entities").region.width > 0


async def test_feeds_added_during_a_refresh_are_fetched_or_followed_up_after_it(
    make_app: AppFactory, repo: Repository
) -> None:
    """A feed found through a page is fetched by a refresh of its own: added while a refresh
    ran, it said "A refresh is already running" and stayed empty until the next periodic
    refresh. It waits for the refresh now, as a feed whose articles the add stored does."""
    import threading

    from textual.worker import WorkerState

    held = threading.Event()
    slow_feed = reply(200, rss_feed(["<p>Slow news.</p>"], title="Slow"), {})

    def slow(handler: object) -> None:
        held.wait(30)
        slow_feed(handler)  # type: ignore[arg-type]

    with serve(FIXTURES) as server:
        link = (
            f'<link rel="alternate" type="application/rss+xml" href="{server.url("ui_feed.xml")}">'
        )
        page = f"<html><head>{link}</head><body>Harbour</body></html>".encode()
        server.routes["/site"] = reply(200, page, {"Content-Type": "text/html"})
        direct = rss_feed(["<p>The harbour board met.</p>"], title="Direct")
        server.routes["/direct.xml"] = reply(200, direct, {"Content-Type": "application/xml"})
        server.routes["/slow.xml"] = slow  # type: ignore[assignment]
        app = make_app(failing=False)
        repo.add_feed(server.url("slow.xml"), title="Slow")
        async with started(app, size=(80, 24)) as pilot:
            await pilot.press("R")  # a refresh, held by the slow feed
            await pilot.press("a", *server.url("site"), "enter")
            await pilot.press("a", *server.url("direct.xml"), "enter")
            for _ in range(100):
                await pilot.pause(0.05)
                if len(repo.feeds()) == 7:
                    break
            assert {server.url("ui_feed.xml"), server.url("direct.xml")} <= {
                f.url for f in repo.feeds()
            }
            assert app._refreshing
            held.set()  # the refresh ends
            for _ in range(200):
                await pilot.pause(0.05)
                refreshes = [w for w in app.workers if w.group == "refresh"]
                if not app._added_waiting and all(
                    w.state is WorkerState.SUCCESS for w in refreshes
                ):
                    break
            await settle(app, pilot)
            assert "Kelp farmers report a record harvest" in titles(app)
            assert repo.ungrouped_articles(100) == []  # the direct feed's follow-up ran
            assert not [n for n in app._notifications if "already running" in n.message]


async def test_a_password_in_a_feed_address_is_never_shown(
    make_app: AppFactory, repo: Repository
) -> None:
    """A private feed's address may carry its login (user:password@), and an untitled feed is
    called by its address: the feeds pane, the status line, the palette and the feed errors
    show it with the password hidden (over a shared screen, in a screenshot)."""
    feed = repo.add_feed("http://reader:s3cret@127.0.0.1:9/private.xml")
    repo.record_fetch(feed.id, status=401, error="HTTP 401 Unauthorized")
    app = make_app()
    seen: list[str] = []
    async with started(app, size=(160, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        await pilot.press(*"private")
        await pilot.pause(0.5)
        await settle(app, pilot)
        seen += screen_text(app)  # the command and its help, the address
        await pilot.press("enter")  # go to the feed
        await settle(app, pilot)
        seen += screen_text(app)
        assert "http://reader:***@127.0.0.1:9/private.xml  0 articles" in seen[-2]
        await pilot.press("E")
        await settle(app, pilot)
        seen += screen_text(app)
    text = "\n".join(seen)
    assert "s3cret" not in text
    assert text.count("reader:***@") >= 5  # palette twice, pane, status line, errors


async def _add_and_wait(app: NewsReaderApp, pilot: Pilot[None], url: str) -> None:
    """Add ``url`` with ``a`` and wait for the App to say it is added."""
    await pilot.press("a", *url, "enter")
    for _ in range(100):
        await pilot.pause(0.05)
        if any(n.message.startswith("Added") for n in app._notifications):
            break
    await settle(app, pilot)


async def test_a_feed_added_past_max_feed_megabytes_is_read_in_part_with_a_warning(
    make_app: AppFactory, repo: Repository
) -> None:
    """The add dialog fetched with the default 10 MB cap, not max_feed_megabytes: a feed
    `newsreader add` reads in part (its error, exit 1) was read whole and "Added" quietly."""
    big = rss_feed([f"<p>{'Harbour tolls rose again. ' * 16_000}</p>" for _ in range(3)])
    assert len(big) > 1_000_000
    with serve(FIXTURES) as server:
        server.routes["/big.xml"] = reply(200, big, {"Content-Type": "application/rss+xml"})
        app = make_app(failing=False, max_feed_megabytes=1)
        async with started(app, size=(80, 24)) as pilot:
            await _add_and_wait(app, pilot, server.url("big.xml"))
    (note,) = [n for n in app._notifications if n.message.startswith("Added")]
    assert note.severity == "warning"
    assert "larger than 1 MB" in note.message
    (feed,) = [f for f in repo.feeds() if f.url == server.url("big.xml")]
    assert feed.last_error and "larger than 1 MB" in feed.last_error


async def test_a_feed_added_when_its_copy_cannot_be_written_is_said_added(
    make_app: AppFactory, repo: Repository
) -> None:
    """With the copy of the subscriptions unwritable, a said "Could not add the feed: [Errno
    21] Is a directory", of a feed it had added (it showed at the next refresh)."""
    from tui.paths import resolve

    with serve(FIXTURES) as server:
        app = make_app(failing=False)
        resolve().subscriptions_backup.mkdir(parents=True)  # in the way of the copy
        async with started(app, size=(80, 24)) as pilot:
            await _add_and_wait(app, pilot, server.url("ui_feed.xml"))
    shown = [n.message for n in app._notifications]
    assert not [m for m in shown if m.startswith("Could not add")]
    assert [m for m in shown if m.startswith("Added")]
    (copy,) = [m for m in shown if "copy of the subscriptions" in m]
    assert "Is a directory (the feed is added" in copy
    assert [f for f in repo.feeds() if f.url == server.url("ui_feed.xml")]


async def test_with_sync_a_says_to_subscribe_on_the_server(
    make_app: AppFactory, repo: Repository
) -> None:
    """With [sync] the server has the subscriptions and a refresh only syncs: a feed added
    with a was fetched once, then never again. It is said on a, before the user types an
    address for nothing (the dialog said it only once the whole address was typed)."""
    from tui.config import SyncSettings

    sync = SyncSettings("fever", "http://127.0.0.1:9/fever/", "me", password_env="NOT_SET")
    app = make_app(failing=False, sync=sync)
    async with started(app, size=(80, 24)) as pilot:
        before = len(repo.feeds())
        await pilot.press("a")
        await settle(app, pilot)
        assert not isinstance(app.screen, AddFeedScreen)
        (note,) = [n for n in app._notifications if "[sync]" in n.message]
        assert "subscribe on the server" in note.message
        assert note.severity == "error"
        assert len(repo.feeds()) == before


async def test_with_sync_d_says_a_feed_still_on_the_server_comes_back(
    make_app: AppFactory, repo: Repository
) -> None:
    """With [sync], d asked only "Delete the feed ...?": the next sync brought it back."""
    from tui.config import SyncSettings
    from tui.store.sync import SyncStore

    sync = SyncSettings("fever", "http://127.0.0.1:9/fever/", "me", password_env="NOT_SET")
    app = make_app(failing=False, sync=sync)
    synced, local = repo.feeds()[:2]
    with SyncStore(repo.path) as store:
        store.link_feed(store.account("fever", sync.url, "me"), 7, synced.id)
    async with started(app, size=(100, 30)) as pilot:
        screen = main(app)
        await pilot.press("1")
        feed_list = screen.feed_list
        for feed, comes_back in ((synced, True), (local, False)):
            feed_list.highlighted = next(
                i
                for i in range(feed_list.option_count)
                if feed_list.get_option_at_index(i).id == f"feed:{feed.id}"
            )
            await settle(app, pilot)
            await pilot.press("d")
            assert isinstance(app.screen, ConfirmScreen)
            question = app.screen.question.plain
            assert question.startswith("Delete the feed ")
            assert ("still on the sync server" in question) is comes_back, question
            await pilot.press("n")
            await settle(app, pilot)


def _keys_of(text: str) -> list[events.Key]:
    """The key events a terminal sends for ``text``, as the driver makes them."""
    from textual.keys import _character_to_key

    return [events.Key(_character_to_key(c), c) for c in text]


async def test_text_typed_ahead_into_a_prompt_lands_in_its_input(make_app: AppFactory) -> None:
    """ "/tariff" arriving together (over a slow SSH link, one packet): the App pushed the
    search prompt at "/" and sent the letters after it to the prompt's screen, which had no
    focused input yet (it composes later) and dropped them; so did "a" and an address."""
    from textual.widgets import Input

    from tui.ui.screens.search import SearchScreen

    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        for key in _keys_of("/tariff"):
            app.post_message(key)
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "tariff"
        await pilot.press("escape")
        for key in [*_keys_of("a"), *_keys_of("http://127.0.0.1:9/x.xml")]:
            app.post_message(key)
        await settle(app, pilot)
        assert isinstance(app.screen, AddFeedScreen)
        assert app.screen.query_one(Input).value == "http://127.0.0.1:9/x.xml"
        await pilot.press("escape")
        for key in [*_keys_of("/rubio"), events.Key("enter", "\r")]:  # enter comes after them
            app.post_message(key)
        await settle(app, pilot)
        assert main(app).results_label == "Search: rubio"
        assert titles(app) == ["Rubio meets Lavrov in Kuala Lumpur"]
        # Keys that reach a dialog before it has composed (so before its input has focus).
        app.push_screen(SearchScreen())
        for key in _keys_of("floods"):
            app.post_message(key)
        await settle(app, pilot)
        assert app.screen.query_one(Input).value == "floods"


async def test_editing_keys_typed_ahead_into_a_prompt_act_in_the_order_typed(
    make_app: AppFactory,
) -> None:
    """ "/lavrovx", backspace, "s", enter arriving together searched "lavrovx": the input
    takes a letter itself but leaves backspace and enter to bindings the App runs when the
    key comes back to it, after the letters typed behind it; so the backspace erased the
    "s". The same whether the prompt's input had focus yet or not."""
    from textual.widgets import Input

    from tui.ui.screens.search import SearchScreen

    def backspace() -> events.Key:  # an event is sent once: a new one each time
        return events.Key("backspace", "\x08")

    def enter() -> events.Key:
        return events.Key("enter", "\r")

    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        for key in [*_keys_of("/lavrovx"), backspace(), *_keys_of("s"), enter()]:
            app.post_message(key)  # the prompt composes while they come
        await settle(app, pilot)
        assert screen.results_label == "Search: lavrovs"
        await pilot.press("escape", "slash")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        for key in [*_keys_of("rubix"), backspace(), *_keys_of("o"), enter()]:
            app.post_message(key)  # into the input, focused
        await settle(app, pilot)
        assert screen.results_label == "Search: rubio"
        await pilot.press("escape", "slash")
        await settle(app, pilot)
        for key in [*_keys_of("x y"), events.Key("ctrl+u", "\x15"), *_keys_of("floods")]:
            app.post_message(key)
        await settle(app, pilot)
        assert app.screen.query_one(Input).value == "floods"


async def test_the_palette_over_another_screen_has_no_main_screen_commands(
    make_app: AppFactory, repo: Repository
) -> None:
    """ctrl+p in the tracker listed the main screen's commands: "Toggle star" starred the
    article hidden under the tracker, "Go to feed" changed the list under it."""
    from tui.ui.screens.tracker import TrackerScreen

    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, TrackerScreen)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        await pilot.press(*"star")
        await pilot.pause(0.5)
        assert "Toggle star" not in "\n".join(screen_text(app))
        await pilot.press("enter")  # whatever is left
        await settle(app, pilot)
        assert repo.count_articles(ArticleScope(ScopeKind.STARRED)) == 0
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+p")  # on the main screen they are there
        await pilot.pause(0.5)
        await pilot.press(*"star")
        await pilot.pause(0.5)
        assert "Toggle star" in "\n".join(screen_text(app))


async def test_the_article_list_shows_titles_at_40_columns(make_app: AppFactory) -> None:
    """At 40 columns the feeds column kept 22 and the articles pane's 16 cells went to the
    mark, the star and the time: no row showed a word of its title."""
    app = make_app()
    async with started(app, size=(40, 24)) as pilot:
        await pilot.press("2")
        await settle(app, pilot)
        text = "\n".join(screen_text(app))
        for words in ("Vietnam deal", "Rubio meets", "Floods close", "Shares fell"):
            assert words in text, text


@pytest.mark.parametrize("key", ["slash", "l"])
async def test_a_dialog_says_its_keys_whole_on_a_narrow_terminal(
    make_app: AppFactory, key: str
) -> None:
    """At 50 columns (a phone's SSH client) a dialog's hint was cut: the search prompt lost
    "esc to cancel", the links list "esc close"."""
    app = make_app()
    async with started(app, size=(50, 15)) as pilot:
        await pilot.press(key)
        await settle(app, pilot)
        text = " ".join(" ".join(line.strip("│ ").split()) for line in screen_text(app))
        assert "esc to cancel" in text or "esc close" in text

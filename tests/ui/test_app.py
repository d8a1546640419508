"""Pilot tests: the real app on a real SQLite file seeded with invented articles."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from rich.console import Console
from textual.binding import Binding
from textual.widgets import OptionList, Static

from tests.ui.conftest import (
    HOSTILE_TITLE,
    AppFactory,
    feed_id,
    main,
    screen_text,
    settle,
    started,
    titles,
)
from tui.core.models import ArticleScope, ParsedArticle, ScopeKind
from tui.paths import resolve
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.keys import all_bindings, describe
from tui.ui.screens.help import HelpScreen, bindings_table
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.article_list import ArticleList


async def test_start_lists_feeds_and_articles(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app):
        screen = main(app)
        assert screen.scope == ArticleScope()
        assert titles(app)[0] == "Vietnam deal sets 20% tariff on exports"
        assert len(screen.article_list.ids) == 5
        assert isinstance(app.focused, ArticleList)
        feeds = {f.title: f for f in screen.feeds}
        assert feeds["Broken Times"].failing
        # the highlighted (first) article is previewed with its entities and tariffs
        assert screen.view is not None and screen.view.article.title.startswith("Vietnam")
        rows = screen.tariff_pane.rows
        assert {(r.country, r.rate_pct) for r in rows} >= {("Vietnam", 20.0), ("Laos", 40.0)}
        names = {e.name for e in screen.entities_pane.entities}
        assert "Vietnam" in names


async def test_navigation_and_open_marks_read(make_app: AppFactory, repo: Repository) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("j")
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.title.startswith("Rubio")
        await pilot.press("G")
        await settle(app, pilot)
        assert screen.article_list.cursor == 4
        await pilot.press("g", "enter")
        await settle(app, pilot)
        assert app.focused is screen.body
        opened = screen.article_list.current_id
        assert opened is not None
        summary = screen.article_list.summary(opened)
        assert summary is not None and summary.read
        article = repo.article(opened)
        assert article is not None and article.read
        await pilot.press("escape")
        assert screen.focused_pane() == "articles"


async def test_focus_keys_reach_every_pane(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        for key, pane in [("1", "feeds"), ("2", "articles"), ("3", "body"), ("4", "entities")]:
            await pilot.press(key)
            assert screen.focused_pane() == pane
            assert screen.query_one(f"#{pane}").region.width > 0
        await pilot.press("5")
        assert screen.focused_pane() == "tariffs"
        assert screen.query_one("#tariffs").region.width > 0
        await pilot.press("tab")
        assert screen.focused_pane() is not None


async def test_feed_scope_and_star_and_read_toggles(make_app: AppFactory, repo: Repository) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("1")
        feed_list = screen.feed_list
        index = next(
            i
            for i in range(feed_list.option_count)
            if feed_list.get_option_at_index(i).id == f"feed:{feed_id(repo, 'Market Wire')}"
        )
        feed_list.highlighted = index
        await settle(app, pilot)
        assert screen.scope.kind is ScopeKind.FEED
        assert titles(app) == [
            "Shares fell 3 per cent as chip makers slid",
            "Central bank holds rates steady",
        ]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("m")
        await settle(app, pilot)
        current = screen.article_list.current_id
        assert current is not None
        article = repo.article(current)
        assert article is not None and article.starred and article.read
        assert repo.count_articles(ArticleScope(ScopeKind.STARRED)) == 1
        assert feed_list.starred_count == 1
        await pilot.press("A")
        await settle(app, pilot)
        unread = ArticleScope(
            ScopeKind.FEED, feed_id=feed_id(repo, "Market Wire"), unread_only=True
        )
        assert repo.count_articles(unread) == 0


async def test_next_unread_skips_read(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("enter")  # opens the first article (marks it read)
        await settle(app, pilot)
        await pilot.press("2", "g", "n")
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.title.startswith("Rubio")
        await pilot.press("p")
        await settle(app, pilot)
        # the first article is read now, so there is no unread one before Rubio
        assert screen.view.article.title.startswith("Rubio")


async def test_search_shows_results_and_escape_returns(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("slash")
        await pilot.press(*"Lavrov", "enter")
        await settle(app, pilot)
        assert screen.results_label == "Search: Lavrov"
        assert titles(app) == ["Rubio meets Lavrov in Kuala Lumpur"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.results_label is None
        assert len(screen.article_list.ids) == 5


def _add_fillers(repo: Repository) -> None:
    """Ten articles newer than the seeded ones: the list is longer than an 80x24 pane."""
    wire = repo.add_feed("http://127.0.0.1:9/wire.xml", title="Wire")
    repo.store_articles(
        wire.id,
        [
            ParsedArticle(
                guid=f"f{n}",
                link=f"https://news.example.org/f{n}",
                title=f"Filler story {n}",
                published=datetime(2026, 11, 27, n, tzinfo=UTC),
                content_html="<p>Nothing much happened.</p>",
            )
            for n in range(10)
        ],
    )


async def test_escape_from_a_short_result_list_shows_the_cursor_row(
    make_app: AppFactory, repo: Repository
) -> None:
    """esc from results back to a long list kept the cursor on the article read, but the list
    stayed scrolled to its top: at 80x24 the cursor's row was out of sight (the results had
    too few rows for a scroll bar, and Textual does not scroll a list without one)."""
    app = make_app()
    _add_fillers(repo)
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        await pilot.press("slash", *"Lavrov", "enter")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        articles = screen.article_list
        assert titles(app)[articles.cursor] == "Rubio meets Lavrov in Kuala Lumpur"
        assert articles.cursor >= articles.scrollable_content_region.height  # below the fold
        assert any("▸●" in line and "Rubio meets" in line for line in screen_text(app))


async def test_a_terminal_that_shrinks_keeps_the_cursor_row_in_view(
    make_app: AppFactory, repo: Repository
) -> None:
    """At 120x40 with the cursor on the 13th article, the terminal shrunk to 80x24: the
    article list, six rows high now, stayed scrolled to its top, the cursor's row out of
    sight."""
    app = make_app()
    _add_fillers(repo)
    async with started(app, size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("2", *"j" * 12)
        await settle(app, pilot)
        articles = screen.article_list
        assert articles.cursor == 12 and articles.scroll_offset.y == 0  # in view at 120x40
        await pilot.resize_terminal(80, 24)
        await settle(app, pilot)
        title = titles(app)[12]
        assert articles.scrollable_content_region.height < 12
        assert any("▸" in line and title[:20] in line for line in screen_text(app))


async def test_a_terminal_that_shrinks_keeps_the_highlighted_feed_in_view(
    make_app: AppFactory, repo: Repository
) -> None:
    """The same in the feeds pane: the last feed (World Desk, in the last folder) highlighted
    at 120x40, the terminal shrunk to 80x12, the pane stayed scrolled to its top and the
    highlighted feed out of sight."""
    app = make_app()
    for n in range(12):
        repo.add_feed(f"http://127.0.0.1:9/desk-{n}.xml", title=f"Desk {n:02}")
    async with started(app, size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("1", "G")
        await settle(app, pilot)
        feeds = screen.feed_list
        assert feeds.highlighted == feeds.option_count - 1 and feeds.scroll_offset.y == 0
        await pilot.resize_terminal(80, 12)
        await settle(app, pilot)
        assert feeds.scrollable_content_region.height < feeds.option_count
        assert any("▸" in line and "World Desk" in line for line in screen_text(app))


async def test_j_and_k_stop_at_the_ends_of_the_feeds_and_entities_lists(
    make_app: AppFactory,
) -> None:
    """Holding j in the feeds pane went past the last feed round to All, and listed All
    again; k on the first entity went to the last. They stop at the ends now, as in the
    article list."""
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        feeds = screen.feed_list
        await pilot.press("1", "G")
        await settle(app, pilot)
        last, scope = feeds.highlighted, screen.scope
        assert last == feeds.option_count - 1 and scope != ArticleScope()
        await pilot.press("j", "j")
        await settle(app, pilot)
        assert feeds.highlighted == last and screen.scope == scope
        await pilot.press("g", "k")
        await settle(app, pilot)
        assert feeds.highlighted == 0
        await pilot.press("2", "g", "4", "g")
        await settle(app, pilot)
        entities = screen.entities_pane
        first = entities.highlighted
        assert first is not None
        await pilot.press("k")
        assert entities.highlighted == first


async def test_entity_pivot_lists_articles_mentioning_it(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("4")
        pane = screen.entities_pane
        target = next(e for e in pane.entities if e.name == "Vietnam")
        for index in range(pane.option_count):
            if pane._by_option.get(pane.get_option_at_index(index).id or "") == target:
                pane.highlighted = index
        await pilot.press("enter")
        await pilot.press("e")
        await settle(app, pilot)
        assert screen.results_label == "Mentions of Vietnam"
        assert titles(app) == ["Vietnam deal sets 20% tariff on exports"]


async def test_open_and_copy_link(make_app: AppFactory, opened_urls: list[str]) -> None:
    app = make_app()
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with started(app) as pilot:
        await pilot.press("o")
        await settle(app, pilot)
        assert opened_urls == ["https://news.example.org/w1"]
        await pilot.press("y")
        assert copied == ["https://news.example.org/w1"]
        assert any(n.message == "Link copied" for n in app._notifications)
        await pilot.press("l")
        await pilot.press("2", "y")
        assert copied[-1] == "https://news.example.org/analysis"


async def test_unsafe_link_is_not_opened(make_app: AppFactory, opened_urls: list[str]) -> None:
    app = make_app(hostile=True)
    async with started(app) as pilot:
        screen = main(app)
        assert screen.view is not None and screen.view.article.title == HOSTILE_TITLE
        await pilot.press("o")
        await settle(app, pilot)
        assert opened_urls == []


async def test_help_screen_lists_every_binding(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=160, file=io.StringIO(), record=True)  # no wrapped lines
        console.print(bindings_table({"star": "S"}))
        text = console.export_text()
        assert "S  " in text or "S " in text
        for _group, bindings in all_bindings():
            for binding in bindings:
                assert isinstance(binding, Binding)
                assert describe(binding) in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_help_says_in_which_panes_a_panes_key_acts(make_app: AppFactory) -> None:
    """s in the entities pane starred nothing (it is a key of the articles pane and the
    article), and the help listed it among the main screen's keys with no word of where it
    acts; now each pane's key says its panes."""
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("4", "s")
        await settle(app, pilot)
        assert screen.view is not None and not screen.view.article.starred
        console = Console(width=160, file=io.StringIO(), record=True)  # no wrapped lines
        console.print(bindings_table({}))
        lines = console.export_text().splitlines()

        def line(action: str) -> str:
            return next(text for text in lines if action in text)

        assert "· articles pane, article" in line("Toggle star")
        assert "· feeds, articles panes" in line("Refresh the current feed or folder")
        assert "· entities pane" in line("Articles mentioning the selected entity")
        assert "· feeds, entities, tariffs panes" in line("Watch / stop watching")
        assert "·" not in line("Search all articles")  # the screen's: in every pane
        assert "·" not in line("Add a feed")  # the feeds pane shows it, every pane has it
        await pilot.press("3", "s")
        await settle(app, pilot)
        assert screen.view.article.starred


async def test_keymap_remaps_a_binding(make_app: AppFactory) -> None:
    app = make_app(keymap={"star": "S"})
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("s")
        await settle(app, pilot)
        assert screen.view is not None and not screen.view.article.starred
        await pilot.press("S")
        await settle(app, pilot)
        assert screen.view.article.starred


async def test_palette_reaches_actions(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"tariff tracker")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        from tui.ui.screens.tracker import TrackerScreen

        assert isinstance(app.screen, TrackerScreen)


async def test_tracker_shows_latest_per_country(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:  # the preview extracted the tariff story
        await pilot.press("t")
        await settle(app, pilot)
        from tui.ui.screens.tracker import TrackerScreen

        screen = app.screen
        assert isinstance(screen, TrackerScreen)
        countries = [t.row.country for t in screen._latest]
        assert countries == ["Laos", "Vietnam"]
        await pilot.press("slash", *"lao")
        await pilot.pause()
        assert [t.row.country for t in screen._latest] == ["Laos"]
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_delete_feed_with_confirm(make_app: AppFactory, repo: Repository) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("1")
        feed_list = screen.feed_list
        wanted = f"feed:{feed_id(repo, 'Broken Times')}"
        feed_list.highlighted = next(
            i
            for i in range(feed_list.option_count)
            if feed_list.get_option_at_index(i).id == wanted
        )
        await settle(app, pilot)
        await pilot.press("d")
        await pilot.press("n")
        await settle(app, pilot)
        assert any(f.title == "Broken Times" for f in screen.feeds)
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert not any(f.title == "Broken Times" for f in screen.feeds)
        # The feeds pane highlights All where the feed was: the list and the status line show
        # All too, not the deleted feed's empty list ("Feed  0 articles").
        assert feed_list.highlighted == 0
        assert screen.scope == ArticleScope()
        assert str(screen.article_list.border_title) == "2 Articles · All"
        assert str(screen.query_one("#status", Static).render()).startswith("All  ")
        assert len(screen.article_list.ids) == 5


async def test_feed_errors_screen(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("E")
        from tui.ui.screens.feed_errors import FeedErrorsScreen

        assert isinstance(app.screen, FeedErrorsScreen)
        assert [f.title for f in app.screen.feeds] == ["Broken Times"]


async def test_feed_errors_screen_says_a_304_left_the_feed_broken(
    make_app: AppFactory, repo: Repository
) -> None:
    """A malformed feed answered 304 the next time: the errors screen showed "HTTP 304" (a
    success) beside the parse error, which the refresh keeps because the document is
    unchanged. The line says the feed is unchanged and so still broken."""
    app = make_app()
    (broken,) = [f for f in repo.feeds() if f.title == "Broken Times"]
    repo.record_fetch(broken.id, status=304, error="feed error: malformed feed: no element found")
    async with started(app) as pilot:
        await pilot.press("E")
        await settle(app, pilot)
        text = "\n".join(screen_text(app))
    assert "Broken Times  HTTP 304: unchanged, still broken" in text
    assert "feed error: malformed feed: no element found" in text


async def test_restores_last_feed_and_article(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("j", "enter")
        await settle(app, pilot)
        opened = main(app).article_list.current_id
    again = NewsReaderApp(resolve(), app.settings)
    async with started(again) as pilot:
        assert main(again).article_list.current_id == opened


async def test_many_articles_load_lazily(make_app: AppFactory, repo: Repository) -> None:
    from datetime import UTC, datetime, timedelta

    from tui.core.models import ParsedArticle

    app = make_app(failing=False)
    feed = repo.add_feed("http://127.0.0.1:9/bulk.xml", title="Bulk")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(guid=f"b{i}", title=f"Bulk {i}", published=start + timedelta(minutes=i))
            for i in range(3000)
        ],
    )
    async with started(app) as pilot:
        lst = main(app).article_list
        assert len(lst.ids) == 3005
        assert len(lst._rows) < 200  # only a window was loaded
        await pilot.press("G")
        await settle(app, pilot)
        last = lst.summary(lst.ids[-1])
        assert last is not None and last.title == "Bulk 0"


def test_option_list_is_used_for_feeds() -> None:
    from tui.ui.widgets.feed_list import FeedList

    assert issubclass(FeedList, OptionList)


def test_tracker_latest_prefers_a_deal_over_a_threat_in_one_article() -> None:
    from tui.core.models import TariffRow, TrackedTariff
    from tui.core.tariff_latest import latest_per_country

    def row(rate: float, status: str, article: int) -> TrackedTariff:
        tariff = TariffRow("Vietnam", "VN", rate, None, status, None, "…")  # type: ignore[arg-type]
        return TrackedTariff(tariff, article, "t", "f", None)

    assert (
        latest_per_country([row(20, "agreed", 1), row(46, "threatened", 1)])[0].row.rate_pct == 20
    )
    newer = [row(20, "agreed", 1), row(46, "threatened", 2)]
    assert latest_per_country(newer)[0].row.rate_pct == 46


async def test_hostile_feed_title_is_literal_in_pane_title(make_app: AppFactory) -> None:
    app = make_app(hostile=True)
    async with started(app) as pilot:
        screen = main(app)
        evil = next(f for f in screen.feeds if f.title.startswith("[red]"))
        screen.go_to_scope(ArticleScope(ScopeKind.FEED, feed_id=evil.id))
        await settle(app, pilot)
        title = screen.article_list._border_title  # the Content drawn in the border
        assert title is not None and "[red]Evil[/red] Feed" in title.plain
        assert screen.view is not None and screen.view.article.title == HOSTILE_TITLE


async def test_a_failing_worker_is_reported_not_fatal(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()

    def broken(self: Repository, query: str, limit: int = 500) -> list[object]:
        raise RuntimeError("index is broken")

    monkeypatch.setattr(Repository, "search", broken)
    async with started(app) as pilot:
        await pilot.press("slash", *"x", "enter")
        await settle(app, pilot)
        assert any("index is broken" in n.message for n in app._notifications)
        assert isinstance(app.screen, MainScreen)


async def test_flag_keys_act_on_the_highlighted_row_before_the_body_follows(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`j` then `s` typed at once: the row under the cursor is starred, not the article the
    body still shows (it follows the cursor after a pause, long here)."""
    monkeypatch.setattr(MainScreen, "PREVIEW_DELAY", 5.0)
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        screen.article_list.focus()
        await settle(app, pilot)
        assert screen.view is not None
        shown = screen.view.article.id
        await pilot.press("j", "s", "m")
        highlighted = screen.article_list.current_id
        assert highlighted is not None and highlighted != shown
        assert screen.view.article.id == shown  # the body has not followed yet
        await settle(app, pilot)
        flagged, before = repo.article(highlighted), repo.article(shown)
        assert flagged is not None and flagged.starred and flagged.read
        assert before is not None and not before.starred


async def test_l_lists_the_links_of_the_highlighted_row_before_the_body_follows(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`j` then `l` typed at once listed the links of the article the body still showed (it
    follows the cursor after a pause, long here), as o and y did not: now the row's."""
    from tui.ui.screens.links import LinksScreen

    monkeypatch.setattr(MainScreen, "PREVIEW_DELAY", 5.0)
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        screen.article_list.focus()
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.link.endswith("/w1")
        await pilot.press("j", "l")
        await settle(app, pilot)
        assert screen.view.article.link.endswith("/w1")  # the body has not followed yet
        assert isinstance(app.screen, LinksScreen)
        assert app.screen.links == ("https://news.example.org/w2",)


async def test_an_alt_key_given_in_the_keymap_is_not_taken_for_esc_and_a_key(
    make_app: AppFactory,
) -> None:
    """An alt+letter that comes back unhandled is split into esc and the letter (tmux sends
    them together); one the user bound in [keymap] is theirs, and runs its action."""
    from textual import events

    app = make_app(keymap={"star": "alt+s"})
    async with started(app) as pilot:
        screen = main(app)
        app.post_message(events.Key("alt+s", "s"))
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.starred

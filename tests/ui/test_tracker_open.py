"""Enter on a tariff tracker row opens the article the rate was reported in."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from tests.ui.conftest import AppFactory, main, screen_text, settle, started, titles, when
from tui.core.models import ArticleScope, ParsedArticle, ScopeKind
from tui.store.repository import Repository
from tui.ui.screens.main import MainScreen
from tui.ui.screens.tracker import TrackerScreen
from tui.ui.widgets.article_body import ArticleBody
from tui.ui.widgets.tracker_table import TrackerTable

TARIFF_STORY = "Vietnam deal sets 20% tariff on exports"


async def _open_tracker(app: Any, pilot: Any) -> TrackerScreen:
    """The tracker, opened with ``t`` and its reads done."""
    await pilot.press("t")
    await settle(app, pilot)
    tracker = app.screen
    assert isinstance(tracker, TrackerScreen)
    return tracker


WIRE = "http://127.0.0.1:9/wire.xml"


def _wire_report(repo: Repository, guid: str, title: str, html: str, day: int) -> int:
    """Store a report of a "Wire" feed and check it for rates, as the App's check does;
    returns how many tariff rows it has."""
    from tui.services.extraction import extract_new_tariffs

    feed = repo.feed_by_url(WIRE) or repo.add_feed(WIRE, title="Wire", folder="")
    article = ParsedArticle(
        guid=guid,
        link=f"https://news.example.org/{guid}",
        title=title,
        published=when(day, 8),
        content_html=html,
    )
    return extract_new_tariffs(repo, list(repo.store_articles(feed.id, [article])))


def current_title(screen: MainScreen) -> str | None:
    current = screen.article_list.current_id
    summary = screen.article_list.summary(current) if current is not None else None
    return None if summary is None else summary.title


async def test_enter_on_a_latest_row_opens_the_article_in_the_current_list(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("j")  # away from the tariff story, same scope (All)
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.title.startswith("Rubio")
        tracker = await _open_tracker(app, pilot)
        assert [t.row.country for t in tracker._latest] == ["Laos", "Vietnam"]
        await pilot.press("enter")  # Laos, reported in the tariff story
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.scope == ArticleScope()
        assert current_title(screen) == TARIFF_STORY
        assert screen.view is not None and screen.view.article.title == TARIFF_STORY
        assert screen.view.article.read  # opened, not only previewed
        assert screen.article_list.summary(screen.view.article.id).read  # type: ignore[union-attr]
        assert isinstance(app.focused, ArticleBody)
        # the side panes show the opened article
        assert {r.country for r in screen.tariff_pane.rows} == {"Vietnam", "Laos"}
        assert "Vietnam" in {e.name for e in screen.entities_pane.entities}


async def test_enter_on_a_history_row_switches_to_all_when_the_scope_lacks_it(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        wire = next(f for f in screen.feeds if f.title == "Market Wire")
        screen.go_to_scope(ArticleScope(ScopeKind.FEED, feed_id=wire.id))
        await settle(app, pilot)
        assert TARIFF_STORY not in titles(app)
        tracker = await _open_tracker(app, pilot)
        await pilot.press("j")  # Vietnam: two reports, newest first
        await pilot.pause()
        assert len(tracker._history) == 2
        await pilot.press("tab", "j", "enter")  # the second history row
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.scope == ArticleScope()  # the feeds pane switched to All
        assert screen.feed_list.scope == ArticleScope()
        assert screen.results_label is None
        assert len(screen.article_list.ids) == 5
        assert current_title(screen) == TARIFF_STORY
        assert screen.view is not None and screen.view.article.title == TARIFF_STORY
        assert screen.view.article.id == tracker._history[1].article_id
        assert {r.country for r in screen.tariff_pane.rows} == {"Vietnam", "Laos"}


async def test_escape_still_closes_the_tracker_without_opening(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("j")
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.view is not None and screen.view.article.title.startswith("Rubio")


async def test_a_rate_from_an_untitled_article_names_it_as_the_reader_does(
    make_app: AppFactory, repo: Repository
) -> None:
    """The article list and the body call an article without a title "(untitled)"; so does
    the tracker, in its history table and its detail line, rather than an empty cell."""
    app = make_app()
    feed = next(f for f in repo.feeds() if f.title == "Market Wire")
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid="untitled",
                link="https://news.example.org/untitled",
                title="",
                author="",
                published=when(27, 9),
                content_html="<p>Goods from Laos will face a 45% tariff, the White House said.</p>",
            )
        ],
    )
    async with started(app) as pilot:
        tracker = await _open_tracker(app, pilot)
        assert tracker._history[0].article_title == ""  # Laos first, its newest report first
        history = tracker.query_one("#history", TrackerTable)
        article_column = next(
            i for i, c in enumerate(history.ordered_columns) if str(c.label) == "Article"
        )
        assert str(history.get_row_at(0)[article_column]) == "(untitled)"
        detail = str(tracker.query_one("#tracker-detail", Static).render())
        assert "Market Wire — (untitled)" in detail


async def test_a_filter_typed_ahead_after_the_slash_goes_into_the_filter(
    make_app: AppFactory,
) -> None:
    """``/la`` arriving together (typed fast, or in one SSH packet): the App sends each key to
    the widget focused when it takes the key, the table, so "la" was lost."""
    from textual import events
    from textual.widgets import Input

    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        tracker = await _open_tracker(app, pilot)
        for key, character in (("slash", "/"), ("l", "l"), ("a", "a")):
            app.post_message(events.Key(key, character))
        await settle(app, pilot)
        assert tracker.query_one("#tracker-filter", Input).value == "la"
        assert [t.row.country for t in tracker._latest] == ["Laos"]
        await pilot.press("escape", "j")  # back in the table: keys are the table's again
        await settle(app, pilot)
        assert tracker.query_one("#tracker-filter", Input).value == "la"


async def test_keys_typed_behind_t_go_to_the_tracker(make_app: AppFactory) -> None:
    """``t/la`` arriving together: the tracker shows once its rows are read, and "/" went to
    the main screen meanwhile, which opened its search under the tracker."""
    from textual import events
    from textual.widgets import Input

    from tui.ui.screens.search import SearchScreen

    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        for key, character in (("t", "t"), ("slash", "/"), ("l", "l"), ("a", "a")):
            app.post_message(events.Key(key, character))
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        assert not any(isinstance(s, SearchScreen) for s in app.screen_stack)
        assert tracker.query_one("#tracker-filter", Input).value == "la"
        assert [t.row.country for t in tracker._latest] == ["Laos"]
        await pilot.press("escape", "escape")  # out of the filter, then out of the tracker
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("j")  # keys are the main screen's again, not held
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen) and not app._held_keys


@pytest.mark.parametrize("size", [(80, 12), (80, 16), (40, 12), (80, 19)])
async def test_a_short_terminal_shows_the_rate_rows(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    """Under 20 rows the filter, the chart and the detail line took every row: the latest
    table showed its border and no row, the history (tab) its header only."""
    app = make_app()
    async with started(app, size=size) as pilot:
        tracker = await _open_tracker(app, pilot)
        latest = tracker.query_one("#latest", TrackerTable)
        assert latest.region.height >= 3  # the header and two rows: Laos and Vietnam
        lines = screen_text(app)
        assert any(line.lstrip("│ ").startswith("Laos") for line in lines)
        assert any(line.lstrip("│ ").startswith("Vietnam") for line in lines)
        await pilot.press("j", "tab")  # the history table: Vietnam's two reports
        await settle(app, pilot)
        assert tracker.focused is tracker.query_one("#history", TrackerTable)
        lines = screen_text(app)
        assert any(line.startswith("│ 26 Nov 2026   20%") for line in lines)
        assert any(line.startswith("│ 26 Nov 2026   46%") for line in lines)


async def test_a_huge_title_or_evidence_leaves_the_tables_their_rows(
    make_app: AppFactory, repo: Repository
) -> None:
    """The detail line shows the highlighted row whole, wrapped: a 600-character title (or
    a sentence as long) took ten lines at 80x24 and left the latest table one row of two."""
    app = make_app()
    feed = next(f for f in repo.feeds() if f.title == "Market Wire")
    long = " ".join(["very long"] * 60)
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid="huge",
                link="https://news.example.org/huge",
                title=f"Laos faces a new tariff {long}",
                author="",
                published=when(27, 9),
                content_html=f"<p>Goods from Laos will face a 45% tariff, {long}, the White"
                " House said.</p>",
            )
        ],
    )
    async with started(app, size=(80, 24)) as pilot:
        tracker = await _open_tracker(app, pilot)
        assert tracker._latest[0].article_title.startswith("Laos faces")
        latest = tracker.query_one("#latest", TrackerTable)
        assert latest.region.height >= 3  # the header, Laos and Vietnam
        shown = screen_text(app)
        assert any(line.startswith("│ Vietnam") for line in shown)
        lines = str(tracker.query_one("#tracker-detail", Static).render()).splitlines()
        assert lines[1].startswith("Market Wire — Laos faces a new tariff very long")
        assert lines[1].endswith("…") and len(lines) <= 5
        assert lines[-1].endswith("…”")


async def test_the_latest_table_keeps_its_rows_at_40_columns(make_app: AppFactory) -> None:
    """At 40x24 the detail line's first line (country, rate, status, report time) wrapped,
    and the latest table kept room for one row of two."""
    app = make_app()
    async with started(app, size=(40, 24)) as pilot:
        tracker = await _open_tracker(app, pilot)
        lines = screen_text(app)
        assert any(line.lstrip("│ ").startswith("Laos") for line in lines)
        assert any(line.lstrip("│ ").startswith("Vietnam") for line in lines)
        detail = str(tracker.query_one("#tracker-detail", Static).render()).splitlines()
        assert detail[0].startswith(tracker._latest[0].row.country)
        assert all(len(line) <= 40 for line in detail)


async def test_the_rates_read_again_keep_the_highlighted_country(
    make_app: AppFactory, repo: Repository
) -> None:
    """The App's tariff check ends with the tracker open (after a refresh, say) and the rates
    are read again: a country new to the tracker listed above the highlighted one took the
    cursor's row, and the history and the timeline went to it."""
    app = make_app()
    async with started(app) as pilot:
        tracker = await _open_tracker(app, pilot)
        await pilot.press("j")  # Vietnam, under Laos
        await settle(app, pilot)
        assert tracker._highlighted_country() == "Vietnam"
        brazil = (
            "<p>Brazil faces a 50% tariff from 1 August, the White House said on Wednesday.</p>"
        )
        assert _wire_report(repo, "br", "Brazil faces a 50% tariff", brazil, 27) == 1
        tracker.checked()  # as the App's check does when it ends
        await settle(app, pilot)
        assert [t.row.country for t in tracker._latest] == ["Brazil", "Laos", "Vietnam"]
        assert tracker._highlighted_country() == "Vietnam"
        assert tracker._history and {t.row.country for t in tracker._history} == {"Vietnam"}


LETTERS = (
    "<p>President Donald Trump said on Wednesday the Philippines would face a 20% tariff from "
    "August 1, Brunei and Moldova 25%, and Algeria, Iraq, Libya and Sri Lanka 30%.</p>"
)


async def test_at_60x20_the_latest_table_shows_a_country_beside_the_chart(
    make_app: AppFactory, repo: Repository
) -> None:
    """At 60 columns the latest table scrolls sideways: its scroll bar took the one row the
    chart and a three-line evidence left it, and the table showed no country at all."""
    _wire_report(repo, "letters", "Trump sends tariff letters to six more countries", LETTERS, 25)
    app = make_app()
    async with started(app, size=(60, 20)) as pilot:
        tracker = await _open_tracker(app, pilot)
        assert tracker._latest[0].row.country == "Algeria"
        text = screen_text(app)
        assert any(line.startswith("│ Algeria ") for line in text), "\n".join(text)
        assert any(line.startswith("╭─ Timeline: Algeria") for line in text)


@pytest.mark.parametrize("width", [60, 80])
async def test_narrow_tables_leave_out_prose_columns_rather_than_scroll_sideways(
    make_app: AppFactory, repo: Repository, width: int
) -> None:
    """At 60 columns both tables scrolled sideways: the latest table's source and the
    history's evidence were cut to a few letters past the pane's edge. They leave out their
    last prose columns instead (the detail line shows the row whole); at 80 all are shown."""
    _wire_report(repo, "letters", "Trump sends tariff letters to six more countries", LETTERS, 25)
    app = make_app()
    async with started(app, size=(width, 24)) as pilot:
        tracker = await _open_tracker(app, pilot)
        await pilot.press("tab")  # the history table, shown in the chart's place
        await settle(app, pilot)
        for name, every in (("#latest", "Source"), ("#history", "Evidence")):
            table = tracker.query_one(name, TrackerTable)
            labels = [str(column.label) for column in table.columns.values()]
            assert table.max_scroll_x == 0, (name, labels)
            assert "Rate" in labels and "Status" in labels
            assert (every in labels) == (width == 80), (name, labels)


async def test_the_history_read_again_keeps_the_highlighted_report(
    make_app: AppFactory, repo: Repository
) -> None:
    """The rates are read again (the App's check ended) while the history table has focus:
    a newer report of the country, listed at the top, took the cursor's row, and the detail
    line showed that report instead of the one the reader was on."""
    app = make_app()
    async with started(app) as pilot:
        tracker = await _open_tracker(app, pilot)
        await pilot.press("j")  # Vietnam, two reports (20% agreed, 46% threatened)
        await settle(app, pilot)
        await pilot.press("tab")  # the history table
        await settle(app, pilot)
        history = tracker.query_one("#history", TrackerTable)
        assert tracker.focused is history and len(tracker._history) == 2
        await pilot.press("j")
        await settle(app, pilot)
        chosen = tracker._history[history.cursor_row]
        assert history.cursor_row == 1
        routed = (
            "<p>Goods from Vietnam routed through other countries will face a 40% tariff, the"
            " White House said on Thursday.</p>"
        )
        title = "Vietnam faces a 40% tariff on transshipped goods"
        assert _wire_report(repo, "vn", title, routed, 28) >= 1
        tracker.checked()  # as the App's check does when it ends
        await settle(app, pilot)
        assert len(tracker._history) == 3 and tracker.focused is history
        assert tracker._history[history.cursor_row] == chosen

"""Refresh from the UI against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from tests.feedserver import reply, serve
from tests.ui.conftest import AppFactory, main, settle, started, titles, when
from tui.core.models import ArticleScope, ParsedArticle, ScopeKind
from tui.store.repository import Repository

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


async def test_refresh_all_brings_new_articles_and_marks_failures(
    make_app: AppFactory, repo: Repository
) -> None:
    with serve(FIXTURES) as server:
        app = make_app(failing=False)
        repo.add_feed(server.url("ui_feed.xml"), title="Harbour Gazette")
        repo.add_feed(server.url("nothing-here.xml"), title="Nowhere News")
        async with started(app) as pilot:
            screen = main(app)
            assert "Ferry timetable changes for the winter" not in titles(app)
            await pilot.press("R")
            await settle(app, pilot)
            # the seeded feeds point at a closed port (127.0.0.1:9), so they fail too
            assert screen._refresh_status.startswith("Refreshed 4 feeds: 3 new")
            assert "Ferry timetable changes for the winter" in titles(app)
            failing = {f.title for f in screen.feeds if f.failing}
            assert "Nowhere News" in failing and "Harbour Gazette" not in failing
            assert "feeds failing" in str(screen.query_one("#status", Static).render())
            # the tariff story was extracted during the refresh (cheap keyword test passed)
            countries = {t.row.country for t in repo.tariff_history()}
            assert "Brazil" in countries


@pytest.mark.parametrize("scheme", ["http://", ""])
async def test_add_feed_modal_subscribes_and_refreshes(make_app: AppFactory, scheme: str) -> None:
    """Typed without its scheme ("127.0.0.1:8765/feed.xml") the address was refused with
    "Enter an http:// or https:// address"; it is read as an address bar reads it."""
    with serve(FIXTURES) as server:
        app = make_app(failing=False)
        async with started(app) as pilot:
            screen = main(app)
            await pilot.press("1", "a")
            await pilot.press(*scheme, *server.url("ui_feed.xml").removeprefix("http://"), "enter")
            await settle(app, pilot)
            await settle(app, pilot)
            assert any(f.url == server.url("ui_feed.xml") for f in screen.feeds)
            assert "Kelp farmers report a record harvest" in titles(app)


PAGE = (
    "<html><head><title>Ferry</title></head><body><nav>Home | World</nav><article>"
    "<h1>Ferry timetable changes for the winter</h1>"
    + "".join(
        f"<p>Paragraph {n}: the harbour board explained at length why the winter timetable "
        "moves the first crossing later and adds a late boat on Fridays for commuters.</p>"
        for n in range(1, 9)
    )
    + "</article><footer>Most read</footer></body></html>"
).encode()


async def test_full_text_key_fetches_the_page(make_app: AppFactory, repo: Repository) -> None:
    page = reply(200, PAGE, {"Content-Type": "text/html; charset=utf-8"})
    with serve(routes={"/ferry": page}) as server:
        app = make_app(failing=False, internal_links="allow")  # the page is on 127.0.0.1
        feed = repo.add_feed(server.url("short.xml"), title="Short Feed")
        repo.store_articles(
            feed.id,
            [
                ParsedArticle(
                    guid="s1",
                    link=server.url("ferry"),
                    title="Ferry summary only",
                    published=when(28, 1),
                    summary_html="<p>Winter timetable.</p>",
                )
            ],
        )
        async with started(app) as pilot:
            screen = main(app)
            assert screen.view is not None and screen.view.article.title == "Ferry summary only"
            await pilot.press("f")
            await settle(app, pilot)
            assert screen.view.full_text
            assert "Paragraph 8" in screen.view.markdown


def _five_item_body() -> bytes:
    """An RSS feed of five invented items, one a day from 20 November 2026."""
    from datetime import UTC, datetime
    from email.utils import format_datetime

    items = "".join(
        f"<item><title>Lighthouse log, day {day}</title><guid>log-{day}</guid>"
        f"<link>https://harbour.example.org/log/{day}</link>"
        f"<pubDate>{format_datetime(datetime(2026, 11, day, 8, 0, tzinfo=UTC))}</pubDate>"
        f"<description>The keeper noted calm seas on day {day}.</description></item>"
        for day in range(20, 25)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Lighthouse Log</title><link>https://harbour.example.org/</link>{items}"
        "</channel></rss>"
    ).encode()


_five_item_feed = reply(200, _five_item_body(), {"Content-Type": "application/rss+xml"})


async def test_refresh_applies_retention_keeping_starred(
    make_app: AppFactory, repo: Repository
) -> None:
    with serve(routes={"/log.xml": _five_item_feed}) as server:
        app = make_app(failing=False, retention_per_feed=2)
        feed = repo.add_feed(server.url("log.xml"), title="Lighthouse Log")
        old = [
            ParsedArticle(
                guid=f"old-{n}",
                link=f"https://harbour.example.org/old/{n}",
                title=f"Old log {n}",
                published=when(n, 8),
                content_html="<p>Fog.</p>",
            )
            for n in (1, 2)
        ]
        starred, _plain = repo.store_articles(feed.id, old)
        repo.set_starred(starred, True)
        async with started(app) as pilot:
            screen = main(app)
            await pilot.press("R")
            await settle(app, pilot)
            # 5 new in the log; the seeded feeds fail (closed port) but keep their articles
            assert screen._refresh_status.startswith("Refreshed 3 feeds: 5 new")
            kept = repo.article_page(ArticleScope(ScopeKind.FEED, feed_id=feed.id), 0, 50)
            world = next(f for f in repo.feeds() if f.title == "World Desk")
            world_total = repo.count_articles(ArticleScope(ScopeKind.FEED, feed_id=world.id))
            # the two newest plus the starred one; every feed is trimmed, not only the new one
            assert [s.title for s in kept] == [
                "Lighthouse log, day 24",
                "Lighthouse log, day 23",
                "Old log 1",
            ]
            assert world_total == 2
            assert "5 old removed" in screen._refresh_status  # 4 from the log, 1 from World Desk
            assert "Old log 2" not in titles(app)  # the list reloaded after the refresh
            assert "Lighthouse log, day 24" in titles(app)


async def test_no_retention_by_default(make_app: AppFactory, repo: Repository) -> None:
    with serve(routes={"/log.xml": _five_item_feed}) as server:
        app = make_app(failing=False)
        repo.add_feed(server.url("log.xml"), title="Lighthouse Log")
        async with started(app) as pilot:
            await pilot.press("R")
            await settle(app, pilot)
            assert len(main(app).article_list.ids) == 5 + 5
            assert "removed" not in main(app)._refresh_status


async def test_articles_arriving_in_an_empty_list_show_the_first(
    make_app: AppFactory, repo: Repository
) -> None:
    """A refresh (or the demo loaded after the first frame) fills an empty list: the cursor is
    on its first article, and the body shows that article, not "Select an article"."""
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        broken = next(f for f in repo.feeds() if f.title == "Broken Times")
        screen.go_to_scope(ArticleScope(ScopeKind.FEED, feed_id=broken.id))
        await settle(app, pilot)
        assert titles(app) == [] and screen.view is None
        repo.store_articles(
            broken.id,
            [
                ParsedArticle(
                    guid="back",
                    link="https://news.example.org/back",
                    title="Broken Times is back",
                    author="",
                    published=when(27, 9),
                    content_html="<p>The paper is back online after a week.</p>",
                )
            ],
        )
        screen.reload()  # as after a refresh
        await settle(app, pilot)
        assert titles(app) == ["Broken Times is back"]
        assert screen.view is not None and screen.view.article.title == "Broken Times is back"


async def test_a_reload_leaves_the_cursor_where_keys_moved_it_meanwhile(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reload (after a refresh, or the demo loaded after the first frame) reads the list in
    a worker: j pressed while it read was undone when the list came back, the cursor put back
    on the article it had left (seen in tmux as a lost key)."""
    from tui.ui.screens.main import reading

    reading_now = threading.Event()
    go_on = threading.Event()
    read_window = reading.article_window

    def slow_window(*args: Any) -> Any:
        reading_now.set()
        go_on.wait(10)
        return read_window(*args)

    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        screen.action_focus_pane("articles")
        await settle(app, pilot)
        first, second = screen.article_list.ids[:2]
        assert screen.article_list.current_id == first
        monkeypatch.setattr(reading, "article_window", slow_window)
        screen.reload()  # as after a refresh
        while not reading_now.is_set():
            await pilot.pause(0.01)
        await pilot.press("j")
        assert screen.article_list.current_id == second
        go_on.set()
        await settle(app, pilot)
        assert screen.article_list.current_id == second

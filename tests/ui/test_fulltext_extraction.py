"""Extraction follows the text the reader sees: when the full text arrives (`f`, or on open with
``fulltext = "auto"``), entities and tariffs are extracted from it, and the panes and the tracker
show them. The page is served by a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.feedserver import FeedServer, reply, serve
from tests.ui.conftest import main, reader_settings, settle, started
from tui.core.models import ParsedArticle
from tui.paths import resolve
from tui.services.extraction import EXTRACTOR_VERSION
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.screens.tracker import TrackerScreen

TEMPLATE = Path(__file__).resolve().parent.parent / "fixtures" / "text" / "article_page.html"

# Invented reporting: the feed carries one line without a rate; the page states the rates.
SUMMARY = "<p>Trade ministers met again on Monday, officials said.</p>"
PAGE_PARAGRAPHS = [
    "Geneva | Trade ministers met again on Monday, officials said, as a deadline for new "
    "duties drew closer for exporters across the region.",
    "Brazil will face a 50% tariff on its exports from August 1, the White House said in a "
    "letter to President Luiz Inacio Lula da Silva.",
    "Separately, Indonesia agreed to a 19% tariff under a framework deal announced in Jakarta, "
    "down from the 32% rate threatened in April.",
    "Economists at the Kestrel Institute said the measures would weigh on coffee and nickel "
    "prices for the rest of the year, and that importers had stocked up ahead of the deadline.",
]


def _page() -> bytes:
    paragraphs = [f"        <p>{html.escape(p, quote=False)}</p>" for p in PAGE_PARAGRAPHS]
    template = TEMPLATE.read_text(encoding="utf-8")
    page = template.replace("{{PARAGRAPHS_FIRST}}", "\n".join(paragraphs[:2]))
    return page.replace("{{PARAGRAPHS_SECOND}}", "\n".join(paragraphs[2:])).encode("utf-8")


@pytest.fixture
def page_server() -> Iterator[FeedServer]:
    route = reply(200, _page(), {"Content-Type": "text/html; charset=utf-8"})
    with serve(routes={"/story": route}) as server:
        yield server


def _app(repo: Repository, server: FeedServer, fulltext: str) -> tuple[NewsReaderApp, int]:
    feed = repo.add_feed(server.url("/feed.xml"), title="Summary Wire")
    article = ParsedArticle(
        guid="s1",
        link=server.url("/story"),
        title="Trade ministers meet again",
        published=datetime(2025, 7, 10, 9, tzinfo=UTC),
        summary_html=SUMMARY,
    )
    (article_id,) = repo.store_articles(feed.id, [article])
    repo.set_state("initialised", "1")
    # The page is on 127.0.0.1, an internal address: allowed without asking.
    settings = reader_settings(fulltext=fulltext, internal_links="allow")
    return NewsReaderApp(resolve(), settings), article_id


def _assert_page_extracted(app: NewsReaderApp, repo: Repository, article_id: int) -> None:
    screen = main(app)
    assert screen.view is not None and screen.view.full_text
    rows = {(r.country, r.rate_pct, r.status) for r in screen.tariff_pane.rows}
    assert ("Brazil", 50.0, "threatened") in rows
    assert ("Indonesia", 19.0, "agreed") in rows
    names = {e.name for e in screen.entities_pane.entities}
    assert {"Brazil", "Indonesia", "Geneva"} <= names
    # stored with the extractor version, replacing the summary's (which had no rates)
    stored = repo.extraction(article_id, EXTRACTOR_VERSION)
    assert stored is not None and "Brazil will face" in stored.text
    assert {t.row.country for t in repo.tariff_history()} >= {"Brazil", "Indonesia"}


async def _tracker_countries(app: NewsReaderApp, pilot: Pilot[None]) -> dict[str, float]:
    await pilot.press("t")
    await settle(app, pilot)
    tracker = app.screen
    assert isinstance(tracker, TrackerScreen)
    return {t.row.country: t.row.rate_pct for t in tracker._latest}


async def test_f_extracts_the_full_text_into_the_panes_and_the_tracker(
    repo: Repository, page_server: FeedServer
) -> None:
    app, article_id = _app(repo, page_server, "never")
    async with started(app) as pilot:
        screen = main(app)
        assert screen.view is not None and not screen.view.full_text
        assert screen.tariff_pane.rows == ()  # the summary states no rate
        assert "Brazil" not in {e.name for e in screen.entities_pane.entities}
        await pilot.press("f")
        await settle(app, pilot)
        assert page_server.count(200) == 1
        _assert_page_extracted(app, repo, article_id)
        latest = await _tracker_countries(app, pilot)
    assert latest.get("Brazil") == 50.0 and latest.get("Indonesia") == 19.0


async def test_opening_with_fulltext_auto_extracts_the_page(
    repo: Repository, page_server: FeedServer
) -> None:
    app, article_id = _app(repo, page_server, "auto")
    async with started(app) as pilot:
        await pilot.press("enter")  # open: the summary is short, so the page is fetched
        await settle(app, pilot)
        _assert_page_extracted(app, repo, article_id)
        latest = await _tracker_countries(app, pilot)
    assert latest.get("Brazil") == 50.0


def test_a_summary_extraction_never_overwrites_the_full_texts(repo: Repository) -> None:
    """The race: the feed text is extracted while the full text arrives; the late result of the
    feed text is dropped, not stored over the full text's."""
    from tui.services.extraction import extract_article, extraction_for

    feed = repo.add_feed("https://news.example.test/feed")
    article = ParsedArticle(guid="g", title="t", link="", summary_html=SUMMARY)
    (article_id,) = repo.store_articles(feed.id, [article])
    summary_article = repo.article(article_id)
    assert summary_article is not None
    late = extract_article(summary_article)  # started before the full text arrived
    repo.set_full_text(article_id, "\n\n".join(PAGE_PARAGRAPHS))
    repo.save_extraction(article_id, late, from_full_text=False)
    assert repo.extraction(article_id, EXTRACTOR_VERSION) is None
    full_article = repo.article(article_id)
    assert full_article is not None
    fresh = extraction_for(repo, full_article)
    assert {t.country for t in fresh.tariffs} >= {"Brazil", "Indonesia"}
    assert repo.extraction(article_id, EXTRACTOR_VERSION) == fresh
    # the same full text again changes nothing: the extraction stays
    repo.set_full_text(article_id, "\n\n".join(PAGE_PARAGRAPHS))
    assert repo.extraction(article_id, EXTRACTOR_VERSION) == fresh


async def test_pages_fetched_on_opening_that_fail_say_so_once(repo: Repository) -> None:
    """Offline (or with a site down), each article opened with fulltext = "auto" toasted
    "Full text failed: cannot connect …" in red: a dozen articles, a dozen errors. The first
    says so and how to try again, the next say nothing; f still says each time."""
    with serve(routes={"/story": reply(503, b"down")}) as server:
        feed = repo.add_feed(server.url("/feed.xml"), title="Summary Wire")
        repo.store_articles(
            feed.id,
            [
                ParsedArticle(
                    guid=f"s{n}",
                    link=server.url("/story"),
                    title=f"Trade ministers meet again, day {n}",
                    published=datetime(2025, 7, 10 - n, 9, tzinfo=UTC),
                    summary_html=SUMMARY,
                )
                for n in (1, 2)
            ],
        )
        repo.set_state("initialised", "1")
        settings = reader_settings(fulltext="auto", internal_links="allow")
        app = NewsReaderApp(resolve(), settings)
        async with started(app) as pilot:

            def said() -> list[str]:
                return [str(n.message) for n in app._notifications if "Full text" in str(n.message)]

            for key in ("enter", "2", "j", "enter"):  # open the first, then the second
                await pilot.press(key)
                await settle(app, pilot)
            assert server.count(503) == 2
            (first,) = said()
            assert first.startswith("Full text not fetched: HTTP 503") and "f tries again" in first
            await pilot.press("f")
            await settle(app, pilot)
            assert server.count(503) == 3
            assert [m.split(" fetching ")[0] for m in said()[1:]] == [
                "Full text failed: HTTP 503 Service Unavailable"
            ]

"""Start-up: the first screen's data is loaded before the main screen paints."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, timedelta

import pytest

from tests.ui.conftest import AppFactory, main, reader_settings, started
from tui.core.models import ArticleScope, ParsedArticle, ScopeKind
from tui.paths import resolve
from tui.services.extraction import catch_up_tariffs
from tui.services.reader_view import (
    HEAD,
    STATE_ARTICLE,
    STATE_SCOPE,
    WINDOW,
    load_first_screen,
)
from tui.services.subscriptions import DEMO_FEED_URL
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp


async def test_an_empty_database_still_lists_all_and_starred(repo: Repository) -> None:
    repo.set_state("initialised", "1")  # no default feeds, no demo
    app = NewsReaderApp(resolve(), reader_settings())
    async with started(app):
        feeds = main(app).feed_list
        assert [feeds.get_option_at_index(i).id for i in range(feeds.option_count)] == [
            "all",
            "starred",
        ]
        assert main(app).article_list.ids == []


def test_first_screen_data_centres_on_the_saved_article(
    make_app: AppFactory, repo: Repository
) -> None:
    make_app()  # seeds the database
    ids = repo.article_ids(ArticleScope())
    repo.set_state(STATE_SCOPE, "all")
    repo.set_state(STATE_ARTICLE, str(ids[3]))
    first = load_first_screen(repo)
    assert first.scope == ArticleScope() and first.article_id == ids[3]
    assert first.ids == ids and [s.id for s in first.summaries] == ids
    assert first.starred == repo.count_articles(ArticleScope(ScopeKind.STARRED))
    repo.set_state(STATE_ARTICLE, "999999")  # gone (retention): no article to restore
    assert load_first_screen(repo).article_id is None


async def test_a_first_start_with_imported_feeds_loads_the_demo_after_the_first_frame(
    repo: Repository,
) -> None:
    """`newsreader import` ran before the first `newsreader`: the app paints the imported feed
    at once and adds the demo feed from its first-run worker."""
    repo.add_feed("http://127.0.0.1:9/mine.xml", title="Mine")
    app = NewsReaderApp(resolve(), reader_settings())
    async with started(app):
        feeds = main(app).feed_list
        labels = [str(feeds.get_option_at_index(i).prompt) for i in range(feeds.option_count)]
        assert any("Mine" in label for label in labels)
        assert any("demo" in label.lower() for label in labels), labels
        assert len(main(app).article_list.ids) == 5  # the demo stories
    assert [f.url for f in repo.feeds()].count(DEMO_FEED_URL) == 1
    assert "http://127.0.0.1:9/mine.xml" in [f.url for f in repo.feeds()]
    assert len(repo.feeds()) == 2  # no default feeds beside the user's own
    assert catch_up_tariffs(repo) == 1  # the demo tariff story, once the tracker opens


def _long_feed(repo: Repository, count: int) -> list[int]:
    """One feed of ``count`` articles, an hour apart; their ids newest first."""
    feed = repo.add_feed("http://127.0.0.1:9/long.xml", title="Long")
    start = datetime(2026, 1, 1, tzinfo=UTC)
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid=f"long-{n}",
                link=f"https://news.example.org/long-{n}",
                title=f"Story number {n}",
                published=start + timedelta(hours=n),
                content_html="<p>Text.</p>",
            )
            for n in range(count)
        ],
    )
    repo.set_state("initialised", "1")
    return repo.article_ids(ArticleScope())


def test_the_first_screen_of_a_long_list_reads_its_head_and_its_length(
    repo: Repository,
) -> None:
    ids = _long_feed(repo, HEAD + 50)
    first = load_first_screen(repo)
    assert first.ids == ids[:HEAD] and first.total == len(ids) and not first.complete
    repo.set_state(STATE_ARTICLE, str(ids[HEAD + 10]))  # past the head: the whole list
    first = load_first_screen(repo)
    assert first.ids == ids and first.complete and first.article_id == ids[HEAD + 10]
    assert [s.id for s in first.summaries][WINDOW // 2] == ids[HEAD + 10]
    repo.set_state(STATE_ARTICLE, str(ids[5]))
    feed = repo.feeds()[0].id
    repo.set_state(STATE_SCOPE, f"feed:{feed}")  # any list but a saved search's: its head
    first = load_first_screen(repo)
    assert first.scope == ArticleScope(ScopeKind.FEED, feed_id=feed)
    assert first.ids == ids[:HEAD] and first.total == len(ids) and first.article_id == ids[5]


async def test_the_rest_of_a_long_list_arrives_after_the_first_frame(repo: Repository) -> None:
    ids = _long_feed(repo, HEAD + 50)
    repo.set_state(STATE_ARTICLE, str(ids[7]))
    app = NewsReaderApp(resolve(), reader_settings())
    async with started(app) as pilot:
        articles = main(app).article_list
        assert list(articles.ids) == ids  # read after the first frame, the cursor kept
        assert articles.current_id == ids[7]
        assert f"{len(ids)} articles" in str(main(app).query_one("#status").render())
        await pilot.press("G")
        assert articles.current_id == ids[-1]


async def test_start_ups_objects_are_frozen_out_of_the_collector_after_the_first_frame(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full garbage collection scanned every object of start-up (80-120 ms at 10,000 cached
    articles, a key press waiting behind it): the app freezes them a while after its first
    frame; what it made later is collected as before."""
    monkeypatch.setattr(NewsReaderApp, "FREEZE_AFTER", 0.05)
    gc.unfreeze()
    app = make_app()
    try:
        assert gc.get_freeze_count() == 0
        async with started(app) as pilot:
            await pilot.pause(0.3)
            assert gc.get_freeze_count() > 1000
            assert main(app).article_list.ids  # the app goes on as before
    finally:
        gc.unfreeze()  # the test process's own objects: collected again

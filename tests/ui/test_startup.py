"""Start-up: the first screen's data is loaded before the main screen paints."""

from __future__ import annotations

from tests.ui.conftest import AppFactory, main, reader_settings, started
from tui.core.models import ArticleScope, ScopeKind
from tui.paths import resolve
from tui.services.extraction import catch_up_tariffs
from tui.services.reader_view import STATE_ARTICLE, STATE_SCOPE, load_first_screen
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

"""The first start: default subscriptions and the demo feed, so the screen is never empty."""

from __future__ import annotations

from pathlib import Path

from tui.core.models import ArticleScope
from tui.paths import resolve
from tui.services.extraction import catch_up_tariffs
from tui.services.subscriptions import (
    DEMO_FEED_URL,
    default_subscriptions,
    first_run,
    is_fetchable,
    write_backup,
)
from tui.services.tracker import tracked_tariffs
from tui.store.repository import Repository


def test_first_run_subscribes_and_loads_the_demo(home: Path) -> None:
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        assert first_run(repo) is True
        feeds = repo.feeds()
        urls = {f.url for f in feeds}
        defaults = default_subscriptions()
        assert len(defaults) >= 8
        assert {s.url for s in defaults} <= urls
        assert {s.folder for s in defaults} >= {"World", "Business", "Trade"}
        demo = repo.feed_by_url(DEMO_FEED_URL)
        assert demo is not None and not is_fetchable(demo)
        assert all(is_fetchable(f) for f in feeds if f.url != DEMO_FEED_URL)
        summaries = repo.article_page(ArticleScope(), 0, 50)
        titles = [s.title for s in summaries]
        assert any("Tariff" in t for t in titles)
        assert len(titles) >= 4
        # A second start changes nothing.
        assert first_run(repo) is False
        assert len(repo.feeds()) == len(feeds)
        write_backup(repo, paths.subscriptions_backup)
        backup = paths.subscriptions_backup.read_text(encoding="utf-8")
        assert DEMO_FEED_URL not in backup and defaults[0].url in backup
    finally:
        repo.close()


def test_first_run_keeps_an_imported_list(home: Path) -> None:
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        repo.add_feed("http://127.0.0.1:9/mine.xml", title="Mine")
        first_run(repo)
        assert sorted(f.url for f in repo.feeds()) == sorted(
            ["http://127.0.0.1:9/mine.xml", DEMO_FEED_URL]
        )
    finally:
        repo.close()


def test_the_demo_tariff_story_is_extracted_but_kept_out_of_the_tracker(home: Path) -> None:
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        first_run(repo)
        # Extracted when rows are first shown (the tracker and `tariffs` catch up), not before
        # the first screen.
        assert repo.tariff_history() == []
        assert catch_up_tariffs(repo) == 1
        rows = {(t.row.country, t.row.rate_pct, t.row.status) for t in repo.tariff_history()}
        # The demo is fiction: its rows are for its own tariff pane, never the tracker's.
        assert tracked_tariffs(repo) == []
    finally:
        repo.close()
    assert ("Mexico", 30.0, "threatened") in rows
    assert ("Japan", 15.0, "agreed") in rows
    assert ("India", 25.0, "imposed") in rows
    # Market moves and growth figures in the same story are not tariffs.
    assert all(rate not in (1.2, 1.5) for _, rate, _ in rows)

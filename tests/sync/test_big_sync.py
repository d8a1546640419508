"""10,000 items from a real coldsweat: a first sync that pages to the end and shows
progress, then an incremental one that asks only for what is new. (Timings are measured by
tests/bench/bench_sync.py, not here.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.feedserver import serve
from tests.sync.coldsweat import PASSWORD, start_server
from tests.sync.conftest import PASSWORD_ENV, write_sync_config
from tests.sync.generated import FEEDS, ITEMS, generate
from tui.config import load_settings
from tui.core.models import ArticleScope
from tui.paths import resolve
from tui.services.sync.engine import sync
from tui.store.repository import Repository


@pytest.mark.slow
def test_ten_thousand_items_sync_incrementally(
    shared_dir: Path,
    coldsweat_bin: Path,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feeds_dir = tmp_path / "feeds"
    names = generate(shared_dir, feeds_dir)
    with serve(feeds_dir) as feeds:
        server = start_server(coldsweat_bin, tmp_path / "cs", {"": [feeds.url(n) for n in names]})
        try:
            total = server.total_items()
            assert total == FEEDS * ITEMS
            monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
            write_sync_config(server.url)
            settings = load_settings(resolve().config_file)
            progress: list[tuple[int, int]] = []
            repo = Repository(resolve().database)
            try:
                summary = sync(repo, settings, on_progress=lambda d, t: progress.append((d, t)))
                assert summary.new_articles == total
                assert repo.count_articles(ArticleScope()) == total
                assert len(repo.feeds()) == FEEDS
                # Progress after every page of 50: rising to the server's count.
                assert len(progress) >= total // 50
                assert [d for d, _ in progress] == sorted(d for d, _ in progress)
                assert progress[-1] == (total, total)

                # Time passes: a tenth of the feeds get new items, the phone reads a few.
                generate(shared_dir, feeds_dir, epoch=1)
                server.fetch()
                grown = server.total_items()
                assert grown > total
                for item_id in (1, 2, 3):
                    server.mark(item_id, "read")
                walked = _item_pages(server.log)
                summary = sync(repo, settings)
                assert summary.new_articles == grown - total
                assert summary.state.read == 3
                assert repo.count_articles(ArticleScope()) == grown
                assert repo.count_articles(ArticleScope(unread_only=True)) == grown - 3
                # Incremental: the pages after the cursor (and the empty one), not all again.
                assert _item_pages(server.log) - walked <= (grown - total) // 50 + 2
            finally:
                repo.close()
        finally:
            server.stop()


def _item_pages(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("POST /fever/?api&items&since_id=")

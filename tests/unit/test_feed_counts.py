"""Each feed's total and unread counts, kept by triggers (schema v9), agree with the articles
whatever path writes them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.core.models import ArticleScope, ParsedArticle, ScopeKind
from tui.store import db
from tui.store.repository import Repository
from tui.store.schema import SCHEMA_VERSION


def _truth(repo: Repository) -> dict[int, tuple[int, int]]:
    """Each feed's (total, unread), counted over the articles themselves."""
    rows = repo._conn().execute(
        "SELECT f.id, count(a.id), coalesce(sum(a.read = 0), 0)"
        " FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id GROUP BY f.id"
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def _kept(repo: Repository) -> dict[int, tuple[int, int]]:
    return {f.id: (f.total, f.unread) for f in repo.feeds()}


def _one(repo: Repository, feed_id: int) -> tuple[int, int]:
    feed = repo.feed(feed_id)
    assert feed is not None
    return feed.total, feed.unread


def _articles(prefix: str, count: int, start: datetime) -> list[ParsedArticle]:
    return [
        ParsedArticle(
            guid=f"{prefix}-{n}",
            link=f"https://news.example.org/{prefix}-{n}",
            title=f"{prefix} {n}",
            published=start - timedelta(days=n),
            content_html="<p>Text.</p>",
        )
        for n in range(count)
    ]


def test_counts_follow_every_write(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "db.sqlite")
    try:
        rng = random.Random(7)
        today = datetime.now(UTC)
        feeds = [repo.add_feed(f"http://127.0.0.1:9/{n}.xml").id for n in range(4)]
        for n, feed in enumerate(feeds):
            repo.store_articles(feed, _articles(f"f{n}", 30 + 10 * n, today))
        assert _kept(repo) == _truth(repo)
        ids = repo.article_ids(ArticleScope())
        repo.set_read(rng.sample(ids, 40))
        repo.set_read(rng.sample(ids, 15), read=False)
        assert _kept(repo) == _truth(repo)
        repo.mark_scope_read(ArticleScope(ScopeKind.FEED, feed_id=feeds[1]))
        assert _kept(repo) == _truth(repo)
        assert _one(repo, feeds[1]) == (40, 0)
        # Storing again: known guids updated in place, new ones counted once.
        repo.store_articles(feeds[0], _articles("f0", 35, today))
        assert _kept(repo) == _truth(repo)
        assert repo.apply_retention(days=20, per_feed=0) > 0
        assert _kept(repo) == _truth(repo)
        repo.remove_feed(feeds[2])
        assert _kept(repo) == _truth(repo) and feeds[2] not in _kept(repo)
        left = repo._conn().execute("SELECT feed_id FROM feed_counts").fetchall()
        assert feeds[2] not in {r[0] for r in left}  # the feed's row went with it
        # A feed without articles counts zero, by feeds() and feed() alike.
        empty = repo.add_feed("http://127.0.0.1:9/empty.xml").id
        assert _kept(repo)[empty] == (0, 0)
        assert _one(repo, empty) == (0, 0)
    finally:
        repo.close()


def test_the_step_counts_the_articles_already_stored(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    conn = db.connect(path)
    assert db.migrate(conn, target=SCHEMA_VERSION - 1) == SCHEMA_VERSION - 1
    with db.transaction(conn):
        conn.execute("INSERT INTO feeds (id, url) VALUES (1, 'http://127.0.0.1:9/a.xml')")
        conn.execute("INSERT INTO feeds (id, url) VALUES (2, 'http://127.0.0.1:9/b.xml')")
        conn.executemany(
            "INSERT INTO articles (feed_id, guid, title, read, fetched_at, sort_key)"
            " VALUES (?, ?, 't', ?, 1700000000, 1700000000)",
            [(1, "a1", 1), (1, "a2", 0), (1, "a3", 0), (2, "b1", 1)],
        )
    conn.close()
    repo = Repository(path)
    try:
        assert db.user_version(repo._conn()) == SCHEMA_VERSION
        assert _kept(repo) == {1: (3, 2), 2: (1, 0)} == _truth(repo)
    finally:
        repo.close()

"""The sync tables (schema v4): every path that marks a synced article queues the change in
the same transaction; the server's state is applied without being queued back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.core.models import ArticleScope, ParsedArticle
from tui.store import db
from tui.store.repository import Repository
from tui.store.sync import QueuedChange, StateChanges, SyncStore


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Repository, SyncStore, int, list[int]]]:
    """A repository with one feed of four articles; the first three are server items 11-13."""
    repo = Repository(tmp_path / "n.db")
    store = SyncStore(repo.path)
    feed = repo.add_feed("https://news.test/feed.xml")
    ids = repo.store_articles(
        feed.id, [ParsedArticle(guid=f"g{i}", title=f"T{i}") for i in range(4)]
    )
    account = store.account("fever", "https://rss.test/fever/", "me")
    store.record_items(account, {11: ids[0], 12: ids[1], 13: ids[2]}, {})
    yield repo, store, account, ids
    store.close()
    repo.close()


def test_every_way_of_marking_queues_synced_articles(
    stores: tuple[Repository, SyncStore, int, list[int]],
) -> None:
    repo, store, account, ids = stores
    repo.set_read([ids[0], ids[3]])  # ids[3] is a local article: nothing to send
    repo.set_starred(ids[1], True)
    repo.mark_scope_read(ArticleScope())
    queued = store.queued(account)
    assert {(c.remote_id, c.field, c.value) for c in queued} == {
        (11, "read", True),
        (12, "starred", True),
        (12, "read", True),
        (13, "read", True),
    }
    # Marking again to the same state queues nothing new; changing it back replaces the row.
    repo.set_read([ids[0]])
    assert store.queued_count(account) == 4
    repo.set_read([ids[0]], read=False)
    assert [(c.remote_id, c.value) for c in store.queued(account) if c.field == "read"][-1] == (
        11,
        False,
    )
    assert store.queued_count(account) == 4


def test_a_change_replaced_while_sending_stays(
    stores: tuple[Repository, SyncStore, int, list[int]],
) -> None:
    repo, store, account, ids = stores
    repo.set_read([ids[0]])
    [sending] = store.queued(account)
    repo.set_read([ids[0]], read=False)  # the user changes it again meanwhile
    store.sent([sending.seq])
    [left] = store.queued(account)
    assert (left.remote_id, left.field, left.value) == (11, "read", False)
    assert left.seq > sending.seq
    store.sent([left.seq])
    assert store.queued(account) == []


def test_the_server_state_is_applied_not_queued_and_queued_changes_win(
    stores: tuple[Repository, SyncStore, int, list[int]],
) -> None:
    repo, store, account, ids = stores
    repo.set_starred(ids[2], True)  # a change here not sent yet
    changes = store.apply_state(account, unread={12}, starred={11})
    # 11 and 13 become read, 11 starred; 13's queued star wins over the server's "unstarred".
    assert changes == StateChanges(read=2, unread=0, starred=1, unstarred=0)
    shown = {a.id: a for a in repo.articles(ids)}
    assert [shown[i].read for i in ids] == [True, False, True, False]
    assert [shown[i].starred for i in ids] == [True, False, True, False]
    assert store.queued(account) == [
        QueuedChange(store.queued(account)[0].seq, 13, "starred", True)
    ]
    assert store.apply_state(account, unread={12}, starred={11}).total == 0


def test_removed_articles_stay_known_and_queued_changes_outlive_them(
    stores: tuple[Repository, SyncStore, int, list[int]],
) -> None:
    repo, store, account, ids = stores
    repo.set_read([ids[0]])
    repo.remove_feed(repo.feeds()[0].id)
    assert store.known(account, [11, 12, 13, 14]) == {11, 12, 13}
    assert [(c.remote_id, c.field) for c in store.queued(account)] == [(11, "read")]


def test_v4_migrates_a_v3_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = db.connect(path)
    db.migrate(conn, target=3)
    conn.execute("INSERT INTO feeds (id, url) VALUES (1, 'https://old.test/feed')")
    conn.close()
    repo = Repository(path)
    try:
        assert [f.url for f in repo.feeds()] == ["https://old.test/feed"]
        with sqlite3.connect(path) as check:
            tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master")}
        assert {"sync_accounts", "sync_items", "sync_queue", "sync_cursors"} <= tables
    finally:
        repo.close()

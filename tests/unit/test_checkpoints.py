"""Checkpoints beside a refresh: the database file itself receives the stored articles while
the refresh goes on, not only the write-ahead log (a real SQLite file in a temporary folder)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tui.core.models import ParsedArticle
from tui.services.checkpoints import Checkpoints
from tui.store.repository import Repository


def _articles_in_database_file(path: Path, copy: Path) -> int:
    """Articles in the database file alone: a copy without its -wal file holds only what was
    checkpointed."""
    shutil.copyfile(path, copy)
    conn = sqlite3.connect(copy)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def _store_feeds(repo: Repository, checkpoints: Checkpoints | None, feeds: int) -> None:
    repo.checkpoint()  # the schema into the file: the copies below can be read
    for n in range(feeds):
        feed = repo.add_feed(f"https://a.test/{n}.xml")
        articles = [ParsedArticle(guid=f"{n}-{i}", title=f"Item {i}") for i in range(3)]
        repo.store_articles(feed.id, articles)
        if checkpoints is not None:
            checkpoints.stored()


def test_stored_feeds_reach_the_database_file(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "n.db")
    try:
        checkpoints = Checkpoints(repo, every=4)
        _store_feeds(repo, checkpoints, 8)
        checkpoints.close()
        # the second checkpoint may have been skipped while the first ran: the first one's 4
        # feeds at least are in the file
        assert _articles_in_database_file(tmp_path / "n.db", tmp_path / "copy.db") >= 12
    finally:
        repo.close()


def test_without_checkpoints_they_stay_in_the_log(tmp_path: Path) -> None:
    """The control: the same small writes stay in the log (SQLite checkpoints at 1,000 pages),
    so the test above sees the checkpoints' work, not SQLite's own."""
    repo = Repository(tmp_path / "n.db")
    try:
        _store_feeds(repo, None, 8)
        assert _articles_in_database_file(tmp_path / "n.db", tmp_path / "copy.db") == 0
    finally:
        repo.close()


def test_fewer_stores_than_the_period_start_no_thread(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "n.db")
    try:
        checkpoints = Checkpoints(repo, every=4)
        _store_feeds(repo, checkpoints, 3)
        checkpoints.close()
        assert _articles_in_database_file(tmp_path / "n.db", tmp_path / "copy.db") == 0
        assert repo.open_connections() == 1  # no checkpoint thread opened one
    finally:
        repo.close()

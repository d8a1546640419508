"""Checkpoints beside a refresh: the database file itself receives the stored articles while
the refresh goes on, not only the write-ahead log (a real SQLite file in a temporary folder)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.core.models import ParsedArticle
from tui.services.checkpoints import Checkpoints
from tui.store.repository import Repository


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repo = Repository(tmp_path / "n.db")
    repo.checkpoint()  # the schema into the file, so that copies of it can be read
    yield repo
    repo.close()


def _articles_in_database_file(repo: Repository, tmp_path: Path) -> int:
    """Articles in the database file alone: a copy without its -wal file holds only what was
    checkpointed."""
    copy = tmp_path / "copy.db"
    shutil.copyfile(repo.path, copy)
    conn = sqlite3.connect(copy)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def _store_feeds(repo: Repository, checkpoints: Checkpoints | None, feeds: int) -> None:
    for n in range(feeds):
        feed = repo.add_feed(f"https://a.test/{n}.xml")
        articles = [ParsedArticle(guid=f"{n}-{i}", title=f"Item {i}") for i in range(3)]
        repo.store_articles(feed.id, articles)
        if checkpoints is not None:
            checkpoints.stored()


def test_stored_feeds_reach_the_database_file(repo: Repository, tmp_path: Path) -> None:
    checkpoints = Checkpoints(repo, every=4)
    _store_feeds(repo, checkpoints, 8)
    checkpoints.close()
    # the second checkpoint may have been skipped while the first ran: the first one's 4 feeds
    # at least are in the file
    assert _articles_in_database_file(repo, tmp_path) >= 12


def test_without_checkpoints_they_stay_in_the_log(repo: Repository, tmp_path: Path) -> None:
    """The control: the same small writes stay in the log (SQLite checkpoints at 1,000 pages),
    so the test above sees the checkpoints' work, not SQLite's own."""
    _store_feeds(repo, None, 8)
    assert _articles_in_database_file(repo, tmp_path) == 0


def test_fewer_stores_than_the_period_start_no_thread(repo: Repository, tmp_path: Path) -> None:
    checkpoints = Checkpoints(repo, every=4)
    _store_feeds(repo, checkpoints, 3)
    checkpoints.close()
    assert _articles_in_database_file(repo, tmp_path) == 0
    assert repo.open_connections() == 1  # no checkpoint thread opened one

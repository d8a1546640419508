"""Schema migrations on PRAGMA user_version: forward only, data kept, one transaction per step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui.core.models import ArticleScope
from tui.store import db
from tui.store.errors import SchemaTooNewError
from tui.store.repository import Repository
from tui.store.schema import SCHEMA_VERSION


def _v1_database(path: Path) -> None:
    """A database as the first release left it, with a feed, articles and reading state."""
    conn = db.connect(path)
    assert db.migrate(conn, target=1) == 1
    with db.transaction(conn):
        conn.execute(
            "INSERT INTO feeds (id, url, title, folder, etag) VALUES"
            " (1, 'https://old.test/feed', 'Old feed', 'World', '\"abc\"')"
        )
        conn.executemany(
            "INSERT INTO articles (id, feed_id, guid, title, summary_html, content_html, full_text,"
            " read, starred, published, fetched_at, sort_key)"
            " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 1700000000, ?)",
            [
                (
                    1,
                    "g1",
                    "Tariff letter",
                    "<p>Laos <b>forty</b> percent</p>",
                    "",
                    None,
                    1,
                    1,
                    10,
                    10,
                ),
                (2, "g2", "Rain", "", "<div>Kuala Lumpur rain</div>", None, 0, 0, 20, 20),
                (
                    3,
                    "g3",
                    "Long read",
                    "<p>short</p>",
                    "",
                    "Full text about Zanzibar",
                    0,
                    0,
                    None,
                    5,
                ),
            ],
        )
        conn.execute("INSERT INTO state (key, value) VALUES ('last_refresh', '123')")
    conn.close()


def test_v1_data_survives_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v1_database(path)
    repo = Repository(path)
    assert db.user_version(repo._conn()) == SCHEMA_VERSION
    feed = repo.feed(1)
    assert feed is not None
    assert (feed.url, feed.title, feed.folder) == ("https://old.test/feed", "Old feed", "World")
    # The enclosures step drops the validators: the next refresh gets the feed whole.
    assert feed.etag is None
    assert (feed.total, feed.unread) == (3, 2)
    assert repo.article_ids(ArticleScope()) == [2, 1, 3]
    first = repo.article(1)
    assert first is not None and first.read and first.starred and first.title == "Tariff letter"
    assert repo.get_state("last_refresh") == "123"
    # v2 built the search index from the v1 rows: summary, content and full text.
    assert [s.id for s in repo.search("forty")] == [1]
    assert [s.id for s in repo.search("kuala")] == [2]
    assert [s.id for s in repo.search("zanzibar")] == [3]
    assert [s.id for s in repo.search("short")] == []  # full text wins over the summary
    # And the new tables work on the migrated file.
    repo.set_read([2], read=False)
    assert repo.apply_retention(1, 0) == 1  # article 3 (read, old, not starred) goes
    repo.close()


def test_reopening_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    Repository(path).close()
    conn = db.connect(path)
    assert db.migrate(conn) == SCHEMA_VERSION
    conn.close()


def test_a_failed_step_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.db"
    _v1_database(path)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(db, "MIGRATIONS", (db.MIGRATIONS[0], broken))
    conn = db.connect(path)
    with pytest.raises(RuntimeError):
        db.migrate(conn)
    assert db.user_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    conn.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        Repository(path)


def test_v3_fills_the_entity_table_and_drops_feed_text_extractions_of_full_texts(
    tmp_path: Path,
) -> None:
    """v2 files hold extractions as JSON only; v3 indexes their entities for the pivot, and
    drops the extraction kept for an article whose full text was fetched (of a text no longer
    shown)."""
    import json

    path = tmp_path / "old.db"
    _v1_database(path)
    conn = db.connect(path)
    assert db.migrate(conn, target=2) == 2

    def payload(entities: list[tuple[str, str]], tariffs: list[str]) -> str:
        rows = [
            {"country": c, "iso": "LA", "rate_pct": 40.0, "rate_max_pct": None}
            | {"status": "threatened", "effective": None, "evidence": c, "evidence_span": [0, 1]}
            for c in tariffs
        ]
        ents = [{"name": n, "label": label, "mentions": [[0, 1]]} for label, n in entities]
        return json.dumps({"text": "x", "entities": ents, "tariffs": rows})

    with db.transaction(conn):
        conn.executemany(
            "INSERT INTO extractions (article_id, version, payload, created_at)"
            " VALUES (?, ?, ?, 0)",
            [
                (1, "e1-t1", payload([("GPE", "Laos"), ("PERSON", "Ana Silva")], ["Laos"])),
                (2, "e1-t1+tariffs-only", payload([], [])),
                (3, "e1-t1", payload([("GPE", "Zanzibar")], ["Laos"])),  # has a full text
            ],
        )
        conn.executemany(
            "INSERT INTO tariff_rows (article_id, version, country, iso, rate_pct, status,"
            " evidence) VALUES (?, 'e1-t1', 'Laos', 'LA', 40, 'threatened', 'Laos')",
            [(1,), (3,)],
        )
    conn.close()
    repo = Repository(path)
    try:
        assert db.user_version(repo._conn()) == SCHEMA_VERSION
        assert repo.articles_with_entity("GPE", "Laos") == {1}
        assert repo.articles_with_entity("PERSON", "Ana Silva") == {1}
        assert repo.articles_with_entity("GPE", "Zanzibar") == set()
        assert repo.extraction_versions([1, 2, 3]) == {1: "e1-t1", 2: "e1-t1+tariffs-only"}
        assert [t.article_id for t in repo.tariff_history()] == [1]
        assert repo.entity_extracted([1, 2, 3]) == {1}
    finally:
        repo.close()

"""The schema as forward-only migrations keyed on ``PRAGMA user_version``.

Each step runs in its own ``BEGIN IMMEDIATE`` transaction (see :func:`tui.store.db.migrate`), so a
crash between steps leaves a database at a known version. Never edit a released step: add one.

Times are stored as integer Unix seconds (UTC). ``articles.sort_key`` is the list order: the
published time, clamped to the fetch time so a feed that dates items in the future cannot pin
them to the top; the fetch time when the feed gave no date.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from tui.store.text import index_form, plain_text

Migration = Callable[[sqlite3.Connection], None]

_V1 = (
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        site_url TEXT NOT NULL DEFAULT '',
        folder TEXT NOT NULL DEFAULT '',
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        last_error TEXT,
        last_fetched INTEGER,
        disabled INTEGER NOT NULL DEFAULT 0,
        retry_after INTEGER
    )
    """,
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        link TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        published INTEGER,
        summary_html TEXT NOT NULL DEFAULT '',
        content_html TEXT NOT NULL DEFAULT '',
        full_text TEXT,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        fetched_at INTEGER NOT NULL,
        sort_key INTEGER NOT NULL,
        UNIQUE (feed_id, guid)
    )
    """,
    "CREATE INDEX articles_by_feed ON articles (feed_id, sort_key DESC, id DESC)",
    "CREATE INDEX articles_by_time ON articles (sort_key DESC, id DESC)",
    "CREATE INDEX articles_unread ON articles (sort_key DESC, id DESC) WHERE read = 0",
    "CREATE INDEX articles_feed_unread ON articles (feed_id, sort_key DESC, id DESC)"
    " WHERE read = 0",
    "CREATE INDEX articles_starred ON articles (sort_key DESC, id DESC) WHERE starred = 1",
    "CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
)

_V2 = (
    # Set when the user marks an article unread again: retention keeps those, like starred ones.
    "ALTER TABLE articles ADD COLUMN kept_unread INTEGER NOT NULL DEFAULT 0",
    """
    CREATE TABLE extractions (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE tariff_rows (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        country TEXT NOT NULL,
        iso TEXT NOT NULL,
        rate_pct REAL NOT NULL,
        rate_max_pct REAL,
        status TEXT NOT NULL,
        effective TEXT,
        evidence TEXT NOT NULL,
        span_start INTEGER NOT NULL DEFAULT 0,
        span_end INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX tariff_rows_by_article ON tariff_rows (article_id)",
    "CREATE INDEX tariff_rows_by_country ON tariff_rows (country COLLATE NOCASE)",
    # Guids removed by retention: a feed that still carries them must not bring them back.
    """
    CREATE TABLE article_tombstones (
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        deleted_at INTEGER NOT NULL,
        PRIMARY KEY (feed_id, guid)
    ) WITHOUT ROWID
    """,
    # A plain FTS5 table (rowid = articles.id): the indexed text is derived from HTML in Python,
    # so an external-content table could not be kept in sync by SQL triggers alone.
    """
    CREATE VIRTUAL TABLE article_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM article_fts WHERE rowid = old.id;
    END
    """,
)


_V3 = (
    # The entities of each extracted article, for the entity pivot ("articles naming Mexico"):
    # one index probe finds them, where the JSON payloads would have to be read whole.
    """
    CREATE TABLE article_entities (
        label TEXT NOT NULL,
        name TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (label, name, article_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_entities_by_article ON article_entities (article_id)",
)

_V7 = (
    # The files items carry (podcast episodes, videos), in the order the feed lists them.
    """
    CREATE TABLE enclosures (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        media_type TEXT NOT NULL DEFAULT '',
        length INTEGER,
        duration INTEGER,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID
    """,
    # Enclosures queued for download (one row per URL). A row outlives its article: the file
    # is the user's. state: queued | running | done | failed | cancelled; directory is the
    # download_dir in force when it was queued, so a changed setting never strands a partial
    # file; etag / last_modified validate a resume (If-Range).
    """
    CREATE TABLE downloads (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        title TEXT NOT NULL DEFAULT '',
        media_type TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'queued',
        directory TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL DEFAULT '',
        total INTEGER,
        received INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        etag TEXT NOT NULL DEFAULT '',
        last_modified TEXT NOT NULL DEFAULT '',
        approved_host TEXT NOT NULL DEFAULT '',
        queued_at INTEGER NOT NULL,
        finished_at INTEGER
    )
    """,
    "CREATE INDEX downloads_by_article ON downloads (article_id)",
)

# Stored for an article only checked for tariff rows (no entities): see
# tui.store.repository.tariff_scan_version.
TARIFF_SCAN_SUFFIX = "+tariffs-only"


def index_text(full_text: str | None, content_html: str, summary_html: str) -> str:
    """The body text searched for an article: full text when fetched, else its feed HTML."""
    return index_form(full_text or plain_text(content_html or summary_html))


def _run(conn: sqlite3.Connection, statements: tuple[str, ...]) -> None:
    # Not executescript(): it commits first, and each step must be a single transaction.
    for statement in statements:
        conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _run(conn, _V1)


def _v2(conn: sqlite3.Connection) -> None:
    _run(conn, _V2)
    rows = conn.execute(
        "SELECT id, title, full_text, content_html, summary_html FROM articles"
    ).fetchall()
    conn.executemany(
        "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)",
        ((r[0], index_form(r[1]), index_text(r[2], r[3], r[4])) for r in rows),
    )


def _v3(conn: sqlite3.Connection) -> None:
    """The entity table, filled from the stored extractions. Extractions of articles that have
    a full text are dropped: before v3 a fetched full text kept the feed text's extraction, and
    the reader extracts the text it shows (they are made again when next needed)."""
    _run(conn, _V3)
    stale = "SELECT id FROM articles WHERE coalesce(full_text, '') <> ''"
    conn.execute(f"DELETE FROM tariff_rows WHERE article_id IN ({stale})")
    conn.execute(f"DELETE FROM extractions WHERE article_id IN ({stale})")
    rows = conn.execute(
        "SELECT article_id, payload FROM extractions WHERE version NOT LIKE ?",
        (f"%{TARIFF_SCAN_SUFFIX}",),
    )
    entities: set[tuple[str, str, int]] = set()
    for article_id, payload in rows:
        try:
            found = json.loads(payload)["entities"]
            entities.update((str(e["label"]), str(e["name"]), int(article_id)) for e in found)
        except (ValueError, KeyError, TypeError):
            continue  # a damaged payload is re-extracted when its article is next opened
    conn.executemany(
        "INSERT OR IGNORE INTO article_entities (label, name, article_id) VALUES (?, ?, ?)",
        sorted(entities),
    )


def _v7(conn: sqlite3.Connection) -> None:
    """Enclosures and downloads. The feeds' validators are dropped, so the next refresh gets
    every feed whole (no 304) and stores the enclosures of the articles still in it; those
    no longer in their feed stay without. (Self-contained: numbered 7 by the plan of the
    branches merged beside it; on this branch it is the fourth step.)"""
    _run(conn, _V7)
    conn.execute("UPDATE feeds SET etag = NULL, last_modified = NULL")


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2, _v3, _v7)
SCHEMA_VERSION = len(MIGRATIONS)

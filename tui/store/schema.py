"""The schema as forward-only migrations keyed on ``PRAGMA user_version``.

Each step runs in its own ``BEGIN IMMEDIATE`` transaction (see :func:`tui.store.db.migrate`), so a
crash between steps leaves a database at a known version. Never edit a released step: add one.

Times are stored as integer Unix seconds (UTC). ``articles.sort_key`` is the list order: the
published time, clamped to the fetch time so a feed that dates items in the future cannot pin
them to the top; the fetch time when the feed gave no date.
"""

from __future__ import annotations

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


MIGRATIONS: tuple[Migration, ...] = (_v1, _v2)
SCHEMA_VERSION = len(MIGRATIONS)

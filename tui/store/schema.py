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

_V4 = (
    # Sync with an aggregator server (DESIGN section 13; tui.store.sync). An account is one
    # (service, url, user): the ids below are that server's, and mean nothing elsewhere.
    """
    CREATE TABLE sync_accounts (
        id INTEGER PRIMARY KEY,
        service TEXT NOT NULL,
        url TEXT NOT NULL,
        user TEXT NOT NULL,
        UNIQUE (service, url, user)
    )
    """,
    """
    CREATE TABLE sync_feeds (
        account_id INTEGER NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
        remote_id INTEGER NOT NULL,
        feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        PRIMARY KEY (account_id, remote_id),
        UNIQUE (account_id, feed_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX sync_feeds_by_feed ON sync_feeds (feed_id)",
    # Every item id the server gave, kept when its article goes (retention, a deleted feed:
    # article_id becomes NULL), so an item once seen is never asked for again.
    """
    CREATE TABLE sync_items (
        account_id INTEGER NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
        remote_id INTEGER NOT NULL,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        PRIMARY KEY (account_id, remote_id)
    )
    """,
    "CREATE UNIQUE INDEX sync_items_by_article ON sync_items (article_id)"
    " WHERE article_id IS NOT NULL",
    # Read/starred changes still to send: one row per (item, field), holding the latest wish,
    # so a change made five times is sent once; seq (never reused) tells a row replaced while
    # it was being sent from the one that was sent.
    """
    CREATE TABLE sync_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id INTEGER NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
        remote_id INTEGER NOT NULL,
        field TEXT NOT NULL CHECK (field IN ('read', 'starred')),
        value INTEGER NOT NULL,
        UNIQUE (account_id, remote_id, field)
    )
    """,
    """
    CREATE TABLE sync_cursors (
        account_id INTEGER NOT NULL REFERENCES sync_accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (account_id, name)
    ) WITHOUT ROWID
    """,
    # Holds a row only inside the transaction that applies the server's read/starred state, so
    # the triggers below do not queue what came from the server (no other writer can see it:
    # writes are serialised by BEGIN IMMEDIATE, and the row is gone before the commit).
    "CREATE TABLE sync_applying (account_id INTEGER NOT NULL)",
    # Every path that changes read or starred (the app, the CLI, mark-all-read, any later
    # code) queues the change of a synced article in the same transaction: none is missed,
    # and a crash can never keep the change and lose its queue row.
    """
    CREATE TRIGGER sync_queue_read AFTER UPDATE OF read ON articles
    WHEN old.read <> new.read AND NOT EXISTS (SELECT 1 FROM sync_applying)
    BEGIN
        INSERT OR REPLACE INTO sync_queue (account_id, remote_id, field, value)
        SELECT account_id, remote_id, 'read', new.read FROM sync_items WHERE article_id = new.id;
    END
    """,
    """
    CREATE TRIGGER sync_queue_starred AFTER UPDATE OF starred ON articles
    WHEN old.starred <> new.starred AND NOT EXISTS (SELECT 1 FROM sync_applying)
    BEGIN
        INSERT OR REPLACE INTO sync_queue (account_id, remote_id, field, value)
        SELECT account_id, remote_id, 'starred', new.starred
        FROM sync_items WHERE article_id = new.id;
    END
    """,
)

_ENCLOSURES = (
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

_WATCHES = (
    # What the reader watches (DESIGN section 11): tariff countries by canonical name, entities
    # by label and canonical name. Saved searches are watched through their own flag.
    """
    CREATE TABLE watches (
        kind TEXT NOT NULL CHECK (kind IN ('country', 'entity')),
        label TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (kind, label, name)
    ) WITHOUT ROWID
    """,
    # A saved search keeps what the user typed and its FTS5 expression (tui.store.fts), which
    # the article list of the virtual feed matches against.
    """
    CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        query TEXT NOT NULL,
        expression TEXT NOT NULL,
        watched INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    )
    """,
    # One row per (watch, article) a refresh found: the key makes each change alert once.
    # shown: the app has shown it; notified: a terminal notification or notify_command told it.
    """
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        watch_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        message TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        shown INTEGER NOT NULL DEFAULT 0,
        notified INTEGER NOT NULL DEFAULT 0,
        UNIQUE (watch_key, article_id)
    )
    """,
    # Deleting articles (retention, a deleted feed) looks their alerts up by article.
    "CREATE INDEX alerts_by_article ON alerts (article_id)",
)

_TARIFF_REPORTS = (
    # Each tariff row carries its report's place in report order (the article's sort_key) and
    # date, so an index finds a country's newest report, which decides its latest rate
    # (tui.core.tariff_latest), and another holds its timeline, without reading its other rows
    # nor their articles: the tracker opens on one probe per country however many reports the
    # cache holds. A trigger fills them on every insert (every path: extraction, tariff checks,
    # any later one) and another follows the article should they ever change; deleting an
    # article deletes its rows (the foreign key).
    "ALTER TABLE tariff_rows ADD COLUMN at INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tariff_rows ADD COLUMN published INTEGER",
    """
    UPDATE tariff_rows SET
        at = coalesce((SELECT sort_key FROM articles WHERE id = tariff_rows.article_id), 0),
        published = (SELECT published FROM articles WHERE id = tariff_rows.article_id)
    """,
    """
    CREATE TRIGGER tariff_rows_at AFTER INSERT ON tariff_rows BEGIN
        UPDATE tariff_rows SET
            at = coalesce((SELECT sort_key FROM articles WHERE id = new.article_id), 0),
            published = (SELECT published FROM articles WHERE id = new.article_id)
        WHERE id = new.id;
    END
    """,
    """
    CREATE TRIGGER tariff_rows_follow_article AFTER UPDATE OF sort_key, published ON articles
    WHEN old.sort_key <> new.sort_key OR old.published IS NOT new.published BEGIN
        UPDATE tariff_rows SET at = new.sort_key, published = new.published
        WHERE article_id = new.id;
    END
    """,
    # A country's timeline: its rows' dates and values, read from the index alone.
    "CREATE INDEX tariff_rows_timeline ON tariff_rows"
    " (country, published, rate_pct, rate_max_pct, status, effective, article_id)",
    # A country's reports in report order (rowid, the text order, last): its history, newest
    # first, its count, and its newest report of any status.
    "CREATE INDEX tariff_rows_by_report ON tariff_rows (country, at, article_id)",
    # Its newest report stating a live rate (a superseded one, status 'other', never decides
    # while there is one).
    "CREATE INDEX tariff_rows_live ON tariff_rows (country, at, article_id)"
    " WHERE status <> 'other'",
    # How many rows each country has, kept by triggers on every insert and delete (a deleted
    # article's rows go by its foreign key, which fires them too): counting them at each
    # opening read the whole index, 168,000 entries at 50,000 articles.
    """
    CREATE TABLE tariff_countries (
        country TEXT PRIMARY KEY,
        reports INTEGER NOT NULL
    ) WITHOUT ROWID
    """,
    """
    CREATE TRIGGER tariff_countries_insert AFTER INSERT ON tariff_rows BEGIN
        INSERT INTO tariff_countries (country, reports) VALUES (new.country, 1)
        ON CONFLICT (country) DO UPDATE SET reports = reports + 1;
    END
    """,
    """
    CREATE TRIGGER tariff_countries_delete AFTER DELETE ON tariff_rows BEGIN
        UPDATE tariff_countries SET reports = reports - 1 WHERE country = old.country;
        DELETE FROM tariff_countries WHERE country = old.country AND reports <= 0;
    END
    """,
    """
    CREATE TRIGGER tariff_countries_update AFTER UPDATE OF country ON tariff_rows
    WHEN old.country <> new.country BEGIN
        UPDATE tariff_countries SET reports = reports - 1 WHERE country = old.country;
        DELETE FROM tariff_countries WHERE country = old.country AND reports <= 0;
        INSERT INTO tariff_countries (country, reports) VALUES (new.country, 1)
        ON CONFLICT (country) DO UPDATE SET reports = reports + 1;
    END
    """,
    "INSERT INTO tariff_countries (country, reports)"
    " SELECT country, count(*) FROM tariff_rows GROUP BY country",
)

# Stored for an article only checked for tariff rows (no entities): see
# tui.store.repository.tariff_scan_version.
TARIFF_SCAN_SUFFIX = "+tariffs-only"


def index_text(full_text: str | None, content_html: str, summary_html: str) -> str:
    """The body text searched for an article: full text when fetched, else its feed HTML."""
    return index_form(full_text or plain_text(content_html or summary_html))


_FEED_COUNTS = (
    """
    CREATE TABLE feed_counts (
        feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
        total INTEGER NOT NULL,
        unread INTEGER NOT NULL
    )
    """,
    """
    INSERT INTO feed_counts (feed_id, total, unread)
    SELECT feed_id, count(*), sum(read = 0) FROM articles GROUP BY feed_id
    """,
    """
    CREATE TRIGGER feed_counts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO feed_counts (feed_id, total, unread) VALUES (new.feed_id, 1, new.read = 0)
        ON CONFLICT (feed_id) DO UPDATE SET total = total + 1, unread = unread + excluded.unread;
    END
    """,
    """
    CREATE TRIGGER feed_counts_delete AFTER DELETE ON articles BEGIN
        UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)
        WHERE feed_id = old.feed_id;
    END
    """,
    """
    CREATE TRIGGER feed_counts_update AFTER UPDATE OF read, feed_id ON articles
    WHEN old.read IS NOT new.read OR old.feed_id IS NOT new.feed_id BEGIN
        UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)
        WHERE feed_id = old.feed_id;
        INSERT INTO feed_counts (feed_id, total, unread) VALUES (new.feed_id, 1, new.read = 0)
        ON CONFLICT (feed_id) DO UPDATE SET total = total + 1, unread = unread + excluded.unread;
    END
    """,
)


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


def _stories(conn: sqlite3.Connection) -> None:
    """Stories across feeds (issue 18; v5): each grouped article's features
    and story, the term statistics the grouping used. Self-contained, so it can be renumbered;
    existing articles are grouped by the next refresh, not here."""
    _run(
        conn,
        (
            # story_id: the smallest article id of the story. at: the article's sort_key.
            """
            CREATE TABLE story_articles (
                article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                story_id INTEGER NOT NULL,
                at INTEGER NOT NULL,
                features TEXT NOT NULL
            )
            """,
            "CREATE INDEX story_articles_by_story ON story_articles (story_id)",
            "CREATE INDEX story_articles_by_time ON story_articles (at)",
            """
            CREATE TABLE story_terms (
                term TEXT PRIMARY KEY,
                docs INTEGER NOT NULL
            ) WITHOUT ROWID
            """,
        ),
    )


def _v4(conn: sqlite3.Connection) -> None:
    _run(conn, _V4)


def _enclosures(conn: sqlite3.Connection) -> None:
    """Enclosures and downloads. The feeds' validators are dropped, so the next refresh gets
    every feed whole (no 304) and stores the enclosures of the articles still in it; those
    no longer in their feed stay without (v6)."""
    _run(conn, _ENCLOSURES)
    conn.execute("UPDATE feeds SET etag = NULL, last_modified = NULL")


def _watches(conn: sqlite3.Connection) -> None:
    """Watches, saved searches and alerts (issue 17; v7)."""
    _run(conn, _WATCHES)


def _tariff_reports(conn: sqlite3.Connection) -> None:
    """Each tariff row's report order and each country's count of rows, kept by triggers, and
    the indexes that find a country's deciding report (issue 17; v8). The rows already stored
    are counted and get theirs here."""
    _run(conn, _TARIFF_REPORTS)


def _feed_counts(conn: sqlite3.Connection) -> None:
    """Each feed's total and unread counts, kept by triggers (issue 20; v9): the feeds pane
    read them with two counts over every article (30-40 ms at 200,000, on the way to the first
    frame and every two seconds of a refresh)."""
    _run(conn, _FEED_COUNTS)


MIGRATIONS: tuple[Migration, ...] = (
    _v1,
    _v2,
    _v3,
    _v4,
    _stories,
    _enclosures,
    _watches,
    _tariff_reports,
    _feed_counts,
)
SCHEMA_VERSION = len(MIGRATIONS)

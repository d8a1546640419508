"""Database rows to the models and back, read by column name (``sqlite3.Row``); only the
tracker's rows, read by the thousand, are read by position (:func:`tracked_rows`).

Also the small tools every part of the repository uses: times as integer Unix seconds, id lists
cut into chunks that fit one ``IN (...)``, and the scope of an article list as a WHERE clause.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar, cast

from tui.core.limits import in_range
from tui.core.models import (
    Article,
    ArticleScope,
    ArticleSummary,
    Feed,
    ScopeKind,
    TariffRow,
    TariffStatus,
    TrackedTariff,
)
from tui.core.urls import shown_url

_T = TypeVar("_T")
CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit

# An untitled feed is called by its address: read through shown_url (a password hidden).
FEED_TITLE = "CASE WHEN f.title <> '' THEN f.title ELSE f.url END"
FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.folder, f.etag, f.last_modified, f.last_status,"
    " f.last_error, f.last_fetched, f.disabled"
)
SUMMARY_COLUMNS = "a.id, a.feed_id, a.title, a.published, a.read, a.starred"
# A summary row: SUMMARY_COLUMNS and the feed's display title.
SUMMARY_SELECT = f"{SUMMARY_COLUMNS}, {FEED_TITLE} AS feed_title"
ARTICLE_SELECT = (
    "SELECT a.id, a.feed_id, a.guid, a.link, a.title, a.author, a.published, a.summary_html,"
    f" a.content_html, a.full_text, a.read, a.starred, a.fetched_at, {FEED_TITLE} AS feed_title"
    " FROM articles a JOIN feeds f ON f.id = a.feed_id"
)
TARIFF_COLUMNS = (
    "t.country, t.iso, t.rate_pct, t.rate_max_pct, t.status, t.effective, t.evidence,"
    " t.span_start, t.span_end"
)


SAVED_SEARCH_MATCHES = (
    "SELECT m.rowid FROM saved_searches s, article_fts m"
    " WHERE s.id = ? AND m.article_fts MATCH s.expression"
)
"""The ids of the articles a saved search finds (its id the one parameter)."""


def in_saved_search(alias: str = "a") -> str:
    """A WHERE clause: the article ``alias`` is one the saved search (the one parameter) finds.

    "+": the matches are a set to test, not rowids to look up one by one: a common word
    matches most articles, and walking a date or unread index past the set costs a fifth of
    50,000 probes into the table.
    """
    return f"+{alias}.id IN ({SAVED_SEARCH_MATCHES})"


def named(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
    """``sql`` run on ``conn`` with rows read by column name (the connection's own queries keep
    plain tuples)."""
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return cursor.execute(sql, params)


def now() -> int:
    return int(time.time())


def to_epoch(value: datetime | None) -> int | None:
    if value is None:
        return None
    if value.tzinfo is None:  # models promise aware datetimes; treat naive ones as UTC
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def from_epoch(value: int | None) -> datetime | None:
    """The stored time, or None for none and for one outside the dates the app handles (a row
    of a version that stored them, or a damaged one)."""
    if value is None:
        return None
    try:
        return in_range(datetime.fromtimestamp(value, UTC))
    except (OverflowError, ValueError, OSError):
        return None


def chunks(ids: Sequence[_T], size: int = CHUNK) -> Iterator[Sequence[_T]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def marks(n: int) -> str:
    return ",".join("?" * n)


def scope_where(scope: ArticleScope, alias: str = "a") -> tuple[str, list[Any]]:
    """The WHERE clause (``1`` for everything) and its parameters for ``scope``."""
    clauses: list[str] = []
    params: list[Any] = []
    if scope.kind is ScopeKind.STARRED:
        clauses.append(f"{alias}.starred = 1")
    elif scope.kind is ScopeKind.FEED:
        clauses.append(f"{alias}.feed_id = ?")
        params.append(scope.feed_id if scope.feed_id is not None else -1)
    elif scope.kind is ScopeKind.FOLDER:
        clauses.append(f"{alias}.feed_id IN (SELECT id FROM feeds WHERE folder = ?)")
        params.append(scope.folder or "")
    elif scope.kind is ScopeKind.SEARCH:
        clauses.append(in_saved_search(alias))
        params.append(scope.search_id if scope.search_id is not None else -1)
    if scope.unread_only:
        clauses.append(f"{alias}.read = 0")
    return (" AND ".join(clauses) or "1"), params


def feed_from_row(row: sqlite3.Row, unread: int = 0, total: int = 0) -> Feed:
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        site_url=row["site_url"],
        folder=row["folder"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_status=row["last_status"],
        last_error=row["last_error"],
        last_fetched=from_epoch(row["last_fetched"]),
        disabled=bool(row["disabled"]),
        unread=unread,
        total=total,
    )


def summary_from_row(row: sqlite3.Row) -> ArticleSummary:
    """A row of :data:`SUMMARY_SELECT`."""
    return ArticleSummary(
        id=row["id"],
        feed_id=row["feed_id"],
        feed_title=shown_url(row["feed_title"]),
        title=row["title"],
        published=from_epoch(row["published"]),
        read=bool(row["read"]),
        starred=bool(row["starred"]),
    )


def article_from_row(row: sqlite3.Row) -> Article:
    """A row of :data:`ARTICLE_SELECT`."""
    fetched = from_epoch(row["fetched_at"])
    assert fetched is not None
    return Article(
        id=row["id"],
        feed_id=row["feed_id"],
        guid=row["guid"],
        link=row["link"],
        title=row["title"],
        author=row["author"],
        published=from_epoch(row["published"]),
        summary_html=row["summary_html"],
        content_html=row["content_html"],
        full_text=row["full_text"],
        read=bool(row["read"]),
        starred=bool(row["starred"]),
        fetched_at=fetched,
        feed_title=shown_url(row["feed_title"]),
    )


TRACKED_FROM = (
    f"SELECT {TARIFF_COLUMNS}, a.id AS article_id, a.title AS article_title, a.published,"
    f" {FEED_TITLE} AS feed_title FROM tariff_rows t CROSS JOIN articles a ON a.id = t.article_id"
    " CROSS JOIN feeds f ON f.id = a.feed_id"
)
"""A tariff row with its article and feed, read by position by :func:`tracked_rows` (add the
WHERE).

CROSS JOIN keeps the tariff rows the outer loop: left to choose, SQLite walked every article in
date order to skip the sort, and probed each for rows (210 ms for 5,000 rows among 50,000
articles, where reading the rows and sorting them takes a tenth of that)."""
REPORT_ORDER = "ORDER BY a.sort_key, a.id, t.id"
"""Oldest report first, each article's rows in text order."""


def tracked_rows(rows: Iterable[Sequence[Any]]) -> list[TrackedTariff]:
    """Rows of :data:`TRACKED_FROM` read as plain tuples, by position: the tracker reads every
    row of the cache, and rows by name, with their dates parsed anew for each, cost it twice
    the time (the rows of one article share its date, and most rows share a few dates)."""
    dates: dict[str, date] = {}
    published: dict[int, datetime | None] = {}
    found = []
    for r in rows:
        effective = r[5]
        if effective and effective not in dates:
            dates[effective] = date.fromisoformat(effective)
        article_id = r[9]
        if article_id not in published:
            published[article_id] = from_epoch(r[11])
        found.append(
            TrackedTariff(
                row=TariffRow(
                    country=r[0],
                    iso=r[1],
                    rate_pct=r[2],
                    rate_max_pct=r[3],
                    status=cast(TariffStatus, r[4]),
                    effective=dates[effective] if effective else None,
                    evidence=r[6],
                    evidence_span=(r[7], r[8]),
                ),
                article_id=article_id,
                article_title=r[10],
                feed_title=shown_url(r[12]),
                published=published[article_id],
            )
        )
    return found


INSERT_TARIFF_ROW = (
    "INSERT INTO tariff_rows (article_id, version, country, iso, rate_pct, rate_max_pct, status,"
    " effective, evidence, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def tariff_params(article_id: int, version: str, t: TariffRow) -> tuple[Any, ...]:
    """The parameters of :data:`INSERT_TARIFF_ROW` for ``t``."""
    return (
        article_id,
        version,
        t.country,
        t.iso,
        t.rate_pct,
        t.rate_max_pct,
        t.status,
        t.effective.isoformat() if t.effective else None,
        t.evidence,
        t.evidence_span[0],
        t.evidence_span[1],
    )

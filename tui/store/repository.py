"""The one door to the database: feeds, articles, reading state, search, extraction cache.

One SQLite connection per thread, opened lazily (sqlite3 connections must not be shared between
threads). Writes are short ``BEGIN IMMEDIATE`` transactions; reads run in autocommit mode.
List queries walk the ``(sort_key DESC, id DESC)`` indexes, so a page of a 50,000-article list
never loads or sorts the whole table.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, suppress
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

from tui.core.models import (
    Article,
    ArticleScope,
    ArticleSummary,
    Entity,
    Extraction,
    Feed,
    ParsedArticle,
    ScopeKind,
    Subscription,
    TariffRow,
    TariffStatus,
    TrackedTariff,
)
from tui.store import db
from tui.store.errors import DuplicateFeedError
from tui.store.fts import any_of, fts_query
from tui.store.schema import TARIFF_SCAN_SUFFIX, index_text
from tui.store.text import index_body, index_form

_T = TypeVar("_T")
_CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit
_INSERT_ROWS = 90  # rows per multi-row INSERT: 10 columns each, under the old 999 limit
_TOMBSTONE_DAYS = 400  # how long a guid removed by retention is remembered
_MAX_TITLE = 1_000  # characters; a hostile feed's megabyte "title" is cut, not stored whole

_FEED_COLUMNS = (
    "f.id, f.url, f.title, f.site_url, f.folder, f.etag, f.last_modified, f.last_status,"
    " f.last_error, f.last_fetched, f.disabled"
)
_FEED_TITLE = "CASE WHEN f.title <> '' THEN f.title ELSE f.url END"
_SUMMARY_COLUMNS = "a.id, a.feed_id, a.title, a.published, a.read, a.starred"


def _now() -> int:
    return int(time.time())


def _to_epoch(value: datetime | None) -> int | None:
    if value is None:
        return None
    if value.tzinfo is None:  # models promise aware datetimes; treat naive ones as UTC
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def _from_epoch(value: int | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromtimestamp(value, UTC)


def _chunks(ids: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _batches(rows: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _scope_where(scope: ArticleScope, alias: str = "a") -> tuple[str, list[Any]]:
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
    if scope.unread_only:
        clauses.append(f"{alias}.read = 0")
    return (" AND ".join(clauses) or "1"), params


def _feed(row: sqlite3.Row | tuple[Any, ...], unread: int = 0, total: int = 0) -> Feed:
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        site_url=row[3],
        folder=row[4],
        etag=row[5],
        last_modified=row[6],
        last_status=row[7],
        last_error=row[8],
        last_fetched=_from_epoch(row[9]),
        disabled=bool(row[10]),
        unread=unread,
        total=total,
    )


def _summary(row: tuple[Any, ...]) -> ArticleSummary:
    # row: id, feed_id, title, published, read, starred, feed_title
    return ArticleSummary(
        id=row[0],
        feed_id=row[1],
        feed_title=row[6],
        title=row[2],
        published=_from_epoch(row[3]),
        read=bool(row[4]),
        starred=bool(row[5]),
    )


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "label": entity.label,
        "mentions": [list(m) for m in entity.mentions],
    }


def _tariff_json(row: TariffRow) -> dict[str, Any]:
    return {
        "country": row.country,
        "iso": row.iso,
        "rate_pct": row.rate_pct,
        "rate_max_pct": row.rate_max_pct,
        "status": row.status,
        "effective": row.effective.isoformat() if row.effective else None,
        "evidence": row.evidence,
        "evidence_span": list(row.evidence_span),
    }


_INSERT_TARIFF_ROW = (
    "INSERT INTO tariff_rows (article_id, version, country, iso, rate_pct, rate_max_pct, status,"
    " effective, evidence, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _tariff_params(article_id: int, version: str, t: TariffRow) -> tuple[Any, ...]:
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


def _scan_payload(rows: Sequence[TariffRow]) -> str:
    """A tariff check's payload, in the extraction format (no text, no entities)."""
    if not rows:
        return _EMPTY_SCAN
    data = {"text": "", "entities": [], "tariffs": [_tariff_json(t) for t in rows]}
    return json.dumps(data, ensure_ascii=False)


_EMPTY_SCAN = json.dumps({"text": "", "entities": [], "tariffs": []})

_ARTICLE_SELECT = (
    "SELECT a.id, a.feed_id, a.guid, a.link, a.title, a.author, a.published, a.summary_html,"
    f" a.content_html, a.full_text, a.read, a.starred, a.fetched_at, {_FEED_TITLE}"
    " FROM articles a JOIN feeds f ON f.id = a.feed_id"
)


def _article(row: tuple[Any, ...]) -> Article:
    fetched = _from_epoch(row[12])
    assert fetched is not None
    return Article(
        id=row[0],
        feed_id=row[1],
        guid=row[2],
        link=row[3],
        title=row[4],
        author=row[5],
        published=_from_epoch(row[6]),
        summary_html=row[7],
        content_html=row[8],
        full_text=row[9],
        read=bool(row[10]),
        starred=bool(row[11]),
        fetched_at=fetched,
        feed_title=row[13],
    )


def _tariff_from_json(data: dict[str, Any]) -> TariffRow:
    span = data.get("evidence_span") or (0, 0)
    return TariffRow(
        country=data["country"],
        iso=data["iso"],
        rate_pct=float(data["rate_pct"]),
        rate_max_pct=None if data.get("rate_max_pct") is None else float(data["rate_max_pct"]),
        status=cast(TariffStatus, data["status"]),
        effective=date.fromisoformat(data["effective"]) if data.get("effective") else None,
        evidence=data["evidence"],
        evidence_span=(int(span[0]), int(span[1])),
    )


def _has_full_text(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, bool]:
    """Whether each existing article of ``ids`` has a fetched full text."""
    found: dict[int, bool] = {}
    for chunk in _chunks(list(ids)):
        rows = conn.execute(
            "SELECT id, coalesce(full_text, '') <> '' FROM articles"
            f" WHERE id IN ({_marks(len(chunk))})",
            tuple(chunk),
        )
        found.update((int(r[0]), bool(r[1])) for r in rows)
    return found


def tariff_scan_version(version: str) -> str:
    """The version stored for an article only checked for tariff rows by extractor ``version``
    (see :meth:`Repository.save_tariff_scans`)."""
    return f"{version}{TARIFF_SCAN_SUFFIX}"


class Repository:
    """Feeds, articles and their state in one SQLite file; safe to use from many threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        # (owning thread, connection): connections of threads that have ended are closed the
        # next time a thread opens one, so short-lived worker threads do not leak them.
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._closed = False
        try:
            db.migrate(self._conn())
        except BaseException:
            self.close()  # a damaged or unwritable file: leave no connection open on it
            raise

    # -- connections -------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise RuntimeError("the repository is closed")
            conn = db.connect(self.path)
            self._local.conn = conn
            with self._lock:
                dead = [c for t, c in self._connections if not t.is_alive()]
                self._connections = [(t, c) for t, c in self._connections if t.is_alive()]
                self._connections.append((threading.current_thread(), conn))
            for old in dead:
                with suppress(sqlite3.Error):
                    old.close()
        return conn

    def open_connections(self) -> int:
        """How many connections are open (for tests and diagnostics)."""
        with self._lock:
            return len(self._connections)

    def close(self) -> None:
        """Close every thread's connection (call once, when no thread is still using it)."""
        with self._lock:
            connections, self._connections = self._connections, []
            self._closed = True
        for _, conn in connections:
            with suppress(sqlite3.Error):
                conn.close()
        self._local = threading.local()

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return db.transaction(self._conn())

    # -- feeds -------------------------------------------------------------------------------

    def add_feed(self, url: str, title: str = "", folder: str = "", site_url: str = "") -> Feed:
        try:
            with self._write() as conn:
                cur = conn.execute(
                    "INSERT INTO feeds (url, title, folder, site_url) VALUES (?, ?, ?, ?)",
                    (url, title, folder, site_url),
                )
        except sqlite3.IntegrityError as exc:
            raise DuplicateFeedError(url) from exc
        feed = self.feed(int(cast(int, cur.lastrowid)))
        assert feed is not None
        return feed

    def add_subscriptions(self, subs: Iterable[Subscription]) -> int:
        """Subscribe to every URL not yet known (one transaction); returns how many were added."""
        added = 0
        with self._write() as conn:
            for sub in subs:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO feeds (url, title, folder, site_url)"
                    " VALUES (?, ?, ?, ?)",
                    (sub.url, sub.title, sub.folder, sub.site_url),
                )
                added += cur.rowcount
        return added

    def remove_feed(self, feed_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def feeds(self) -> list[Feed]:
        """Every feed with its unread/total counts, ordered by folder then title.

        Two index-only counts (the app's first screen waits for them): totals from
        ``articles_by_feed``, unread from the partial ``articles_feed_unread``. One
        ``sum(read = 0)`` over the table instead reads every article row (80 ms at 50,000).
        """
        conn = self._conn()
        totals = dict(
            conn.execute("SELECT feed_id, count(*) FROM articles GROUP BY feed_id").fetchall()
        )
        unread = dict(
            conn.execute(
                "SELECT feed_id, count(*) FROM articles WHERE read = 0 GROUP BY feed_id"
            ).fetchall()
        )
        rows = conn.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds f"
            f" ORDER BY f.folder COLLATE NOCASE, lower({_FEED_TITLE}), f.id"
        )
        return [
            _feed(row, unread=int(unread.get(row[0], 0)), total=int(totals.get(row[0], 0)))
            for row in rows
        ]

    def feed(self, feed_id: int) -> Feed | None:
        return self._one_feed("f.id = ?", feed_id)

    def feed_by_url(self, url: str) -> Feed | None:
        return self._one_feed("f.url = ?", url)

    def _one_feed(self, where: str, value: object) -> Feed | None:
        row = (
            self._conn()
            .execute(
                f"SELECT {_FEED_COLUMNS},"
                " (SELECT count(*) FROM articles a WHERE a.feed_id = f.id),"
                " (SELECT count(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0)"
                f" FROM feeds f WHERE {where}",
                (value,),
            )
            .fetchone()
        )
        if row is None:
            return None
        return _feed(row, unread=row[12], total=row[11])

    def subscriptions(self) -> list[Subscription]:
        rows = self._conn().execute(
            "SELECT url, title, folder, site_url FROM feeds f"
            f" ORDER BY folder COLLATE NOCASE, lower({_FEED_TITLE}), id"
        )
        return [Subscription(url=r[0], title=r[1], folder=r[2], site_url=r[3]) for r in rows]

    def set_folder(self, feed_id: int, folder: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE feeds SET folder = ? WHERE id = ?", (folder, feed_id))

    def set_feed_title(self, feed_id: int, title: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE feeds SET title = ? WHERE id = ?", (title, feed_id))

    def record_fetch(
        self,
        feed_id: int,
        *,
        status: int | None,
        error: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
        new_url: str | None = None,
        disabled: bool | None = None,
        title: str | None = None,
        site_url: str | None = None,
        retry_after: datetime | None = None,
    ) -> None:
        """Record the outcome of one fetch.

        ``status`` and ``error`` are always written (``error=None`` clears an old error). For the
        other fields None means "leave as is"; an empty ``etag``/``last_modified`` clears it.
        ``retry_after`` (extra to the contract) is when the feed may be fetched again after a
        429/503; any fetch that is not told to wait clears it. A ``new_url`` that another feed
        already uses is not applied (the two feeds stay apart).
        """
        sets = ["last_status = ?", "last_error = ?", "last_fetched = ?", "retry_after = ?"]
        params: list[Any] = [status, error, _now(), _to_epoch(retry_after)]
        for column, value in (("etag", etag), ("last_modified", last_modified)):
            if value is not None:
                sets.append(f"{column} = ?")
                params.append(value or None)
        for column, text in (("title", title), ("site_url", site_url)):
            if text is not None:
                sets.append(f"{column} = ?")
                params.append(text)
        if disabled is not None:
            sets.append("disabled = ?")
            params.append(int(disabled))
        with self._write() as conn:
            conn.execute(f"UPDATE feeds SET {', '.join(sets)} WHERE id = ?", (*params, feed_id))
            if new_url:
                taken = conn.execute(
                    "SELECT 1 FROM feeds WHERE url = ? AND id <> ?", (new_url, feed_id)
                ).fetchone()
                if taken is None:
                    conn.execute("UPDATE feeds SET url = ? WHERE id = ?", (new_url, feed_id))

    def set_disabled(self, feed_id: int, disabled: bool) -> None:
        with self._write() as conn:
            conn.execute("UPDATE feeds SET disabled = ? WHERE id = ?", (int(disabled), feed_id))

    def retry_after(self, feed_id: int) -> datetime | None:
        """When a feed that answered 429/503 may be fetched again (None: any time)."""
        row = self._conn().execute("SELECT retry_after FROM feeds WHERE id = ?", (feed_id,))
        found = row.fetchone()
        return _from_epoch(found[0]) if found else None

    # -- storing articles ----------------------------------------------------------------------

    def store_articles(
        self,
        feed_id: int,
        articles: Sequence[ParsedArticle],
        *,
        index_bodies: Sequence[str] | None = None,
    ) -> list[int]:
        """Insert new articles of one feed in one transaction; returns the new ids in feed order.

        Known guids are updated in place when their title, link, author or HTML changed (read and
        star state untouched, not counted as new); guids removed by retention stay removed.
        ``index_bodies`` (extra to the contract): ``index_body(article)`` of each article, in
        the same order, when the caller computed them already (in a parse worker); else they
        are computed here.
        """
        if index_bodies is not None and len(index_bodies) != len(articles):
            raise ValueError("index_bodies must match articles one to one")
        with self._write() as conn:
            return self._store(conn, feed_id, articles, index_bodies)

    def _store(
        self,
        conn: sqlite3.Connection,
        feed_id: int,
        articles: Sequence[ParsedArticle],
        index_bodies: Sequence[str] | None = None,
    ) -> list[int]:
        latest: dict[str, tuple[ParsedArticle, int]] = {}
        for position, art in enumerate(articles):  # a guid listed twice: the topmost copy wins
            if art.guid and art.guid not in latest:
                if len(art.title) > _MAX_TITLE:
                    art = replace(art, title=art.title[: _MAX_TITLE - 1].rstrip() + "\u2026")
                latest[art.guid] = (art, position)
        guids = list(latest)
        existing: dict[str, tuple[Any, ...]] = {}
        gone: set[str] = set()
        for chunk in _chunks(guids):
            marks = _marks(len(chunk))
            for row in conn.execute(
                "SELECT guid, id, title, link, author, summary_html, content_html, full_text"
                f" FROM articles WHERE feed_id = ? AND guid IN ({marks})",
                (feed_id, *chunk),
            ):
                existing[row[0]] = row[1:]
            gone.update(
                r[0]
                for r in conn.execute(
                    f"SELECT guid FROM article_tombstones WHERE feed_id = ? AND guid IN ({marks})",
                    (feed_id, *chunk),
                )
            )
        now = _now()
        fresh: list[tuple[Any, ...]] = []
        for guid in guids:
            art, position = latest[guid]
            if guid in gone:
                continue
            old = existing.get(guid)
            if old is None:
                published = _to_epoch(art.published)
                sort_key = now if published is None else min(published, now)
                fresh.append(
                    (
                        feed_id,
                        guid,
                        art.link,
                        art.title,
                        art.author,
                        published,
                        art.summary_html,
                        art.content_html,
                        now,
                        sort_key,
                    )
                )
                continue
            article_id, title, link, author, summary, content, full_text = old
            if (title, link, author, summary, content) != (
                art.title,
                art.link,
                art.author,
                art.summary_html,
                art.content_html,
            ):
                conn.execute(
                    "UPDATE articles SET title = ?, link = ?, author = ?, summary_html = ?,"
                    " content_html = ? WHERE id = ?",
                    (
                        art.title,
                        art.link,
                        art.author,
                        art.summary_html,
                        art.content_html,
                        article_id,
                    ),
                )
                self._index(
                    conn, article_id, art.title, full_text, art.content_html, art.summary_html
                )
        if not fresh:
            return []
        # New articles: one multi-row INSERT per chunk (ids come back by guid), then their
        # index rows in one executemany: a few statements per feed instead of two per article.
        ids: dict[str, int] = {}
        for batch in _batches(fresh, _INSERT_ROWS):
            cur = conn.execute(
                "INSERT INTO articles (feed_id, guid, link, title, author, published,"
                " summary_html, content_html, fetched_at, sort_key) VALUES "
                + ",".join(["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"] * len(batch))
                + " RETURNING guid, id",
                [value for row in batch for value in row],
            )
            ids.update((str(r[0]), int(r[1])) for r in cur.fetchall())
        new_ids = [ids[row[1]] for row in fresh]
        index_rows = []
        for row, article_id in zip(fresh, new_ids, strict=True):
            art, position = latest[row[1]]
            body = (
                index_bodies[position]
                if index_bodies is not None
                else index_body(art.content_html, art.summary_html)
            )
            index_rows.append((article_id, index_form(art.title), body))
        conn.executemany(
            "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)", index_rows
        )
        return new_ids

    @staticmethod
    def _index(
        conn: sqlite3.Connection,
        article_id: int,
        title: str,
        full_text: str | None,
        content_html: str,
        summary_html: str,
        fresh: bool = False,
    ) -> None:
        if not fresh:
            conn.execute("DELETE FROM article_fts WHERE rowid = ?", (article_id,))
        conn.execute(
            "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)",
            (article_id, index_form(title), index_text(full_text, content_html, summary_html)),
        )

    # -- reading -------------------------------------------------------------------------------

    def count_articles(self, scope: ArticleScope) -> int:
        where, params = _scope_where(scope)
        row = self._conn().execute(f"SELECT count(*) FROM articles a WHERE {where}", params)
        return int(row.fetchone()[0])

    def article_page(self, scope: ArticleScope, offset: int, limit: int) -> list[ArticleSummary]:
        """One page of the scope's list, newest first."""
        where, params = _scope_where(scope)
        # The LIMIT inside the subquery keeps SQLite from flattening it into the join, so the
        # page is cut from the index before any feed row is looked up.
        rows = self._conn().execute(
            f"SELECT a.id, a.feed_id, a.title, a.published, a.read, a.starred, {_FEED_TITLE}"
            f" FROM (SELECT {_SUMMARY_COLUMNS}, a.sort_key FROM articles a WHERE {where}"
            "  ORDER BY a.sort_key DESC, a.id DESC LIMIT ? OFFSET ?) a"
            " JOIN feeds f ON f.id = a.feed_id ORDER BY a.sort_key DESC, a.id DESC",
            (*params, max(0, limit), max(0, offset)),
        )
        return [_summary(r) for r in rows]

    def article_ids(self, scope: ArticleScope) -> list[int]:
        """Every id in the scope, newest first (read straight from an index)."""
        where, params = _scope_where(scope)
        rows = self._conn().execute(
            f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.sort_key DESC, a.id DESC",
            params,
        )
        return [r[0] for r in rows]

    def summaries(self, ids: Sequence[int]) -> list[ArticleSummary]:
        """Summaries for ``ids``, in the order given (unknown ids are left out)."""
        found: dict[int, ArticleSummary] = {}
        for chunk in _chunks(list(ids)):
            rows = self._conn().execute(
                f"SELECT {_SUMMARY_COLUMNS}, {_FEED_TITLE} FROM articles a"
                f" JOIN feeds f ON f.id = a.feed_id WHERE a.id IN ({_marks(len(chunk))})",
                tuple(chunk),
            )
            found.update((r[0], _summary(r)) for r in rows)
        return [found[i] for i in ids if i in found]

    def article(self, article_id: int) -> Article | None:
        row = self._conn().execute(f"{_ARTICLE_SELECT} WHERE a.id = ?", (article_id,)).fetchone()
        return None if row is None else _article(row)

    def set_read(self, ids: Sequence[int], read: bool = True) -> None:
        """Mark ``ids`` read or unread; marking unread also keeps them from retention."""
        with self._write() as conn:
            for chunk in _chunks(list(ids)):
                conn.execute(
                    "UPDATE articles SET read = ?, kept_unread = ?"
                    f" WHERE id IN ({_marks(len(chunk))})",
                    (int(read), int(not read), *chunk),
                )

    def set_starred(self, article_id: int, starred: bool) -> None:
        with self._write() as conn:
            conn.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    def mark_scope_read(self, scope: ArticleScope) -> int:
        """Mark every unread article of the scope read; returns how many changed."""
        where, params = _scope_where(scope)
        with self._write() as conn:
            cur = conn.execute(
                f"UPDATE articles SET read = 1, kept_unread = 0 WHERE read = 0 AND id IN"
                f" (SELECT a.id FROM articles a WHERE {where})",
                params,
            )
            return int(cur.rowcount)

    def neighbour_unread(
        self, scope: ArticleScope, from_id: int | None, forward: bool = True
    ) -> int | None:
        """The next (``forward``: further down the newest-first list) unread article, or None.

        With ``from_id`` None (or unknown) it is the first unread of the list (the last one when
        going backward). The article ``from_id`` itself is never returned.
        """
        where, params = _scope_where(scope)
        where += " AND a.read = 0"
        order = "DESC" if forward else "ASC"
        anchor = None
        if from_id is not None:
            anchor = (
                self._conn()
                .execute("SELECT sort_key, id FROM articles WHERE id = ?", (from_id,))
                .fetchone()
            )
        if anchor is not None:
            cmp = "<" if forward else ">"
            where += f" AND (a.sort_key {cmp} ? OR (a.sort_key = ? AND a.id {cmp} ?))"
            params += [anchor[0], anchor[0], anchor[1]]
        row = (
            self._conn()
            .execute(
                f"SELECT a.id FROM articles a WHERE {where}"
                f" ORDER BY a.sort_key {order}, a.id {order} LIMIT 1",
                params,
            )
            .fetchone()
        )
        return None if row is None else int(row[0])

    # -- search --------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 500) -> list[ArticleSummary]:
        """Articles whose title or text match ``query``, newest first.

        The user's words are quoted (see :mod:`tui.store.fts`), so no text can cause an FTS
        syntax error; "quoted phrases", ``word*`` prefixes and ``OR`` keep their meaning.
        """
        return self._match(fts_query(query), limit)

    # -- entity pivot ----------------------------------------------------------------------

    def articles_with_entity(self, label: str, name: str) -> set[int]:
        """Articles whose stored extraction names the entity ``name`` (canonical) of ``label``."""
        rows = self._conn().execute(
            "SELECT article_id FROM article_entities WHERE label = ? AND name = ?", (label, name)
        )
        return {int(r[0]) for r in rows}

    def name_matches(self, names: Sequence[str]) -> set[int]:
        """Every article whose indexed title or text holds one of ``names`` as a phrase, in any
        case (candidates for the entity pivot, to be read: "US" also finds "us", and "Mexico"
        finds "New Mexico")."""
        expression = any_of([index_form(n) for n in names])
        if expression is None:
            return set()
        try:
            rows = self._conn().execute(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH ?", (expression,)
            )
            return {int(r[0]) for r in rows}
        except sqlite3.OperationalError:
            return set()

    def pages_newest_first(self, size: int = 2000) -> Iterator[list[int]]:
        """Every article id in list order (newest first), ``size`` at a time: a walk that may
        stop early (keyset pages on ``articles_by_time``)."""
        conn = self._conn()
        query = "SELECT sort_key, id FROM articles INDEXED BY articles_by_time{}"
        query += " ORDER BY sort_key DESC, id DESC LIMIT ?"
        rows = conn.execute(query.format(""), (size,)).fetchall()
        while rows:
            yield [int(r[1]) for r in rows]
            if len(rows) < size:
                return
            last = rows[-1]
            rows = conn.execute(
                query.format(" WHERE (sort_key, id) < (?, ?)"), (last[0], last[1], size)
            ).fetchall()

    def entity_extracted(self, ids: Sequence[int]) -> set[int]:
        """Those of ``ids`` whose entities were extracted (a tariff check alone finds none)."""
        found: set[int] = set()
        for chunk in _chunks(list(ids)):
            rows = self._conn().execute(
                "SELECT article_id FROM extractions"
                f" WHERE article_id IN ({_marks(len(chunk))}) AND version NOT LIKE ?",
                (*chunk, f"%{TARIFF_SCAN_SUFFIX}"),
            )
            found.update(int(r[0]) for r in rows)
        return found

    def indexed_texts(self, ids: Sequence[int], containing: Sequence[str]) -> dict[int, str]:
        """The title and text the search index holds (plain text) for those of ``ids`` that
        hold one of ``containing`` as written (``instr`` is case-sensitive, and runs in SQLite:
        the texts that cannot match never reach Python)."""
        forms = [index_form(n) for n in containing if n]
        if not forms:
            return {}
        cased = " OR ".join(["instr(title, ?) > 0 OR instr(body, ?) > 0"] * len(forms))
        found: dict[int, str] = {}
        for chunk in _chunks(list(ids)):
            rows = self._conn().execute(
                "SELECT rowid, title, body FROM article_fts"
                f" WHERE rowid IN ({_marks(len(chunk))}) AND ({cased})",
                (*chunk, *(f for form in forms for f in (form, form))),
            )
            found.update((int(r[0]), f"{r[1]}\n\n{r[2]}") for r in rows)
        return found

    # At most this many matches are sorted by date; more, and the date index is walked instead.
    _FEW_MATCHES = 2000
    _OLDEST = -(2**63)  # below every sort_key and id

    def _match(self, expression: str | None, limit: int) -> list[ArticleSummary]:
        """The newest ``limit`` articles matching ``expression``, newest first.

        FTS5 yields matches in rowid (insertion) order, and an article inserted late can be
        old, so the newest matches need ordering by date. A first look at the match set, which
        stops after ``_FEW_MATCHES + 1`` rows, picks how: few matches are fetched and sorted
        (cost grows with the matches); many are found by walking the date index newest first
        (see :meth:`_walk_matches`). Sorting all 50,000 matches of "the" took 90 ms.
        """
        if expression is None or limit <= 0:
            return []
        conn = self._conn()
        try:
            first = [
                int(r[0])
                for r in conn.execute(
                    "SELECT rowid FROM article_fts WHERE article_fts MATCH ? LIMIT ?",
                    (expression, self._FEW_MATCHES + 1),
                )
            ]
            if len(first) <= self._FEW_MATCHES:
                rows = conn.execute(
                    f"SELECT {_SUMMARY_COLUMNS}, {_FEED_TITLE} FROM articles a"
                    " JOIN feeds f ON f.id = a.feed_id"
                    " WHERE a.id IN (SELECT value FROM json_each(?))"
                    " ORDER BY a.sort_key DESC, a.id DESC LIMIT ?",
                    (json.dumps(first), limit),
                ).fetchall()
            else:
                rows = self._walk_matches(conn, expression, limit, first)
            return [_summary(r) for r in rows]
        except sqlite3.OperationalError:
            return []  # belt and braces: fts_query() already quotes everything

    def _walk_matches(
        self, conn: sqlite3.Connection, expression: str, limit: int, first: list[int]
    ) -> list[tuple[Any, ...]]:
        """Rows for :meth:`_match` when many articles match: ``articles_by_time`` is walked
        newest first, each id tested against the match set, until ``limit`` are found.

        The match set is built whole, which costs about 0.1 us per match, so it is cut to
        ``rowid >= floor``, where ``floor`` is the lowest id among a window of the newest
        articles, when that cuts much: the walk then stops at the window's oldest article and,
        with fewer than ``limit`` found, a window 8 times wider is tried. When articles arrive
        in date order (regular refreshes) the window's ids are the recent ones and the cut is
        deep; after a cold refresh of many feeds' backlogs it is not, and the set is built whole.
        """
        # Two subqueries: each is one b-tree probe, a joint min(id), max(id) is a full scan.
        lowest, highest = conn.execute(
            "SELECT (SELECT min(id) FROM articles), (SELECT max(id) FROM articles)"
        ).fetchone()
        if lowest is None:
            return []
        # Matches per id, from the first look (rowids ascending): sizes the first window.
        density = len(first) / max(1, first[-1] - lowest + 1)
        window = max(2 * limit, int(2 * limit / density))
        newest = "FROM articles INDEXED BY articles_by_time ORDER BY sort_key DESC, id DESC"
        walk = (
            f"SELECT {_SUMMARY_COLUMNS}, {_FEED_TITLE}"
            " FROM (SELECT a.id, a.sort_key FROM articles a INDEXED BY articles_by_time"
            "  WHERE (a.sort_key, a.id) >= (?, ?) AND a.id IN"
            "  (SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rowid >= ?)"
            "  ORDER BY a.sort_key DESC, a.id DESC LIMIT ?) m"
            " JOIN articles a ON a.id = m.id JOIN feeds f ON f.id = a.feed_id"
            " ORDER BY m.sort_key DESC, m.id DESC"
        )
        while True:
            floor, seen = conn.execute(
                f"SELECT min(id), count(*) FROM (SELECT id {newest} LIMIT ?)", (window,)
            ).fetchone()
            if seen < window or floor - lowest < (highest - lowest) // 2:
                # The window is everything, or reaches back to ids too old to cut much.
                return conn.execute(
                    walk, (self._OLDEST, self._OLDEST, expression, lowest, limit)
                ).fetchall()
            edge = conn.execute(f"SELECT sort_key, id {newest} LIMIT 1 OFFSET ?", (window - 1,))
            edge_key, edge_id = edge.fetchone()
            rows = conn.execute(walk, (edge_key, edge_id, expression, floor, limit)).fetchall()
            if len(rows) >= limit:
                return rows
            window *= 8

    def set_full_text(self, article_id: int, text: str) -> None:
        """Store the fetched full text and reindex the article with it.

        A new text also drops the article's extraction and tariff rows: they came from the
        feed's text, and the next :meth:`extraction` lookup misses, so the reader extracts the
        text it now shows.
        """
        with self._write() as conn:
            row = conn.execute(
                "SELECT title, content_html, summary_html, full_text FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
            if row is None or row[3] == text:
                return
            conn.execute("UPDATE articles SET full_text = ? WHERE id = ?", (text, article_id))
            self._index(conn, article_id, row[0], text, row[1], row[2])
            for table in ("extractions", "tariff_rows", "article_entities"):
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    # -- extraction cache ----------------------------------------------------------------------

    def save_extraction(
        self, article_id: int, extraction: Extraction, *, from_full_text: bool | None = None
    ) -> None:
        """Store an article's extraction, replacing any older one and its tariff rows.

        ``from_full_text`` says which text it was made from (the fetched full text or the feed's);
        when given and the article's text changed meanwhile (a full text arrived while the feed
        text was being extracted), nothing is stored: the extraction is of a text no longer shown.
        """
        payload = json.dumps(
            {
                "text": extraction.text,
                "entities": [_entity_json(e) for e in extraction.entities],
                "tariffs": [_tariff_json(t) for t in extraction.tariffs],
            },
            ensure_ascii=False,
        )
        with self._write() as conn:
            has_full = _has_full_text(conn, [article_id])
            if article_id not in has_full:
                return
            if from_full_text is not None and has_full[article_id] != from_full_text:
                return
            conn.execute(
                "INSERT OR REPLACE INTO extractions (article_id, version, payload, created_at)"
                " VALUES (?, ?, ?, ?)",
                (article_id, extraction.version, payload, _now()),
            )
            conn.execute("DELETE FROM tariff_rows WHERE article_id = ?", (article_id,))
            conn.executemany(
                _INSERT_TARIFF_ROW,
                [_tariff_params(article_id, extraction.version, t) for t in extraction.tariffs],
            )
            conn.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT OR IGNORE INTO article_entities (label, name, article_id) VALUES (?, ?, ?)",
                [(e.label, e.name, article_id) for e in extraction.entities],
            )

    def extraction(self, article_id: int, version: str) -> Extraction | None:
        """The cached extraction of an article made by ``version`` (None when absent or older)."""
        row = (
            self._conn()
            .execute(
                "SELECT payload FROM extractions WHERE article_id = ? AND version = ?",
                (article_id, version),
            )
            .fetchone()
        )
        if row is None:
            return None
        try:
            data = json.loads(row[0])
            entities = tuple(
                Entity(
                    name=e["name"],
                    label=e["label"],
                    mentions=tuple((int(m[0]), int(m[1])) for m in e["mentions"]),
                )
                for e in data["entities"]
            )
            tariffs = tuple(_tariff_from_json(t) for t in data["tariffs"])
            return Extraction(
                version=version, text=data["text"], entities=entities, tariffs=tariffs
            )
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # a damaged cache entry is simply recomputed

    def unextracted_ids(self, version: str, limit: int = 1000) -> list[int]:
        """Newest articles with no extraction by ``version``, nor a tariff check by it
        (:func:`tariff_scan_version`): those still to check for tariff rows."""
        rows = self._conn().execute(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM extractions x"
            " WHERE x.article_id = a.id AND x.version IN (?, ?))"
            " ORDER BY a.sort_key DESC, a.id DESC LIMIT ?",
            (version, tariff_scan_version(version), limit),
        )
        return [r[0] for r in rows]

    def extraction_versions(self, ids: Sequence[int]) -> dict[int, str]:
        """The version of the stored extraction (or tariff check) of each of ``ids`` having one."""
        found: dict[int, str] = {}
        for chunk in _chunks(list(ids)):
            rows = self._conn().execute(
                f"SELECT article_id, version FROM extractions"
                f" WHERE article_id IN ({_marks(len(chunk))})",
                tuple(chunk),
            )
            found.update((int(r[0]), str(r[1])) for r in rows)
        return found

    def articles(self, ids: Sequence[int]) -> list[Article]:
        """The articles of ``ids``, in the order given (unknown ids are left out)."""
        found: dict[int, Article] = {}
        for chunk in _chunks(list(ids)):
            rows = self._conn().execute(
                f"{_ARTICLE_SELECT} WHERE a.id IN ({_marks(len(chunk))})", tuple(chunk)
            )
            found.update((r[0], _article(r)) for r in rows)
        return [found[i] for i in ids if i in found]

    def save_tariff_scans(
        self,
        scans: Sequence[tuple[int, Sequence[TariffRow]]],
        *,
        version: str,
        keep: str,
        from_full_text: Collection[int] | None = None,
    ) -> None:
        """Record that each article was checked for tariffs by ``version``, with the rows found
        (one transaction). An article whose stored extraction is by ``keep`` (a full extraction,
        made meanwhile) is left as it is, and so are articles deleted meanwhile. With
        ``from_full_text`` (the ids checked in their fetched full text), so is an article whose
        text changed meanwhile (see :meth:`save_extraction`)."""
        if not scans:
            return
        now = _now()
        with self._write() as conn:
            wanted = [article_id for article_id, _rows in scans]
            present: set[int] = set()
            for chunk in _chunks(wanted):
                marks = _marks(len(chunk))
                present.update(
                    r[0]
                    for r in conn.execute(
                        f"SELECT id FROM articles WHERE id IN ({marks}) AND NOT EXISTS"
                        " (SELECT 1 FROM extractions x WHERE x.article_id = articles.id"
                        "  AND x.version = ?)",
                        (*chunk, keep),
                    )
                )
            if from_full_text is not None:
                full = set(from_full_text)
                has_full = _has_full_text(conn, list(present))
                present = {aid for aid in present if has_full.get(aid) == (aid in full)}
            chosen = [(aid, rows) for aid, rows in scans if aid in present]
            if not chosen:
                return
            for chunk in _chunks([aid for aid, _rows in chosen]):
                for table in ("tariff_rows", "article_entities"):  # a check has no entities
                    conn.execute(
                        f"DELETE FROM {table} WHERE article_id IN ({_marks(len(chunk))})",
                        tuple(chunk),
                    )
            conn.executemany(
                "INSERT OR REPLACE INTO extractions (article_id, version, payload, created_at)"
                " VALUES (?, ?, ?, ?)",
                [(aid, version, _scan_payload(rows), now) for aid, rows in chosen],
            )
            conn.executemany(
                _INSERT_TARIFF_ROW,
                [_tariff_params(aid, version, t) for aid, rows in chosen for t in rows],
            )

    def tariff_history(
        self,
        country: str | None = None,
        since: date | None = None,
        *,
        exclude_feeds: Sequence[str] = (),
    ) -> list[TrackedTariff]:
        """Tariff rows across the cache, oldest report first (each article's in text order).

        ``country`` matches the canonical name or the ISO code, ignoring case; ``since`` keeps
        rows reported (article date) on or after that day; rows of articles from the feeds whose
        URLs are in ``exclude_feeds`` are left out.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if exclude_feeds:
            clauses.append(f"f.url NOT IN ({_marks(len(exclude_feeds))})")
            params += list(exclude_feeds)
        if country:
            clauses.append("(t.country = ? COLLATE NOCASE OR t.iso = ? COLLATE NOCASE)")
            params += [country, country]
        if since is not None:
            start = datetime(since.year, since.month, since.day, tzinfo=UTC)
            clauses.append("a.sort_key >= ?")
            params.append(int(start.timestamp()))
        where = " AND ".join(clauses) or "1"
        rows = self._conn().execute(
            "SELECT t.country, t.iso, t.rate_pct, t.rate_max_pct, t.status, t.effective,"
            " t.evidence, t.span_start, t.span_end, a.id, a.title, a.published,"
            f" {_FEED_TITLE} FROM tariff_rows t JOIN articles a ON a.id = t.article_id"
            f" JOIN feeds f ON f.id = a.feed_id WHERE {where}"
            " ORDER BY a.sort_key, a.id, t.id",
            params,
        )
        result = []
        for r in rows:
            row = TariffRow(
                country=r[0],
                iso=r[1],
                rate_pct=r[2],
                rate_max_pct=r[3],
                status=cast(TariffStatus, r[4]),
                effective=date.fromisoformat(r[5]) if r[5] else None,
                evidence=r[6],
                evidence_span=(r[7], r[8]),
            )
            result.append(
                TrackedTariff(
                    row=row,
                    article_id=r[9],
                    article_title=r[10],
                    feed_title=r[12],
                    published=_from_epoch(r[11]),
                )
            )
        return result

    # -- misc ----------------------------------------------------------------------------------

    def get_state(self, key: str) -> str | None:
        row = self._conn().execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_state(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def apply_retention(self, days: int, per_feed: int) -> int:
        """Delete old articles; returns how many went. 0 turns either limit off.

        Removed: articles older than ``days`` (by date, fetch time when undated) and those beyond
        the ``per_feed`` newest of their feed. Never removed: starred articles and articles the
        user marked unread again. Removed guids are remembered so the feed cannot re-add them.
        """
        if days <= 0 and per_feed <= 0:
            return 0
        now = _now()
        conditions: list[str] = []
        params: list[Any] = []
        if days > 0:
            conditions.append("a.sort_key < ?")
            params.append(now - int(timedelta(days=days).total_seconds()))
        if per_feed > 0:
            conditions.append(
                "a.id IN (SELECT id FROM (SELECT id, row_number() OVER"
                " (PARTITION BY feed_id ORDER BY sort_key DESC, id DESC) AS n FROM articles)"
                " WHERE n > ?)"
            )
            params.append(per_feed)
        victims = (
            f"SELECT a.id FROM articles a WHERE a.starred = 0 AND a.kept_unread = 0"
            f" AND ({' OR '.join(conditions)})"
        )
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO article_tombstones (feed_id, guid, deleted_at)"
                f" SELECT feed_id, guid, ? FROM articles WHERE id IN ({victims})",
                (now, *params),
            )
            cur = conn.execute(f"DELETE FROM articles WHERE id IN ({victims})", params)
            conn.execute(
                "DELETE FROM article_tombstones WHERE deleted_at < ?",
                (now - _TOMBSTONE_DAYS * 86_400,),
            )
            return int(cur.rowcount)

"""Storing a feed's articles, and their search index rows, in one transaction per feed."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from tui.core import limits
from tui.core.limits import cap
from tui.core.models import Enclosure, ParsedArticle
from tui.store.repository.connections import Connections
from tui.store.repository.enclosures import read_enclosures, within_limits, write_enclosures
from tui.store.repository.rows import chunks, marks, named, now, to_epoch
from tui.store.schema import index_text
from tui.store.text import index_body, index_form

_INSERT_ROWS = 90  # rows per multi-row INSERT: 10 columns each, under the old 999 limit


def _within_limits(art: ParsedArticle) -> ParsedArticle:
    """``art`` with every text cut to its limit (tui.core.limits): a hostile feed's megabyte
    title or author is cut, not stored whole."""
    if (
        len(art.guid) <= limits.GUID
        and len(art.link) <= limits.URL
        and len(art.title) <= limits.TITLE
        and len(art.author) <= limits.AUTHOR
        and len(art.summary_html) <= limits.HTML
        and len(art.content_html) <= limits.HTML
        and all(len(e.url) <= limits.URL for e in art.enclosures)
    ):
        return art
    return replace(
        art,
        enclosures=within_limits(art.enclosures),
        guid=limits.guid(art.guid),
        link=limits.link(art.link),
        title=cap(art.title, limits.TITLE),
        author=cap(art.author, limits.AUTHOR),
        summary_html=cap(art.summary_html, limits.HTML),
        content_html=cap(art.content_html, limits.HTML),
    )


def reindex(
    conn: sqlite3.Connection,
    article_id: int,
    title: str,
    full_text: str | None,
    content_html: str,
    summary_html: str,
) -> None:
    """Replace an article's search index row."""
    conn.execute("DELETE FROM article_fts WHERE rowid = ?", (article_id,))
    conn.execute(
        "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)",
        (article_id, index_form(title), index_text(full_text, content_html, summary_html)),
    )


class Storing(Connections):
    """New and changed articles of a feed, and fetched full texts."""

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
            return _store(conn, feed_id, articles, index_bodies)

    def set_full_text(self, article_id: int, text: str) -> None:
        """Store the fetched full text and reindex the article with it.

        A new text also drops the article's extraction and tariff rows: they came from the
        feed's text, and the next :meth:`extraction` lookup misses, so the reader extracts the
        text it now shows.
        """
        with self._write() as conn:
            row = named(
                conn,
                "SELECT title, content_html, summary_html, full_text FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
            if row is None or row["full_text"] == text:
                return
            text = cap(text, limits.HTML)
            conn.execute("UPDATE articles SET full_text = ? WHERE id = ?", (text, article_id))
            reindex(conn, article_id, row["title"], text, row["content_html"], row["summary_html"])
            for table in ("extractions", "tariff_rows", "article_entities"):
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


def _store(
    conn: sqlite3.Connection,
    feed_id: int,
    articles: Sequence[ParsedArticle],
    index_bodies: Sequence[str] | None = None,
) -> list[int]:
    latest: dict[str, tuple[ParsedArticle, int]] = {}
    for position, art in enumerate(articles):  # a guid listed twice: the topmost copy wins
        art = _within_limits(art)
        if art.guid and art.guid not in latest:
            latest[art.guid] = (art, position)
    guids = list(latest)
    existing: dict[str, sqlite3.Row] = {}
    gone: set[str] = set()
    for chunk in chunks(guids):
        places = marks(len(chunk))
        for row in named(
            conn,
            "SELECT guid, id, title, link, author, summary_html, content_html, full_text"
            f" FROM articles WHERE feed_id = ? AND guid IN ({places})",
            (feed_id, *chunk),
        ):
            existing[row["guid"]] = row
        gone.update(
            r[0]
            for r in conn.execute(
                f"SELECT guid FROM article_tombstones WHERE feed_id = ? AND guid IN ({places})",
                (feed_id, *chunk),
            )
        )
    stored_at = now()
    # Enclosures of known articles follow the feed (they arrive for articles stored before
    # enclosures were, and change when a publisher replaces a file), without counting as news.
    known_ids = [int(row["id"]) for row in existing.values()]
    stored_enclosures = read_enclosures(conn, known_ids) if known_ids else {}
    enclosures_changed: dict[int, tuple[Enclosure, ...]] = {}
    fresh: list[tuple[Any, ...]] = []
    for guid in guids:
        art, position = latest[guid]
        if guid in gone:
            continue
        old = existing.get(guid)
        if old is None:
            published = to_epoch(art.published)
            sort_key = stored_at if published is None else min(published, stored_at)
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
                    stored_at,
                    sort_key,
                )
            )
            continue
        if art.enclosures != stored_enclosures.get(old["id"], ()):
            enclosures_changed[old["id"]] = art.enclosures
        changed = (art.title, art.link, art.author, art.summary_html, art.content_html)
        if changed != (
            old["title"],
            old["link"],
            old["author"],
            old["summary_html"],
            old["content_html"],
        ):
            conn.execute(
                "UPDATE articles SET title = ?, link = ?, author = ?, summary_html = ?,"
                " content_html = ? WHERE id = ?",
                (*changed, old["id"]),
            )
            reindex(
                conn, old["id"], art.title, old["full_text"], art.content_html, art.summary_html
            )
    write_enclosures(conn, enclosures_changed)
    if not fresh:
        return []
    # New articles: one multi-row INSERT per chunk (ids come back by guid), then their
    # index rows in one executemany: a few statements per feed instead of two per article.
    ids: dict[str, int] = {}
    for batch in chunks(fresh, _INSERT_ROWS):
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
    conn.executemany("INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)", index_rows)
    write_enclosures(
        conn,
        {
            article_id: latest[row[1]][0].enclosures
            for row, article_id in zip(fresh, new_ids, strict=True)
            if latest[row[1]][0].enclosures
        },
    )
    return new_ids

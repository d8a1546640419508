"""The enclosures of articles: written with the articles (:mod:`.storing`), read with them
(:mod:`.articles`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from tui.core import limits
from tui.core.models import Enclosure
from tui.store.repository.connections import Connections
from tui.store.repository.rows import chunks, marks, named


def within_limits(enclosures: tuple[Enclosure, ...]) -> tuple[Enclosure, ...]:
    """The enclosures whose URL fits the store's limit (a URL cut short leads elsewhere)."""
    if all(len(e.url) <= limits.URL for e in enclosures):
        return enclosures
    return tuple(e for e in enclosures if len(e.url) <= limits.URL)


def read_enclosures(
    conn: sqlite3.Connection, article_ids: Sequence[int]
) -> dict[int, tuple[Enclosure, ...]]:
    """The enclosures of ``article_ids`` that have any, in feed order."""
    found: dict[int, list[Enclosure]] = {}
    for chunk in chunks(list(article_ids)):
        rows = named(
            conn,
            "SELECT article_id, url, media_type, length, duration FROM enclosures"
            f" WHERE article_id IN ({marks(len(chunk))}) ORDER BY article_id, position",
            tuple(chunk),
        )
        for r in rows:
            found.setdefault(r["article_id"], []).append(
                Enclosure(r["url"], r["media_type"], r["length"], r["duration"])
            )
    return {article_id: tuple(items) for article_id, items in found.items()}


def write_enclosures(
    conn: sqlite3.Connection, by_article: Mapping[int, tuple[Enclosure, ...]]
) -> None:
    """Replace the enclosures of each article in ``by_article`` (inside the caller's
    transaction)."""
    if not by_article:
        return
    ids = list(by_article)
    for chunk in chunks(ids):
        conn.execute(
            f"DELETE FROM enclosures WHERE article_id IN ({marks(len(chunk))})", tuple(chunk)
        )
    rows: Iterable[tuple[object, ...]] = (
        (article_id, position, e.url, e.media_type, e.length, e.duration)
        for article_id, enclosures in by_article.items()
        for position, e in enumerate(enclosures)
    )
    conn.executemany(
        "INSERT INTO enclosures (article_id, position, url, media_type, length, duration)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


class Enclosures(Connections):
    """The files articles carry."""

    def enclosures(self, article_id: int) -> tuple[Enclosure, ...]:
        return read_enclosures(self._conn(), [article_id]).get(article_id, ())

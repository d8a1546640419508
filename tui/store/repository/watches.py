"""The watch list: countries and entities the reader is told about when a refresh brings news."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Sequence

from tui.core import limits
from tui.core.limits import cap
from tui.core.models import TrackedTariff
from tui.core.watching import Watch
from tui.store.fts import any_of
from tui.store.repository.connections import Connections
from tui.store.repository.rows import (
    REPORT_ORDER,
    TRACKED_FROM,
    chunks,
    marks,
    now,
    tracked_rows,
)
from tui.store.text import index_form


class Watches(Connections):
    """The ``watches`` table."""

    def watches(self) -> list[Watch]:
        """Every watch: countries first, then entities, each by name."""
        rows = self._conn().execute(
            "SELECT kind, label, name FROM watches ORDER BY kind, name COLLATE NOCASE, label"
        )
        return [Watch(kind, name, label) for kind, label, name in rows]

    def is_watched(self, watch: Watch) -> bool:
        row = self._conn().execute(
            "SELECT 1 FROM watches WHERE kind = ? AND label = ? AND name = ?",
            (watch.kind, watch.label, watch.name),
        )
        return row.fetchone() is not None

    def set_watched(self, watch: Watch, watched: bool) -> None:
        """Watch ``watch``, or stop watching it (either is a no-op when already so)."""
        with self._write() as conn:
            if watched:
                conn.execute(
                    "INSERT OR IGNORE INTO watches (kind, label, name, created_at)"
                    " VALUES (?, ?, ?, ?)",
                    (watch.kind, watch.label, cap(watch.name, limits.TITLE), now()),
                )
            else:
                conn.execute(
                    "DELETE FROM watches WHERE kind = ? AND label = ? AND name = ?",
                    (watch.kind, watch.label, watch.name),
                )

    def add_watches(self, watches: Iterable[Watch]) -> int:
        """Watch each of ``watches`` not watched yet (one transaction); returns how many."""
        added = 0
        with self._write() as conn:
            for watch in watches:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO watches (kind, label, name, created_at)"
                    " VALUES (?, ?, ?, ?)",
                    (watch.kind, watch.label, cap(watch.name, limits.TITLE), now()),
                )
                added += cur.rowcount
        return added

    def tariff_countries_in(self, ids: Sequence[int], *, live: bool = False) -> set[str]:
        """The countries the tariff rows of the articles ``ids`` name (``live``: in a row of
        another status than ``other``): which watched countries a refresh brought news of."""
        found: set[str] = set()
        status = " AND status <> 'other'" if live else ""
        for chunk in chunks(list(ids)):
            rows = self._conn().execute(
                "SELECT DISTINCT country FROM tariff_rows"
                f" WHERE article_id IN ({marks(len(chunk))}){status}",
                tuple(chunk),
            )
            found.update(str(r[0]) for r in rows)
        return found

    def country_reports(
        self, country: str, article_ids: Collection[int], *, exclude_feeds: Sequence[str] = ()
    ) -> list[TrackedTariff]:
        """The tariff rows naming ``country`` (its canonical name) of the articles
        ``article_ids``, oldest report first, those of the ``exclude_feeds`` left out."""
        return tracked_rows(
            self._conn().execute(
                f"{TRACKED_FROM} WHERE t.country = ? AND a.id IN (SELECT value FROM json_each(?))"
                f" AND f.url NOT IN (SELECT value FROM json_each(?)) {REPORT_ORDER}",
                (country, json.dumps(sorted(article_ids)), json.dumps(list(exclude_feeds))),
            )
        )

    def newest_reports(
        self, country: str, excluding: Collection[int], *, exclude_feeds: Sequence[str] = ()
    ) -> set[int]:
        """The newest article (by report) with a row of another status than ``other`` for
        ``country``, and the newest with an ``other`` row, not among ``excluding``: all that
        the latest rule reads of the articles before a refresh's (tui.core.tariff_latest)."""
        found: set[int] = set()
        for status in ("<> 'other'", "= 'other'"):
            row = (
                self._conn()
                .execute(
                    "SELECT a.id FROM tariff_rows t JOIN articles a ON a.id = t.article_id"
                    " JOIN feeds f ON f.id = a.feed_id"
                    f" WHERE t.country = ? AND t.status {status}"
                    " AND a.id NOT IN (SELECT value FROM json_each(?))"
                    " AND f.url NOT IN (SELECT value FROM json_each(?))"
                    " ORDER BY a.sort_key DESC, a.id DESC LIMIT 1",
                    (country, json.dumps(sorted(excluding)), json.dumps(list(exclude_feeds))),
                )
                .fetchone()
            )
            if row is not None:
                found.add(int(row[0]))
        return found

    def in_report_order(self, ids: Collection[int]) -> list[int]:
        """``ids`` newest report first (the article lists' order)."""
        rows = self._conn().execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))"
            " ORDER BY sort_key DESC, id DESC",
            (json.dumps(sorted(ids)),),
        )
        return [int(r[0]) for r in rows]

    def phrase_matches(self, names: Sequence[str], after: int = 0) -> set[int]:
        """The articles whose indexed title or text holds one of ``names`` as a phrase (in any
        case), among those whose id is above ``after``: candidates for the watch check, which
        reads them (a name search alone would take "New Mexico" for Mexico)."""
        expression = any_of([index_form(n) for n in names])
        if expression is None:
            return set()
        try:
            rows = self._conn().execute(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rowid > ?",
                (expression, after),
            )
            return {int(r[0]) for r in rows}
        except sqlite3.OperationalError:
            return set()

    def newest_article_id(self) -> int:
        row = self._conn().execute("SELECT max(id) FROM articles").fetchone()
        return int(row[0] or 0)

"""The watch list: countries and entities the reader is told about when a refresh brings news."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tui.core import limits
from tui.core.limits import cap
from tui.core.watching import Watch
from tui.store.repository.connections import Connections
from tui.store.repository.rows import chunks, marks, now


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

    def tariff_countries_in(self, ids: Sequence[int]) -> set[str]:
        """The countries the tariff rows of the articles ``ids`` name (the watch check asks
        which watched countries a refresh brought news of)."""
        found: set[str] = set()
        for chunk in chunks(list(ids)):
            rows = self._conn().execute(
                "SELECT DISTINCT country FROM tariff_rows"
                f" WHERE article_id IN ({marks(len(chunk))})",
                tuple(chunk),
            )
            found.update(str(r[0]) for r in rows)
        return found

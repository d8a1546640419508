"""Key-value state, and retention: old articles deleted, their guids remembered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tui.store.repository.connections import Connections
from tui.store.repository.rows import now

_TOMBSTONE_DAYS = 400  # how long a guid removed by retention is remembered
# Articles deleted per write transaction. In one, the first retention of a large cache (40,000
# articles beyond retention_per_feed = 50 in a cache of 50,000) held the write lock for 12 s,
# and the reader's marks (or a cron refresh) failed as "busy" after the 5 s busy timeout.
_BATCH = 500


class Retention(Connections):
    """The ``state`` table and the deletion of old articles."""

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
        Deleted ``_BATCH`` at a time, each batch in a write transaction of its own.
        """
        if days <= 0 and per_feed <= 0:
            return 0
        started = now()
        conditions: list[str] = []
        params: list[Any] = []
        if days > 0:
            conditions.append("a.sort_key < ?")
            params.append(started - int(timedelta(days=days).total_seconds()))
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
        ids = [row[0] for row in self._conn().execute(victims, params)]
        removed = 0
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            # starred or marked unread again since the list was read: kept
            still = f"id IN ({','.join('?' * len(batch))}) AND starred = 0 AND kept_unread = 0"
            with self._write() as conn:
                conn.execute(
                    "INSERT OR REPLACE INTO article_tombstones (feed_id, guid, deleted_at)"
                    f" SELECT feed_id, guid, ? FROM articles WHERE {still}",
                    (started, *batch),
                )
                removed += conn.execute(f"DELETE FROM articles WHERE {still}", batch).rowcount
        with self._write() as conn:
            conn.execute(
                "DELETE FROM article_tombstones WHERE deleted_at < ?",
                (started - _TOMBSTONE_DAYS * 86_400,),
            )
        return removed

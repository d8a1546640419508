"""Key-value state, and retention: old articles deleted, their guids remembered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tui.store.repository.connections import Connections
from tui.store.repository.rows import now

_TOMBSTONE_DAYS = 400  # how long a guid removed by retention is remembered


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
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO article_tombstones (feed_id, guid, deleted_at)"
                f" SELECT feed_id, guid, ? FROM articles WHERE id IN ({victims})",
                (started, *params),
            )
            cur = conn.execute(f"DELETE FROM articles WHERE id IN ({victims})", params)
            conn.execute(
                "DELETE FROM article_tombstones WHERE deleted_at < ?",
                (started - _TOMBSTONE_DAYS * 86_400,),
            )
            return int(cur.rowcount)

"""Alerts: what a refresh found for the watch list, stored once per (watch, article).

Any process may find them (the app's refresh child, ``newsreader refresh`` from cron); the app
shows those it has not shown (:meth:`Alerts.claim_unshown` takes them in one statement, so two
readers never both show one), and a terminal notification or ``notify_command`` tells each once
(:meth:`Alerts.mark_notified`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import cast

from tui.core import limits
from tui.core.limits import cap
from tui.core.watching import Alert, AlertKind
from tui.store.repository.connections import Connections
from tui.store.repository.rows import chunks, marks, named, now

_ALERT_COLUMNS = (
    "al.id, al.watch_key, al.kind, al.subject, al.article_id, al.message, al.notified, a.feed_id"
)


def _alert(row: sqlite3.Row) -> Alert:
    return Alert(
        key=row["watch_key"],
        kind=cast(AlertKind, row["kind"]),
        subject=row["subject"],
        article_id=row["article_id"],
        message=row["message"],
        id=row["id"],
        feed_id=row["feed_id"],
        notified=bool(row["notified"]),
    )


class Alerts(Connections):
    """The ``alerts`` table."""

    def add_alerts(self, alerts: Sequence[Alert]) -> list[Alert]:
        """Store ``alerts``, leaving out any (watch, article) stored before; returns those
        stored now, with their ids, in order."""
        if not alerts:
            return []
        added: list[int] = []
        stamp = now()
        with self._write() as conn:
            for alert in alerts:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO alerts (watch_key, kind, subject, article_id, message,"
                    " created_at) SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS"
                    " (SELECT 1 FROM articles WHERE id = ?)",
                    (
                        alert.key,
                        alert.kind,
                        cap(alert.subject, limits.TITLE),
                        alert.article_id,
                        cap(alert.message, limits.TITLE),
                        stamp,
                        alert.article_id,
                    ),
                )
                if cur.rowcount:
                    added.append(int(cast(int, cur.lastrowid)))
        return self._alerts_by_id(added)

    def _alerts_by_id(self, ids: Sequence[int]) -> list[Alert]:
        found: dict[int, Alert] = {}
        for chunk in chunks(list(ids)):
            rows = named(
                self._conn(),
                f"SELECT {_ALERT_COLUMNS} FROM alerts al JOIN articles a ON a.id = al.article_id"
                f" WHERE al.id IN ({marks(len(chunk))})",
                tuple(chunk),
            )
            found.update((int(r["id"]), _alert(r)) for r in rows)
        return [found[i] for i in ids if i in found]

    def claim_unshown(self) -> list[Alert]:
        """The alerts no reader has shown yet, oldest first, now marked shown."""
        with self._write() as conn:
            ids = [
                int(r[0])
                for r in conn.execute(
                    "UPDATE alerts SET shown = 1 WHERE shown = 0 RETURNING id"
                ).fetchall()
            ]
        return sorted(self._alerts_by_id(ids), key=lambda a: a.id)

    def mark_notified(self, ids: Sequence[int]) -> None:
        """A terminal notification or the notify command told these."""
        with self._write() as conn:
            for chunk in chunks(list(ids)):
                conn.execute(
                    f"UPDATE alerts SET notified = 1 WHERE id IN ({marks(len(chunk))})",
                    tuple(chunk),
                )

    def recent_alerts(self, limit: int = 100) -> list[Alert]:
        """The newest ``limit`` alerts, newest first."""
        rows = named(
            self._conn(),
            f"SELECT {_ALERT_COLUMNS} FROM alerts al JOIN articles a ON a.id = al.article_id"
            " ORDER BY al.id DESC LIMIT ?",
            (limit,),
        )
        return [_alert(r) for r in rows]

    def alert_marks(self) -> tuple[frozenset[int], frozenset[str]]:
        """Where the feeds pane marks news for a watch: the feeds, and the watch keys, that
        have an alert whose article is still unread."""
        rows = (
            self._conn()
            .execute(
                "SELECT DISTINCT a.feed_id, al.watch_key FROM alerts al"
                " JOIN articles a ON a.id = al.article_id WHERE a.read = 0"
            )
            .fetchall()
        )
        return frozenset(int(r[0]) for r in rows), frozenset(str(r[1]) for r in rows)

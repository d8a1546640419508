"""What sync with an aggregator server keeps: accounts, remote ids, the queue, cursors.

The tables are made by schema v4 (:mod:`tui.store.schema`). Articles and feeds themselves are
written through :class:`tui.store.repository.Repository`, as a refresh writes them; this module
holds only the links between local rows and the server's ids, and the changes still to send.
Read/starred changes are queued by triggers in the same transaction as the change itself, so
no code path that marks an article can forget to queue it.

:class:`SyncStore` opens a connection of its own on the database file (one thread uses it:
the sync engine's). Each method is one short transaction, and every write can be repeated
after a crash without harm: a sync killed at any point loses nothing and duplicates nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from tui.store import db

Field = Literal["read", "starred"]
_T = TypeVar("_T")
_CHUNK = 500  # values per IN (...) list


def _chunks(values: Sequence[_T]) -> Iterator[Sequence[_T]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _marks(n: int) -> str:
    return ",".join("?" * n)


@dataclass(frozen=True, slots=True)
class QueuedChange:
    """One change waiting to be sent: item ``remote_id``'s ``field`` should become ``value``."""

    seq: int
    remote_id: int
    field: Field
    value: bool


@dataclass(frozen=True, slots=True)
class StateChanges:
    """How many articles the server's state changed (see :meth:`SyncStore.apply_state`)."""

    read: int = 0
    unread: int = 0
    starred: int = 0
    unstarred: int = 0

    @property
    def total(self) -> int:
        return self.read + self.unread + self.starred + self.unstarred


class SyncStore:
    """The sync tables of the database at ``path`` (migrated already: open it through a
    Repository first). Not shared between threads."""

    def __init__(self, path: Path) -> None:
        self._conn = db.connect(path)

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> SyncStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- accounts and cursors --------------------------------------------------------------

    def account(self, service: str, url: str, user: str) -> int:
        """The id of the account (created on first use). An address that differs from the
        account's only by its last slash (``.../fever`` and ``.../fever/``) is the same server:
        a second account would bring every feed and article again, beside the first."""
        same = (
            "SELECT id FROM sync_accounts WHERE service = ? AND user = ?"
            " AND rtrim(url, '/') = rtrim(?, '/') ORDER BY id LIMIT 1"
        )
        with db.transaction(self._conn) as conn:
            row = conn.execute(same, (service, user, url)).fetchone()
            if row is None:
                conn.execute(
                    "INSERT INTO sync_accounts (service, url, user) VALUES (?, ?, ?)",
                    (service, url, user),
                )
                row = conn.execute(same, (service, user, url)).fetchone()
        return int(row[0])

    def cursor(self, account: int, name: str) -> int:
        row = self._conn.execute(
            "SELECT value FROM sync_cursors WHERE account_id = ? AND name = ?", (account, name)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def set_cursor(self, account: int, name: str, value: int) -> None:
        self.set_cursors(account, {name: value})

    def set_cursors(self, account: int, values: Mapping[str, int]) -> None:
        """Set several cursors in one transaction."""
        with db.transaction(self._conn) as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO sync_cursors (account_id, name, value) VALUES (?, ?, ?)",
                [(account, name, value) for name, value in values.items()],
            )

    # -- feeds -----------------------------------------------------------------------------

    def feed_links(self, account: int) -> dict[int, int]:
        """Remote feed id -> local feed id, for the feeds linked to the account."""
        rows = self._conn.execute(
            "SELECT remote_id, feed_id FROM sync_feeds WHERE account_id = ?", (account,)
        )
        return {int(r[0]): int(r[1]) for r in rows}

    def on_server(self, feed_id: int) -> bool:
        """Whether the local feed is a server's (linked, and not gone from it at the last
        sync): deleted here, the next sync brings it back."""
        row = self._conn.execute(
            "SELECT 1 FROM sync_feeds WHERE feed_id = ? LIMIT 1", (feed_id,)
        ).fetchone()
        return row is not None

    def linked_elsewhere(self, account: int) -> set[int]:
        """Local feeds linked to another account (a server used before this one)."""
        rows = self._conn.execute(
            "SELECT feed_id FROM sync_feeds WHERE account_id <> ?", (account,)
        )
        return {int(r[0]) for r in rows}

    def link_feed(self, account: int, remote_id: int, feed_id: int) -> None:
        """Link remote feed ``remote_id`` to local feed ``feed_id`` (replacing older links of
        either)."""
        with db.transaction(self._conn) as conn:
            conn.execute(
                "DELETE FROM sync_feeds WHERE account_id = ? AND (remote_id = ? OR feed_id = ?)",
                (account, remote_id, feed_id),
            )
            conn.execute(
                "INSERT INTO sync_feeds (account_id, remote_id, feed_id) VALUES (?, ?, ?)",
                (account, remote_id, feed_id),
            )

    def unlink_feeds(self, account: int, remote_ids: Collection[int]) -> None:
        """Forget the links of feeds no longer on the server (the local feeds stay)."""
        with db.transaction(self._conn) as conn:
            for chunk in _chunks(list(remote_ids)):
                conn.execute(
                    f"DELETE FROM sync_feeds WHERE account_id = ? AND remote_id IN"
                    f" ({_marks(len(chunk))})",
                    (account, *chunk),
                )

    # -- items -----------------------------------------------------------------------------

    def known_count(self, account: int) -> int:
        """How many of the server's items this database has seen."""
        row = self._conn.execute(
            "SELECT count(*) FROM sync_items WHERE account_id = ?", (account,)
        ).fetchone()
        return int(row[0])

    def known(self, account: int, remote_ids: Iterable[int]) -> set[int]:
        """Those of ``remote_ids`` seen before (stored, or stored and since removed)."""
        found: set[int] = set()
        for chunk in _chunks(list(remote_ids)):
            rows = self._conn.execute(
                f"SELECT remote_id FROM sync_items WHERE account_id = ? AND remote_id IN"
                f" ({_marks(len(chunk))})",
                (account, *chunk),
            )
            found.update(int(r[0]) for r in rows)
        return found

    def known_ids(self, account: int, low: int, high: int) -> set[int]:
        """The known item ids from ``low`` to ``high``."""
        rows = self._conn.execute(
            "SELECT remote_id FROM sync_items WHERE account_id = ? AND remote_id BETWEEN ? AND ?",
            (account, low, high),
        )
        return {int(r[0]) for r in rows}

    def highest_known(self, account: int) -> int:
        row = self._conn.execute(
            "SELECT max(remote_id) FROM sync_items WHERE account_id = ?", (account,)
        ).fetchone()
        return 0 if row[0] is None else int(row[0])

    def unlinked_by_link(self, feed_id: int, links: Collection[str]) -> dict[str, int]:
        """Articles of ``feed_id`` with one of ``links`` that no server item is linked to yet:
        ones fetched from the feed itself before sync was set up (link -> article id)."""
        found: dict[str, int] = {}
        for chunk in _chunks([link for link in links if link]):
            rows = self._conn.execute(
                "SELECT a.link, a.id FROM articles a WHERE a.feed_id = ? AND a.link IN"
                f" ({_marks(len(chunk))}) AND NOT EXISTS"
                " (SELECT 1 FROM sync_items s WHERE s.article_id = a.id)"
                " ORDER BY a.id",
                (feed_id, *chunk),
            )
            for link, article_id in rows:
                found.setdefault(str(link), int(article_id))
        return found

    def article_ids(self, feed_id: int, guids: Collection[str]) -> dict[str, int]:
        """guid -> article id, for those of ``guids`` stored in ``feed_id``."""
        found: dict[str, int] = {}
        for chunk in _chunks(list(guids)):
            rows = self._conn.execute(
                f"SELECT guid, id FROM articles WHERE feed_id = ? AND guid IN"
                f" ({_marks(len(chunk))})",
                (feed_id, *chunk),
            )
            found.update((str(r[0]), int(r[1])) for r in rows)
        return found

    def record_items(
        self,
        account: int,
        links: Mapping[int, int | None],
        states: Mapping[int, tuple[bool, bool]],
    ) -> None:
        """Remember items (remote id -> local article, None when not stored) and give the newly
        linked articles the server's (read, starred) state from ``states``, unless a change of
        that article is still queued (the queued change wins: see :meth:`apply_state`).

        An article fetched here before it was linked (a feed the sync takes over) keeps being
        read or starred when it is so here and not on the server: the reader did that here, and
        no trigger could queue it yet, so it is queued now, to be sent by the next sync."""
        if not links:
            return
        with db.transaction(self._conn) as conn:
            fresh: list[tuple[int, int]] = []
            for remote_id, article_id in links.items():
                cur = conn.execute(
                    "INSERT OR IGNORE INTO sync_items (account_id, remote_id, article_id)"
                    " VALUES (?, ?, ?)",
                    (account, remote_id, article_id),
                )
                if cur.rowcount and article_id is not None:
                    fresh.append((remote_id, article_id))
            wanted = {aid: states[rid] for rid, aid in fresh if rid in states}
            self._queue_done_here(conn, account, wanted, fresh)
            self._apply(conn, account, wanted, {rid: aid for rid, aid in fresh})

    def _queue_done_here(
        self,
        conn: sqlite3.Connection,
        account: int,
        wanted: Mapping[int, tuple[bool, bool]],
        fresh: Sequence[tuple[int, int]],
    ) -> None:
        """Queue, for the newly linked articles, the read and star set here that the server's
        ``wanted`` state lacks (so :meth:`_apply` leaves them, and the next sync sends them)."""
        remote_of = {aid: rid for rid, aid in fresh if aid in wanted}
        changes: list[tuple[int, int, str]] = []
        for chunk in _chunks(list(remote_of)):
            rows = conn.execute(
                f"SELECT id, read, starred FROM articles WHERE id IN ({_marks(len(chunk))})",
                tuple(chunk),
            )
            for article_id, read, starred in rows:
                there_read, there_starred = wanted[int(article_id)]
                remote_id = remote_of[int(article_id)]
                if read and not there_read:
                    changes.append((account, remote_id, "read"))
                if starred and not there_starred:
                    changes.append((account, remote_id, "starred"))
        conn.executemany(
            "INSERT OR REPLACE INTO sync_queue (account_id, remote_id, field, value)"
            " VALUES (?, ?, ?, 1)",
            changes,
        )

    # -- the server's state ------------------------------------------------------------------

    def apply_state(
        self, account: int, unread: Collection[int], starred: Collection[int]
    ) -> StateChanges:
        """Make every linked article read unless in ``unread`` and starred when in ``starred``
        (the server's whole state), in one transaction; returns what changed.

        The conflict rule: a change still queued here (made after the last send, or that could
        not be sent) wins over the server's state for that article and field; it is sent next.
        """
        unread_set, starred_set = set(unread), set(starred)
        with db.transaction(self._conn) as conn:
            rows = conn.execute(
                "SELECT s.remote_id, s.article_id FROM sync_items s"
                " WHERE s.account_id = ? AND s.article_id IS NOT NULL",
                (account,),
            ).fetchall()
            linked = {int(r[0]): int(r[1]) for r in rows}
            wanted = {
                aid: (rid not in unread_set, rid in starred_set) for rid, aid in linked.items()
            }
            return self._apply(conn, account, wanted, linked)

    def _apply(
        self,
        conn: sqlite3.Connection,
        account: int,
        wanted: Mapping[int, tuple[bool, bool]],
        linked: Mapping[int, int],
    ) -> StateChanges:
        """Set articles (id -> (read, starred)) to the server's state inside the caller's
        transaction, without queueing it back and skipping fields with a queued change."""
        if not wanted:
            return StateChanges()
        held = conn.execute(
            "SELECT remote_id, field FROM sync_queue WHERE account_id = ?", (account,)
        ).fetchall()
        article_of = dict(linked)
        pending = {(article_of[int(r[0])], str(r[1])) for r in held if int(r[0]) in article_of}
        current: dict[int, tuple[bool, bool]] = {}
        ids = list(wanted)
        for chunk in _chunks(ids):
            rows = conn.execute(
                f"SELECT id, read, starred FROM articles WHERE id IN ({_marks(len(chunk))})",
                tuple(chunk),
            )
            current.update((int(r[0]), (bool(r[1]), bool(r[2]))) for r in rows)
        to_read: list[tuple[int, int]] = []
        to_star: list[tuple[int, int]] = []
        counts = {"read": 0, "unread": 0, "starred": 0, "unstarred": 0}
        for article_id, (read, star) in wanted.items():
            now = current.get(article_id)
            if now is None:
                continue
            if now[0] != read and (article_id, "read") not in pending:
                to_read.append((int(read), article_id))
                counts["read" if read else "unread"] += 1
            if now[1] != star and (article_id, "starred") not in pending:
                to_star.append((int(star), article_id))
                counts["starred" if star else "unstarred"] += 1
        if to_read or to_star:
            conn.execute("INSERT INTO sync_applying (account_id) VALUES (?)", (account,))
            conn.executemany("UPDATE articles SET read = ? WHERE id = ?", to_read)
            conn.executemany("UPDATE articles SET starred = ? WHERE id = ?", to_star)
            conn.execute("DELETE FROM sync_applying")
        return StateChanges(**counts)

    # -- the queue -------------------------------------------------------------------------

    def queued(self, account: int) -> list[QueuedChange]:
        """The changes still to send, oldest first."""
        rows = self._conn.execute(
            "SELECT seq, remote_id, field, value FROM sync_queue WHERE account_id = ? ORDER BY seq",
            (account,),
        )
        return [
            QueuedChange(int(r[0]), int(r[1]), "read" if r[2] == "read" else "starred", bool(r[3]))
            for r in rows
        ]

    def queued_count(self, account: int | None = None) -> int:
        """How many changes wait to be sent (for one account, or for all)."""
        if account is None:
            row = self._conn.execute("SELECT count(*) FROM sync_queue").fetchone()
        else:
            row = self._conn.execute(
                "SELECT count(*) FROM sync_queue WHERE account_id = ?", (account,)
            ).fetchone()
        return int(row[0])

    def sent(self, seqs: Sequence[int]) -> None:
        """The changes ``seqs`` reached the server: drop them. A row replaced meanwhile (the
        user changed the article again while it was being sent) has a new seq and stays."""
        with db.transaction(self._conn) as conn:
            for chunk in _chunks(list(seqs)):
                conn.execute(
                    f"DELETE FROM sync_queue WHERE seq IN ({_marks(len(chunk))})", tuple(chunk)
                )

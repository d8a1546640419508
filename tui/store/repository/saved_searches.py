"""Saved searches: full-text queries kept by name, each a virtual feed with an unread count.

The article lists of a saved search are the scope :attr:`ScopeKind.SEARCH` (see
:func:`tui.store.repository.rows.scope_where`), matched against the FTS5 expression stored with
the query, so a saved search lists, counts, pages and marks read like a feed.
"""

from __future__ import annotations

import sqlite3
from typing import cast

from tui.core import limits
from tui.core.limits import cap
from tui.core.watching import SavedSearch
from tui.store.fts import fts_query
from tui.store.repository.connections import Connections
from tui.store.repository.rows import SAVED_SEARCH_MATCHES, in_saved_search, now


class SavedSearchError(ValueError):
    """A search that cannot be saved or renamed so (the message says why, in one line)."""


def _name(name: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise SavedSearchError("a saved search needs a name")
    return cap(text, limits.TITLE)


class SavedSearches(Connections):
    """The ``saved_searches`` table."""

    def save_search(self, query: str, name: str | None = None) -> SavedSearch:
        """Save ``query`` under ``name`` (the query itself by default); a name in use gets a
        number (``tariffs (2)``). The same query saved before is returned as it is.

        Raises :class:`SavedSearchError` when the query holds nothing to search for.
        """
        query = " ".join(query.split())
        expression = fts_query(query)
        if expression is None:
            raise SavedSearchError(f"nothing to search for in {query!r}")
        with self._write() as conn:
            row = conn.execute("SELECT id FROM saved_searches WHERE query = ?", (query,))
            found = row.fetchone()
            if found is not None:
                search_id = int(found[0])
            else:
                base = _name(name or query)
                wanted, n = base, 1
                while conn.execute(
                    "SELECT 1 FROM saved_searches WHERE name = ?", (wanted,)
                ).fetchone():
                    n += 1
                    wanted = f"{base} ({n})"
                cur = conn.execute(
                    "INSERT INTO saved_searches (name, query, expression, created_at)"
                    " VALUES (?, ?, ?, ?)",
                    (wanted, cap(query, limits.TITLE), expression, now()),
                )
                search_id = int(cast(int, cur.lastrowid))
        saved = self.saved_search(search_id)
        assert saved is not None
        return saved

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search with its unread count, by name."""
        conn = self._conn()
        rows = conn.execute(
            "SELECT id, name, query, watched FROM saved_searches ORDER BY name COLLATE NOCASE, id"
        ).fetchall()
        return [
            SavedSearch(int(i), name, query, bool(watched), self._unread(conn, int(i)))
            for i, name, query, watched in rows
        ]

    def saved_search(self, search_id: int) -> SavedSearch | None:
        conn = self._conn()
        row = conn.execute(
            "SELECT name, query, watched FROM saved_searches WHERE id = ?", (search_id,)
        ).fetchone()
        if row is None:
            return None
        name, query, watched = row
        return SavedSearch(search_id, name, query, bool(watched), self._unread(conn, search_id))

    def watched_searches(self) -> list[tuple[int, str]]:
        """The id and name of each watched saved search (no counts: the refresh's check)."""
        rows = self._conn().execute(
            "SELECT id, name FROM saved_searches WHERE watched = 1 ORDER BY id"
        )
        return [(int(i), str(name)) for i, name in rows]

    def search_unread(self, search_id: int) -> int:
        """The unread articles the saved search finds (what its row in the feeds pane shows)."""
        return self._unread(self._conn(), search_id)

    @staticmethod
    def _unread(conn: sqlite3.Connection, search_id: int) -> int:
        try:
            row = conn.execute(
                f"SELECT count(*) FROM articles a WHERE a.read = 0 AND {in_saved_search()}",
                (search_id,),
            )
            return int(row.fetchone()[0])
        except sqlite3.OperationalError:  # an expression this SQLite cannot read: no match
            return 0

    def rename_search(self, search_id: int, name: str) -> None:
        """Raises :class:`SavedSearchError` when another saved search has that name."""
        try:
            with self._write() as conn:
                conn.execute(
                    "UPDATE saved_searches SET name = ? WHERE id = ?", (_name(name), search_id)
                )
        except sqlite3.IntegrityError as exc:
            raise SavedSearchError(f"a saved search is already called {name.strip()!r}") from exc

    def delete_search(self, search_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM saved_searches WHERE id = ?", (search_id,))

    def set_search_watched(self, search_id: int, watched: bool) -> None:
        with self._write() as conn:
            conn.execute(
                "UPDATE saved_searches SET watched = ? WHERE id = ?", (int(watched), search_id)
            )

    def search_matches(self, search_id: int, after: int = 0) -> set[int]:
        """The articles the saved search finds among those whose id is above ``after`` (the
        watch check asks about the articles a refresh just stored: the newest ids)."""
        try:
            rows = self._conn().execute(
                f"{SAVED_SEARCH_MATCHES} AND m.rowid > ?", (search_id, after)
            )
            return {int(r[0]) for r in rows}
        except sqlite3.OperationalError:  # an expression this SQLite cannot read: no match
            return set()

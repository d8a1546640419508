"""Reading articles: pages of a list, single articles, and the read and starred marks.

List queries walk the ``(sort_key DESC, id DESC)`` indexes, so a page of a 50,000-article list
never loads or sorts the whole table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tui.core.models import Article, ArticleScope, ArticleSummary
from tui.store.repository.connections import Connections
from tui.store.repository.enclosures import read_enclosures
from tui.store.repository.rows import (
    ARTICLE_SELECT,
    SUMMARY_COLUMNS,
    SUMMARY_SELECT,
    article_from_row,
    chunks,
    marks,
    named,
    scope_where,
    summary_from_row,
)


class Articles(Connections):
    """The articles table, as the reader lists and marks it."""

    def count_articles(self, scope: ArticleScope) -> int:
        where, params = scope_where(scope)
        row = self._conn().execute(f"SELECT count(*) FROM articles a WHERE {where}", params)
        return int(row.fetchone()[0])

    def article_page(self, scope: ArticleScope, offset: int, limit: int) -> list[ArticleSummary]:
        """One page of the scope's list, newest first."""
        where, params = scope_where(scope)
        # The LIMIT inside the subquery keeps SQLite from flattening it into the join, so the
        # page is cut from the index before any feed row is looked up.
        rows = named(
            self._conn(),
            f"SELECT {SUMMARY_SELECT}"
            f" FROM (SELECT {SUMMARY_COLUMNS}, a.sort_key FROM articles a WHERE {where}"
            "  ORDER BY a.sort_key DESC, a.id DESC LIMIT ? OFFSET ?) a"
            " JOIN feeds f ON f.id = a.feed_id ORDER BY a.sort_key DESC, a.id DESC",
            (*params, max(0, limit), max(0, offset)),
        )
        return [summary_from_row(r) for r in rows]

    def article_ids(self, scope: ArticleScope, limit: int | None = None) -> list[int]:
        """Every id in the scope (or the first ``limit``), newest first, read from an index."""
        where, params = scope_where(scope)
        rows = self._conn().execute(
            f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.sort_key DESC, a.id DESC"
            " LIMIT ?",
            (*params, -1 if limit is None else max(0, limit)),
        )
        return [r[0] for r in rows]

    def summaries(self, ids: Sequence[int]) -> list[ArticleSummary]:
        """Summaries for ``ids``, in the order given (unknown ids are left out)."""
        found: dict[int, ArticleSummary] = {}
        for chunk in chunks(list(ids)):
            rows = named(
                self._conn(),
                f"SELECT {SUMMARY_SELECT} FROM articles a"
                f" JOIN feeds f ON f.id = a.feed_id WHERE a.id IN ({marks(len(chunk))})",
                tuple(chunk),
            )
            found.update((r["id"], summary_from_row(r)) for r in rows)
        return [found[i] for i in ids if i in found]

    def article(self, article_id: int) -> Article | None:
        """The article with its enclosures."""
        conn = self._conn()
        row = named(conn, f"{ARTICLE_SELECT} WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        enclosures = read_enclosures(conn, [article_id]).get(article_id, ())
        return replace(article_from_row(row), enclosures=enclosures)

    def articles(self, ids: Sequence[int]) -> list[Article]:
        """The articles of ``ids`` with their enclosures, in the order given (unknown ids are
        left out)."""
        conn = self._conn()
        found: dict[int, Article] = {}
        for chunk in chunks(list(ids)):
            rows = named(conn, f"{ARTICLE_SELECT} WHERE a.id IN ({marks(len(chunk))})", chunk)
            found.update((r["id"], article_from_row(r)) for r in rows)
        for article_id, enclosures in read_enclosures(conn, list(found)).items():
            found[article_id] = replace(found[article_id], enclosures=enclosures)
        return [found[i] for i in ids if i in found]

    def set_read(self, ids: Sequence[int], read: bool = True) -> None:
        """Mark ``ids`` read or unread; marking unread also keeps them from retention."""
        with self._write() as conn:
            for chunk in chunks(list(ids)):
                conn.execute(
                    "UPDATE articles SET read = ?, kept_unread = ?"
                    f" WHERE id IN ({marks(len(chunk))})",
                    (int(read), int(not read), *chunk),
                )

    def set_starred(self, article_id: int, starred: bool) -> None:
        with self._write() as conn:
            conn.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    def mark_scope_read(self, scope: ArticleScope) -> int:
        """Mark every unread article of the scope read; returns how many changed."""
        where, params = scope_where(scope)
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
        where, params = scope_where(scope)
        where += " AND a.read = 0"
        order = "DESC" if forward else "ASC"
        anchor = None
        if from_id is not None:
            anchor = named(
                self._conn(), "SELECT sort_key, id FROM articles WHERE id = ?", (from_id,)
            ).fetchone()
        if anchor is not None:
            cmp = "<" if forward else ">"
            where += f" AND (a.sort_key {cmp} ? OR (a.sort_key = ? AND a.id {cmp} ?))"
            params += [anchor["sort_key"], anchor["sort_key"], anchor["id"]]
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

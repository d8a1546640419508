"""Stories: each grouped article's story and grouping features, and the lists built on them.

A story's id is the smallest article id in it. An article not grouped yet (stored since the last
grouping) is listed as a story of its own, under its own id, which no story can have.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from tui.core.models import ArticleScope, ArticleSummary, StorySummary
from tui.core.urls import shown_url
from tui.store.repository.connections import Connections
from tui.store.repository.rows import (
    FEED_TITLE,
    SUMMARY_SELECT,
    chunks,
    from_epoch,
    marks,
    named,
    scope_where,
    summary_from_row,
)
from tui.store.text import plain_text

_SUMMARY_CHARS = 600  # of the summary: its first sentences say what the event is
_STATE_DOCS = "stories.term_docs"
_STATE_VERSION = "stories.features_version"

# Story id of every article (ungrouped ones are their own story).
_STORY_OF = "coalesce((SELECT s.story_id FROM story_articles s WHERE s.article_id = a.id), a.id)"


class Stories(Connections):
    """The ``story_articles`` and ``story_terms`` tables."""

    # -- grouping --------------------------------------------------------------------------

    def ungrouped_articles(self, limit: int) -> list[tuple[int, int, int, str, str]]:
        """Up to ``limit`` articles not grouped yet, oldest first: (id, feed id, sort_key,
        title, summary as plain text)."""
        rows = self._conn().execute(
            "SELECT a.id, a.feed_id, a.sort_key, a.title, a.summary_html, a.content_html"
            " FROM articles a"
            " WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)"
            " ORDER BY a.sort_key, a.id LIMIT ?",
            (limit,),
        )
        out = []
        for article_id, feed_id, at, title, summary_html, content_html in rows:
            summary = plain_text((summary_html or content_html)[: _SUMMARY_CHARS * 4])
            out.append(
                (int(article_id), int(feed_id), int(at), str(title), summary[:_SUMMARY_CHARS])
            )
        return out

    def story_window(self, start: int, end: int) -> list[tuple[int, int, int, str]]:
        """Grouped articles with ``start <= at <= end``: (article id, story id, at, features)."""
        rows = self._conn().execute(
            "SELECT article_id, story_id, at, features FROM story_articles"
            " WHERE at BETWEEN ? AND ?",
            (start, end),
        )
        return [(int(r[0]), int(r[1]), int(r[2]), str(r[3])) for r in rows]

    def save_placement(
        self, placed: Sequence[tuple[int, int, int, str]], merged: Mapping[int, int]
    ) -> None:
        """Store new articles' stories and features (article id, story id, at, features) and
        move the members of each ``merged`` story to the story it joined; one transaction.
        Articles deleted meanwhile are left out."""
        with self._write() as conn:
            for old, new in merged.items():
                conn.execute(
                    "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (new, old)
                )
            conn.executemany(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id, at, features)"
                " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)",
                [(aid, story, at, features, aid) for aid, story, at, features in placed],
            )

    def story_terms(self) -> tuple[int, dict[str, int], str | None]:
        """The term statistics in use: (articles counted, term -> articles, features version)."""
        conn = self._conn()
        state = dict(
            conn.execute(
                "SELECT key, value FROM state WHERE key IN (?, ?)", (_STATE_DOCS, _STATE_VERSION)
            ).fetchall()
        )
        df = {str(t): int(n) for t, n in conn.execute("SELECT term, docs FROM story_terms")}
        docs = int(state.get(_STATE_DOCS, 0) or 0)
        return docs, df, state.get(_STATE_VERSION)

    def restart_stories(self, docs: int, df: Mapping[str, int], version: str) -> None:
        """Forget every story and store new term statistics (a regrouping follows)."""
        with self._write() as conn:
            conn.execute("DELETE FROM story_articles")
            conn.execute("DELETE FROM story_terms")
            conn.executemany(
                "INSERT INTO story_terms (term, docs) VALUES (?, ?)", sorted(df.items())
            )
            conn.executemany(
                "INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)",
                [(_STATE_DOCS, str(docs)), (_STATE_VERSION, version)],
            )

    def grouped_count(self) -> int:
        return int(self._conn().execute("SELECT count(*) FROM story_articles").fetchone()[0])

    def article_total(self) -> int:
        return int(self._conn().execute("SELECT count(*) FROM articles").fetchone()[0])

    # -- reading ---------------------------------------------------------------------------

    def story_ids(self, scope: ArticleScope) -> list[int]:
        """Stories with an article in ``scope``, the newest first (by their newest article in
        the scope)."""
        where, params = scope_where(scope)
        rows = self._conn().execute(
            f"SELECT {_STORY_OF} AS story, max(a.sort_key) AS newest FROM articles a"
            f" WHERE {where} GROUP BY story ORDER BY newest DESC, story DESC",
            params,
        )
        return [int(r[0]) for r in rows]

    def _member_ids(self, conn: sqlite3.Connection, story_ids: Sequence[int]) -> dict[int, int]:
        """article id -> story id for the members of ``story_ids`` (ungrouped ones included)."""
        members: dict[int, int] = {}
        for chunk in chunks(list(story_ids)):
            qs = marks(len(chunk))
            for aid, sid in conn.execute(
                f"SELECT article_id, story_id FROM story_articles WHERE story_id IN ({qs})",
                tuple(chunk),
            ):
                members[int(aid)] = int(sid)
            for (aid,) in conn.execute(
                f"SELECT id FROM articles WHERE id IN ({qs}) AND NOT EXISTS"
                " (SELECT 1 FROM story_articles s WHERE s.article_id = articles.id)",
                tuple(chunk),
            ):
                members[int(aid)] = int(aid)
        return members

    def stories_of(self, article_ids: Sequence[int]) -> dict[int, int]:
        """article id -> the story it is in now (grouping merges stories and groups articles
        listed alone until then: their story's id changes); deleted articles left out."""
        conn = self._conn()
        found: dict[int, int] = {}
        for chunk in chunks(list(article_ids)):
            rows = conn.execute(
                f"SELECT a.id, {_STORY_OF} FROM articles a WHERE a.id IN ({marks(len(chunk))})",
                tuple(chunk),
            )
            found.update((int(r[0]), int(r[1])) for r in rows)
        return found

    def story_summaries(self, story_ids: Sequence[int]) -> list[StorySummary]:
        """The rows of ``story_ids``, in the order given (unknown ones left out)."""
        conn = self._conn()
        members = self._member_ids(conn, story_ids)
        rows: dict[int, list[Any]] = {}
        for chunk in chunks(list(members)):
            for r in named(
                conn,
                f"SELECT a.id, a.feed_id, a.title, a.read, a.sort_key, a.published,"
                f" {FEED_TITLE} AS feed_title FROM articles a JOIN feeds f ON f.id = a.feed_id"
                f" WHERE a.id IN ({marks(len(chunk))})",
                tuple(chunk),
            ):
                rows.setdefault(members[r["id"]], []).append(r)
        out = []
        for sid in story_ids:
            got = rows.get(sid)
            if not got:
                continue
            lead = min(got, key=lambda r: (r["sort_key"], r["id"]))
            newest = max(got, key=lambda r: (r["sort_key"], r["id"]))
            out.append(
                StorySummary(
                    id=sid,
                    lead_id=lead["id"],
                    title=lead["title"],
                    feed_title=shown_url(lead["feed_title"]),
                    sources=len({r["feed_id"] for r in got}),
                    articles=len(got),
                    unread=sum(1 for r in got if not r["read"]),
                    newest=from_epoch(newest["published"] or newest["sort_key"]),
                )
            )
        return out

    def story_articles(self, story_id: int) -> list[ArticleSummary]:
        """The articles of a story, newest first."""
        conn = self._conn()
        ids = list(self._member_ids(conn, [story_id]))
        found: list[ArticleSummary] = []
        for chunk in chunks(ids):
            rows = named(
                conn,
                f"SELECT {SUMMARY_SELECT}, a.sort_key FROM articles a"
                f" JOIN feeds f ON f.id = a.feed_id WHERE a.id IN ({marks(len(chunk))})"
                " ORDER BY a.sort_key DESC, a.id DESC",
                tuple(chunk),
            )
            found += [summary_from_row(r) for r in rows]
        return found

    def stories_since(self, since: int | None) -> list[int]:
        """Stories whose newest article is at or after ``since`` (Unix seconds; None: all),
        newest first."""
        ids = self.story_ids(ArticleScope())
        if since is None:
            return ids
        rows = self._conn().execute(
            f"SELECT {_STORY_OF} AS story FROM articles a WHERE a.sort_key >= ? GROUP BY story",
            (since,),
        )
        recent = {int(r[0]) for r in rows}
        return [i for i in ids if i in recent]

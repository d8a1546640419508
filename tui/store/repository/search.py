"""Full-text search, and the lookups the entity pivot makes ("articles naming Mexico")."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence

from tui.core.models import ArticleSummary
from tui.store.fts import any_of, fts_query
from tui.store.repository.connections import Connections
from tui.store.repository.rows import (
    SUMMARY_SELECT,
    chunks,
    marks,
    named,
    summary_from_row,
)
from tui.store.schema import TARIFF_SCAN_SUFFIX
from tui.store.text import index_form

_OLDEST = -(2**63)  # below every sort_key and id


class Search(Connections):
    """The search index (``article_fts``) and the entities of extracted articles."""

    # At most this many matches are sorted by date; more, and the date index is walked instead.
    _FEW_MATCHES = 2000

    def search(self, query: str, limit: int = 500) -> list[ArticleSummary]:
        """Articles whose title or text match ``query``, newest first.

        The user's words are quoted (see :mod:`tui.store.fts`), so no text can cause an FTS
        syntax error; "quoted phrases", ``word*`` prefixes and ``OR`` keep their meaning.
        """
        return self._match(fts_query(query), limit)

    def articles_with_entity(self, label: str, name: str) -> set[int]:
        """Articles whose stored extraction names the entity ``name`` (canonical) of ``label``."""
        rows = self._conn().execute(
            "SELECT article_id FROM article_entities WHERE label = ? AND name = ?", (label, name)
        )
        return {int(r[0]) for r in rows}

    def name_matches(self, names: Sequence[str]) -> set[int]:
        """Every article whose indexed title or text holds one of ``names`` as a phrase, in any
        case (candidates for the entity pivot, to be read: "US" also finds "us", and "Mexico"
        finds "New Mexico")."""
        expression = any_of([index_form(n) for n in names])
        if expression is None:
            return set()
        try:
            rows = self._conn().execute(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH ?", (expression,)
            )
            return {int(r[0]) for r in rows}
        except sqlite3.OperationalError:
            return set()

    def pages_newest_first(self, size: int = 2000) -> Iterator[list[int]]:
        """Every article id in list order (newest first), ``size`` at a time: a walk that may
        stop early (keyset pages on ``articles_by_time``)."""
        conn = self._conn()
        query = "SELECT sort_key, id FROM articles INDEXED BY articles_by_time{}"
        query += " ORDER BY sort_key DESC, id DESC LIMIT ?"
        rows = named(conn, query.format(""), (size,)).fetchall()
        while rows:
            yield [int(r["id"]) for r in rows]
            if len(rows) < size:
                return
            last = rows[-1]
            rows = named(
                conn,
                query.format(" WHERE (sort_key, id) < (?, ?)"),
                (last["sort_key"], last["id"], size),
            ).fetchall()

    def entity_extracted(self, ids: Sequence[int]) -> set[int]:
        """Those of ``ids`` whose entities were extracted (a tariff check alone finds none)."""
        found: set[int] = set()
        for chunk in chunks(list(ids)):
            rows = self._conn().execute(
                "SELECT article_id FROM extractions"
                f" WHERE article_id IN ({marks(len(chunk))}) AND version NOT LIKE ?",
                (*chunk, f"%{TARIFF_SCAN_SUFFIX}"),
            )
            found.update(int(r[0]) for r in rows)
        return found

    def indexed_texts(self, ids: Sequence[int], containing: Sequence[str]) -> dict[int, str]:
        """The title and text the search index holds (plain text) for those of ``ids`` that
        hold one of ``containing`` as written (``instr`` is case-sensitive, and runs in SQLite:
        the texts that cannot match never reach Python)."""
        forms = [index_form(n) for n in containing if n]
        if not forms:
            return {}
        cased = " OR ".join(["instr(title, ?) > 0 OR instr(body, ?) > 0"] * len(forms))
        found: dict[int, str] = {}
        for chunk in chunks(list(ids)):
            rows = named(
                self._conn(),
                "SELECT rowid, title, body FROM article_fts"
                f" WHERE rowid IN ({marks(len(chunk))}) AND ({cased})",
                (*chunk, *(f for form in forms for f in (form, form))),
            )
            found.update((int(r["rowid"]), f"{r['title']}\n\n{r['body']}") for r in rows)
        return found

    def _match(self, expression: str | None, limit: int) -> list[ArticleSummary]:
        """The newest ``limit`` articles matching ``expression``, newest first.

        FTS5 yields matches in rowid (insertion) order, and an article inserted late can be
        old, so the newest matches need ordering by date. A first look at the match set, which
        stops after ``_FEW_MATCHES + 1`` rows, picks how: few matches are fetched and sorted
        (cost grows with the matches); many are found by walking the date index newest first
        (see :meth:`_walk_matches`). Sorting all 50,000 matches of "the" took 90 ms.
        """
        if expression is None or limit <= 0:
            return []
        conn = self._conn()
        try:
            first = [
                int(r[0])
                for r in conn.execute(
                    "SELECT rowid FROM article_fts WHERE article_fts MATCH ? LIMIT ?",
                    (expression, self._FEW_MATCHES + 1),
                )
            ]
            if len(first) <= self._FEW_MATCHES:
                rows = named(
                    conn,
                    f"SELECT {SUMMARY_SELECT} FROM articles a"
                    " JOIN feeds f ON f.id = a.feed_id"
                    " WHERE a.id IN (SELECT value FROM json_each(?))"
                    " ORDER BY a.sort_key DESC, a.id DESC LIMIT ?",
                    (json.dumps(first), limit),
                ).fetchall()
            else:
                rows = self._walk_matches(conn, expression, limit, first)
            return [summary_from_row(r) for r in rows]
        except sqlite3.OperationalError:
            return []  # belt and braces: fts_query() already quotes everything

    def _walk_matches(
        self, conn: sqlite3.Connection, expression: str, limit: int, first: list[int]
    ) -> list[sqlite3.Row]:
        """Rows for :meth:`_match` when many articles match: ``articles_by_time`` is walked
        newest first, each id tested against the match set, until ``limit`` are found.

        The match set is built whole, which costs about 0.1 us per match, so it is cut to
        ``rowid >= floor``, where ``floor`` is the lowest id among a window of the newest
        articles, when that cuts much: the walk then stops at the window's oldest article and,
        with fewer than ``limit`` found, a window 8 times wider is tried. When articles arrive
        in date order (regular refreshes) the window's ids are the recent ones and the cut is
        deep; after a cold refresh of many feeds' backlogs it is not, and the set is built whole.
        """
        # Two subqueries: each is one b-tree probe, a joint min(id), max(id) is a full scan.
        lowest, highest = conn.execute(
            "SELECT (SELECT min(id) FROM articles), (SELECT max(id) FROM articles)"
        ).fetchone()
        if lowest is None:
            return []
        # Matches per id, from the first look (rowids ascending): sizes the first window.
        density = len(first) / max(1, first[-1] - lowest + 1)
        window = max(2 * limit, int(2 * limit / density))
        newest = "FROM articles INDEXED BY articles_by_time ORDER BY sort_key DESC, id DESC"
        walk = (
            f"SELECT {SUMMARY_SELECT}"
            " FROM (SELECT a.id, a.sort_key FROM articles a INDEXED BY articles_by_time"
            "  WHERE (a.sort_key, a.id) >= (?, ?) AND a.id IN"
            "  (SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rowid >= ?)"
            "  ORDER BY a.sort_key DESC, a.id DESC LIMIT ?) m"
            " JOIN articles a ON a.id = m.id JOIN feeds f ON f.id = a.feed_id"
            " ORDER BY m.sort_key DESC, m.id DESC"
        )
        while True:
            floor, seen = conn.execute(
                f"SELECT min(id), count(*) FROM (SELECT id {newest} LIMIT ?)", (window,)
            ).fetchone()
            if seen < window or floor - lowest < (highest - lowest) // 2:
                # The window is everything, or reaches back to ids too old to cut much.
                return named(conn, walk, (_OLDEST, _OLDEST, expression, lowest, limit)).fetchall()
            edge = conn.execute(f"SELECT sort_key, id {newest} LIMIT 1 OFFSET ?", (window - 1,))
            edge_key, edge_id = edge.fetchone()
            rows = named(conn, walk, (edge_key, edge_id, expression, floor, limit)).fetchall()
            if len(rows) >= limit:
                return rows
            window *= 8

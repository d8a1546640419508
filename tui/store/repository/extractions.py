"""The extraction cache: each article's entities and tariff rows by extractor version, the
tariff checks made at refresh, and the tariff rows across the cache (the tracker's)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime
from typing import Any

from tui.core.models import Entity, Extraction, TariffRow, TrackedTariff
from tui.store.repository.connections import Connections
from tui.store.repository.rows import (
    INSERT_TARIFF_ROW,
    REPORT_ORDER,
    TRACKED_FROM,
    chunks,
    marks,
    now,
    tariff_params,
    tracked_rows,
)
from tui.store.schema import TARIFF_SCAN_SUFFIX


def tariff_scan_version(version: str) -> str:
    """The version stored for an article only checked for tariff rows by extractor ``version``
    (see :meth:`Extractions.save_tariff_scans`)."""
    return f"{version}{TARIFF_SCAN_SUFFIX}"


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "label": entity.label,
        "mentions": [list(m) for m in entity.mentions],
    }


def _entity_from_json(data: dict[str, Any]) -> Entity:
    mentions = tuple((int(m[0]), int(m[1])) for m in data["mentions"])
    return Entity(name=data["name"], label=data["label"], mentions=mentions)


def _payload(text: str, entities: Sequence[Entity], tariffs: Sequence[TariffRow]) -> str:
    data = {
        "text": text,
        "entities": [_entity_json(e) for e in entities],
        "tariffs": [t.to_dict() for t in tariffs],
    }
    return json.dumps(data, ensure_ascii=False)


_EMPTY_SCAN = _payload("", (), ())


def _has_full_text(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, bool]:
    """Whether each existing article of ``ids`` has a fetched full text."""
    found: dict[int, bool] = {}
    for chunk in chunks(list(ids)):
        rows = conn.execute(
            "SELECT id, coalesce(full_text, '') <> '' FROM articles"
            f" WHERE id IN ({marks(len(chunk))})",
            tuple(chunk),
        )
        found.update((int(r[0]), bool(r[1])) for r in rows)
    return found


class Extractions(Connections):
    """The ``extractions``, ``tariff_rows`` and ``article_entities`` tables."""

    def save_extraction(
        self, article_id: int, extraction: Extraction, *, from_full_text: bool | None = None
    ) -> None:
        """Store an article's extraction, replacing any older one and its tariff rows.

        ``from_full_text`` says which text it was made from (the fetched full text or the feed's);
        when given and the article's text changed meanwhile (a full text arrived while the feed
        text was being extracted), nothing is stored: the extraction is of a text no longer shown.
        """
        payload = _payload(extraction.text, extraction.entities, extraction.tariffs)
        with self._write() as conn:
            has_full = _has_full_text(conn, [article_id])
            if article_id not in has_full:
                return
            if from_full_text is not None and has_full[article_id] != from_full_text:
                return
            conn.execute(
                "INSERT OR REPLACE INTO extractions (article_id, version, payload, created_at)"
                " VALUES (?, ?, ?, ?)",
                (article_id, extraction.version, payload, now()),
            )
            conn.execute("DELETE FROM tariff_rows WHERE article_id = ?", (article_id,))
            conn.executemany(
                INSERT_TARIFF_ROW,
                [tariff_params(article_id, extraction.version, t) for t in extraction.tariffs],
            )
            conn.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT OR IGNORE INTO article_entities (label, name, article_id) VALUES (?, ?, ?)",
                [(e.label, e.name, article_id) for e in extraction.entities],
            )

    def extraction(self, article_id: int, version: str) -> Extraction | None:
        """The cached extraction of an article made by ``version`` (None when absent or older)."""
        row = (
            self._conn()
            .execute(
                "SELECT payload FROM extractions WHERE article_id = ? AND version = ?",
                (article_id, version),
            )
            .fetchone()
        )
        if row is None:
            return None
        try:
            data = json.loads(row[0])
            return Extraction(
                version=version,
                text=data["text"],
                entities=tuple(_entity_from_json(e) for e in data["entities"]),
                tariffs=tuple(TariffRow.from_dict(t) for t in data["tariffs"]),
            )
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # a damaged cache entry is simply recomputed

    def unextracted_ids(self, version: str, limit: int = 1000) -> list[int]:
        """Newest articles with no extraction by ``version``, nor a tariff check by it
        (:func:`tariff_scan_version`): those still to check for tariff rows."""
        rows = self._conn().execute(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM extractions x"
            " WHERE x.article_id = a.id AND x.version IN (?, ?))"
            " ORDER BY a.sort_key DESC, a.id DESC LIMIT ?",
            (version, tariff_scan_version(version), limit),
        )
        return [r[0] for r in rows]

    def unextracted_count(self, version: str) -> int:
        """How many articles :meth:`unextracted_ids` would give without a limit."""
        row = (
            self._conn()
            .execute(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM extractions x"
                " WHERE x.article_id = a.id AND x.version IN (?, ?))",
                (version, tariff_scan_version(version)),
            )
            .fetchone()
        )
        return int(row[0])

    def extraction_versions(self, ids: Sequence[int]) -> dict[int, str]:
        """The version of the stored extraction (or tariff check) of each of ``ids`` having one."""
        found: dict[int, str] = {}
        for chunk in chunks(list(ids)):
            rows = self._conn().execute(
                f"SELECT article_id, version FROM extractions"
                f" WHERE article_id IN ({marks(len(chunk))})",
                tuple(chunk),
            )
            found.update((int(r[0]), str(r[1])) for r in rows)
        return found

    def save_tariff_scans(
        self,
        scans: Sequence[tuple[int, Sequence[TariffRow]]],
        *,
        version: str,
        keep: str,
        from_full_text: Collection[int] | None = None,
    ) -> None:
        """Record that each article was checked for tariffs by ``version``, with the rows found
        (one transaction). An article whose stored extraction is by ``keep`` (a full extraction,
        made meanwhile) is left as it is, and so are articles deleted meanwhile. With
        ``from_full_text`` (the ids checked in their fetched full text), so is an article whose
        text changed meanwhile (see :meth:`save_extraction`)."""
        if not scans:
            return
        stored_at = now()
        with self._write() as conn:
            wanted = [article_id for article_id, _rows in scans]
            present: set[int] = set()
            for chunk in chunks(wanted):
                present.update(
                    r[0]
                    for r in conn.execute(
                        f"SELECT id FROM articles WHERE id IN ({marks(len(chunk))}) AND NOT EXISTS"
                        " (SELECT 1 FROM extractions x WHERE x.article_id = articles.id"
                        "  AND x.version = ?)",
                        (*chunk, keep),
                    )
                )
            if from_full_text is not None:
                full = set(from_full_text)
                has_full = _has_full_text(conn, list(present))
                present = {aid for aid in present if has_full.get(aid) == (aid in full)}
            chosen = [(aid, rows) for aid, rows in scans if aid in present]
            if not chosen:
                return
            for chunk in chunks([aid for aid, _rows in chosen]):
                for table in ("tariff_rows", "article_entities"):  # a check has no entities
                    conn.execute(
                        f"DELETE FROM {table} WHERE article_id IN ({marks(len(chunk))})",
                        tuple(chunk),
                    )
            conn.executemany(
                "INSERT OR REPLACE INTO extractions (article_id, version, payload, created_at)"
                " VALUES (?, ?, ?, ?)",
                [
                    (aid, version, _payload("", (), rows) if rows else _EMPTY_SCAN, stored_at)
                    for aid, rows in chosen
                ],
            )
            conn.executemany(
                INSERT_TARIFF_ROW,
                [tariff_params(aid, version, t) for aid, rows in chosen for t in rows],
            )

    def tariff_history(
        self,
        country: str | None = None,
        since: date | None = None,
        *,
        exclude_feeds: Sequence[str] = (),
    ) -> list[TrackedTariff]:
        """Tariff rows across the cache, oldest report first (each article's in text order).

        ``country`` matches the canonical name or the ISO code, ignoring case; ``since`` keeps
        rows reported (article date) on or after that day; rows of articles from the feeds whose
        URLs are in ``exclude_feeds`` are left out.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if exclude_feeds:
            clauses.append(f"f.url NOT IN ({marks(len(exclude_feeds))})")
            params += list(exclude_feeds)
        if country:
            clauses.append("(t.country = ? COLLATE NOCASE OR t.iso = ? COLLATE NOCASE)")
            params += [country, country]
        if since is not None:
            start = datetime(since.year, since.month, since.day, tzinfo=UTC)
            clauses.append("a.sort_key >= ?")
            params.append(int(start.timestamp()))
        where = " AND ".join(clauses) or "1"
        return tracked_rows(
            self._conn().execute(f"{TRACKED_FROM} WHERE {where} {REPORT_ORDER}", params)
        )

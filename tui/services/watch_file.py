"""The watch list and the saved searches as a JSON file beside an OPML file.

Beside the subscriptions' OPML copy (``subscriptions.opml`` in the data folder) the app keeps
``subscriptions.watches.json``, rewritten on every change to the watches or saved searches, so
a damaged database loses them no more than the subscriptions (both are restored from the
copies). ``newsreader export FILE.opml`` writes ``FILE.watches.json`` beside the OPML it writes,
and ``newsreader import FILE.opml`` reads that file when it is there.

The file::

    {"newsreader": "watches", "version": 1,
     "countries": ["Vietnam"],
     "entities": [{"label": "PERSON", "name": "Ann Lee"}],
     "searches": [{"name": "Steel", "query": "steel OR aluminium", "watched": true}]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.countries import country_by_iso, country_by_name
from tui.core.watching import Watch
from tui.services.whole_file import write_whole
from tui.store.repository import Repository, SavedSearchError

__all__ = [
    "MAX_WATCH_FILE_BYTES",
    "WatchFileError",
    "WatchList",
    "apply_watches",
    "export_watches",
    "read_watches",
    "watches_file_for",
    "write_watches_file",
]

MAX_WATCH_FILE_BYTES = 1_000_000
_MAX_ENTRIES = 10_000
_LABELS = ("PERSON", "ORG", "GPE")


class WatchFileError(ValueError):
    """A watches file that cannot be read; the message is one line."""


def watches_file_for(opml: Path) -> Path:
    """The watches file beside ``opml``: ``feeds.opml`` -> ``feeds.watches.json``."""
    return opml.with_name(f"{opml.stem}.watches.json")


def export_watches(repo: Repository) -> str:
    watches = repo.watches()
    document = {
        "newsreader": "watches",
        "version": 1,
        "countries": [w.name for w in watches if w.kind == "country"],
        "entities": [{"label": w.label, "name": w.name} for w in watches if w.kind == "entity"],
        "searches": [
            {"name": s.name, "query": s.query, "watched": s.watched} for s in repo.saved_searches()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_watches_file(repo: Repository, path: Path) -> None:
    """Write the file (atomically: a crash, or another writer at the same time, leaves a
    whole file)."""
    write_whole(path, export_watches(repo))


def _strings(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise WatchFileError(f"{what} must be a list of names")
    return [v.strip() for v in value[:_MAX_ENTRIES]]


def _records(value: Any, what: str, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(
        isinstance(v, dict) and all(isinstance(v.get(k), str) for k in keys) for v in value
    ):
        raise WatchFileError(f"{what} must be a list of objects with {', '.join(keys)}")
    return list(value[:_MAX_ENTRIES])


def _country(name: str) -> str:
    """A country as the tariff rows name it, by any of its names or its ISO code ("viet nam",
    "VN": Vietnam); else as written (a bloc the rows may name). A watch spelt otherwise than
    the rows matched none of them, and never alerted."""
    found = country_by_name(name) or country_by_iso(name)
    return found.name if found else name


@dataclass(frozen=True, slots=True)
class WatchList:
    """What a watches file holds: the watches, and each saved search as (name, query, watched)."""

    watches: tuple[Watch, ...]
    searches: tuple[tuple[str, str, bool], ...]


def read_watches(data: bytes) -> WatchList:
    """Parse a watches file; raises :class:`WatchFileError` when it is not one."""
    if len(data) > MAX_WATCH_FILE_BYTES:
        raise WatchFileError(f"larger than {MAX_WATCH_FILE_BYTES // 1_000_000} MB")
    try:
        document = json.loads(data.decode("utf-8-sig"))  # a BOM an editor wrote is no text
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WatchFileError(f"not a watches file ({type(exc).__name__})") from exc
    if not isinstance(document, dict) or document.get("newsreader") != "watches":
        raise WatchFileError('not a watches file (no "newsreader": "watches")')
    countries = _strings(document.get("countries", []), "countries")
    entities = _records(document.get("entities", []), "entities", ("label", "name"))
    searches = _records(document.get("searches", []), "searches", ("name", "query"))
    if any(e["label"] not in _LABELS for e in entities):
        raise WatchFileError(f"an entity's label must be one of {', '.join(_LABELS)}")
    if any(not e["name"].strip() for e in entities):
        raise WatchFileError("an entity's name must not be empty")
    watches = [Watch.country(_country(c)) for c in countries]
    watches += [Watch.entity(e["label"], e["name"].strip()) for e in entities]
    saved = tuple((r["name"], r["query"], r.get("watched") is True) for r in searches)
    return WatchList(tuple(watches), saved)


def apply_watches(repo: Repository, found: WatchList) -> int:
    """Add the watches and saved searches of ``found``; returns how many were new."""
    added = repo.add_watches(found.watches)
    known = {s.query for s in repo.saved_searches()}
    for name, query, watched in found.searches:
        try:
            saved = repo.save_search(query, name)
        except SavedSearchError:
            continue  # a query with nothing to search for: nothing to keep
        if saved.query not in known:
            known.add(saved.query)
            added += 1
        if watched and not saved.watched:
            repo.set_search_watched(saved.id, True)
    return added

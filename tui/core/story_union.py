"""The entities and tariff rates of a story: the union over its articles, each with its sources.

A story's articles come from several feeds (its sources). The union lists every entity any of
them names and every rate any of them reports, once, with the sources that give it, so a reader
sees at a glance what all outlets agree on and what only some say.

One article of the story is *shown* in the body; its own entities and rows are kept as they are
(their offsets point into its text, so enter can highlight them). An entity or a row only other
articles give carries no offsets: there is nothing of it to highlight in the shown text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.models import Entity, EntityLabel, Extraction, TariffRow

__all__ = ["SourcedEntity", "SourcedTariff", "StoryUnion", "country_key", "story_union"]


@dataclass(frozen=True, slots=True)
class SourcedEntity:
    """An entity of the story and the sources that name it."""

    entity: Entity
    sources: tuple[str, ...]
    mentions: int
    """Mentions over the whole story (``entity.count`` is the shown article's alone)."""


@dataclass(frozen=True, slots=True)
class SourcedTariff:
    """A rate of the story (one country, rate, status and date) and the sources that give it."""

    row: TariffRow
    sources: tuple[str, ...]
    differs: bool
    """Some source gives a rate for this country but not this one: the sources disagree."""


@dataclass(frozen=True, slots=True)
class StoryUnion:
    """What the side panes show for a story."""

    sources: tuple[str, ...]
    """Every source of the story, the shown article's first."""
    entities: tuple[SourcedEntity, ...]
    tariffs: tuple[SourcedTariff, ...]


def _entity_key(entity: Entity) -> tuple[EntityLabel, str]:
    return entity.label, entity.name.casefold()


def country_key(row: TariffRow) -> str:
    """What two rows of one country share (its code, else its name)."""
    return row.iso or row.country.casefold()


def _rate_key(row: TariffRow) -> tuple[str, float, float | None]:
    return country_key(row), row.rate_pct, row.rate_max_pct


def _row_key(row: TariffRow) -> tuple[str, float, float | None, str, str]:
    effective = row.effective.isoformat() if row.effective else ""
    return (*_rate_key(row), row.status, effective)


def _add(sources: dict[object, list[str]], key: object, source: str) -> None:
    got = sources.setdefault(key, [])
    if source not in got:
        got.append(source)


def story_union(reports: Sequence[tuple[str, Extraction]], shown: int = 0) -> StoryUnion:
    """The union of ``reports`` (source name, extraction of one article), ``reports[shown]``
    being the article in the body.

    Entities are merged by label and name (letter case aside), most sources first, then most
    mentions; rates by country, rate, status and effective date, in the order the shown article
    and then the others give them, each country's rows together, so rates that differ between
    sources stand next to each other.
    """
    if not reports:
        return StoryUnion((), (), ())
    order = [shown, *(i for i in range(len(reports)) if i != shown)]
    every: list[str] = []
    entities: dict[tuple[EntityLabel, str], Entity] = {}
    mentions: dict[tuple[EntityLabel, str], int] = {}
    entity_sources: dict[object, list[str]] = {}
    rows: dict[tuple[str, float, float | None, str, str], TariffRow] = {}
    row_sources: dict[object, list[str]] = {}
    rate_sources: dict[object, list[str]] = {}
    country_sources: dict[object, list[str]] = {}
    for index in order:
        source, extraction = reports[index]
        if source not in every:
            every.append(source)
        own = index == shown
        for entity in extraction.entities:
            key = _entity_key(entity)
            if key not in entities:
                entities[key] = entity if own else dataclasses.replace(entity, mentions=())
            mentions[key] = mentions.get(key, 0) + entity.count
            _add(entity_sources, key, source)
        for row in extraction.tariffs:
            key_row = _row_key(row)
            if key_row not in rows:
                rows[key_row] = row if own else dataclasses.replace(row, evidence_span=(0, 0))
            _add(row_sources, key_row, source)
            _add(rate_sources, _rate_key(row), source)
            _add(country_sources, country_key(row), source)
    rank = {key: position for position, key in enumerate(entities)}
    sourced_entities = sorted(
        (
            SourcedEntity(entity, tuple(entity_sources[key]), mentions[key])
            for key, entity in entities.items()
        ),
        key=lambda e: (
            -len(e.sources),
            -e.mentions,
            rank[_entity_key(e.entity)],
        ),
    )
    countries = list(dict.fromkeys(country_key(row) for row in rows.values()))
    tariffs = sorted(
        (
            SourcedTariff(
                row,
                tuple(row_sources[key]),
                len(rate_sources[_rate_key(row)]) < len(country_sources[country_key(row)]),
            )
            for key, row in rows.items()
        ),
        key=lambda t: countries.index(country_key(t.row)),  # stable: each country's rows stay
    )
    return StoryUnion(tuple(every), tuple(sourced_entities), tuple(tariffs))

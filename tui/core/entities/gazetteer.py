"""One token-keyed table of every name the rules know: countries, places, organisations, titles,
region adjectives, demonyms and famous people (built once, on first use)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from tui.core.countries import all_countries
from tui.core.entities.tokens import TOKEN
from tui.core.orgs import known_orgs
from tui.core.people import TITLES, famous_people, given_names
from tui.core.places import all_places, region_adjectives

_PHRASE_STOP = (
    "America First",
    "Made in China",
    "Black Friday",
    "Cyber Monday",
    "New Year",
    "Rio Grande",
)

EntryKind = Literal["GPE", "ORG", "REGION", "ADJ", "DEMONYM", "TITLE", "PERSON", "STOP"]


@dataclass(frozen=True, slots=True)
class Entry:
    kind: EntryKind
    canonical: str
    acronym: str = ""  # ORG: its short form, used when it prefixes a longer name
    country: bool = False  # GPE: a country (not a city or state)
    division: bool = False  # GPE: a state, province or constituent nation ("Ontario")


@dataclass(frozen=True, slots=True)
class _Phrase:
    tokens: tuple[str, ...]
    gaps: tuple[str, ...]
    entry: Entry


@dataclass(frozen=True, slots=True)
class Index:
    phrases: dict[str, tuple[_Phrase, ...]]  # first token -> phrases, longest first
    given: frozenset[str]
    famous: dict[str, str]
    famous_full: frozenset[str]
    org_by_name: dict[str, Entry]


def _split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    toks: list[str] = []
    gaps: list[str] = []
    last_end = -1
    for m in TOKEN.finditer(name):
        if last_end >= 0:
            gaps.append(" ".join(name[last_end : m.start()].split(" ")).replace("\u00a0", " "))
        toks.append(m.group())
        last_end = m.end()
    return tuple(toks), tuple(gaps)


@cache
def phrase_index() -> Index:
    """All gazetteers folded into one token-keyed phrase table (built once, on first use)."""
    table: dict[tuple[str, ...], _Phrase] = {}

    def add(name: str, entry: Entry) -> None:
        if name.startswith("the "):
            name = name[4:]
        toks, gaps = _split_name(name)
        if toks and toks not in table:
            table[toks] = _Phrase(toks, gaps, entry)

    for country in all_countries():
        entry = Entry("GPE", country.name, country=True)
        add(country.name, entry)
        for alias in country.aliases:
            add(alias, entry)
    for place in all_places():
        kind: EntryKind = "REGION" if place.kind == "region" else "GPE"
        entry = Entry(kind, place.name, division=place.kind == "state")
        for name in (place.name, *place.aliases):
            add(name, entry)
    org_by_name: dict[str, Entry] = {}
    for org in known_orgs():
        entry = Entry("ORG", org.name, acronym=org.acronym)
        for name in org.names:
            add(name, entry)
            org_by_name.setdefault(name, entry)
    for stop in _PHRASE_STOP:
        add(stop, Entry("STOP", stop))
    for title in TITLES:
        add(title, Entry("TITLE", title))
    for adj in region_adjectives():
        add(adj, Entry("ADJ", adj))
    for country in all_countries():
        for dem in country.demonyms:
            add(dem, Entry("DEMONYM", dem))
            add(dem + "s", Entry("DEMONYM", dem))
    famous = famous_people()
    for full in set(famous.values()):
        add(full, Entry("PERSON", full))
    by_first: dict[str, list[_Phrase]] = {}
    for phrase in table.values():
        by_first.setdefault(phrase.tokens[0], []).append(phrase)
    phrases = {
        k: tuple(sorted(v, key=lambda p: len(p.tokens), reverse=True)) for k, v in by_first.items()
    }
    return Index(
        phrases=phrases,
        given=given_names(),
        famous=famous,
        famous_full=frozenset(famous.values()),
        org_by_name=org_by_name,
    )

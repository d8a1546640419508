"""What story grouping knows of an article: its words and the entities its title names.

An article's *terms* are the words of its title and summary, lower-cased by rapidfuzz's
``default_process``, without function words, each cut to its first five letters (so "tariffs",
"tariff" and "tariffed" are one term, as are "Brazil" and "Brazilian"). Its *main entities* are
the people, organisations and places its title names (the extractor of
:mod:`tui.core.entities` on the title), each with the keys it may be found under in another
article: its canonical name, a person's surname, a city's country. A title that names nobody
has no main entities; its summary's entities still count as mentions.

Everything here is computed from the article alone, so it can be stored and reused.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz.utils import default_process

from tui.core.countries import country_by_demonym, country_by_iso, country_by_name
from tui.core.entities import extract_entities
from tui.core.models import Entity
from tui.core.places import place_by_name

__all__ = [
    "COUNTRY",
    "FEATURES_VERSION",
    "OTHER",
    "PERSON",
    "StoryFeatures",
    "features_for",
    "stem",
]

FEATURES_VERSION = "sf-3"
"""Stored with the features: a new version makes the stored ones stale (all are regrouped)."""

STEM = 5


# Function words and the words of reporting itself ("says", "told"): they tell nothing of the
# event. Words frequent in the cache are dropped as well, by the term statistics.
def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _word_set(
    """
    a an the and or but nor so yet if then than when while after before as at in on of for to by
    from with without within into onto upon about above below over under between among amid
    against across around through during since until because unless whether where which who
    whom whose what why how this that these those there here it its he she they we i you me him
    her them us our your their my his is are was were be been being have has had do does did can
    could will would shall should might must not no all any some many most more much few other
    another each every both such same only just also even still again already now new says said
    say tell told make made take took give gave get got one two three four five first second last
    next week day year years days weeks month percent per cent monday tuesday wednesday thursday
    friday saturday sunday amid according
    """
)
_DEMONYM = re.compile(r"\b[A-Z][a-z]+\b")


def stem(word: str) -> str:
    """The term of a processed word: its first five letters."""
    return word[:STEM]


# "$4tn" and "$4 trillion" are one amount: the short units are written out before the words
# are split.
_UNITS = {"tn": "trillion", "bn": "billion", "m": "million"}
_SHORT_UNIT = re.compile(r"(?<=\d)(tn|bn|m)\b")


def _words(text: str) -> list[str]:
    text = _SHORT_UNIT.sub(lambda m: " " + _UNITS[m.group(1)], text)
    words = default_process(text).split()
    return [w for w in words if w not in _STOP and (len(w) > 2 or w.isdigit())]


@lru_cache(maxsize=65_536)
def _key_stems(key: str) -> tuple[str, ...]:
    """The terms of an entity's name (asked for every pair of articles compared: kept)."""
    return tuple(stem(w) for w in _words(key))


def _terms(text: str) -> tuple[str, ...]:
    return tuple(sorted({stem(w) for w in _words(text)}))


@cache
def _country_of_place(name: str) -> str | None:
    if country_by_name(name) is not None:
        return None
    place = place_by_name(name)
    if place is None or not place.iso2:
        return None
    country = country_by_iso(place.iso2)
    return None if country is None else country.name


def _names(entity: Entity) -> frozenset[str]:
    """The names ``entity`` may be written as in another article."""
    if entity.label != "PERSON":
        return frozenset({entity.name})
    parts = entity.name.split()
    # The surname; a one- or two-letter last part is a given name written after the family
    # name ("Wang Yi"), so the first part is kept instead.
    return frozenset({entity.name, parts[-1] if len(parts[-1]) > 2 else parts[0]})


def _keys(entity: Entity) -> frozenset[str]:
    """What naming ``entity`` tells of an article: its names, and a city's or state's country
    (an article on Nairobi is about Kenya; one on Kenya is not about Nairobi)."""
    country = _country_of_place(entity.name) if entity.label == "GPE" else None
    names = _names(entity)
    return names if country is None else names | {country}


COUNTRY = "country"
PERSON = "person"
OTHER = "other"
_KINDS = (COUNTRY, PERSON, OTHER)


def _kind(value: object) -> str:
    """A stored kind, checked (a damaged one raises ValueError)."""
    if value not in _KINDS:
        raise ValueError(f"not an entity kind: {value!r}")
    return str(value)


def _kind_of(entity: Entity) -> str:
    if entity.label == "PERSON":
        return PERSON
    if entity.label == "GPE" and country_by_name(entity.name) is not None:
        return COUNTRY
    return OTHER


def _demonym_countries(text: str) -> set[str]:
    """Countries named by their adjective ("Russian diplomats"), which the extractor leaves."""
    found: set[str] = set()
    for word in set(_DEMONYM.findall(text)):
        country = country_by_demonym(word)
        if country is not None:
            found.add(country.name)
    return found


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """An article as story grouping sees it (see the module docstring)."""

    article_id: int
    feed_id: int
    at: int
    """Unix seconds: the article's list time (published, or fetched when undated)."""
    terms: tuple[str, ...]
    title_terms: tuple[str, ...]
    main: tuple[tuple[frozenset[str], str], ...]
    """The names of each entity the title names, and its kind (:data:`COUNTRY`, :data:`PERSON`
    or :data:`OTHER`)."""
    keys: frozenset[str]
    """The keys of every entity of the title and summary."""
    term_set: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "term_set", frozenset(self.terms))

    def mentions(self, key: str) -> bool:
        """Whether this article names ``key``: as an entity, or word for word in its terms
        (so a name the extractor missed here still counts)."""
        if key in self.keys:
            return True
        stems = _key_stems(key)
        return bool(stems) and all(s in self.term_set for s in stems)

    def to_json(self) -> str:
        return json.dumps(
            {
                "t": list(self.terms),
                "tt": list(self.title_terms),
                "m": [[sorted(names), kind] for names, kind in self.main],
                "k": sorted(self.keys),
                "f": self.feed_id,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, article_id: int, at: int, data: str) -> StoryFeatures:
        """The features of :meth:`to_json` (raises ValueError, KeyError or TypeError for a
        damaged one)."""
        raw = json.loads(data)
        return cls(
            article_id=article_id,
            feed_id=int(raw["f"]),
            at=at,
            terms=tuple(str(t) for t in raw["t"]),
            title_terms=tuple(str(t) for t in raw["tt"]),
            main=tuple((frozenset(str(k) for k in names), _kind(kind)) for names, kind in raw["m"]),
            keys=frozenset(str(k) for k in raw["k"]),
        )


def features_for(
    article_id: int, at: int, title: str, summary: str, *, feed_id: int
) -> StoryFeatures:
    """The features of an article of feed ``feed_id`` from its title and its summary as plain
    text."""
    text = f"{title}.\n{summary}" if summary else title
    entities = extract_entities(text)
    # The title's entities: those with a mention in it (one extraction for both).
    in_title = [e for e in entities if any(start < len(title) for start, _ in e.mentions)]
    title_names = {e.name for e in in_title}
    main = [(_names(e), _kind_of(e)) for e in in_title]
    main += [(frozenset({c}), COUNTRY) for c in sorted(_demonym_countries(title) - title_names)]
    keys: set[str] = set()
    for entity in (*entities, *in_title):
        keys |= _keys(entity)
    keys |= _demonym_countries(text)
    return StoryFeatures(
        article_id=article_id,
        feed_id=feed_id,
        at=at,
        terms=_terms(text),
        title_terms=_terms(title),
        main=tuple(main),
        keys=frozenset(keys),
    )

"""Where a sentence names a country (or the EU) that a tariff could apply to.

Finds country names, aliases and demonyms by exact (case-sensitive) match, longest first, and
drops the look-alikes news is full of: "South China Sea", "Latin America", "New Mexico",
"Mexico City". Built once, lazily, from tui.core.countries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from tui.core.countries import all_countries

__all__ = ["Mention", "Target", "find_mentions", "target_names"]


@dataclass(frozen=True, slots=True)
class Target:
    """A tariff target: a country's canonical name and ISO code (or the EU, code "EU")."""

    name: str
    iso: str


MentionKind = Literal["name", "demonym", "capital", "bloc"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a sentence names a target: by name, demonym ("Brazilian"), capital, or as
    "the bloc" (the EU only where the EU is the bloc the text last named: the engine decides)."""

    start: int
    end: int
    target: Target
    kind: MentionKind


# The EU sets one external tariff for its members, so news reports rates "on the EU"; ISO 3166
# reserves the code "EU" for it. It is a tariff target here, not a country in countries.py.
_EU = Target("European Union", "EU")
_EU_NAMES = (
    "European Union",
    "EU",
    "E.U.",
    *(
        f"27-{kind} {noun}"
        for kind in ("member", "nation", "country")
        for noun in ("bloc", "union")
    ),
)
_EU_DEMONYMS = ("European",)
_BLOC = "bloc"

# Capitals news uses for their governments ("Jakarta accepted a 19% tariff"); by ISO code.
_CAPITALS = {
    "Washington": "US",
    "Beijing": "CN",
    "Ottawa": "CA",
    "Mexico City": "MX",
    "Tokyo": "JP",
    "Seoul": "KR",
    "New Delhi": "IN",
    "Jakarta": "ID",
    "Hanoi": "VN",
    "Bangkok": "TH",
    "Kuala Lumpur": "MY",
    "Manila": "PH",
    "Phnom Penh": "KH",
    "Taipei": "TW",
    "Canberra": "AU",
    "Brasilia": "BR",
    "Brasília": "BR",
    "Buenos Aires": "AR",
    "Bern": "CH",
    "Berne": "CH",
    "London": "GB",
    "Moscow": "RU",
    "Ankara": "TR",
    "Pretoria": "ZA",
    "Dhaka": "BD",
    "Islamabad": "PK",
    "Colombo": "LK",
    "Oslo": "NO",
    "Wellington": "NZ",
    "Singapore": "SG",
}

_BLOCKED_BEFORE = re.compile(
    r"\b(?:New|South|North|Central|Latin|East|West|Eastern|Western|Northern|Southern|Upper|"
    r"Lower|Greater|Inner|Outer|Anglo|"
    r"Indo|Sino|Pan)[\s-]$"
)
_BLOCKED_AFTER = re.compile(
    r"[\s-](?:Sea|City|Canal|Strait|Straits|Peninsula|Gulf|Ocean|Basin|Street|Avenue|Airlines?|"
    r"Airways|Express|Post|Times|Today|Open|Cup|Grand Prix|Motors?|Inc|Steel|Pacific)\b"
    r"|\$"  # "US$12bn" is a currency
    # ... and so is "50 billion U.S. dollars", "the Swiss franc", "Chinese yuan"
    r"|\s(?:dollars?|yuan|yen|pesos?|rupees?|francs?|ringgit|baht|rupiah|lira|krona|krone)\b"
)


@cache
def _table() -> tuple[re.Pattern[str], dict[str, tuple[Target, MentionKind]]]:
    lookup: dict[str, tuple[Target, MentionKind]] = {}
    by_iso: dict[str, Target] = {}
    for country in all_countries():
        target = Target(country.name, country.iso2)
        by_iso[country.iso2] = target
        for name in (country.name, *country.aliases):
            if not name.startswith("the "):
                lookup.setdefault(name, (target, "name"))
    for name in _EU_NAMES:
        lookup.setdefault(name, (_EU, "name"))
    for country in all_countries():
        target = by_iso[country.iso2]
        for word in country.demonyms:
            lookup.setdefault(word, (target, "demonym"))
            if not word.endswith(("s", "ese", "sh", "ch")) and word[-1].islower():
                lookup.setdefault(word + "s", (target, "demonym"))
    for word in _EU_DEMONYMS:
        lookup.setdefault(word, (_EU, "demonym"))
    lookup.setdefault(_BLOC, (_EU, "bloc"))
    # "tariffs on Europe" mean the EU's goods; "the hardest hit in Europe" is a place, so
    # "Europe" reads like a capital.
    lookup.setdefault("Europe", (_EU, "capital"))
    lookup.setdefault("Brussels", (_EU, "capital"))
    for city, iso2 in _CAPITALS.items():
        if iso2 in by_iso:
            lookup.setdefault(city, (by_iso[iso2], "capital"))
    for name in [name for name in lookup if "'" in name]:
        lookup.setdefault(name.replace("'", "’"), lookup[name])  # "People’s Republic"
    keys = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w])")
    return pattern, lookup


def find_mentions(sentence: str) -> list[Mention]:
    """Every target named in the sentence, in order."""
    pattern, lookup = _table()
    mentions: list[Mention] = []
    for match in pattern.finditer(sentence):
        start, end = match.span()
        if _BLOCKED_BEFORE.search(sentence, max(0, start - 12), start) or _BLOCKED_AFTER.match(
            sentence, end
        ):
            continue
        target, kind = lookup[match.group(0)]
        mentions.append(Mention(start, end, target, kind))
    return mentions


def target_names() -> dict[str, tuple[Target, MentionKind]]:
    """Every name, alias, demonym and capital :func:`find_mentions` recognises, with what it
    names (for cheap pre-checks that must agree with it)."""
    return _table()[1]

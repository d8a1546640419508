"""Datelines: the place a story was filed from, in capitals at the start of a line.

"TURNBERRY, Scotland —", "GENEVA (Reuters) -", "OTTAWA •", "SEOUL:", "LIMA (AP) —The", a place
alone on its line, and a story filed from two places, "OTTAWA/MEXICO CITY –". A known place is
read by its name;
a place the gazetteer lacks counts when the dateline places it in a country, state or province
("TURNBERRY, Scotland"). A capitalised word alone before a dash ("UPDATE —") is no place.
"""

from __future__ import annotations

import re
from functools import cache

from tui.core.countries import country_by_name
from tui.core.entities.chunks import Candidate
from tui.core.orgs import known_orgs
from tui.core.places import place_by_name

__all__ = ["dateline_places"]

_PLACE = r"[A-Z][A-Z'’.-]{2,}(?:[ ][A-Z][A-Z'’.-]+){0,2}"
# The day a wire story was filed, after its place: "MOSCOW, July 6 (Reuters) -".
_DAY = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ ]\d{1,2}"
    r"(?:,[ ]\d{4})?"
)
_DATELINE = re.compile(
    rf"^[ \t]*(?P<name>{_PLACE}(?:/{_PLACE})*)"
    rf"(?:,[ ](?!{_DAY}\b)(?P<region>[A-Z][\w.'’-]+(?:[ ][A-Z][\w.'’-]+){{0,2}}))?"
    rf"(?:,[ ]{_DAY})?"
    r"[ ]*(?:\((?P<credit>[^)\n]{1,40})\)[ ]*)?(?:(?:-{1,2}|•|\||:)[ ]|[—–][ ]?|[ \t]*$)",
    re.MULTILINE,
)


def _known(name: str) -> str | None:
    """The canonical name of a country or a place below it (regions are not places)."""
    country = country_by_name(name)
    if country is not None:
        return country.name
    place = place_by_name(name)
    return place.name if place is not None and place.kind != "region" else None


def _is_division(name: str) -> bool:
    place = place_by_name(name)
    return country_by_name(name) is not None or (place is not None and place.kind == "state")


def dateline_places(text: str) -> list[Candidate]:
    """A GPE candidate for each dateline's place (its region is read by the rules anyway)."""
    found: list[Candidate] = []
    for match in _DATELINE.finditer(text):
        start = match.start("name")
        region = match.group("region")
        for raw in match.group("name").split("/"):
            name = " ".join(word.capitalize() for word in raw.split())
            canonical = _known(name)
            if canonical is None and region is not None and _is_division(region):
                canonical = name
            if canonical is not None:
                found.append(Candidate("GPE", canonical, start, start + len(raw), True))
            start += len(raw) + 1
        credit = match.group("credit")
        agency = _agencies().get(credit) if credit else None
        if agency is not None and found and found[-1].start >= match.start("name"):
            # "BRASILIA (dpa-AFX) -": the agency that filed it, even in lower case.
            found.append(Candidate("ORG", agency, match.start("credit"), match.end("credit"), True))
    return found


@cache
def _agencies() -> dict[str, str]:
    """Every written form of a known organisation -> its canonical name."""
    return {name: org.name for org in known_orgs() for name in org.names}

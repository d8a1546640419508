"""People, organisations and places named in a text, with the offsets of every mention.

The default backend ("rules") needs no model: it tokenises the text once, groups runs of
capitalised words into chunks, segments each chunk against a gazetteer (countries from
`tui.core.countries`, cities/states/regions from `tui.core.places`, organisations from
`tui.core.orgs`, titles from `tui.core.people`) and reads what is left with a few rules
(a title before a name, "said" after it, an organisation suffix at the end of it). A final
pass gives every entity one canonical name: a surname mention joins the full name found
elsewhere in the text ("Rubio" -> "Marco Rubio"), "US" and "America" become "United States",
"ASEAN" becomes "Association of Southeast Asian Nations".

An optional spaCy backend (`load_backend("spacy")`) runs its names through the same
canonicalisation. spaCy is imported lazily and only when asked for.

The package: `tokens` (tokenising and word lists), `gazetteer` (the phrase table), `chunks`
(capitalised runs), `rules` (the rules backend), with `context` (what the words around a run
say of it) and `datelines` (the place a story was filed from), `canonical` (canonical names
and aliases), `backends` (choosing and running a backend).
"""

from __future__ import annotations

from tui.core.entities.backends import (
    BackendUnavailable,
    EntityBackend,
    extract_entities,
    load_backend,
)
from tui.core.entities.canonical import aliases_for

__all__ = [
    "ENTITIES_VERSION",
    "BackendUnavailable",
    "EntityBackend",
    "aliases_for",
    "extract_entities",
    "load_backend",
]

ENTITIES_VERSION = "rules-6"

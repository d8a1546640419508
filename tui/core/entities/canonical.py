"""Canonical names: one name per entity, whichever backend found its mentions.

A surname mention joins the full name found elsewhere in the text ("Rubio" -> "Marco Rubio"),
"Donald J. Trump" and "Donald Trump" are one person, "State Department" joins "US State
Department". `aliases_for` goes the other way, from a canonical name to its surface forms.
"""

from __future__ import annotations

from tui.core.countries import country_by_name
from tui.core.entities.chunks import Candidate
from tui.core.entities.gazetteer import Index
from tui.core.entities.tokens import FACILITY_SUFFIXES
from tui.core.models import Entity
from tui.core.orgs import ORG_SUFFIXES, known_orgs
from tui.core.people import famous_people
from tui.core.places import place_by_name

LABEL_ORDER: dict[str, int] = {"PERSON": 0, "ORG": 1, "GPE": 2}


def finalise(text: str, cands: list[Candidate], ix: Index) -> tuple[Entity, ...]:
    persons = [c for c in cands if c.label == "PERSON"]
    singles_with_evidence = {c.tokens[0] for c in persons if len(c.tokens) == 1 and c.evidence}
    fulls: dict[str, list[Candidate]] = {}
    for c in persons:
        if len(c.tokens) >= 2:
            fulls.setdefault(c.name, []).append(c)
    accepted: dict[str, tuple[str, ...]] = {}
    for name, group in fulls.items():
        toks = group[0].tokens
        if (
            any(c.evidence for c in group)
            or toks[0] in ix.given
            or name in ix.famous_full
            or toks[-1] in singles_with_evidence
        ):
            accepted[name] = toks
    # "Donald J. Trump" and "Donald Trump" are one person: keep the shorter name.
    rename: dict[str, str] = {}
    for name, toks in accepted.items():
        for other, otoks in accepted.items():
            if (
                other != name
                and len(otoks) < len(toks)
                and otoks[0] == toks[0]
                and otoks[-1] == toks[-1]
            ):
                rename[name] = other
        famous = ix.famous.get(name)
        if famous is not None and famous != name and famous in ix.famous_full:
            rename.setdefault(name, famous)  # "Donald J. Trump" is Donald Trump
    by_token: dict[str, list[str]] = {}
    for name, toks in accepted.items():
        if name in rename:
            continue
        for pos, tok in enumerate(toks):
            if tok[0].isupper() and (pos == len(toks) - 1 or pos == 0):
                by_token.setdefault(tok, []).append(name)
    full_positions: dict[str, list[int]] = {}
    for c in persons:
        if c.name in accepted:
            full_positions.setdefault(rename.get(c.name, c.name), []).append(c.start)

    def join(tok: str, at: int, surname_only: bool = False) -> str | None:
        names = by_token.get(tok)
        if names and surname_only:
            names = [n for n in names if accepted[n][-1] == tok]
        if not names:
            return None
        if len(names) == 1:
            return names[0]
        last_tok = [n for n in names if accepted[n][-1] == tok]
        pool = last_tok or names
        if len(pool) == 1:
            return pool[0]
        before = [
            (max((p for p in full_positions.get(n, []) if p < at), default=-1), n) for n in pool
        ]
        return max(before)[1]

    out: dict[tuple[str, str], list[tuple[int, int]]] = {}

    def add(label: str, name: str, s: int, e: int) -> None:
        out.setdefault((label, name), []).append((s, e))

    for c in cands:
        if c.label == "PERSON":
            if len(c.tokens) >= 2:
                if c.name in accepted:
                    add("PERSON", rename.get(c.name, c.name), c.start, c.end)
                continue
            tok = c.tokens[0] if c.tokens else c.name
            joined = join(tok, c.start)
            if joined:
                add("PERSON", joined, c.start, c.end)
            elif tok in ix.famous:
                add("PERSON", ix.famous[tok], c.start, c.end)
            elif (
                c.titled
                and tok[0].isupper()
                and len(tok) > 1
                and tok.lower() not in ORG_SUFFIXES
                and tok.lower() not in FACILITY_SUFFIXES
            ):
                add("PERSON", tok, c.start, c.end)
        elif (
            c.label == "ORG"
            and " " not in c.name
            and (surname := join(c.name, c.start, surname_only=True))
        ):
            # "Premier Doug Ford ... Ford said": the surname of a person named in the text,
            # not the company of that name.
            add("PERSON", surname, c.start, c.end)
        elif c.label == "GPE" and c.place_token and c.tokens and c.tokens[0] in by_token:
            joined = join(c.tokens[0], c.start, surname_only=True)
            add("PERSON", joined, c.start, c.end) if joined else add("GPE", c.name, c.start, c.end)
        else:
            add(c.label, c.name, c.start, c.end)
    # "State Department" joins "US State Department" when both appear.
    org_names = [name for (label, name) in out if label == "ORG"]
    for name in org_names:
        for other in org_names:
            if other != name and other.endswith(" " + name):
                prefix = other[: -len(name) - 1]
                if country_by_name(prefix) is not None:
                    out.setdefault(("ORG", other), []).extend(out.pop(("ORG", name), []))
                    break
    _join_inverted_bodies(out)
    entities = [
        Entity(name=name, label=label, mentions=tuple(sorted(set(spans))))  # type: ignore[arg-type]
        for (label, name), spans in out.items()
        if spans
    ]
    entities.sort(key=lambda e: (LABEL_ORDER[e.label], -e.count, e.name))
    return tuple(entities)


_BODY_HEADS = ("Ministry", "Department", "Committee", "Commission", "Council", "Office", "Agency")


def _join_inverted_bodies(out: dict[tuple[str, str], list[tuple[int, int]]]) -> None:
    """ "the Commerce Ministry" joins "Ministry of Commerce" when both appear (one body, the
    "of" form its full name); alone, the short form stays as written."""
    org_names = {name for (label, name) in out if label == "ORG"}
    for name in list(org_names):
        words = name.split()
        if len(words) < 2 or words[-1] not in _BODY_HEADS:
            continue
        full = f"{words[-1]} of {' '.join(words[:-1])}"
        if full in org_names:
            out[("ORG", full)].extend(out.pop(("ORG", name)))


def aliases_for(entity: Entity) -> tuple[str, ...]:
    """Surface forms to search the full-text index with for this entity."""
    names: list[str] = [entity.name]
    if entity.label == "GPE":
        country = country_by_name(entity.name)
        if country is not None:
            names += [a for a in country.aliases if not a.startswith("the ")]
        place = place_by_name(entity.name)
        if place is not None:
            names += list(place.aliases)
    elif entity.label == "ORG":
        for org in known_orgs():
            if entity.name in org.names:
                names += list(org.names)
                break
    else:
        parts = entity.name.split()
        if len(parts) >= 2 and len(parts[-1]) >= 4:
            names.append(parts[-1])
        for short, full in famous_people().items():
            if full == entity.name and short not in names:
                names.append(short)
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return tuple(out)

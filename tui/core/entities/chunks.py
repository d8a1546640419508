"""Chunks: runs of capitalised tokens (with "of", "and" and name particles between them) that may
name an entity, each cut into gazetteer phrases and unknown words."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.core.entities.gazetteer import Entry, Index
from tui.core.entities.tokens import (
    ABBREVIATIONS,
    COMMON,
    COMPANY_CLOSERS,
    DAYS,
    MONTHS,
    NAME_PARTICLES,
    NAMELIKE_MONTHS,
    OF_WORDS,
    Tokens,
)
from tui.core.models import EntityLabel
from tui.core.orgs import ORG_HEADS, ORG_SUFFIXES


@dataclass(slots=True)
class Piece:
    entry: Entry | None  # None: an unknown capitalised word; kind "CONN" is a connector
    first: int  # token index
    last: int  # token index, inclusive
    conn: bool = False


@dataclass(slots=True)
class Candidate:
    """A raw mention before canonicalisation."""

    label: EntityLabel
    name: str
    start: int
    end: int
    evidence: bool = False
    tokens: tuple[str, ...] = ()
    place_token: bool = False  # a one-word city that may turn out to be a surname
    titled: bool = False  # PERSON: a title or role came right before ("Ms Kallas")


@dataclass(slots=True)
class ChunkState:
    toks: Tokens
    ix: Index
    cands: list[Candidate] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)


def match_phrase(st: ChunkState, i: int) -> tuple[int, Entry] | None:
    """Longest gazetteer phrase starting at token i: (last token index, entry)."""
    t = st.toks
    options = st.ix.phrases.get(t.surf[i]) or st.ix.phrases.get(t.base[i])
    if not options:
        return None
    n = len(t.surf)
    for ph in options:
        k = len(ph.tokens)
        if i + k > n:
            continue
        ok = True
        for j in range(k):
            idx = i + j
            if j < k - 1:
                if t.surf[idx] != ph.tokens[j] or t.gap(idx) != ph.gaps[j]:
                    ok = False
                    break
            elif t.surf[idx] != ph.tokens[j] and t.base[idx] != ph.tokens[j]:
                ok = False
        if ok:
            return i + k - 1, ph.entry
    return None


def breaks_chunk(t: Tokens, i: int, in_chunk: bool) -> bool:
    w = t.base[i]
    if w in DAYS:
        return True
    if w in MONTHS:
        if in_chunk and w in NAMELIKE_MONTHS and t.base[i - 1].lower() not in COMMON:
            nxt = i + 1
            return nxt < len(t.base) and t.base[nxt][0].isdigit()
        return True
    return False


# Titles that take what they are "of" or "for" into the chunk ("Commissioner for Trade").
_OF_TITLES = frozenset({"Secretary", "Minister", "Commissioner", "States", "Party"})


def extend_chunk(st: ChunkState, last: int, pieces: list[Piece]) -> int | None:
    """Index of the next capitalised token that continues the chunk after token `last`."""
    t = st.toks
    n = len(t.surf)
    k = last + 1
    if k >= n or t.poss[last]:
        return None
    gap = t.gap(last)
    abbreviated = gap == ". " and (t.base[last] in ABBREVIATIONS or len(t.base[last]) == 1)
    if gap not in (" ", " & ") and not abbreviated:
        return None
    w = t.surf[k]
    if w[0].isupper():
        return None if breaks_chunk(t, k, True) else k
    if gap != " " or k + 1 >= n or t.gap(k) != " ":
        return None
    if w in NAME_PARTICLES and t.surf[k + 1][0].isupper():
        pieces.append(Piece(None, k, k, conn=True))
        return k + 1
    if w == "and" and pieces[-1].entry is None and _org_follows(t, k + 1):
        if _same_suffix_follows(t, last, k + 1) or _company_closed(t, last, pieces):
            # "Acme Steel and Brill Steel", "Acme Motor Group and Brill Steel Corp": two
            # companies, not one
            return None
        # "Australian Securities and Investments Commission"
        pieces.append(Piece(None, k, k, conn=True))
        return k + 1
    if (
        w == "and"
        and t.surf[k + 1][0].isupper()
        and _named_for(t, pieces)
        and match_phrase(st, k + 1) is None  # not "the Ministry of Trade and Beijing"
        and not _org_follows(t, k + 1)  # not "University of Oxford and Imperial College"
    ):
        # "Ministry of Industry and Trade", "Department of Health and Human Services"
        pieces.append(Piece(None, k, k, conn=True))
        return k + 1
    if w in OF_WORDS:
        heads = {t.base[p.last].lower() for p in pieces if not p.conn}
        if t.base[last].lower() in ORG_HEADS or t.base[last] in _OF_TITLES:
            pass
        elif not (heads & ORG_HEADS):
            return None
        nxt = k + 1
        pieces.append(Piece(None, k, k, conn=True))
        if t.surf[nxt] == "the" and nxt + 1 < n and t.gap(nxt) == " ":
            pieces.append(Piece(None, nxt, nxt, conn=True))
            nxt += 1
        if t.surf[nxt][0].isupper() and not breaks_chunk(t, nxt, True):
            return nxt
        return None
    return None


def _named_for(t: Tokens, pieces: list[Piece]) -> bool:
    """Is the chunk so far an organisation head with what it is "of" ("Ministry of Industry")?"""
    for before, conn in zip(pieces, pieces[1:], strict=False):
        if conn.conn and t.surf[conn.first] in ("of", "for"):
            return t.base[before.last].lower() in ORG_HEADS
    return False


def _same_suffix_follows(t: Tokens, last: int, k: int) -> bool:
    """Does the run from k end in the organisation word that token `last` already is?"""
    word = t.base[last]
    for j in range(k + 1, min(k + 3, len(t.surf))):
        if t.base[j] == word:
            return True
        if t.gap(j - 1) != " ":
            return False
    return False


def _company_closed(t: Tokens, last: int, pieces: list[Piece]) -> bool:
    """Does the chunk so far name a whole company: a name of two words or more closed by a
    company's legal form or trade ("Acme Motor Group", "Brill Steel")?"""
    words = [p for p in pieces if not p.conn]
    return len(words) > 1 and len(words) == len(pieces) and t.base[last].lower() in COMPANY_CLOSERS


def _org_follows(t: Tokens, k: int) -> bool:
    """Do tokens from k on form a short capitalised run ending in an organisation word?"""
    n = len(t.surf)
    for j in range(k, min(k + 3, n)):
        if not t.surf[j][0].isupper():
            return False
        if t.base[j].lower() in ORG_SUFFIXES and j > k:
            return True
        if j + 1 >= n or t.gap(j) != " " or t.poss[j]:
            return False
    return False


# No name runs to more capitalised pieces than this; a run-on capitalised text ("The United
# States of The United States of ...") is cut into chunks this long, so the chunker's work stays
# linear in the text (each extension looks back over the chunk's pieces).
MAX_CHUNK = 24

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
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, Protocol

from tui.core.countries import all_countries, country_by_demonym, country_by_name
from tui.core.models import Entity, EntityLabel
from tui.core.orgs import ORG_HEADS, ORG_SUFFIXES, known_orgs
from tui.core.people import (
    CORPORATE_TITLES,
    ROLE_NOUNS,
    SPEECH_AFTER,
    SPEECH_BEFORE,
    TITLES,
    famous_people,
    given_names,
)
from tui.core.places import all_places, place_by_name, region_adjectives


def _words(s: str) -> frozenset[str]:
    """The whitespace-separated words of a literal, as a set."""
    return frozenset(s.split())


__all__ = [
    "ENTITIES_VERSION",
    "BackendUnavailable",
    "EntityBackend",
    "aliases_for",
    "extract_entities",
    "load_backend",
]

ENTITIES_VERSION = "rules-1"

_LABEL_ORDER: dict[str, int] = {"PERSON": 0, "ORG": 1, "GPE": 2}


class EntityBackend(Protocol):
    """Something that finds entities in a text."""

    name: str

    def extract(self, text: str) -> list[Entity]: ...


class BackendUnavailable(Exception):
    """The requested backend cannot run here (a package or a model is missing)."""


# --------------------------------------------------------------------------- tokens

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:\w|[’'\-&](?=[^\W_]))*")
_POSS = re.compile(r"^(.+?)['’][sS]$")
_DIGIT = re.compile(r"\d")

_ABBREVIATIONS = _words(
    "Mr Mrs Ms Dr St Sen Rep Gov Gen Lt Col Capt Prof Jr Sr Mt Ft Rev Sgt No Nos Inc Corp Co"
)
_NAME_PARTICLES = _words(
    "de da di du des del della van von der den ter ten bin ibn bint al el la le dos das y zu"
)
_OF_WORDS = frozenset({"of", "for", "on"})
_DAYS = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri "
    "Sat Sun"
)
_MONTHS = _words(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_NAMELIKE_MONTHS = frozenset({"May", "June", "April", "August"})
_SENTENCE_GAP = re.compile(r"[.!?\n:;|“”\"‘(\[—–•]")

# Capitalised words that are not names: sentence starters, pronouns, news nouns, adjectives.
_COMMON = _words(
    """
a an the and or but nor so yet if then than when while after before as at in on of for to by
from with without within into onto upon about above below over under between among amid
against across around through during since until till despite though although because unless
whether where which who whom whose what why how this that these those there here it its he she
they we i you me him her them us our ours your yours their theirs my mine his hers itself
i'm i've i'd i'll it's he's she's we're they're you're that's there's what's let's don't
no not yes all any some many most more much few other others another each every both either
neither such same only just also even still again already always never ever often sometimes
now today tonight yesterday tomorrow last next first second third new old big small top major
minor global national international local federal state official officials government police
meanwhile however instead indeed perhaps maybe anyway overall finally earlier later soon once
according asked read watch listen share subscribe advertisement sponsored related photo photos
image images video videos getty afp file update updated breaking live exclusive analysis opinion
editorial comment comments news report reports story stories issue issues please click sign log
home world business sport sports tech technology science health politics culture travel style
lifestyle entertainment markets economy money weather climate education opinion video audio
morning evening afternoon night week weekend month year day days weeks years months
north south east west northern southern eastern western central northeast northwest southeast
southwest upper lower greater inner outer
republican republicans democrat democrats democratic conservative conservatives liberal
liberals labour progressive progressives independent socialist communist islamic muslim
muslims christian christians catholic catholics jewish jews hindu hindus buddhist orthodox
royal supreme united general federal public private chief senior junior former late
acting interim deputy vice then incoming outgoing
cabinet parliament congress senate court army navy government ministry administration
majority minority leader leaders members member president minister prime secretary
people person man woman men women children child family families friends staff team teams
experts analysts critics supporters residents students workers voters users customers fans
investors traders economists researchers scientists doctors lawyers officers troops soldiers
reporters journalists witnesses protesters demonstrators sources observers diplomats lawmakers
legislators prosecutors investigators judges rescuers parents teachers organisers organizers
authorities agencies companies firms countries nations states cities regions allies partners
many several dozens hundreds thousands millions billions
one two three four five six seven eight nine ten eleven twelve
mr mrs ms dr sir madam
oh ah hey hi hello wow okay ok
do does did is are was were be been being have has had can could will would shall should
might must get got make made take took give gave see saw say said tell told think thought know
knew want wanted need needed like look looking come came go went keep kept let
why whatever whoever wherever whenever however
internet web online email app apps software data ai dept
"""
)

# Last words of facilities and streets: such a chunk names no entity ("Delaware Avenue").
_FAC_SUFFIXES = _words(
    "avenue ave street st road rd boulevard blvd lane drive circle square bridge park airport "
    "station stadium arena hall tower building plaza highway expressway freeway parkway palace "
    "cathedral mosque temple synagogue mall monastery garden gardens zoo beach lake river "
    "mountain island valley canyon falls"
)
# Last words of places below the state level ("Erie County").
_GPE_SUFFIXES = frozenset({"county", "province", "prefecture", "oblast", "governorate"})
# Legal forms after a known company's name ("Toyota Motor Corp" is Toyota).
_LEGAL_SUFFIXES = _words(
    "inc corp corporation co ltd limited llc plc ag gmbh nv sa se group holdings motor motors "
    "company"
)
# Determiners and the like that may lead a chunk ending in an organisation word.
_LEADING = _words(
    "the a an this that these those when while after before as at in on for to by from with "
    "but and or if so"
)

# Words that never sit inside a name: a chunk holding one is a title-case headline.
_FUNCTION = _words(
    """
a an the and or but nor if then than when while after before as at in on to by from with
without into onto upon about over under between among against through during since until
because unless whether where which who whom whose what why how this that these those there
here it its he she they we i you me him her them us our your their my his is are was were be
been being have has had do does did can could will would shall should might must not no
"""
)

# Words that qualify a title ("Senior Director") rather than name the employer.
_MODIFIERS = _words(
    "senior former acting deputy vice executive interim chief then general associate assistant "
    "global regional principal lead"
)

_PHRASE_STOP = ("America First", "Made in China", "Black Friday", "Cyber Monday", "New Year")

EntryKind = Literal["GPE", "ORG", "REGION", "ADJ", "DEMONYM", "TITLE", "PERSON", "STOP"]


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: EntryKind
    canonical: str
    acronym: str = ""  # ORG: its short form, used when it prefixes a longer name
    country: bool = False  # GPE: a country (not a city or state)


@dataclass(frozen=True, slots=True)
class _Phrase:
    tokens: tuple[str, ...]
    gaps: tuple[str, ...]
    entry: _Entry


@dataclass(frozen=True, slots=True)
class _Index:
    phrases: dict[str, tuple[_Phrase, ...]]  # first token -> phrases, longest first
    given: frozenset[str]
    famous: dict[str, str]
    famous_full: frozenset[str]
    org_by_name: dict[str, _Entry]


def _split_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    toks: list[str] = []
    gaps: list[str] = []
    last_end = -1
    for m in _TOKEN.finditer(name):
        if last_end >= 0:
            gaps.append(" ".join(name[last_end : m.start()].split(" ")).replace("\u00a0", " "))
        toks.append(m.group())
        last_end = m.end()
    return tuple(toks), tuple(gaps)


@cache
def _index() -> _Index:
    """All gazetteers folded into one token-keyed phrase table (built once, on first use)."""
    table: dict[tuple[str, ...], _Phrase] = {}

    def add(name: str, entry: _Entry) -> None:
        if name.startswith("the "):
            name = name[4:]
        toks, gaps = _split_name(name)
        if toks and toks not in table:
            table[toks] = _Phrase(toks, gaps, entry)

    for country in all_countries():
        entry = _Entry("GPE", country.name, country=True)
        add(country.name, entry)
        for alias in country.aliases:
            add(alias, entry)
    for place in all_places():
        kind: EntryKind = "REGION" if place.kind == "region" else "GPE"
        entry = _Entry(kind, place.name)
        for name in (place.name, *place.aliases):
            add(name, entry)
    org_by_name: dict[str, _Entry] = {}
    for org in known_orgs():
        entry = _Entry("ORG", org.name, acronym=org.acronym)
        for name in org.names:
            add(name, entry)
            org_by_name.setdefault(name, entry)
    for stop in _PHRASE_STOP:
        add(stop, _Entry("STOP", stop))
    for title in TITLES:
        add(title, _Entry("TITLE", title))
    for adj in region_adjectives():
        add(adj, _Entry("ADJ", adj))
    for country in all_countries():
        for dem in country.demonyms:
            add(dem, _Entry("DEMONYM", dem))
            add(dem + "s", _Entry("DEMONYM", dem))
    famous = famous_people()
    for full in set(famous.values()):
        add(full, _Entry("PERSON", full))
    by_first: dict[str, list[_Phrase]] = {}
    for phrase in table.values():
        by_first.setdefault(phrase.tokens[0], []).append(phrase)
    phrases = {
        k: tuple(sorted(v, key=lambda p: len(p.tokens), reverse=True)) for k, v in by_first.items()
    }
    return _Index(
        phrases=phrases,
        given=given_names(),
        famous=famous,
        famous_full=frozenset(famous.values()),
        org_by_name=org_by_name,
    )


# --------------------------------------------------------------------------- tokenising


@dataclass(slots=True)
class _Tokens:
    text: str
    surf: list[str]  # surface form as written ("Rubio's")
    base: list[str]  # without a possessive ("Rubio")
    start: list[int]
    end: list[int]  # end of `base`
    poss: list[bool]
    lower_words: set[str]

    def gap(self, i: int) -> str:
        """Text between token i and token i + 1 (whitespace normalised)."""
        g = self.text[self.start[i] + len(self.surf[i]) : self.start[i + 1]]
        return g.replace("\u00a0", " ")

    def cap(self, i: int) -> bool:
        return self.base[i][0].isupper()

    def sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        prev_end = self.start[i - 1] + len(self.surf[i - 1])
        gap = self.text[prev_end : self.start[i]]
        if not _SENTENCE_GAP.search(gap):
            return False
        return not (
            gap.strip() == "."
            and (self.base[i - 1] in _ABBREVIATIONS or len(self.base[i - 1]) == 1)
        )


def _tokenise(text: str) -> _Tokens:
    surf: list[str] = []
    base: list[str] = []
    start: list[int] = []
    end: list[int] = []
    poss: list[bool] = []
    lower: set[str] = set()
    for m in _TOKEN.finditer(text):
        s = m.group()
        b = s
        p = False
        if len(s) > 2 and s[-1] in "sS" and s[-2] in "'’":
            pm = _POSS.match(s)
            if pm:
                b = pm.group(1)
                p = True
        surf.append(s)
        base.append(b)
        start.append(m.start())
        end.append(m.start() + len(b))
        poss.append(p)
        if s[0].islower():
            lower.add(b)
    return _Tokens(text, surf, base, start, end, poss, lower)


# --------------------------------------------------------------------------- chunks


@dataclass(slots=True)
class _Piece:
    entry: _Entry | None  # None: an unknown capitalised word; kind "CONN" is a connector
    first: int  # token index
    last: int  # token index, inclusive
    conn: bool = False


@dataclass(slots=True)
class _Cand:
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
class _State:
    toks: _Tokens
    ix: _Index
    cands: list[_Cand] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)


def _match(st: _State, i: int) -> tuple[int, _Entry] | None:
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


def _breaker(t: _Tokens, i: int, in_chunk: bool) -> bool:
    w = t.base[i]
    if w in _DAYS:
        return True
    if w in _MONTHS:
        if in_chunk and w in _NAMELIKE_MONTHS and t.base[i - 1].lower() not in _COMMON:
            nxt = i + 1
            return nxt < len(t.base) and t.base[nxt][0].isdigit()
        return True
    return False


def _extend(st: _State, last: int, pieces: list[_Piece]) -> int | None:
    """Index of the next capitalised token that continues the chunk after token `last`."""
    t = st.toks
    n = len(t.surf)
    k = last + 1
    if k >= n or t.poss[last]:
        return None
    gap = t.gap(last)
    abbreviated = gap == ". " and (t.base[last] in _ABBREVIATIONS or len(t.base[last]) == 1)
    if gap not in (" ", " & ") and not abbreviated:
        return None
    w = t.surf[k]
    if w[0].isupper():
        return None if _breaker(t, k, True) else k
    if gap != " " or k + 1 >= n or t.gap(k) != " ":
        return None
    if w in _NAME_PARTICLES and t.surf[k + 1][0].isupper():
        pieces.append(_Piece(None, k, k, conn=True))
        return k + 1
    if w == "and" and pieces[-1].entry is None and _org_follows(t, k + 1):
        # "Australian Securities and Investments Commission"
        pieces.append(_Piece(None, k, k, conn=True))
        return k + 1
    if w in _OF_WORDS:
        heads = {t.base[p.last].lower() for p in pieces if not p.conn}
        if t.base[last].lower() in ORG_HEADS or t.base[last] in ("Secretary", "Minister", "States"):
            pass
        elif not (heads & ORG_HEADS):
            return None
        nxt = k + 1
        pieces.append(_Piece(None, k, k, conn=True))
        if t.surf[nxt] == "the" and nxt + 1 < n and t.gap(nxt) == " ":
            pieces.append(_Piece(None, nxt, nxt, conn=True))
            nxt += 1
        if t.surf[nxt][0].isupper() and not _breaker(t, nxt, True):
            return nxt
        return None
    return None


def _org_follows(t: _Tokens, k: int) -> bool:
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
_MAX_CHUNK = 24


def _collect(st: _State) -> None:
    t = st.toks
    n = len(t.surf)
    i = 0
    while i < n:
        if not t.cap(i) or _breaker(t, i, False):
            i += 1
            continue
        pieces: list[_Piece] = []
        j = i
        while True:
            m = _match(st, j)
            piece = _Piece(None, j, j) if m is None else _Piece(m[1], j, m[0])
            pieces.append(piece)
            before = len(pieces)
            nxt = _extend(st, piece.last, pieces)
            if nxt is None or before >= _MAX_CHUNK:
                del pieces[before:]
                break
            j = nxt
        _classify(st, pieces)
        i = pieces[-1].last + 1 if pieces else i + 1


# --------------------------------------------------------------------------- classifying


def _is_common(st: _State, i: int, initial: bool) -> bool:
    t = st.toks
    w = t.base[i]
    low = w.lower()
    if low in _COMMON or low.split("'")[0] in _COMMON or low.split("’")[0] in _COMMON:
        return True
    return initial and low in t.lower_words


def _span_text(t: _Tokens, first: int, last: int) -> str:
    return t.text[t.start[first] : t.end[last]]


def _classify(st: _State, pieces: list[_Piece]) -> None:
    t = st.toks
    # A chunk ending in an organisation word keeps its capitalised words ("National Weather
    # Service"): only leading function words go.
    org_like = len(pieces) > 1 and t.base[pieces[-1].last].lower() in ORG_SUFFIXES
    # Trim leading common words ("The", "When", sentence-initial "Officials") and connectors.
    while pieces:
        p = pieces[0]
        if p.conn:
            pieces.pop(0)
            continue
        if p.entry is None and (
            t.base[p.first].lower() in _LEADING
            if org_like
            else _is_common(st, p.first, t.sentence_initial(p.first))
        ):
            pieces.pop(0)
            continue
        break
    while pieces and pieces[-1].conn:
        pieces.pop()
    if not pieces:
        return
    first, last = pieces[0].first, pieces[-1].last
    if len(pieces) == 1 and pieces[0].entry is not None:
        _emit_entry(st, pieces[0])
        return
    # A title splits the chunk: what comes before says where from, what follows is a name.
    for ti, p in enumerate(pieces):
        if p.entry is not None and p.entry.kind == "TITLE":
            _title_chunk(st, pieces, ti)
            return
    last_word = t.base[last].lower()
    if "-" in last_word and any(w in ORG_SUFFIXES for w in last_word.split("-")):
        last_word = "journal"  # "Atlanta Journal-Constitution"
    if last > first and pieces[-1].entry is None:
        if last_word in _FAC_SUFFIXES:
            return
        if last_word in _GPE_SUFFIXES:
            name = " ".join(_span_text(t, first, last).split())
            st.cands.append(_Cand("GPE", name, t.start[first], t.end[last], True))
            return
    head = t.base[first].lower()
    second = t.surf[pieces[1].first] if len(pieces) > 1 else ""
    org_shaped = (
        (last_word in ORG_SUFFIXES and last > first)
        or (head in ORG_HEADS and second in ("of", "for"))
        or (  # "Imperial College London"
            len(pieces) > 2
            and pieces[-1].entry is not None
            and pieces[-1].entry.kind == "GPE"
            and t.base[pieces[-2].last].lower() in ("college", "university", "school")
        )
    )
    headline = any(
        p.entry is None and not p.conn and t.base[p.first].lower() in _FUNCTION for p in pieces
    )
    if last_word in ("city", "united") and (
        len(pieces) < 2 or pieces[-2].entry is None or pieces[-2].entry.kind != "GPE"
    ):
        return  # "Old City": only "Manchester City" (a place + City/United) is a club
    if (
        org_shaped
        and not headline
        and not all(p.entry is not None and p.entry.kind == "REGION" for p in pieces)
    ):
        _emit_org(st, pieces)
        return
    _mixed(st, pieces)


def _emit_entry(st: _State, p: _Piece) -> None:
    assert p.entry is not None
    t = st.toks
    e = p.entry
    s, en = t.start[p.first], t.end[p.last]
    if e.kind == "GPE":
        single_place = p.first == p.last and not e.country
        st.cands.append(_Cand("GPE", e.canonical, s, en, True, (t.base[p.first],), single_place))
    elif e.kind == "ORG":
        st.cands.append(_Cand("ORG", e.canonical, s, en, True))
    elif e.kind == "PERSON":
        st.cands.append(_Cand("PERSON", e.canonical, s, en, True, tuple(e.canonical.split())))


def _org_name(st: _State, pieces: list[_Piece]) -> str:
    t = st.toks
    parts: list[str] = []
    for i, p in enumerate(pieces):
        text = _span_text(t, p.first, p.last)
        if (
            p.entry is not None
            and p.entry.kind == "ORG"
            and p.entry.acronym
            and i < len(pieces) - 1
        ):
            text = p.entry.acronym
        elif p.entry is not None and p.entry.kind == "GPE" and text in ("U.S.", "U.S"):
            text = "US"
        elif p.entry is not None and p.entry.kind == "GPE" and text == "U.K.":
            text = "UK"
        parts.append(text)
        if i < len(pieces) - 1:
            gap = t.text[t.end[p.last] : t.start[pieces[i + 1].first]]
            if t.poss[p.last]:
                gap = t.surf[p.last][len(t.base[p.last]) :] + gap
            parts.append(" " if gap.strip() == "" else gap)
    name = "".join(parts)
    return name[4:] if name.startswith("The ") else name


def _emit_org(st: _State, pieces: list[_Piece]) -> None:
    t = st.toks
    first, last = pieces[0].first, pieces[-1].last
    if t.surf[first] == "The":
        pieces = pieces[1:]
        first = pieces[0].first
    head_entry = pieces[0].entry
    if (
        head_entry is not None
        and head_entry.kind == "ORG"
        and len(pieces) > 1
        and all(p.entry is None and t.base[p.first].lower() in _LEGAL_SUFFIXES for p in pieces[1:])
    ):
        name = head_entry.canonical
    else:
        name = _org_name(st, pieces)
    st.cands.append(_Cand("ORG", name, t.start[first], t.end[last], True))
    # "Asia Society Policy Institute (ASPI)": remember the acronym for later mentions.
    after = t.text[t.end[last] : t.end[last] + 12]
    am = re.match(r"\s*\(([A-Z][A-Z&]{1,7})\)", after)
    if am:
        st.acronyms[am.group(1)] = name


def _title_chunk(st: _State, pieces: list[_Piece], ti: int) -> None:
    t = st.toks
    title = pieces[ti]
    assert title.entry is not None
    corporate = title.entry.canonical.lower() in CORPORATE_TITLES
    prefix = pieces[:ti]
    while prefix and prefix[-1].entry is None and t.base[prefix[-1].last].lower() in _MODIFIERS:
        prefix = prefix[:-1]  # "Nintendo Senior Director": "Senior" belongs to the title
    if prefix and title.entry.canonical.startswith("County ") and prefix[-1].entry is None:
        pf = prefix[0].first  # "Erie County Executive Mark Poloncarz"
        name = " ".join(_span_text(t, pf, title.first).split())
        st.cands.append(_Cand("GPE", name, t.start[pf], t.end[title.first], True))
    elif prefix and t.base[prefix[-1].last].lower() in _GPE_SUFFIXES and prefix[-1].entry is None:
        pf, pl = prefix[0].first, prefix[-1].last
        name = " ".join(_span_text(t, pf, pl).split())
        st.cands.append(_Cand("GPE", name, t.start[pf], t.end[pl], True))
    elif prefix:
        if corporate and any(p.entry is None or p.entry.kind == "ORG" for p in prefix):
            _emit_org(st, prefix)
        else:
            for p in prefix:
                if p.entry is not None and p.entry.kind in ("GPE", "ORG"):
                    _emit_entry(st, p)
    k = ti + 1
    while k < len(pieces) and (
        pieces[k].conn or (pieces[k].entry is not None and pieces[k].entry.kind == "TITLE")  # type: ignore[union-attr]
    ):
        k += 1
    rest = pieces[k:]
    if not rest:
        return
    # The name runs over unknown words (and given names that are also places: "Paris").
    name_end = 0
    for idx, p in enumerate(rest):
        if p.conn:
            continue
        if p.entry is None:
            if _is_common(st, p.first, False) or _DIGIT.search(t.base[p.first]):
                break
            name_end = idx + 1
        elif p.entry.kind == "PERSON" or (
            p.entry.kind == "GPE"
            and p.first == p.last
            and t.base[p.first] in st.ix.given
            and idx == 0
        ):
            name_end = idx + 1
        else:
            break
    if name_end:
        name_pieces = rest[:name_end]
        _person(st, name_pieces[0].first, name_pieces[-1].last, evidence=True, titled=True)
        rest = rest[name_end:]
    if rest:
        _classify(st, rest)


def _person(st: _State, first: int, last: int, evidence: bool, titled: bool = False) -> None:
    t = st.toks
    toks = tuple(t.base[i] if i == last else t.surf[i] for i in range(first, last + 1))
    if first == last and toks[0].lower() in t.lower_words:
        return  # "Market": a common word that happens to be capitalised here
    # "Hired Sebastian Gorka" (a title-case headline): the name starts at the given name.
    while len(toks) >= 3 and toks[0] not in st.ix.given and toks[1] in st.ix.given:
        first += 1
        toks = toks[1:]
    if len([w for w in toks if w[0].isupper()]) > 4 or any(
        len(w) > 1 and w.isupper() for w in toks[1:]
    ):
        return
    name = _span_text(t, first, last)
    name = " ".join(name.split())
    st.cands.append(
        _Cand("PERSON", name, t.start[first], t.end[last], evidence, toks, titled=titled)
    )


def _context_evidence(st: _State, first: int, last: int) -> bool:
    t = st.toks
    n = len(t.surf)
    if last + 1 < n and not t.poss[last]:
        gap = t.gap(last)
        nxt = t.surf[last + 1]
        if gap == " " and nxt in SPEECH_AFTER:
            return True
        if gap == ", " and (nxt in ("who", "aged") or nxt.isdigit()):
            return True
    if first > 0:
        gap = t.gap(first - 1)
        prev = t.surf[first - 1]
        if gap == " " and (prev in SPEECH_BEFORE or prev in ROLE_NOUNS):
            return True
        if gap == ", " and prev.split("-")[0] in ROLE_NOUNS:
            return True  # "Its commissioner-general, Philippe Lazzarini, said"
        if prev == "to" and first > 1 and t.surf[first - 2] == "according":
            return True
    return False


def _mixed(st: _State, pieces: list[_Piece]) -> None:
    """A chunk without a title or an organisation suffix: gazetteer pieces and unknown runs."""
    t = st.toks
    i = 0
    while i < len(pieces):
        p = pieces[i]
        if p.entry is not None:
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            # "Paris Hilton": a place that is also a given name, followed by a surname.
            if (
                p.entry.kind == "GPE"
                and p.first == p.last
                and t.base[p.first] in st.ix.given
                and nxt is not None
                and nxt.entry is None
                and not nxt.conn
                and not _is_common(st, nxt.first, False)
            ):
                j = i + 1
                while j < len(pieces) and pieces[j].entry is None and not pieces[j].conn:
                    j += 1
                _person(st, p.first, pieces[j - 1].last, evidence=True)
                i = j
                continue
            _emit_entry(st, p)
            i += 1
            continue
        if p.conn:
            i += 1
            continue
        j = i
        while j < len(pieces) and pieces[j].entry is None:
            j += 1
        if _place_surname(st, pieces, j):
            # "Naomi Osaka": a given name, then a one-word place that is her surname.
            _unknown_run(st, pieces[i : j - 1])
            _person(st, pieces[j - 1].first, pieces[j].last, evidence=True)
            i = j + 1
            continue
        _unknown_run(st, pieces[i:j])
        i = j


def _place_surname(st: _State, pieces: list[_Piece], j: int) -> bool:
    """Is pieces[j] a one-word place right after a given name (pieces[j - 1])?"""
    if j >= len(pieces) or j == 0:
        return False
    t = st.toks
    given, place = pieces[j - 1], pieces[j]
    after = pieces[j + 1] if j + 1 < len(pieces) else None
    return (
        not given.conn
        and t.base[given.first] in st.ix.given
        and place.entry is not None
        and place.entry.kind == "GPE"
        and place.first == place.last
        and not t.poss[given.last]
        and (after is None or after.entry is not None or _is_common(st, after.first, False))
    )


def _unknown_run(st: _State, run: list[_Piece]) -> None:
    t = st.toks
    # Split the run at words that cannot be part of a name.
    groups: list[list[_Piece]] = [[]]
    for p in run:
        w = t.base[p.first]
        bad = (
            (not p.conn and _is_common(st, p.first, t.sentence_initial(p.first)))
            or _DIGIT.search(w) is not None
            or (len(w) > 1 and w.isupper() and w not in st.acronyms)
        )
        if bad:
            if len(w) > 1 and w.isupper() and w in st.acronyms:
                pass
            groups.append([])
            if w in st.acronyms:
                st.cands.append(_Cand("ORG", st.acronyms[w], t.start[p.first], t.end[p.first]))
            continue
        groups[-1].append(p)
    for g in groups:
        while g and g[-1].conn:
            g.pop()
        while g and g[0].conn:
            g.pop(0)
        if not g:
            continue
        first, last = g[0].first, g[-1].last
        if first == last and t.base[first] in st.acronyms:
            st.cands.append(_Cand("ORG", st.acronyms[t.base[first]], t.start[first], t.end[last]))
            continue
        if (
            first == last
            and _which_follows(t, last)
            and len(t.base[first]) > 2
            and not _is_common(st, first, True)
        ):
            # "Avio, which builds rockets": a one-word organisation.
            st.cands.append(_Cand("ORG", t.base[first], t.start[first], t.end[last], True))
            continue
        evidence = _context_evidence(st, first, last)
        role = first > 0 and t.gap(first - 1) == " " and t.surf[first - 1] in ROLE_NOUNS
        _person(st, first, last, evidence, titled=role)


def _which_follows(t: _Tokens, i: int) -> bool:
    return i + 1 < len(t.surf) and t.gap(i) == ", " and t.surf[i + 1] == "which"


# --------------------------------------------------------------------------- canonicalising


def _finalise(text: str, cands: list[_Cand], ix: _Index) -> tuple[Entity, ...]:
    persons = [c for c in cands if c.label == "PERSON"]
    singles_with_evidence = {c.tokens[0] for c in persons if len(c.tokens) == 1 and c.evidence}
    fulls: dict[str, list[_Cand]] = {}
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
                and tok.lower() not in _FAC_SUFFIXES
            ):
                add("PERSON", tok, c.start, c.end)
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
    entities = [
        Entity(name=name, label=label, mentions=tuple(sorted(set(spans))))  # type: ignore[arg-type]
        for (label, name), spans in out.items()
        if spans
    ]
    entities.sort(key=lambda e: (_LABEL_ORDER[e.label], -e.count, e.name))
    return tuple(entities)


# --------------------------------------------------------------------------- backends


class RulesBackend:
    """The default backend: gazetteers and rules, no model, no download."""

    name = "rules"

    def extract(self, text: str) -> list[Entity]:
        return list(_extract_rules(text))


def _extract_rules(text: str) -> tuple[Entity, ...]:
    ix = _index()
    st = _State(_tokenise(text), ix)
    _collect(st)
    _split_hyphenated(st)
    return _finalise(text, st.cands, ix)


def _split_hyphenated(st: _State) -> None:
    """ "US-China talks", "Russia-Ukraine war": a hyphenated word made of known names."""
    t = st.toks
    for i, w in enumerate(t.base):
        if "-" not in w or not w[0].isupper() or w in st.ix.phrases:
            continue
        parts = w.split("-")
        entries: list[tuple[_Entry, int, int]] = []
        pos = t.start[i]
        for part in parts:
            phrase = st.ix.phrases.get(part)
            hit = next((p for p in phrase or () if len(p.tokens) == 1), None)
            if hit is None or hit.entry.kind not in ("GPE", "ORG"):
                entries = []
                break
            entries.append((hit.entry, pos, pos + len(part)))
            pos += len(part) + 1
        for entry, s, e in entries:
            st.cands.append(_Cand(entry.kind, entry.canonical, s, e, True))  # type: ignore[arg-type]


class SpacyBackend:
    """spaCy's statistical NER, mapped to our labels and canonicalised like the rules."""

    name = "spacy"
    _MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm")
    _LABELS: dict[str, EntityLabel] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE"}

    def __init__(self) -> None:
        self._nlp: Any = None

    def _load(self) -> Any:
        if self._nlp is None:
            self._nlp = _load_spacy_model(self._MODELS)
        return self._nlp

    def extract(self, text: str) -> list[Entity]:
        nlp = self._load()
        doc = nlp(text)
        ix = _index()
        return list(_finalise(text, _spacy_cands(doc.ents, ix), ix))


def _load_spacy_model(models: Iterable[str]) -> Any:
    message = (
        "the spaCy entity backend needs spaCy and an English model "
        "(pip install spacy && python -m spacy download en_core_web_sm); "
        "use the default 'rules' backend instead"
    )
    try:
        spacy = importlib.import_module("spacy")
    except ImportError as exc:
        raise BackendUnavailable(message) from exc
    for model in models:
        try:
            return spacy.load(model)
        except OSError:
            continue
    raise BackendUnavailable(message)


def _spacy_cands(ents: Iterable[Any], ix: _Index) -> list[_Cand]:
    cands: list[_Cand] = []
    for ent in ents:
        label = SpacyBackend._LABELS.get(str(ent.label_))
        if label is None:
            continue
        surface = str(ent.text)
        start = int(ent.start_char)
        pm = _POSS.match(surface)
        if pm:
            surface = pm.group(1)
        if surface.startswith("the "):
            surface, start = surface[4:], start + 4
        end = start + len(surface)
        if label == "GPE":
            country = country_by_name(surface)
            place = place_by_name(surface)
            if country is not None:
                cands.append(_Cand("GPE", country.name, start, end, True))
            elif place is not None and place.kind != "region":
                cands.append(_Cand("GPE", place.name, start, end, True))
            elif country_by_demonym(surface) is None and place is None:
                cands.append(_Cand("GPE", surface, start, end, True))
        elif label == "ORG":
            known = ix.org_by_name.get(surface)
            cands.append(_Cand("ORG", known.canonical if known else surface, start, end, True))
        else:
            toks = tuple(surface.split())
            cands.append(_Cand("PERSON", " ".join(toks), start, end, True, toks))
    return cands


_BACKENDS: dict[str, EntityBackend] = {}


def load_backend(name: str) -> EntityBackend:
    """The backend called `name` ("rules" or "spacy"); raises BackendUnavailable if it can't run."""
    key = (name or "rules").strip().lower()
    if key in _BACKENDS:
        return _BACKENDS[key]
    backend: EntityBackend
    if key == "rules":
        backend = RulesBackend()
    elif key == "spacy":
        spacy_backend = SpacyBackend()
        spacy_backend._load()  # fail now, with one clear message, not on the first article
        backend = spacy_backend
    else:
        raise BackendUnavailable(f"unknown entity backend {name!r} (choose 'rules' or 'spacy')")
    _BACKENDS[key] = backend
    return backend


def extract_entities(text: str, backend: EntityBackend | None = None) -> tuple[Entity, ...]:
    """Entities of `text`, PERSON then ORG then GPE, each by mention count (most first)."""
    if not text:
        return ()
    if backend is None:
        return _extract_rules(text)
    ents = list(backend.extract(text))
    ents.sort(key=lambda e: (_LABEL_ORDER.get(e.label, 9), -e.count, e.name))
    return tuple(ents)


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

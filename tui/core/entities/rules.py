"""The rules backend: read each chunk as people, organisations and places.

A chunk is segmented against the gazetteer and what is left is read with a few rules: a title
before a name, "said" after it, an organisation word at the end of it, a given name before a
surname.
"""

from __future__ import annotations

import re

from tui.core.entities.canonical import finalise
from tui.core.entities.chunks import (
    MAX_CHUNK,
    Candidate,
    ChunkState,
    Piece,
    breaks_chunk,
    extend_chunk,
    match_phrase,
)
from tui.core.entities.context import (
    company_context,
    context_evidence,
    described_as_org,
    descriptor_before,
    on_platform,
    town_before_region,
    which_follows,
)
from tui.core.entities.datelines import dateline_places
from tui.core.entities.gazetteer import Entry, phrase_index
from tui.core.entities.tokens import (
    COMMON,
    DIGIT,
    FACILITY_SUFFIXES,
    FUNCTION_WORDS,
    GPE_SUFFIXES,
    HEADLINE_VERBS,
    LEADING,
    LEGAL_SUFFIXES,
    TITLE_MODIFIERS,
    Tokens,
    tokenise,
)
from tui.core.models import Entity
from tui.core.orgs import ORG_HEADS, ORG_SUFFIXES
from tui.core.people import CORPORATE_TITLES, ROLE_NOUNS


def _collect(st: ChunkState) -> None:
    t = st.toks
    n = len(t.surf)
    i = 0
    while i < n:
        if not t.cap(i) or breaks_chunk(t, i, False):
            i += 1
            continue
        pieces: list[Piece] = []
        j = i
        while True:
            m = match_phrase(st, j)
            piece = Piece(None, j, j) if m is None else Piece(m[1], j, m[0])
            pieces.append(piece)
            before = len(pieces)
            nxt = extend_chunk(st, piece.last, pieces)
            if nxt is None or before >= MAX_CHUNK:
                del pieces[before:]
                break
            j = nxt
        _classify(st, pieces)
        i = pieces[-1].last + 1 if pieces else i + 1


def _is_common(st: ChunkState, i: int, initial: bool) -> bool:
    t = st.toks
    w = t.base[i]
    low = w.lower()
    if low in COMMON or low.split("'")[0] in COMMON or low.split("’")[0] in COMMON:
        return True
    return initial and low in t.lower_words


def _span_text(t: Tokens, first: int, last: int) -> str:
    return t.text[t.start[first] : t.end[last]]


def _classify(st: ChunkState, pieces: list[Piece]) -> None:
    t = st.toks
    if not pieces:
        return
    for v, p in enumerate(pieces):
        if v and p.entry is None and not p.conn and t.base[p.first] in HEADLINE_VERBS:
            # "Department of Commerce Announces Withdrawal of ...": a title-case headline; the
            # verb ends one name and starts the next.
            _classify(st, pieces[:v])
            _classify(st, pieces[v + 1 :])
            return
    # A chunk ending in an organisation word keeps its capitalised words ("National Weather
    # Service"): only leading function words go.
    org_like = len(pieces) > 1 and t.base[pieces[-1].last].lower() in ORG_SUFFIXES
    lead = 0
    while lead < len(pieces) - 1 and t.base[pieces[lead].first].lower() in LEADING:
        lead += 1
    entry = pieces[lead].entry
    if (
        len(pieces) > lead + 3
        and entry is not None
        and entry.kind == "DEMONYM"
        and pieces[lead + 1].entry is None
        and t.base[pieces[lead + 1].first].lower() in ORG_HEADS
        and pieces[lead + 2].conn
    ):
        # "the Danish Ministry of Trade": the demonym says whose; the body is "Ministry of ..."
        del pieces[: lead + 1]
        lead = 0
    if len(pieces) > lead + 2 and pieces[lead].entry is None and pieces[lead + 1].conn:
        # "Ministry of Finance", "the Department of Commerce": the head is common on its own.
        head = t.base[pieces[lead].first].lower()
        org_like = org_like or (
            head in ORG_HEADS and t.surf[pieces[lead + 1].first] in ("of", "for")
        )
    # Trim leading common words ("The", "When", sentence-initial "Officials") and connectors.
    while pieces:
        p = pieces[0]
        if p.conn:
            pieces.pop(0)
            continue
        if p.entry is None and (
            t.base[p.first].lower() in LEADING
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
    if _party_of_country(st, pieces):
        _emit_org(st, pieces)  # "the Communist Party of Vietnam": one name
        return
    cut = _country_after_body(st, pieces)
    if cut:
        # "the Ministry of Energy of the Republic of Chile": the body, then whose it is.
        _emit_org(st, pieces[:cut])
        _emit_entry(st, pieces[-1])
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
        if last_word in FACILITY_SUFFIXES:
            return
        if last_word in GPE_SUFFIXES:
            name = " ".join(_span_text(t, first, last).split())
            st.cands.append(Candidate("GPE", name, t.start[first], t.end[last], True))
            return
    head = t.base[first].lower()
    second = t.surf[pieces[1].first] if len(pieces) > 1 else ""
    if last_word == "administration" and _led_by_person(st, pieces[:-1]):
        _mixed(st, pieces[:-1])  # "the Trump Administration": the person, not a body
        return
    # "a US Food and Drug Administration ruling": a place, then a body known by that name.
    known_last = (
        pieces[-1].entry is not None
        and pieces[-1].entry.kind == "ORG"
        and all(p.entry is not None and p.entry.kind == "GPE" for p in pieces[:-1])
    )
    org_shaped = (
        (last_word in ORG_SUFFIXES and last > first and not known_last)
        or (head in ORG_HEADS and second in ("of", "for"))
        or _national_body(st, pieces)
        or _named_body(st, pieces)
        or (  # "Imperial College London"
            len(pieces) > 2
            and pieces[-1].entry is not None
            and pieces[-1].entry.kind == "GPE"
            and t.base[pieces[-2].last].lower() in ("college", "university", "school")
        )
    )
    headline = any(
        p.entry is None and not p.conn and t.base[p.first].lower() in FUNCTION_WORDS for p in pieces
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
        split = _person_after_body(st, pieces)
        _emit_org(st, pieces[:split])
        if split < len(pieces):
            rest = pieces[split:]
            _person(st, rest[0].first, rest[-1].last, evidence=True, titled=True)
        return
    if (
        len(pieces) > 1
        and pieces[0].entry is None
        and not _is_common(st, first, t.sentence_initial(first))
        and descriptor_before(t, first)
    ):
        _emit_org(st, pieces)  # "the consultancy Acme China": a company, whatever its words
        return
    _mixed(st, pieces)


def _person_after_body(st: ChunkState, pieces: list[Piece]) -> int:
    """Where a person's name starts after a body "of" something ("a deputy of the Bureau of
    Fisheries Policy Anna Petrova told the press"): a given name and a surname that close the
    chunk. len(pieces) when there is none."""
    t = st.toks
    n = len(pieces)
    if n < 5 or not any(p.conn and t.surf[p.first] in ("of", "for") for p in pieces[: n - 2]):
        return n
    given, surname, before = pieces[-2], pieces[-1], pieces[-3]
    if (
        given.entry is None
        and surname.entry is None
        and not given.conn
        and not surname.conn
        and not before.conn
        and t.base[given.first] in st.ix.given
        and t.base[surname.last].lower() not in ORG_SUFFIXES
    ):
        return n - 2
    return n


def _led_by_person(st: ChunkState, pieces: list[Piece]) -> bool:
    """Do the pieces name a person: a famous surname, a known full name or a given name first?"""
    if not pieces:
        return False
    head = pieces[0]
    word = st.toks.base[head.first]
    if head.entry is not None:
        return head.entry.kind == "PERSON"
    return word in st.ix.famous or (len(pieces) > 1 and word in st.ix.given)


def _party_of_country(st: ChunkState, pieces: list[Piece]) -> bool:
    """A known party, "of", a country: "Communist Party of China", "Workers' Party of Korea"."""
    if len(pieces) != 3:
        return False
    t = st.toks
    party, conn, country = pieces[0].entry, pieces[1], pieces[2].entry
    return (
        party is not None
        and party.kind == "ORG"
        and party.canonical.endswith("Party")
        and conn.conn
        and t.surf[conn.first] == "of"
        and country is not None
        and country.country
    )


def _country_after_body(st: ChunkState, pieces: list[Piece]) -> int:
    """Where "of [the] <country>" starts after a body already named "of" something ("Ministry
    of Commerce of the Republic of Korea"); 0 when the chunk is not so."""
    t = st.toks
    country = pieces[-1].entry
    if len(pieces) < 5 or country is None or not country.country:
        return 0
    cut = len(pieces) - 1
    while cut > 0 and pieces[cut - 1].conn:
        cut -= 1
    ofs = [p for p in pieces[:cut] if p.conn and t.surf[p.first] in ("of", "for")]
    if cut == len(pieces) - 1 or t.surf[pieces[cut].first] != "of" or not ofs:
        return 0
    head = pieces[0]
    return cut if head.entry is None and t.base[head.first].lower() in ORG_HEADS else 0


def _named_body(st: ChunkState, pieces: list[Piece]) -> bool:
    """ "Kiel Institute for the World Economy", "Peterson Institute for International
    Economics": a name, then an organisation head and what it is "for" or "of"."""
    t = st.toks
    return any(
        pieces[k].entry is None
        and t.base[pieces[k].first].lower() in ORG_HEADS
        and pieces[k + 1].conn
        and t.surf[pieces[k + 1].first] in ("of", "for")
        and all(p.entry is None and not p.conn for p in pieces[:k])  # not "Chinese Ministry"
        for k in range(1, min(len(pieces) - 2, 3))
    )


def _national_body(st: ChunkState, pieces: list[Piece]) -> bool:
    """ "U.S. Chamber of Commerce", "German Council of Economic Experts": a place, then an
    organisation head and what it is "of"."""
    t = st.toks
    return (
        len(pieces) > 3
        and pieces[0].entry is not None
        and pieces[0].entry.kind == "GPE"
        and pieces[1].entry is None
        and t.base[pieces[1].first].lower() in ORG_HEADS
        and pieces[2].conn
        and t.surf[pieces[2].first] in ("of", "for")
    )


def _emit_entry(st: ChunkState, p: Piece) -> None:
    assert p.entry is not None
    t = st.toks
    e = p.entry
    s, en = t.start[p.first], t.end[p.last]
    if e.kind == "GPE":
        single_place = p.first == p.last and not e.country
        st.cands.append(
            Candidate("GPE", e.canonical, s, en, True, (t.base[p.first],), single_place)
        )
    elif e.kind == "ORG":
        st.cands.append(Candidate("ORG", e.canonical, s, en, True))
    elif e.kind == "PERSON":
        st.cands.append(Candidate("PERSON", e.canonical, s, en, True, tuple(e.canonical.split())))


def _org_name(st: ChunkState, pieces: list[Piece]) -> str:
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


def _emit_org(st: ChunkState, pieces: list[Piece]) -> None:
    t = st.toks
    first, last = pieces[0].first, pieces[-1].last
    if t.surf[first] == "The":
        pieces = pieces[1:]
        first = pieces[0].first
    if _country_before_department(st, pieces):
        # "the UK Department for Business and Trade", "the US Labor Department": the country says
        # whose department it is; the department's name is what follows.
        _emit_entry(st, pieces[0])
        pieces = pieces[1:]
        first = pieces[0].first
    head_entry = pieces[0].entry
    if (
        head_entry is not None
        and head_entry.kind == "ORG"
        and len(pieces) > 1
        and all(p.entry is None and t.base[p.first].lower() in LEGAL_SUFFIXES for p in pieces[1:])
    ):
        name = head_entry.canonical
    else:
        name = _org_name(st, pieces)
    st.cands.append(Candidate("ORG", name, t.start[first], t.end[last], True))
    # "Asia Society Policy Institute (ASPI)": remember the acronym for later mentions.
    after = t.text[t.end[last] : t.end[last] + 12]
    am = re.match(r"\s*\(([A-Z][A-Z&]{1,7})\)", after)
    if am:
        st.acronyms[am.group(1)] = name


def _country_before_department(st: ChunkState, pieces: list[Piece]) -> bool:
    """Is the chunk a country, then a government department ("Department of Commerce",
    "Commerce Department")? Other bodies keep the country ("U.S. Chamber of Commerce")."""
    t = st.toks
    head = pieces[0].entry
    if head is None or head.kind != "GPE" or not head.country or len(pieces) < 2:
        return False
    rest = pieces[1:]
    if any(p.entry is not None and p.entry.kind == "GPE" for p in rest):
        return False
    return t.base[rest[0].first] == "Department" or (
        len(rest) > 1 and t.base[rest[-1].last] == "Department"
    )


def _title_chunk(st: ChunkState, pieces: list[Piece], ti: int) -> None:
    t = st.toks
    title = pieces[ti]
    assert title.entry is not None
    corporate = title.entry.canonical.lower() in CORPORATE_TITLES
    prefix = pieces[:ti]
    while (
        prefix and prefix[-1].entry is None and t.base[prefix[-1].last].lower() in TITLE_MODIFIERS
    ):
        prefix = prefix[:-1]  # "Nintendo Senior Director": "Senior" belongs to the title
    if prefix and title.entry.canonical.startswith("County ") and prefix[-1].entry is None:
        pf = prefix[0].first  # "Erie County Executive Mark Poloncarz"
        name = " ".join(_span_text(t, pf, title.first).split())
        st.cands.append(Candidate("GPE", name, t.start[pf], t.end[title.first], True))
    elif prefix and t.base[prefix[-1].last].lower() in GPE_SUFFIXES and prefix[-1].entry is None:
        pf, pl = prefix[0].first, prefix[-1].last
        name = " ".join(_span_text(t, pf, pl).split())
        st.cands.append(Candidate("GPE", name, t.start[pf], t.end[pl], True))
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
    if k > ti + 1 and pieces[ti + 1].conn and t.surf[pieces[ti + 1].first] in ("of", "for"):
        rest = _after_portfolio(st, rest)
    if not rest:
        return
    # The name runs over unknown words (and given names that are also places: "Paris").
    name_end = 0
    for idx, p in enumerate(rest):
        if p.conn:
            continue
        if p.entry is None:
            if _is_common(st, p.first, False) or DIGIT.search(t.base[p.first]):
                break
            name_end = idx + 1
        elif p.entry.kind == "PERSON" or (
            p.entry.kind == "GPE"
            and p.first == p.last
            and t.base[p.first] in st.ix.given
            and idx == 0
        ):
            name_end = idx + 1
        elif (
            p.entry.kind == "ORG"
            and p.first == p.last
            and name_end == idx > 0
            and idx == len(rest) - 1
            and not p.entry.acronym
        ):
            name_end = idx + 1  # "Premier Doug Ford": a surname that is also a company
            break
        else:
            break
    if name_end:
        name_pieces = rest[:name_end]
        _person(st, name_pieces[0].first, name_pieces[-1].last, evidence=True, titled=True)
        rest = rest[name_end:]
    if rest:
        _classify(st, rest)


def _after_portfolio(st: ChunkState, rest: list[Piece]) -> list[Piece]:
    """What follows "Secretary of" or "Commissioner for": the portfolio ("Commerce", "Homeland
    Security"), then maybe a name. The name starts at a given name; failing one, it is the last
    two words of three or more, or the last of two ("Secretary of Commerce Lutnick"). A lone
    word is the portfolio alone ("the Secretary of Commerce said")."""
    words = [p for p in rest if not p.conn]
    if len(words) < 2:
        return []
    for idx, p in enumerate(rest):
        if idx > 0 and not p.conn and _names_a_person(st, p):
            return rest[idx:]
    return rest[rest.index(words[-2 if len(words) > 2 else -1]) :]


def _names_a_person(st: ChunkState, p: Piece) -> bool:
    """A given name ("Kristi") or a famous person's full name."""
    if p.entry is not None:
        return p.entry.kind == "PERSON"
    return st.toks.base[p.first] in st.ix.given


def _person(st: ChunkState, first: int, last: int, evidence: bool, titled: bool = False) -> None:
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
        Candidate("PERSON", name, t.start[first], t.end[last], evidence, toks, titled=titled)
    )


def _mixed(st: ChunkState, pieces: list[Piece]) -> None:
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


def _place_surname(st: ChunkState, pieces: list[Piece], j: int) -> bool:
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


def _unknown_run(st: ChunkState, run: list[Piece]) -> None:
    t = st.toks
    # Split the run at words that cannot be part of a name.
    groups: list[list[Piece]] = [[]]
    for p in run:
        w = t.base[p.first]
        bad = (
            (not p.conn and _is_common(st, p.first, t.sentence_initial(p.first)))
            or DIGIT.search(w) is not None
            or (
                len(w) > 1
                and w.isupper()
                and w not in st.acronyms
                and not _initials_of_name(st, p.first)
            )
        )
        if bad:
            if len(w) > 1 and w.isupper() and w in st.acronyms:
                pass
            groups.append([])
            if w in st.acronyms:
                st.cands.append(Candidate("ORG", st.acronyms[w], t.start[p.first], t.end[p.first]))
            elif (
                w.isupper()
                and 1 < len(w) <= 6
                and w.isalpha()
                and (
                    descriptor_before(t, p.first)
                    or described_as_org(t, p.first, p.first)
                    or company_context(t, p.first, p.first)
                )
            ):
                # "banks like UBS", "lender HSBC", "GAZ, Russia's biggest maker of trucks": a
                # company known by its letters
                st.cands.append(Candidate("ORG", w, t.start[p.first], t.end[p.first], True))
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
            st.cands.append(
                Candidate("ORG", st.acronyms[t.base[first]], t.start[first], t.end[last])
            )
            continue
        if (
            first == last
            and which_follows(t, last)
            and len(t.base[first]) > 2
            and not _is_common(st, first, True)
        ):
            # "Avio, which builds rockets": a one-word organisation.
            st.cands.append(Candidate("ORG", t.base[first], t.start[first], t.end[last], True))
            continue
        if first == last and _domain_name(st, first):
            continue
        if (
            not _is_common(st, first, True)
            and not _ADJECTIVE_COMPOUND.search(t.base[last])
            and (
                descriptor_before(t, first)  # "luxury labels such as Louis Vuitton": given or not
                or company_context(t, first, last)
                or (described_as_org(t, first, last) and t.base[first] not in st.ix.given)
            )
        ):
            # "Acme, the trade association", "lobby group Acme Partners said", "shares of Acme"
            name = " ".join([*t.surf[first:last], t.base[last]])
            end = t.start[last] + len(t.base[last])
            st.cands.append(Candidate("ORG", name, t.start[first], end, True))
            continue
        if _place_of(t, first):
            # "the port of Lazaro Cardenas", "the city of Ciudad Juarez": a place by its kind.
            name = " ".join(_span_text(t, first, last).split())
            st.cands.append(Candidate("GPE", name, t.start[first], t.end[last], True))
            continue
        if town_before_region(st, first, last):
            # "in Hamilton, Ontario": a town the gazetteer lacks, placed by its region.
            name = " ".join(_span_text(t, first, last).split())
            st.cands.append(Candidate("GPE", name, t.start[first], t.end[last], True))
            continue
        if first == last and t.base[first] == "X" and on_platform(t, first):
            st.cands.append(Candidate("ORG", "X", t.start[first], t.end[first], True))
            continue
        evidence = context_evidence(st, first, last)
        role = first > 0 and t.gap(first - 1) == " " and t.surf[first - 1] in ROLE_NOUNS
        _person(st, first, last, evidence, titled=role)


# Kinds of place written "the <kind> of <name>".
_PLACE_KINDS = frozenset(["port", "city", "town", "village", "province", "municipality"])


def _place_of(t: Tokens, first: int) -> bool:
    return (
        first > 2
        and t.surf[first - 1] == "of"
        and t.surf[first - 2] in _PLACE_KINDS
        and t.surf[first - 3] == "the"
        and t.gap(first - 1) == t.gap(first - 2) == t.gap(first - 3) == " "
    )


def _initials_of_name(st: ChunkState, i: int) -> bool:
    """ "adviser SK Bashir Uddin": two or three capital initials that open a name after a role,
    not an acronym."""
    t = st.toks
    return (
        len(t.base[i]) <= 3
        and 0 < i < len(t.surf) - 1
        and t.gap(i - 1) == " "
        and t.surf[i - 1] in ROLE_NOUNS
        and t.gap(i) == " "
        and t.cap(i + 1)
        and not t.base[i + 1].isupper()
        and not _is_common(st, i + 1, False)
    )


# "Beijing-based", "US-made": a name made an adjective, not a name.
_ADJECTIVE_COMPOUND = re.compile(r"-[a-z]+$")

# Endings of a web address that names a company ("an analyst at Capital.com").
_DOMAINS = frozenset(["com", "net", "io", "ai"])


def _domain_name(st: ChunkState, i: int) -> bool:
    """A capitalised word written with its web domain ("Capital.com", "Booking.com"): the
    company of that name, said as written."""
    t = st.toks
    k = i + 1
    if k >= len(t.surf) or t.gap(i) != "." or t.surf[k] not in _DOMAINS or t.poss[i]:
        return False
    st.cands.append(Candidate("ORG", f"{t.surf[i]}.{t.surf[k]}", t.start[i], t.end[k], True))
    return True


# Hyphens that are not U+002D ("Keller\u2011Sutter"), one character each so offsets stay right:
# a name spelt with one is the name spelt with "-".
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011", "-"))


def extract_rules(text: str) -> tuple[Entity, ...]:
    text = text.translate(_HYPHENS)
    ix = phrase_index()
    st = ChunkState(tokenise(text), ix)
    _collect(st)
    _split_hyphenated(st)
    st.cands.extend(dateline_places(text))
    return finalise(text, st.cands, ix)


def _split_hyphenated(st: ChunkState) -> None:
    """ "US-China talks", "Russia-Ukraine war": a hyphenated word made of known names."""
    t = st.toks
    for i, w in enumerate(t.base):
        if "-" not in w or not w[0].isupper() or w in st.ix.phrases:
            continue
        parts = w.split("-")
        if all(part.islower() for part in parts[1:]):
            parts = parts[:1]  # "WTO-compatible", "EU-wide": the name, then a plain word
        entries: list[tuple[Entry, int, int]] = []
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
            st.cands.append(Candidate(entry.kind, entry.canonical, s, e, True))  # type: ignore[arg-type]

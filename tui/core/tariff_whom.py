"""Whose goods a rate taxes, for the tariff extractor (tui.core.tariff_engine): the country
after it ("a 50% tariff on Brazilian goods"), before it ("Cambodia at 36 per cent"), or named
later by a participle ("... hitting Canada and Mexico"); imposers, destinations, places and
exempted countries are no targets; member states listed as part of the EU give the EU."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from tui.core import tariff_lexicon as lex
from tui.core.tariff_rates import Rate, rates_in
from tui.core.tariff_targets import Mention, Target

__all__ = [
    "WORD",
    "as_members_of_eu",
    "ends_with",
    "imposer_before",
    "is_agent",
    "is_imposer",
    "measure_targets",
    "respective",
    "subject_bearing",
    "targets_after",
    "targets_before",
    "targets_later",
    "words_between",
]

_LOOKBACK = 60  # characters scanned before a mention for "to the", "outside", "on"...
_GAP_MAX_CHARS = 400  # no country further back than this gives a rate its target

WORD = re.compile(r"[\w'’.%-]+")
RELATIVE = re.compile(r"\b(?:that|which|who)\b")
_BRACKET_OPEN = re.compile(r"\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_ITEM_END = re.compile(r"\s*(?:[,;.)]|$)|\s+(?:and|or)\b")
_CAP_ON_TARIFFS = re.compile(r"\s*(?:ceiling|cap)\s+on\s+(?:tariffs?|duties|levies)\b", re.I)


def targets_after(sent: str, pos: int, mentions: list[Mention]) -> list[Mention]:
    """ "a 50% tariff on Brazilian goods", "36% each for Thailand and Cambodia", "tariffs of 15
    percent (EU) and 10 percent (Britain)"."""
    bracket = _BRACKET_OPEN.match(sent, pos)
    if bracket is not None:
        inside = next((m for m in mentions if m.start == bracket.end()), None)
        if inside is not None and _BRACKET_CLOSE.match(sent, inside.end):
            return [inside]
    each = re.match(r"\s*each\b", sent[pos:])
    if each:
        pos += each.end()
    cap = _CAP_ON_TARIFFS.match(sent, pos)
    if cap:
        pos = cap.end()  # "a 15% ceiling on tariffs on EU goods"
    agreed_by = lex.AGREED_BY_AFTER.match(sent, pos)
    if agreed_by is not None:
        # "the 15% tariffs negotiated by the EU": the party that agreed to its own rate
        party = next((m for m in mentions if m.start == agreed_by.end()), None)
        return [party] if party is not None and party.kind != "demonym" else []
    prep = lex.TARGET_PREP_AFTER.match(sent, pos)
    if prep is None and (bare := _bare_after(sent, pos, mentions)):
        return bare
    if prep is None:
        # "the 24% rate that Washington had originally set for Japan"
        relative = lex.SET_FOR_AFTER.match(sent, pos)
        named = next((m for m in mentions if relative and m.start == relative.end()), None)
        if named is None or (
            named.kind == "demonym" and not lex.DEMONYM_GOODS.match(sent, named.end)
        ):
            return []
        return [named]
    starts = {m.start: m for m in mentions}
    at = prep.end()
    if lex.POSSESSIVE_GOODS.match(sent, at):
        # "a framework with the Philippines, imposing a 19% tariff on its goods"
        owner = [
            m
            for m in mentions
            if m.end <= pos
            and not is_imposer(sent, m)
            and not ends_with(lex.NOT_TARGET_BEFORE, sent, m.start)  # "trades with Iran"
        ]
        return owner[-1:] if owner and not is_agent(sent, owner[-1]) else []
    first = starts.get(at)
    direct = first is not None
    for _ in range(lex.TARGET_FILL_MAX_WORDS):
        if first is not None:
            break
        word = lex.FILL_WORD.match(sent, at) or lex.GOODS_RELATIVE.match(sent, at)
        if word is None:
            break
        at = word.end()
        first = starts.get(at)
    if first is None:
        first = _goods_of(sent, prep.end(), starts)
    # A capital right after the preposition is its government ("tariffs on Beijing"); further
    # on it is a place ("on goods shipped through Singapore" is Singapore the country anyway).
    if first is None or (first.kind == "capital" and not direct):
        return []
    if first.kind == "demonym" and lex.GROUP_AFTER.match(sent, first.end):
        return []  # "on wine from four European countries": a group, not the EU's goods
    if lex.NOT_FROM.search(sent, prep.end(), first.start):
        return []  # "on vehicles not made in the US"
    if ends_with(lex.DESTINATION_BEFORE, sent, first.start) and sent[
        prep.end() : first.start
    ].strip().lower() not in ("", "the"):
        # "on goods shipped to the US"; but the "to" of "applied to Chinese goods",
        # "applicable to the EU" is the preposition's own; "on every car imported into the US
        # from the EU": the origin after the destination
        after = lex.ORIGIN_AFTER.match(sent, first.end)
        first = starts.get(after.end()) if after else None
        if first is None or first.kind == "capital":
            return []
    importer = lex.IMPORTS_FROM.match(sent, first.end)
    if importer is not None:
        # "on US imports from Peru": Peru's goods; "on US imports from dozens of countries": none
        origin = starts.get(importer.end())
        if origin is None:
            return []
        first = origin
    return _with_listed_after(sent, first, mentions)


def measure_targets(sent: str, mentions: list[Mention]) -> list[Target]:
    """The countries whose goods a sentence's tariffs are on ("will put tariffs on steel and
    aluminum imports from Canada, Mexico and the EU"), for a sentence that gives no rate: the
    next one may give the rate of "the tariffs" it named."""
    if not mentions:
        return []
    found: dict[str, Target] = {}
    for noun in lex.TARIFF_NOUN.finditer(sent):
        if lex.ANSWERED.search(sent, max(0, noun.start() - 60), noun.start()) or any(
            m.end < noun.start() <= m.end + 12 and is_imposer(sent, m) for m in mentions
        ):
            continue  # "In response to US tariffs on Peruvian copper, Peru imposed ...": another
        for mention in targets_after(sent, noun.end(), mentions):
            found.setdefault(mention.target.iso, mention.target)
    return list(found.values())


def taxed_goods(sent: str, mentions: list[Mention]) -> list[Target]:
    """The countries whose goods a tariff sentence names as such ("slapped American exports
    with tariffs", "tariffs on U.S.-origin products"), not the goods another measure answers."""
    return [
        m.target
        for m in mentions
        if _goods(sent, m)
        and not is_imposer(sent, m)
        and not lex.ANSWERED.search(sent, max(0, m.start - 80), m.start)
    ]


def _with_listed_after(sent: str, first: Mention, mentions: list[Mention]) -> list[Mention]:
    """ "on Canada, Mexico and the EU": the countries listed after the first one."""
    found = [first]
    while True:
        conj = lex.CONJUNCTION_AFTER.match(sent[found[-1].end :])
        if conj is None:
            break
        nxt = next((m for m in mentions if m.start == found[-1].end + conj.end()), None)
        if nxt is None or nxt.kind == "capital":
            break
        found.append(nxt)
    return found


def _bare_after(sent: str, pos: int, mentions: list[Mention]) -> list[Mention]:
    """ "the highest rates of 39% Switzerland, 40% Laos and Myanmar": countries right after
    the rate, as a whole item of a list (not "a 25% US tariff", where the US imposes)."""
    first = next((m for m in mentions if m.start == pos + 1), None)
    if first is None or first.kind != "name" or sent[pos] != " " or is_imposer(sent, first):
        return []
    found = _with_listed_after(sent, first, mentions)
    return found if _ITEM_END.match(sent, found[-1].end) else []


def _goods_of(sent: str, at: int, starts: dict[int, Mention]) -> Mention | None:
    """The country whose goods a longer phrase names ("on fuel or fuel processing products
    of Norway", "on motorcycles, bourbon and jeans made in the US"), within
    lex.GOODS_OF_MAX_WORDS words of at."""
    for _ in range(lex.GOODS_OF_MAX_WORDS):
        goods = lex.GOODS_OF.match(sent, at)
        if goods is not None and goods.end() in starts:
            return starts[goods.end()]
        # a list of goods may hold brands and commas: "on Harley-Davidson motorcycles,
        # bourbon and blue jeans made in the US"
        origin = lex.ORIGIN_FROM.match(sent, at)
        if origin is not None and origin.end() in starts:
            return starts[origin.end()]
        word = lex.FILL_WORD.match(sent, at) or lex.GOODS_LIST_WORD.match(sent, at)
        if word is None:
            return None
        at = word.end()
    return None


def targets_before(
    sent: str, rate_start: int, mentions: list[Mention], ends: list[int], gap_max: int
) -> list[Mention]:
    """ "Cambodia at 36 per cent", "Brunei, whose imports would be taxed at 25 per cent"."""
    asides = [span for span in _asides(sent) if span[1] <= rate_start]
    # Candidates from the nearest back, skipping mentions inside relative clauses; no
    # candidate further back than _GAP_MAX_CHARS can be the target (the gap is too long).
    before: list[Mention] = []
    for i in range(bisect_right(ends, rate_start) - 1, -1, -1):
        if rate_start - mentions[i].end > _GAP_MAX_CHARS:
            break
        if not _inside(mentions[i].start, asides):
            before.append(mentions[i])
    for index, cand in enumerate(before):
        gap = sent[cand.end : rate_start]
        if index == 0 and gap == " (":
            return [cand]  # "followed by China (34%)": a country and its rate in brackets
        if lex.RATE.search(gap):
            return []
        gap = lex.DASH_ASIDE.sub(" ", lex.RELATIVE_CLAUSE.sub(",", gap))
        relative = lex.OPEN_RELATIVE.match(gap)
        if relative:
            gap = gap[relative.end() :]  # "Canadian energy, which would be subject to 10%"
        # A country (or its goods) that opens the sentence is its subject: "Japan agreed to a
        # deal last month that fixes a 15 per cent tariff" may put a few more words between.
        limit = gap_max
        if lex.OPENING.fullmatch(sent, 0, _list_start(sent, before[index:])) and (
            cand.kind in ("name", "capital")
            # "Canadian goods not covered by the trade pact will face a 35% tariff"
            or (cand.kind == "demonym" and lex.TRADE_NOUN.match(sent, cand.end))
        ):
            limit += lex.SUBJECT_EXTRA_WORDS
            if lex.ITS_BEFORE.search(gap) or lex.EXPORTS.search(gap):
                # "... that cuts the tariff on its goods from", "The UK can export 100,000
                # cars a year to the US at a 10% tariff"
                limit += lex.ITS_EXTRA_WORDS
        elif cand.kind in ("name", "demonym") and lex.SELLER_GAP.match(gap):
            # "allows UK car companies to sell 100,000 vehicles a year into the US at a 10%
            # tariff": the exporters' country, wherever it stands
            limit += lex.SUBJECT_EXTRA_WORDS + lex.ITS_EXTRA_WORDS
        if _goods(sent, cand) and lex.BEARER_BEFORE.search(
            sent, max(0, rate_start - 60), rate_start
        ):
            limit += lex.GOODS_BEARER_EXTRA_WORDS
        if lex.GAP_BREAK.search(gap) or len(WORD.findall(gap)) > limit:
            return []
        if lex.EXEMPT.search(sent, max(0, cand.start - 25), rate_start):
            return []  # "Mexico and Canada were exempted from the 25% tariff"
        if (
            is_imposer(sent, cand)
            or (
                ends_with(lex.DESTINATION_BEFORE, sent, cand.start)
                # "sent a letter to Japan, as well as to South Korea, setting 25%": addressees
                and not ends_with(lex.LETTER_TO, sent, cand.start)
            )
            # "except Canadian energy, which would pay 10%": the clause gives it its own rate
            or (not relative and ends_with(lex.NOT_TARGET_BEFORE, sent, cand.start))
        ):
            continue  # "Canada faces US tariffs of 25%": skip the US, look further back
        if cand.kind == "capital" and ends_with(lex.LOCATION_BEFORE, sent, cand.start):
            continue  # "talks in Brussels": a place, not a government
        if lex.CONTENT_AFTER.match(sent, cand.end):
            continue  # "if US content has been overstated, the full 25% tariff applies"
        if cand.kind == "demonym" and (
            (
                not lex.TRADE_NOUN.match(sent, cand.end)
                and not ends_with(lex.ON_BEFORE, sent, cand.start)
            )
            # "goods from eight European countries": a group the adjective places, not the EU
            or lex.GROUP_AFTER.match(sent, cand.end)
        ):
            continue  # "India, which buys Russian oil, will face": not the Russian one
        # "the US set a 10% baseline" imposes; "the EU and the US agreed a framework that
        # sets a 15% tariff" does not: only the gap up to a relative pronoun is the subject's.
        if lex.ACTIVE_IMPOSING.search(RELATIVE.split(gap, maxsplit=1)[0]) and not _goods(
            sent, cand
        ):
            # (goods impose nothing: "the tariff on Swiss goods, announced at 39%")
            goods = before[index + 1] if index + 1 < len(before) else None
            if goods is not None and _goods(sent, goods) and _object_of(sent, goods, cand):
                return [goods]  # "duties on Thai rice that Washington raised to 18%"
            return []
        return _with_listed_before(sent, before[index:])
    return []


def _list_start(sent: str, before: list[Mention]) -> int:
    """Where the list of countries ending with before[0] starts ("The United States and South
    Korea", "Peru, Chile and Bolivia"); before holds the mentions nearest first."""
    start = before[0].start
    for prev in before[1:]:
        if not lex.CONJUNCTION.fullmatch(sent[prev.end : start]):
            break
        start = prev.start
    return start


def subject_bearing(sent: str, rate_start: int, mentions: list[Mention]) -> list[Mention]:
    """The country that opens the sentence, however far back, when the wording just before
    the rate says it bears the rate and no other country (but an imposer) stands between:
    "Lesotho has become the hardest-hit country by the new US tariffs, facing a 50% rate"."""
    if not mentions or not lex.BEARER_BEFORE.search(sent, max(0, rate_start - 60), rate_start):
        return []
    subject = mentions[0]
    if (
        subject.kind not in ("name", "capital")
        or not lex.OPENING.fullmatch(sent, 0, subject.start)
        or is_imposer(sent, subject)
        or rate_start - subject.end > _GAP_MAX_CHARS
    ):
        return []
    listed = [subject]
    for mention in mentions[1:]:
        if not lex.CONJUNCTION.fullmatch(sent, listed[-1].end, mention.start):
            break
        listed.append(mention)  # "Canada and Mexico were ..."
    between = [
        m for m in mentions[len(listed) :] if m.start < rate_start and not is_imposer(sent, m)
    ]
    gap = sent[listed[-1].end : rate_start]
    if between or lex.GAP_BREAK.search(gap) or lex.RATE.search(gap):
        return []
    # "Canada and Mexico were exempt from the new levies because they are still subject to a
    # 25% tariff": a pronoun takes up the subject, and only what follows it is about the rate
    pronouns = list(lex.PRONOUN_BEARER.finditer(gap))
    about_rate = gap[pronouns[-1].end() :] if pronouns else gap
    if lex.ACTIVE_IMPOSING.search(about_rate) or lex.EXEMPT.search(about_rate):
        return []
    return listed


def targets_later(sent: str, rate_end: int, c_end: int, mentions: list[Mention]) -> list[Mention]:
    """ "a 25% tariff on steel and a 10% tariff on aluminium affecting Canada, Mexico and the
    EU": the countries a participle (or "countries including") names later in the clause."""
    hi = min(c_end, rate_end + lex.TARGETS_LATER_REACH)
    later = lex.TARGETS_LATER.search(sent, rate_end, hi)
    if later is None or any(rate_end <= m.start < later.start() for m in mentions):
        return []
    first = next((m for m in mentions if m.start == later.end()), None)
    if first is None or first.kind not in ("name", "capital"):
        return []
    found = [first]
    while True:
        conj = lex.CONJUNCTION_AFTER.match(sent[found[-1].end :])
        if conj is None:
            break
        nxt = next((m for m in mentions if m.start == found[-1].end + conj.end()), None)
        if nxt is None or nxt.kind not in ("name", "capital"):
            break
        found.append(nxt)
    return found


@lru_cache(maxsize=64)
def _goods(sent: str, mention: Mention) -> bool:
    """ "Chilean copper", "Swiss goods", "tariffs on $60 billion of US products": a country's
    goods, which a rate taxes."""
    if lex.TRADE_NOUN.match(sent, mention.end) is None:
        return False
    return mention.kind == "demonym" or (
        mention.kind == "name" and ends_with(lex.GOODS_OWNER_BEFORE, sent, mention.start)
    )


def _object_of(sent: str, goods: Mention, imposer: Mention) -> bool:
    """Whether the goods are what the imposer's verb taxes: "tariffs on Thai rice that
    Washington raised", "duties on Chinese steel the US imposed"."""
    noun = lex.TRADE_NOUN.match(sent, goods.end)
    assert noun is not None
    return (
        ends_with(lex.ON_BEFORE, sent, goods.start)
        and lex.GOODS_OBJECT_GAP.fullmatch(sent, noun.end(), imposer.start) is not None
    )


def _asides(sent: str) -> tuple[tuple[int, int], ...]:
    """Relative clauses and dashed or bracketed asides of a sentence: "India, which buys
    Russian oil, will face 25%", "Canadian goods—also hit by other duties—could face 35%"."""
    spans = [m.span() for m in lex.RELATIVE_CLAUSE.finditer(sent)]
    spans += [m.span() for m in lex.DASH_ASIDE.finditer(sent) if sent[m.start()] != "("]
    return tuple(sorted(spans))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    index = bisect_right(spans, (pos, len(spans) and spans[-1][1] + 1)) - 1
    return index >= 0 and spans[index][0] <= pos < spans[index][1]


def ends_with(pattern: re.Pattern[str], sent: str, end: int) -> bool:
    """pattern (anchored with $) matches the text just before end; only a window is scanned."""
    return pattern.search(sent, max(0, end - _LOOKBACK), end) is not None


def words_between(sent: str, start: int, end: int) -> int:
    return len(WORD.findall(sent, start, end))


def is_imposer(sent: str, mention: Mention) -> bool:
    """ "US tariffs", "Japan's trade envoy", "the Government of Canada": a country named as the
    one that imposes, or as the country of whoever speaks or acts; never whose goods."""
    return lex.IMPOSER_AFTER.match(sent, mention.end) is not None or ends_with(
        lex.OFFICIAL_OF_BEFORE, sent, mention.start
    )


def is_agent(sent: str, mention: Mention) -> bool:
    """ "imposed by the United States", "exports to the US": a country the goods go to."""
    return ends_with(lex.DESTINATION_BEFORE, sent, mention.start)


def imposer_before(
    sent: str, c_start: int, rate_start: int, mentions: list[Mention]
) -> Mention | None:
    """The nearest country before the rate in its clause, when it imposes the rate ("the US
    agreed to drop the 145% tax", "China's 25% tariff")."""
    before = [m for m in mentions if c_start <= m.start and m.end <= rate_start]
    if not before or before[-1].kind not in ("name", "capital"):
        return None
    cand = before[-1]
    gap = sent[cand.end : rate_start]
    if len(WORD.findall(gap)) > lex.GAP_MAX_WORDS + lex.SUBJECT_EXTRA_WORDS:
        return None
    if is_imposer(sent, cand) or lex.ACTIVE_IMPOSING.search(RELATIVE.split(gap, maxsplit=1)[0]):
        return cand
    return None


def _with_listed_before(sent: str, before: list[Mention]) -> list[Mention]:
    """ "Thailand and Cambodia face 36%": countries listed just before the chosen one (before
    holds the chosen one, then the mentions before it, nearest first). The United States
    listed beside another country is the other party to a deal or a dispute ("the EU and the
    US agreed a 15% tariff"), not a target."""
    found = [before[0]]
    for prev in before[1:]:
        between = sent[prev.end : found[0].start]
        if prev.kind != found[0].kind or not lex.CONJUNCTION.fullmatch(between):
            break
        found.insert(0, prev)
    if len(found) > 1:
        found = [m for m in found if m.target.iso != "US"] or found
    return found


def as_members_of_eu(sent: str, targets: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """ "The EU, including Germany and Italy, faces 15%": the rate is the EU's, not its
    members' (a member state is its own row only when the text gives it its own rate)."""
    if not all(m.target.iso in lex.EU_MEMBERS for m in targets):
        return targets
    first = targets[0].start
    for mention in mentions:
        if mention.end > first:
            break
        if mention.target.iso == "EU" and lex.MEMBER_ASIDE.search(sent, mention.end, first):
            return [mention]
    return targets


def respective(sent: str, rate: Rate, targets: list[Mention]) -> list[Mention]:
    """ "Japan and Korea will face tariffs of 25% and 15%, respectively": of as many countries
    as listed rates, the one in the rate's place; otherwise the targets as found."""
    if rate.chain is None or lex.RESPECTIVELY.match(sent, rate.chain[1]) is None:
        return targets
    chained = [r for r in rates_in(sent) if r.chain == rate.chain]
    distinct: dict[str, Mention] = {}
    for mention in sorted(targets, key=lambda m: m.start):
        distinct.setdefault(mention.target.iso, mention)
    if len(distinct) != len(chained):
        return targets
    return [list(distinct.values())[chained.index(rate)]]

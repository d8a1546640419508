"""What a paragraph carries from one sentence to the next (imported by tui.core.tariff_engine
and tui.core.tariff_rate_targets): the document-level step of the tariff extractor.

News states a measure once and its rates after: "The EU slapped tariffs on American
motorcycles and jeans. The taxes, which range from 10 to 50 percent, ...". The second
sentence names no country; its rate is on the goods the first one taxed. So, while a
paragraph is read, the countries its last tariff sentence taxed (:func:`note_sentence`: the
countries of its rows, else those whose goods its tariffs are on) are kept, and a rate that
names no target of its own takes them (:func:`carried_targets`) when:

- the carry is unambiguous: the paragraph's last tariff sentence taxed one country (a
  sentence that names no taxed country, "Turkey raised tariffs on rice and coal", leaves the
  one before it in place; a paragraph break ends the carry, and then the story's own target,
  read from the headline and lead, is the fallback, as before);
- the rate is a tariff's (tied to a tariff word), and its clause is about no one else: not a
  baseline or a statistic, no other country taxed in it, the carried country not its imposer;
- a sector rate (steel, cars) carries only to the United States: the sector duties news
  reports for everyone are the US's own, so on another country's goods it is ambiguous.

"Both countries" (or "both sides") in a story of two parties names each of them: each taxes
the other. And "the tariffs" of a rate whose measure the sentence just before named without a
rate are on that sentence's countries (:func:`measure_before`), under the same guards.
"""

from __future__ import annotations

import re

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffRow
from tui.core.tariff_rates import Rate
from tui.core.tariff_reading import Reading
from tui.core.tariff_story import BASELINE, STATISTIC, sectors
from tui.core.tariff_targets import Mention, Target
from tui.core.tariff_whom import is_agent, is_imposer, measure_targets, taxed_goods

__all__ = [
    "carried_targets",
    "measure_before",
    "note_sentence",
    "opens_with_measure",
    "paragraph_break",
]

# A rate for the two parties at once: "Both countries will keep a 10% tariff".
_BOTH = re.compile(r"\bboth\s+(?:countries|sides|nations|parties|governments)\b", re.I)
# Countries the sentence before named, referred to as a group: "these two countries", "those
# nations", "the three economies". A bare "the countries" is too loose to say which.
_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_COUNTS = {word: count for count, word in enumerate(_NUMBERS, 2)}
_NUMBER = "|".join(_NUMBERS)
_THESE = re.compile(
    rf"\b(?:(?:these|those)\s+(?:(?P<n>{_NUMBER})\s+)?|the\s+(?P<m>{_NUMBER})\s+)"
    r"(?:countries|nations|economies|(?:trading\s+)?partners|governments|suppliers|exporters)\b",
    re.IGNORECASE,
)
# Wording that refers back to a measure named before: "The tariff will be phased in, starting
# at 10%", "These duties range from 10 to 50 percent", "With Erdogan's decree, ...".
_REFERS_BACK = re.compile(
    r"\b(?:(?:the|these|those|such|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|tax(?:es)?|surtax(?:es)?|rates?)|"
    r"(?:the|this|that|these|its|their|\w+['’]s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:decree|order|proclamation|list|package|retaliation|counter-?measures|measures?))\b|"
    r"^(?:They|These|Those)\b",
    re.IGNORECASE,
)
_TAX_NOUN = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|lev(?:y|ies)|tax(?:es)?|surtax(?:es)?)\b", re.I)
# A paragraph ends at a blank line.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_US = "US"


def paragraph_break(text: str, prev_end: int, start: int) -> bool:
    """Whether a blank line lies between the sentence before (ending at prev_end) and the one
    at start."""
    return _BLANK_LINE.search(text, prev_end, start) is not None


def opens_with_measure(sent: str, c_start: int) -> bool:
    """Whether the clause at c_start opens with a measure named before ("The tariff will be
    phased in, starting at 10%"): its rates are that measure's, tied to a tariff word."""
    found = _REFERS_BACK.match(sent, c_start)
    return found is not None and _TAX_NOUN.search(found.group(0)) is not None


def note_sentence(
    reading: Reading, sent: str, start: int, rows: list[TariffRow], tariff: bool
) -> None:
    """After a sentence is read: the countries the paragraph's next rates may be on.

    ``tariff``: the sentence names a tariff. Its rows' countries, else the countries whose
    goods its tariffs are on ("slapped American exports with tariffs"), become the carried
    ones; a tariff sentence that names no country, or only its imposer ("Turkey raised tariffs
    on rice and coal"), leaves the carried ones as they were, and one that names another
    country in another role ends the carry."""
    if not tariff:
        return
    # A sentence's rows name whose goods its measure taxes: "Japan will cut its tariff on
    # American beef from 38.5 percent. The levy will drop to 9 percent under the accord."
    taxed = {row.iso: Target(row.country, row.iso) for row in rows}
    if not rows:
        mentions = reading.mentions(sent, start)
        for target in measure_targets(sent, mentions) + taxed_goods(sent, mentions):
            taxed.setdefault(target.iso, target)
        if not taxed and all(
            m.target in reading.carried
            or is_imposer(sent, m)
            or is_agent(sent, m)
            or lex.IMPOSING_NEXT.match(sent, m.end)
            for m in mentions
        ):
            return
    reading.carried = list(taxed.values())
    reading.carried_rows = bool(rows)


def carried_targets(
    reading: Reading,
    sent: str,
    c_start: int,
    c_end: int,
    rate: Rate,
    mentions: list[Mention],
    tied: bool,
) -> list[Mention]:
    """The paragraph's carried country (or the story's two parties, for "both countries") for
    a rate whose clause names no target of its own; none when that would be a guess."""
    # The clause's own part: not the measure it answers ("..., are retaliation for the US
    # duty on steel from most countries, including Canada").
    answer = lex.ANSWERING.search(sent, rate.end, c_end)
    own_end = answer.start() if answer else c_end
    clause = sent[c_start:own_end]
    if STATISTIC.search(clause) or lex.ANSWERING.search(sent, c_start, rate.start):
        return []  # a statistic; a rate of the measure answered, not of the one named before
    both = _BOTH.search(sent, c_start, own_end)
    back = _REFERS_BACK.search(sent, c_start, rate.start)
    these = _THESE.search(sent, c_start, own_end)
    if these is not None:
        count = these.group("n") or these.group("m")
        counted = _COUNTS[count.lower()] if count else None
        return _those_named(reading, sent, c_start, own_end, rate, mentions, counted)
    if both is None and back is None:
        return []  # a rate of its own ("with a 40% duty added to goods found transshipped")
    if not (tied or opens_with_measure(sent, c_start)):
        return []
    pair = reading.story.pair
    if both is not None:
        # "Both countries will retain a 10% baseline, with the US keeping its other duties":
        # a baseline between the two parties, who may be named again
        if pair is None:
            # no two parties in the story: the two the sentence before named, if two
            return _those_named(reading, sent, c_start, own_end, rate, mentions, 2)
        if BASELINE.search(clause.replace("baseline", "")):
            return []
        parties = {t.iso for t in pair}
        if _others(sent, c_start, own_end, mentions, parties):
            return []
        return [Mention(rate.start, rate.end, t, "name") for t in pair]
    if _others(sent, c_start, own_end, mentions, set()):
        return []
    if BASELINE.search(clause) or len(reading.carried) != 1:
        return []
    target = reading.carried[0]
    if any(m.target.iso == target.iso for m in mentions if m.start < own_end):
        return []  # named in the sentence, yet not as the rate's target: its imposer
    if sectors(clause) and (target.iso != _US or reading.carried_rows):
        # a sector rate after a sentence with rates of its own ("a 10% tariff on US beef. The
        # tariffs of 25 percent on steel"): another measure, not the one those rates are of
        return []
    return [Mention(rate.start, rate.end, target, "name")]


def _those_named(
    reading: Reading,
    sent: str,
    c_start: int,
    own_end: int,
    rate: Rate,
    mentions: list[Mention],
    count: int | None,
) -> list[Mention]:
    """ "Canada and Japan ship most of it. A 20% duty on steel from these two countries ...":
    the countries the paragraph's last tariff sentence taxed, else those the sentence before
    named (not as an imposer or where goods go), less any the sentence names before the rate
    (its imposer: "Canberra will impose 14% on these two countries"), when there are two or more and
    as many as the phrase counts; none when the clause names a country of its own or the rate
    is a baseline."""
    if BASELINE.search(sent, c_start, own_end) or _others(sent, c_start, own_end, mentions, set()):
        return []
    group = list(reading.carried)
    if len(group) < 2:
        prev = reading.text[reading.prev_span[0] : reading.prev_span[1]]
        named: dict[str, Target] = {}
        for m in reading.mentions(prev, reading.prev_span[0]):
            # a capital stands for its government ("deals with Washington"), not its goods
            if m.kind != "capital" and not (is_imposer(prev, m) or is_agent(prev, m)):
                named.setdefault(m.target.iso, m.target)
        group = list(named.values())
    # a country the sentence names before the rate is its imposer, not one of the group
    own = {m.target.iso for m in mentions if m.start < rate.start}
    group = [t for t in group if t.iso not in own]
    if len(group) < 2 or (count is not None and count != len(group)):
        return []
    return [Mention(rate.start, rate.end, t, "name") for t in group]


def _others(sent: str, start: int, end: int, mentions: list[Mention], known: set[str]) -> bool:
    """Whether sent[start:end] names a country, other than ``known`` ones, that is neither an
    imposer nor where goods go: a country the carry would override."""
    return any(
        start <= m.start < end
        and m.target.iso not in known
        and not (is_imposer(sent, m) or is_agent(sent, m))
        for m in mentions
    )


def measure_before(
    reading: Reading,
    sent: str,
    before: str,
    c_start: int,
    c_end: int,
    rate: Rate,
    mentions: list[Mention],
) -> list[Mention]:
    """ "... will put tariffs on steel imports from Canada and Mexico. The tariffs of 25 percent
    on steel imports will take effect at midnight": the countries whose goods the sentence
    before (a measure without rates, :attr:`Reading.measure_text`) taxed, for a rate worded as
    "the tariffs" (``before``: the clause's text before the rate) in a sentence that names no
    one else; none for a statistic, a baseline, or a sector rate on other countries than the
    US's goods (perhaps the US's own sector duty on everyone)."""
    if (
        not reading.measure_text
        or lex.DEFINITE_TARIFF_BEFORE.search(before) is None
        or STATISTIC.search(before)  # "The effective tariff rate is now 17 percent"
        or not all(is_imposer(sent, m) or is_agent(sent, m) for m in mentions)
        or BASELINE.search(sent, c_start, c_end)
    ):
        return []
    prev = reading.measure_text
    named = measure_targets(prev, reading.mentions(prev, reading.prev_span[0]))
    if sectors(sent[c_start:c_end]) - sectors(prev) and any(t.iso != _US for t in named):
        return []
    return [Mention(rate.start, rate.end, t, "name") for t in named]

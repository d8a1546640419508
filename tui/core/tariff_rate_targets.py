"""Whose goods one rate taxes, for the tariff extractor (tui.core.tariff_engine, point 3 of its
docstring), tried in this order:

1. a country in the rate's own clause (tui.core.tariff_whom): the bearer right before a verb
   such as "faces" or "will shoulder", else the country after the rate, near before it, named
   later by a participle, or the sentence's subject that bears it from afar ("Lesotho, ...,
   facing a 50% rate");
2. the countries of the rate before it in the sentence, when this one sums it up, replaces it
   or carries on from it ("bringing the total to 50%", "up from 25%", "to 50% and 20%");
3. for a sentence that opens with "It" or "The country", the country that opened the sentence
   before; for "Altogether, that brings the rate to 145%", the sentence before's countries;
4. the country the paragraph's last tariff sentence taxed, for a rate that refers back to its
   measure ("The taxes, which range from 10 to 50 percent"), both parties for "both
   countries", or the countries named just before for "these two countries"
   (tui.core.tariff_carry);
5. the other party of a two-party story, a section heading's country, or the story's one target
   (tui.core.tariff_story);
6. the last resort, for a rate tied to a tariff word: the one country its clause names after it
   in no other role, whatever words stand between ("the 20% tariff China is already charged"),
   else the one country whose goods a tariff earlier in the clause taxes.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffStatus
from tui.core.tariff_carry import carried_targets, measure_before, opens_with_measure
from tui.core.tariff_rates import Rate, changed_from
from tui.core.tariff_reading import Reading
from tui.core.tariff_status import is_prior, nearest_cue
from tui.core.tariff_story import BASELINE, STATISTIC
from tui.core.tariff_targets import Mention, find_mentions
from tui.core.tariff_whom import (
    WORD,
    as_members_of_eu,
    ends_with,
    imposer_before,
    is_agent,
    is_imposer,
    measure_targets,
    subject_bearing,
    targets_after,
    targets_before,
    targets_later,
    words_between,
)

__all__ = ["linked", "rate_targets"]

_TO_BEFORE = re.compile(r"\bto\s+$")


def rate_targets(
    reading: Reading,
    sent: str,
    c_start: int,
    before: str,
    c_end: int,
    rate: Rate,
    mentions: list[Mention],
    carried: bool,
    bound: bool,
) -> tuple[list[Mention], TariffStatus | None]:
    """Whose goods the rate taxes, and a status when the way they were found says one.

    ``before`` is the clause's text just before the rate; ``bound`` says whether the rate is
    tied to a tariff word."""
    last = reading.last
    r_start, r_end = (
        rate.group
        if rate.group and not rate.own_targets
        else (rate.start, rate.chain[1] if rate.chain else rate.end)
    )
    if rate.group and last.rate and last.rate.group == rate.group:
        return last.targets, None  # the "20%" of "from 30% to 20%"
    gap_max = lex.GAP_MAX_WORDS_CARRIED if carried else lex.GAP_MAX_WORDS
    bearer = _bearer(reading, sent, r_start, mentions, gap_max)
    after_bearer, last.bearer = last.bearer, bool(bearer)
    if bearer:
        return as_members_of_eu(sent, bearer, mentions), None
    bound_after = lex.BOUND_AFTER.match(sent, r_end)
    skip = bound_after.end() - r_end if bound_after else 0
    targets = targets_after(sent, r_end + skip, mentions)
    if not targets and rate.group and rate.own_targets and rate.group[1] > r_end:
        # "lower tariffs to 7.5% from 15% on imports from China": the pair's goods follow it
        targets = targets_after(sent, rate.group[1], mentions)
    if (
        not targets
        and after_bearer
        and last.targets
        and last.rate
        and _bearer_link(sent, last.rate, rate)
    ):
        # "Vietnam will shoulder a 20% tariff on all US exports and a 40% tariff on ..."
        return last.targets, None
    if not targets:
        targets = targets_before(sent, r_start, mentions, reading.mention_ends, gap_max)
    if not targets:
        targets = targets_later(sent, r_end, c_end, mentions)
    if not targets and bound:
        targets = subject_bearing(sent, r_start, mentions)
    if targets:
        return as_members_of_eu(sent, targets, mentions), None
    if last.targets:
        same, status = _same_targets(reading, sent, before, c_end, rate, mentions)
        if same:
            return same, status
    if c_start == 0:
        found = _antecedent(reading, sent, rate, mentions)
        if found:
            reading.antecedent_source = reading.source_before()
            return found, None
    named = measure_before(reading, sent, before, c_start, c_end, rate, mentions)
    if named:
        return named, None
    if (
        reading.prev_targets
        and lex.TOTAL_BEFORE.search(before)
        and all(is_imposer(sent, m) or is_agent(sent, m) for m in mentions)
    ):
        return reading.prev_targets, None  # "... Altogether, that brings the rate to 145%."
    tied = bound or bool(rate.group or rate.chain) or opens_with_measure(sent, c_start)
    held = carried_targets(reading, sent, c_start, c_end, rate, mentions, tied)
    if held:
        return held, None
    story = _story_targets(reading, sent, c_start, c_end, rate, mentions, tied)
    if story:
        return story, None
    return _sole_country(sent, c_start, c_end, rate, mentions, bound), None


def _bearer(
    reading: Reading, sent: str, r_start: int, mentions: list[Mention], gap_max: int
) -> list[Mention]:
    """The country that bears the rate by its own verb ("Vietnam will shoulder a 20% tariff",
    "Peru faces a 10% duty"), which outranks a country named in the goods after the rate
    ("... on all US exports", "... on goods bound for the US")."""
    if not lex.BEARER_VERB_BEFORE.search(sent, max(0, r_start - 40), r_start):
        return []
    found = targets_before(sent, r_start, mentions, reading.mention_ends, gap_max)
    return found if all(m.kind in ("name", "capital") for m in found) else []


def _bearer_link(sent: str, last_rate: Rate, rate: Rate) -> bool:
    """Whether the rate is coordinated with the last one, past that one's goods: "a 20% tariff
    on all US exports and a 40% tariff"."""
    noun = lex.BOUND_AFTER.match(sent, last_rate.end)
    return noun is not None and lex.BEARER_LINK.fullmatch(sent, noun.end(), rate.start) is not None


def linked(reading: Reading, sent: str, rate: Rate) -> bool:
    """Whether the rate carries on from the last rate the sentence gave a row ("to 50% and
    20%", "to 10% on May 1, to 15% on June 1")."""
    last_rate = reading.last.rate
    if last_rate is None or last_rate.end > rate.start:
        return False
    if rate.chain is not None and rate.chain == last_rate.chain:
        return True  # "of 30%, 20% and 15%"
    noun = lex.BOUND_AFTER.match(sent, last_rate.end) or lex.GOODS_TARIFF_AFTER.match(
        sent, last_rate.end
    )
    start = noun.end() if noun else last_rate.end
    return lex.RATE_LINK.fullmatch(sent, start, rate.start) is not None


def _same_targets(
    reading: Reading, sent: str, before: str, c_end: int, rate: Rate, mentions: list[Mention]
) -> tuple[list[Mention], TariffStatus | None]:
    """A rate that refers back to the previous rate's countries in the same sentence.

    "..., taking the total to 50 percent"; "..., up from 25%"; "cut to 20% from 32%"; "from 30
    per cent in April to 20 per cent"; "Lesotho, once threatened with 50 per cent, now faces
    the 15% minimum".
    """
    last = reading.last
    if last.rate and lex.ANSWERING.search(sent, last.rate.end, rate.start):
        return [], None  # "10% duties, in retaliation for the US's 25%": another measure
    if (
        lex.TOTAL_BEFORE.search(before)
        or lex.ADDITIVE_BEFORE.search(before)
        or (
            lex.COMPARED_BEFORE.search(before)
            and not any(rate.end <= m.start < c_end for m in mentions)
        )
    ):
        return last.targets, None  # "... before factoring in the 20% tariffs"
    if (
        changed_from(before, 0, len(before))
        or lex.AVOIDED.search(before[-30:])
        or is_prior(sent, 0, len(sent), rate)
    ):
        if last.status in ("threatened", "proposed") and (
            lex.CURRENT_BEFORE.search(before) or lex.POSSIBLE_CHANGE.search(before)
        ):
            # "30% from August, up from the current 10%", "could climb to 40% from 15%"
            return last.targets, "imposed"
        return last.targets, "other"
    if last.status == "other" and _TO_BEFORE.search(before):
        return last.targets, None  # "from 30 per cent in April to 10 per cent"
    last_end = last.rate.end if last.rate else 0
    if linked(reading, sent, rate):
        return last.targets, None  # "to 50% and 20%", "on top of the 20% in place"
    first_after = bisect_left(reading.mention_ends, last_end + 1)
    taxed = {m.target.iso for m in last.targets}
    if any(m.start < rate.start and m.target.iso not in taxed for m in mentions[first_after:]):
        return [], None  # another country named between the two rates
    if lex.RISING_TO_BEFORE.search(before):
        return last.targets, None  # "10% on Chile and Peru, rising to 25% in June"
    # Carries on only when wording in between says how ("now faces", "was cut to").
    found = nearest_cue(sent, last_end, rate.start, rate, blocked=False)
    return (last.targets, None) if found else ([], None)


def _antecedent(reading: Reading, sent: str, rate: Rate, mentions: list[Mention]) -> list[Mention]:
    """ "Vietnam struck a deal last week. It will face a 20% tariff": the country that opened
    the previous sentence, when this one opens with a pronoun and names no country before the
    rate, and nothing between says the subject imposes the tariff."""
    pronoun = lex.PRONOUN_SUBJECT.match(sent)
    if pronoun is None or any(m.start < rate.start for m in mentions):
        return []
    # (a rate given by a verb, "It then halved the 20% rate", includes the verb)
    gap = sent[pronoun.end() : rate.end if rate.derived else rate.start]
    if len(WORD.findall(gap)) > lex.GAP_MAX_WORDS or lex.ACTIVE_IMPOSING.search(gap):
        return []
    prev = reading.text[reading.prev_span[0] : reading.prev_span[1]]
    subject = next(iter(find_mentions(prev)), None)
    if (
        subject is None
        or subject.kind not in ("name", "capital")
        or lex.SUBJECT_LEAD.fullmatch(prev[: subject.start]) is None
    ):
        return []
    if is_imposer(prev, subject) or lex.IMPOSING_NEXT.match(prev, subject.end):
        # "The US imposed 20% tariffs on EU goods. It then halved the 20% rate": the pronoun
        # is the imposer, and the rate is on the goods it taxed in the sentence before
        return reading.prev_targets if lex.CHANGE_VERB_BEFORE.search(gap) else []
    return [subject]


def _partner(sent: str, imposer: Mention, mentions: list[Mention]) -> Mention | None:
    """ "Switzerland and the US signed a declaration to reduce the tariffs from 39% to 15%": the
    parties of a deal named as one subject, the United States one of them; the rate is on the
    other's goods (the convention of tariff_whom's lists: the US beside another country is the
    other party)."""
    index = mentions.index(imposer)
    if index == 0:
        return None
    first = mentions[index - 1]
    if first.kind != "name" or not lex.CONJUNCTION.fullmatch(sent, first.end, imposer.start):
        return None
    isos = (first.target.iso, imposer.target.iso)
    if "US" not in isos or isos[0] == isos[1]:
        return None
    return imposer if isos[0] == "US" else first


def _story_targets(
    reading: Reading,
    sent: str,
    c_start: int,
    c_end: int,
    rate: Rate,
    mentions: list[Mention],
    tied: bool,
) -> list[Mention]:
    """A rate whose clause names no target of its own: the other party of a two-party story
    when a party taxes here ("the US agreed to drop the 145% tax"), else the section's or the
    story's one target ("Another 50% tax was levied on footwear")."""
    r_start = rate.group[0] if rate.group else rate.start
    clause = sent[c_start:c_end]
    imposer = imposer_before(sent, c_start, r_start, mentions)
    if imposer is not None:
        partner = _partner(sent, imposer, mentions)
        if partner is not None:
            return [partner]
        other = reading.story.other_party(imposer, clause)
        if other is None and reading.story.party(imposer.target.iso):
            # "Under the decree, Turkey will also raise tariffs to 100% on other products" in
            # a story on Turkey's tariffs on US goods: the story's target (a third country
            # that imposes, one the lead does not name, taxes someone else)
            other = reading.story.target(clause, tied)
            if other is not None and other.iso == imposer.target.iso:
                other = None
        return [Mention(imposer.start, imposer.end, other, "name")] if other else []
    if any(
        c_start <= m.start
        and m.end <= r_start
        and words_between(sent, m.end, rate.start) <= lex.GAP_MAX_WORDS
        and not is_agent(sent, m)
        for m in mentions
    ):
        return []  # a country near before the rate that is not its target: no guess
    if any(
        c_start <= m.start < c_end and ends_with(lex.LOCATION_BEFORE, sent, m.start)
        for m in mentions
    ):
        return []  # "A 20% tariff kills our sales in Mexico": the clause names its place
    if reading.section is not None and tied and not reading.story.general(clause):
        return [Mention(rate.start, rate.end, reading.section, "name")]
    target = reading.story.target(clause, tied)
    if target is not None and target.iso == "US" and lex.US_ACTOR.search(sent, c_start, r_start):
        # "The Trump administration first imposed 10% tariffs" in a story on duties on US
        # goods: the US acts here, so the story's target is not whose goods this rate taxes
        return []
    return [Mention(rate.start, rate.end, target, "name")] if target else []


def _sole_country(
    sent: str, c_start: int, c_end: int, rate: Rate, mentions: list[Mention], bound: bool
) -> list[Mention]:
    """The last resort for a tariff rate every rule above left without a country: the one
    country named after it in its clause in no other role ("the 18% levy that goods from
    Nicaragua currently face", "the 20% tariff China is already charged"). Words of any shape
    may stand between the rate and its target; what makes the guess safe is that the clause
    offers no other: no second country, no other tariff in between, no baseline or statistic,
    and the one named neither imposes, receives the goods, speaks, nor is the place."""
    if not bound or lex.ANSWERING.search(sent, c_start, rate.start):
        return []  # not a tariff's rate; a rate of the measure answered
    answer = lex.ANSWERING.search(sent, rate.end, c_end)
    own_end = answer.start() if answer else c_end
    clause = sent[c_start:own_end]
    if BASELINE.search(clause) or STATISTIC.search(clause) or lex.EXEMPT.search(clause):
        return []
    noun = lex.BOUND_AFTER.match(sent, rate.end)
    after = noun.end() if noun else rate.end
    later = [m for m in mentions if after <= m.start < own_end]
    if not later:
        return _measure_goods(sent, c_start, rate, mentions)
    if any(m.target.iso != later[0].target.iso for m in later[1:]):
        return []
    mention = later[0]
    if (
        lex.TARIFF_NOUN.search(sent, after, mention.start)  # another measure's country
        or lex.SUBORDINATE.search(sent, after, mention.start)
        or ends_with(lex.PLACE_BEFORE, sent, mention.start)
        or lex.GROUP_AFTER.match(sent, mention.end)
        or lex.SPEAKER_AFTER.match(sent, mention.end)
        or any(is_imposer(sent, m) or lex.IMPOSING_NEXT.match(sent, m.end) for m in later)
        or mention.kind == "capital"
        or any(m.target.iso == mention.target.iso for m in mentions if m.end <= rate.start)
    ):
        return []
    return [Mention(rate.start, rate.end, mention.target, "name")]


def _measure_goods(sent: str, c_start: int, rate: Rate, mentions: list[Mention]) -> list[Mention]:
    """ "retaliatory tariffs on U.S. steel ..., as well as a 10 per cent surtax on consumer
    goods": the one country whose goods a tariff earlier in the clause taxes, when the clause
    names no other."""
    before = [m for m in mentions if c_start <= m.start < rate.start]
    taxed = measure_targets(sent, before)
    if len(taxed) != 1 or any(m.target.iso != taxed[0].iso for m in before):
        return []
    if lex.ACTIVE_IMPOSING.search(sent, before[-1].end, rate.start):
        return []  # "... on U.S. goods, the U.S. will add the increase to the 25 percent rate"
    return [Mention(rate.start, rate.end, taxed[0], "name")]

"""Rates in a sentence, for the tariff extractor (tui.core.tariff_engine): "25%", "25 per
cent", "twenty-five percent", ranges, lists of rates ("5% or 10%"), and changes ("cut from 30%
to 20%", "drop the 145% tax ... to 30%"), whose earlier rate is superseded; and the clause
around a position."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from tui.core import tariff_lexicon as lex

__all__ = [
    "RATES_WORD",
    "Rate",
    "bracketed_change",
    "changed_from",
    "clause_at",
    "paired",
    "rate_starts",
    "rates_in",
]


@dataclass(frozen=True, slots=True)
class Rate:
    start: int
    end: int
    low: float
    high: float | None
    # The "30%" of "from 30% to 20%": superseded by the rate after it.
    prior: bool = False
    # Both rates of such a pair take their targets from around the whole "from ... to ...".
    group: tuple[int, int] | None = None
    # Rates listed together ("5% or 10% tariffs on US goods"): where the list starts and ends.
    chain: tuple[int, int] | None = None
    # A change with words between its rates ("from the current 10% rate on steel to 50%"):
    # each rate finds its own target, the group only sets the status.
    own_targets: bool = False
    # A rate given only in words of a change ("halved the 20% rate"): its place is the verb's.
    derived: bool = False


RATES_WORD = re.compile(r"\brates?\b", re.IGNORECASE)
# A month just before a number: the number is a day ("on May 1 to 10%"), not a rate.
# How far before a change's first rate its "from" may stand ("from the previously threatened").
_FROM_REACH = 40
_DAY_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$")


@lru_cache(maxsize=64)
def rates_in(sent: str) -> tuple[Rate, ...]:
    rates: list[Rate] = []
    for match in lex.RATE.finditer(sent):
        groups = match.groupdict()
        if groups["w"]:
            rates.append(Rate(match.start(), match.end(), _word_number(groups["w"]), None))
            continue
        if groups["lo"] and _DAY_BEFORE.search(sent, max(0, match.start() - 12), match.start()):
            # "took effect on May 1 to 10%": a date, then the rate
            rates.append(Rate(match.start("hi"), match.end(), float(groups["hi"]), None))
            continue
        low_s = groups["blo"] or groups["lo"] or groups["v"]
        high_s = groups["bhi"] or groups["hi"]
        low = _number(low_s)
        high = _number(high_s) if high_s else None
        if (
            groups["sep"] is not None
            and high is not None
            and (lead := _change_lead(sent, match.start(), low, high)) is not None
        ):
            # "cut from 30% to 20%": the earlier rate and the new one, not a range; the change
            # reads from its "from" (wording after that is the earlier rate's).
            group = (lead.start(), match.end())
            rates.append(Rate(match.start(), match.start("sep"), low, None, True, group))
            rates.append(Rate(match.start("hi"), match.end(), high, None, False, group))
            continue
        if high is not None and high <= low:  # "40-30 per cent" reads as 30-40; "25-25" as 25
            low, high = (high, low) if high < low else (low, None)
        rates.append(Rate(match.start(), match.end(), low, high))
    return _chained(sent, _derived(sent, _changed_objects(sent, rates)))


def _change_lead(sent: str, start: int, low: float, high: float) -> re.Match[str] | None:
    """The "from" of a change "from 30% to 20%" whose rates start at ``start``, or None when
    the pair is a range. A change is worded as one ("cut from 30% to 20%", "an increase in the
    tariff rate on ... from 34 to 84 percent"), or runs downwards: "Cambodia (from 49% to
    36%)" is no range, a range being given from its low end."""
    lead = lex.CHANGE_FROM_BEFORE.search(sent, max(0, start - _FROM_REACH), start)
    if lead is None or lex.RANGE_FROM_BEFORE.search(sent, max(0, lead.end() - 40), lead.end()):
        return None  # "ranging from 50% to 10%"
    if (
        high < low
        or lex.CHANGE_VERB_BEFORE.search(sent, max(0, lead.start() - 80), lead.start())
        or lex.CHANGE_OF_RATE_BEFORE.search(sent, max(0, lead.start() - 160), lead.start())
    ):
        return lead
    return None


def _changed_objects(sent: str, rates: list[Rate]) -> list[Rate]:
    """ "drop the 145% tax imposed last month to 30%", "a 10% tariff due in May will be raised
    to 15%", "jump from the current 10% rate to 50%": the earlier rate and the new one."""
    for i in range(len(rates) - 1):
        old, new = rates[i], rates[i + 1]
        if old.group or new.group:
            continue
        between = sent[old.end : new.start]
        if lex.NEW_FIRST_FROM.fullmatch(between) and lex.CHANGE_TO_BEFORE.search(
            sent, max(0, old.start - 60), old.start
        ):
            # "were lowered to 30% from 145% under the truce": the new rate first, then the
            # one it replaces; the wording around the pair is the change's
            group = (old.start, new.end)
            rates[i] = replace(old, group=group, own_targets=True)
            rates[i + 1] = replace(new, prior=True, group=group, own_targets=True)
            continue
        start = old.start
        lead = lex.CHANGE_FROM_BEFORE.search(sent, max(0, old.start - 20), old.start)
        if (
            lead is not None
            and lex.CHANGE_VERB_BEFORE.search(sent, max(0, lead.start() - 80), lead.start())
            and lex.CHANGE_FROM_TO.match(between)
        ):
            start = lead.start()  # "jump from the current 10% rate to 50%"
        elif lex.CHANGE_SUBJECT_TO.match(between):
            start = (
                new.start
            )  # "... will be increased to 15%": the wording before is the new rate's
        elif not (
            lex.CHANGE_OBJECT_BEFORE.search(sent, max(0, old.start - 40), old.start)
            and lex.CHANGE_OBJECT_TO.match(between)
        ):
            continue
        group = (start, new.end)
        rates[i] = replace(old, prior=True, group=group, own_targets=True)
        rates[i + 1] = replace(new, group=group, own_targets=True)
    return rates


def _derived(sent: str, rates: list[Rate]) -> list[Rate]:
    """ "It then halved the 20% rate", "reduce by half the 25 percent tariff", "doubled the 25%
    duty": the rate named is superseded by one the text gives only in words, which is added
    before it, in the place of the verb, as the new rate of the change."""
    out: list[Rate] = []
    for rate in rates:
        verb = None
        if rate.group is None:
            verb = lex.DERIVED_BEFORE.search(sent, max(0, rate.start - 60), rate.start)
        if verb is None:
            out.append(rate)
            continue
        word = verb.group("verb").lower()
        factor = 2.0 if word.startswith("doubl") else 3.0 if word.startswith("tripl") else 0.5
        group = (verb.start(), rate.end)
        start, end = verb.span("verb")
        out.append(Rate(start, end, rate.low * factor, None, group=group, derived=True))
        out.append(replace(rate, prior=True, group=group))
    return out


def _chained(sent: str, rates: list[Rate]) -> tuple[Rate, ...]:
    """Mark rates listed together ("5% or 10% tariffs", "10%, 20% and 25%")."""
    i = 0
    out = list(rates)
    while i < len(out):
        j = i
        while (
            j + 1 < len(out)
            and out[j].group is None
            and out[j + 1].group is None
            and lex.COORDINATED.fullmatch(sent, out[j].end, out[j + 1].start)
        ):
            j += 1
        if j > i:
            chain = (out[i].start, out[j].end)
            for k in range(i, j + 1):
                out[k] = replace(out[k], chain=chain)
        i = j + 1
    return tuple(out)


def changed_from(sent: str, lo: int, hi: int) -> bool:
    """ "up from", "cut to 20% from", "to 25 percent from": the rate at hi is an earlier one a
    change replaced."""
    lead = lex.FROM_BEFORE.search(sent, lo, hi)
    return (
        lead is not None
        and (
            lex.CHANGE_VERB_BEFORE.search(sent, max(0, lead.end() - 90), lead.end()) is not None
            or lex.TO_RATE_BEFORE.search(sent, max(0, lead.start() - 40), lead.start()) is not None
        )
        and lex.RANGE_FROM_BEFORE.search(sent, max(0, hi - 40), hi) is None
    )


def bracketed_change(sent: str, rate: Rate) -> bool:
    """Whether the rate is one of a change in brackets after what it is for: "Cambodia (from
    49% to 36%)". The words before the bracket ("slightly lower for") are the change's, not a
    market's."""
    if rate.group is None:
        return False
    lo, hi = rate.group
    return sent[:lo].rstrip().endswith("(") and sent[hi:].lstrip().startswith(")")


def changed_tariff(sent: str, c_start: int, rate: Rate) -> bool:
    """Whether the rate is a level of a tariff's change: "tariffs on $200 billion of Chinese
    imports will jump from 10% to 25%", "duties on $50 billion of its goods will rise to 25%
    from 10%" (a tariff that rises, not a market move)."""
    if rate.group is not None:
        anchor = rate.group[0]
    else:
        # "will rise to 25%", or the earlier rate of "will rise to 25% from 10%"
        lo = max(c_start, rate.start - 60)
        verb = lex.CHANGE_TO_BEFORE.search(sent, lo, rate.start) or (
            lex.CHANGE_VERB_BEFORE.search(sent, max(c_start, rate.start - 90), rate.start)
            if changed_from(sent, lo, rate.start)
            else None
        )
        if verb is None:
            return False
        anchor = verb.start()
    return lex.CHANGED_TARIFF_BEFORE.search(sent, max(c_start, anchor - 90), anchor) is not None


@lru_cache(maxsize=64)
def rate_starts(sent: str) -> tuple[int, ...]:
    return tuple(rate.start for rate in rates_in(sent))


def paired(one: Rate, other: Rate) -> bool:
    """Both rates of one "from 30% to 20%" change, or of one list ("5% or 10%")."""
    return (one.group is not None and one.group == other.group) or (
        one.chain is not None and one.chain == other.chain
    )


def _number(text: str) -> float:
    """ "25" -> 25.0, "five" -> 5.0."""
    return float(text) if text[0].isdigit() else _word_number(text)


def _word_number(words: str) -> float:
    """ "twenty-five" -> 25.0, "a hundred" -> 100.0 (the forms lex.RATE accepts)."""
    parts = re.split(r"[-\s]+", words.lower())
    if parts[-1] == "hundred":
        return 100.0
    return float(sum(lex.WORD_NUMBERS[p] for p in parts))


def clause_at(sent: str, pos: int) -> tuple[int, int]:
    """The clause around pos: sentence parts split at ";", dashes and "while"/"but"."""
    c_start, c_end = 0, len(sent)
    for start, end in _clause_breaks(sent):
        if end <= pos:
            c_start = end
        elif start >= pos:
            c_end = start
            break
    return c_start, c_end


@lru_cache(maxsize=64)
def _clause_breaks(sent: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in lex.CLAUSE_BREAK.finditer(sent))

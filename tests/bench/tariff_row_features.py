"""What a learned row decision sees of one (country, rate) a text could state: every pair of a
country mention and a rate in one sentence, with named features, for the experiment in
tests/bench/train_tariff_rows.py (issue 13, recall).

A text's candidates are its (iso, rate) keys, as the scorer matches rows
(tests/bench/score_tariffs.py: the rate rounded to 0.01): every pair of a country mention
(tui.core.tariff_targets.find_mentions: names, demonyms, capitals, "the bloc") and a rate
(tui.core.tariff_rates.rates_in) of one sentence (tui.core.sentences.split_sentences), plus the
keys the rules gave (which may come from further away: a paragraph's target, a list's heading).
A key's features are the union over its pairs, with the distance and the ties of its closest
pair; "rules:yes" says the rules gave it. Every feature is a string ``template:value``.

:func:`where` says how far apart a key's country and rate stand in a text, for the ceiling.
:func:`eligible` says which keys the rules would allow a learned decision to add (the rows
hybrid, tests/bench/train_tariff_hybrid.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tests.bench.tariff_parse_features import Parser, pair_features
from tests.bench.tariff_status_features import change_features
from tui.core import tariff_lexicon as lex
from tui.core.sentences import split_sentences
from tui.core.tariff_rates import Rate, clause_at, rates_in
from tui.core.tariff_reading import Reading
from tui.core.tariff_status import cues
from tui.core.tariff_targets import Mention, find_mentions
from tui.core.tariff_whom import ends_with, is_agent, is_imposer

__all__ = ["Candidate", "Key", "candidates", "eligible", "may_bear", "prepared", "where"]

Key = tuple[str, float]  # (iso, rate rounded to 0.01): the scorer's key
# Hyphens the rules read as "-" (tui.core.tariff_engine._HYPHENS), one character each.
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012", "-"))
_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|[^\sA-Za-z\d]")
_SECTOR = re.compile(
    r"\b(?:steel|alumin\w*|cars?|autos?|vehicles?|copper|lumber|timber|semiconductors?|chips?|"
    r"pharmaceuticals?|drugs|trucks|furniture|solar|textiles?)\b",
    re.IGNORECASE,
)
_BASELINE = re.compile(
    r"\b(?:baseline|universal|global|across-the-board|every\s+country|all\s+countries|"
    r"all\s+imports|most\s+countries|reciprocal)\b",
    re.IGNORECASE,
)
_STATISTIC = re.compile(
    r"\b(?:average|share|growth|inflation|gdp|percent\s+of|per\s+cent\s+of|%\s+of|fell|rose|"
    r"drop\w*|jump\w*|poll|survey|margin|stake)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = ("on", "from", "for", "against", "to", "by", "at", "with", "of", "in")


@dataclass
class Candidate:
    """One (iso, rate) a text could state, with its features."""

    key: Key
    features: set[str] = field(default_factory=set)
    distance: int = 10**6  # tokens between the closest pair's country and rate


def prepared(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text as the rules read it and its sentences."""
    text = text.translate(_HYPHENS)
    return text, split_sentences(text)


def _key(iso: str, rate: float) -> Key:
    return (iso, round(rate, 2))


def where(text: str, keys: Iterable[Key]) -> dict[Key, str]:
    """How far apart each key's country and rate stand: "sentence" (a sentence names both),
    "previous" (the rate's sentence or the one after the country's), "further" (both named,
    further apart), "no rate" (no sentence gives the rate as tui.core.tariff_rates reads it),
    "no country" (the rate is read, the country never named)."""
    text, spans = prepared(text)
    isos: list[set[str]] = []
    rates: list[set[float]] = []
    for start, end in spans:
        sent = text[start:end]
        isos.append({m.target.iso for m in find_mentions(sent)})
        rates.append({round(r.low, 2) for r in rates_in(sent)})
    out = {}
    for iso, rate in keys:
        with_rate = [i for i, found in enumerate(rates) if rate in found]
        with_iso = {i for i, found in enumerate(isos) if iso in found}
        if not with_rate:
            out[(iso, rate)] = "no rate"
        elif not with_iso:
            out[(iso, rate)] = "no country"
        elif any(i in with_iso for i in with_rate):
            out[(iso, rate)] = "sentence"
        elif any(i - 1 in with_iso for i in with_rate):
            out[(iso, rate)] = "previous"
        else:
            out[(iso, rate)] = "further"
    return out


def candidates(
    text: str, rules: Sequence[Key], parse: Parser | None = None
) -> dict[Key, Candidate]:
    """Every (iso, rate) of the text's sentences, and the keys the rules gave; ``parse``: add
    the way between the two in the sentence's tree (tests/bench/tariff_parse_features.py)."""
    text, spans = prepared(text)
    found: dict[Key, Candidate] = {}
    for start, end in spans:
        sent = text[start:end]
        rates = rates_in(sent)
        if not rates:
            continue
        mentions = find_mentions(sent)
        tokens = _token_starts(sent)
        sentence = _sentence_features(sent)
        doc = parse(sent) if parse is not None and mentions else None
        for rate in rates:
            near = _rate_features(sent, rate)
            for mention in mentions:
                key = _key(mention.target.iso, rate.low)
                cand = found.setdefault(key, Candidate(key))
                distance = _distance(tokens, mention, rate)
                pair = _pair_features(sent, mention, rate, mentions, rates, distance)
                cand.features |= sentence | near | pair
                if doc is not None:
                    cand.features |= pair_features(
                        doc, (rate.start, rate.end), (mention.start, mention.end)
                    )
                cand.distance = min(cand.distance, distance)
    for key in rules:
        found.setdefault(key, Candidate(key, {"alone:yes"}))
    rule_keys = set(rules)
    for key, cand in found.items():
        cand.features.add("bias")
        cand.features.add(f"rules:{'yes' if key in rule_keys else 'no'}")
        cand.features.add(f"dist:{_bucket(cand.distance)}")
        if key[0] == "US":
            cand.features.add("us:yes")
        if key[0] == "":
            cand.features.add("noiso:yes")
    return found


def _token_starts(sent: str) -> list[int]:
    return [m.start() for m in _WORD.finditer(sent)]


def _tokens_between(tokens: list[int], lo: int, hi: int) -> int:
    return sum(1 for t in tokens if lo <= t < hi)


def _distance(tokens: list[int], mention: Mention, rate: Rate) -> int:
    if mention.end <= rate.start:
        return _tokens_between(tokens, mention.end, rate.start)
    return _tokens_between(tokens, rate.end, mention.start)


def _bucket(distance: int) -> str:
    for top, name in ((1, "0-1"), (3, "2-3"), (6, "4-6"), (10, "7-10"), (20, "11-20")):
        if distance <= top:
            return name
    return "21+" if distance < 10**6 else "none"


def _sentence_features(sent: str) -> set[str]:
    found = set()
    found.add(f"tw:{'yes' if lex.TARIFF_WORD.search(sent) else 'no'}")
    if _SECTOR.search(sent):
        found.add("sector:yes")
    if _BASELINE.search(sent):
        found.add("baseline:yes")
    if sent.lstrip().startswith(("-", "*", "•", "|")):
        found.add("line:yes")
    found.update(f"cs:{cue.status}" for _s, _e, cue in cues(sent))
    return found


def _rate_features(sent: str, rate: Rate) -> set[str]:
    found = change_features(rate)
    if rate.derived:
        found.add("change:derived")
    if rate.high is not None:
        found.add("range:yes")
    left = [w.lower() for w in re.findall(r"[A-Za-z]+", sent[max(0, rate.start - 40) : rate.start])]
    right = [w.lower() for w in re.findall(r"[A-Za-z]+", sent[rate.end : rate.end + 40])]
    if left:
        found.add(f"l1:{left[-1]}")
    if right:
        found.add(f"r1:{right[0]}")
    window = sent[max(0, rate.start - 30) : rate.end + 30]
    if lex.TARIFF_WORD.search(window):
        found.add("twnear:yes")
    if _STATISTIC.search(window):
        found.add("stat:yes")
    c_start, c_end = clause_at(sent, rate.start)
    for s, e, cue in cues(sent):
        if c_start <= s and e <= c_end:
            found.add(f"cc:{cue.status}")
    return found


def _pair_features(
    sent: str,
    mention: Mention,
    rate: Rate,
    mentions: Sequence[Mention],
    rates: Sequence[Rate],
    distance: int,
) -> set[str]:
    before = mention.end <= rate.start
    lo, hi = (mention.end, rate.start) if before else (rate.end, mention.start)
    between = sent[lo:hi]
    found = {f"order:{'country_first' if before else 'rate_first'}", f"kind:{mention.kind}"}
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", between)}
    found.update(f"bw:{w}" for w in _PREPOSITIONS if w in words)
    if ";" in between:
        found.add("bw:semicolon")
    if "," in between:
        found.add("bw:comma")
    if lex.TARIFF_WORD.search(between):
        found.add("bw:tariff")
    others = sum(1 for m in mentions if lo <= m.start and m.end <= hi)
    found.add(f"bwc:{min(others, 2)}")
    found.add(f"bwr:{min(sum(1 for r in rates if lo <= r.start and r.end <= hi), 2)}")
    c_start, c_end = clause_at(sent, rate.start)
    found.add(f"clause:{'same' if c_start <= mention.start < c_end else 'other'}")
    nearest = min(mentions, key=lambda m: abs(m.start - rate.start))
    found.add(f"nearest:{'yes' if nearest is mention else 'no'}")
    if is_imposer(sent, mention):
        found.add("imposer:yes")
    if is_agent(sent, mention):
        found.add("agent:yes")
    if sent[mention.end : mention.end + 2] in ("'s", "’s"):
        found.add("poss:yes")
    found.add(f"pair:{'near' if distance <= 6 else 'far'}:{'cf' if before else 'rf'}")
    return found


def may_bear(sent: str, rate: Rate, mention: Mention) -> bool:
    """Whether a country the rules did not tie to a rate could bear it, by the rules' own
    refusals of a target (tui.core.tariff_whom and its lexicon): named in the rate's clause, and
    not as the imposer ("US tariffs"), a destination ("exports to the US"), a place ("sales in
    Mexico"), a country the goods are not from ("cars not made in Japan"), nor in a clause that
    exempts."""
    c_start, c_end = clause_at(sent, rate.start)
    return (
        c_start <= mention.start < c_end
        and not is_imposer(sent, mention)
        and not is_agent(sent, mention)
        and not ends_with(lex.LOCATION_BEFORE, sent, mention.start)
        and lex.NOT_FROM.search(sent, max(c_start, mention.start - 20), mention.start) is None
        and lex.EXEMPT.search(sent, c_start, c_end) is None
    )


def eligible(reading: Reading, rule_keys: Iterable[Key]) -> set[Key]:
    """The keys not in ``rule_keys`` that the rules would allow as added rows: a country that
    may bear a rate the rules read as a tariff (it passed their refusals of statistics, shares,
    negatives and sentences that name no tariff) and tied to no country
    (Reading.untargeted)."""
    given = set(rule_keys)
    found: set[Key] = set()
    for start, end, rate in reading.untargeted:
        if rate.low <= 0:
            continue  # no tariff (tui.core.tariff_engine.extract)
        sent = reading.text[start:end]
        for mention in reading.mentions(sent, start):
            key = _key(mention.target.iso, rate.low)
            if mention.target.iso and key not in given and may_bear(sent, rate, mention):
                found.add(key)
    return found

"""What a learned status decision sees of one (country, rate) the tariff rules found: named
features read from the rules' reading of the text (tui.core.tariff_engine.Read), for the
experiment in tests/bench/train_tariff_status.py.

A row's features are the union over every sentence that gave the (country, rate): the rules'
own decision (settled and per sentence, with how firmly it was worded), the status wording
(tui.core.tariff_lexicon's cues) nearest the rate before and after it in its clause and in the
sentences either side, the words just before and after the rate, its place in a "from X to Y"
change, the headline's wording, the date it applies from against the report's, and the other
rates the text gives the same country. Every feature is a string ``template:value``; the
templates are listed in :data:`TEMPLATES`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date

from tui.core.models import TariffRow
from tui.core.tariff_rates import Rate, clause_at, rates_in
from tui.core.tariff_reading import Reading
from tui.core.tariff_status import cues

__all__ = ["TEMPLATES", "Key", "key_features", "template_of"]

Key = tuple[str, float]  # (iso, rate) as the rows give them

# Every feature template this module produces, with what it holds.
TEMPLATES: dict[str, str] = {
    "bias": "always present",
    "rule": "the rules' settled status",
    "raw": "the status one sentence gave, with how firmly it was worded (0-2)",
    "sents": "how many sentences gave the (country, rate): 1, 2 or 3+",
    "change": "the rate's place in a change: old ('from X' of 'from X to Y'), new, chain",
    "cb": "the nearest status wording before the rate in its clause: status/strong/source",
    "ca": "the nearest status wording after the rate in its clause",
    "cs": "any status wording in the rate's sentence",
    "pv": "status wording in the sentence before",
    "nx": "status wording in the sentence after",
    "l": "a word among the six before the rate",
    "l1": "the word just before the rate",
    "r": "a word among the four after the rate",
    "h": "a word of the headline (the first sentence)",
    "hc": "status wording in the headline and lead (two sentences)",
    "doc": "the document's context as the rules read it (order, letter, deal)",
    "eff": "the row's date against the report's: later, not_later, none",
    "sib": "the country's other rates: whether they come earlier or later",
    "sibst": "the country's other rates: their settled status and whether they come later",
    "rank": "the rate among the country's rates: only, max, min, mid",
    "line": "the sentence is a list item or a table row",
    "x": "the rules' settled status with each wording feature (cb, ca, pv, nx, hc, doc, eff)",
}
_CROSSED = ("cb", "ca", "pv", "nx", "hc", "doc", "eff", "change")

_WORD = re.compile(r"[a-z]+")
_LEFT_WORDS = 6
_RIGHT_WORDS = 4
_LEAD = 2  # sentences whose wording is the headline and lead


def template_of(feature: str) -> str:
    """The template a feature name belongs to ("l:threatened" -> "l")."""
    return feature.split(":", 1)[0]


def key_features(
    reading: Reading,
    settled: list[TariffRow],
    spans: list[tuple[int, int]],
    rules: dict[Key, str] | None = None,
) -> dict[Key, list[str]]:
    """The features of each (country, rate) the settled rows give, in a fixed order.
    ``rules``: the rules' decision to use instead of the settled status ("rule" and "x"), such
    as that of the rules before they were tuned on the text (a key missing there gets none)."""
    text = reading.text
    by_key: dict[Key, list[int]] = {}
    for index, row in enumerate(settled):
        by_key.setdefault((row.iso, row.rate_pct), []).append(index)
    starts = [start for start, _end in spans]
    lead = _lead_features(text, spans)
    out: dict[Key, list[str]] = {}
    for key, indexes in by_key.items():
        rule = settled[indexes[0]].status if rules is None else rules.get(key)
        found: set[str] = {"bias", *lead}
        if rule is not None:
            found.add(f"rule:{rule}")
        n = len({settled[i].evidence_span for i in indexes})
        found.add(f"sents:{min(n, 3)}")
        found.add(f"doc:{reading.doc_status}")
        found.add(f"eff:{_effective(reading.published, settled[indexes[0]].effective)}")
        for index in indexes:
            found.add(f"raw:{reading.rows[index].status}:{reading.weights[index]}")
            start, end = settled[index].evidence_span
            found.update(_sentence_features(text, start, end, key[1], starts, spans))
        found.update(_sibling_features(key, by_key, settled))
        if rule is not None:
            found.update([f"x:{rule}:{f}" for f in found if template_of(f) in _CROSSED])
        out[key] = sorted(found)
    return out


def _lead_features(text: str, spans: list[tuple[int, int]]) -> set[str]:
    found: set[str] = set()
    if spans:
        start, end = spans[0]
        found.update(f"h:{word}" for word in _words(text[start:end]))
    for start, end in spans[:_LEAD]:
        found.update(f"hc:{name}" for name in _cue_names(text[start:end]))
    return found


def _effective(published: date | None, effective: date | None) -> str:
    if effective is None or published is None:
        return "none"
    return "later" if effective > published else "not_later"


def _sentence_features(
    text: str,
    start: int,
    end: int,
    rate_pct: float,
    starts: list[int],
    spans: list[tuple[int, int]],
) -> set[str]:
    sent = text[start:end]
    found: set[str] = set()
    if sent.lstrip().startswith(("-", "*", "•", "|")):
        found.add("line:yes")
    rate = _rate_of(sent, rate_pct)
    if rate is not None:
        found.update(_rate_features(sent, rate))
    found.update(f"cs:{name}" for name in _cue_names(sent))
    where = _index_of(starts, start)
    if where is not None and where > 0:
        s, e = spans[where - 1]
        found.update(f"pv:{name}" for name in _cue_names(text[s:e]))
    if where is not None and where + 1 < len(spans):
        s, e = spans[where + 1]
        found.update(f"nx:{name}" for name in _cue_names(text[s:e]))
    return found


def change_features(rate: Rate) -> set[str]:
    """Whether the rate is the old or the new side of a change, or a step of a chain."""
    found: set[str] = set()
    if rate.prior:
        found.add("change:old")
    elif rate.group is not None:
        found.add("change:new")
    if rate.chain is not None:
        found.add("change:chain")
    return found


def _rate_features(sent: str, rate: Rate) -> set[str]:
    found = change_features(rate)
    left = _words(sent[: rate.start])[-_LEFT_WORDS:]
    found.update(f"l:{word}" for word in left)
    if left:
        found.add(f"l1:{left[-1]}")
    found.update(f"r:{word}" for word in _words(sent[rate.end :])[:_RIGHT_WORDS])
    c_start, c_end = clause_at(sent, rate.start)
    before: str | None = None
    after: str | None = None
    for s, e, cue in cues(sent):
        if s < c_start or e > c_end:
            continue
        name = _cue_name(cue.status, cue.strong, cue.source)
        if e <= rate.start:
            before = name  # the last one before the rate is the nearest
        elif s >= rate.end and after is None:
            after = name
    if before is not None:
        found.add(f"cb:{before}")
    if after is not None:
        found.add(f"ca:{after}")
    return found


def _sibling_features(key: Key, by_key: dict[Key, list[int]], settled: list[TariffRow]) -> set[str]:
    iso, rate_pct = key
    others = [k for k in by_key if k[0] == iso and k != key]
    if not others:
        return {"rank:only"}
    found: set[str] = set()
    rates = [k[1] for k in others]
    if rate_pct > max(rates):
        found.add("rank:max")
    elif rate_pct < min(rates):
        found.add("rank:min")
    else:
        found.add("rank:mid")
    first = by_key[key][0]
    for other in others:
        index = by_key[other][0]
        when = "later" if index > first else "earlier"
        found.add(f"sib:{when}")
        found.add(f"sibst:{settled[index].status}:{when}")
    return found


def _rate_of(sent: str, rate_pct: float) -> Rate | None:
    """The sentence's rate with this value (the first, when it is stated twice)."""
    return next((r for r in rates_in(sent) if r.low == rate_pct), None)


def _index_of(starts: list[int], start: int) -> int | None:
    where = bisect_left(starts, start)
    return where if where < len(starts) and starts[where] == start else None


def _cue_names(sent: str) -> set[str]:
    return {_cue_name(c.status, c.strong, c.source) for _s, _e, c in cues(sent)}


def _cue_name(status: str, strong: bool, source: bool) -> str:
    return f"{status}/{'strong' if strong else 'weak'}{'/source' if source else ''}"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())

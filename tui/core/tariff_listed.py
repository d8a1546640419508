"""Countries listed after their rate (imported by tui.core.tariff_engine): a sentence-level step
of the tariff extractor for rates whose own sentence names no country.

Reports often give the rate first and the countries after it, in the next sentence or in the
list lines that follow:

    "Fish above the quota face a 40% tariff:
     - Chile
     - Peru"
    "A 12% duty starts in May. Ghana, Kenya and Senegal are the countries it covers."

A rate the rules read as a tariff but tied to no country is kept for one sentence
(:class:`~tui.core.tariff_reading.Awaiting`); the next sentence gives it its countries when it
has no rate of its own and is shaped as their list:

- a list line (after a rate line ending with ":" one country is enough, else two or more), or
- a sentence that names two or more countries with listing wording ("include", "face",
  "applies to", "covered") or a colon.

The countries are the longest run the sentence joins as one list ("Brazil, Argentina and
Uruguay"), none named as an imposer or as where goods go. A sentence that negates or compares
("does not modify", "other countries ... similar measures") or is about exemptions ("Canada
and Mexico are exempt") lists none, and a baseline rate awaits no list. Consecutive list lines
share the rate. The imposer is never a fallback here: with no such list the rate stays untargeted.
"""

from __future__ import annotations

import re

from tui.core import tariff_lexicon as lex
from tui.core.models import TariffRow
from tui.core.tariff_reading import DEFAULT, Awaiting, Reading
from tui.core.tariff_targets import Mention, Target
from tui.core.tariff_whom import is_agent, is_imposer

__all__ = ["listed_rows"]

# Wording that says the countries named are the ones a rate falls on.
_LISTING = re.compile(
    r"\b(?:includ\w*|namely|such\s+as|fac(?:e|es|ing)|affect(?:s|ed)?|cover(?:s|ed)?|"
    r"nam(?:e|es|ed|ing)|list(?:s|ed|ing)?|"
    r"appl(?:y|ies)\s+to|hit|subject\s+to)\b|:",
    re.IGNORECASE,
)


# Countries named otherwise than as the rate's: "does not modify", "won't be subject to", "other
# countries including Spain ... are considering similar measures".
_NOT_THESE = re.compile(
    r"\b(?:not|never|no|similar)\b|n['’]t\b|\bother\s+(?:countries|nations|economies)\b",
    re.IGNORECASE,
)


# Between two countries of one list, which may keep their article: "Denmark, Norway, the
# Netherlands and the United Kingdom".
_IN_LIST = re.compile(lex.COORDINATED.pattern + r"(?:the\s+)?", re.IGNORECASE)


def _longest_run(sent: str, mentions: list[Mention]) -> dict[str, Target]:
    """The longest run of countries the sentence joins as one list ("Brazil, Argentina and
    Uruguay"), leaving out imposers, where goods go and capitals (a government)."""
    best: dict[str, Target] = {}
    run: dict[str, Target] = {}
    last_end = -1
    for m in mentions:
        if m.kind == "capital" or is_imposer(sent, m) or is_agent(sent, m):
            continue
        if last_end < 0 or _IN_LIST.fullmatch(sent, last_end, m.start) is None:
            run = {}
        run.setdefault(m.target.iso, m.target)
        last_end = m.end
        if len(run) > len(best):
            best = dict(run)
    return best


def listed_rows(
    reading: Reading, awaiting: list[Awaiting], sent: str, start: int, list_line: bool
) -> tuple[list[TariffRow], list[int]]:
    """The rows the awaiting rates of the sentence before give the countries this sentence (at
    ``start``, with no rate of its own) lists, and how firmly each one's status is worded;
    ``list_line``: it is a line of a list."""
    if not awaiting or lex.EXEMPT.search(sent) or _NOT_THESE.search(sent):
        return [], []
    named = _longest_run(sent, reading.mentions(sent, start))
    prev = reading.text[awaiting[0].start : awaiting[0].end].rstrip()
    needed = 1 if list_line and prev.endswith(":") else 2
    if len(named) < needed or not (list_line or _LISTING.search(sent)):
        return [], []
    rows: list[TariffRow] = []
    weights: list[int] = []
    for wait in awaiting:
        weights.extend([wait.weight if wait.status else DEFAULT] * len(named))
        status = wait.status or ("threatened" if reading.later(wait.effective) else "imposed")
        rows.extend(
            TariffRow(
                country=target.name,
                iso=target.iso,
                rate_pct=wait.rate.low,
                rate_max_pct=wait.rate.high,
                status=status,
                effective=wait.effective,
                evidence=reading.original[wait.start : wait.end],
                evidence_span=(wait.start, wait.end),
            )
            for target in named.values()
        )
    return rows, weights

"""Tariff rows from news prose: which country, what rate, how firm, from when, and the proof.

The public face of the extractor. `mentions_tariffs` is a substring test, so unrelated articles
cost nothing; the rules themselves live in tui.core.tariff_engine and the tariff_* modules its
docstring names (with the word lists in tui.core.tariff_lexicon and the sentence splitter in
tui.core.sentences) and are imported on the first text that needs them, so start-up never pays
for compiling them.
"""

from __future__ import annotations

import html
import re
from datetime import date
from functools import cache

from tui.core.models import TariffRow
from tui.core.text import clean_text

__all__ = [
    "TARIFFS_VERSION",
    "could_state_tariffs",
    "extract_tariffs",
    "is_target_name",
    "mentions_tariffs",
]

# Bump when the rules change, so cached extractions are redone.
TARIFFS_VERSION = "tariffs-16"

# Lower-cased substrings: any of them and the text may state a tariff.
_GATE_WORDS = (
    "tariff",
    "duty",
    "duties",
    "levy",
    "levies",
    "levied",
    "surtax",
    "taxed",
    "import tax",
    "customs",
)


def mentions_tariffs(text: str) -> bool:
    """Cheap test: could this text state a tariff at all?"""
    lower = text.lower()
    return any(word in lower for word in _GATE_WORDS)


# What could_state_tariffs reads past: comments and elements whose text is never shown.
_HIDDEN = re.compile(
    r"<(script|style|template|noscript)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
# Every rate the engine reads ends in one of these units ("25%", "25 per cent", "25 pct", "25pc").
_UNIT = re.compile(r"%|per\W*cent|pct|\d\s?pc\b", re.IGNORECASE)
_RUN = re.compile(r"\w+")


@cache
def _target_words() -> dict[str, tuple[tuple[str, ...], ...]] | None:
    """The words (``\\w+`` runs) of every name the engine can take as a tariff target, by the
    first word; None when some name has no word in it (then names rule out no text)."""
    # The engine's own name table, so that the two can never disagree about which names count.
    from tui.core.tariff_targets import target_names

    words: dict[str, set[tuple[str, ...]]] = {}
    for name in target_names():
        runs = _RUN.findall(name)
        if not runs:
            return None
        words.setdefault(runs[0], set()).add(tuple(runs[1:]))
    return {head: tuple(rests) for head, rests in words.items()}


def is_target_name(name: str) -> bool:
    """Whether rows may name ``name`` (any case): a country or bloc the engine reports on, by
    one of its names."""
    from tui.core.tariff_targets import target_names

    wanted = name.strip().casefold()
    return any(
        key.casefold() == wanted or target.name.casefold() == wanted or target.iso == name.upper()
        for key, (target, kind) in target_names().items()
        if kind != "bloc"
    )


def _names_a_target(found: set[str]) -> bool:
    table = _target_words()
    if table is None:
        return True
    for head in found.intersection(table):
        if any(all(word in found for word in rest) for rest in table[head]):
            return True
    return False


def could_state_tariffs(body: str, *, markup: bool = True) -> bool:
    """Cheap, conservative test on an article body before its text is extracted.

    False only when :func:`extract_tariffs` could not find a row in the text extracted from
    ``body`` (feed HTML when ``markup``, else plain text): every row needs a tariff word, a rate
    (which always ends in "%", "per cent", "pct" or "pc") and a target named by a country name,
    alias, demonym or capital, every word of which must then be in the text. The text is
    approximated without parsing the HTML, twice: tags dropped (a word split by inline markup,
    "Bra<b>zil</b>", stays whole) and tags as spaces (words either side of a block boundary
    stay apart), so each word of a name the real text contains is a word of one of them.
    Several times cheaper than extracting the text.
    """
    if not body:
        return False
    if markup and "<" in body:
        shown = _HIDDEN.sub(" ", body)
        joined = clean_text(html.unescape(_TAG.sub("", shown)))
        spaced: str | None = None
    else:
        shown = ""
        joined = spaced = clean_text(html.unescape(body) if markup else body)
    if not mentions_tariffs(joined):
        spaced = _spaced(shown) if spaced is None else spaced
        # "import\xa0tax" or "import\ntax" may read as "import tax" once extracted.
        if not mentions_tariffs(_SPACES.sub(" ", spaced)):
            return False
    if _UNIT.search(joined) is None:
        return False
    spaced = _spaced(shown) if spaced is None else spaced
    return _names_a_target({*_RUN.findall(joined), *_RUN.findall(spaced)})


def _spaced(shown: str) -> str:
    return clean_text(html.unescape(_TAG.sub(" ", shown)))


def extract_tariffs(text: str, published: date | None = None) -> tuple[TariffRow, ...]:
    """The tariff rows a text states, in reading order, one per (country, rate, status).

    `published` supplies the year for dates given without one ("from August 1"); without it
    such dates are left out. Each row carries its evidence sentence and that sentence's
    (start, end) offsets in `text`.
    """
    if not mentions_tariffs(text):
        return ()
    from tui.core.tariff_engine import extract  # first use only: see the module docstring

    return extract(text, published)

"""Tariff rows from news prose: which country, what rate, how firm, from when, and the proof.

The public face of the extractor. `mentions_tariffs` is a substring test, so unrelated articles
cost nothing; the rules themselves live in tui.core.tariff_engine (with the word lists in
tui.core.tariff_lexicon, targets in tui.core.tariff_targets and the sentence splitter in
tui.core.sentences) and are imported on the first text that needs them, so start-up never
pays for compiling them.
"""

from __future__ import annotations

from datetime import date

from tui.core.models import TariffRow

__all__ = ["TARIFFS_VERSION", "extract_tariffs", "mentions_tariffs"]

# Bump when the rules change, so cached extractions are redone.
TARIFFS_VERSION = "tariffs-2"

# Lower-cased substrings: any of them and the text may state a tariff.
_GATE_WORDS = (
    "tariff",
    "duty",
    "duties",
    "levy",
    "levies",
    "levied",
    "surtax",
    "import tax",
    "customs",
)


def mentions_tariffs(text: str) -> bool:
    """Cheap test: could this text state a tariff at all?"""
    lower = text.lower()
    return any(word in lower for word in _GATE_WORDS)


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

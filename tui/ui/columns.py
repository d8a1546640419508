"""Fitting table columns to the width a pane has: which columns shrink, and how text is cut.

A column asks for its natural width (its widest value or its label) and says how narrow it may
get; columns whose ``minimum`` equals their ``natural`` width never shrink (rates, statuses,
dates), the others (names, titles, evidence) give up cells, the one with the most to spare
first, so a narrow pane cuts prose and never a figure. Text cut to fit ends in "…" at a word
boundary, and each screen shows the cut value whole elsewhere (a detail line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

__all__ = ["Column", "clip", "fit"]


@dataclass(frozen=True)
class Column:
    """A column's wish: ``natural`` cells, and at least ``minimum`` (at most ``natural``)."""

    natural: int
    minimum: int

    @staticmethod
    def shrinking(values: Sequence[str], label: str, minimum: int) -> Column:
        natural = max([cell_len(label), *(cell_len(v) for v in values)])
        return Column(natural, min(natural, max(minimum, cell_len(label))))


def fit(columns: Sequence[Column], available: int) -> list[int]:
    """Widths for ``columns`` adding up to at most ``available`` cells when their minimums
    allow it (else their minimums: the table then scrolls sideways)."""
    widths = [c.natural for c in columns]
    excess = sum(widths) - max(0, available)
    while excess > 0:
        spare = [(widths[i] - c.minimum, i) for i, c in enumerate(columns) if widths[i] > c.minimum]
        if not spare:
            break
        _, index = max(spare)
        widths[index] -= 1
        excess -= 1
    return widths


def clip(text: str, width: int, *, words: bool = True) -> str:
    """``text`` in at most ``width`` cells: whole when it fits, else cut and ended with "…".

    Prose (``words``) is cut at the last word boundary that keeps at least half of the width;
    a name is cut anywhere ("United Sta…" says more than "United…").
    """
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…" if width == 1 else ""
    cut = set_cell_size(text, width - 1)
    space = cut.rfind(" ")
    if words and space >= (width - 1) // 2 and text[len(cut)] != " ":
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"

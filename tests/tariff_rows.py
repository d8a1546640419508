"""What the tariff form tests compare: the rows a sentence gives, as plain tuples."""

from __future__ import annotations

from datetime import date

from tui.core.tariffs import extract_tariffs

PUBLISHED = date(2025, 7, 20)

Row = tuple[str, float, str]


def rows(text: str) -> list[Row]:
    """(ISO code, rate, status) of each row, in order."""
    return [(r.iso, r.rate_pct, r.status) for r in extract_tariffs(text, PUBLISHED)]


def pairs(text: str) -> set[tuple[str, float]]:
    """(ISO code, rate) of the rows, status aside."""
    return {(r.iso, r.rate_pct) for r in extract_tariffs(text, PUBLISHED)}


def statuses(text: str) -> dict[tuple[str, float], str]:
    """The status of each (ISO code, rate) row."""
    return {(r.iso, r.rate_pct): r.status for r in extract_tariffs(text, PUBLISHED)}

"""Dates in tariff prose, for the tariff extractor (tui.core.tariff_engine): the date a clause
says a rate applies from ("from August 1", "effective 7 August 2025"), the year taken from the
report's date when the text leaves it out."""

from __future__ import annotations

import re
from datetime import date

from tui.core import tariff_lexicon as lex

__all__ = ["date_in"]


def date_in(clause: str, published: date | None, *, future_only: bool = False) -> date | None:
    """The first date in ``clause`` that wording before it ties to when a rate applies; with
    ``future_only``, only one announced for the future ("set to take effect August 1")."""
    for match in lex.DATE.finditer(clause):
        lead = clause[max(0, match.start() - 40) : match.start()]
        if not lex.EFFECT_CUE.search(lead):
            continue
        if future_only and not lex.FUTURE_CUE.search(lead):
            continue
        found = _resolve(match, published)
        if found is not None:
            return found
    return None


def _resolve(match: re.Match[str], published: date | None) -> date | None:
    groups = match.groupdict()
    try:
        if groups["y3"]:
            return date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
        month_s = groups["m1"] or groups["m2"] or ""
        month = lex.MONTHS[month_s[:3].lower()]
        day = int(groups["d1"] or groups["d2"] or 0)
        year_s = groups["y1"] or groups["y2"]
        if year_s:
            return date(int(year_s), month, day)
        if published is None:
            return None
        # No year: the one that puts the date nearest the report.
        options = []
        for year in (published.year - 1, published.year, published.year + 1):
            try:
                options.append(date(year, month, day))
            except ValueError:
                continue
        return min(options, key=lambda d: abs((d - published).days)) if options else None
    except (ValueError, KeyError):
        return None

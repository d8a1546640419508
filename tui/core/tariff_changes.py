"""What changed: each report that moved a country's latest rate (``tariffs --changes``, alerts).

A country's latest rate is the one rule of :mod:`tui.core.tariff_latest`, read after each report
in report order. A report that makes it differ from what it was before, in rate or in status, is
a change: ``46% threatened`` to ``20% agreed``, or ``25% threatened`` to ``25% imposed``. The
first report of a country is a change from nothing (a new rate). A report that leaves the latest
rate as it was (an older story, a superseded rate, the same rate again) is none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.models import TrackedTariff
from tui.core.tariff_latest import CountryLatest

__all__ = ["TariffChange", "rate_changes", "same_rate"]


@dataclass(frozen=True, slots=True)
class TariffChange:
    """The latest rate of ``new.row.country`` became ``new`` (``old`` None: its first rate)."""

    old: TrackedTariff | None
    new: TrackedTariff

    @property
    def country(self) -> str:
        return self.new.row.country


def same_rate(a: TrackedTariff | None, b: TrackedTariff | None) -> bool:
    """Whether two latest rows state the same rate and status (the dates may differ)."""
    if a is None or b is None:
        return a is b
    return (a.row.rate_pct, a.row.rate_max_pct, a.row.status) == (
        b.row.rate_pct,
        b.row.rate_max_pct,
        b.row.status,
    )


def rate_changes(rows: Iterable[TrackedTariff]) -> list[TariffChange]:
    """Every change in ``rows`` (oldest report first, each article's rows together, as
    :meth:`tui.store.repository.Repository.tariff_history` returns them), in report order."""
    countries: dict[str, CountryLatest] = {}
    current: dict[str, TrackedTariff | None] = {}
    # country -> (the article whose rows are being added, where its first row came)
    pending: dict[str, tuple[int, int]] = {}
    found: list[tuple[int, TariffChange]] = []

    def settle(country: str) -> None:
        """The article of ``country`` being added is complete: record a change if it made one."""
        latest = countries[country].latest()
        before = current.get(country)
        if latest is not None and not same_rate(before, latest):
            found.append((pending[country][1], TariffChange(before, latest)))
        current[country] = latest

    for index, tracked in enumerate(rows):
        country = tracked.row.country
        article = pending.get(country)
        if article is None or article[0] != tracked.article_id:
            if article is not None:
                settle(country)
            pending[country] = (tracked.article_id, index)
        countries.setdefault(country, CountryLatest()).add(tracked)
    for country in pending:
        settle(country)
    found.sort(key=lambda pair: pair[0])
    return [change for _index, change in found]

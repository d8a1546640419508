"""The one definition of a country's latest tariff rate, used by the tracker and `tariffs --latest`.

The rule, applied per country over every row the cache holds for it:

1. The newest report wins: rows of the most recently published article (ties: the article
   stored last) beat those of older ones. A row whose status is ``other`` (a superseded rate,
   "up from 25%") never wins while the country has a row of any other status, in any article:
   it says what the rate no longer is.
2. When that article gives several rows for the country, the current state wins, by status:
   ``imposed`` > ``agreed`` > ``threatened`` > ``proposed`` > ``other``. An imposed rate is the
   one in force (or set by an order); a deal outranks a threat because deals are how threats
   end ("agreed 20%, after threatening 46% in April"); a threat is an announced rate, which
   outranks a rate only floated; a superseded rate comes last.
3. Then the latest effective date (a dated row before an undated one: "10% from 5 April,
   rising to 25% on 1 June" is 25%), then the order in the text: the first mention wins, since
   news states the current fact first and the background after it.

So one report decides: the newest with a row of a live status (any but ``other``), else the
newest of all. Fed the rows of that report alone, :func:`latest_per_country` gives what it gives
fed every row; the store finds it by an index (:mod:`tui.store.repository.tariff_reports`), and
the tracker opens on one lookup per country however many reports the cache holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tui.core.models import TariffStatus, TrackedTariff

__all__ = ["STATUS_PRECEDENCE", "CountryLatest", "CountryRate", "latest_per_country"]

STATUS_PRECEDENCE: dict[TariffStatus, int] = {
    "imposed": 4,
    "agreed": 3,
    "threatened": 2,
    "proposed": 1,
    "other": 0,
}


@dataclass(frozen=True, slots=True)
class CountryRate:
    """A country's latest row (the rule above) and how many rows the cache holds for it."""

    latest: TrackedTariff
    reports: int

    @property
    def country(self) -> str:
        return self.latest.row.country


def _rank(tracked: TrackedTariff, position: int) -> tuple[int, int, date, int]:
    """Larger is more current, among rows of one article for one country."""
    row = tracked.row
    effective = row.effective or date.min
    return (STATUS_PRECEDENCE[row.status], row.effective is not None, effective, -position)


class CountryLatest:
    """The latest row of one country, kept as its rows are added in report order.

    :func:`latest_per_country` feeds it every row at once; the change list
    (:mod:`tui.core.tariff_changes`) reads it after each report, so both follow one rule.
    """

    __slots__ = ("_live", "_position", "_superseded")

    def __init__(self) -> None:
        # The live rows (status not "other") and the superseded ones, each grouped by article
        # in report order (a dict keeps insertion order, and later reports come later).
        self._live: dict[int, list[tuple[int, TrackedTariff]]] = {}
        self._superseded: dict[int, list[tuple[int, TrackedTariff]]] = {}
        self._position = 0

    def add(self, tracked: TrackedTariff) -> None:
        """One more row, newer than (or of the same article as) every row added before."""
        bucket = self._superseded if tracked.row.status == "other" else self._live
        bucket.setdefault(tracked.article_id, []).append((self._position, tracked))
        self._position += 1

    def latest(self) -> TrackedTariff | None:
        """The latest row so far (live rows replace superseded ones); None before any row."""
        for bucket in (self._live, self._superseded):
            if bucket:
                newest = next(reversed(bucket.values()))
                return max(newest, key=lambda pair: _rank(pair[1], pair[0]))[1]
        return None


def latest_per_country(rows: Iterable[TrackedTariff]) -> list[TrackedTariff]:
    """The latest row of each country in ``rows``, sorted by country name.

    ``rows`` come oldest report first, each article's rows in text order (as
    :meth:`tui.store.repository.Repository.tariff_history` returns them); see the module
    docstring for the rule.
    """
    countries: dict[str, CountryLatest] = {}
    for tracked in rows:
        countries.setdefault(tracked.row.country, CountryLatest()).add(tracked)
    latest = {country: acc.latest() for country, acc in countries.items()}
    return [row for country in sorted(latest) if (row := latest[country]) is not None]

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
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tui.core.models import TariffStatus, TrackedTariff

__all__ = ["STATUS_PRECEDENCE", "latest_per_country"]

STATUS_PRECEDENCE: dict[TariffStatus, int] = {
    "imposed": 4,
    "agreed": 3,
    "threatened": 2,
    "proposed": 1,
    "other": 0,
}


def _rank(tracked: TrackedTariff, position: int) -> tuple[int, int, date, int]:
    """Larger is more current, among rows of one article for one country."""
    row = tracked.row
    effective = row.effective or date.min
    return (STATUS_PRECEDENCE[row.status], row.effective is not None, effective, -position)


def latest_per_country(rows: Iterable[TrackedTariff]) -> list[TrackedTariff]:
    """The latest row of each country in ``rows``, sorted by country name.

    ``rows`` come oldest report first, each article's rows in text order (as
    :meth:`tui.store.repository.Repository.tariff_history` returns them); see the module
    docstring for the rule.
    """
    # Per country: the live rows (status not "other") and the superseded ones, each grouped by
    # article in report order (a dict keeps insertion order, and later reports come later).
    live: dict[str, dict[int, list[tuple[int, TrackedTariff]]]] = {}
    superseded: dict[str, dict[int, list[tuple[int, TrackedTariff]]]] = {}
    for position, tracked in enumerate(rows):
        bucket = superseded if tracked.row.status == "other" else live
        articles = bucket.setdefault(tracked.row.country, {})
        articles.setdefault(tracked.article_id, []).append((position, tracked))
    latest: dict[str, TrackedTariff] = {}
    for bucket in (superseded, live):  # live rows replace superseded ones
        for country, articles in bucket.items():
            newest = list(articles.values())[-1]
            latest[country] = max(newest, key=lambda pair: _rank(pair[1], pair[0]))[1]
    return [latest[c] for c in sorted(latest)]

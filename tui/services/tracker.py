"""The rows the tariff tracker and `newsreader tariffs` show: every real report in the cache.

The bundled demo feed's stories are fiction: their rows show in the article's own tariff pane,
never here, so an invented rate can never pass for the latest real one.

The tracker reads what it shows first and no more: each country's latest rate and count
(:func:`latest_rates`: one index lookup per country), then the highlighted country's newest
reports and timeline (:func:`country_history`, :func:`country_timeline`).
"""

from __future__ import annotations

from datetime import date

from tui.core.models import TrackedTariff
from tui.core.tariff_latest import CountryRate, latest_per_country
from tui.core.tariff_timeline import TimelinePoint
from tui.services.subscriptions import DEMO_FEED_URL
from tui.store.repository import Repository

__all__ = ["country_history", "country_timeline", "latest_rates", "tracked_tariffs"]

_FICTION = (DEMO_FEED_URL,)


def tracked_tariffs(
    repo: Repository, *, country: str | None = None, since: date | None = None
) -> list[TrackedTariff]:
    """Tariff rows across the cache, oldest report first, the demo's left out."""
    return repo.tariff_history(country, since, exclude_feeds=_FICTION)


def latest_rates(repo: Repository) -> list[CountryRate]:
    """Each country's latest rate (the one rule, :mod:`tui.core.tariff_latest`, over its
    deciding report) and its count of rows, by country name, the demo's left out."""
    counts = repo.tariff_countries(exclude_feeds=_FICTION)
    deciding = repo.deciding_reports(sorted(counts), exclude_feeds=_FICTION)
    return [CountryRate(t, counts[t.row.country]) for t in latest_per_country(deciding)]


def country_history(repo: Repository, country: str, *, limit: int) -> list[TrackedTariff]:
    """The newest ``limit`` rows of ``country``, newest first, the demo's left out."""
    return repo.newest_country_rows(country, limit=limit, exclude_feeds=_FICTION)


def country_timeline(repo: Repository, country: str) -> list[TimelinePoint]:
    """Every dated report of ``country`` as timeline points, the demo's left out."""
    return repo.country_timeline(country, exclude_feeds=_FICTION)

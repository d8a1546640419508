"""The tracker's reads: each country's deciding report and count, one country's history and
timeline, found through the report-order indexes (schema v8) without reading every row.

The deciding report of a country is the one :mod:`tui.core.tariff_latest` says decides its
latest rate: its newest report with a live row (status not ``other``), else its newest. Each is
one backward step of an index; its rows are then read and the core rule applied to them (in
:mod:`tui.services.tracker`), so the rule itself lives in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from tui.core.models import TariffStatus, TrackedTariff
from tui.core.tariff_timeline import TimelinePoint
from tui.store.repository.connections import Connections
from tui.store.repository.rows import TRACKED_FROM, marks, tracked_rows

__all__ = ["TariffReports"]


def _excluded(feeds: Sequence[str]) -> tuple[str, list[Any]]:
    """A condition on ``article_id`` leaving out the articles of the feeds with these URLs (a
    set built once per query: the demo feed's few articles)."""
    if not feeds:
        return "1", []
    return (
        "article_id NOT IN (SELECT x.id FROM articles x JOIN feeds f ON f.id = x.feed_id"
        f" WHERE f.url IN ({marks(len(feeds))}))",
        list(feeds),
    )


# The index and condition of a country's newest live report, then of its newest of any status.
_DECIDING = (("tariff_rows_live", " AND status <> 'other'"), ("tariff_rows_by_report", ""))


class TariffReports(Connections):
    """Reads of ``tariff_rows`` by country and report order."""

    def tariff_countries(self, *, exclude_feeds: Sequence[str] = ()) -> dict[str, int]:
        """How many rows each country has: the counts the triggers keep, less the rows of the
        excluded feeds' articles (the demo's few)."""
        conn = self._conn()
        counts = {str(r[0]): int(r[1]) for r in conn.execute("SELECT * FROM tariff_countries")}
        if exclude_feeds:
            left_out = conn.execute(
                "SELECT t.country, count(*) FROM tariff_rows t WHERE t.article_id IN"
                " (SELECT x.id FROM articles x JOIN feeds f ON f.id = x.feed_id"
                f" WHERE f.url IN ({marks(len(exclude_feeds))})) GROUP BY t.country",
                list(exclude_feeds),
            )
            for country, n in left_out:
                counts[country] -= int(n)
        return {country: n for country, n in counts.items() if n > 0}

    def deciding_reports(
        self, countries: Sequence[str], *, exclude_feeds: Sequence[str] = ()
    ) -> list[TrackedTariff]:
        """The rows of each country's deciding report (see the module docstring), in report
        order, each article's in text order: what :func:`tui.core.tariff_latest.latest_per_country`
        needs to give the latest row of each."""
        conn = self._conn()
        where, params = _excluded(exclude_feeds)
        found: list[TrackedTariff] = []
        for country in countries:
            article = None
            for index, live in _DECIDING:
                row = conn.execute(
                    f"SELECT article_id FROM tariff_rows INDEXED BY {index}"
                    f" WHERE country = ?{live} AND {where}"
                    " ORDER BY at DESC, article_id DESC LIMIT 1",
                    (country, *params),
                ).fetchone()
                if row is not None:
                    article = int(row[0])
                    break
            if article is None:
                continue
            found += tracked_rows(
                conn.execute(
                    f"{TRACKED_FROM} WHERE t.article_id = ? AND t.country = ? ORDER BY t.id",
                    (article, country),
                )
            )
        return found

    def newest_country_rows(
        self, country: str, *, limit: int, exclude_feeds: Sequence[str] = ()
    ) -> list[TrackedTariff]:
        """The newest ``limit`` rows of ``country`` (its exact name), newest first: report
        order backwards, each article's rows too."""
        where, params = _excluded(exclude_feeds)
        newest = (
            "SELECT id FROM tariff_rows INDEXED BY tariff_rows_by_report"
            f" WHERE country = ? AND {where} ORDER BY at DESC, article_id DESC, id DESC LIMIT ?"
        )
        return tracked_rows(
            self._conn().execute(
                f"{TRACKED_FROM} WHERE t.id IN ({newest})"
                " ORDER BY t.at DESC, t.article_id DESC, t.id DESC",
                (country, *params, limit),
            )
        )

    def country_timeline(
        self, country: str, *, exclude_feeds: Sequence[str] = ()
    ) -> list[TimelinePoint]:
        """Every dated report of ``country`` as timeline points: rows of one day (the article's
        date in local time, as the tables show it) with the same rate, status and effective date
        are one point, oldest day first."""
        where, params = _excluded(exclude_feeds)
        rows = self._conn().execute(
            "SELECT date(published, 'unixepoch', 'localtime') AS day, rate_pct, rate_max_pct,"
            " status, effective, count(*) FROM tariff_rows INDEXED BY tariff_rows_timeline"
            f" WHERE country = ? AND published IS NOT NULL AND {where}"
            " GROUP BY day, rate_pct, rate_max_pct, status, effective ORDER BY day",
            (country, *params),
        )
        points = []
        for day, rate, rate_max, status, effective, reports in rows:
            if day is None:
                continue  # a date SQLite cannot place (a damaged one): nor can the chart
            try:
                points.append(
                    TimelinePoint(
                        day=date.fromisoformat(day),
                        rate=float(rate),
                        rate_max=None if rate_max is None else float(rate_max),
                        status=cast(TariffStatus, status),
                        effective=date.fromisoformat(effective) if effective else None,
                        reports=int(reports),
                    )
                )
            except ValueError:
                continue  # a date out of the calendar's range: not placed, as unpublished ones
        return points

"""A country's reports as the tracker's timeline places them: one point per report day, rate,
status and effective date, with how many reports said it (thousands of reports of one country
make a few hundred points, and a chart cell shows one marker whatever the count)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui.core.models import TariffStatus

__all__ = ["TimelinePoint"]


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """Reports of one day (the article's date, local time) stating one rate and status."""

    day: date
    rate: float
    rate_max: float | None
    status: TariffStatus
    effective: date | None
    reports: int = 1

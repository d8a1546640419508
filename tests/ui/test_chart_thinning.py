"""Thousands of reports of one country are drawn cell by cell (tui.ui.widgets.tariff_chart)."""

from __future__ import annotations

import random
from typing import get_args

from tui.core.models import TariffStatus
from tui.ui.widgets.tariff_chart import MARKERS, ChartPoint, thin

STATUSES: tuple[TariffStatus, ...] = get_args(TariffStatus)


def _points(n: int, seed: int = 1) -> list[ChartPoint]:
    rng = random.Random(seed)
    return [
        ChartPoint(
            day=739_000 + rng.randint(0, 365),
            rate=float(rng.choice((10, 15, 20, 25, 30, 34, 46, 50))),
            rate_max=None,
            status=rng.choice(STATUSES),
            effective=None,
        )
        for _ in range(n)
    ]


def test_a_few_hundred_points_are_all_drawn() -> None:
    points = _points(300)
    assert thin(points, (739_000, 739_365), 50.0, (100, 20)) == points


def test_thousands_keep_the_point_that_shows_in_each_cell() -> None:
    points = _points(8_000)
    size = (100, 20)
    kept = thin(points, (739_000, 739_365), 50.0, size)
    assert len(kept) < len(points) // 2
    assert set(kept) <= set(points)  # points drawn where they are, none invented
    cell = 365 / size[0], 50.0 / size[1]

    def where(p: ChartPoint) -> tuple[int, int]:
        return int((p.day - 739_000) / cell[0]), int(p.rate / cell[1])

    # every cell that had a point still has one, and only one: of the status drawn last
    assert sorted(map(where, kept)) == sorted(set(map(where, points)))
    order = list(MARKERS)
    for p in kept:
        drawn_over = [q for q in points if where(q) == where(p)]
        assert max(order.index(q.status) for q in drawn_over) == order.index(p.status)

"""Thousands of reports of one country are drawn cell by cell (tui.ui.widgets.tariff_chart):
plotext gets one point per cell of its canvas, and the picture is the one every point gives."""

from __future__ import annotations

import random
from typing import get_args

import pytest
from textual_plotext.plot import Plot

from tui.core.models import TariffStatus
from tui.ui.widgets.tariff_chart import MARKERS, ChartPoint, canvas_cells, draw_timeline, thin

STATUSES: tuple[TariffStatus, ...] = get_args(TariffStatus)
COLOURS: dict[TariffStatus, tuple[int, int, int]] = {
    status: (40 * n, 200 - 30 * n, 90) for n, status in enumerate(MARKERS)
}
DAY = 739_000


def _points(
    n: int, seed: int = 1, *, ranges: bool = False, effective: float = 0.0
) -> list[ChartPoint]:
    rng = random.Random(seed)
    points = []
    for _ in range(n):
        day = DAY + rng.randint(0, 365)
        rate = float(rng.choice((10, 15, 20, 25, 30, 34, 46, 50)))
        points.append(
            ChartPoint(
                day=day,
                rate=rate,
                rate_max=rate + rng.choice((5, 10, 20)) if ranges and rng.random() < 0.1 else None,
                status=rng.choice(STATUSES),
                effective=day + rng.randint(0, 90) if rng.random() < effective else None,
            )
        )
    return points


def _picture(points: list[ChartPoint], size: tuple[int, int], *, thinned: bool) -> str:
    plt = Plot()
    draw_timeline(plt, points, *size, COLOURS, thinned=thinned)
    plt.plotsize(*size)
    plt._set_size(*size)  # as PlotextPlot.render does (else plotext caps it to the terminal)
    return str(plt.build())


@pytest.mark.parametrize(
    ("n", "seed", "size", "ranges", "effective"),
    [
        (3_000, 1, (118, 14), False, 0.03),  # the bench's tracker at 120x40: its end marks only
        (3_000, 2, (76, 6), True, 0.0),  # 80x24, ranges
        (800, 3, (118, 14), True, 0.01),  # lines to a few effective dates
        (40, 4, (76, 6), True, 0.2),  # a few points: nothing to leave out, or a little
        (2_000, 5, (200, 30), False, 0.0),
    ],
)
def test_the_thinned_chart_is_the_same_picture_as_every_point(
    n: int, seed: int, size: tuple[int, int], ranges: bool, effective: float
) -> None:
    points = _points(n, seed, ranges=ranges, effective=effective)
    every = _picture(points, size, thinned=False)
    assert _picture(points, size, thinned=True) == every
    assert any(MARKERS[s] in every for s in STATUSES)  # (something drawn, colours and all)


def test_thousands_keep_one_point_per_cell_the_one_that_shows() -> None:
    points = _points(8_000)
    canvas = (100, 20)
    kept = thin(points, (DAY, DAY + 365), 50.0, canvas)
    assert len(kept) <= canvas[0] * 8  # a column holds at most the eight rates drawn
    assert set(kept) <= set(points)  # points drawn where they are, none invented

    xs = canvas_cells([p.day for p in points], DAY, DAY + 365, canvas[0])
    ys = canvas_cells([p.rate for p in points], 0.0, 50.0, canvas[1])
    where = {p: (x, y) for p, x, y in zip(points, xs, ys, strict=True)}
    # every cell that had a point still has one, and only one: of the status drawn last
    assert sorted(where[p] for p in kept) == sorted(set(where.values()))
    order = list(MARKERS)
    last: dict[tuple[int, int], int] = {}
    for p in points:
        last[where[p]] = max(last.get(where[p], 0), order.index(p.status))
    assert all(order.index(p.status) == last[where[p]] for p in kept)


def test_cells_follow_plotexts_rounding() -> None:
    # plotext's matrix: 0.5 + (cells - 1) * (v - low) / (high - low), floored (after rounding
    # to 8 places, so 9.9999999999 counts as 10): the two ends land in the first and last cell.
    assert canvas_cells([0.0, 50.0, 100.0], 0.0, 100.0, 11) == [0, 5, 10]
    assert canvas_cells([4.99, 5.0], 0.0, 100.0, 11) == [0, 1]

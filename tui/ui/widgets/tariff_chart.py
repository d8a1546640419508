"""The tariff timeline: one country's reported rates over time, drawn by plotext in the terminal.

Report date on x, rate on y, one marker per status (so the chart reads without colour too); a
range of rates is a bar between its two ends; a known effective date is a dotted line from the
report to that date, ending in ``┆``. The colours are the theme's (error, warning, success,
primary, muted text) and the chart is drawn again when the theme changes. The legend, of the
statuses shown, is the pane's subtitle (:func:`legend`).

The chart draws what the terminal can show: before plotext gets them, the points are reduced to
one per cell of the plot's canvas (:func:`thin`), the one whose marker shows there, placed in
cells by plotext's own rule (:func:`canvas_cells`), so the picture is the one all the points
would give, at a fraction of plotext's work (a country with 8,000 reports keeps a few hundred).
The lines to effective dates give way to their end marks alone when there are more than
:data:`MAX_EFFECTIVE_LINES`. The text plotext builds is kept until the points, the size or the
theme change (Textual asks for it again at every refresh of the widget).

Only the tracker imports this module, so plotext and textual-plotext are loaded when the App
builds the tracker screen (while the reader is idle, in a thread), not at start-up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual.app import RenderResult
from textual.color import Color, ColorParseError
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from tui.core.models import TariffStatus
from tui.core.tariff_timeline import TimelinePoint

__all__ = [
    "MARKERS",
    "MAX_EFFECTIVE_LINES",
    "ChartPoint",
    "TimelinePlot",
    "chart_points",
    "draw_timeline",
    "legend",
]

MARKERS: dict[TariffStatus, str] = {
    "imposed": "●",
    "agreed": "◆",
    "threatened": "▲",
    "proposed": "○",
    "other": "×",
}
"""One marker per status, in the order the legend lists them."""
EFFECTIVE_MARK = "┆"
_EFFECTIVE_LINE = "·"
_RANGE_LINE = "│"
# Theme variables each status is drawn in (the first the theme defines).
_COLOURS: dict[TariffStatus, tuple[str, ...]] = {
    "imposed": ("error",),
    "agreed": ("success",),
    "threatened": ("warning",),
    "proposed": ("primary-lighten-2", "primary"),
    "other": ("foreground-darken-2", "foreground"),
}
# On a light theme: the shades of those colours made for text (the colours themselves are
# made for a dark background: the threatened ▲, orange, was 1.4:1 on textual-light's grey).
_COLOURS_ON_LIGHT: dict[TariffStatus, tuple[str, ...]] = {
    "imposed": ("text-error", "error"),
    "agreed": ("text-success", "success"),
    "threatened": ("text-warning", "warning"),
    "proposed": ("text-primary", "primary"),
    "other": ("foreground",),
}
MAX_EFFECTIVE_LINES = 40
"""More report-to-effective-date lines than this would fill the plot: only their ends show."""
_MIN_SPAN_DAYS = 28
_LABEL_CELLS = 11  # a tick label ("Jul 2025") and the gap after it


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One report: day number (``date.toordinal``), rate (and upper bound), status, effective."""

    day: int
    rate: float
    rate_max: float | None
    status: TariffStatus
    effective: int | None


def chart_points(points: Iterable[TimelinePoint]) -> list[ChartPoint]:
    """The timeline's points (each a day's reports of one rate and status) as the plot places
    them."""
    return [
        ChartPoint(
            day=p.day.toordinal(),
            rate=p.rate,
            rate_max=p.rate_max,
            status=p.status,
            effective=p.effective.toordinal() if p.effective else None,
        )
        for p in points
    ]


def canvas_cells(values: Iterable[float], low: float, high: float, cells: int) -> list[int]:
    """The cell of each value on an axis from ``low`` to ``high`` drawn over ``cells`` cells,
    by plotext's rule (its ``get_matrix_data``): :func:`thin` must place points exactly where
    plotext will, or it could drop one that shows in a cell of its own."""
    scale = (cells - 1) / (high - low)
    return [math.floor(round(0.5 + scale * (v - low), 8)) for v in values]


def canvas_size(width: int, height: int, y_labels: Sequence[str]) -> tuple[int, int]:
    """The plot's canvas (the cells points land in) in a plot of ``width`` x ``height`` cells:
    less the rate labels and the y axis on the left, the x axis and its labels below."""
    return width - 1 - max(map(len, y_labels), default=0), height - 2


def thin(
    points: Sequence[ChartPoint], x_range: tuple[int, int], top: float, canvas: tuple[int, int]
) -> list[ChartPoint]:
    """``points`` less those another point hides, on a canvas of ``canvas`` (columns, rows)
    with these axes: of the points in one cell (with the same upper bound's cell, for a
    range), the statuses are drawn in :data:`MARKERS` order, so the marker of the last one
    shows, and the first point of that status in the cell stays. The lines to effective dates
    are drawn from every point (:func:`draw_timeline`), so they do not count here."""
    columns, rows = canvas
    if columns < 2 or rows < 2:
        return list(points)
    low, high = x_range
    xs = canvas_cells([p.day for p in points], low, high, columns)
    ys = canvas_cells([p.rate for p in points], 0.0, top, rows)
    tops = canvas_cells([p.rate_max or 0.0 for p in points], 0.0, top, rows)
    order = {status: n for n, status in enumerate(MARKERS)}
    kept: dict[tuple[int, int, int | None], ChartPoint] = {}
    for p, x, y, t in zip(points, xs, ys, tops, strict=True):
        key = (x, y, None if p.rate_max is None else t)
        held = kept.get(key)
        if held is None or order[p.status] > order[held.status]:
            kept[key] = p
    return list(kept.values())


def legend(
    points: Sequence[ChartPoint], colours: Mapping[TariffStatus, tuple[int, int, int]] | None = None
) -> Text:
    """The markers of the statuses shown (and of an effective date, when one is drawn), each
    marker in its colour when ``colours`` gives them."""
    shown = {p.status for p in points}
    text = Text(end="")
    for status, marker in MARKERS.items():
        if status in shown:
            colour = (colours or {}).get(status)
            text.append(" ")
            text.append(marker, style="rgb({},{},{})".format(*colour) if colour else "")
            text.append(f" {status}")
    if any(p.effective is not None for p in points):
        text.append(f" {_EFFECTIVE_LINE}{EFFECTIVE_MARK} effective")
    text.append(" ")
    return text


def _x_range(points: Sequence[ChartPoint]) -> tuple[int, int]:
    days = [p.day for p in points] + [p.effective for p in points if p.effective is not None]
    low, high = min(days), max(days)
    if high - low < _MIN_SPAN_DAYS:
        middle = (low + high) // 2
        low, high = middle - _MIN_SPAN_DAYS // 2, middle + _MIN_SPAN_DAYS // 2
    pad = max(2, (high - low) // 25)
    return low - pad, high + pad


def _month_starts(low: int, high: int, step: int) -> list[int]:
    first = date.fromordinal(low)
    year, month = first.year, first.month + 1
    ticks: list[int] = []
    while True:
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        day = date(year, month, 1).toordinal()
        if day > high:
            return ticks
        ticks.append(day)
        month += step


def x_ticks(low: int, high: int, width: int) -> tuple[list[int], list[str]]:
    """Ticks on month starts (every n months, as many as ``width`` cells hold), labelled
    ``Jul 2025``; a span shorter than two months gets weekly ticks labelled ``7 Jul``."""
    room = max(2, width // _LABEL_CELLS)
    if high - low <= 62:
        step = 7 * max(1, -(-((high - low) // 7 + 1) // room))
        start = low + (7 - date.fromordinal(low).weekday()) % 7  # the Mondays
        days = list(range(start, high + 1, step))
        return days, [f"{date.fromordinal(d).day} {date.fromordinal(d):%b}" for d in days]
    for step in (1, 2, 3, 6, 12, 24, 60):
        days = _month_starts(low, high, step) if step < 12 else _year_starts(low, high, step)
        if len(days) <= room:
            break
    if step >= 12:
        return days, [str(date.fromordinal(d).year) for d in days]
    return days, [f"{date.fromordinal(d):%b %Y}" for d in days]


def _year_starts(low: int, high: int, step: int) -> list[int]:
    years = range(date.fromordinal(low).year + 1, date.fromordinal(high).year + 1)
    return [date(y, 1, 1).toordinal() for y in years if (y % (step // 12)) == 0]


_TICK_ROWS = 3  # rows between two rate ticks, ideally
_Y_STEPS = (1, 2, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 250, 500, 1000)


def y_ticks(top_rate: float, rows: int) -> tuple[float, list[float]]:
    """The top of the rate axis and its ticks, for a plot ``rows`` high.

    Ticks go from 0 up by a round step, each on a row of its own: with ``rows - 1`` intervals
    between the bottom and top rows, the number of steps divides it, so no label sits a row
    off its value. The lowest top above the highest rate wins, then the ticks nearest to
    :data:`_TICK_ROWS` rows apart.
    """
    intervals = max(1, rows - 1)
    best: tuple[tuple[int, int], int, int] | None = None  # (score, step, steps)
    for step in _Y_STEPS:
        need = int(top_rate / step) + 1  # steps to a top above the highest rate
        steps = next((m for m in range(need, intervals + 1) if intervals % m == 0), None)
        if steps is None:
            continue
        score = (step * steps, abs(intervals // steps - _TICK_ROWS))
        if best is None or score < best[0]:
            best = (score, step, steps)
    if best is None:
        top = float(int(top_rate) + 1)
        return top, [0.0, top]
    _score, step, steps = best
    return float(step * steps), [float(step * k) for k in range(steps + 1)]


class TimelinePlot(PlotextPlot):
    """Set :meth:`show` with a country's history; it redraws on resize and theme changes.

    plotext is handed the points when the plot is rendered, at the size it is rendered at:
    a plot shown for the first time is drawn in its first frame, not in the next.
    """

    DEFAULT_CSS = """
    TimelinePlot { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._points: list[ChartPoint] = []
        self._version = 0  # bumped when the points or the theme change
        self._rendered: tuple[tuple[object, ...], RenderResult] | None = None

    @property
    def points(self) -> list[ChartPoint]:
        return self._points

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._changed())
        self._follow_theme()

    def _follow_theme(self) -> None:
        """The plot's background and axes in the theme's colours, or in the terminal's own
        ("clear") under a theme of the terminal's colours (ansi-dark): textual-plotext hands
        plotext the theme's colours as RGB, and the terminal's own have none (black on black)."""
        self.theme = "clear" if self.app.current_theme.ansi else "auto"

    def show(self, points: list[ChartPoint]) -> None:
        self._points = points
        self._changed()

    def on_resize(self) -> None:
        self.refresh()

    def legend(self) -> Text:
        """:func:`legend` of the points shown, in the theme's colours."""
        return legend(self._points, {status: self._colour(status) for status in MARKERS})

    def _colour(self, status: TariffStatus) -> tuple[int, int, int]:
        """The first of the status's theme colours that has RGB; the terminal's own default
        colour (ansi-dark's foreground) has none: a grey that reads on the theme's side."""
        variables = self.app.theme_variables
        names = (_COLOURS if self.app.current_theme.dark else _COLOURS_ON_LIGHT)[status]
        for name in (*names, "foreground"):
            value = variables.get(name)
            if value:
                try:
                    colour = Color.parse(value)
                except ColorParseError:
                    continue
                if colour.ansi != -1:
                    return colour.rgb
        return (200, 200, 200) if self.app.current_theme.dark else (80, 80, 80)

    def _changed(self) -> None:
        self._follow_theme()
        self._version += 1
        self.refresh()

    def render(self) -> RenderResult:
        """plotext's picture, the points handed to it and built again only when the points,
        the size or the theme changed."""
        key = (self._version, self.size, self.app.theme)
        if self._rendered is None or self._rendered[0] != key:
            colours = {status: self._colour(status) for status in MARKERS}
            draw_timeline(self.plt, self._points, self.size.width, self.size.height, colours)
            self._rendered = (key, super().render())
        return self._rendered[1]


def draw_timeline(
    plt: Plot,
    points: Sequence[ChartPoint],
    width: int,
    height: int,
    colours: Mapping[TariffStatus, tuple[int, int, int]],
    *,
    thinned: bool = True,
) -> None:
    """Set ``plt`` (cleared first) to draw ``points`` in a plot of ``width`` x ``height``
    cells; ``thinned=False`` hands plotext every point (the tests compare the two pictures)."""
    plt.clear_data()
    if not points or width < 10 or height < 4:
        return
    low, high = _x_range(points)
    rates = [p.rate_max if p.rate_max is not None else p.rate for p in points]
    top, yticks = y_ticks(max(rates), height - 2)  # less the x axis and its labels
    ylabels = [f"{t:g}%" for t in yticks]
    muted = colours["other"]
    later = [p for p in points if p.effective is not None and p.effective != p.day]
    if thinned:
        points = thin(points, (low, high), top, canvas_size(width, height, ylabels))
    if len(later) > MAX_EFFECTIVE_LINES:
        ends = sorted({(p.effective, p.rate) for p in later if p.effective is not None})
        plt.scatter(
            [d for d, _r in ends], [r for _d, r in ends], marker=EFFECTIVE_MARK, color=muted
        )
        later = []
    for p in later:
        assert p.effective is not None
        plt.plot([p.day, p.effective], [p.rate, p.rate], marker=_EFFECTIVE_LINE, color=muted)
        plt.scatter([p.effective], [p.rate], marker=EFFECTIVE_MARK, color=muted)
    for status, marker in MARKERS.items():
        chosen = [p for p in points if p.status == status]
        if not chosen:
            continue
        colour = colours[status]
        for p in chosen:
            if p.rate_max is not None:
                plt.plot([p.day, p.day], [p.rate, p.rate_max], marker=_RANGE_LINE, color=colour)
        xs = [p.day for p in chosen]
        ys = [p.rate for p in chosen]
        for p in chosen:
            if p.rate_max is not None:
                xs.append(p.day)
                ys.append(p.rate_max)
        plt.scatter(xs, ys, marker=marker, color=colour)
    days, labels = x_ticks(low, high, width - 6)
    plt.frame(False)  # the pane's border frames it: only the axes, left and below
    plt.xaxes(True, False)
    plt.yaxes(True, False)
    plt.xlim(low, high)
    plt.xticks([float(d) for d in days], labels)
    plt.ylim(0, top)
    plt.yticks(yticks, ylabels)

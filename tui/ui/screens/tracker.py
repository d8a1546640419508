"""The tariff tracker: the latest rate per country across the cache, and each country's history,
as a timeline chart (tui.ui.widgets.tariff_chart) and as a table.

The tables (tui.ui.widgets.tracker_table) fit the screen's width. The detail line at the bottom
shows the highlighted row of the focused table whole: every value, the full report time, the
article's title, its source and the evidence sentence.

On a tall screen the chart sits between the two tables. On a short one (80x24) it takes the
history table's place while the latest table has focus, and gives it back when the history
table has it (``tab``). Under 20 rows there is no chart, the filter takes one line and the
focused table is shown alone. Under NO_COLOR there is no chart: the history table says it all.

The App keeps one tracker screen, built (composed and styled, plotext imported) while the reader
is idle after start-up (:func:`prepare`), and shows it again at each ``t``: :meth:`open` reads
what it needs first in a thread (each country's latest rate and count, one index lookup per
country, :func:`tui.services.tracker.latest_rates`; the first country's newest
:data:`HISTORY_ROWS` rows and its timeline, by day), fills the screen, then hands it to the App
to show, in one frame. Another country's history and timeline load when it is highlighted.

Articles not checked for tariff rows yet are checked by the App in a child process
(:mod:`tui.services.background`); the tracker says how far it got (:meth:`checking`) and shows
the rates again when it is done (:meth:`checked`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label, Static
from textual.worker import Worker, get_current_worker

from tui.core.models import TrackedTariff
from tui.core.tariff_latest import CountryRate
from tui.core.watching import Watch
from tui.core.wording import plural
from tui.store.repository import Repository
from tui.ui.display import visible
from tui.ui.messages import WatchesChanged
from tui.ui.widgets.line_input import LineInput
from tui.ui.widgets.tracker_table import (
    HISTORY_COLUMNS,
    HISTORY_SPARE,
    LATEST_COLUMNS,
    LATEST_SPARE,
    TrackerTable,
    detail,
    fill,
)
from tui.ui.worker_errors import report_failure

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import AwaitMount

    from tui.ui.screens.watch_list import WatchChoice
    from tui.ui.widgets.tariff_chart import ChartPoint

HISTORY_ROWS = 100
"""The newest rows of a country the history table holds (the timeline shows every report)."""
NO_RATES = "No rates from your feeds yet: the demo's fictional ones are left out"
"""The latest table, empty: a new user has seen the demo's rates in its tariffs pane."""


@dataclass(frozen=True, slots=True)
class _FirstRead:
    """What an opening shows first: every country's latest rate, the watched countries, and
    the history and timeline of the first country the filter leaves."""

    rates: list[CountryRate]
    watched: set[str]
    country: str | None
    history: list[TrackedTariff]
    points: list[ChartPoint]  # its timeline, as the chart places it


def _timeline(repo: Repository, country: str) -> list[ChartPoint]:
    """``country``'s timeline as the chart places it (read and converted in a worker thread:
    thousands of points)."""
    from tui.services.tracker import country_timeline
    from tui.ui.widgets.tariff_chart import chart_points

    return chart_points(country_timeline(repo, country))


def _matching(rates: list[CountryRate], needle: str) -> list[CountryRate]:
    """The countries the filter leaves: by name, or by ISO code exactly."""
    needle = needle.strip().casefold()
    if not needle:
        return rates
    return [
        r for r in rates if needle in r.country.casefold() or needle == r.latest.row.iso.casefold()
    ]


def prepare(app: App[Any], repo: Repository) -> tuple[TrackerScreen, AwaitMount]:
    """A tracker screen composed and styled ahead of its first showing (the App calls this
    when the reader is idle, after importing this module and the chart's in a thread, or at
    a ``t`` that comes first), and what awaits its composing.

    Textual composes a screen when it first runs it, which ``push_screen`` does; this runs it
    without pushing it (``App._get_screen``, what ``push_screen`` calls for that), so the
    first ``t`` only fills and shows it. It is installed: popping it keeps it for the next
    opening.
    """
    screen = TrackerScreen(repo)
    app.install_screen(screen, TrackerScreen.NAME)
    app._load_screen_css(screen)
    _screen, mounted = app._get_screen(screen)
    return screen, mounted


class TrackerScreen(Screen["int | WatchChoice | None"]):
    """Filter by country with the input; the lower table shows the highlighted country's history.

    Enter on a row of either table dismisses the screen with that row's article id, which the
    main screen then opens; W opens the watch list over it, whose choices other than a
    country the screen is dismissed with, for the main screen to follow.
    """

    NAME = "tracker"
    """Its name among the App's installed screens."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="close_tracker"),
        # Priority: run when the App takes the key, so what is typed ahead with it (arriving
        # together over SSH) is sent to the filter it focuses, not to the table.
        Binding("slash", "filter", "Filter", id="tracker_filter", priority=True),
        Binding("w", "toggle_watch", "Watch", id="watch"),
        Binding("W", "watch_list", "Watch list", show=False, id="watch_list"),
        # The ids of the main screen's pane keys: one keymap entry moves both.
        Binding("tab", "cycle(1)", "Next", show=False, id="next_pane"),
        Binding("shift+tab", "cycle(-1)", "Previous", show=False, id="previous_pane"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (20, "-short"), (32, "-tall")]

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self._repo = repo
        self._rates: list[CountryRate] = []  # every country's, by name
        self._latest: list[TrackedTariff] = []  # the latest table's rows (filtered)
        self._country: str | None = None  # the highlighted country (its history's)
        self._history: list[TrackedTariff] = []  # its newest rows, newest first
        self._history_shown: list[TrackedTariff] = []  # the rows the history table holds
        self._points: list[ChartPoint] = []  # its timeline, as the chart places it
        self._watched: set[str] = set()
        self._detail_row: tuple[TrackedTariff | None, int] = (None, 0)  # shown, at a width
        self._loaded_once = False
        self._filled_width = 0  # the width the tables were fitted to
        self._opening = 0  # bumped by each open(): a read of an earlier one is dropped

    # -- opening ----------------------------------------------------------------------------

    def open(self, country: str | None, show: Callable[[], None]) -> None:
        """Read what the tracker shows first (in a thread), fill the screen, then ``show()``
        (the App pushes it): one frame with the rates, the first country's history and its
        chart. ``country``: the filter to start with (the watch list opens a country's)."""
        self._opening += 1
        opening = self._opening
        needle = country or ""
        filter_input = self.query_one("#tracker-filter", Input)
        with filter_input.prevent(Input.Changed):
            filter_input.value = needle
        self._read_opening(opening, needle, show)

    @work(thread=True, exclusive=True, group="tracker", exit_on_error=False)
    def _read_opening(self, opening: int, needle: str, show: Callable[[], None]) -> None:
        try:
            first = self._read_first(needle, self.app.no_color)
        except Exception as exc:  # shown anyway, empty: say why
            self.app.call_from_thread(self._opened, opening, None, show)
            self.app.notify(
                f"Could not read the tariff rates: {exc}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self._opened, opening, first, show)

    def _read_first(self, needle: str, no_chart: bool) -> _FirstRead:
        from tui.services.tracker import country_history, latest_rates

        rates = latest_rates(self._repo)
        watched = {w.name for w in self._repo.watches() if w.kind == "country"}
        shown = _matching(rates, needle)
        country = shown[0].country if shown else None
        history = (
            [] if country is None else country_history(self._repo, country, limit=HISTORY_ROWS)
        )
        points = [] if country is None or no_chart else _timeline(self._repo, country)
        return _FirstRead(rates, watched, country, history, points)

    def _opened(self, opening: int, first: _FirstRead | None, show: Callable[[], None]) -> None:
        if opening != self._opening:
            return  # opened again meanwhile: that read shows
        latest = self.query_one("#latest", TrackerTable)
        latest.move_cursor(row=0, animate=False)
        self.set_class(False, "-in-history")
        if first is not None:
            self._country = first.country
            self._history = first.history
            self._points = first.points
            self._loaded(first.rates, first.watched)
        latest.focus()
        show()

    def compose(self) -> ComposeResult:
        yield LineInput(placeholder="filter countries (/)", id="tracker-filter")
        with Vertical(id="tracker-latest", classes="pane") as latest:
            latest.border_title = "Latest rate per country"
            yield TrackerTable(cursor_type="row", id="latest")
            yield Label(NO_RATES, id="tracker-empty", markup=False)
        if not self.app.no_color:
            from tui.ui.widgets.tariff_chart import TimelinePlot

            with Vertical(id="tracker-chart", classes="pane") as chart:
                chart.border_title = "Timeline"
                yield TimelinePlot(id="timeline")
                yield Label("No dated reports to draw", id="chart-empty")
        else:
            self.add_class("-no-chart")
        with Vertical(id="tracker-history", classes="pane") as history:
            history.border_title = "History"
            yield TrackerTable(cursor_type="row", id="history")
        yield Static(id="tracker-detail", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def on_mount(self) -> None:
        # The chart redraws itself in the new theme's colours; its legend is the pane's.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._show_chart())

    def on_resize(self, event: events.Resize) -> None:
        if self._loaded_once and self.app.size.width != self._filled_width:
            self._show_latest(self.query_one("#tracker-filter", Input).value)

    # -- the App's tariff check -------------------------------------------------------------

    def checking(self, done: int, total: int) -> None:
        """The App's check of the articles not checked yet got this far (the latest table's
        border says so). Built ahead, the screen may not have composed yet: the App tells
        it again when it opens."""
        text = f"Checking {done:,}/{plural(total, 'article')} for rates…"
        for pane in self.query("#tracker-latest"):
            pane.border_subtitle = text

    def checked(self) -> None:
        """The App's check ended: show the rates again, when the tracker is shown (every
        opening reads them anyway)."""
        for pane in self.query("#tracker-latest"):
            pane.border_subtitle = None
        if self.is_current:
            self._reload()

    @work(thread=True, exclusive=True, group="tracker", exit_on_error=False)
    def _reload(self) -> None:
        from tui.services.tracker import latest_rates

        rates = latest_rates(self._repo)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._caught_up, rates)

    def _caught_up(self, rates: list[CountryRate]) -> None:
        self._country = None  # its history may have grown: read it again
        self._loaded(rates, self._watched)

    def _loaded(self, rates: list[CountryRate], watched: set[str]) -> None:
        self._loaded_once = True
        self._rates = rates
        self._watched = watched
        self._show_latest(self.query_one("#tracker-filter", Input).value)

    def _show_latest(self, needle: str) -> None:
        """The latest table of the rates matching ``needle``; the cursor stays on its country
        when it is listed (the rates read again list countries new to the tracker, by name)."""
        table = self.query_one("#latest", TrackerTable)
        on = table.cursor_row
        country = self._latest[on].row.country if 0 <= on < len(self._latest) else None
        rates = _matching(self._rates, needle)
        self._latest = [r.latest for r in rates]
        keep = next((i for i, t in enumerate(self._latest) if t.row.country == country), None)
        self._filled_width = self.app.size.width  # the screen's, shown or not yet
        fill(
            table,
            LATEST_COLUMNS,
            self._latest,
            self._filled_width,
            ("Reports", [str(r.reports) for r in rates]),
            keep,
            LATEST_SPARE,
        )
        empty = self.query_one("#tracker-empty", Label)
        empty.display = not rates
        self.query_one("#tracker-latest").set_class(not rates, "-empty")
        if not rates:
            empty.update(f"No country matches \u201c{needle}\u201d" if self._rates else NO_RATES)
        self._select(table.cursor_row if rates else None, again=True)

    def _select(self, index: int | None, *, again: bool = False) -> None:
        """Show the history of the latest table's row ``index``: read it when it is another
        country's; ``again``: draw it again when it is the same (the width changed)."""
        country = (
            self._latest[index].row.country
            if index is not None and 0 <= index < len(self._latest)
            else None
        )
        if country == self._country:
            if again:
                self._show_history()
            return
        self._country = country
        if country is None:
            self._history = []
            self._points = []
            self._show_history()
            return
        # The title names the country at once; the table and the chart keep what they show
        # until its rows come (a moment), rather than being drawn empty in between.
        self._history_title()
        self._load_history(country)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _load_history(self, country: str) -> None:
        from tui.services.tracker import country_history

        history = country_history(self._repo, country, limit=HISTORY_ROWS)
        points = [] if self.app.no_color else _timeline(self._repo, country)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._history_loaded, country, history, points)

    def _history_loaded(
        self, country: str, history: list[TrackedTariff], points: list[ChartPoint]
    ) -> None:
        if country != self._country:
            return  # another country was highlighted meanwhile
        self._history = history
        self._points = points
        self._show_history()

    def _reports_of(self, country: str) -> int:
        return next((r.reports for r in self._rates if r.country == country), 0)

    def _history_is_of(self, country: str) -> bool:
        return bool(self._history) and self._history[0].row.country == country

    def _history_title(self) -> None:
        country = self._country
        title = "History"
        if country is not None:
            title = f"History: {visible(country)}"
            reports = self._reports_of(country)
            shown = len(self._history) if self._history_is_of(country) else 0
            if reports > shown > 0:
                title += f" · newest {shown:,} of {reports:,}"
            if country in self._watched:
                title += " · watched"
        self.query_one("#tracker-history").border_title = Text(title)

    def _show_history(self) -> None:
        self._history_title()
        table = self.query_one("#history", TrackerTable)
        fill(
            table,
            HISTORY_COLUMNS,
            self._history,
            self.app.size.width,
            keep=self._same_report(table.cursor_row),
            spare=HISTORY_SPARE,
        )
        self._history_shown = self._history
        self._show_chart()
        self._show_detail()

    def _same_report(self, index: int) -> int | None:
        """Where the report on the history table's row ``index`` is in the history to show: a
        newer report read again is listed above it (None: not there, the cursor keeps its row)."""
        shown = self._history_shown
        if not 0 <= index < len(shown):
            return None
        return next((i for i, t in enumerate(self._history) if t == shown[index]), None)

    def _show_chart(self) -> None:
        """The highlighted country's reports on the timeline (nothing under NO_COLOR)."""
        if self.app.no_color:
            return
        from tui.ui.widgets.tariff_chart import TimelinePlot

        plot = self.query_one(TimelinePlot)
        points = self._points
        plot.display = bool(points)
        self.query_one("#chart-empty").display = not points
        plot.show(points)
        pane = self.query_one("#tracker-chart")
        country = self._country
        pane.border_title = Text(f"Timeline: {visible(country)}" if country else "Timeline")
        pane.border_subtitle = plot.legend() if points else None

    def _show_detail(self) -> None:
        """The highlighted row of the focused table (the latest table's when neither is)."""
        history = self.query_one("#history", TrackerTable)
        rows, table = (
            (self._history, history)
            if self.focused is history
            else (self._latest, self.query_one("#latest", TrackerTable))
        )
        shown = self.query_one("#tracker-detail", Static)
        index = table.cursor_row
        row = rows[index] if 0 <= index < len(rows) else None
        width = self.app.size.width
        if (row, width) != self._detail_row:  # (an update lays the screen out again)
            self._detail_row = (row, width)
            shown.update("" if row is None else detail(row, width, self.app.console))

    @on(DataTable.RowHighlighted, "#latest")
    def _country_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._select(event.cursor_row)

    @on(DataTable.RowHighlighted, "#history")
    def _history_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        self.set_class(self.focused is self.query_one("#history"), "-in-history")
        self._show_detail()

    def action_cycle(self, step: int) -> None:
        """The filter, the latest table, the history table, round (the history is shown first
        when the chart has its place)."""
        chain = [
            self.query_one("#tracker-filter", Input),
            self.query_one("#latest", TrackerTable),
            self.query_one("#history", TrackerTable),
        ]
        current = chain.index(self.focused) if self.focused in chain else 0
        target = chain[(current + step) % len(chain)]
        self.set_class(target is chain[2], "-in-history")
        self.call_after_refresh(target.focus)

    def _highlighted_country(self) -> str | None:
        """The country of the highlighted row (of either table)."""
        history = self.query_one("#history", TrackerTable)
        if self.focused is history and 0 <= history.cursor_row < len(self._history):
            return self._history[history.cursor_row].row.country
        index = self.query_one("#latest", TrackerTable).cursor_row
        return self._latest[index].row.country if 0 <= index < len(self._latest) else None

    def action_toggle_watch(self) -> None:
        country = self._highlighted_country()
        if country is None:
            self.app.notify("No country highlighted", severity="warning")
            return
        watched = country not in self._watched
        if watched:
            self._watched.add(country)
        else:
            self._watched.discard(country)
        self._save_watch(country, watched)
        self._history_title()

    @work(thread=True, group="watch", exit_on_error=False)
    def _save_watch(self, country: str, watched: bool) -> None:
        self._repo.set_watched(Watch.country(country), watched)
        self.post_message(WatchesChanged())
        if watched:
            from tui.services.watching import know_rates_of

            know_rates_of(self._repo, country)  # the rate a refresh will compare with
        if watched:
            self.app.notify(f"Watching {visible(country)}: a new or changed rate will alert you")
        else:
            self.app.notify(f"Stopped watching {visible(country)}")

    @on(DataTable.RowSelected, "#latest")
    def _latest_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(self._latest, event.cursor_row)

    @on(DataTable.RowSelected, "#history")
    def _history_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self._open(self._history, event.cursor_row)

    def _open(self, rows: list[TrackedTariff], index: int) -> None:
        """Back to the main screen, which opens the article the row was reported in."""
        if 0 <= index < len(rows):
            self.dismiss(rows[index].article_id)

    @on(Input.Changed, "#tracker-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._show_latest(event.value)

    @on(Input.Submitted, "#tracker-filter")
    def _focus_latest(self) -> None:
        self.query_one("#latest", TrackerTable).focus()

    def action_watch_list(self) -> None:
        """The watch list over the tracker: a country is shown here, anything else (an
        entity's or a search's articles, an alert's article) by the reader."""
        from tui.ui.screens.watch_list import WatchListScreen

        def done(choice: WatchChoice | None) -> None:
            if choice is None:
                return
            if choice.watch is not None and choice.watch.kind == "country":
                self.open(choice.watch.name, self._focus_latest)
            else:
                self.dismiss(choice)

        self.app.push_screen(WatchListScreen(self._repo), done)

    def action_filter(self) -> None:
        self.set_focus(self.query_one("#tracker-filter", Input))  # at once: see BINDINGS

    def action_close(self) -> None:
        if self.focused is self.query_one("#tracker-filter", Input):
            self.query_one("#latest", TrackerTable).focus()
            return
        self.dismiss(None)

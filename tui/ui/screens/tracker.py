"""The tariff tracker: the latest rate per country across the cache, and each country's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label
from textual.worker import Worker, get_current_worker

from tui.core.models import TrackedTariff
from tui.core.tariff_latest import latest_per_country
from tui.ui.display import format_rate, format_time, visible
from tui.ui.keys import LIST_BINDINGS

if TYPE_CHECKING:
    from tui.ui.app import NewsReaderApp


class TrackerTable(DataTable[Text]):
    """Enter on a row posts ``RowSelected``: the tracker opens that row's article."""

    BINDINGS = [
        *(b for b in LIST_BINDINGS if isinstance(b, Binding) and b.id != "open"),
        Binding("enter", "select_cursor", "Open article", id="open"),
    ]

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1)


class TrackerScreen(Screen[int | None]):
    """Filter by country with the input; the lower table shows the highlighted country's history.

    Enter on a row of either table dismisses the screen with that row's article id, which the
    main screen then opens.
    """

    BINDINGS = [
        Binding("escape", "close", "Back", id="close_tracker"),
        Binding("slash", "filter", "Filter", id="tracker_filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TrackedTariff] = []
        self._latest: list[TrackedTariff] = []
        self._history: list[TrackedTariff] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter countries (/)", id="tracker-filter")
        with Vertical(id="tracker-latest", classes="pane") as latest:
            latest.border_title = "Latest rate per country"
            table = TrackerTable(cursor_type="row", id="latest")
            table.add_columns(
                "Country", "ISO", "Rate", "Status", "Effective", "Reported", "Source", "Reports"
            )
            yield table
            yield Label("No tariff rates in the cache yet", id="tracker-empty")
        with Vertical(id="tracker-history", classes="pane") as history:
            history.border_title = "History"
            table = TrackerTable(cursor_type="row", id="history")
            table.add_columns("Reported", "Rate", "Status", "Effective", "Article", "Evidence")
            yield table
        yield Footer(compact=True, show_command_palette=False)

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        self.news_app.report_worker(event)

    @property
    def news_app(self) -> NewsReaderApp:
        from tui.ui.app import NewsReaderApp

        assert isinstance(self.app, NewsReaderApp)
        return self.app

    def on_mount(self) -> None:
        self.query_one("#latest", TrackerTable).focus()
        self._load()

    @work(thread=True, exclusive=True, group="tracker", exit_on_error=False)
    def _load(self) -> None:
        from tui.services.tracker import tracked_tariffs

        repo = self.news_app.repo
        worker = get_current_worker()
        rows = tracked_tariffs(repo)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._loaded, rows)
        # Articles stored by `newsreader refresh` (cron) or checked by an older extractor version
        # have no tariff rows yet: check them all (a cheap test skips most), then show again.
        from tui.services.extraction import catch_up_tariffs

        if catch_up_tariffs(repo) and not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, tracked_tariffs(repo))

    def _loaded(self, rows: list[TrackedTariff]) -> None:
        self._rows = rows
        self._show_latest(self.query_one("#tracker-filter", Input).value)

    def _show_latest(self, needle: str) -> None:
        needle = needle.strip().casefold()
        latest = latest_per_country(self._rows)
        if needle:
            latest = [
                t
                for t in latest
                if needle in t.row.country.casefold() or needle == t.row.iso.casefold()
            ]
        self._latest = latest
        counts: dict[str, int] = {}
        for tracked in self._rows:
            counts[tracked.row.country] = counts.get(tracked.row.country, 0) + 1
        table = self.query_one("#latest", TrackerTable)
        table.clear()
        for tracked in latest:
            row = tracked.row
            table.add_row(
                Text(visible(row.country)),
                Text(row.iso),
                Text(format_rate(row.rate_pct, row.rate_max_pct), justify="right"),
                Text(row.status),
                Text(row.effective.isoformat() if row.effective else "—"),
                Text(format_time(tracked.published)),
                Text(visible(tracked.feed_title)),
                Text(str(counts.get(row.country, 0)), justify="right"),
            )
        self.query_one("#tracker-empty").display = not latest
        self._show_history(0 if latest else None)

    def _show_history(self, index: int | None) -> None:
        table = self.query_one("#history", TrackerTable)
        table.clear()
        self._history = []
        if index is None or index >= len(self._latest):
            return
        country = self._latest[index].row.country
        self.query_one("#tracker-history").border_title = Text(f"History: {visible(country)}")
        self._history = list(reversed([t for t in self._rows if t.row.country == country]))
        for tracked in self._history:
            row = tracked.row
            table.add_row(
                Text(format_time(tracked.published)),
                Text(format_rate(row.rate_pct, row.rate_max_pct), justify="right"),
                Text(row.status),
                Text(row.effective.isoformat() if row.effective else "—"),
                Text(visible(tracked.article_title)[:50]),
                Text(visible(row.evidence)[:120]),
            )

    @on(DataTable.RowHighlighted, "#latest")
    def _country_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_history(event.cursor_row)

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
    def _filter_submitted(self) -> None:
        self.query_one("#latest", TrackerTable).focus()

    def action_filter(self) -> None:
        self.query_one("#tracker-filter", Input).focus()

    def action_close(self) -> None:
        if self.focused is self.query_one("#tracker-filter", Input):
            self.query_one("#latest", TrackerTable).focus()
            return
        self.dismiss(None)

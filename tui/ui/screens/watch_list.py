"""The watch list (``W``): the countries, entities and saved searches watched, and the latest
alerts. Enter goes to one (a country's tracker, an entity's mentions, a search's articles, an
alert's article); ``w`` stops watching the highlighted one."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker

from tui.core.models import TrackedTariff
from tui.core.watching import Alert, SavedSearch, Watch, rate_label
from tui.store.repository import Repository
from tui.ui.display import visible
from tui.ui.keys import LIST_BINDINGS
from tui.ui.messages import WatchesChanged
from tui.ui.rows import LabelCount
from tui.ui.widgets.marked_list import MarkedOptionList
from tui.ui.worker_errors import report_failure

_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place"}
_ALERTS_SHOWN = 30


@dataclass(frozen=True)
class WatchChoice:
    """Where to go: a watched country or entity, a saved search, or an alert's article."""

    watch: Watch | None = None
    search_id: int | None = None
    article_id: int | None = None


@dataclass(frozen=True)
class _Listing:
    watches: list[Watch]
    latest: dict[str, TrackedTariff]
    searches: list[SavedSearch]
    alerts: list[Alert]


class WatchList(MarkedOptionList):
    """The list; enter and ``w`` are the screen's."""

    BINDINGS = [b for b in LIST_BINDINGS if isinstance(b, Binding) and b.id != "open"]


class WatchListScreen(ModalScreen[WatchChoice | None]):
    """Dismisses with what the user chose (None on esc)."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="cancel"),
        Binding("enter", "choose", "Go", id="open"),
        Binding("w,d", "unwatch", "Stop watching", id="unwatch"),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self._repo = repo
        self._choices: dict[str, WatchChoice] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="watch-box", classes="dialog") as box:
            box.border_title = "Watch list"
            yield WatchList(id="watch-list")
            yield Label("enter to go · w to stop watching · esc to close", classes="hint")

    def on_mount(self) -> None:
        self._load()

    def reload(self) -> None:
        """Read the list again (a refresh brought alerts while it is open)."""
        self._load()

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    @work(thread=True, exclusive=True, group="watch-list", exit_on_error=False)
    def _load(self) -> None:
        from tui.services.tracker import latest_rates

        repo = self._repo
        watches = repo.watches()
        countries = {w.name for w in watches if w.kind == "country"}
        # The tracker's latest rates (the one rule, each country's deciding report by index).
        latest: dict[str, TrackedTariff] = {
            r.country: r.latest for r in latest_rates(repo) if r.country in countries
        }
        searches = [s for s in repo.saved_searches() if s.watched]
        listing = _Listing(watches, latest, searches, repo.recent_alerts(_ALERTS_SHOWN))
        self.app.call_from_thread(self._show, listing)

    def _show(self, listing: _Listing) -> None:
        options: list[Option] = []
        self._choices = {}

        def heading(text: str) -> None:
            options.append(Option(Text(text, style="bold"), disabled=True))

        def add(key: str, label: str, count: str, choice: WatchChoice) -> None:
            self._choices[key] = choice
            options.append(Option(LabelCount(Content(" " + visible(label)), count), id=key))

        countries = [w for w in listing.watches if w.kind == "country"]
        if countries:
            heading("COUNTRIES")
            for watch in countries:
                tracked = listing.latest.get(watch.name)
                rate = rate_label(tracked.row) if tracked else "no rate yet"
                add(watch.key, watch.name, rate, WatchChoice(watch=watch))
        entities = [w for w in listing.watches if w.kind == "entity"]
        if entities:
            heading("ENTITIES")
            for watch in entities:
                add(watch.key, watch.name, _LABELS.get(watch.label, ""), WatchChoice(watch=watch))
        if listing.searches:
            heading("SAVED SEARCHES")
            for search in listing.searches:
                count = f"{search.unread} unread" if search.unread else ""
                add(f"search:{search.id}", search.name, count, WatchChoice(search_id=search.id))
        if listing.alerts:
            heading("LATEST ALERTS")
            for alert in listing.alerts:
                choice = WatchChoice(article_id=alert.article_id)
                add(f"alert:{alert.id}", alert.message, "", choice)
        if not options:
            text = "Nothing watched yet: w on a country, an entity or a saved search"
            options.append(Option(Text(text, style="dim"), disabled=True))
        watch_list = self.query_one(WatchList)
        # Read again, the cursor stays on its row when still listed (alerts came); after w,
        # on the row number: the watch that took the place of the one removed (the one before
        # it, at the end of the list).
        at = watch_list.highlighted or 0
        was = watch_list.highlighted_option
        watch_list.set_options(options)
        usable = [i for i, o in enumerate(options) if not o.disabled]
        same = next((i for i in usable if was is not None and options[i].id == was.id), None)
        after = next((i for i in usable if i >= at), usable[-1] if usable else None)
        watch_list.highlighted = after if same is None else same
        watch_list.focus()

    def _current(self) -> tuple[str, WatchChoice] | None:
        option = self.query_one(WatchList).highlighted_option
        if option is None or option.id not in self._choices:
            return None
        return option.id, self._choices[option.id]

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        current = self._current()
        if current is not None:
            self.dismiss(current[1])

    def action_unwatch(self) -> None:
        current = self._current()
        if current is None or current[1].article_id is not None:
            self.app.notify("Highlight a country, an entity or a saved search", severity="warning")
            return
        self._unwatch(current[1])

    @work(thread=True, group="watch", exit_on_error=False)
    def _unwatch(self, choice: WatchChoice) -> None:
        if choice.watch is not None:
            self._repo.set_watched(choice.watch, False)
            name = choice.watch.name
        elif choice.search_id is not None:
            self._repo.set_search_watched(choice.search_id, False)
            search = self._repo.saved_search(choice.search_id)
            name = search.name if search else "the search"
        else:
            return
        self.post_message(WatchesChanged())
        self.app.notify(f"Stopped watching {visible(name)}", markup=False)
        self.app.call_from_thread(self._load)

    def action_cancel(self) -> None:
        self.dismiss(None)

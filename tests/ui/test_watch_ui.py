"""The watch list, saved searches, alerts and the timeline in the app (Pilot, real SQLite,
a real refresh child against a feed served on 127.0.0.1)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import Static

from tests.conftest import rss_feed
from tests.feedserver import FeedServer, serve
from tests.ui.conftest import (
    AppFactory,
    contrast_of,
    main,
    screen_text,
    settle,
    started,
    styles_of,
    titles,
)
from tests.ui.timeline import add_timeline
from tui.core.models import ParsedArticle
from tui.core.watching import SavedSearch, Watch
from tui.paths import resolve
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.screens.tracker import TrackerScreen
from tui.ui.screens.watch_list import WatchListScreen
from tui.ui.widgets.feed_list import ALERT_MARK, SEARCH_MARK
from tui.ui.widgets.tracker_table import TrackerTable

# Brazil: a country the seeded articles (tests.ui.conftest) do not name.
THREAT = (
    "<p>Washington | The United States will impose a 50% tariff on goods from Brazil from "
    "1 August, the White House said.</p>"
)
DEAL = (
    "<p>Brasilia | Brazil agreed a trade deal with the United States on Wednesday that sets a "
    "15% tariff on Brazilian exports from 1 September.</p>"
)
NEW_RATE = "Tariff Brazil: new rate 50% threatened (Trade desk)"
CHANGE = "Tariff Brazil: 50% threatened \u2192 15% agreed (Trade desk)"


def feed_rows(app: NewsReaderApp) -> list[str]:
    """The rows of the feeds pane as the screen shows them (the first column of panes)."""
    return [line.split("│")[1].strip() for line in screen_text(app) if line.startswith("│")]


async def test_w_watches_the_tariff_rows_country_and_the_entity(
    make_app: AppFactory, repo: Repository
) -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("5")  # the tariffs pane of the open article (Vietnam deal)
        country = main(app).tariff_pane.current_row
        assert country is not None
        await pilot.press("w")
        await settle(app, pilot)
        assert repo.watches() == [Watch.country(country.country)]
        assert any(f"Watching {country.country}" in n.message for n in app._notifications)
        await pilot.press("4", "j")  # the entities pane: the first person
        entity = main(app).entities_pane.entity
        assert entity is not None
        await pilot.press("w")
        await settle(app, pilot)
        assert Watch.entity(entity.label, entity.name) in repo.watches()
        await pilot.press("w")  # again: stop watching it
        await settle(app, pilot)
        assert repo.watches() == [Watch.country(country.country)]
    copy = json.loads(
        resolve().subscriptions_backup.with_name("subscriptions.watches.json").read_text()
    )
    assert copy["countries"] == [country.country] and copy["entities"] == []


async def test_the_watch_list_lists_goes_and_unwatches(
    make_app: AppFactory, repo: Repository
) -> None:
    app = make_app()
    add_timeline(repo)
    repo.set_watched(Watch.country("Vietnam"), True)
    repo.set_watched(Watch.entity("PERSON", "Marco Rubio"), True)
    async with started(app) as pilot:
        await pilot.press("t")  # the tracker checks the timeline's articles for rates
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.press("W")
        await settle(app, pilot)
        assert isinstance(app.screen, WatchListScreen)
        text = "\n".join(screen_text(app))
        assert "COUNTRIES" in text and "20% agreed" in text and "Marco Rubio" in text
        await pilot.press("enter")  # Vietnam: its tracker, filtered
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        assert [t.row.country for t in tracker._latest] == ["Vietnam"]
        assert "History: Vietnam · watched" in "\n".join(screen_text(app))
        await pilot.press("w")  # in the tracker too: stop watching
        await settle(app, pilot)
        assert repo.watches() == [Watch.entity("PERSON", "Marco Rubio")]
        await pilot.press("escape", "W")
        await settle(app, pilot)
        await pilot.press("w")  # the person, from the list
        await settle(app, pilot)
        assert repo.watches() == []


async def test_a_saved_search_is_a_feed_whose_count_follows_new_and_read_articles(
    make_app: AppFactory, repo: Repository
) -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("slash", *"tariff", "ctrl+s")
        await settle(app, pilot)
        screen = main(app)
        (saved,) = repo.saved_searches()
        assert saved.query == "tariff" and saved.unread == 1
        assert screen.feed_list.saved_search == saved  # highlighted, and listed
        assert titles(app) == ["Vietnam deal sets 20% tariff on exports"]
        row = next(r for r in feed_rows(app) if SEARCH_MARK in r)
        assert row.startswith(f"▹{SEARCH_MARK} tariff") and row.endswith(" 1")

        # New articles arrive (a refresh stores them, and the screen reloads).
        feed = next(f for f in repo.feeds() if f.title == "Market Wire")
        repo.store_articles(
            feed.id,
            [
                ParsedArticle(
                    guid=f"new-{n}",
                    link=f"https://news.example.org/new-{n}",
                    title=f"Steel tariff story {n}",
                    author="",
                    published=None,
                    content_html="<p>A tariff on steel.</p>",
                )
                for n in range(2)
            ],
        )
        screen.reload()
        await settle(app, pilot)
        assert screen.feed_list.searches[0].unread == 3
        assert len(titles(app)) == 3

        # Reading one: the count goes down.
        await pilot.press("2", "enter")
        await settle(app, pilot)
        assert screen.feed_list.searches[0].unread == 2
        assert next(r for r in feed_rows(app) if SEARCH_MARK in r).endswith(" 2")

        # Renamed, then deleted (the list goes back to All).
        await pilot.press("1", "e", "ctrl+u", *"Tariffs", "enter")
        await settle(app, pilot)
        assert [s.name for s in repo.saved_searches()] == ["Tariffs"]
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert repo.saved_searches() == []
        assert screen.scope.kind.value == "all" and len(titles(app)) == 7


@pytest.fixture
def trade_site(tmp_path: Path) -> Iterator[tuple[FeedServer, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    (root / "trade.xml").write_bytes(rss_feed([THREAT], title="Trade desk"))
    with serve(root) as server:
        yield server, root / "trade.xml"


async def test_a_feeds_alert_mark_is_readable_in_a_light_theme(
    make_app: AppFactory, repo: Repository, trade_site: tuple[FeedServer, Path]
) -> None:
    """The ⚑ of a feed that brought news for the watch list was the theme's warning colour,
    orange, made for a dark background: 1.4:1 on textual-light's grey."""
    server, _feed_file = trade_site
    app = make_app(failing=False, theme="textual-light")
    repo.add_feed(server.url("trade.xml"), title="Trade desk")
    repo.set_watched(Watch.country("Brazil"), True)
    async with started(app) as pilot:
        await pilot.press("R")
        await settle(app, pilot)
        assert ALERT_MARK in next(r for r in feed_rows(app) if "Trade desk" in r)
        assert contrast_of(app, ALERT_MARK) >= 3


async def test_a_refresh_that_changes_a_watched_rate_alerts_in_the_app_and_the_terminal(
    make_app: AppFactory,
    repo: Repository,
    trade_site: tuple[FeedServer, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    written: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: written.append(data))
    server, feed_file = trade_site
    app = make_app(failing=False)
    feed = repo.add_feed(server.url("trade.xml"), title="Trade desk")
    repo.set_watched(Watch.country("Brazil"), True)
    async with started(app) as pilot:
        await pilot.press("R")
        await settle(app, pilot)  # the first rate: a new rate, one alert
        first = [n.message for n in app._notifications if n.title == "Watch list"]
        assert first == [NEW_RATE]
        feed_file.write_bytes(rss_feed([THREAT, DEAL], title="Trade desk"))
        app.clear_notifications()
        written.clear()
        await pilot.press("R")
        await settle(app, pilot)
        assert [n.message for n in app._notifications if n.title == "Watch list"] == [CHANGE]
        assert [w for w in written if w.startswith("\x1b]9;")] == [f"\x1b]9;{CHANGE}\x07"]
        row = next(r for r in feed_rows(app) if "Trade desk" in r)
        assert ALERT_MARK in row  # the feed that brought it is marked while it is unread
        assert feed.id in main(app).feed_list.marks.feeds

        app.clear_notifications()
        written.clear()
        await pilot.press("R")  # nothing new: no alert, no notification
        await settle(app, pilot)
        assert [n for n in app._notifications if n.title == "Watch list"] == []
        assert not [w for w in written if "\x1b]9;" in w]

        # Reading the articles clears the mark.
        repo.mark_scope_read(main(app).scope)
        main(app).reload()
        await settle(app, pilot)
        assert ALERT_MARK not in next(r for r in feed_rows(app) if "Trade desk" in r)


async def test_a_feed_added_with_a_is_checked_and_grouped_as_a_refresh_would(
    make_app: AppFactory,
    repo: Repository,
    trade_site: tuple[FeedServer, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``a`` stores the articles of the feed it fetched to find it, and no refresh stores them
    as new after it: the watch check and the grouping a refresh gives what it stores are the
    add's, in the refresh child (never in the app's process)."""
    import tui.services.stories
    import tui.services.watching

    in_app: list[str] = []
    monkeypatch.setattr(tui.services.watching, "check_watches", lambda *a: in_app.append("w"))
    monkeypatch.setattr(tui.services.stories, "group_new_articles", lambda *a, **k: 0)
    server, _ = trade_site
    app = make_app(failing=False)
    repo.set_watched(Watch.country("Brazil"), True)
    async with started(app) as pilot:
        await pilot.press("a", *server.url("trade.xml"), "enter")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not repo.recent_alerts():
            await pilot.pause(0.1)
        await settle(app, pilot)
        assert [n.message for n in app._notifications if n.title == "Watch list"] == [NEW_RATE]
        assert repo.ungrouped_articles(100) == []  # the feed's, and the seeded ones with them
        assert in_app == []


async def test_alerts_a_refresh_from_cron_stored_are_shown_when_the_app_starts(
    make_app: AppFactory,
    repo: Repository,
    trade_site: tuple[FeedServer, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.cli import run

    written: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: written.append(data))
    server, feed_file = trade_site
    app = make_app(failing=False, notify="osc777")
    repo.add_feed(server.url("trade.xml"), title="Trade desk")
    repo.set_watched(Watch.country("Brazil"), True)
    # From cron: no terminal, so the app rings it (exit 1: the seeded feeds on port 9 fail).
    assert run(["refresh", "--quiet"]) == 1
    async with started(app) as pilot:
        await settle(app, pilot)
        assert [n.message for n in app._notifications if n.title == "Watch list"] == [NEW_RATE]
        assert f"\x1b]777;notify;newsreader;{NEW_RATE}\x07" in written
    (alert,) = repo.recent_alerts()
    assert alert.notified


async def test_under_no_color_the_tracker_shows_the_history_table_instead_of_the_chart(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    add_timeline(repo)
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        assert not tracker.query("#tracker-chart")
        history = tracker.query_one("#history", TrackerTable)
        assert tracker.query_one("#tracker-history").display and history.region.height > 2
        assert history.row_count > 0


async def test_the_timeline_is_readable_in_the_terminals_own_colours(
    make_app: AppFactory, repo: Repository
) -> None:
    """With theme = "ansi-dark" (the default's stand-in on a terminal of 16 colours) the
    timeline's axes, rates and dates, and the marks drawn in the foreground colour, were black
    on black: plotext is given the theme's colours as RGB, and the terminal's own have none."""
    from tui.ui.widgets.tariff_chart import EFFECTIVE_MARK, MARKERS

    app = make_app(theme="ansi-dark")
    add_timeline(repo)
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("j")  # Vietnam
        await settle(app, pilot)
        assert "Timeline: Vietnam" in "\n".join(screen_text(app))
        assert contrast_of(app, "0%┤") >= 4.5
        # Drawn in the foreground colour, the terminal's own here: its reports of no status
        # and the lines to the dates rates take effect.
        for mark in (MARKERS["other"], EFFECTIVE_MARK):
            assert contrast_of(app, mark) >= 3, mark


async def test_the_timelines_marks_are_readable_in_a_light_theme(
    make_app: AppFactory, repo: Repository
) -> None:
    """The marks are drawn in the theme's error, success, warning and primary colours, made
    for a dark background: on textual-light's grey the threatened ▲ (orange) was 1.4:1."""
    from tui.ui.widgets.tariff_chart import MARKERS

    app = make_app(theme="textual-light")
    add_timeline(repo)
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("j")  # Vietnam: a report of each status
        await settle(app, pilot)
        for status, mark in MARKERS.items():
            assert contrast_of(app, mark) >= 3, status


async def test_without_colour_on_a_16_colour_terminal_the_trackers_row_stays_marked(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR on a terminal of 16 colours (the default theme in the terminal's colours,
    then none at all): the tracker's highlighted row, marked by its background, was only bold
    (and the body's current evidence plain): what a background marks shows reversed."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM")
    app = make_app()
    add_timeline(repo)
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        await pilot.press("j")  # Vietnam
        await settle(app, pilot)
        row = styles_of(app, "Vietnam  ")
        assert row and all(style.reverse for style in row), row
        assert not any(style.reverse for style in styles_of(app, "Laos  "))


async def test_the_timeline_shows_the_highlighted_countrys_reports(
    make_app: AppFactory, repo: Repository
) -> None:
    from tui.ui.widgets.tariff_chart import MARKERS, TimelinePlot

    app = make_app()
    add_timeline(repo)
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        await pilot.press("j")  # Vietnam
        await settle(app, pilot)
        plot = tracker.query_one(TimelinePlot)
        assert len(plot.points) == len(tracker._history) >= 6  # every report is dated
        statuses = {p.status for p in plot.points}
        assert statuses == {"threatened", "imposed", "proposed", "agreed", "other"}
        text = "\n".join(screen_text(app))
        assert "Timeline: Vietnam" in text
        for status in statuses:
            assert MARKERS[status] in text
        history, pane = tracker.query_one("#history"), tracker.query_one("#tracker-history")
        assert not pane.display  # at 80x24 the chart has the history's place...
        await pilot.press("tab")
        await settle(app, pilot)
        assert app.focused is history and pane.display  # ...until tab goes there
        assert not tracker.query_one("#tracker-chart").display
        await pilot.press("shift+tab")
        await settle(app, pilot)
        assert tracker.query_one("#tracker-chart").display and not pane.display


async def test_saving_a_search_saved_before_says_so(make_app: AppFactory, repo: Repository) -> None:
    """ctrl+s on a query saved before (under another name since) said "Saved search: Duties"
    as if it had saved a new one; it goes to that one and says it was saved already."""
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("slash", *"tariff", "ctrl+s")
        await settle(app, pilot)
        assert any(n.message.startswith("Saved search: tariff") for n in app._notifications)
        (saved,) = repo.saved_searches()
        repo.rename_search(saved.id, "Duties")
        app.clear_notifications()
        await pilot.press("slash", *"tariff", "ctrl+s")
        await settle(app, pilot)
        assert len(repo.saved_searches()) == 1
        (said,) = [n.message for n in app._notifications]
        assert said.startswith("Already saved as Duties")


async def test_a_renamed_saved_search_is_called_by_its_new_name_everywhere(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("slash", *"tariff", "ctrl+s")
        await settle(app, pilot)
        screen = main(app)
        # The feeds pane's read (with the new name) slower than the list's, as it can be.
        searches = Repository.saved_searches

        def slow(self: Repository) -> list[SavedSearch]:
            time.sleep(0.2)
            return searches(self)

        monkeypatch.setattr(Repository, "saved_searches", slow)
        await pilot.press("1", "e", "ctrl+u", *"Trade watch", "enter")
        await settle(app, pilot)
        # The feeds pane, the articles pane's title and the status line.
        assert any(f"{SEARCH_MARK} Trade watch" in r for r in feed_rows(app))
        assert str(screen.article_list.border_title) == "2 Articles · Trade watch"
        assert str(screen.query_one("#status", Static).render()).startswith(
            "Trade watch  1 article"
        )


async def test_the_stories_of_a_saved_search_are_titled_by_its_name(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("slash", *"tariff", "ctrl+s")
        await settle(app, pilot)
        screen = main(app)
        await pilot.press("2", "v")
        await settle(app, pilot)
        assert str(screen.story_list.border_title) == "2 Stories · tariff"
        assert str(screen.query_one("#status", Static).render()).startswith("tariff  1 story")


async def test_w_in_the_watch_list_leaves_the_cursor_on_the_next_watch(
    make_app: AppFactory, repo: Repository
) -> None:
    """Unwatching one of several put the cursor back on the first watch of the list, so a
    second w (for the next one, say) stopped watching the first."""
    app = make_app()
    for country in ("Brazil", "Laos", "Vietnam"):
        repo.set_watched(Watch.country(country), True)
    async with started(app) as pilot:
        await pilot.press("W")
        await settle(app, pilot)
        await pilot.press("j", "w")  # Laos
        await settle(app, pilot)
        assert [w.name for w in repo.watches()] == ["Brazil", "Vietnam"]
        await pilot.press("w")  # the one under it now
        await settle(app, pilot)
        assert [w.name for w in repo.watches()] == ["Brazil"]


async def test_the_watch_list_open_lists_the_alerts_a_refresh_brings(
    make_app: AppFactory, repo: Repository
) -> None:
    """W stayed as it was opened: a refresh's alert said "W lists them" over a list without
    it. Read again, the list keeps its cursor on the watch it was on."""
    from tui.core.watching import Alert

    app = make_app()
    for country in ("Brazil", "Laos", "Vietnam"):
        repo.set_watched(Watch.country(country), True)
    async with started(app) as pilot:
        await pilot.press("W")
        await settle(app, pilot)
        watch_list = app.screen
        assert isinstance(watch_list, WatchListScreen)
        await pilot.press("j")  # Laos
        article = main(app).article_list.ids[0]
        message = "Tariff Laos: new rate 40% imposed (World Desk)"
        repo.add_alerts([Alert("country:Laos", "tariff", "Laos", article, message)])
        app._check_alerts()  # as at the end of a refresh
        await settle(app, pilot)
        assert app.screen is watch_list
        assert message in "\n".join(screen_text(app))
        await pilot.press("w")
        await settle(app, pilot)
        assert [w.name for w in repo.watches()] == ["Brazil", "Vietnam"]


async def test_an_alert_with_a_huge_feed_title_keeps_its_toast_short(
    make_app: AppFactory, repo: Repository
) -> None:
    """A feed titled with 5,000 characters (stored as 1,000) made its alert's toast cover the
    whole screen at 80x24 for 20 seconds; each alert of the toast is cut to 160 characters
    now (W lists the alerts)."""
    from tui.core.watching import Alert

    app = make_app()
    async with started(app) as pilot:
        article = main(app).article_list.ids[0]
        message = f"Tariff Laos: new rate 40% imposed ({'A' * 990})"
        repo.add_alerts([Alert("country:Laos", "tariff", "Laos", article, message)])
        app._check_alerts()
        await settle(app, pilot)
        (toast,) = [n.message for n in app._notifications if n.title == "Watch list"]
        assert toast.startswith("Tariff Laos: new rate 40% imposed (AAA")
        assert len(toast) <= 160 and toast.endswith("\u2026")


async def test_a_long_watch_list_keeps_its_keys_on_an_80x24_screen(
    make_app: AppFactory, repo: Repository
) -> None:
    """With a dozen watches and their alerts the list grew to 24 rows in a box of 21 at
    80x24, and the line saying what enter, w and esc do was cut off; the list scrolls in
    two thirds of the screen now."""
    from tui.core.watching import Alert

    app = make_app()
    countries = ["Brazil", "Canada", "Chile", "India", "Japan", "Laos", "Mexico", "Peru"]
    for country in countries:
        repo.set_watched(Watch.country(country), True)
    async with started(app, size=(80, 24)) as pilot:
        article = main(app).article_list.ids[0]
        repo.add_alerts(
            [
                Alert(f"country:{c}", "tariff", c, article, f"Tariff {c}: new rate 10% imposed")
                for c in countries
            ]
        )
        await pilot.press("W")
        await settle(app, pilot)
        assert isinstance(app.screen, WatchListScreen)
        assert "enter to go · w to stop watching · esc to close" in "\n".join(screen_text(app))


async def test_w_in_the_tracker_opens_the_watch_list_over_it(
    make_app: AppFactory, repo: Repository
) -> None:
    """W did nothing in the tracker, where w watches a country: the list of what is watched
    was one esc away. It opens over the tracker now: esc comes back to it, a country filters
    it, a person goes to the reader's list of the articles naming them."""
    app = make_app()
    add_timeline(repo)
    repo.set_watched(Watch.country("Vietnam"), True)
    repo.set_watched(Watch.entity("PERSON", "Marco Rubio"), True)
    async with started(app) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        await pilot.press("W")
        await settle(app, pilot)
        assert isinstance(app.screen, WatchListScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is tracker
        await pilot.press("W")
        await settle(app, pilot)
        await pilot.press("enter")  # Vietnam
        await settle(app, pilot)
        assert app.screen is tracker
        assert [t.row.country for t in tracker._latest] == ["Vietnam"]
        await pilot.press("W")
        await settle(app, pilot)
        await pilot.press("j", "j", "enter")  # the heading skipped: Marco Rubio
        await settle(app, pilot)
        assert app.screen is main(app)
        assert "Rubio" in str(main(app).query_one("#articles").border_title)

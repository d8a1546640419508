"""The tracker's opening and the App's tariff check.

The App keeps one tracker screen, built while the reader is idle; ``t`` reads the rates and the
first country's history and timeline, then shows the screen filled. The articles not checked
for tariff rows yet are checked by the App in a child process, never in its own, with the
tracker open or not; a refresh stops the check, which goes on after it; quitting stops it,
keeping what it stored.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

import tui.services.extraction
import tui.services.tracker
from tests.feedserver import serve
from tests.ui.conftest import AppFactory, main, settle, started, when
from tui.core.models import ParsedArticle, TrackedTariff
from tui.paths import resolve
from tui.services.background import JobKind, Progress, RefreshEvent, RefreshProcess
from tui.services.extraction import tariffs_to_check
from tui.services.versions import EXTRACTOR_VERSION
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.app.tracking import _CheckEnded, _CheckProgress
from tui.ui.screens.main import MainScreen
from tui.ui.screens.tracker import TrackerScreen
from tui.ui.widgets.tracker_table import TrackerTable

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def idle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The App's idle work (the tracker built ahead, the tariff check) as soon as the first
    frame is out (the tests' default is never)."""
    monkeypatch.setattr(NewsReaderApp, "IDLE_WORK_AFTER", 0.0)
    monkeypatch.setattr(NewsReaderApp, "IDLE_AFTER_KEY", 0.0)


def _unchecked(repo: Repository) -> None:
    """As after a refresh from cron, or a new extractor version: nothing checked."""
    with repo._write() as conn:
        conn.execute("DELETE FROM extractions")
        conn.execute("DELETE FROM tariff_rows")


def _many_articles(repo: Repository, count: int) -> None:
    """``count`` more unchecked articles (a few stating a rate), for a check that takes a while."""
    feed = repo.add_feed("http://127.0.0.1:9/many.xml", title="Many", folder="")
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid=f"many-{n}",
                link=f"https://news.example.org/many-{n}",
                title=f"Report {n}",
                author="",
                published=when(20, 0) - timedelta(minutes=n),
                content_html=(
                    "<p>Goods from Laos will face a 40% tariff, the White House said.</p>"
                    if n % 500 == 0
                    else f"<p>Harbour traffic was steady on day {n}, the port said.</p>"
                ),
            )
            for n in range(count)
        ],
    )


def _not_in_the_app(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records any tariff check made in this (the app's) process."""
    in_app: list[str] = []

    def not_here(*args: object, **kwargs: object) -> int:
        in_app.append("checked in the app's process")
        return 0

    monkeypatch.setattr(tui.services.extraction, "catch_up_tariffs", not_here)
    monkeypatch.setattr(tui.services.extraction, "extract_new_tariffs", not_here)
    return in_app


def _record_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the check's children, as they start (the real ones)."""
    pids: list[int] = []
    start = RefreshProcess.start

    def recorded(self: RefreshProcess) -> None:
        start(self)
        if self.job.kind is JobKind.CATCH_UP and self.pid is not None:
            pids.append(self.pid)

    monkeypatch.setattr(RefreshProcess, "start", recorded)
    return pids


async def _until(condition: object, pilot: object, seconds: float = 30.0) -> None:
    assert callable(condition)
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("not reached in time")


async def test_t_shows_the_tracker_once_its_rates_and_first_history_are_read(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    shown: list[tuple[int, int, int]] = []  # rows of each table and chart points, when shown
    push = NewsReaderApp.push_screen

    def recorded(self: NewsReaderApp, screen: object, *args: object, **kwargs: object) -> object:
        if isinstance(screen, TrackerScreen):
            latest = screen.query_one("#latest", TrackerTable)
            history = screen.query_one("#history", TrackerTable)
            shown.append((latest.row_count, history.row_count, len(screen._points)))
        return push(self, screen, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(NewsReaderApp, "push_screen", recorded)
    async with started(app) as pilot:
        tui.services.extraction.catch_up_tariffs(repo)  # checked: no check to wait for
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        # Laos and Vietnam, Laos's one report in its history and on its timeline
        assert shown == [(2, 1, 1)]
        assert str(tracker.query_one("#tracker-history").border_title) == "History: Laos"


async def test_another_countrys_history_loads_when_it_is_highlighted(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    release = threading.Event()
    asked: list[str] = []
    read_history = tui.services.tracker.country_history

    def held(repo: Repository, country: str, *, limit: int) -> list[TrackedTariff]:
        asked.append(country)
        if country == "Vietnam":
            release.wait(10)
        return read_history(repo, country, limit=limit)

    monkeypatch.setattr(tui.services.tracker, "country_history", held)
    async with started(app) as pilot:
        tui.services.extraction.catch_up_tariffs(repo)
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        history = tracker.query_one("#history", TrackerTable)
        assert asked == ["Laos"] and history.row_count == 1
        await pilot.press("j")  # Vietnam: read when highlighted
        for _ in range(100):
            await pilot.pause(0.02)
            if "Vietnam" in asked:
                break
        # the title names it at once; the table keeps Laos's row until Vietnam's come
        assert str(tracker.query_one("#tracker-history").border_title) == "History: Vietnam"
        assert history.row_count == 1 and tracker._history[0].row.country == "Laos"
        release.set()
        await settle(app, pilot)
        assert asked == ["Laos", "Vietnam"] and history.row_count == 2
        assert {t.row.country for t in tracker._history} == {"Vietnam"}


@pytest.mark.usefixtures("idle_at_once")
async def test_the_tracker_is_built_while_the_reader_is_idle_and_kept(
    make_app: AppFactory, repo: Repository
) -> None:
    app = make_app()
    tui.services.extraction.catch_up_tariffs(repo)
    async with started(app) as pilot:
        await _until(lambda: app._tracker is not None and app._tracker.is_mounted, pilot)
        built = app._tracker
        assert isinstance(built, TrackerScreen)
        assert app.screen is main(app)  # built, not shown
        assert built.query_one("#latest", TrackerTable).row_count == 0  # read at t, not before
        await pilot.press("t")
        await settle(app, pilot)
        assert app.screen is built
        assert [t.row.country for t in built._latest] == ["Laos", "Vietnam"]
        await pilot.press("slash", "v", "i", "e")  # a filter, then away and back
        await settle(app, pilot)
        assert [t.row.country for t in built._latest] == ["Vietnam"]
        await pilot.press("escape", "escape")
        await settle(app, pilot)
        assert app.screen is main(app)
        await pilot.press("t")
        await settle(app, pilot)
        assert app.screen is built  # the same screen, opened afresh
        assert built.query_one("#tracker-filter").value == ""  # type: ignore[attr-defined]
        assert [t.row.country for t in built._latest] == ["Laos", "Vietnam"]
        assert app.focused is built.query_one("#latest")


@pytest.mark.usefixtures("idle_at_once")
async def test_the_app_checks_unchecked_articles_in_a_child_process_without_the_tracker(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    _unchecked(repo)
    in_app = _not_in_the_app(monkeypatch)
    children = _record_checks(monkeypatch)
    async with started(app) as pilot:
        await _until(lambda: children and app._check is None, pilot)
        await settle(app, pilot)
        assert len(children) == 1
        assert in_app == []
        assert app.screen is main(app)  # the tracker was never opened
        assert not tariffs_to_check(repo)  # all checked, by the child
        assert {r.country for r in tui.services.tracker.latest_rates(repo)} == {"Laos", "Vietnam"}


async def test_the_tracker_shows_the_checks_progress_and_the_rates_at_its_end(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``t`` before the idle work: the check starts with the tracker shown."""
    app = make_app()
    said: list[str | None] = []
    checking, checked = TrackerScreen.checking, TrackerScreen.checked

    def progress(self: TrackerScreen, done: int, total: int) -> None:
        checking(self, done, total)
        said.append(str(self.query_one("#tracker-latest").border_subtitle))

    def end(self: TrackerScreen) -> None:
        checked(self)
        said.append(None)

    monkeypatch.setattr(TrackerScreen, "checking", progress)
    monkeypatch.setattr(TrackerScreen, "checked", end)
    async with started(app) as pilot:
        _unchecked(repo)
        in_app = _not_in_the_app(monkeypatch)
        await pilot.press("t")
        tracker = app.screen
        await _until(lambda: None in said, pilot)
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        assert in_app == []
        assert said[0] == "Checking 5/5 articles for rates…" and said[-1] is None
        assert tracker.query_one("#tracker-latest").border_subtitle is None
        assert [t.row.country for t in tracker._latest] == ["Laos", "Vietnam"]  # read again
        assert not tariffs_to_check(repo)


@pytest.fixture
def other_writer(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sqlite3.Connection]:
    """Another writer that takes the database once the first check's first batch is stored
    (the check takes well under a second here): that check then waits on its next batch until
    the test rolls back."""
    connection = sqlite3.connect(resolve().database, isolation_level=None, check_same_thread=False)
    events = RefreshProcess.events
    held: list[bool] = []

    def holding_the_database(self: RefreshProcess) -> Iterator[RefreshEvent]:
        for event in events(self):
            if isinstance(event, Progress) and self.job.kind is JobKind.CATCH_UP and not held:
                held.append(True)
                connection.execute("BEGIN IMMEDIATE")
            yield event

    monkeypatch.setattr(RefreshProcess, "events", holding_the_database)
    yield connection
    connection.close()


@pytest.mark.usefixtures("idle_at_once")
async def test_quitting_stops_the_check_and_keeps_its_batches(
    make_app: AppFactory,
    repo: Repository,
    monkeypatch: pytest.MonkeyPatch,
    other_writer: sqlite3.Connection,
) -> None:
    _many_articles(repo, 8_000)
    pids = _record_checks(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:  # not waiting for the workers: the check
        await _until(lambda: app._check_progress is not None, pilot, 60)
        assert app._check is not None and pids
    # the app has quit: the child is gone, the batches it finished are stored
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)
    other_writer.rollback()
    left = repo.unextracted_count(EXTRACTOR_VERSION)
    assert 0 < left < 8_004


@pytest.mark.usefixtures("idle_at_once")
async def test_a_refresh_stops_the_check_which_goes_on_after_it(
    make_app: AppFactory,
    repo: Repository,
    monkeypatch: pytest.MonkeyPatch,
    other_writer: sqlite3.Connection,
) -> None:
    _many_articles(repo, 6_000)
    started_pids = _record_checks(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:  # not waiting for the workers: the check
        await _until(lambda: app._check_progress is not None, pilot, 60)
        screen = main(app)
        assert isinstance(screen, MainScreen)
        await pilot.press("R")  # refresh every feed (on 127.0.0.1:9: they fail at once)
        await _until(lambda: app._refreshing, pilot)
        other_writer.rollback()  # the stopped check ends; the refresh stores its failures
        await _until(lambda: len(started_pids) == 2 and app._check is None, pilot, 120)
        await settle(app, pilot)
        assert not tariffs_to_check(repo)  # the second child finished the check
        assert not app._refreshing


async def test_a_feed_added_in_the_app_has_its_articles_checked_for_rates(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``a`` stores the articles of the feed it fetched to find it (no refresh runs): they are
    checked for rates in a child process as well, so the tracker shows them at once."""
    app = make_app()
    tui.services.extraction.catch_up_tariffs(repo)  # the seeded ones: checked
    in_app = _not_in_the_app(monkeypatch)
    with serve(FIXTURES) as server:
        async with started(app) as pilot:
            await pilot.press("a", *server.url("ui_feed.xml"), "enter")
            await _until(lambda: any(f.title == "Harbour Gazette" for f in repo.feeds()), pilot)
            await _until(lambda: not tariffs_to_check(repo), pilot)
            await settle(app, pilot)
            assert in_app == []
            assert not tariffs_to_check(repo)
            latest = tui.services.tracker.latest_rates(repo)
            assert "Brazil" in {r.country for r in latest}


async def test_the_checks_progress_before_the_tracker_is_composed_waits_for_its_opening(
    make_app: AppFactory, repo: Repository
) -> None:
    """The idle work builds the tracker ahead while the check runs: a progress report that
    came before the screen had composed (the UI thread busy with a long article) crashed the
    app (NoMatches: #tracker-latest); the opening shows how far the check got."""
    app = make_app()
    tui.services.extraction.catch_up_tariffs(repo)  # no real check to start at the opening
    async with started(app) as pilot:
        app._build_tracker()  # composing starts, in the screen's own task
        app._check_progressed(_CheckProgress(2, 5))  # before it has run
        await settle(app, pilot)
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        subtitle = tracker.query_one("#tracker-latest").border_subtitle
        assert str(subtitle) == "Checking 2/5 articles for rates…"
        app._check_ended(_CheckEnded(True))
        assert tracker.query_one("#tracker-latest").border_subtitle is None

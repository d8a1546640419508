"""The app's refresh runs in a child process: progress, new articles, errors, quitting."""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from textual.message import Message

from tests.feedserver import FeedServer, serve
from tests.ui.conftest import AppFactory, main, settle, started, titles
from tui.core.models import FeedRefresh
from tui.services import background
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.messages import RefreshFinished, RefreshProgress, RefreshStarted

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _record_pids(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The process ids of the refresh children the app starts."""
    pids: list[int] = []
    start = background.RefreshProcess.start

    def recording(self: background.RefreshProcess) -> None:
        start(self)
        assert self.pid is not None
        pids.append(self.pid)

    monkeypatch.setattr(background.RefreshProcess, "start", recording)
    return pids


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


async def test_refresh_runs_in_a_child_and_reports_progress(
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    corpus_server: FeedServer,
    repo: Repository,
) -> None:
    pids = _record_pids(monkeypatch)
    seen: list[Message] = []
    app = make_app(failing=False)
    repo.add_feed(corpus_server.url("arstechnica-all-2025-04-05.xml"), title="Ars")
    repo.add_feed(FIXTURES.joinpath("ui_feed.xml").as_uri(), title="Not http")
    with serve(FIXTURES) as server:
        repo.add_feed(server.url("ui_feed.xml"), title="Harbour Gazette")
        async with started(app, message_hook=seen.append) as pilot:
            await pilot.press("R")
            await settle(app, pilot)
            screen = main(app)
            # the seeded feeds (127.0.0.1:9) fail; the file: feed is not fetched at all
            assert screen._refresh_status.startswith("Refreshed 4 feeds"), screen._refresh_status
            assert "Ferry timetable changes for the winter" in titles(app)
            feeds = {f.title: f for f in screen.feeds}
            assert feeds["Ars"].total > 0 and feeds["Harbour Gazette"].unread > 0
    assert len(pids) == 1 and pids[0] != os.getpid() and _gone(pids[0])
    began = [m for m in seen if isinstance(m, RefreshStarted)]
    progress = [m for m in seen if isinstance(m, RefreshProgress)]
    finished = [m for m in seen if isinstance(m, RefreshFinished)]
    assert [m.total for m in began] == [4]
    assert progress and all(m.total == 4 for m in progress)
    assert len(finished) == 1 and finished[0].summary is not None
    assert len(finished[0].summary.results) == 4


async def test_quitting_during_a_refresh_ends_the_child(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch, repo: Repository
) -> None:
    pids = _record_pids(monkeypatch)
    release = threading.Event()
    asked = threading.Event()

    def slow(handler: BaseHTTPRequestHandler) -> None:
        asked.set()
        release.wait(30)  # the child is in the middle of a fetch when the app quits
        handler.send_response(404)
        handler.end_headers()

    with serve(routes={"/slow.xml": slow}) as server:
        app = make_app(failing=False)
        repo.add_feed(server.url("slow.xml"), title="Slow")
        try:
            async with started(app) as pilot:
                await pilot.press("R")
                for _ in range(200):  # the child started and its request reached the server
                    if asked.is_set():
                        break
                    await pilot.pause(0.05)
                assert asked.is_set() and pids
                assert not _gone(pids[0])
                await pilot.press("q")
        finally:
            release.set()
    assert _gone(pids[0])
    # nothing half-written: the database is consistent and readable
    assert repo._conn().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_a_child_that_fails_becomes_one_notification(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(background, "MODULE", "tui.services.no_such_module")
    app = make_app(failing=False)
    async with started(app) as pilot:
        await pilot.press("R")
        await settle(app, pilot)
        for _ in range(100):
            if not app._refreshing:
                break
            await pilot.pause(0.05)
        await settle(app, pilot)
        screen = main(app)
        assert screen._refresh_status == "Refresh failed"
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == ["the refresh process ended unexpectedly (exit status 1)"]
        # the app carries on: a second refresh can start
        assert not app._refreshing


async def test_progress_repaints_the_status_line_at_a_bounded_rate(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Feeds finishing hundreds a second must not each repaint the status line (key presses
    queue behind the repaints); the last feed always shows."""
    monkeypatch.setattr(NewsReaderApp, "STATUS_INTERVAL", 60.0)
    app = make_app(failing=False)
    async with started(app) as pilot:
        screen = main(app)
        app.post_message(RefreshStarted(50))
        for done in range(1, 50):
            app.post_message(RefreshProgress(done, 50, FeedRefresh(feed_id=1, url="u")))
            await pilot.pause()  # each tick handled on its own, none coalesced in the queue
        assert screen._refresh_status == "Refreshing 1/50 feeds"
        app.post_message(RefreshProgress(50, 50, FeedRefresh(feed_id=1, url="u")))
        await pilot.pause()
        assert screen._refresh_status == "Refreshing 50/50 feeds"

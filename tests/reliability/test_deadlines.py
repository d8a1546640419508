"""Slow pages (issue 14, case 4): a page that sends four bytes a second kept ``extract URL``,
``show ID`` and the app's full-text worker going for minutes (no read ever timed out), and
``q`` waited for it. The whole fetch now has the feed fetcher's deadline (three times
``timeout_seconds``), and quitting never waits on the network."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env
from tests.reliability.faultserver import FaultServer, fault_server
from tui.core.models import ParsedArticle
from tui.paths import Paths
from tui.services.fetcher import FetchSettings
from tui.services.fulltext import FullTextError, fetch_full_text
from tui.store.repository import Repository

# Longer than any deadline below and than the old behaviour's patience: a test that waited for
# the page to end fails its hang guard.
TRICKLE_SECONDS = 60.0
HANG_GUARD = 25.0


def slow_page(h: BaseHTTPRequestHandler) -> None:
    """A web page whose body comes four bytes a second, for a minute."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Connection", "close")
    h.end_headers()
    h.close_connection = True
    stop = time.monotonic() + TRICKLE_SECONDS
    while time.monotonic() < stop:
        try:
            h.wfile.write(b"<p>a ")
            h.wfile.flush()
        except OSError:
            return
        time.sleep(0.25)


@pytest.fixture
def slow_server() -> Iterator[FaultServer]:
    with fault_server({"/slow": slow_page}, lifetime=TRICKLE_SECONDS + 30) as srv:
        yield srv


def test_a_trickling_page_meets_one_deadline(slow_server: FaultServer) -> None:
    started = time.monotonic()
    with pytest.raises(FullTextError, match=r"gave up after 1\.5 s"):
        fetch_full_text(slow_server.url("/slow"), FetchSettings(timeout=0.5))
    assert time.monotonic() - started < HANG_GUARD  # a hang guard, not a timing assert


def test_a_caller_that_stops_is_not_kept_waiting(slow_server: FaultServer) -> None:
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    with pytest.raises(FullTextError, match="stopped"):
        fetch_full_text(
            slow_server.url("/slow"), FetchSettings(timeout=30), should_stop=stop.is_set
        )
    assert time.monotonic() - started < HANG_GUARD
    assert slow_server.asked("/slow") == 1


def _home(tmp_path: Path, config: str) -> Path:
    home = tmp_path / "home"
    paths = Paths(home / "config", home / "data", home / "cache", home / "log")
    paths.ensure()
    paths.config_file.write_text(config, encoding="utf-8")
    return home


def test_extract_url_gives_up_with_one_line(slow_server: FaultServer, tmp_path: Path) -> None:
    home = _home(tmp_path, "timeout_seconds = 1\n")
    done = subprocess.run(
        [str(NEWSREADER), "extract", slow_server.url("/slow")],
        env=child_env(home),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("newsreader: gave up after 3 s") and done.stderr.count("\n") == 1


def test_show_gives_up_and_shows_the_feed_text(slow_server: FaultServer, tmp_path: Path) -> None:
    home = _home(tmp_path, 'timeout_seconds = 1\nfulltext = "always"\ninternal_links = "allow"\n')
    repo = Repository(home / "data" / "newsreader.db")
    try:
        feed = repo.add_feed("https://f.example/feed", title="F")
        (article_id,) = repo.store_articles(
            feed.id,
            [
                ParsedArticle(
                    guid="g",
                    title="Slow page",
                    link=slow_server.url("/slow"),
                    summary_html="<p>The summary the feed carried.</p>",
                )
            ],
        )
        repo.set_state("initialised", "1")
    finally:
        repo.close()
    done = subprocess.run(
        [str(NEWSREADER), "show", str(article_id)],
        env=child_env(home),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert done.returncode == 0, done.stderr
    assert "The summary the feed carried." in done.stdout
    assert "full text not fetched" in done.stderr and "gave up after 3 s" in done.stderr


QUIT_WHILE_FETCHING = """
import os
import sys
import time
from tui.config import load_settings
from tui.paths import resolve
from tui.ui.app import NewsReaderApp

async def wait_until(pilot, condition, what):
    deadline = time.monotonic() + 60  # a hang guard
    while not condition():
        if time.monotonic() > deadline:
            print(what, "never came", file=sys.stderr, flush=True)
            os._exit(3)
        await pilot.pause(0.05)

def article_shown(app):
    return app.main_screen is not None and app.main_screen.view is not None

async def auto_pilot(pilot):
    await wait_until(pilot, lambda: article_shown(pilot.app), "the article")
    await pilot.press("f")
    # The page is being fetched (the server was asked): quit now.
    await wait_until(pilot, lambda: os.path.exists(os.environ["ASKED_FILE"]), "the fetch")
    pilot.app.exit()

paths = resolve()
app = NewsReaderApp(paths, load_settings(paths.config_file))
app.run(headless=True, size=(100, 30), auto_pilot=auto_pilot)
print("closed", flush=True)
"""


def test_quitting_does_not_wait_for_a_full_text_fetch(tmp_path: Path) -> None:
    asked = tmp_path / "asked"
    page_asked = threading.Event()

    def noted_slow_page(h: BaseHTTPRequestHandler) -> None:
        asked.touch()
        page_asked.set()
        slow_page(h)

    home = _home(
        tmp_path,
        'refresh_on_start = false\nrefresh_minutes = 0\nfulltext = "never"\n'
        'timeout_seconds = 60\ninternal_links = "allow"\n',
    )
    with fault_server({"/slow": noted_slow_page}, lifetime=TRICKLE_SECONDS + 60) as server:
        repo = Repository(home / "data" / "newsreader.db")
        try:
            feed = repo.add_feed("https://f.example/feed", title="F")
            repo.store_articles(
                feed.id,
                [ParsedArticle(guid="g", title="Slow page", link=server.url("/slow"))],
            )
            repo.set_state("initialised", "1")
        finally:
            repo.close()
        proc = subprocess.Popen(
            [sys.executable, "-c", QUIT_WHILE_FETCHING],
            env=child_env(home, ASKED_FILE=str(asked)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            while not page_asked.wait(0.1) and proc.poll() is None:
                pass  # the child gives up after a minute and says so
            try:
                out, err = proc.communicate(timeout=HANG_GUARD)  # from the quit on
            except subprocess.TimeoutExpired:
                pytest.fail("the app waited for the full-text fetch to end before it closed")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == 0, err
        assert "closed" in out
        assert server.asked("/slow") == 1  # the fetch was under way when the app closed

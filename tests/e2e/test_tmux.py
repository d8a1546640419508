"""The installed ``newsreader`` driven through tmux, with feeds served on 127.0.0.1."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import NEWSREADER, Tmux
from tests.feedserver import FeedServer, serve

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

pytestmark = pytest.mark.e2e


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with serve(FIXTURES) as server:
        yield server


def subscribe(tmux: Tmux, url: str) -> None:
    """Subscribe through the CLI first, so the first run adds no default (internet) feeds."""
    result = subprocess.run(
        [str(NEWSREADER), "add", url], env=tmux.env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_refresh_on_start_then_read_and_quit(tmux: Tmux, feed_server: FeedServer) -> None:
    subscribe(tmux, feed_server.url("ui_feed.xml"))
    tmux.start([str(NEWSREADER)])
    screen = tmux.wait_for("Ferry timetable changes")
    assert "Harbour Gazette" in screen
    tmux.wait_for("Refreshed")
    tmux.keys("/")
    tmux.wait_for("enter to search")
    tmux.keys("kelp", "Enter")
    screen = tmux.wait_for("Search: kelp")
    assert "Kelp farmers report" in screen
    tmux.keys("Enter")
    tmux.wait_for("largest in a decade")
    tmux.keys("q")
    tmux.wait_exit()


def test_help_and_narrow_panes(tmux: Tmux, feed_server: FeedServer) -> None:
    subscribe(tmux, feed_server.url("ui_feed.xml"))
    tmux.start([str(NEWSREADER)])
    tmux.wait_for("Harbour Gazette")
    tmux.keys("?")
    tmux.wait_for("Next unread")
    tmux.keys("Escape")
    tmux.wait_gone("Next unread")  # a key sent right after ESC would read as alt+key
    tmux.keys("5")
    screen = tmux.wait_for("5 Tariffs")
    assert "4 Entities" in screen
    tmux.keys("q")
    tmux.wait_exit()


def test_failing_feed_is_marked(tmux: Tmux, feed_server: FeedServer) -> None:
    subscribe(tmux, feed_server.url("ui_feed.xml"))
    # a second feed that answers 404 from now on
    result = subprocess.run(
        [str(NEWSREADER), "import", str(_opml(tmux, feed_server.url("missing.xml")))],
        env=tmux.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    tmux.start([str(NEWSREADER)])
    tmux.wait_for("feed failing")
    tmux.keys("E")
    tmux.wait_for("Feed errors")
    tmux.keys("Escape")
    tmux.wait_gone("Feed errors")
    tmux.keys("q")
    tmux.wait_exit()


def _opml(tmux: Tmux, url: str) -> Path:
    path = Path(tmux.env["NEWSREADER_HOME"]) / "extra.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        f'<outline type="rss" text="Missing" title="Missing" xmlUrl="{url}"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    return path

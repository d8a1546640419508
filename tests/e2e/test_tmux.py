"""The installed ``newsreader`` driven through tmux, with feeds served on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.e2e.conftest import NEWSREADER, Tmux, subscribe
from tests.feedserver import FeedServer, serve

pytestmark = pytest.mark.e2e


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
    # the summary is short, so the page is fetched (fulltext = "auto"); its link is on
    # 127.0.0.1, so the reader asks first: the question can cover the body, answer it
    tmux.wait_for("Go there?")
    tmux.keys("n")
    tmux.wait_gone("Go there?")
    tmux.wait_for("largest in a decade")
    tmux.keys("q")
    tmux.wait_exit()


def test_help_and_narrow_panes(tmux: Tmux, feed_server: FeedServer) -> None:
    subscribe(tmux, feed_server.url("ui_feed.xml"))
    tmux.start([str(NEWSREADER)])
    tmux.wait_for("Harbour Gazette")
    tmux.keys("?")
    tmux.wait_for("focus_feeds")  # the help lists each binding's keymap id
    tmux.keys("Escape")
    tmux.wait_gone("focus_feeds")  # a key sent right after ESC would read as alt+key
    tmux.keys("5")
    screen = tmux.wait_for("5 Tariffs")
    assert "4 Entities" in screen
    tmux.keys("q")
    tmux.wait_exit()


def test_failing_feed_is_marked(tmux: Tmux, feed_server: FeedServer) -> None:
    subscribe(tmux, feed_server.url("ui_feed.xml"))
    # a second feed that answers 404 from now on
    _import_one(tmux, feed_server.url("missing.xml"))
    tmux.start([str(NEWSREADER)])
    tmux.wait_for("feed failing")
    tmux.keys("E")
    tmux.wait_for("Feed errors")
    tmux.keys("Escape")
    tmux.wait_gone("Feed errors")
    tmux.keys("q")
    tmux.wait_exit()


def _import_one(tmux: Tmux, url: str) -> None:
    """Subscribe to ``url`` with `newsreader import` (subscribes without fetching)."""
    path = Path(tmux.env["NEWSREADER_HOME"]) / "extra.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        f'<outline type="rss" text="Missing" title="Missing" xmlUrl="{url}"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(NEWSREADER), "import", str(path)],
        env=tmux.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def _refresh_children(home: str) -> list[int]:
    """Pids of refresh child processes (``tui.services.background``) working on ``home``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if b"tui.services.background" in cmdline and f"NEWSREADER_HOME={home}".encode() in environ:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_quit_during_a_refresh_leaves_no_child(tmux: Tmux) -> None:
    asked = threading.Event()
    release = threading.Event()

    def slow(handler: BaseHTTPRequestHandler) -> None:
        asked.set()
        release.wait(30)  # still fetching when the reader quits
        handler.send_response(404)
        handler.end_headers()

    home = tmux.env["NEWSREADER_HOME"]
    with serve(routes={"/slow.xml": slow}) as server:
        try:
            _import_one(tmux, server.url("slow.xml"))
            tmux.start([str(NEWSREADER)])
            tmux.wait_for("Refreshing")
            assert asked.wait(20)
            assert len(_refresh_children(home)) == 1
            tmux.keys("q")
            tmux.wait_exit()
            assert _refresh_children(home) == []
        finally:
            release.set()


def test_sigterm_quits_as_q_does_and_gives_the_terminal_back(
    tmux: Tmux, feed_server: FeedServer
) -> None:
    """``kill PID`` (or a shutdown) ended the reader where it stood: the terminal stayed on
    its alternate screen with mouse reporting on, so the shell's prompt was hidden and each
    mouse move typed escape codes into it."""
    subscribe(tmux, feed_server.url("ui_feed.xml"))
    tmux.start([str(NEWSREADER)])
    tmux.wait_for("Harbour Gazette")
    tmux.wait_for("Refreshed")
    assert tmux.flags("alternate_on", "mouse_any_flag") == ["1", "1"]
    os.kill(tmux.pane_pid(), signal.SIGTERM)
    tmux.wait_exit()
    assert tmux.flags("alternate_on", "mouse_any_flag") == ["0", "0"], tmux.screen()
    assert tmux.flags("pane_dead_signal") != [str(int(signal.SIGTERM))]  # it quit by itself

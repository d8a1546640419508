"""tmux end-to-end fixtures: the installed ``newsreader`` in a private tmux server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, serve

NEWSREADER = Path(sys.executable).parent / "newsreader"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """The test fixtures folder served on 127.0.0.1."""
    with serve(FIXTURES) as server:
        yield server


@dataclass
class Tmux:
    """One private tmux server (``-L``) running one session."""

    socket: str
    env: dict[str, str]

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def start(self, command: list[str], width: int = 80, height: int = 24) -> None:
        env_args = [f"{k}={v}" for k, v in self.env.items()]
        line = " ".join(["env", *env_args, *command])
        result = self._run(
            "new-session", "-d", "-s", "nr", "-x", str(width), "-y", str(height), line
        )
        assert result.returncode == 0, result.stderr
        self._run("set-option", "-t", "nr", "remain-on-exit", "on")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self._run("send-keys", "-t", "nr", key)

    def keys_together(self, *keys: str) -> None:
        """``keys`` written to the pane at once, as tmux sends keys it held (after an esc)."""
        self._run("send-keys", "-t", "nr", *keys)

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", "nr").stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Poll the pane until ``text`` shows (this is a wait, not a timing assertion)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")
            time.sleep(0.1)

    def wait_gone(self, text: str, timeout: float = 20.0) -> str:
        """Poll the pane until ``text`` is no longer shown."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text not in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never went away; the screen was:\n{screen}")
            time.sleep(0.1)

    def buffer(self) -> str:
        """tmux's newest paste buffer (what a copy inside tmux put there), or ""."""
        return self._run("show-buffer").stdout

    def pane_dead(self) -> bool:
        return self._run("display-message", "-p", "-t", "nr", "#{pane_dead}").stdout.strip() == "1"

    def flags(self, *names: str) -> list[str]:
        """The pane's tmux formats ``names`` (``alternate_on``, ``pane_dead_status`` ...)."""
        line = " ".join(f"#{{{name}}}" for name in names)
        return self._run("display-message", "-p", "-t", "nr", line).stdout.split()

    def pane_pid(self) -> int:
        """The pid of the pane's command (``env`` execs the reader: the reader's)."""
        return int(self.flags("pane_pid")[0])

    def wait_exit(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.pane_dead():
            if time.monotonic() > deadline:
                raise AssertionError(f"newsreader did not exit; screen:\n{self.screen()}")
            time.sleep(0.1)

    def kill(self) -> None:
        self._run("kill-server")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    if not NEWSREADER.exists():
        pytest.skip(f"the newsreader command is not installed at {NEWSREADER}")
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "NEWSREADER_HOME": str(home),
        "TEXTUAL_ANIMATIONS": "none",
        "TERM": "xterm-256color",
        "TZ": "UTC",
        "PATH": os.environ.get("PATH", ""),
    }
    session = Tmux(socket=f"nr-e2e-{uuid.uuid4().hex[:10]}", env=env)
    try:
        yield session
    finally:
        session.kill()
    # Nothing the app started (the refresh child process) may have died of a fatal error.
    log = home / "log" / "newsreader.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    assert "Fatal Python error" not in text, text[-2000:]


def subscribe(tmux: Tmux, url: str) -> None:
    """Subscribe through the CLI first, so the first run adds no default (internet) feeds."""
    result = subprocess.run(
        [str(NEWSREADER), "add", url], env=tmux.env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr

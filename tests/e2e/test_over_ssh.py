"""newsreader over real SSH inside tmux: panes, a link copied with OSC 52, a clean quit."""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.sshd import SshServer, available, running_sshd

pytestmark = pytest.mark.e2e

NEWSREADER = Path(sys.executable).parent / "newsreader"
DEMO_LINK = "https://example.org/newsreader-demo/"


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[SshServer]:
    reason = available()
    if reason:
        pytest.skip(reason)
    with running_sshd(tmp_path / "sshd") as server:
        yield server


class Tmux:
    """A private tmux server with one 80x24 session."""

    def __init__(self) -> None:
        self.socket = f"nr-ssh-{uuid.uuid4().hex[:8]}"

    def __call__(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen after {timeout}s:\n{screen}")


def test_reader_over_ssh_copies_a_link_and_quits(sshd: SshServer, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    # No refresh: the test must not reach the default feeds on the internet.
    (home / "config" / "config.toml").write_text("refresh_on_start = false\nrefresh_minutes = 0\n")
    remote = shlex.join(
        [
            "env",
            f"NEWSREADER_HOME={home}",
            "TERM=xterm-256color",
            "TEXTUAL_ANIMATIONS=none",
            str(NEWSREADER),
        ]
    )
    tmux = Tmux()
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "80", "-y", "24")
    try:
        tmux("set-option", "-s", "set-clipboard", "on")  # accept OSC 52 from the pane
        tmux("set-option", "-t", "main", "remain-on-exit", "on")
        exit_file = tmp_path / "ssh-exit"
        command = f"{shlex.join(sshd.command(remote))}; echo $? > {shlex.quote(str(exit_file))}"
        tmux("respawn-pane", "-k", "-t", "main", command)
        tmux.wait_for("Articles")
        tmux.wait_for("Welcome to newsreader")
        tmux("send-keys", "-t", "main", "2")  # the articles pane
        tmux("send-keys", "-t", "main", "y")
        deadline = time.monotonic() + 15
        buffer = ""
        while time.monotonic() < deadline and DEMO_LINK not in buffer:
            buffer = tmux("show-buffer")
            time.sleep(0.1)
        assert DEMO_LINK in buffer, f"clipboard: {buffer!r}\n{tmux.screen()}"
        tmux("send-keys", "-t", "main", "q")
        # The shell creates the file, then writes the status and its newline into it.
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and not _whole_line(exit_file):
            time.sleep(0.1)
        assert _whole_line(exit_file), f"ssh did not end:\n{tmux.screen()}"
        assert exit_file.read_text().strip() == "0", tmux.screen()
        # The terminal is restored: no alternate screen or mouse mode left behind in the pane.
        assert tmux("display-message", "-p", "-t", "main", "#{alternate_on}").strip() == "0"
    finally:
        tmux("kill-server")


def _whole_line(path: Path) -> bool:
    """``path`` holds a whole line (what ``echo`` writes, with its newline)."""
    return path.exists() and path.read_text().endswith("\n")

"""The player command: run without a shell, the file or stream as its one last argument."""

from __future__ import annotations

import re
import shlex
import sys
import time
from pathlib import Path

import pytest

from tui.services.player import PlayerError, player_command, start_player


def test_the_command_is_split_and_the_target_is_one_last_argument() -> None:
    assert player_command("mpv --no-video", "/tmp/my episode; rm -rf ~.mp3") == [
        "mpv",
        "--no-video",
        "/tmp/my episode; rm -rf ~.mp3",
    ]
    assert player_command("'/opt/my player/play'", "https://pod.example/ep.mp3")[0] == (
        "/opt/my player/play"
    )


@pytest.mark.parametrize(
    ("player", "target", "error"),
    [
        ("", "/tmp/ep.mp3", "no player set"),
        ("mpv 'unclosed", "/tmp/ep.mp3", "no command line"),
        ("mpv", "--script=evil.lua", "not a file or an http(s) stream"),
        ("mpv", "relative.mp3", "not a file or an http(s) stream"),
        ("mpv", "file:///etc/passwd", "not a file or an http(s) stream"),
    ],
)
def test_what_cannot_be_played(player: str, target: str, error: str) -> None:
    with pytest.raises(PlayerError, match=re.escape(error)):
        player_command(player, target)


def test_the_player_runs_with_the_target(tmp_path: Path) -> None:
    """A real process (a Python script standing in for mpv) gets exactly the arguments."""
    script = tmp_path / "player.py"
    out = tmp_path / "args.txt"
    script.write_text(
        # Written aside, then renamed: the test never reads a file the script is still writing.
        f"import sys, pathlib\npart = pathlib.Path({str(out)!r} + '.part')\n"
        f"part.write_text('\\n'.join(sys.argv[1:]))\npart.rename({str(out)!r})\n",
        encoding="utf-8",
    )
    target = str(tmp_path / "ep $(touch pwned).mp3")
    start_player(f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} --flag", target)
    deadline = time.monotonic() + 10
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert out.read_text().split("\n") == ["--flag", target]
    assert not (tmp_path / "pwned").exists()


def test_a_missing_player_is_one_line() -> None:
    with pytest.raises(PlayerError) as info:
        start_player("no-such-player-here --x", "/tmp/ep.mp3")
    assert str(info.value) == (
        "cannot start the player 'no-such-player-here': no such command (player setting)"
    )

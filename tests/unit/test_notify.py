"""Terminal notifications (tui.core.notify) and notify_command (tui.services.notify): the exact
bytes, tmux's passthrough, and hostile text that must neither end the sequence nor add an
argument."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tui.config import Settings
from tui.core.notify import command_argv, notification_text, terminal_sequence
from tui.services.notify import run_notify_command, terminal_bytes

HOSTILE = (
    'Tariff "x" \x1b]52;c;cm0gLXJmIH4K\x07\x1b[31mred\x9c\x07\nnext\u202eline; --help $(rm -rf ~)'
)


def test_osc9_osc777_and_the_bell() -> None:
    assert terminal_sequence("osc9", "Tariff Vietnam: 46% → 20%") == (
        "\x1b]9;Tariff Vietnam: 46% → 20%\x07"
    )
    assert terminal_sequence("osc777", "Watch Ann Lee: a story") == (
        "\x1b]777;notify;newsreader;Watch Ann Lee: a story\x07"
    )
    assert terminal_sequence("bell", "anything") == "\x07"
    assert terminal_sequence("off", "anything") == ""


def test_inside_tmux_the_sequence_is_wrapped_in_its_passthrough() -> None:
    wrapped = terminal_sequence("osc9", "Tariff Laos: new rate 40% threatened", tmux=True)
    assert wrapped == "\x1bPtmux;\x1b\x1b]9;Tariff Laos: new rate 40% threatened\x07\x1b\\"
    # the environment decides: $TMUX set, or not
    settings = Settings(notify="osc9")
    assert terminal_bytes(settings, ["a"], {"TMUX": "/tmp/tmux-1/default,1,0"}).startswith(
        "\x1bPtmux;"
    )
    assert terminal_bytes(settings, ["a"], {}) == "\x1b]9;a\x07"
    assert terminal_bytes(Settings(notify="bell"), ["a", "b"], {}) == "\x07"  # one bell
    assert terminal_bytes(Settings(notify="off"), ["a"], {}) == ""


def test_hostile_text_cannot_end_the_sequence_or_start_another() -> None:
    for mode in ("osc9", "osc777"):
        sequence = terminal_sequence(mode, HOSTILE)  # type: ignore[arg-type]
        body = sequence[len("\x1b]") : -1]
        assert sequence.endswith("\x07") and sequence.count("\x07") == 1
        assert "\x1b" not in body and "\x9c" not in body and "\n" not in body
        assert "\u202e" not in body
    text = notification_text(HOSTILE)
    assert text.isprintable() and "next" in text and "$(rm -rf ~)" in text


def test_a_message_never_starts_like_an_option_or_a_progress_report() -> None:
    assert notification_text("-rf /") == "newsreader: -rf /"
    assert notification_text("4;3;50") == "newsreader: 4;3;50"  # OSC 9;4 is a progress bar
    assert len(notification_text("x" * 1000)) == 240


def test_the_command_is_split_like_a_shell_would_but_the_message_is_one_argument() -> None:
    argv = command_argv("notify-send --app-name 'news reader'", HOSTILE)
    assert argv[:3] == ["notify-send", "--app-name", "news reader"]
    assert len(argv) == 4 and argv[3] == notification_text(HOSTILE)
    with pytest.raises(ValueError):
        command_argv("notify-send 'unclosed", "x")
    with pytest.raises(ValueError):
        command_argv("   ", "x")


def _recorder(tmp_path: Path) -> tuple[str, Path]:
    """A notify command (a real program) that appends its arguments, as JSON, to a file."""
    out = tmp_path / "received.jsonl"
    script = tmp_path / "record.py"
    script.write_text(
        "import json, sys\n"
        f"with open({str(out)!r}, 'a', encoding='utf-8') as f:\n"
        "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script} --from newsreader", out


def test_notify_command_receives_each_message_as_its_last_argument(tmp_path: Path) -> None:
    command, out = _recorder(tmp_path)
    settings = Settings(notify_command=command)
    assert run_notify_command(settings, ["Tariff Vietnam: 46% → 20%", HOSTILE]) is None
    received = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert received[0] == ["--from", "newsreader", "Tariff Vietnam: 46% → 20%"]
    assert received[1][:2] == ["--from", "newsreader"] and len(received[1]) == 3
    hostile = received[1][2]
    assert hostile == notification_text(HOSTILE)
    assert "\x1b" not in hostile and "\x07" not in hostile and "\n" not in hostile
    assert not (tmp_path / "~").exists()  # nothing ran the $(...) in it


def test_a_failing_or_missing_command_is_one_line(tmp_path: Path) -> None:
    failing = Settings(notify_command=f"{sys.executable} -c 'raise SystemExit(3)'")
    assert run_notify_command(failing, ["x"]) == "notify_command exited with status 3"
    missing = Settings(notify_command=str(tmp_path / "no-such-program"))
    problem = run_notify_command(missing, ["x"])
    assert problem is not None and problem.startswith("notify_command failed: FileNotFoundError")
    assert run_notify_command(Settings(), ["x"]) is None  # none set: nothing to run

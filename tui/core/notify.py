"""Terminal notifications: the bytes that ask the terminal to show a desktop notification.

- ``osc9``: ``ESC ] 9 ; message BEL`` (iTerm2, WezTerm, kitty, Windows Terminal, foot, ...).
- ``osc777``: ``ESC ] 777 ; notify ; title ; message BEL`` (urxvt, foot, Ghostty, VTE).
- ``bell``: ``BEL`` alone, for terminals that know neither (they flash or beep).

They are plain bytes on the terminal's stream, so they reach the local terminal through SSH.
tmux keeps escape sequences it does not know to itself unless they are wrapped in its DCS
passthrough (``ESC P tmux ; ... ESC \\``, every ESC inside doubled) and ``allow-passthrough`` is
on (``set -g allow-passthrough on``); :func:`terminal_sequence` wraps them when asked.

The message comes from feed text (titles, entity names): it is cleaned of every control
character and escape sequence first, so it can neither end the sequence early nor start another.
"""

from __future__ import annotations

import shlex

from tui.config import NotifyMode
from tui.core.text import clean_line

__all__ = [
    "MAX_MESSAGE",
    "command_argv",
    "notification_text",
    "terminal_sequence",
]

MAX_MESSAGE = 240
"""Characters of a notification at most: a desktop notification is a line or two."""
TITLE = "newsreader"

_ESC = "\x1b"
_BEL = "\x07"


def notification_text(message: str) -> str:
    """``message`` as one safe line: no control characters, no escape sequences, no bidi
    controls, whitespace runs as one space, at most :data:`MAX_MESSAGE` characters.

    It never starts with a digit or a dash: ``OSC 9 ; 4 ; ...`` is a progress report to some
    terminals, and a leading dash would read as an option to a notify command.
    """
    text = clean_line(message)
    if text[:1].isdigit() or text.startswith("-"):
        text = f"{TITLE}: {text}"
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "\u2026"
    return text


def terminal_sequence(mode: NotifyMode, message: str, *, tmux: bool = False) -> str:
    """What to write to the terminal for ``message`` ("" for ``off``); ``tmux``: wrapped in
    tmux's passthrough (set it when ``$TMUX`` is set)."""
    if mode == "off":
        return ""
    if mode == "bell":
        return _BEL  # tmux handles the bell itself (bell-action), no passthrough needed
    text = notification_text(message)
    if mode == "osc777":
        sequence = f"{_ESC}]777;notify;{TITLE};{text}{_BEL}"
    else:
        sequence = f"{_ESC}]9;{text}{_BEL}"
    if tmux:
        sequence = f"{_ESC}Ptmux;{sequence.replace(_ESC, _ESC + _ESC)}{_ESC}\\"
    return sequence


def command_argv(command: str, message: str) -> list[str]:
    """The argument list of ``notify_command`` for ``message``: the command's own words (split
    as a shell would split them, but never run by one), then the message as one argument.

    Raises ValueError for a command that cannot be split (an unclosed quote) or is empty.
    """
    words = shlex.split(command)
    if not words:
        raise ValueError("notify_command is empty")
    return [*words, notification_text(message)]

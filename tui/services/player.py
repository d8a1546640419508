"""Start the ``player`` command on a downloaded file or a stream URL.

The command is split like a shell would split it (``mpv --no-video``) but run without one, and
the file's path or the stream's URL is its last argument, one argument whatever it holds. A URL
comes from a feed: only http(s) ones are played, and neither it nor a path (absolute) can start
with ``-`` and pass for an option. The player is started in its own session with no terminal
(stdin, stdout and stderr on /dev/null), so it cannot draw over the reader; it is not waited for.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from tui.core.text import clean_line

__all__ = ["PlayerError", "player_command", "start_player"]


class PlayerError(Exception):
    """The player cannot be started (one line for the user)."""


def player_command(player: str, target: str) -> list[str]:
    """The argument list that plays ``target`` (an absolute path or an http(s) URL)."""
    try:
        words = shlex.split(player)
    except ValueError as exc:
        raise PlayerError(f"the player setting is no command line ({exc})") from exc
    if not words:
        raise PlayerError('no player set: add player = "mpv" (or another) to config.toml')
    if not (os.path.isabs(target) or target.lower().startswith(("http://", "https://"))):
        raise PlayerError(f"not a file or an http(s) stream: {clean_line(target)[:200]}")
    return [*words, target]


def start_player(player: str, target: str) -> None:
    """Start the player on ``target``; raises PlayerError when it cannot start."""
    command = player_command(player, target)
    try:
        subprocess.Popen(  # noqa: S603 - no shell: the user's own command, one argument added
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except FileNotFoundError:
        raise PlayerError(
            f"cannot start the player {command[0]!r}: no such command (player setting)"
        ) from None
    except OSError as exc:
        raise PlayerError(
            f"cannot start the player {command[0]!r}: {exc.strerror or exc}"
        ) from None

"""Alerts told outside the app's own toasts: a terminal notification and ``notify_command``.

The app and ``newsreader refresh`` both come here: the messages (tui.core.watching), the bytes
for the terminal (tui.core.notify, wrapped for tmux when ``$TMUX`` is set) and the command,
run with each message as its last argument, never through a shell, with no terminal and a
time limit, so a slow or hostile command can neither hang the reader nor draw on its screen.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence

from tui.config import Settings
from tui.core.notify import command_argv, terminal_sequence
from tui.core.watching import Alert, alert_lines, summary_line

__all__ = ["MAX_NOTIFICATIONS", "messages_for", "run_notify_command", "terminal_bytes"]

MAX_NOTIFICATIONS = 3
"""Notifications for one batch of alerts at most; more become one that says how many."""
COMMAND_TIMEOUT = 10.0


def messages_for(alerts: Sequence[Alert]) -> list[str]:
    """The notifications for ``alerts``: one per watch, or one for all when there are many."""
    lines = alert_lines(alerts)
    return lines if len(lines) <= MAX_NOTIFICATIONS else [summary_line(lines)]


def terminal_bytes(
    settings: Settings, messages: Sequence[str], environ: Mapping[str, str] | None = None
) -> str:
    """What to write to the terminal for ``messages`` ("" when ``notify`` is off); inside tmux
    (``$TMUX`` set) each is wrapped in its passthrough."""
    if settings.notify == "off" or not messages:
        return ""
    if settings.notify == "bell":
        return terminal_sequence("bell", "")
    tmux = bool((os.environ if environ is None else environ).get("TMUX"))
    return "".join(terminal_sequence(settings.notify, m, tmux=tmux) for m in messages)


def run_notify_command(settings: Settings, messages: Sequence[str]) -> str | None:
    """Run ``notify_command`` once per message; returns None when each ran and exited 0 (or no
    command is set), else one line saying what failed."""
    if not settings.notify_command:
        return None
    for message in messages:
        try:
            argv = command_argv(settings.notify_command, message)
            done = subprocess.run(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=COMMAND_TIMEOUT,
                start_new_session=True,  # no controlling terminal: it cannot draw on ours
                check=False,
            )
        except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
            return f"notify_command failed: {type(exc).__name__}: {exc}"
        if done.returncode != 0:
            return f"notify_command exited with status {done.returncode}"
    return None

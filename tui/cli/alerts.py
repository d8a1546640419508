"""What ``newsreader refresh`` does with the alerts its refresh raised for the watch list.

Each alert is printed as one line, even with ``--quiet``: from cron, that is the mail. On a
terminal (stdout is one), the terminal notification is written too (``notify``); from cron
there is none to write to, and the app rings it when it next shows the alert. ``notify_command``
runs either way.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.cli.common import fail
from tui.config import Settings
from tui.core.watching import Alert, alert_lines
from tui.terminal import escapes_work, unsanitised

if TYPE_CHECKING:
    from tui.store.repository import Repository


def tell_alerts(repo: Repository, settings: Settings, alerts: Sequence[Alert]) -> bool:
    """Print ``alerts``, notify the terminal and run the command; record that they were told.

    False when ``notify_command`` failed (said on stderr): the command's exit status is 1."""
    if not alerts:
        return True
    from tui.services.notify import messages_for, run_notify_command, terminal_bytes

    for line in alert_lines(alerts):
        print(line)
    sys.stdout.flush()
    messages = messages_for(alerts)
    told = False
    sequence = terminal_bytes(settings, messages) if escapes_work(sys.stdout) else ""
    if sequence:
        terminal = unsanitised(sys.stdout)  # our own escape sequence, made of cleaned text
        terminal.write(sequence)
        terminal.flush()
        told = True
    problem = run_notify_command(settings, messages)
    if problem:
        fail(problem)
    elif settings.notify_command:
        told = True
    if told:
        repo.mark_notified([a.id for a in alerts])
    return not problem

"""A copy that reaches the clipboard inside tmux with tmux's default settings.

The reader copies with OSC 52, which reaches the local clipboard over SSH. tmux drops an
application's OSC 52 unless its ``set-clipboard`` option is ``on``; under its default,
``external``, ``y`` said "Link copied" and nothing was copied. Inside tmux (``$TMUX`` set) the
text also goes into a tmux buffer with ``tmux load-buffer -w``, which tmux 3.2 and later pass
on to the terminal's clipboard under that default too (and prefix + ] pastes it anywhere).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping

__all__ = ["copy_in_tmux"]


def copy_in_tmux(text: str, environ: Mapping[str, str] | None = None) -> str | None:
    """Put ``text`` in tmux's buffer and clipboard when running inside tmux. None when that
    is done or there is no tmux; else why not, in one line."""
    if not (os.environ if environ is None else environ).get("TMUX"):
        return None
    reason = ""
    # tmux before 3.2 has no -w: its buffer only, still pasted with prefix + ].
    for command in (["tmux", "load-buffer", "-w", "-"], ["tmux", "load-buffer", "-"]):
        try:
            done = subprocess.run(
                command, input=text.encode("utf-8"), capture_output=True, timeout=5, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"tmux did not take the copy: {exc}"
        if done.returncode == 0:
            return None
        reason = done.stderr.decode("utf-8", "replace").strip().partition("\n")[0]
    return f"tmux did not take the copy: {reason or 'it failed'}"

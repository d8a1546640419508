"""Parse one feed document for storing: its articles and the text each is indexed by.

Run in a parse worker (a thread or a process of :mod:`tui.services.refresh`), so the thread that
writes to the database only writes. Imports nothing heavy: a worker process loads this module.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time
from collections.abc import Mapping
from contextlib import suppress

from tui.core.models import ParsedFeed
from tui.core.parse import parse_feed
from tui.store.text import index_body

# How much lower a parse worker process runs than the refresh it serves (Unix niceness). The
# refresh's own process fetches and stores, and each feed it is slow to fetch delays every
# later one; the workers' parsing can wait. On two cores a cold refresh of 200 feeds took
# 1.86 s with the workers at the same priority and 1.74 s with them 10 lower.
WORKER_NICENESS = 10


def start_worker(refresh_pid: int) -> None:
    """A parse worker's initializer: run below the refresh (where the system has niceness),
    leave Ctrl+C to the refresh, and end with it (:func:`_end_with`). The terminal sends
    SIGINT to the whole process group; a worker that took it printed a KeyboardInterrupt
    traceback under the command's one line. The refresh stops on it and then shuts its
    workers down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        with suppress(OSError):
            os.nice(WORKER_NICENESS)
    threading.Thread(target=_end_with, args=(refresh_pid,), name="end-with", daemon=True).start()


def _end_with(refresh_pid: int) -> None:
    """End this worker when the refresh ``refresh_pid`` has ended without shutting it down
    (killed: the OOM killer, SIGKILL, the app ending a refresh child that did not stop in
    time). Such a worker waited on its queue for good, and kept the forkserver alive too:
    each worker holds the forkserver's pipe open, so neither ever saw the refresh go."""
    try:
        handle = os.pidfd_open(refresh_pid)  # readable once the process has ended
    except (AttributeError, OSError):  # not Linux 5.3+: look every second
        while _running(refresh_pid):
            time.sleep(1.0)
    else:
        select.select([handle], [], [])
    os._exit(0)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:  # gone, or the pid is another user's now
        return False
    return True


def parse_for_store(
    body: bytes, url: str, headers: Mapping[str, str]
) -> tuple[ParsedFeed, tuple[str, ...]]:
    """``parse_feed`` and the index body of each of its articles (same order). Never raises."""
    parsed = parse_feed(body, url=url, headers=headers)
    try:
        bodies = tuple(index_body(a.content_html, a.summary_html) for a in parsed.articles)
    except Exception:  # noqa: BLE001 - plain_text never raises; the store computes them then
        return parsed, ()
    return parsed, bodies

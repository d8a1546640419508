"""SIGTERM and SIGHUP stop a command as Ctrl+C does.

``timeout`` from cron, a shutdown or ``kill`` sends SIGTERM; a dropped SSH connection sends
SIGHUP. Left to their default, they ended the process where it stood: a refresh's parse
workers' semaphores were left to the resource tracker, which printed a warning about them
(into cron's mail), and nothing said why the command ended. Here they take Ctrl+C's way:
a refresh or a download (asyncio) is cancelled at its next ``await``, anything else gets
KeyboardInterrupt; the command unwinds (each feed is one transaction; a download goes back to
the queue with its bytes) and ends with one line.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Stopped(Exception):
    """The command was told to stop by signal ``signum``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within: SIGTERM and SIGHUP interrupt as Ctrl+C does, and the KeyboardInterrupt that
    follows leaves as :class:`Stopped`. A signal whose default is not in force is left alone
    (``nohup`` ignores SIGHUP, and means it), and so is everything when this is not the main
    thread (only it can take signals)."""
    received: list[int] = []

    def stop(signum: int, frame: FrameType | None) -> None:
        received.append(signum)
        interrupt = signal.getsignal(signal.SIGINT)
        if callable(interrupt):  # asyncio.run's cancels its main task; the default raises
            interrupt(signal.SIGINT, frame)
        else:  # Ctrl+C is ignored here (a script's background job): stop all the same
            raise KeyboardInterrupt

    taken = []
    if threading.current_thread() is threading.main_thread():
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) is signal.SIG_DFL:
                signal.signal(signum, stop)
                taken.append(signum)
    try:
        yield
    except KeyboardInterrupt:
        if received:
            raise Stopped(received[0]) from None
        raise
    finally:
        for signum in taken:
            signal.signal(signum, signal.SIG_DFL)

"""Network work with one deadline, that a closing caller never waits for.

The UI runs network work in thread workers, and Python joins those threads before the process
ends: a fetch that trickles keeps ``q`` waiting for as long as it lasts. :func:`run_with_deadline`
runs the work in an event loop of its own, gives up at the deadline, and gives up at once when
``should_stop()`` turns true (a Textual worker's ``is_cancelled``: the app cancels its workers
when it closes).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

__all__ = ["StopCheck", "Stopped", "run_with_deadline"]

_T = TypeVar("_T")
StopCheck = Callable[[], bool]
_POLL = 0.1  # seconds between two looks at should_stop


class Stopped(Exception):
    """The caller asked to stop (``should_stop()`` turned true) before the work was done."""


def run_with_deadline(
    work: Callable[[], Awaitable[_T]],
    deadline: float | None,
    should_stop: StopCheck | None = None,
) -> _T:
    """``work()``'s result, in an event loop of its own (call from a thread that runs none).

    Raises TimeoutError after ``deadline`` seconds (None: the work has its own) and
    :class:`Stopped` within a tenth of a second of ``should_stop()`` turning true; the work is
    cancelled either way.
    """

    async def main() -> _T:
        task = asyncio.ensure_future(work())
        try:
            async with asyncio.timeout(deadline):
                while True:
                    done, _ = await asyncio.wait({task}, timeout=_POLL)
                    if done:
                        return task.result()
                    if should_stop is not None and should_stop():
                        raise Stopped
        finally:
            task.cancel()

    return asyncio.run(main())

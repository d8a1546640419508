"""App-wide messages: posted by background workers (thread-safe), handled on the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from tui.core.models import FeedRefresh, RefreshSummary


@dataclass
class RefreshStarted(Message):
    """A refresh of ``total`` feeds began (``unit``: a sync counts items)."""

    total: int
    unit: str = "feed"


@dataclass
class RefreshProgress(Message, bubble=False):
    """One more feed finished; ticks coalesce so a fast refresh never floods the queue."""

    done: int
    total: int
    result: FeedRefresh
    unit: str = "feed"

    def can_replace(self, message: Message) -> bool:
        # A newer tick replaces an older one still waiting in the queue; failures are
        # collected by the worker itself, so nothing is lost by dropping a tick.
        return isinstance(message, RefreshProgress)


@dataclass
class RefreshFinished(Message):
    """The refresh ended: ``summary`` is None when it failed as a whole (``error`` says why).

    ``removed``: articles the retention settings dropped after it.
    """

    summary: RefreshSummary | None
    error: str | None = None
    removed: int = 0


@dataclass
class DataChanged(Message):
    """Feeds or articles changed in the database (refresh, add, delete): panes reload."""

    feeds_only: bool = False

"""App-wide messages, handled by the App on the UI thread.

The App's workers post the first four and the last two (the downloads worker's) from their
threads (``post_message`` is thread-safe); the screens post the others, named after what the
user did (and ``FirstScreenShown``), and leave the doing to the App.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual.message import Message

from tui.core.models import Article, Download, Feed, FeedRefresh, RefreshSummary

if TYPE_CHECKING:
    from tui.services.downloads.transfer import Progress


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


# -- what the user asked of the app (posted by screens, handled by NewsReaderApp) -------------


@dataclass
class OpenUrl(Message):
    """The user asked to open ``url`` in the browser."""

    url: str


@dataclass
class CopyLink(Message):
    """The user asked to copy ``url`` (empty: the article has no link)."""

    url: str


@dataclass
class RefreshRequested(Message):
    """The user asked to refresh ``feeds`` (None: every feed)."""

    feeds: tuple[Feed, ...] | None = None


@dataclass
class AddFeedRequested(Message):
    """The user asked to subscribe to ``url`` (a feed, or a page that links to one)."""

    url: str


@dataclass
class DeleteFeedRequested(Message):
    """The user confirmed deleting ``feed`` and its articles."""

    feed: Feed


@dataclass
class FirstScreenShown(Message):
    """The main screen shows its first data: first-run set-up and the first refresh may start."""


@dataclass
class ListShown(Message):
    """The list of the articles pane (of articles, of stories, or a story's articles) the main
    screen was waiting for shows: the keys typed ahead of it are its (``MainScreen.holds_keys``)."""


@dataclass
class TrackerRequested(Message):
    """The user asked for the tariff tracker, filtered to ``country`` when one is given (the
    App keeps one tracker screen, built ahead of the first ``t``)."""

    country: str | None = None


@dataclass
class WatchesChanged(Message):
    """The watch list or the saved searches changed: the App rewrites their copy on disk."""


# -- downloads --------------------------------------------------------------------------------


@dataclass
class DownloadRequested(Message):
    """The user asked to download ``article``'s enclosures."""

    article: Article


@dataclass
class PlayRequested(Message):
    """The user asked to play the enclosure at ``url`` (its file when downloaded)."""

    url: str


@dataclass
class DownloadAction(Message):
    """The user asked to cancel, retry or forget (drop from the list) a download."""

    download_id: int
    action: Literal["cancel", "retry", "forget"]


@dataclass
class DownloadProgress(Message, bubble=False):
    """A download moved on (posted by the downloads worker); a newer tick of the same
    download replaces one still queued."""

    progress: Progress

    def can_replace(self, message: Message) -> bool:
        return (
            isinstance(message, DownloadProgress)
            and message.progress.download_id == self.progress.download_id
        )


@dataclass
class DownloadChanged(Message):
    """A download was queued, ended or changed state (``download`` as it is now);
    ``ended``: the downloads worker finished with it (the App says how it went)."""

    download: Download
    ended: bool = False

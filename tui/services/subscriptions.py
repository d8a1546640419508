"""Subscribing and unsubscribing, OPML in and out, and the OPML copy kept beside the database.

Every change to the subscription list rewrites the backup copy, so a damaged database never loses
what the user subscribed to.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui.config import Settings
from tui.core.models import Feed, Subscription
from tui.core.opml import OpmlFeeds, parse_opml, read_opml, write_opml
from tui.core.parse import parse_feed
from tui.core.urls import BadUrl, shown_url
from tui.core.urls import check_feed_url as core_check_feed_url
from tui.paths import assets_dir
from tui.services.whole_file import write_whole
from tui.store.repository import Repository

if TYPE_CHECKING:
    from tui.services.deadline import StopCheck
    from tui.services.fetcher import FetchSettings

DEMO_FEED_URL = "newsreader:demo"
DEMO_FEED_FILE = "demo-feed.xml"
DEFAULT_FEEDS_FILE = "default-feeds.opml"
_INITIALISED_KEY = "initialised"


class SubscriptionError(ValueError):
    """A subscription request that cannot be carried out; the message is shown as is."""


def check_feed_url(url: str) -> str:
    """``url`` as a feed URL by the one rule of :func:`tui.core.urls.check_feed_url` (the rule
    OPML import and redirects follow too), else SubscriptionError."""
    try:
        return core_check_feed_url(url)
    except BadUrl as exc:
        raise SubscriptionError(str(exc)) from None


def refuse_with_sync(settings: Settings) -> None:
    """SubscriptionError with [sync]: the server has the subscriptions and a refresh only
    syncs, so a feed added here would be fetched once, by the add, and never again (the
    servers' APIs have no call to subscribe)."""
    if settings.sync is not None:
        raise SubscriptionError(
            f"[sync] is set in config.toml: subscribe on the server "
            f"({shown_url(settings.sync.url)}); a feed added here would never be fetched"
        )


def write_backup(repo: Repository, path: Path) -> None:
    """Rewrite the OPML copy of the subscriptions (whole: see write_whole)."""
    subs = [s for s in repo.subscriptions() if s.url != DEMO_FEED_URL]
    write_whole(path, write_opml(subs))


def subscribe(
    repo: Repository,
    url: str,
    settings: FetchSettings,
    *,
    folder: str = "",
    title: str = "",
    should_stop: StopCheck | None = None,
) -> Feed:
    """Subscribe to ``url``; an HTML page is searched for its feed links and the first is taken.

    When ``url`` is the feed itself, the document fetched to find that out is stored too (its
    articles, title and validators): the feed comes back fetched (``last_fetched`` set), and
    its first refresh asks with its ETag instead of downloading it again. A feed found through
    a page is not fetched yet (``last_fetched`` None).

    ``should_stop``: the caller is closing, give up at once (SubscriptionError).
    """
    # The network stack is imported here, not at the top: the app's start never needs it.
    from tui.services.fetcher import FetchError
    from tui.services.refresh import discover_feeds, store_fetched

    url = check_feed_url(url)
    if repo.feed_by_url(url) is not None:
        raise SubscriptionError(f"already subscribed: {shown_url(url)}")
    try:
        found, document = discover_feeds(url, settings, should_stop)
    except FetchError as exc:
        raise SubscriptionError(f"cannot subscribe: {exc}") from exc  # it names the URL
    if not found:
        raise SubscriptionError(f"no feed found at {shown_url(url)}")
    feed_url = found[0]
    if repo.feed_by_url(feed_url) is not None:
        raise SubscriptionError(f"already subscribed: {shown_url(feed_url)}")
    feed = repo.add_feed(feed_url, title=title, folder=folder)
    if document is not None:
        store_fetched(repo, feed, document)
        feed = repo.feed(feed.id) or feed
    return feed


def find_feed(repo: Repository, url_or_id: str) -> Feed:
    """The feed named by its id or URL (as stored, as the one URL rule makes it when it was
    added, or as shown, the password hidden, with or without the ``<>`` around it that
    ``newsreader list`` prints), or SubscriptionError."""
    key = url_or_id.strip()
    if key.startswith("<") and key.endswith(">"):  # copied from `list` whole: "no such feed"
        key = key[1:-1].strip()
    if key.isascii() and key.isdigit():
        feed = repo.feed(int(key)) if int(key) < 2**63 else None  # SQLite's integers end there
    else:
        try:
            added = core_check_feed_url(key)
        except BadUrl:
            added = key
        feed = repo.feed_by_url(key) or repo.feed_by_url(added) or _by_shown_url(repo, key)
    if feed is None:
        raise SubscriptionError(f"no such feed: {shown_url(key)!r}")
    return feed


def _by_shown_url(repo: Repository, shown: str) -> Feed | None:
    """The feed whose address is shown as ``shown`` (its password hidden). Two logins to one
    feed are shown alike: the first was taken, perhaps not the one meant, so that is refused."""
    found = [f for f in repo.feeds() if shown_url(f.url) == shown]
    if len(found) > 1:
        ids = ", ".join(str(f.id) for f in found)
        raise SubscriptionError(
            f"{len(found)} feeds are shown as {shown!r} (ids {ids}): name the one meant by its id"
        )
    return found[0] if found else None


def import_opml(repo: Repository, data: bytes) -> tuple[int, int, OpmlFeeds]:
    """Add the OPML document's feeds that are not subscribed yet, and move those subscribed
    into the folders it gives them (restoring an export brings its folders back; a feed it
    lists at the top level keeps its folder, so a flat list empties none). Returns how many
    were added, how many moved, and what the document held (read_opml keeps only URLs the
    one feed-URL rule accepts)."""
    found = read_opml(data)
    added = repo.add_subscriptions(found.subscriptions)
    return added, repo.move_to_folders(found.subscriptions), found


def export_opml(repo: Repository) -> str:
    return write_opml(s for s in repo.subscriptions() if s.url != DEMO_FEED_URL)


def default_subscriptions() -> list[Subscription]:
    return parse_opml((assets_dir() / DEFAULT_FEEDS_FILE).read_bytes())


def load_demo(repo: Repository) -> int:
    """Store the bundled demo feed (original articles, one a tariff story); returns new articles.

    Its tariff story is not extracted here: the tracker and ``newsreader tariffs`` catch up on
    unchecked articles before they show rows, and the extractors' imports would delay the
    first screen of a first start.
    """
    parsed = parse_feed((assets_dir() / DEMO_FEED_FILE).read_bytes(), url=DEMO_FEED_URL)
    feed = repo.feed_by_url(DEMO_FEED_URL) or repo.add_feed(
        DEMO_FEED_URL, title=parsed.title or "newsreader demo", folder="Demo"
    )
    return len(repo.store_articles(feed.id, parsed.articles))


def first_run(repo: Repository, *, defaults: bool = True) -> bool:
    """On the first start, subscribe to the defaults (when nothing is subscribed and
    ``defaults``: not with [sync], where the server has the subscriptions) and load the demo.

    Returns True when this was the first run.
    """
    if repo.get_state(_INITIALISED_KEY):
        return False
    if defaults and not repo.feeds():
        repo.add_subscriptions(default_subscriptions())
    load_demo(repo)
    repo.set_state(_INITIALISED_KEY, "1")
    return True


def is_fetchable(feed: Feed) -> bool:
    """Feeds refresh fetches: http(s) ones that are not disabled (the demo feed is local)."""
    return not feed.disabled and urlsplit(feed.url).scheme in ("http", "https")

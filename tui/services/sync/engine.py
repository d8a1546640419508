"""One sync with an aggregator server: send the queued changes, then bring in its feeds, new
items and reading state.

The order is the conflict rule. Changes made here go first, so the server has them before its
state is read; a change made here while the sync runs (or one that could not be sent) stays
queued, and wins over the server's state for that article until it is sent. Otherwise the
server's state is applied whole: an article read on the phone shows read after the next sync.

Every step is its own short transaction and can be repeated: items are stored under a guid
made from the server's id (``sync:ACCOUNT:ID``), so a page stored twice adds nothing, and the
``since_id`` cursor moves only after a page is stored. A sync killed at any point (kill -9)
loses no queued change and stores nothing twice; the next one carries on.

Articles go through :meth:`Repository.store_articles`, as a refresh stores them: the same
limits, search index and panes. Feeds on the server become feeds here (a local feed with the
same URL is taken over, and the articles it fetched itself are linked to the server's items
by their link rather than stored twice); groups become folders.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from tui.config import Settings
from tui.core import limits
from tui.core.models import Feed, FeedRefresh, ParsedArticle, RefreshSummary
from tui.core.text import clean_line, is_safe_link
from tui.core.urls import BadUrl, check_feed_url
from tui.services.fetcher import FetchSettings
from tui.services.sync.credentials import password
from tui.services.sync.fever import FeverClient, endpoint
from tui.services.sync.remote import (
    IDS_PER_REQUEST,
    RemoteFeed,
    RemoteItem,
    RemoteState,
    SyncError,
    SyncService,
)
from tui.services.sync.ttrss import TTRSSClient, api_url
from tui.store.errors import DuplicateFeedError
from tui.store.repository import Repository
from tui.store.sync import StateChanges, SyncStore

ProgressCallback = Callable[[int, int], None]  # items here, items on the server
NewArticlesCallback = Callable[[int, list[int]], None]  # feed id, new article ids
StopCheck = Callable[[], bool]

SINCE_ID = "since_id"
SINCE_OFFSET = "since_offset"  # where in the items above since_id the walk is
SINCE_TOP = "since_top"  # the highest item id the walk has seen
GAPS_FROM = "gaps_from"  # ids below it were all asked for by id (see _fill_gaps)
GAP_IDS = 20_000  # ids asked for by id per sync at most
PUSH_AT_ONCE = 8  # changes in flight at once (coldsweat: 21 ms a change alone, 4 ms so)
MAX_PAGES = 10_000  # item pages per sync (500,000 items); the next sync carries on
REMOVED_ON_SERVER = "no longer on the sync server (kept here; delete it with d)"


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What one sync did. ``results``: one per server feed (its new articles)."""

    where: str
    results: tuple[FeedRefresh, ...] = ()
    sent: int = 0  # queued changes the server took
    dropped: int = 0  # queued changes of items the server no longer has
    state: StateChanges = field(default_factory=StateChanges)  # changes made on the server
    removed_feeds: tuple[Feed, ...] = ()  # feeds no longer on the server (kept here)
    stopped: bool = False  # asked to stop before the end

    @property
    def new_articles(self) -> int:
        return sum(r.new_articles for r in self.results)

    def as_refresh(self) -> RefreshSummary:
        return RefreshSummary(self.results)


def guid(account: int, remote_id: int) -> str:
    """The guid an item of the server is stored under."""
    return f"sync:{account}:{remote_id}"


def _synthetic_url(account: int, remote_id: int) -> str:
    """The URL of a server feed whose own cannot be used (none, too long, or taken)."""
    return f"newsreader:sync/{account}/{remote_id}"


def _usable_url(url: str) -> bool:
    """Could a feed here have this address (the rule of ``add``)?"""
    try:
        check_feed_url(url)
    except BadUrl:
        return False
    return url.startswith(("http://", "https://"))  # as sent: not feed:, which the rule maps


def _link(url: str) -> str:
    """The item's address as a feed's parser keeps one: http(s) or mailto, else none."""
    url = clean_line(url).replace(" ", "%20")
    return url if is_safe_link(url) else ""


def _site(url: str) -> str:
    """A feed's site address: an http(s) one, else none."""
    link = _link(url)
    return link if link.startswith(("http://", "https://")) else ""


def _article(account: int, item: RemoteItem) -> ParsedArticle:
    return ParsedArticle(
        guid=guid(account, item.remote_id),
        link=_link(item.url),
        title=item.title,
        author=item.author,
        published=item.published,
        content_html=item.html,
        enclosures=item.enclosures,
    )


def _chunks(values: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Sync:
    def __init__(
        self,
        repo: Repository,
        store: SyncStore,
        service: SyncService,
        account: int,
        on_progress: ProgressCallback | None,
        on_new_articles: NewArticlesCallback | None,
        should_stop: StopCheck | None,
    ) -> None:
        self.repo = repo
        self.store = store
        self.service = service
        self.account = account
        self.on_progress = on_progress
        self.on_new_articles = on_new_articles
        self.should_stop = should_stop or (lambda: False)
        self.new: dict[int, int] = defaultdict(int)  # local feed id -> new articles
        self.total = 0  # items on the server, as far as it said

    async def run(self) -> SyncSummary:
        where = self.service.where
        sent, dropped = await self._push()
        if self.should_stop():
            return SyncSummary(where, sent=sent, dropped=dropped, stopped=True)
        remote = await self.service.feeds()
        links, removed = self._link_feeds(remote)
        stopped = await self._pull(links) or await self._fill_gaps(links)
        changes = StateChanges()
        if not stopped:
            state = await self.service.state()
            stopped = await self._complete(links, state)
            if not stopped:
                changes = self.store.apply_state(self.account, state.unread, state.starred)
        results = tuple(
            FeedRefresh(feed_id=feed_id, url=feed.url, new_articles=self.new.get(feed_id, 0))
            for feed_id in dict.fromkeys(links.values())
            if (feed := self.repo.feed(feed_id)) is not None
        )
        return SyncSummary(where, results, sent, dropped, changes, tuple(removed), stopped)

    # -- changes made here -------------------------------------------------------------------

    async def _push(self) -> tuple[int, int]:
        """Send the queue, :data:`PUSH_AT_ONCE` requests in flight. Each change leaves the
        queue as soon as the server took it: a crash sends again at most the ones in flight,
        which changes nothing on the server. The first failure stops the others."""
        todo = iter(self.store.queued(self.account))
        counts = {"sent": 0, "dropped": 0}
        failures: list[Exception] = []

        async def worker() -> None:
            for change in todo:  # shared by the workers: each change is taken once
                if failures or self.should_stop():
                    return
                try:
                    taken = await self.service.mark(change.remote_id, change.field, change.value)
                except Exception as exc:  # noqa: BLE001 - re-raised below, once the others stop
                    failures.append(exc)
                    return
                self.store.sent([change.seq])
                counts["sent" if taken else "dropped"] += 1

        await asyncio.gather(*(worker() for _ in range(PUSH_AT_ONCE)))
        if failures:
            raise failures[0]
        return counts["sent"], counts["dropped"]

    # -- feeds -------------------------------------------------------------------------------

    def _link_feeds(self, remote: list[RemoteFeed]) -> tuple[dict[int, int], list[Feed]]:
        """Local feed of each server feed (made or taken over when new); the local feeds whose
        server feed is gone are unlinked and say so in their error, and are not deleted."""
        old_links = self.store.feed_links(self.account)
        elsewhere = self.store.linked_elsewhere(self.account)
        local = {f.id: f for f in self.repo.feeds()}
        by_url = {f.url: f for f in local.values()}
        links: dict[int, int] = {}
        for rf in remote:
            feed = local.get(old_links.get(rf.remote_id, 0))
            if feed is None:
                feed = self._adopt_or_add(rf, by_url, elsewhere | set(links.values()))
                self.store.link_feed(self.account, rf.remote_id, feed.id)
            else:
                self._update(feed, rf)
            links[rf.remote_id] = feed.id
        gone = [rid for rid in old_links if rid not in links]
        self.store.unlink_feeds(self.account, gone)
        removed = [local[old_links[rid]] for rid in gone if old_links[rid] in local]
        for feed in removed:
            self.repo.record_fetch(feed.id, status=None, error=REMOVED_ON_SERVER)
        return links, removed

    def _adopt_or_add(self, rf: RemoteFeed, by_url: dict[str, Feed], taken: set[int]) -> Feed:
        url = rf.url if _usable_url(rf.url) else _synthetic_url(self.account, rf.remote_id)
        existing = by_url.get(url)
        if existing is not None and existing.id not in taken:
            self._update(existing, rf)
            return existing
        if existing is not None:
            url = _synthetic_url(self.account, rf.remote_id)
        try:
            feed = self.repo.add_feed(
                url, title=rf.title, folder=rf.folder, site_url=_site(rf.site_url)
            )
        except DuplicateFeedError:  # made by a sync that ended before it linked the feed
            found = self.repo.feed_by_url(url)
            if found is None:
                raise
            self._update(found, rf)
            feed = found
        self.repo.record_fetch(feed.id, status=200, error=None)
        by_url[url] = feed
        return feed

    def _update(self, feed: Feed, rf: RemoteFeed) -> None:
        if rf.title and limits.cap(clean_line(rf.title), limits.TITLE) != feed.title:
            self.repo.set_feed_title(feed.id, rf.title)
        if limits.folder_path(rf.folder) != feed.folder:
            self.repo.set_folder(feed.id, rf.folder)
        if feed.last_error == REMOVED_ON_SERVER or feed.last_status is None:
            self.repo.record_fetch(feed.id, status=200, error=None)

    # -- items -------------------------------------------------------------------------------

    async def _pull(self, links: dict[int, int]) -> bool:
        """Page through the items above the cursor to the end; True when stopped first.

        The cursor is ``since_id`` with an offset (servers that page by offset walk the items
        above one ``since_id`` from offset 0 on, then move ``since_id`` to the highest id
        seen) and is saved after each page is stored. The next page is asked for while this
        one is stored (in a thread, so the request goes on meanwhile): the server's time and
        ours overlap instead of adding up.
        """
        since = self.store.cursor(self.account, SINCE_ID)
        offset = self.store.cursor(self.account, SINCE_OFFSET)
        top = max(since, self.store.cursor(self.account, SINCE_TOP))
        ahead = asyncio.ensure_future(self.service.items_after(since, offset))
        try:
            for _ in range(MAX_PAGES):
                page = await ahead
                if page.total is not None:
                    self.total = page.total
                if self.should_stop():
                    return True
                if page.items:
                    top = max(top, max(item.remote_id for item in page.items))
                if page.next_offset is not None and page.items:
                    following = (since, page.next_offset)
                elif top > since or offset:
                    following = (top, 0)  # this since_id is done: move on from the highest
                else:
                    following = None  # nothing above since_id, or a server ignoring it
                if following is not None:
                    ahead = asyncio.ensure_future(self.service.items_after(*following))
                if page.items:
                    await asyncio.to_thread(self._store_items, page.items, links)
                if following is None:
                    break
                since, offset = following
                cursors = {SINCE_ID: since, SINCE_OFFSET: offset, SINCE_TOP: top}
                self.store.set_cursors(self.account, cursors)
                if page.items:
                    self._progress()
        finally:
            if not ahead.done():
                ahead.cancel()
                with contextlib.suppress(asyncio.CancelledError, SyncError):
                    await ahead
        return False

    async def _fill_gaps(self, links: dict[int, int]) -> bool:
        """Ask by id for the items a since_id walk stepped over; True when stopped first.

        The Fever API promises items in id order, and the walk moves its cursor to the
        highest id of each page; a server that sends them in another order (coldsweat 0.10.2
        sends them feed by feed) makes it step over some. Those are found by counting: when
        the server holds more items than are known here, the unknown ids below the highest
        known one are asked for, 50 a request, once each (a cursor remembers how far). Only
        for servers whose ids are dense, as such a server's are: ids spread thinly (a server
        shared by many users, or one with time-based ids) would cost many empty requests.
        """
        known = self.store.known_count(self.account)
        if not self.total or known >= self.total:
            return False
        low = max(1, self.store.cursor(self.account, GAPS_FROM))
        high = self.store.highest_known(self.account)
        if high < low or high - low + 1 > 4 * self.total:
            return False
        seen = self.store.known_ids(self.account, low, high)
        wanted = [i for i in range(low, high + 1) if i not in seen][:GAP_IDS]
        for batch in _chunks(wanted, IDS_PER_REQUEST):
            if self.should_stop():
                return True
            self._store_items(await self.service.items_with_ids(batch), links)
            self.store.set_cursor(self.account, GAPS_FROM, batch[-1] + 1)
            self._progress()
            if self.store.known_count(self.account) >= self.total:
                break
        if len(wanted) < GAP_IDS and not self.should_stop():
            self.store.set_cursor(self.account, GAPS_FROM, high + 1)
        return False

    async def _complete(self, links: dict[int, int], state: RemoteState) -> bool:
        """Fetch the unread and starred items the walk missed (a server need not send items in
        id order, so a since_id walk can step over some); True when stopped first."""
        wanted = state.unread | state.starred
        missing = sorted(wanted - self.store.known(self.account, wanted))
        for batch in _chunks(missing, IDS_PER_REQUEST):
            if self.should_stop():
                return True
            items = await self.service.items_with_ids(batch)
            self._store_items(items, links)
            got = {item.remote_id for item in items}
            # Ids it did not send are not asked for again by every sync.
            self.store.record_items(self.account, {i: None for i in batch if i not in got}, {})
            self._progress()
        return False

    def _store_items(self, items: Sequence[RemoteItem], links: dict[int, int]) -> None:
        """Store a page of items, one transaction per feed, then link them to their ids."""
        known = self.store.known(self.account, [item.remote_id for item in items])
        by_feed: dict[int, list[RemoteItem]] = defaultdict(list)
        linked: dict[int, int | None] = {}
        states: dict[int, tuple[bool, bool]] = {}
        for item in items:
            if item.remote_id in known or item.remote_id in linked:
                continue
            feed_id = links.get(item.feed_id)
            if feed_id is None:
                linked[item.remote_id] = None  # its feed is not among the subscriptions
                continue
            by_feed[feed_id].append(item)
            states[item.remote_id] = (item.read, item.starred)
        fresh: dict[int, list[int]] = {}
        for feed_id, feed_items in by_feed.items():
            adoptable = self.store.unlinked_by_link(feed_id, {i.url for i in feed_items})
            to_store: list[RemoteItem] = []
            for item in feed_items:
                article_id = adoptable.pop(item.url, None) if item.url else None
                if article_id is not None:
                    linked[item.remote_id] = article_id
                else:
                    to_store.append(item)
            if not to_store:
                continue
            articles = [_article(self.account, item) for item in to_store]
            new_ids = self.repo.store_articles(feed_id, articles)
            stored = self.store.article_ids(feed_id, [a.guid for a in articles])
            for item, article in zip(to_store, articles, strict=True):
                linked[item.remote_id] = stored.get(article.guid)
            if new_ids:
                fresh[feed_id] = new_ids
        self.store.record_items(self.account, linked, states)
        for feed_id, new_ids in fresh.items():
            self.new[feed_id] += len(new_ids)
            if self.on_new_articles is not None:
                self.on_new_articles(feed_id, new_ids)

    def _progress(self) -> None:
        if self.on_progress is not None:
            here = self.store.known_count(self.account)
            self.on_progress(here, max(here, self.total))


async def sync_with(
    repo: Repository,
    store: SyncStore,
    service: SyncService,
    account: int,
    *,
    on_progress: ProgressCallback | None = None,
    on_new_articles: NewArticlesCallback | None = None,
    should_stop: StopCheck | None = None,
) -> SyncSummary:
    """One sync of ``account`` with ``service`` (raises SyncError, AuthError)."""
    work = _Sync(repo, store, service, account, on_progress, on_new_articles, should_stop)
    return await work.run()


def sync(
    repo: Repository,
    settings: Settings,
    *,
    on_progress: ProgressCallback | None = None,
    on_new_articles: NewArticlesCallback | None = None,
    should_stop: StopCheck | None = None,
) -> SyncSummary:
    """Sync with the server of ``settings.sync`` (call from a thread with no event loop).

    Raises CredentialError when the password cannot be had, AuthError when the server
    refuses it, SyncError for a server that is down, slow or answers garbage: one line each,
    and nothing stored is lost.
    """
    config = settings.sync
    if config is None:
        raise ValueError("no [sync] in the settings")
    secret = password(config)
    fetch = FetchSettings.from_settings(settings)
    client: FeverClient | TTRSSClient
    if config.service == "ttrss":
        client, address = TTRSSClient(config.url, config.user, secret, fetch), api_url(config.url)
    else:
        client, address = FeverClient(config.url, config.user, secret, fetch), endpoint(config.url)

    async def main() -> SyncSummary:
        with SyncStore(repo.path) as store:
            account = store.account(config.service, address, config.user)
            async with client:
                return await sync_with(
                    repo,
                    store,
                    client,
                    account,
                    on_progress=on_progress,
                    on_new_articles=on_new_articles,
                    should_stop=should_stop,
                )

    return asyncio.run(main())

"""Refresh feeds: fetch concurrently, then parse and store each feed as its response arrives.

:func:`refresh_feeds` is synchronous (it runs its own asyncio loop) so a Textual thread worker or
the CLI can call it. Parsing runs in a helper thread so the loop keeps reading other responses,
and moves to a small process pool once a refresh has brought in more than a core parses while
the fetches go on (see :class:`_Parsers`); storing runs in one writer thread, one short
transaction per feed at a time, so the loop goes on fetching meanwhile; the callbacks run in
the thread that runs the loop (the calling thread, unless it already runs one).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from tui.core.models import Feed, FeedRefresh, ParsedFeed, RefreshSummary
from tui.core.parse import discover_feed_links, looks_like_feed, parse_feed
from tui.core.urls import shown_url
from tui.services.deadline import Stopped, run_with_deadline
from tui.services.fetcher import Fetcher, FetchError, FetchResult, FetchSettings
from tui.services.parsing import parse_for_store, start_worker
from tui.store.errors import StoreUnavailable
from tui.store.repository import Repository

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

ProgressCallback = Callable[[int, int, FeedRefresh], None]
NewArticlesCallback = Callable[[int, list[int]], None]
StopCheck = Callable[[], bool]

_T = TypeVar("_T")
_STOP_POLL_SECONDS = 0.1
_PARSE_ERROR = "feed error: "
# Feed bytes received before parsing moves to worker processes: about 0.1 s of parse work on the
# fast path (tui.core.parse_fast), as much as starting the workers costs. Below it, or while
# most answers are 304s (a routine refresh where a few feeds changed), the thread parses
# everything (200 feeds, 20 changed: 1.87 s with the pool, 1.76 s without); past it in a
# refresh of mostly new documents (a cold one) parsing is about half the CPU a refresh spends,
# and the workers run it on the other core beside the thread that fetches and stores (200 new
# feeds, 48 MB: 4.3 s in the thread, 3.1 s with the pool).
POOL_AFTER_BYTES = 2_000_000
_POOL_WORKERS = 2
_MIN_IN_FLIGHT = 8  # feeds fetched, parsed or stored at once (see _refresh)

_log = logging.getLogger(__name__)
_Parsed = tuple[ParsedFeed, tuple[str, ...]]


class _Parsers:
    """Where feeds are parsed: a helper thread, then (past ``pool_after`` bytes, when most
    answers so far brought a document, with two or more cores) a pool of worker processes
    started by forkserver or spawn (never fork: this process has threads and open SQLite
    connections). Any failure of the pool sends the feed, and every later one, back to the
    thread. As with any such pool, the workers import the caller's main module, so it must
    keep its work under ``if __name__ == "__main__"`` (the ``newsreader`` script and ``python
    -m tui`` do); one that does not makes the pool fail to start, and parsing stays in the
    thread."""

    def __init__(self, pool_after: int | None) -> None:
        self._pool_after = pool_after if (os.cpu_count() or 1) >= 2 else None
        self._received = 0
        self._answers = 0  # fetches finished, with a document or without (304, errors)
        self._documents = 0
        self._pool: Executor | None = None
        self._pool_failed = False

    @property
    def pooled(self) -> bool:
        return self._pool is not None

    def answered(self) -> None:
        """Count one finished fetch (``parse`` counts the ones that brought a document)."""
        self._answers += 1

    async def parse(self, body: bytes, url: str, headers: Mapping[str, str]) -> _Parsed:
        """The parsed feed and its articles' index bodies (empty: the store computes them)."""
        self._received += len(body)
        self._documents += 1
        pool = self._get_pool()
        if pool is not None:
            loop = asyncio.get_running_loop()
            try:
                job = partial(parse_for_store, body, url, dict(headers))
                return await loop.run_in_executor(pool, job)
            except Exception as exc:  # noqa: BLE001 - a broken pool: parse here instead
                if not self._pool_failed:
                    _log.warning("parse workers failed (%r); parsing in a thread", exc)
                self._pool_failed = True
        return await asyncio.to_thread(parse_for_store, body, url, headers)

    def _get_pool(self) -> Executor | None:
        if self._pool_failed:
            return None  # a broken pool stays broken for this refresh
        if self._pool is not None:
            return self._pool
        if self._pool_after is None or self._received <= self._pool_after:
            return None
        if self._documents * 2 <= self._answers:
            # Mostly 304s (a routine refresh where a few feeds changed): what is left to parse
            # is small, and starting the workers would cost more than it saves.
            return None
        try:
            from concurrent.futures import ProcessPoolExecutor

            context = parse_context()
            # The server starts as ``python -c``, which puts the current directory first on
            # its module path: a ``tui`` folder there (another checkout, any project's) was
            # imported in place of this package, its code run. -P, by the environment.
            os.environ["PYTHONSAFEPATH"] = "1"
            self._pool = ProcessPoolExecutor(
                max_workers=_POOL_WORKERS,
                mp_context=context,
                initializer=start_worker,
                initargs=(os.getpid(),),
            )
        except Exception as exc:  # noqa: BLE001 - no processes here (sandbox, limits)
            _log.warning("cannot start parse workers (%r); parsing in a thread", exc)
            self._pool_failed = True
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def parse_context() -> BaseContext:
    """How parse workers start: forked from a forkserver when the system has one, else spawned
    (never forked from this process, which has threads and open SQLite connections)."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports the parser once (each worker forks with it loaded) and not the
    # caller's main module, which the default would run again there; and, first, the module
    # that makes it and its workers ignore Ctrl+C from the start.
    context.set_forkserver_preload(
        ["tui.services.parse_worker_signals", parse_for_store.__module__]
    )
    return context


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _run_sync(main: Callable[[], _T]) -> _T:
    """Run ``main`` (which calls ``asyncio.run``) here, or in a helper thread when this thread
    already runs an event loop (``asyncio.run`` refuses to nest)."""
    if not _loop_running():  # outside the check's except block, or every error would carry it
        return main()
    box: dict[str, _T] = {}
    errors: list[BaseException] = []

    def target() -> None:
        try:
            box["value"] = main()
        except BaseException as exc:  # re-raised in the caller's thread
            errors.append(exc)

    thread = threading.Thread(target=target, name="newsreader-refresh")
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return box["value"]


def _waiting(feed: Feed, repo: Repository, now: datetime) -> bool:
    until = repo.retry_after(feed.id)
    return until is not None and until > now


def refresh_feeds(
    repo: Repository,
    feeds: Sequence[Feed] | None = None,
    *,
    settings: FetchSettings,
    on_progress: ProgressCallback | None = None,
    on_new_articles: NewArticlesCallback | None = None,
    should_stop: StopCheck | None = None,
    pool_after: int | None = POOL_AFTER_BYTES,
) -> RefreshSummary:
    """Fetch, parse and store ``feeds`` (default: all); returns what each feed did.

    Disabled feeds and feeds told to wait (429/503 Retry-After still in the future) are skipped
    and not counted. ``on_progress(done, total, result)`` and ``on_new_articles(feed_id, ids)``
    are called in the calling thread as each feed finishes. When ``should_stop()`` turns true,
    feeds not finished yet are abandoned (nothing half-stored: each feed is one transaction).
    Raises :class:`StoreUnavailable` (one-line message) when the database cannot be written
    (read-only, disk full): the refresh stops there, what was stored before is kept.
    ``pool_after`` (extra to the contract): feed bytes after which parsing moves to worker
    processes; None keeps it in a thread.
    """
    now = datetime.now(UTC)
    chosen: list[Feed] = []
    for listed in repo.feeds() if feeds is None else feeds:
        current = repo.feed(listed.id)  # the caller's copy may be stale (validators, URL)
        if current is None or current.disabled or _waiting(current, repo, now):
            continue
        chosen.append(current)

    async def main() -> RefreshSummary:
        parsers = _Parsers(pool_after)
        try:
            return await _refresh(
                repo, chosen, settings, parsers, on_progress, on_new_articles, should_stop
            )
        finally:
            parsers.close()

    return _run_sync(lambda: asyncio.run(main()))


async def _refresh(
    repo: Repository,
    feeds: list[Feed],
    settings: FetchSettings,
    parsers: _Parsers,
    on_progress: ProgressCallback | None,
    on_new_articles: NewArticlesCallback | None,
    should_stop: StopCheck | None,
) -> RefreshSummary:
    results: list[FeedRefresh] = []
    total = len(feeds)
    if not feeds:
        return RefreshSummary(())

    # Storing a feed takes 5-20 ms of SQLite work (its search index mostly): done on the event
    # loop it would hold up every fetch meanwhile. One writer thread keeps the stores in order
    # (one write transaction at a time) while the loop goes on fetching. Feeds between their
    # fetch and their store are held in memory: a bounded number of them, or a slow disk would
    # let a cold refresh keep every parsed feed at once (200 feeds: 75 -> 103 MB).
    loop = asyncio.get_running_loop()
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsreader-store")
    in_flight = asyncio.Semaphore(max(_MIN_IN_FLIGHT, 2 * settings.max_connections))
    async with Fetcher(settings) as fetcher:

        async def one(feed: Feed) -> None:
            async with in_flight:
                if should_stop is not None and should_stop():
                    return
                result = await fetcher.fetch(feed.url, feed.etag, feed.last_modified)
                parsers.answered()
                parsed: _Parsed | None = None
                if result.body is not None:
                    parsed = await parsers.parse(result.body, result.final_url, result.headers)
                if should_stop is not None and should_stop():
                    return
                outcome, new_ids = await loop.run_in_executor(
                    writer, _store, repo, feed, result, parsed
                )
            results.append(outcome)
            if on_new_articles is not None and new_ids:
                on_new_articles(feed.id, new_ids)
            if on_progress is not None:
                on_progress(len(results), total, outcome)

        tasks = [asyncio.create_task(one(feed)) for feed in feeds]
        pending: set[asyncio.Task[None]] = set(tasks)
        try:
            while pending:
                done, pending = await asyncio.wait(pending, timeout=_STOP_POLL_SECONDS)
                if any(not t.cancelled() and t.exception() is not None for t in done):
                    break  # raised below; the others are cancelled (nothing half-stored)
                if pending and should_stop is not None and should_stop():
                    for task in pending:
                        task.cancel()
                    await asyncio.gather(*pending, return_exceptions=True)
                    break
        finally:
            for task in tasks:
                if not task.done():
                    task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            writer.shutdown(wait=True, cancel_futures=True)  # a store under way completes
        for task in tasks:
            failure = None if not task.done() or task.cancelled() else task.exception()
            if failure is not None:
                raise failure  # a callback's own bug: not hidden
    return RefreshSummary(tuple(results))


def _store(
    repo: Repository, feed: Feed, result: FetchResult, parsed_bodies: _Parsed | None
) -> tuple[FeedRefresh, list[int]]:
    """Record one feed's fetch and store its new articles; never raises for this feed's data
    (only :class:`StoreUnavailable`, when the database cannot be written at all)."""
    new_url = result.permanent_url if result.permanent_url != feed.url else None
    error = result.error
    broken = (feed.last_error or "").startswith(_PARSE_ERROR)
    if result.not_modified and broken:
        error = feed.last_error  # the document is unchanged, so it is still broken
    # A failed fetch's error takes the parse error's place, so a 304 after it could no longer
    # say the document is broken: the validators go, and the next answer is the document.
    validators = result.body is not None or (broken and not result.not_modified)
    new_ids: list[int] = []
    title: str | None = None
    site_url: str | None = None
    parsed, bodies = parsed_bodies if parsed_bodies is not None else (None, ())
    try:
        if parsed is not None:
            if parsed.error:
                error = f"{error}; {parsed.error}" if error else f"{_PARSE_ERROR}{parsed.error}"
            articles = parsed.articles
            if result.truncated and result.body is not None and _ends_inside_item(result.body):
                # The item the cap cut through would be stored half written (a short title, no
                # guid) and then duplicated by its whole version: leave it for next time.
                articles = articles[:-1]
            if articles:
                ready = bodies[: len(articles)] if len(bodies) >= len(articles) else None
                new_ids = repo.store_articles(feed.id, articles, index_bodies=ready)
            title = parsed.title if parsed.title and not feed.title else None
            site_url = parsed.site_url if parsed.site_url and not feed.site_url else None
        repo.record_fetch(
            feed.id,
            status=result.status,
            error=error,
            etag=result.etag if validators else None,
            last_modified=result.last_modified if validators else None,
            new_url=new_url,
            disabled=True if result.gone else None,
            title=title,
            site_url=site_url,
            retry_after=result.retry_after,
        )
    except StoreUnavailable:
        raise  # the database cannot be written at all: stop the refresh, say why
    except Exception as exc:  # a store failure for one feed must not stop the others
        error = (
            None if _unsubscribed(repo, feed) else f"could not store: {type(exc).__name__}: {exc}"
        )
    outcome = FeedRefresh(
        feed_id=feed.id,
        url=feed.url,
        status=result.status,
        not_modified=result.not_modified,
        new_articles=len(new_ids),
        new_url=new_url,
        error=error,
    )
    return outcome, new_ids


def _unsubscribed(repo: Repository, feed: Feed) -> bool:
    """Whether ``feed`` was removed while it was fetched (``newsreader remove`` beside a cron
    refresh, ``d`` in the app): its articles then have no feed to go to, and nothing failed."""
    try:
        return repo.feed(feed.id) is None
    except sqlite3.Error:  # the store's own trouble: the error of the store says it
        return False


def _ends_inside_item(body: bytes) -> bool:
    """True when a cut document stops inside an RSS item or Atom entry."""
    opened = max(body.rfind(b"<item"), body.rfind(b"<entry"))
    closed = max(body.rfind(b"</item>"), body.rfind(b"</entry>"))
    return opened > closed


def discover_feeds(
    url: str, settings: FetchSettings, should_stop: StopCheck | None = None
) -> tuple[list[str], FetchResult | None]:
    """The feeds at ``url``: ``[url]`` (or where it permanently moved) when it is a feed, else
    the feed links its HTML page advertises (``[]`` when it has none); and the fetched document
    when ``url`` is itself the feed: subscribing stores it (:func:`store_fetched`) rather than
    fetching it a second time.

    Raises :class:`FetchError` with a one-line message when the page cannot be fetched, or
    when ``should_stop()`` turned true first (the app is closing: it waits for no fetch).
    """

    async def main() -> FetchResult:
        async with Fetcher(settings) as fetcher:
            return await fetcher.fetch(url)

    try:
        result = _run_sync(lambda: run_with_deadline(main, None, should_stop))
    except Stopped:
        raise FetchError(f"{shown_url(url)}: stopped") from None
    if result.body is None:
        raise FetchError(f"{shown_url(url)}: {result.error or 'no content'}")
    if looks_like_feed(result.body):
        return [result.permanent_url or url], result
    parsed = parse_feed(result.body, url=result.final_url, headers=result.headers)
    if parsed.articles and parsed.error is None:
        return [result.permanent_url or url], result
    return discover_feed_links(result.body, result.final_url), None


def store_fetched(repo: Repository, feed: Feed, result: FetchResult) -> FeedRefresh:
    """Store a document fetched for ``feed`` outside a refresh, as a refresh would have."""
    parsed = parse_for_store(result.body, result.final_url, result.headers) if result.body else None
    return _store(repo, feed, result, parsed)[0]

"""The refresh pipeline, one for the command line and the app: fetch, parse and store the feeds,
check the new articles for tariff rows (when asked) and against the watch list, place them into
stories (when asked: the app's refresh does, a refresh from cron leaves it), then apply
retention. A feed added stores the articles of the fetch that found it; :func:`after_adding`
takes them through the same steps.

``newsreader refresh`` runs it in its own process, the app in its refresh child
(:mod:`tui.services.background`); both report a failed retention the same way, as one line
beside the refresh's results, which stay stored. Its imports wait for the first refresh, so the
app's process, which only starts the child, never loads the fetcher.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.config import Settings
from tui.core.models import ArticleScope, FeedRefresh, RefreshSummary, ScopeKind
from tui.core.watching import Alert

if TYPE_CHECKING:
    from tui.store.repository import Repository

__all__ = [
    "AfterRefresh",
    "RefreshOutcome",
    "after_adding",
    "after_refresh",
    "one_line",
    "run_refresh",
]

_MAX_MESSAGE = 300


@dataclass(frozen=True, slots=True)
class RefreshOutcome:
    """What a refresh did: the feeds' results, then the steps after the fetching
    (:class:`AfterRefresh`; ``step_error`` is its ``error``: story grouping or retention)."""

    summary: RefreshSummary
    removed: int = 0
    step_error: str | None = None
    alerts: tuple[Alert, ...] = ()
    watch_error: str | None = None


def one_line(exc: BaseException) -> str:
    """An exception as one short line (store errors already are one; others get their type)."""
    from tui.store.errors import StoreError

    text = str(exc) if isinstance(exc, StoreError) else f"{type(exc).__name__}: {exc}"
    text = " ".join(text.split())
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "\u2026"


def run_refresh(
    repo: Repository,
    settings: Settings,
    feed_ids: Collection[int] | None = None,
    *,
    check_tariffs: bool,
    group_stories: bool = True,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int, int, FeedRefresh], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> RefreshOutcome:
    """Refresh the fetchable feeds (those of ``feed_ids``, or all), then apply retention.

    ``check_tariffs``: check each feed's new articles for tariff rows as they are stored (the
    app's tariff pane and tracker show them at once); without it the articles wait for the
    catch-up before tariff rows are shown (:func:`tui.services.extraction.catch_up_tariffs`),
    and a refresh run by cron only fetches and stores. ``group_stories``: place the new articles
    into stories now; without it they wait for the next refresh that does (the app's) or for
    ``newsreader stories``, which place every article not placed yet. One feed asked for by
    id is fetched even when disabled (a 410 Gone disabled it). ``on_start(total)`` is
    called once the feeds are chosen, ``on_progress`` as each one is done; once ``should_stop()``
    turns true no feed is started and retention is skipped. Raises
    :class:`~tui.store.errors.StoreUnavailable` when the database cannot be written; a retention
    or a story grouping that fails is ``step_error``.
    """
    from tui.services.fetcher import FetchSettings
    from tui.services.refresh import refresh_feeds
    from tui.services.subscriptions import is_fetchable

    listed = repo.feeds()
    if feed_ids is not None:
        wanted = set(feed_ids)
        listed = [f for f in listed if f.id in wanted]
        if len(listed) == 1 and listed[0].disabled:
            # One feed, asked for by name (r on it): a feed disabled by a 410 Gone is tried
            # again, and disabled again if it still answers 410.
            repo.set_disabled(listed[0].id, False)
            listed = [repo.feed(listed[0].id) or listed[0]]
    targets = [f for f in listed if is_fetchable(f)]
    if on_start is not None:
        on_start(len(targets))

    stored: list[int] = []

    def new_articles(feed_id: int, ids: list[int]) -> None:
        stored.extend(ids)
        if check_tariffs:
            # imported with the first new articles: a refresh of unchanged feeds (all 304)
            # does without the extractors' 30 ms of imports
            from tui.services.extraction import extract_new_tariffs

            extract_new_tariffs(repo, ids)

    summary = refresh_feeds(
        repo,
        targets,
        settings=FetchSettings.from_settings(settings),
        on_progress=on_progress,
        on_new_articles=new_articles,
        should_stop=should_stop,
    )
    after = after_refresh(repo, settings, stored, should_stop, group_stories=group_stories)
    return RefreshOutcome(summary, after.removed, after.error, after.alerts, after.watch_error)


def after_adding(
    repo: Repository,
    settings: Settings,
    feed_ids: Collection[int],
    *,
    check_tariffs: bool,
    group_stories: bool = True,
    should_stop: Callable[[], bool] | None = None,
) -> RefreshOutcome:
    """What a refresh does once it has stored, for the articles of feeds just added that the
    fetch which found each stored (:func:`tui.services.subscriptions.subscribe`): no refresh
    stores them as new after that, so their tariff check, watch check and grouping are the
    add's, with ``check_tariffs`` and ``group_stories`` as :func:`run_refresh` takes them.
    The summary holds each feed's result, as its refresh would have."""
    results: list[FeedRefresh] = []
    stored: list[int] = []
    for feed_id in feed_ids:
        feed = repo.feed(feed_id)
        if feed is None:  # deleted meanwhile
            continue
        ids = repo.article_ids(ArticleScope(ScopeKind.FEED, feed_id=feed_id))
        stored += ids
        results.append(
            FeedRefresh(
                feed.id, feed.url, feed.last_status, new_articles=len(ids), error=feed.last_error
            )
        )
    if check_tariffs and stored:
        from tui.services.extraction import extract_new_tariffs

        extract_new_tariffs(repo, stored)
    after = after_refresh(repo, settings, stored, should_stop, group_stories=group_stories)
    summary = RefreshSummary(tuple(results))
    return RefreshOutcome(summary, after.removed, after.error, after.alerts, after.watch_error)


@dataclass(frozen=True, slots=True)
class AfterRefresh:
    """What followed a refresh or a sync: ``removed`` articles went to retention; ``error``: the
    one line of a step that failed (story grouping, retention); ``alerts``: what the new
    articles brought for the watch list (``watch_error``: that check failed). A failed step
    keeps the refresh's results."""

    removed: int = 0
    error: str | None = None
    alerts: tuple[Alert, ...] = ()
    watch_error: str | None = None


def after_refresh(
    repo: Repository,
    settings: Settings,
    new_ids: list[int],
    should_stop: Callable[[], bool] | None = None,
    *,
    group_stories: bool = True,
) -> AfterRefresh:
    """What follows a refresh or a sync once its articles (``new_ids`` new) are stored: check
    them against the watch list (even when asked to stop: they are new only now), place them
    into stories, then apply retention (both skipped when asked to stop)."""
    alerts, watch_error = _check_watches(repo, new_ids)
    stories_error = _group_stories(repo, should_stop) if group_stories else None
    removed, retention_error = _retention(repo, settings, should_stop)
    return AfterRefresh(removed, retention_error or stories_error, alerts, watch_error)


def _retention(
    repo: Repository, settings: Settings, should_stop: Callable[[], bool] | None
) -> tuple[int, str | None]:
    days, per_feed = settings.retention_days, settings.retention_per_feed
    if not (days or per_feed) or (should_stop is not None and should_stop()):
        return 0, None
    try:
        return repo.apply_retention(days, per_feed), None
    except Exception as exc:  # the new articles are in: report it, keep the summary
        return 0, f"Retention failed: {one_line(exc)}"


def _check_watches(repo: Repository, stored: list[int]) -> tuple[tuple[Alert, ...], str | None]:
    """The watch list's alerts for the new articles (tui.services.watching), or why not."""
    from tui.services.watching import check_watches

    try:
        return tuple(check_watches(repo, stored)), None
    except Exception as exc:  # the new articles are in: report it, keep the summary
        return (), f"Watch check failed: {one_line(exc)}"


def _group_stories(repo: Repository, should_stop: Callable[[], bool] | None) -> str | None:
    """Place the new articles into stories (issue 18); a failure is one line, like
    retention's, and the refresh's results stay."""
    if should_stop is not None and should_stop():
        return None
    from tui.services.stories import group_new_articles

    try:
        group_new_articles(repo, should_stop=should_stop)
    except Exception as exc:
        return f"Story grouping failed: {one_line(exc)}"
    return None

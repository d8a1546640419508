"""Grouping on refresh: new articles go into the stories of the cache, or start new ones.

Each run takes the articles not grouped yet, computes their features (the entities of their
title and summary, not of the full text: a refresh must stay cheap), loads the grouped articles
within the link window of them and places them (:func:`tui.core.story_grouping.place`).

The term statistics are a snapshot: made from the cache the first time there are enough
articles, and made again (with every story regrouped from scratch) when the cache has grown
fourfold since, up to :data:`STATS_SETTLE` articles, past which they barely move; or when the
features' version changes.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.core.story_features import FEATURES_VERSION, StoryFeatures, features_for
from tui.core.story_grouping import MIN_DOCS, WINDOW_SECONDS, TermStats, place
from tui.store.repository import Repository

__all__ = ["STATS_SETTLE", "group_new_articles"]

BATCH = 2000
"""Articles placed per step (a first run over a large cache goes step by step)."""
STATS_GROWTH = 4
STATS_SETTLE = 20_000


def _features(raw: list[tuple[int, int, int, str, str]]) -> list[StoryFeatures]:
    return [
        features_for(aid, at, title, summary, feed_id=feed) for aid, feed, at, title, summary in raw
    ]


def _stats(repo: Repository) -> tuple[TermStats, list[StoryFeatures]]:
    """The snapshot in use, and the features already computed for it when it was made again
    (every story is then forgotten, to be regrouped from scratch with it)."""
    docs, df, version = repo.story_terms()
    if version == FEATURES_VERSION and docs >= STATS_SETTLE:
        return TermStats(docs, df), []
    total = repo.article_total()
    if version == FEATURES_VERSION and total < max(MIN_DOCS, docs * STATS_GROWTH):
        return TermStats(docs, df), []
    repo.restart_stories(0, {}, FEATURES_VERSION)
    features = _features(repo.ungrouped_articles(STATS_SETTLE))
    stats = TermStats.of(features)
    repo.restart_stories(stats.docs, stats.df, FEATURES_VERSION)
    return stats, features


def group_new_articles(repo: Repository, *, should_stop: Callable[[], bool] | None = None) -> int:
    """Place every article not grouped yet; returns how many were placed."""
    stats, ready = _stats(repo)
    placed = 0
    last = False  # a batch shorter than BATCH was the last: no need to look again
    while not last and (should_stop is None or not should_stop()):
        if ready:
            new, ready = ready[:BATCH], ready[BATCH:]
        else:
            new = _features(repo.ungrouped_articles(BATCH))
            last = len(new) < BATCH
        if not new:
            break
        placed += place_features(repo, new, stats)
    return placed


def place_features(repo: Repository, new: list[StoryFeatures], stats: TermStats) -> int:
    """Place articles whose features are computed; returns how many."""
    start = min(f.at for f in new) - WINDOW_SECONDS
    end = max(f.at for f in new) + WINDOW_SECONDS
    new_ids = {f.article_id for f in new}
    window: list[StoryFeatures] = []
    story_of: dict[int, int] = {}
    for aid, story, at, data in repo.story_window(start, end):
        if aid in new_ids:
            continue
        try:
            window.append(StoryFeatures.from_json(aid, at, data))
        except (ValueError, KeyError, TypeError):
            continue  # a damaged row: that article links to nothing new
        story_of[aid] = story
    placement = place(new, window, story_of, stats)
    repo.save_placement(
        [(f.article_id, placement.stories[f.article_id], f.at, f.to_json()) for f in new],
        placement.merged,
    )
    return len(new)

"""Grouping skips pairs that cannot link, never one that does (issue 18).

The index leaves out candidates whose shared terms bound their link score below the bar; the
stories it gives must be those of comparing every pair of articles with :func:`linked`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import combinations

from tests.bench.bench_stories import START, reports
from tests.bench.score_stories import item_features, load_items
from tui.core.story_features import StoryFeatures, features_for
from tui.core.story_grouping import TermStats, group, linked
from tui.store.text import plain_text


def _every_pair(features: Sequence[StoryFeatures], stats: TermStats) -> dict[int, int]:
    """Stories by comparing every pair: each article id -> the smallest id of its story."""
    parent = {f.article_id: f.article_id for f in features}

    def root(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for a, b in combinations(features, 2):
        if linked(a, b, stats):
            ra, rb = root(a.article_id), root(b.article_id)
            parent[max(ra, rb)] = min(ra, rb)
    return {f.article_id: root(f.article_id) for f in features}


def test_the_labelled_set_groups_as_every_pair_compared() -> None:
    features = item_features(load_items())
    stats = TermStats.of(features)
    assert group(features, stats) == _every_pair(features, stats)


def test_generated_news_groups_as_every_pair_compared() -> None:
    """Three days of the placement benchmark's generated reports: many pairs share words."""
    feeds: dict[str, int] = {}
    features = []
    for n, (outlet, article) in enumerate(reports(400, START, 3, random.Random(7)), start=1):
        assert article.published is not None
        features.append(
            features_for(
                n,
                int(article.published.timestamp()),
                article.title,
                plain_text(article.summary_html),
                feed_id=feeds.setdefault(outlet, len(feeds) + 1),
            )
        )
    stats = TermStats.of(features)
    stories = group(features, stats)
    assert stories == _every_pair(features, stats)
    assert len(set(stories.values())) < len(features) * 0.8  # events with several reports

"""Stories across feeds (issue 18): the labelled set as a regression test, placement refresh by
refresh against grouping from scratch, and the store's story lists."""

from __future__ import annotations

import random
from itertools import combinations

from tests.bench.score_stories import Item, item_features, load_items, score_labelled_set
from tests.stories_data import store_items
from tui.core.models import ArticleScope
from tui.core.story_features import features_for
from tui.core.story_grouping import TermStats, entity_agreement, group, linked, place
from tui.services.stories import group_new_articles
from tui.store.repository import Repository

# Targets of issue 18 are precision 0.95 and recall 0.85; the recall reached on the labelled set
# is 0.81 (the misses are listed by `python -m tests.bench.score_stories --mistakes`), so the
# recall floor guards what was reached, and the precision floor the target.
MIN_PRECISION = 0.95
MIN_RECALL = 0.80


def test_labelled_set_precision_and_recall() -> None:
    items, s = score_labelled_set()
    assert len(items) >= 150 and len({i.outlet for i in items}) >= 6
    assert s.labelled_pairs == 332
    assert s.precision >= MIN_PRECISION, [(a.title, b.title) for a, b in s.wrong]
    assert s.recall >= MIN_RECALL, sorted(s.splits)


def test_a_shared_country_alone_links_nothing() -> None:
    a = features_for(1, 0, "Vietnam readies tougher penalties for illegal transshipment", "")
    b = features_for(2, 3600, "Vietnam and US mark 30 years of diplomatic ties", "")
    c = features_for(3, 7200, "US and Russian top diplomats meet in Malaysia", "")
    d = features_for(4, 7200, "Vietnam, US top diplomats meet in Kuala Lumpur", "")
    stats = TermStats(0, frozenset())
    assert not linked(a, b, stats)
    assert entity_agreement(c, d) == 0.0  # each names a country the other does not
    e = features_for(5, 0, "Trump sets 30% tariffs on EU and Mexico", "")
    f = features_for(6, 3 * 86_400, "Trump sets 30% tariffs on EU and Mexico", "")
    assert linked(e, e, stats)
    assert not linked(e, f, stats)  # three days apart


def _batches(items: list[Item], seed: int) -> list[list[Item]]:
    """``items`` in refresh-sized batches: by hour of publication, each batch shuffled, and some
    items held back to a later batch (a feed fetched late)."""
    rng = random.Random(seed)
    order = sorted(items, key=lambda i: (i.at + rng.choice([0, 0, 0, 6 * 3600]), i.id))
    batches: list[list[Item]] = []
    for item in order:
        if not batches or rng.random() < 0.25:
            batches.append([])
        batches[-1].append(item)
    for batch in batches:
        rng.shuffle(batch)
    return batches


def test_placement_batch_by_batch_equals_grouping_from_scratch() -> None:
    items = load_items()
    features = {f.article_id: f for f in item_features(items)}
    stats = TermStats.of(features.values())
    scratch = group(list(features.values()), stats)
    for seed in (1, 2, 3):
        story_of: dict[int, int] = {}
        for batch in _batches(items, seed):
            new = [features[i.id] for i in batch]
            lo = min(f.at for f in new) - 2 * 86_400
            hi = max(f.at for f in new) + 2 * 86_400
            window = [features[a] for a in story_of if lo <= features[a].at <= hi]
            placement = place(new, window, story_of, stats)
            story_of = {a: placement.merged.get(s, s) for a, s in story_of.items()}
            story_of.update(placement.stories)
        assert story_of == scratch
    assert len(set(scratch.values())) < len(items)  # some stories have several reports


def test_refreshes_in_the_store_give_the_stories_of_one_grouping(repo: Repository) -> None:
    items = load_items()
    ids = store_items(repo, items[:60])
    assert group_new_articles(repo) == 60
    ids |= store_items(repo, items[60:])
    assert group_new_articles(repo) == len(items) - 60
    assert group_new_articles(repo) == 0
    docs, df, _version = repo.story_terms()
    assert docs == 60  # the statistics were taken at the first grouping, and kept
    features = [features_for(ids[i.id], i.at, i.title, i.summary) for i in items]
    scratch = group(features, TermStats.from_counts(docs, df))
    in_store = {}
    for sid in repo.story_ids(ArticleScope()):
        for member in repo.story_articles(sid):
            in_store[member.id] = sid
    assert in_store == scratch
    assert len(set(in_store.values())) < len(items)


def test_story_rows_count_sources_and_unread(repo: Repository) -> None:
    items = [i for i in load_items() if i.event in ("canada-35", "delta-earnings")]
    ids = store_items(repo, items)
    group_new_articles(repo)
    stories = repo.story_summaries(repo.story_ids(ArticleScope()))
    by_size = sorted(stories, key=lambda s: s.articles)
    assert [s.articles for s in by_size] == [1, 7]
    canada = by_size[1]
    assert canada.sources == 7 and canada.unread == 7
    first = min((i for i in items if i.event == "canada-35"), key=lambda i: i.at)
    assert canada.lead_id == ids[first.id] and canada.title == first.title
    repo.set_read([m.id for m in repo.story_articles(canada.id)][:2])
    (again,) = repo.story_summaries([canada.id])
    assert again.unread == 5
    members = repo.story_articles(canada.id)
    assert [m.published for m in members] == sorted((m.published for m in members), reverse=True)
    assert all(a.feed_id != b.feed_id for a, b in combinations(members, 2))


def test_articles_not_grouped_yet_are_stories_of_their_own(repo: Repository) -> None:
    items = load_items()[:5]
    ids = store_items(repo, items)
    listed = repo.story_ids(ArticleScope())
    assert sorted(listed) == sorted(ids.values())
    assert all(s.articles == 1 for s in repo.story_summaries(listed))

"""Score story grouping against the labelled set (tests/fixtures/stories, issue 18).

    .venv/bin/python -m tests.bench.score_stories [--mistakes]

Grouping runs from scratch over the 155 labelled items, with the term statistics of those items
(as the app takes them from its cache). Two items are a *pair* when they are in one story; a
pair is right when the labels give both the same event. Precision = right pairs / grouped
pairs, recall = right pairs / labelled same-event pairs. ``--mistakes`` lists the wrongly
joined pairs and, per event, how its items were split.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from tui.core.story_features import StoryFeatures, features_for
from tui.core.story_grouping import TermStats, group

ITEMS = Path(__file__).resolve().parents[1] / "fixtures" / "stories" / "items.json"


@dataclass(frozen=True, slots=True)
class Item:
    id: int
    guid: str
    outlet: str
    at: int
    title: str
    summary: str
    event: str


def load_items(path: Path = ITEMS) -> list[Item]:
    """The labelled items, numbered from 1 in their order in the file."""
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    items = []
    for n, it in enumerate(raw["items"], start=1):
        at = int(datetime.fromisoformat(it["published"].replace("Z", "+00:00")).timestamp())
        items.append(Item(n, it["guid"], it["outlet"], at, it["title"], it["summary"], it["event"]))
    return items


def outlet_ids(items: list[Item]) -> dict[str, int]:
    """Each outlet as a feed id (numbered in order of appearance)."""
    ids: dict[str, int] = {}
    for item in items:
        ids.setdefault(item.outlet, len(ids) + 1)
    return ids


def item_features(items: list[Item]) -> list[StoryFeatures]:
    feeds = outlet_ids(items)
    return [features_for(i.id, i.at, i.title, i.summary, feed_id=feeds[i.outlet]) for i in items]


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    grouped_pairs: int
    labelled_pairs: int
    wrong: list[tuple[Item, Item]]
    splits: dict[str, list[list[Item]]]


def score(items: list[Item], stories: dict[int, int]) -> Score:
    """Pairwise precision and recall of ``stories`` (item id -> story id) against the labels."""
    right = grouped = labelled = 0
    wrong: list[tuple[Item, Item]] = []
    for a, b in combinations(items, 2):
        same_story = stories[a.id] == stories[b.id]
        same_event = a.event == b.event
        grouped += same_story
        labelled += same_event
        right += same_story and same_event
        if same_story and not same_event:
            wrong.append((a, b))
    parts: dict[str, dict[int, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        parts[item.event][stories[item.id]].append(item)
    splits = {e: list(p.values()) for e, p in parts.items() if len(p) > 1}
    return Score(
        precision=right / grouped if grouped else 1.0,
        recall=right / labelled if labelled else 1.0,
        grouped_pairs=grouped,
        labelled_pairs=labelled,
        wrong=wrong,
        splits=splits,
    )


def score_labelled_set() -> tuple[list[Item], Score]:
    items = load_items()
    features = item_features(items)
    return items, score(items, group(features, TermStats.of(features)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", action="store_true", help="list the wrong and missed pairs")
    args = parser.parse_args()
    items, s = score_labelled_set()
    events = len({i.event for i in items})
    print(f"{len(items)} items, {events} events, {s.labelled_pairs} labelled pairs")
    print(f"precision {s.precision:.3f}  recall {s.recall:.3f}  ({s.grouped_pairs} grouped pairs)")
    if args.mistakes:
        for a, b in s.wrong:
            print(f"joined: [{a.event}] {a.title!r}  +  [{b.event}] {b.title!r}")
        for event, parts in sorted(s.splits.items()):
            print(f"split {event}:")
            for part in parts:
                print("   " + " | ".join(f"{i.outlet}: {i.title}" for i in part))


if __name__ == "__main__":
    main()

"""Story grouping on the real feed corpus (../shared/feeds): which articles it puts together.

    .venv/bin/python -m tests.bench.stories_corpus [--corpus ../shared/feeds]

A check of precision away from the labelled set the thresholds were chosen on: every feed of
the corpus is stored in a fresh cache and grouped by the refresh's own step, and each story of
more than one article is printed (feed and title of each), to be read by eye. The corpus holds
single feeds of many outlets and years, so nearly every article should stay alone; a printed
story is either a real one (the three NPR captures, Ars Technica and WGRZ share 2025 tariff
news) or a wrong merge.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from tests.bench.bench_util import REPO
from tui.core.models import ArticleScope
from tui.core.parse import parse_feed
from tui.services.stories import group_new_articles
from tui.store.repository import Repository

CORPUS = REPO.parent / "shared" / "feeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    files = sorted(
        p for p in args.corpus.glob("*") if p.suffix in (".xml", ".rss", ".rdf", ".atom")
    )
    if not files:
        raise SystemExit(f"no feeds at {args.corpus} (the corpus is not in the repository)")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(Path(tmp) / "news.db")
        for path in files:
            parsed = parse_feed(path.read_bytes())
            if not parsed.articles:
                continue
            feed = repo.add_feed(f"https://corpus.example.test/{path.name}", path.stem)
            repo.store_articles(feed.id, parsed.articles)
        placed = group_new_articles(repo)
        summaries = repo.story_summaries(repo.story_ids(ArticleScope()))
        several = [s for s in summaries if s.articles > 1]
        print(f"{len(files)} feeds, {placed} articles, {len(summaries)} stories,")
        print(f"{len(several)} of more than one article:")
        for story in several:
            print(f"- story {story.id} ({story.articles} articles, {story.sources} sources)")
            for member in repo.story_articles(story.id):
                print(f"    {member.feed_title}: {member.title}")
        repo.close()


if __name__ == "__main__":
    main()

"""Story placement speed: 1,000 new articles into a cache of 50,000 (issue 18).

    .venv/bin/python -m tests.bench.bench_stories [--cache 50000] [--new 1000]

The cache is made of the labelled items (tests/fixtures/stories) repeated over 60 days with
their words varied, grouped once; then 1,000 more articles over the last day are stored and
placed by the refresh's own step (:func:`tui.services.stories.group_new_articles`). Printed:
the time of that placement, split into feature extraction and the rest.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.bench.score_stories import load_items
from tui.core.models import ParsedArticle
from tui.services import stories as service
from tui.store.repository import Repository

START = datetime(2025, 5, 1, tzinfo=UTC)


def _articles(n: int, start: datetime, span: timedelta, salt: str) -> list[ParsedArticle]:
    items = load_items()
    out = []
    for k in range(n):
        item = items[k % len(items)]
        when = start + span * (k / max(1, n))
        out.append(
            ParsedArticle(
                guid=f"{salt}-{k}",
                link=f"https://news.example.test/{salt}/{k}",
                title=f"{item.title} ({salt} {k // len(items)})",
                published=when,
                summary_html=f"<p>{item.summary}</p>",
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=int, default=50_000)
    parser.add_argument("--new", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Repository(Path(tmp) / "news.db")
        feed = repo.add_feed("https://bench.example.test/rss", "Bench")
        old = _articles(args.cache, START, timedelta(days=60), "old")
        for i in range(0, len(old), 1000):
            repo.store_articles(feed.id, old[i : i + 1000])
        t = time.perf_counter()
        service.group_new_articles(repo)
        print(f"grouped the cache of {args.cache}: {time.perf_counter() - t:.1f} s")
        new = _articles(args.new, START + timedelta(days=59), timedelta(days=1), "new")
        repo.store_articles(feed.id, new)
        features_time = 0.0
        real = service._features

        def timed(raw: list[tuple[int, int, int, str, str]]) -> list:  # type: ignore[type-arg]
            nonlocal features_time
            t0 = time.perf_counter()
            out = real(raw)
            features_time += time.perf_counter() - t0
            return out

        service._features = timed  # type: ignore[assignment]
        t = time.perf_counter()
        placed = service.group_new_articles(repo)
        total = time.perf_counter() - t
        print(
            f"placed {placed} new articles into {args.cache}: {total:.3f} s"
            f" (features {features_time:.3f} s, the rest {total - features_time:.3f} s)"
        )
        repo.close()


if __name__ == "__main__":
    main()

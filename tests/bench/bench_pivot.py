"""The entity pivot (`e`) over 50,000 cached articles: milliseconds per entity through
tui.services.entity_search.articles_naming, which lists the newest 500 articles naming it.

Two states of the cache: none of the articles opened yet (every candidate is decided by reading
the sentences that hold its name), and the newest ``--opened`` articles opened (their stored
entities answer from the entity table). The entities cover a frequent country, a name whose
short form is a common word ("US" in "us"), a person, an organisation, a city and no hit.

    .venv/bin/python -m tests.bench.bench_pivot --out /tmp/bench
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.bench import bench_cache
from tests.bench.bench_util import emit, fmt, md_table, median, percentile
from tui.core.models import ArticleScope, Entity, EntityLabel

ENTITIES: tuple[tuple[str, EntityLabel], ...] = (
    ("Mexico", "GPE"),
    ("United States", "GPE"),
    ("Maren Tollefsen", "PERSON"),
    ("Halvorsen Steelworks", "ORG"),  # the extractor reads it as a person: no article
    ("Halvorsen Steelworks", "PERSON"),
    ("Oslo", "GPE"),
    ("Atlantis", "GPE"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache-root", type=Path)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--opened", type=int, default=2_000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args()
    cache_root = args.cache_root or Path(tempfile.gettempdir()) / "newsreader-bench-cache"
    info = bench_cache.build_home(cache_root / f"home-{args.articles}", args.articles)

    from tui.paths import resolve
    from tui.services.entity_search import articles_naming
    from tui.services.extraction import extraction_for
    from tui.store.repository import Repository

    repo = Repository(resolve({"NEWSREADER_HOME": str(info.home)}).database)
    results: dict[str, dict[str, object]] = {}
    rows: list[tuple[object, ...]] = []
    try:
        # Start from a cache where nothing was opened: drop the extractions a previous run made.
        with repo._write() as conn:
            conn.execute("DELETE FROM extractions")
            conn.execute("DELETE FROM article_entities")
            conn.execute("DELETE FROM tariff_rows")
        for state in ("none opened", f"newest {args.opened:,} opened"):
            if state != "none opened":
                ids = repo.article_ids(ArticleScope())[: args.opened]
                for article in repo.articles(ids):
                    extraction_for(repo, article)
            for name, label in ENTITIES:
                entity = Entity(name, label)
                articles_naming(repo, entity, args.limit)  # warm-up
                times: list[float] = []
                hits = 0
                for _ in range(args.reps):
                    t = time.perf_counter()
                    hits = len(articles_naming(repo, entity, args.limit))
                    times.append((time.perf_counter() - t) * 1000)
                results[f"{state}: {name}"] = {
                    "hits": hits,
                    "ms": times,
                    "median_ms": median(times),
                    "p95_ms": percentile(times, 95),
                }
                rows.append((state, f"{name} ({label})", hits, fmt(median(times)), fmt(max(times))))
    finally:
        repo.close()
    table = (
        f"### Entity pivot, {info.articles:,} articles (newest {args.limit} listed, "
        f"{args.reps} runs each)\n\n"
        + md_table(("cache", "entity", "listed", "median ms", "max ms"), rows)
    )
    emit(args.out, "pivot", table, {"articles": info.articles, "entities": results})


if __name__ == "__main__":
    main()

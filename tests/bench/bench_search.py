"""Full-text search over 50,000 cached articles: milliseconds per query through Repository.search.

Each query runs ``--reps`` times after one warm-up pass over all queries (the first query of a
process also pays for opening the FTS index; that cold figure is reported separately). The
queries cover what a user types: common and rare words, several words, a phrase, a prefix, an
OR, a name, and a word that matches nothing.

    .venv/bin/python -m tests.bench.bench_search --out /tmp/bench
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.bench import bench_cache
from tests.bench.bench_util import emit, fmt, md_table, median, percentile

QUERIES = (
    "tariffs",  # frequent in the generated text
    "budget",  # a content word
    "harbour railway",  # two words, ANDed
    '"raise tariffs on steel"',  # a phrase
    "semicond*",  # a prefix
    "Brazil OR Vietnam",  # OR
    "Maren Tollefsen",  # a person
    "Halvorsen Steelworks",  # an organisation
    "the",  # the most common word: the worst case for ranking by date
    "zyxwvut",  # no hit
    "Valparaíso",  # non-ASCII (diacritics folded)
    "inflation interest rates bank",  # four words
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache-root", type=Path)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--limit", type=int, default=500, help="Repository.search limit")
    args = parser.parse_args()
    cache_root = args.cache_root or Path(tempfile.gettempdir()) / "newsreader-bench-cache"
    info = bench_cache.build_home(cache_root / f"home-{args.articles}", args.articles)

    from tui.paths import resolve
    from tui.store.repository import Repository

    repo = Repository(resolve({"NEWSREADER_HOME": str(info.home)}).database)
    try:
        t0 = time.perf_counter()
        repo.search(QUERIES[0], args.limit)
        cold_ms = (time.perf_counter() - t0) * 1000
        for q in QUERIES:  # warm-up
            repo.search(q, args.limit)
        per_query: dict[str, dict[str, object]] = {}
        all_ms: list[float] = []
        rows: list[tuple[object, ...]] = []
        for q in QUERIES:
            times: list[float] = []
            hits = 0
            for _ in range(args.reps):
                t = time.perf_counter()
                hits = len(repo.search(q, args.limit))
                times.append((time.perf_counter() - t) * 1000)
            all_ms.extend(times)
            per_query[q] = {
                "hits": hits,
                "ms": times,
                "median_ms": median(times),
                "p95_ms": percentile(times, 95),
            }
            rows.append((f"`{q}`", hits, fmt(median(times)), fmt(percentile(times, 95))))
    finally:
        repo.close()
    rows.append(
        ("**all queries**", "", f"**{fmt(median(all_ms))}**", f"**{fmt(percentile(all_ms, 95))}**")
    )
    table = (
        f"### Full-text search, {info.articles:,} articles (limit {args.limit}, "
        f"{args.reps} runs per query; first query of the process {cold_ms:.1f} ms)\n\n"
        + md_table(("query", "hits", "median ms", "p95 ms"), rows)
    )
    emit(
        args.out,
        "search",
        table,
        {
            "articles": info.articles,
            "limit": args.limit,
            "reps": args.reps,
            "cold_first_query_ms": cold_ms,
            "median_ms": median(all_ms),
            "p95_ms": percentile(all_ms, 95),
            "queries": per_query,
        },
    )


if __name__ == "__main__":
    main()

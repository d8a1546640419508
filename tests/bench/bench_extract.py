"""Entities + tariffs per article over the real feed corpus (../shared/feeds): median and p95 ms.

Every document is parsed with tui.core.parse.parse_feed; for each article the text is made the way
the app makes it (tui.core.text.article_text: html_to_text of the richest HTML, boilerplate
stripped, cleaned), then tui.services.extraction.extract_text runs both extractors. Both steps
are timed per article; one untimed warm-up pass loads the gazetteers first (its cost is
reported as the cold first call).

    .venv/bin/python -m tests.bench.bench_extract --out /tmp/bench [--corpus ../shared/feeds]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.bench.bench_util import REPO, emit, fmt, md_table, median, percentile

FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")


def corpus_dir(given: Path | None) -> Path:
    if given is not None:
        return given
    env = os.environ.get("NEWSREADER_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "feeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--reps", type=int, default=3, help="passes over the corpus")
    args = parser.parse_args()
    root = corpus_dir(args.corpus)
    files = sorted(p for p in root.iterdir() if p.suffix in FEED_SUFFIXES) if root.is_dir() else []
    if not files:
        raise SystemExit(f"bench_extract: no feed files in {root}")

    from tui.core.models import Article
    from tui.core.parse import parse_feed
    from tui.core.tariffs import mentions_tariffs
    from tui.core.text import article_text
    from tui.services.extraction import extract_text

    articles: list[Article] = []
    parse_ms: list[float] = []
    epoch = datetime.fromtimestamp(0, UTC)
    for path in files:
        data = path.read_bytes()
        t0 = time.perf_counter()
        parsed = parse_feed(data, url=f"https://example.org/{path.name}")
        parse_ms.append((time.perf_counter() - t0) * 1000)
        for i, a in enumerate(parsed.articles):
            articles.append(
                Article(
                    id=len(articles) + 1,
                    feed_id=0,
                    guid=a.guid,
                    link=a.link,
                    title=a.title,
                    author=a.author,
                    published=a.published,
                    summary_html=a.summary_html,
                    content_html=a.content_html,
                    full_text=None,
                    read=False,
                    starred=False,
                    fetched_at=epoch,
                    feed_title=path.name,
                )
            )
            del i
    # Warm-up (untimed except the very first call): gazetteers, regex compilation.
    t0 = time.perf_counter()
    first_text = article_text(articles[0])
    extract_text(first_text, None)
    cold_ms = (time.perf_counter() - t0) * 1000
    for art in articles:
        extract_text(article_text(art), art.published.date() if art.published else None)

    text_ms: list[float] = []
    extract_ms: list[float] = []
    total_ms: list[float] = []
    tariff_ms: list[float] = []
    entities = tariffs = tariff_articles = chars = 0
    slowest: list[tuple[float, str, int]] = []
    for rep in range(args.reps):
        for art in articles:
            t0 = time.perf_counter()
            text = article_text(art)
            t1 = time.perf_counter()
            result = extract_text(text, art.published.date() if art.published else None)
            t2 = time.perf_counter()
            text_ms.append((t1 - t0) * 1000)
            extract_ms.append((t2 - t1) * 1000)
            total_ms.append((t2 - t0) * 1000)
            if rep == 0:
                entities += len(result.entities)
                tariffs += len(result.tariffs)
                chars += len(text)
                if mentions_tariffs(text):
                    tariff_articles += 1
                    tariff_ms.append((t2 - t1) * 1000)
                slowest.append(((t2 - t1) * 1000, f"{art.feed_title}: {art.title[:60]}", len(text)))
    slowest.sort(reverse=True)
    rows = [
        (
            "text (article_text)",
            fmt(median(text_ms)),
            fmt(percentile(text_ms, 95)),
            fmt(max(text_ms)),
        ),
        (
            "extract_text (entities + tariffs)",
            fmt(median(extract_ms)),
            fmt(percentile(extract_ms, 95)),
            fmt(max(extract_ms)),
        ),
        (
            "  of which articles with tariff words",
            fmt(median(tariff_ms)),
            fmt(percentile(tariff_ms, 95)),
            fmt(max(tariff_ms) if tariff_ms else None),
        ),
        (
            "**text + extraction**",
            f"**{fmt(median(total_ms))}**",
            f"**{fmt(percentile(total_ms, 95))}**",
            fmt(max(total_ms)),
        ),
    ]
    table = (
        f"### Extraction per article: {len(articles)} articles from {len(files)} corpus files, "
        f"{args.reps} passes (median text {int(median([s[2] for s in slowest]))} chars; "
        f"{tariff_articles} with tariff words; first call {cold_ms:.0f} ms)\n\n"
        + md_table(("step", "median ms", "p95 ms", "max ms"), rows)
    )
    emit(
        args.out,
        "extract",
        table,
        {
            "files": len(files),
            "articles": len(articles),
            "reps": args.reps,
            "cold_first_call_ms": cold_ms,
            "parse_ms_per_file_median": median(parse_ms),
            "text_ms": {"median": median(text_ms), "p95": percentile(text_ms, 95)},
            "extract_ms": {"median": median(extract_ms), "p95": percentile(extract_ms, 95)},
            "total_ms": {"median": median(total_ms), "p95": percentile(total_ms, 95)},
            "tariff_articles": tariff_articles,
            "tariff_extract_ms": {"median": median(tariff_ms), "p95": percentile(tariff_ms, 95)},
            "entities_found": entities,
            "tariff_rows_found": tariffs,
            "text_chars": chars,
            "slowest": [{"ms": s[0], "article": s[1], "chars": s[2]} for s in slowest[:5]],
        },
    )


if __name__ == "__main__":
    main()

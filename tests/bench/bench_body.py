"""Main-thread cost of showing an article in the body pane (issue 20): the UI thread's CPU time
from setting the body's view to the frame after it, per article.

The app's own ArticleBody runs alone in a headless Textual app at 160x48 (the body 100 columns
wide); the articles are the first ``--articles`` of a bench_cache home, rendered by the app's
own ``render_article`` beforehand (in the app that happens in a worker thread). CPU time of the
thread (``time.thread_time``), not wall time: on a shared machine the wall clock mostly measures
the neighbours. Each article is shown, then the next; ``--rounds`` passes over them.

    .venv/bin/python -m tests.bench.bench_body --out /tmp/bench
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult

from tests.bench import bench_cache
from tests.bench.bench_util import emit, fmt, md_table, median, percentile
from tui.core.models import ArticleScope
from tui.paths import resolve
from tui.services.reader_view import ArticleView, render_article
from tui.store.repository import Repository
from tui.ui.widgets.article_body import ArticleBody


class BodyApp(App[None]):
    CSS = "ArticleBody { width: 100; height: 1fr; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        yield ArticleBody()


def views(home: Path, count: int) -> list[ArticleView]:
    repo = Repository(resolve({"NEWSREADER_HOME": str(home)}).database)
    try:
        ids = repo.article_ids(ArticleScope())[:count]
        articles = [repo.article(i) for i in ids]
        return [render_article(a) for a in articles if a is not None]
    finally:
        repo.close()


async def measure(shown: list[ArticleView], rounds: int) -> list[float]:
    app = BodyApp()
    costs: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        body = app.query_one(ArticleBody)
        for _ in range(rounds):
            for view in shown:
                start = time.thread_time()
                body.view = view
                for _ in range(3):  # Textual's Markdown mounts its blocks over several rounds
                    await pilot.pause()
                costs.append((time.thread_time() - start) * 1000)
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache-root", type=Path)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cache_root = args.cache_root or Path(tempfile.gettempdir()) / "newsreader-bench-cache"
    info = bench_cache.build_home(cache_root / "home-10000", 10_000)
    shown = views(info.home, args.articles)
    costs = asyncio.run(measure(shown, args.rounds))
    costs = costs[len(shown) :]  # the first round pays for imports and warm-up
    table = (
        f"### Showing an article in the body: UI-thread CPU ms per article ({len(shown)} "
        f"articles of a bench_cache home, {args.rounds - 1} measured rounds)\n\n"
        + md_table(
            ("articles shown", "median ms", "p95 ms", "max ms"),
            [
                (
                    len(costs),
                    fmt(median(costs), 1),
                    fmt(percentile(costs, 95), 1),
                    fmt(max(costs) if costs else None, 1),
                )
            ],
        )
    )
    emit(
        args.out,
        "body",
        table,
        {"costs_ms": costs, "median_ms": median(costs), "p95_ms": percentile(costs, 95)},
    )


if __name__ == "__main__":
    main()

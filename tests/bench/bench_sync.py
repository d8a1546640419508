"""Sync with a real Fever API server (coldsweat on 127.0.0.1) holding 10,000 items of 200
generated feeds: the first sync (every item paged in and stored), an incremental one after a
tenth of the feeds got new items, one with nothing new, and sending 1,000 read marks.

Each first sync starts from an empty newsreader home against the same server; the server is
set up once (coldsweat fetching 10,000 items takes about 40 s). Needs ../shared/bench (or
SHARED_BENCH=DIR) for the feed generator, and PyPI once to install coldsweat.

    .venv/bin/python -m tests.bench.bench_sync --out /tmp/bench
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.bench_util import REPO, emit, fmt, md_table, median
from tests.feedserver import serve
from tests.sync.coldsweat import PASSWORD, Coldsweat, install, start_server
from tests.sync.generated import generate

PASSWORD_ENV = "NEWSREADER_BENCH_SYNC_PASSWORD"


def _home(root: Path, url: str) -> Path:
    home = root / f"home-{time.monotonic_ns()}"
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        f'[sync]\nservice = "fever"\nurl = "{url}"\nuser = "reader@example.org"\n'
        f'password_env = "{PASSWORD_ENV}"\n',
        encoding="utf-8",
    )
    return home


def _timed(work: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    work(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    shared = Path(os.environ.get("SHARED_BENCH", REPO.parent / "shared" / "bench")).parent
    os.environ[PASSWORD_ENV] = PASSWORD

    from tui.config import Settings, load_settings
    from tui.core.models import ArticleScope
    from tui.paths import resolve
    from tui.services.sync.engine import sync
    from tui.store.repository import Repository

    with tempfile.TemporaryDirectory(prefix="newsreader-bench-sync-") as tmp:
        root = Path(tmp)
        names = generate(shared, root / "feeds")
        with serve(root / "feeds") as feeds:
            started = time.perf_counter()
            server: Coldsweat = start_server(
                install(), root / "cs", {"": [feeds.url(n) for n in names]}
            )
            setup = time.perf_counter() - started
            try:
                total = server.total_items()

                def open_home() -> tuple[Repository, Settings]:
                    home = _home(root, server.url)
                    paths = resolve({"NEWSREADER_HOME": str(home)})
                    return Repository(paths.database), load_settings(paths.config_file)

                firsts: list[float] = []
                repo, settings = open_home()
                for rep in range(args.reps):
                    if rep:
                        repo.close()
                        repo, settings = open_home()
                    firsts.append(_timed(sync, repo, settings))
                    assert repo.count_articles(ArticleScope()) == total
                nothing = [_timed(sync, repo, settings) for _ in range(args.reps)]
                generate(shared, root / "feeds", epoch=1)
                server.fetch()
                grown = server.total_items()
                incremental = _timed(sync, repo, settings)
                assert repo.count_articles(ArticleScope()) == grown
                ids = repo.article_ids(ArticleScope())[:1000]
                repo.set_read(ids)
                push = _timed(sync, repo, settings)
                repo.close()
            finally:
                server.stop()

    rows = [
        ("first sync, 10,000 items (median)", fmt(median(firsts)), f"{total:,} items"),
        ("incremental sync", fmt(incremental), f"{grown - total} new items"),
        ("sync with nothing new (median)", fmt(median(nothing)), ""),
        ("send 1,000 read marks (+ a sync)", fmt(push), "8 requests in flight"),
        ("coldsweat set-up (fetching the feeds)", fmt(setup), "not newsreader's time"),
    ]
    table = md_table(("case", "seconds", "note"), rows)
    emit(
        args.out,
        "sync",
        table,
        {
            "items": total,
            "first_sync_s": firsts,
            "nothing_new_s": nothing,
            "incremental_s": incremental,
            "incremental_new_items": grown - total,
            "push_1000_s": push,
            "server_setup_s": setup,
        },
    )


if __name__ == "__main__":
    main()

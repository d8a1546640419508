"""The watch list's costs (issue 17): the watch check in a 200-feed refresh, a saved search's
unread count at 50,000 articles, and opening the tracker with its timeline at 50,000 articles.

1. Refresh: the kit's gen_feeds.py writes 200 feeds x 50 items, its serve.py serves them on
   127.0.0.1 with 50 ms latency. Each rep refreshes a fresh home through the one pipeline
   (tui.services.pipeline.run_refresh), the app's way (new articles checked for tariff rows as
   they are stored) and the command line's (not), with no watches and with a watch list (three
   countries, three entities, two saved searches), cold (every item new) and warm (the second
   epoch: a share of the feeds with new items). Reported: the refresh time, and the time spent
   in the watch check itself (measured inside it), as a share of the refresh.
2. Saved searches: on the 50,000-article home (tests.bench.bench_cache), the unread count of
   searches from common to rare, and the recount after an article is read.
3. Tracker: the same home, its tariff rows extracted once beforehand; a fresh process per rep
   opens the app (Pilot, 120x40) and presses ``t``: the time from the key to the first frame
   of the latest table, and to the first frame of the timeline with the highlighted country's
   points (plotext's import included; under NO_COLOR, of its history table). Then, in this
   process, the CPU time of the tracker's reads (each country's latest rate, one country's
   history and timeline), less noisy than the wall times on a shared machine.

    .venv/bin/python -m tests.bench.bench_watch --out /tmp/bench --kit ../shared/bench
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.bench import bench_cache
from tests.bench.bench_keys import start_server
from tests.bench.bench_util import REPO, emit, fmt, md_table, median, percentile

WATCHED_COUNTRIES = ("China", "Mexico", "Canada")
WATCHED_ENTITIES = (("PERSON", "Hiroshi Tanaka"), ("ORG", "European Union"), ("GPE", "Kraków"))
WATCHED_SEARCHES = ("tariff", '"wheat export"')
SEARCHES = (
    "the",  # nearly every article
    "tariffs",  # about half
    "Mexico",  # a place
    '"raise tariffs on steel"',  # a phrase
    "Maren Tollefsen",  # a person
    "zyxwvut",  # nothing
)


# -- 1. the refresh ---------------------------------------------------------------------------


def _generate(kit: Path, out: Path, feeds: int, items: int, epoch: int) -> None:
    subprocess.run(
        [
            sys.executable,
            str(kit / "gen_feeds.py"),
            "--out",
            str(out),
            "--feeds",
            str(feeds),
            "--items",
            str(items),
            "--epoch",
            str(epoch),
            "--quiet",
        ],
        check=True,
    )


def _one_refresh(
    database: Path, urls: list[str], watched: bool, check_tariffs: bool, warm_root: Path | None
) -> dict[str, float]:
    """A fresh store subscribed to ``urls``; with ``warm_root``, refreshed once from the first
    epoch before the timed refresh of the second (which the caller serves)."""
    from tui.config import Settings
    from tui.core.models import Subscription
    from tui.core.watching import Watch
    from tui.services import watching
    from tui.services.pipeline import run_refresh
    from tui.store.repository import Repository

    for suffix in ("", "-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    repo = Repository(database)
    spent: list[float] = []
    original = watching.check_watches

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - t0)

    watching.check_watches = timed  # type: ignore[assignment]
    try:
        repo.add_subscriptions(Subscription(url=u) for u in urls)
        if watched:
            repo.add_watches([Watch.country(c) for c in WATCHED_COUNTRIES])
            repo.add_watches([Watch.entity(label, name) for label, name in WATCHED_ENTITIES])
            for query in WATCHED_SEARCHES:
                repo.set_search_watched(repo.save_search(query).id, True)
        settings = Settings(max_connections=16, per_host_connections=16, timeout_seconds=60)
        if warm_root is not None:
            run_refresh(repo, settings, check_tariffs=check_tariffs)
            spent.clear()
            warm_root.touch()  # the caller's signal to serve the second epoch
        t0 = time.perf_counter()
        outcome = run_refresh(repo, settings, check_tariffs=check_tariffs)
        total = time.perf_counter() - t0
    finally:
        watching.check_watches = original  # type: ignore[assignment]
        repo.close()
    return {
        "total_s": total,
        "check_s": sum(spent),
        "new": float(outcome.summary.new_articles),
        "alerts": float(len(outcome.alerts)),
    }


def bench_refresh(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    kit: Path = args.kit
    epochs = {0: scratch / "epoch0", 1: scratch / "epoch1"}
    for epoch, out in epochs.items():
        if not out.exists():
            _generate(kit, out, args.feeds, args.items, epoch)
    live = scratch / "live"
    results: dict[str, list[dict[str, float]]] = {}
    for phase in ("cold", "warm"):
        for rep in range(args.reps):
            for path_name, check_tariffs in (("app", True), ("cli", False)):
                for watched in (False, True):  # interleaved: the machine's noise hits both
                    key = f"{phase}/{path_name}/{'watched' if watched else 'none'}"
                    if live.is_symlink() or live.exists():
                        live.unlink()
                    live.symlink_to(epochs[0])
                    proc, port = start_server(kit, live, args.latency_ms, scratch, max_seconds=3600)
                    try:
                        names = sorted(p.name for p in epochs[0].glob("feed-*"))
                        urls = [f"http://127.0.0.1:{port}/{n}" for n in names]
                        (scratch / "second-epoch").unlink(missing_ok=True)
                        if phase == "warm":
                            # the first refresh reads epoch 0; then the link moves to epoch 1
                            result = _warm(scratch, urls, watched, check_tariffs, live, epochs)
                        else:
                            result = _one_refresh(
                                scratch / "bench.db", urls, watched, check_tariffs, None
                            )
                    finally:
                        proc.kill()
                        proc.wait()
                    results.setdefault(key, []).append(result)
                    print(f"  {key} rep {rep + 1}: {result['total_s']:.2f} s", flush=True)
    return results


def _warm(
    scratch: Path,
    urls: list[str],
    watched: bool,
    check_tariffs: bool,
    live: Path,
    epochs: dict[int, Path],
) -> dict[str, float]:
    """The warm rep: the first refresh from epoch 0, the timed one from epoch 1."""
    import threading

    signal = scratch / "second-epoch"

    def switch() -> None:
        while not signal.exists():
            time.sleep(0.01)
        tmp = scratch / "live.tmp"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(epochs[1])
        tmp.replace(live)

    mover = threading.Thread(target=switch, daemon=True)
    mover.start()
    result = _one_refresh(scratch / "bench.db", urls, watched, check_tariffs, signal)
    mover.join(timeout=5)
    return result


# -- 1b. the check over a cache that names the watched countries --------------------------------

CACHE_COUNTRIES = ("China", "Mexico", "Canada")
CACHE_ENTITIES = (("PERSON", "Maren Tollefsen"), ("ORG", "Halvorsen Steelworks"), ("GPE", "Oslo"))


def bench_check_in_cache(args: argparse.Namespace, source: Path, scratch: Path) -> dict[str, Any]:
    """check_watches on a copy of the 50,000-article home (tariff sentences name the watched
    countries, sentences name the watched people): the newest N articles taken as new, the
    rest as checked by earlier refreshes; and the first check after the countries are watched,
    which checks every article naming them for rates, once."""
    import json as json_module

    from tui.core.watching import Watch
    from tui.paths import resolve
    from tui.services.watching import check_watches
    from tui.store.repository import Repository

    home = scratch / "check-home"
    if home.exists():
        shutil.rmtree(home)
    shutil.copytree(source, home)
    repo = Repository(resolve({"NEWSREADER_HOME": str(home)}).database)
    out: dict[str, Any] = {}
    try:
        repo.add_watches([Watch.country(c) for c in CACHE_COUNTRIES])
        repo.add_watches([Watch.entity(label, name) for label, name in CACHE_ENTITIES])
        for query in WATCHED_SEARCHES:
            repo.set_search_watched(repo.save_search(query).id, True)
        ids = sorted(repo.article_ids(_all()), reverse=True)
        t0 = time.perf_counter()
        check_watches(repo, ids[:60])
        out["first_check_s"] = time.perf_counter() - t0
        for n in (60, 1000, 10_000):
            times: list[float] = []
            for _ in range(args.reps):
                new = ids[:n]
                with repo._write() as conn:  # as if the earlier checks stopped below them
                    conn.execute("DELETE FROM alerts")
                    conn.execute(
                        "INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)",
                        (
                            "watch.tariff_scan",
                            json_module.dumps({c: min(new) - 1 for c in CACHE_COUNTRIES}),
                        ),
                    )
                t0 = time.perf_counter()
                alerts = check_watches(repo, new)
                times.append(time.perf_counter() - t0)
            out[f"new_{n}"] = {"check_ms": median(times) * 1000, "alerts": len(alerts)}
    finally:
        repo.close()
    shutil.rmtree(home)
    return out


def _all() -> Any:
    from tui.core.models import ArticleScope

    return ArticleScope()


# -- 2. saved searches ------------------------------------------------------------------------


def bench_counts(args: argparse.Namespace, home: Path) -> dict[str, Any]:
    from tui.core.models import ArticleScope, ScopeKind
    from tui.paths import resolve
    from tui.store.repository import Repository

    repo = Repository(resolve({"NEWSREADER_HOME": str(home)}).database)
    out: dict[str, Any] = {}
    try:
        saved = [repo.save_search(q) for q in SEARCHES]
        for search in saved:
            times: list[float] = []
            for _ in range(args.count_reps):
                t0 = time.perf_counter()
                unread = repo.search_unread(search.id)
                times.append((time.perf_counter() - t0) * 1000)
            matches = repo.count_articles(ArticleScope(ScopeKind.SEARCH, search_id=search.id))
            # the recount after reading one of its articles, as the feeds pane makes it
            after: list[float] = []
            ids = repo.article_ids(ArticleScope(ScopeKind.SEARCH, search_id=search.id))[:1]
            for _ in range(args.count_reps if ids else 0):
                repo.set_read(ids, True)
                t0 = time.perf_counter()
                repo.search_unread(search.id)
                after.append((time.perf_counter() - t0) * 1000)
                repo.set_read(ids, False)
            out[search.query] = {
                "matches": matches,
                "unread": unread,
                "count_ms_median": median(times),
                "count_ms_p95": percentile(times, 95),
                "recount_after_read_ms_median": median(after) if after else None,
            }
        all_times: list[float] = []
        for _ in range(args.count_reps):
            t0 = time.perf_counter()
            repo.saved_searches()
            all_times.append((time.perf_counter() - t0) * 1000)
        out["all six (the feeds pane's reload)"] = {
            "count_ms_median": median(all_times),
            "count_ms_p95": percentile(all_times, 95),
        }
        for search in saved:
            repo.delete_search(search.id)
    finally:
        repo.close()
    return out


# -- 3. the tracker ---------------------------------------------------------------------------


TRACKER_COUNTRIES = (
    "Brazil", "Canada", "China", "Mexico", "India", "Japan", "Vietnam", "Germany", "France",
    "South Korea", "Australia", "Indonesia", "Turkey", "Chile", "Norway", "Kenya", "Argentina",
    "Poland", "Thailand", "Egypt",
)  # fmt: skip


def prepare_tracker_home(source: Path, target: Path, share: int) -> int:
    """A copy of the 50,000-article home checked for tariff rows (as after the tracker's first
    opening), then given one report in ``share`` articles: the generated sentences name the
    countries that raise tariffs, not their targets, so the extractor finds few rows in them,
    and the tracker is measured with as many as a year of trade news holds. Returns how many
    rows it holds."""
    import random

    from tui.paths import resolve
    from tui.services.extraction import catch_up_tariffs
    from tui.services.versions import TARIFF_SCAN_VERSION
    from tui.store.repository import Repository

    marker = target / f".bench-tariffs-{share}"
    if not marker.exists():
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target)
        repo = Repository(resolve({"NEWSREADER_HOME": str(target)}).database)
        try:
            t0 = time.perf_counter()
            catch_up_tariffs(repo)
            print(f"  articles checked for rates in {time.perf_counter() - t0:.0f} s", flush=True)
            rng = random.Random(17)
            ids = sorted(repo.article_ids(_all()))[::share]
            statuses = ("imposed", "agreed", "threatened", "proposed", "other")
            with repo._write() as conn:
                conn.executemany(
                    "INSERT INTO tariff_rows (article_id, version, country, iso, rate_pct,"
                    " status, effective, evidence) VALUES (?, ?, ?, '', ?, ?, ?, ?)",
                    [
                        (
                            article_id,
                            TARIFF_SCAN_VERSION,
                            rng.choice(TRACKER_COUNTRIES),
                            float(rng.choice((10, 15, 20, 25, 30, 34, 46, 50))),
                            rng.choice(statuses),
                            f"2025-{rng.randint(1, 12):02d}-01" if rng.random() < 0.4 else None,
                            "An invented sentence stating the rate.",
                        )
                        for article_id in ids
                    ],
                )
        finally:
            repo.close()
        marker.touch()
    repo = Repository(resolve({"NEWSREADER_HOME": str(target)}).database)
    try:
        _stamp_checked(repo)
        return sum(repo.tariff_countries().values())
    finally:
        repo.close()


def _stamp_checked(repo: Any) -> None:
    """Mark a home prepared under an older extractor version as checked by the current one,
    keeping its rows: the bench measures the tracker's opening, not a catch-up of 50,000
    articles (which a new version would start in the app, and the rows it would find in the
    generated articles are few: the bench's own rows are the point)."""
    from tui.services.extraction import tariffs_to_check
    from tui.services.versions import EXTRACTOR_VERSION, TARIFF_SCAN_VERSION

    if not tariffs_to_check(repo):
        return
    with repo._write() as conn:
        for table in ("extractions", "tariff_rows"):
            conn.execute(
                f"UPDATE {table} SET version = CASE WHEN version LIKE '%+tariffs-only'"
                " THEN ? ELSE ? END WHERE version NOT IN (?, ?)",
                (TARIFF_SCAN_VERSION, EXTRACTOR_VERSION, TARIFF_SCAN_VERSION, EXTRACTOR_VERSION),
            )
    print("  stale tariff checks stamped with the current extractor version", flush=True)


async def _open_tracker(size: tuple[int, int]) -> dict[str, float]:
    """In this process (fresh: the bench starts one per rep): the time from ``t`` to the first
    frame of the latest table, and to the first frame of the highlighted country's chart with
    its points drawn (under NO_COLOR: of its history table). As a reader would, ``t`` comes
    once the app's idle work is done: the tracker screen built ahead (``prebuilt`` says whether
    it was, within 10 s)."""
    from tui.config import load_settings
    from tui.paths import resolve
    from tui.ui.app import NewsReaderApp

    paths = resolve()
    app = NewsReaderApp(paths, load_settings(paths.config_file))
    drawn: dict[str, float] = {}
    points: list[int] = []
    waiting: set[str] = set()  # shown, not yet written to the terminal
    cpu_at: dict[str, float] = {}  # the process's CPU time at those writes
    display = app._display

    def on_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None and type(screen).__name__ == "TrackerScreen":
            now, cpu = time.perf_counter(), time.process_time()
            for what in waiting:
                drawn.setdefault(f"{what}_write", now)
                cpu_at.setdefault(what, cpu)
            waiting.clear()

    app._display = on_display  # type: ignore[method-assign]

    def at_next_frame(screen: Any, what: str) -> None:
        """Two times: the first write of the screen's update to the terminal, and when its
        callbacks after the refresh run (as before: they wait for every pending message)."""
        if what not in drawn:
            waiting.add(what)
            screen.call_after_refresh(lambda: drawn.setdefault(what, time.perf_counter()))

    def hook_tracker() -> None:
        from tui.ui.screens import tracker

        screen_class = tracker.TrackerScreen
        loaded, show_history = screen_class._loaded, screen_class._show_history

        def on_loaded(self: tracker.TrackerScreen, *args: Any) -> None:
            loaded(self, *args)
            if self._latest:
                at_next_frame(self, "table")

        def on_history(self: tracker.TrackerScreen) -> None:
            show_history(self)
            if app.no_color and self._history:
                points.append(len(self._history))
                at_next_frame(self, "chart")

        screen_class._loaded = on_loaded  # type: ignore[method-assign]
        screen_class._show_history = on_history  # type: ignore[method-assign]
        if app.no_color:
            return
        from tui.ui.widgets.tariff_chart import TimelinePlot

        render = TimelinePlot.render

        def on_render(self: TimelinePlot) -> Any:
            result = render(self)
            if self.points and self.size.width >= 10 and isinstance(self.screen, screen_class):
                points.append(len(self.screen._points))
                at_next_frame(self.screen, "chart")
            return result

        TimelinePlot.render = on_render  # type: ignore[method-assign]

    found: dict[str, Any] = {}
    async with app.run_test(size=size) as pilot:
        while app.main_screen is None:
            await pilot.pause(0.01)
        await app.workers.wait_for_complete()
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and not (
            app._tracker is not None and app._tracker.is_mounted
        ):
            await pilot.pause(0.05)
        found["prebuilt"] = app._tracker is not None
        hook_tracker()
        await app.workers.wait_for_complete()
        for prefix in ("", "again_"):  # the first opening, then the next one (escape, t)
            await pilot.pause(0.2)
            drawn.clear()
            cpu_at.clear()
            t0, cpu0 = time.perf_counter(), time.process_time()
            await pilot.press("t")
            deadline = time.perf_counter() + 60
            while len(drawn) < 4 and time.perf_counter() < deadline:
                await pilot.pause(0.001)
            for what, name in (
                ("table", "table_ms"),
                ("chart", "open_ms"),
                ("table_write", "table_write_ms"),
                ("chart_write", "open_write_ms"),
            ):
                found[prefix + name] = (drawn[what] - t0) * 1000 if what in drawn else float("nan")
            for what in ("table", "chart"):  # every thread's CPU, this process's alone
                spent = (cpu_at[what] - cpu0) * 1000 if what in cpu_at else float("nan")
                found[f"{prefix}{what}_cpu_ms"] = spent
            found["chart"] = bool(app.screen.query("#tracker-chart"))
            await app.workers.wait_for_complete()
            await pilot.press("escape")
            while app.screen is not app.main_screen:
                await pilot.pause(0.01)
    return found | {"points": points[0] if points else 0}


def bench_tracker_reads(home: Path, reps: int) -> dict[str, Any]:
    """The CPU time (this thread's) of the tracker's reads, medians of ``reps``: every
    country's latest rate and count, then the first country's newest rows and its timeline;
    and once, the read the tracker made before (every row, then the rule over them)."""
    from tui.core.tariff_latest import latest_per_country
    from tui.paths import resolve
    from tui.services.tracker import (
        country_history,
        country_timeline,
        latest_rates,
        tracked_tariffs,
    )
    from tui.store.repository import Repository
    from tui.ui.screens.tracker import HISTORY_ROWS

    repo = Repository(resolve({"NEWSREADER_HOME": str(home)}).database)
    try:
        rates = latest_rates(repo)
        country = rates[0].country
        reads: dict[str, Callable[[], object]] = {
            "latest rates": lambda: latest_rates(repo),
            f"history ({HISTORY_ROWS} rows)": lambda: country_history(
                repo, country, limit=HISTORY_ROWS
            ),
            "timeline": lambda: country_timeline(repo, country),
        }
        found: dict[str, Any] = {}
        for name, read in reads.items():
            times = []
            for _ in range(reps):
                t0 = time.thread_time()
                read()
                times.append((time.thread_time() - t0) * 1000)
            found[name] = median(times)
        t0 = time.thread_time()
        every = latest_per_country(tracked_tariffs(repo))
        found["every row, then the rule (before)"] = (time.thread_time() - t0) * 1000
        assert every == [r.latest for r in rates], "the two reads disagree"
        found["country"] = country
        found["points"] = len(country_timeline(repo, country))
        return found
    finally:
        repo.close()


_WRITTEN = (
    "table_write_ms",
    "open_write_ms",
    "again_open_write_ms",
    "table_cpu_ms",
    "chart_cpu_ms",
    "again_chart_cpu_ms",
)


def bench_tracker(args: argparse.Namespace, home: Path) -> dict[str, Any]:
    """Fresh processes, alternating: with the chart, and under NO_COLOR (the history table
    alone, as the tracker was before the chart), so the chart's own cost shows."""
    times: dict[str, list[float]] = {"chart": [], "no chart": []}
    tables: dict[str, list[float]] = {"chart": [], "no chart": []}
    again: dict[str, list[float]] = {"chart": [], "no chart": []}
    written: dict[tuple[str, str], list[float]] = {}
    points = 0
    for _ in range(args.tracker_reps):
        for mode in times:
            env = {**_env(), "NEWSREADER_HOME": str(home)}
            env.pop("NO_COLOR", None)
            if mode == "no chart":
                env["NO_COLOR"] = "1"
            done = subprocess.run(
                [sys.executable, "-m", "tests.bench.bench_watch", "--tracker-rep"],
                env=env,
                capture_output=True,
                text=True,
                cwd=REPO,
                timeout=300,
            )
            if done.returncode != 0:
                raise SystemExit(f"bench_watch: tracker rep failed:\n{done.stderr[-2000:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            assert result["chart"] == (mode == "chart"), result
            assert result["prebuilt"], "the tracker was not built ahead within 10 s"
            times[mode].append(result["open_ms"])
            tables[mode].append(result["table_ms"])
            again[mode].append(result["again_open_ms"])
            for name in _WRITTEN:
                written.setdefault((mode, name), []).append(result[name])
            if mode == "chart":
                points = int(result["points"])
    return {
        mode: {
            "median": median(t),
            "p95": percentile(t, 95),
            "each": t,
            "table_median": median(tables[mode]),
            "again_median": median(again[mode]),
        }
        | {f"{name}_median": median(written[mode, name]) for name in _WRITTEN}
        for mode, t in times.items()
    } | {"points": points}


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "TEXTUAL_ANIMATIONS": "none", "TZ": "UTC"}


# -- main -------------------------------------------------------------------------------------


def _shares(results: dict[str, list[dict[str, float]]]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for phase in ("cold", "warm"):
        for path_name in ("app", "cli"):
            none = results.get(f"{phase}/{path_name}/none", [])
            watched = results.get(f"{phase}/{path_name}/watched", [])
            if not none or not watched:
                continue
            base = median([r["total_s"] for r in none])
            with_watch = median([r["total_s"] for r in watched])
            check = median([r["check_s"] for r in watched])
            rows.append(
                (
                    phase,
                    path_name,
                    int(median([r["new"] for r in watched])),
                    fmt(base),
                    fmt(with_watch),
                    f"{(with_watch - base) / base * 100:+.1f} %",
                    f"{check * 1000:.0f}",
                    f"{check / with_watch * 100:.1f} %",
                    int(median([r["alerts"] for r in watched])),
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--kit", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--cache-root", type=Path)
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--count-reps", type=int, default=20)
    parser.add_argument("--tracker-reps", type=int, default=5)
    parser.add_argument(
        "--tariff-share", type=int, default=10, help="one tariff report in N articles (tracker)"
    )
    parser.add_argument("--only", choices=("refresh", "counts", "tracker"))
    parser.add_argument("--tracker-rep", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tracker_rep:
        print(json.dumps(asyncio.run(_open_tracker((120, 40)))))
        return
    if args.out is None:
        parser.error("--out is required")
    cache_root = args.cache_root or Path(tempfile.gettempdir()) / "newsreader-bench-cache"
    data: dict[str, Any] = {}
    sections: list[str] = []
    run: Callable[[str], bool] = lambda part: args.only in (None, part)  # noqa: E731
    if run("refresh"):
        if not (args.kit / "serve.py").exists():
            raise SystemExit(f"bench_watch: no benchmark kit at {args.kit} (--kit DIR)")
        scratch = cache_root / "watch-refresh"
        scratch.mkdir(parents=True, exist_ok=True)
        results = bench_refresh(args, scratch)
        data["refresh"] = results
        header = (
            "phase",
            "path",
            "new articles",
            "no watches (s)",
            "watched (s)",
            "difference",
            "watch check (ms)",
            "check / refresh",
            "alerts",
        )
        sections.append(
            f"Refresh of {args.feeds} feeds x {args.items} items, {args.latency_ms} ms latency, "
            f"medians of {args.reps} reps\n\n" + md_table(header, _shares(results))
        )
    info = None
    if run("counts") or run("tracker") or run("refresh"):
        info = bench_cache.build_home(cache_root / f"home-{args.articles}", args.articles)
    if run("refresh") and info is not None:
        check = bench_check_in_cache(args, info.home, cache_root)
        data["check_in_cache"] = check
        rows = [
            (f"newest {n:,}", fmt(check[f"new_{n}"]["check_ms"], 1), check[f"new_{n}"]["alerts"])
            for n in (60, 1000, 10_000)
        ]
        sections.append(
            f"The watch check alone over {info.articles} cached articles (3 countries named by "
            "their tariff sentences, 3 entities, 2 searches), medians of "
            f"{args.reps} reps; first check after watching (every article naming the countries "
            f"checked for rates, once): {check['first_check_s']:.1f} s\n\n"
            + md_table(("new articles", "check ms", "alerts"), rows)
        )
    if run("counts") and info is not None:
        counts = bench_counts(args, info.home)
        data["counts"] = counts
        rows = [
            (
                query,
                c.get("matches", "–"),
                c.get("unread", "–"),
                fmt(c["count_ms_median"]),
                fmt(c["count_ms_p95"]),
                fmt(c.get("recount_after_read_ms_median")),
            )
            for query, c in counts.items()
        ]
        header = ("saved search", "matches", "unread", "count ms (median)", "p95", "after a read")
        sections.append(
            f"Saved-search unread counts over {info.articles} articles\n\n" + md_table(header, rows)
        )
    if run("tracker") and info is not None:
        home = cache_root / f"home-{args.articles}-tariffs"
        rows_held = prepare_tracker_home(info.home, home, args.tariff_share)
        tracker = bench_tracker(args, home)
        tracker["tariff_rows"] = rows_held
        tracker["reads_cpu_ms"] = reads = bench_tracker_reads(home, 20)
        data["tracker"] = tracker
        sections.append(
            f"Opening the tracker ({info.articles} articles, {rows_held} tariff rows, the first "
            f"country's {tracker['points']} timeline points), from t to the first frame of the "
            "latest table and to the first frame of its chart (NO_COLOR: its history), "
            f"{args.tracker_reps} fresh processes each\n\n"
            + md_table(
                (
                    "",
                    "table median ms",
                    "chart median ms",
                    "chart p95 ms",
                    "chart each (ms)",
                    "next opening, chart median ms",
                ),
                [
                    (
                        mode,
                        fmt(tracker[mode]["table_median"], 1),
                        fmt(tracker[mode]["median"], 1),
                        fmt(tracker[mode]["p95"], 1),
                        ", ".join(f"{t:.0f}" for t in tracker[mode]["each"]),
                        fmt(tracker[mode]["again_median"], 1),
                    )
                    for mode in ("chart", "no chart")
                ],
            )
            + "\n\nThe same, to the first write of the update to the terminal (the times above"
            " are of the callbacks after the refresh, which wait for every pending message)\n\n"
            + md_table(
                (
                    "",
                    "table median ms",
                    "chart median ms",
                    "next opening, chart median ms",
                    "CPU to the table ms",
                    "CPU to the chart ms",
                    "next opening, CPU to the chart ms",
                ),
                [
                    (mode, *(fmt(tracker[mode][f"{name}_median"], 1) for name in _WRITTEN))
                    for mode in ("chart", "no chart")
                ],
            )
            + "\n\n(CPU: the bench process's, every thread, from the key to that write: less "
            "noisy than the wall times on a shared machine)"
            + f"\n\nThe tracker's reads in this process (CPU ms, medians of 20; "
            f"{reads['country']}: {reads['points']} timeline points)\n\n"
            + md_table(
                ("read", "CPU ms"),
                [(name, fmt(v, 1)) for name, v in reads.items() if isinstance(v, float)],
            )
        )
    emit(args.out, "watch", "\n\n".join(sections), data)


if __name__ == "__main__":
    main()

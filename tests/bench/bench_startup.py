"""Start to first full screen of the installed ``newsreader`` in a 160x48 tmux pane, and its memory.

For each data set (the demo data of a first start, 10,000 and 50,000 cached articles) the command
is started in a fresh tmux window with ``NEWSREADER_HOME`` pointing at a prepared home
(refresh_on_start = false, so this is start-up, not refresh). The pane is captured every
``--poll-ms`` until both the feed list (a feed title) and the article list (the newest article's
title) are on screen; the time from launching the window to that capture is the start time.
Peak RSS is VmHWM of the newsreader process at that moment. Median over ``--reps`` runs.

    .venv/bin/python -m tests.bench.bench_startup --out /tmp/bench --reps 5
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench import bench_cache
from tests.bench.bench_util import REPO, emit, fmt, median

WIDTH, HEIGHT = 160, 48


def newsreader_command() -> list[str]:
    """$NEWSREADER (split on spaces), else `newsreader` on PATH, else the checkout's venv."""
    if os.environ.get("NEWSREADER"):
        return os.environ["NEWSREADER"].split()
    found = shutil.which("newsreader")
    if found:
        return [found]
    return [str(REPO / ".venv" / "bin" / "newsreader")]


class Tmux:
    """A private tmux server on its own socket (never the user's)."""

    def __init__(self, scratch: Path) -> None:
        self.sock = str(scratch / "tmux.sock")
        self.run(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "bench",
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            "sleep 86400",
        )
        term = self.run("show", "-gv", "default-terminal", check=False).strip()
        self.term = term or "screen-256color"

    def run(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            ["tmux", "-S", self.sock, *args], capture_output=True, text=True, check=False
        )
        if check and proc.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {proc.stderr.strip()}")
        return proc.stdout

    def window_alive(self, name: str) -> bool:
        out = self.run("list-windows", "-t", "bench", "-F", "#{window_name}", check=False)
        return name in out.split()

    def close(self) -> None:
        self.run("kill-server", check=False)


@dataclass
class Run:
    ready_s: float | None
    first_output_s: float | None
    vmhwm_kb: int | None
    vmrss_kb: int | None
    quit: str
    screen: str


def proc_status(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def ready_patterns(info: bench_cache.CacheInfo, feed_titles: list[str]) -> list[re.Pattern[str]]:
    """A feed title (any) and the first ~24 characters of the newest article's title."""
    feeds = "|".join(re.escape(t[:20]) for t in feed_titles if t)
    newest = re.escape(info.newest_title[:24])
    return [re.compile(feeds), re.compile(newest)]


def launch_once(
    tmux: Tmux,
    command: list[str],
    env: dict[str, str],
    patterns: list[re.Pattern[str]],
    poll_s: float,
    timeout_s: float,
) -> Run:
    name = "nr"
    tmux.run("kill-window", "-t", f"bench:{name}", check=False)
    env_words = [f"{k}={v}" for k, v in env.items()]
    t0 = time.perf_counter()
    tmux.run(
        "new-window", "-d", "-t", "bench:", "-n", name, "--", "env", "-i", *env_words, *command
    )
    first = ready = None
    screen = ""
    while time.perf_counter() - t0 < timeout_s:
        if not tmux.window_alive(name):
            break
        screen = tmux.run("capture-pane", "-p", "-t", f"bench:{name}", check=False)
        now = time.perf_counter()
        if first is None and screen.strip():
            first = now - t0
        if all(p.search(screen) for p in patterns):
            ready = now - t0
            break
        time.sleep(poll_s)
    hwm = rss = None
    pid_text = tmux.run("display", "-p", "-t", f"bench:{name}", "#{pane_pid}", check=False).strip()
    if ready is not None and pid_text.isdigit():
        hwm = proc_status(int(pid_text), "VmHWM")
        rss = proc_status(int(pid_text), "VmRSS")
    quit_state = "none"
    if tmux.window_alive(name):
        tmux.run("send-keys", "-t", f"bench:{name}", "q", check=False)
        quit_state = "kill"
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            if not tmux.window_alive(name):
                quit_state = "ok"
                break
            time.sleep(0.05)
        if quit_state == "kill":
            tmux.run("kill-window", "-t", f"bench:{name}", check=False)
    return Run(ready, first, hwm, rss, quit_state, screen)


def base_env(home: Path, scratch: Path, term: str) -> dict[str, str]:
    tmp = scratch / "tmp"
    tmp.mkdir(exist_ok=True)
    return {
        "HOME": str(scratch / "userhome"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": str(tmp),
        "TERM": term,
        "COLUMNS": str(WIDTH),
        "LINES": str(HEIGHT),
        "NEWSREADER_HOME": str(home),
    }


def datasets(sizes: list[int], cache_root: Path) -> list[tuple[str, bench_cache.CacheInfo]]:
    out: list[tuple[str, bench_cache.CacheInfo]] = []
    for n in sizes:
        if n == 0:
            out.append(("demo", bench_cache.build_demo_home(cache_root / "demo")))
        else:
            label = f"{n // 1000}k" if n % 1000 == 0 else str(n)
            out.append((label, bench_cache.build_home(cache_root / f"home-{n}", n)))
    return out


def feed_titles(info: bench_cache.CacheInfo) -> list[str]:
    from tui.paths import resolve
    from tui.store.repository import Repository

    repo = Repository(resolve({"NEWSREADER_HOME": str(info.home)}).database)
    try:
        return [f.display_title for f in repo.feeds()]
    finally:
        repo.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache-root", type=Path, help="where the prepared homes live (reused)")
    parser.add_argument("--sizes", default="0,10000,50000", help="0 = demo data")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--poll-ms", type=float, default=10.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("bench_startup: tmux is needed")
    cache_root = args.cache_root or Path(tempfile.gettempdir()) / "newsreader-bench-cache"
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    command = newsreader_command()
    results: dict[str, dict[str, object]] = {}
    rows = []
    with tempfile.TemporaryDirectory(prefix="nr-startup-") as tmp:
        scratch = Path(tmp)
        (scratch / "userhome").mkdir()
        tmux = Tmux(scratch)
        try:
            for label, info in datasets(sizes, cache_root):
                patterns = ready_patterns(info, feed_titles(info))
                env = base_env(info.home, scratch, tmux.term)
                runs = []
                # One untimed warm-up start: the page cache then holds the code and the db, as
                # on the second start of a day; bench.sh's tui phase is warm the same way.
                launch_once(tmux, command, env, patterns, args.poll_ms / 1000, args.timeout)
                for _ in range(args.reps):
                    runs.append(
                        launch_once(tmux, command, env, patterns, args.poll_ms / 1000, args.timeout)
                    )
                ok = [r for r in runs if r.ready_s is not None]
                ready = [r.ready_s for r in ok if r.ready_s is not None]
                hwm = [float(r.vmhwm_kb) / 1024 for r in ok if r.vmhwm_kb]
                first = [r.first_output_s for r in ok if r.first_output_s is not None]
                args.out.mkdir(parents=True, exist_ok=True)
                if runs:
                    (args.out / f"startup-screen-{label}.txt").write_text(
                        (ok[0] if ok else runs[-1]).screen, encoding="utf-8"
                    )
                results[label] = {
                    "articles": info.articles,
                    "feeds": info.feeds,
                    "ready_s": [r.ready_s for r in runs],
                    "first_output_s": [r.first_output_s for r in runs],
                    "vmhwm_mb": [None if r.vmhwm_kb is None else r.vmhwm_kb / 1024 for r in runs],
                    "quit": [r.quit for r in runs],
                    "median_ready_s": median(ready) if ready else None,
                    "median_vmhwm_mb": median(hwm) if hwm else None,
                    "failures": len(runs) - len(ok),
                }
                rows.append(
                    (
                        label,
                        info.articles,
                        fmt(median(ready) if ready else None),
                        f"{fmt(min(ready))}–{fmt(max(ready))}" if ready else "–",
                        fmt(median(first) if first else None),
                        fmt(median(hwm) if hwm else None, 1),
                        f"{len(ok)}/{len(runs)}",
                    )
                )
                print(f"startup {label}: {rows[-1]}", flush=True)
        finally:
            tmux.close()
    from tests.bench.bench_util import md_table

    table = md_table(
        (
            "data",
            "articles",
            "first screen s (median)",
            "min–max",
            "first output s",
            "VmHWM MB",
            "ok",
        ),
        rows,
    )
    emit(
        args.out,
        "startup",
        "### Start to first full screen (160x48 tmux)\n\n" + table,
        {"command": command, "poll_ms": args.poll_ms, "reps": args.reps, "results": results},
    )


if __name__ == "__main__":
    main()

"""Key press to screen update while a 200-feed refresh runs (the installed app in tmux, 160x48).

Set-up: the kit's gen_feeds.py writes N feeds, its serve.py serves them on 127.0.0.1 with
``--latency-ms``; a copy of a 10,000-article home subscribes to them (``newsreader import``),
so the refresh is a cold one (every feed new) while the list holds 10,000 cached articles.

Measure: with the article list focused, ``j`` and ``k`` alternate; before each key the screen
(with colours, ``capture-pane -e``, status and footer lines left out) is captured, the key is
sent, and the pane is polled every ``--poll-ms`` until that screen differs: the highlight moved.
The next key waits until the screen has been still for ``--settle-ms`` (the article body loads
after the highlight). First without a refresh (idle), then in ``--refreshes`` further starts
with refresh_on_start = true, each on a fresh copy of the home (so each refresh is a cold one),
sampling while the status line says "Refreshing"; their samples are pooled, because one
refresh of 200 feeds lasts only a few seconds (about a dozen presses).

tmux's own round trip is in each of those figures, so the same tmux also runs the smallest
program that answers a key (``tests.bench.key_probe echo``): the harness's floor. Then the same
idle and refresh runs again with nothing between (``tests.bench.pty_keys``): the app in a
pseudo-terminal the bench holds, from the key's write to the end of the first frame after the
cursor moved: the app's own latency.

    .venv/bin/python -m tests.bench.bench_keys --out /tmp/bench --kit ../shared/bench
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import quoteattr

from tests.bench import bench_cache
from tests.bench.bench_startup import HEIGHT, WIDTH, Tmux, base_env, newsreader_command
from tests.bench.bench_util import REPO, emit, fmt, md_table, median, percentile
from tests.bench.pty_keys import Probe, PtyApp
from tests.bench.pty_keys import sample as sample_pty

_DATED_ROW = re.compile(r"[0-9]{2} [A-Z][a-z]{2} [0-9]{2}:[0-9]{2} ")

CONFIG = """\
refresh_on_start = {on_start}
refresh_minutes = 0
max_connections = {conns}
per_host_connections = {per_host}
timeout_seconds = 60
"""


def start_server(
    kit: Path, root: Path, latency_ms: int, scratch: Path, max_seconds: int = 1800
) -> tuple[subprocess.Popen[bytes], int]:
    """The kit's feed server on 127.0.0.1 (a free port), serving ``root`` with latency."""
    port_file = scratch / "server.port"
    port_file.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [
            sys.executable,
            str(kit / "serve.py"),
            "--dir",
            str(root),
            "--port",
            "0",
            "--port-file",
            str(port_file),
            "--latency-ms",
            str(latency_ms),
            "--max-seconds",
            str(max_seconds),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if port_file.exists() and port_file.read_text().strip():
            return proc, int(port_file.read_text())
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("bench: the feed server did not start")


class Pane:
    def __init__(self, tmux: Tmux, name: str) -> None:
        self.tmux, self.target = tmux, f"bench:{name}"

    def capture(self, colours: bool = True) -> list[str]:
        args = ["capture-pane", "-p", "-t", self.target] + (["-e"] if colours else [])
        return self.tmux.run(*args, check=False).split("\n")

    def body(self) -> str:
        """The screen without the status and footer lines (they change during a refresh)."""
        lines = self.capture()
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join(lines[:-2])

    def status(self) -> str:
        lines = [line for line in self.capture(colours=False) if line.strip()]
        return "\n".join(lines[-2:])


def wait_still(pane: Pane, settle_s: float, poll_s: float, limit_s: float = 3.0) -> str:
    """The screen once it has not changed for ``settle_s``."""
    last = pane.body()
    since = time.perf_counter()
    start = since
    while time.perf_counter() - start < limit_s:
        time.sleep(poll_s)
        now = pane.body()
        if now != last:
            last, since = now, time.perf_counter()
        elif time.perf_counter() - since >= settle_s:
            break
    return last


def press(pane: Pane, key: str, poll_s: float, before: str, limit_s: float = 5.0) -> float | None:
    t0 = time.perf_counter()
    pane.tmux.run("send-keys", "-t", pane.target, key, check=False)
    while time.perf_counter() - t0 < limit_s:
        if pane.body() != before:
            return (time.perf_counter() - t0) * 1000
        time.sleep(poll_s)
    return None


def launch(tmux: Tmux, command: list[str], env: dict[str, str], name: str) -> Pane:
    tmux.run("kill-window", "-t", f"bench:{name}", check=False)
    words = [f"{k}={v}" for k, v in env.items()]
    tmux.run("new-window", "-d", "-t", "bench:", "-n", name, "--", "env", "-i", *words, *command)
    pane = Pane(tmux, name)
    deadline = time.perf_counter() + 60
    while time.perf_counter() < deadline:  # ready: the article list has a dated row
        if _DATED_ROW.search("\n".join(pane.capture(colours=False))):
            break
        time.sleep(0.05)
    time.sleep(0.3)
    return pane


def quit_app(tmux: Tmux, name: str) -> None:
    tmux.run("send-keys", "-t", f"bench:{name}", "q", check=False)
    deadline = time.perf_counter() + 15
    while time.perf_counter() < deadline and tmux.window_alive(name):
        time.sleep(0.1)
    tmux.run("kill-window", "-t", f"bench:{name}", check=False)


def sample(
    pane: Pane,
    n: int,
    poll_s: float,
    settle_s: float,
    while_status: str | None,
    limit_s: float,
    debug: Path | None = None,
) -> tuple[list[float], int]:
    """Latencies (ms) of up to ``n`` presses; with ``while_status``, only while it is shown."""
    out: list[float] = []
    lost = 0
    keys = ["j", "k"]
    start = time.perf_counter()
    i = 0
    while len(out) < n and time.perf_counter() - start < limit_s:
        before = wait_still(pane, settle_s, poll_s)
        if while_status is not None and while_status not in pane.status():
            break
        ms = press(pane, keys[i % 2], poll_s, before)
        i += 1
        if ms is None:
            lost += 1
            if debug is not None:  # what the screen showed around a press that changed nothing
                after = "\n".join(pane.capture(colours=False))
                debug.mkdir(parents=True, exist_ok=True)
                (debug / f"keys-lost-{lost}.txt").write_text(
                    f"key {keys[(i - 1) % 2]!r} press {i}\n--- before\n{before}\n"
                    f"--- after\n{after}\n",
                    encoding="utf-8",
                )
        else:
            out.append(ms)
    return out, lost


def echo_floor(tmux: Tmux, presses: int, poll_s: float, settle_s: float) -> list[float]:
    """The tmux harness's round trip: latencies of a program that answers each key at once."""
    name = "echo"
    command = [sys.executable, "-m", "tests.bench.key_probe", "echo"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"}
    words = [f"{k}={v}" for k, v in env.items()]
    tmux.run("new-window", "-d", "-t", "bench:", "-n", name, "--", "env", "-i", *words, *command)
    pane = Pane(tmux, name)
    deadline = time.perf_counter() + 20
    while time.perf_counter() < deadline and "footer" not in "".join(pane.capture(False)):
        time.sleep(0.05)
    out, _ = sample(pane, presses, poll_s, min(settle_s, 0.1), None, 60)
    tmux.run("send-keys", "-t", f"bench:{name}", "q", check=False)
    return out


def interpreter(command: list[str]) -> str:
    """The Python of the installed ``newsreader`` script (its #! line), for the probe."""
    path = Path(shutil.which(command[0]) or command[0])
    try:
        first = path.read_bytes()[:200].split(b"\n", 1)[0].decode()
    except OSError:
        return sys.executable
    return first[2:].strip() if first.startswith("#!") and "python" in first else sys.executable


def pty_run(
    python: str, env: dict[str, str], log: Path, presses: int, settle_s: float, busy: bool
) -> tuple[list[float], int]:
    """The app in a pty with the probe; latencies while idle, or during its refresh on start."""
    env = {**env, "TERM": "xterm-256color", "PYTHONPATH": str(REPO)}
    app = PtyApp([python, "-m", "tests.bench.key_probe", "app", str(log)], env, WIDTH, HEIGHT)
    try:
        if busy:  # the refresh starts with the app: sample from its first frame
            deadline = time.monotonic() + 60
            while not app.frames and time.monotonic() < deadline:
                time.sleep(0.02)
        else:
            app.wait_quiet(1.0, 60)
        return sample_pty(app, Probe(log), presses, settle_s, during_refresh=busy)
    finally:
        app.close()


def _row(label: str, values: list[float], lost: int) -> tuple[object, ...]:
    return (
        label,
        len(values),
        fmt(median(values), 1),
        fmt(percentile(values, 95), 1),
        fmt(max(values) if values else None, 1),
        lost,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--kit", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--cache-root", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--poll-ms", type=float, default=5.0)
    parser.add_argument("--settle-ms", type=float, default=300.0)
    parser.add_argument("--refreshes", type=int, default=4)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("bench_keys: tmux is needed")
    cache_root = args.cache_root or Path(tempfile.gettempdir()) / "newsreader-bench-cache"
    info = bench_cache.build_home(cache_root / f"home-{args.articles}", args.articles)
    command = newsreader_command()
    poll_s, settle_s = args.poll_ms / 1000, args.settle_ms / 1000
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="nr-keys-") as tmp:
        scratch = Path(tmp)
        (scratch / "userhome").mkdir()
        feeds_dir = scratch / "feeds"
        subprocess.run(
            [
                sys.executable,
                str(args.kit / "gen_feeds.py"),
                "--out",
                str(feeds_dir),
                "--feeds",
                str(args.feeds),
                "--items",
                str(args.items),
                "--seed",
                "42",
                "--quiet",
            ],
            check=True,
        )
        server, port = start_server(args.kit, feeds_dir, args.latency_ms, scratch)
        tmux = Tmux(scratch)
        try:
            names = [n.strip() for n in (feeds_dir / "index.txt").read_text().split() if n.strip()]
            opml = scratch / "feeds.opml"
            urls = [(n, f"http://127.0.0.1:{port}/{n}") for n in names]
            outlines = "".join(
                f'<outline type="rss" text={quoteattr(n)} xmlUrl={quoteattr(u)}/>\n'
                for n, u in urls
            )
            opml.write_text(
                '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>bench'
                f"</title></head><body>\n{outlines}</body></opml>\n",
                encoding="utf-8",
            )
            conns = max(1, min(64, args.threads))
            fill = {"conns": conns, "per_host": min(16, conns)}

            def fresh_home(name: str, on_start: str) -> dict[str, str]:
                """A copy of the cached home, subscribed to the bench feeds; its environment."""
                home = scratch / name
                shutil.copytree(info.home, home)
                env = base_env(home, scratch, tmux.term)
                clean_env = ["env", "-i", *[f"{k}={v}" for k, v in env.items()]]
                subprocess.run(
                    [*clean_env, *command, "import", str(opml)], check=True, capture_output=True
                )
                (home / "config" / "config.toml").write_text(
                    CONFIG.format(on_start=on_start, **fill), encoding="utf-8"
                )
                return env

            pane = launch(tmux, command, fresh_home("home-idle", "false"), "idle")
            idle, idle_lost = sample(pane, args.presses // 2, poll_s, settle_s, None, 60)
            quit_app(tmux, "idle")

            busy: list[float] = []
            busy_lost = 0
            refresh_runs: list[float] = []
            final_status = ""
            for run in range(args.refreshes):
                env = fresh_home(f"home-busy-{run}", "true")
                t_launch = time.perf_counter()
                pane = launch(tmux, command, env, f"busy{run}")
                # The refresh may show a moment after the first screen: without this wait a
                # late status line ended the sampling before it began (0 samples).
                deadline = time.perf_counter() + 10
                while time.perf_counter() < deadline and "Refreshing" not in pane.status():
                    time.sleep(0.05)
                got, lost = sample(
                    pane, args.presses, poll_s, settle_s, "Refreshing", 600, args.out
                )
                busy += got
                busy_lost += lost
                # Let the refresh finish, to report how long it ran beside the keys.
                deadline = time.perf_counter() + 600
                while time.perf_counter() < deadline and "Refreshing" in pane.status():
                    time.sleep(0.5)
                refresh_runs.append(time.perf_counter() - t_launch)
                final_status = pane.status().split("\n")[0].strip()
                quit_app(tmux, f"busy{run}")
            refresh_s = median(refresh_runs)
            floor = echo_floor(tmux, args.presses // 2, poll_s, settle_s)

            python = interpreter(command)
            pty_idle, pty_idle_lost = pty_run(
                python,
                fresh_home("pty-idle", "false"),
                scratch / "probe-idle.log",
                args.presses // 2,
                settle_s,
                busy=False,
            )
            pty_busy: list[float] = []
            pty_busy_lost = 0
            for run in range(args.refreshes):
                got, lost = pty_run(
                    python,
                    fresh_home(f"pty-busy-{run}", "true"),
                    scratch / f"probe-busy-{run}.log",
                    args.presses,
                    settle_s,
                    busy=True,
                )
                pty_busy += got
                pty_busy_lost += lost
        finally:
            tmux.close()
            server.terminate()
            server.wait(10)
    during = f"during {args.refreshes} cold refreshes of {args.feeds} feeds"
    rows = [
        _row("tmux: idle", idle, idle_lost),
        _row(f"tmux: {during}", busy, busy_lost),
        _row("tmux: a program that answers at once (the harness's floor)", floor, 0),
        _row("pty: idle", pty_idle, pty_idle_lost),
        _row(f"pty: {during}", pty_busy, pty_busy_lost),
    ]
    table = (
        f"### Key press (j/k in the article list) to screen update, {info.articles:,} cached "
        f"articles, {WIDTH}x{HEIGHT} (tmux: polled every {args.poll_ms:g} ms, each refresh ran "
        f"~{refresh_s:.0f} s from launch; pty: the app's own latency, key written to the end "
        "of the first frame after the cursor moved)\n\n"
        + md_table(("when", "presses", "median ms", "p95 ms", "max ms", "no update in 5 s"), rows)
    )
    results.update(
        {
            "articles": info.articles,
            "feeds": args.feeds,
            "latency_ms": args.latency_ms,
            "idle_ms": idle,
            "busy_ms": busy,
            "idle_median_ms": median(idle) if idle else None,
            "idle_p95_ms": percentile(idle, 95) if idle else None,
            "median_ms": median(busy) if busy else None,
            "p95_ms": percentile(busy, 95) if busy else None,
            "lost": {"idle": idle_lost, "busy": busy_lost},
            "refresh_s_from_launch": refresh_s,
            "refreshes": args.refreshes,
            "final_status": final_status,
            "tmux_floor_ms": floor,
            "tmux_floor_median_ms": median(floor) if floor else None,
            "pty_idle_ms": pty_idle,
            "pty_busy_ms": pty_busy,
            "pty_idle_median_ms": median(pty_idle) if pty_idle else None,
            "pty_idle_p95_ms": percentile(pty_idle, 95) if pty_idle else None,
            "pty_median_ms": median(pty_busy) if pty_busy else None,
            "pty_p95_ms": percentile(pty_busy, 95) if pty_busy else None,
            "pty_lost": {"idle": pty_idle_lost, "busy": pty_busy_lost},
        }
    )
    emit(args.out, "keys", table, results)


if __name__ == "__main__":
    main()

"""The issue-8 table: medians from one run of tests/bench/run.sh, with ratios against newsboat.

Reads ``<out>/harness/raw.tsv`` (bench.sh) and the ``<out>/*.json`` of the Python benches; prints
Markdown and writes ``<out>/summary.md``. A ratio is newsreader / newsboat (below 1: newsreader
takes less); it is given only where both readers did the same job in the same run.

    .venv/bin/python -m tests.bench.bench_summary /tmp/newsreader-bench/<stamp>
"""

from __future__ import annotations

import csv
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from tests.bench.bench_util import md_table

NR, NB, NBA = "newsreader", "newsboat", "newsboat-analyzed"


def _num(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "", "NA") else None
    except ValueError:
        return None


def harness_medians(raw: Path) -> tuple[dict[tuple[str, str, str], float], dict[str, Any]]:
    """(reader, phase, metric) -> median over reps; metrics: wall, cpu, rss_mb. Plus run info."""
    vals: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    info: dict[str, Any] = {"rc": defaultdict(int), "reps": defaultdict(set), "items": {}}
    with raw.open(newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            reader, phase = row["reader"], row["phase"]
            info["reps"][reader].add(row["rep"])
            info["params"] = (row["feeds"], row["items"], row["threads"], row["latency_ms"])
            if row["rc"] not in ("0", "NA"):
                info["rc"][(reader, phase)] += 1
            wall = _num(row["wall_s"])
            if wall is not None and row["rc"] == "0":
                vals[(reader, phase, "wall")].append(wall)
            user, sys_ = _num(row["user_s"]), _num(row["sys_s"])
            if user is not None and sys_ is not None:
                vals[(reader, phase, "cpu")].append(user + sys_)
            rss = _num(row["maxrss_kb"])
            if rss is not None:
                vals[(reader, phase, "rss_mb")].append(rss / 1024)
            items = row.get("items_in_cache")
            if items and items != "NA":
                info["items"][(reader, phase)] = items
    return {k: statistics.median(v) for k, v in vals.items() if v}, info


def _load(out: Path, name: str) -> dict[str, Any] | None:
    path = out / f"{name}.json"
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _f(x: float | None, digits: int = 2, unit: str = "") -> str:
    return "–" if x is None else f"{x:.{digits}f}{unit}"


def _ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b == 0:
        return "–"
    return f"×{a / b:.2f}"


def build(out: Path) -> str:
    med: dict[tuple[str, str, str], float] = {}
    info: dict[str, Any] = {}
    raw = out / "harness" / "raw.tsv"
    if raw.exists():
        med, info = harness_medians(raw)

    def h(reader: str, phase: str, metric: str = "wall") -> float | None:
        return med.get((reader, phase, metric))

    rows: list[tuple[str, ...]] = []

    def add(label: str, nr: float | None, nb: float | None, nba: float | None, d: int = 2) -> None:
        rows.append((label, _f(nr, d), _f(nb, d), _ratio(nr, nb), _f(nba, d), _ratio(nr, nba)))

    phases = (
        ("cold refresh, s", "cold"),
        ("second refresh (nothing changed), s", "second"),
        ("all-304 refresh (steady), s", "steady"),
        ("10 % changed (update), s", "update"),
        (
            "headless start (`list --json`: feed counts only / `-x print-unread`: loads every item;"
            " not the same job), s",
            "startup",
        ),
        ("first screen, bench feeds (tui phase), s", "tui"),
    )
    for label, phase in phases:
        add(label, h(NR, phase), h(NB, phase), h(NBA, phase))
    add(
        "CPU of the cold refresh (user+sys), s",
        h(NR, "cold", "cpu"),
        h(NB, "cold", "cpu"),
        h(NBA, "cold", "cpu"),
    )
    add(
        "peak RSS, cold refresh, MB",
        h(NR, "cold", "rss_mb"),
        h(NB, "cold", "rss_mb"),
        h(NBA, "cold", "rss_mb"),
        0,
    )
    add(
        "peak RSS at the first screen (tui phase), MB",
        h(NR, "tui", "rss_mb"),
        h(NB, "tui", "rss_mb"),
        h(NBA, "tui", "rss_mb"),
        0,
    )

    startup = _load(out, "startup")
    bench_items = 0
    if info.get("params"):
        bench_items = int(info["params"][0]) * int(info["params"][1])

    def same_size(n: int) -> bool:  # a synthetic cache as big as the harness's store
        return bench_items > 0 and abs(n - bench_items) <= 10

    if startup:
        for label, res in startup["results"].items():
            n = res["articles"]
            same = same_size(n)
            nb_tui = h(NB, "tui") if same else None
            nba_tui = h(NBA, "tui") if same else None
            vs = f" (newsboat: its tui phase, {bench_items:,} bench items)" if same else ""
            kind = "demo" if label == "demo" else "synthetic cached"
            add(
                f"first screen, {label} ({n:,} {kind} articles, bench_startup){vs}, s",
                res.get("median_ready_s"),
                nb_tui,
                nba_tui,
            )
        for label, res in startup["results"].items():
            same = same_size(res["articles"])
            nb_rss = h(NB, "tui", "rss_mb") if same else None
            nba_rss = h(NBA, "tui", "rss_mb") if same else None
            vs = " (newsboat: tui phase)" if same else ""
            add(
                f"peak memory at the first screen, {label} (VmHWM){vs}, MB",
                res.get("median_vmhwm_mb"),
                nb_rss,
                nba_rss,
                0,
            )
    search = _load(out, "search")
    if search:
        add(
            f"full-text search, {search['articles']:,} articles: median ms/query",
            search["median_ms"],
            None,
            None,
        )
        add("full-text search: p95 ms/query", search["p95_ms"], None, None)
    extract = _load(out, "extract")
    if extract:
        add(
            f"extraction (text + entities + tariffs), {extract['articles']} corpus articles: "
            "median ms",
            extract["total_ms"]["median"],
            None,
            None,
        )
        add("extraction: p95 ms", extract["total_ms"]["p95"], None, None)
    keys = _load(out, "keys")
    if keys:
        add(
            "key press to screen update during a refresh: median ms",
            keys.get("median_ms"),
            None,
            None,
            0,
        )
        add(
            "key press to screen update during a refresh: p95 ms", keys.get("p95_ms"), None, None, 0
        )
        if keys.get("idle_p95_ms") is not None:
            add("key press to screen update, idle: p95 ms", keys.get("idle_p95_ms"), None, None, 0)
        if keys.get("tmux_floor_median_ms") is not None:
            add(
                "tmux's own round trip (a program that answers at once): median ms",
                keys.get("tmux_floor_median_ms"),
                None,
                None,
                0,
            )
        for label, field in (
            ("during a refresh: p95 ms", "pty_p95_ms"),
            ("idle: p95 ms", "pty_idle_p95_ms"),
        ):
            if keys.get(field) is not None:
                add(f"key press to frame in a pty (no tmux), {label}", keys[field], None, None, 0)

    head = ["# newsreader benchmarks (issue 8)", ""]
    meta = out / "run-meta.txt"
    if meta.exists():
        head += ["```", meta.read_text(encoding="utf-8").strip(), "```", ""]
    if info.get("params"):
        feeds, items, threads, lat = info["params"]
        reps = {r: len(v) for r, v in info["reps"].items()}
        head.append(
            f"bench.sh: {feeds} feeds × {items} items, {threads} connections/threads, {lat} ms "
            f"latency, reps {reps}. Medians; ratio = newsreader / newsboat (< 1: newsreader "
            "takes less). `–`: not measured, or newsboat has no such feature."
        )
        failed = {f"{r} {p}": n for (r, p), n in info["rc"].items()}
        if failed:
            head.append(f"\nNon-zero exits: {failed}")
        head.append("")
    table = md_table(
        ("measure", "newsreader", "newsboat", "ratio", "newsboat-analyzed", "ratio"), rows
    )
    parts = ["\n".join(head), table]
    for name in ("startup", "search", "extract", "keys"):
        md = out / f"{name}.md"
        if md.exists():
            parts.append(md.read_text(encoding="utf-8").strip())
    harness_summary = out / "harness" / "summary.md"
    if harness_summary.exists():
        parts.append("## bench.sh summary\n\n" + harness_summary.read_text(encoding="utf-8"))
    return "\n\n".join(parts) + "\n"


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m tests.bench.bench_summary OUT_DIR")
    out = Path(sys.argv[1])
    text = build(out)
    (out / "summary.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()

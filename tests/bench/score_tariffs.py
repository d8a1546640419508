"""Score the installed `newsreader extract --json` against the blind set's gold rows (issue 13).

    .venv/bin/python tests/bench/score_tariffs.py --half tune|heldout|all
        [--texts DIR] [--gold DIR] [--details] [--json OUT]

The gold is in tests/fixtures/tariffs/blind/bNN.json (the first set), or in another folder given
with --gold, such as tests/fixtures/tariffs/blind2 (the second set, cNN.json, all held out). A gold
file is any JSON file named by a letter and digits; its text is the .txt of the same name. The
texts are other people's prose, so they are not in the repository (default:
tests/fixtures/tariffs/blind/texts/, or --texts DIR such as /work/blind-texts or
/work/blind-texts2). When the folder is missing, the script says so and exits 0. Each text is run
through the installed command, `newsreader extract FILE --json --date PUBLISHED`, with
NEWSREADER_HOME set to an empty temporary folder so that no user config is read.

Tariff rows:
- A row's key is (iso, rate_pct), with the rate rounded to 0.01. `rate_max_pct` plays no part in
  matching. The report counts matched pairs whose upper bounds also agree.
- Predicted rows that repeat the same (iso, rate_pct, status) count once. The DESIGN's rule is
  one row per (country, rate, status).
- Within a text, each gold row matches at most one predicted row with the same key, and each
  predicted row matches at most one gold row. Pairs with the same status are made first, then the
  others. A gold row left without a pair is a miss. A predicted row left without a pair is a false
  positive (a predicted row without an iso is always one).
- Precision = pairs / predicted rows, recall = pairs / gold rows, F1 is their harmonic mean, all
  summed over the texts (micro average).
- Status accuracy = pairs with equal status / pairs. The confusion matrix has gold status in rows
  and predicted status in columns, over the pairs. Its margins (misses, false positives) are
  printed beside it but are not part of the 5x5.

Entities, only for texts with an "entities" list:
- Both sides are sets of (normalised name, label) per text. Normalising does NFKD, drops accents,
  casefolds, turns every dash into "-", removes dots and apostrophes, collapses spaces and drops a
  leading "the ". So "U.S. Trade Representative" equals "US Trade Representative", and "Nestlé"
  equals "Nestle".
- After the exact matches, a one-word PERSON on one side matches a longer PERSON with the same
  last word on the other side ("Trump" and "Donald Trump"), each at most once.
- Precision, recall and F1 are micro averages over those texts.

Time: the median over the texts of the in-process extraction time. That is
tui.services.extraction.extract_text on the text the CLI cleans (`newsreader extract --text`),
after one warm-up, taking the best of a few runs. The median wall time of the
`newsreader extract --json` process is printed beside it, Python start-up included.

The held-out half is for the end only. `--details` lists per-text misses and false positives, and
refuses the held-out half unless --allow-heldout-details is given as well (see the README there).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATUSES = ("threatened", "imposed", "agreed", "proposed", "other")
LABELS = ("PERSON", "ORG", "GPE")
HALVES = ("tune", "heldout")
BLIND = Path(__file__).resolve().parents[1] / "fixtures" / "tariffs" / "blind"
GOLD_NAME = re.compile(r"[a-z]\d+")
TIMING_RUNS = 5


@dataclass(frozen=True)
class Row:
    iso: str | None
    rate: float
    rate_max: float | None
    status: str

    @property
    def key(self) -> tuple[str | None, float]:
        return (self.iso, round(self.rate, 2))

    def label(self) -> str:
        span = f"{_num(self.rate)}" + (f"-{_num(self.rate_max)}" if self.rate_max else "")
        return f"{self.iso or '??'} {span}% {self.status}"


@dataclass(frozen=True)
class Entity:
    name: str
    label: str


@dataclass(frozen=True)
class GoldDoc:
    ident: str
    source: str
    published: str
    half: str
    sha256: str | None
    tariffs: tuple[Row, ...]
    entities: tuple[Entity, ...] | None


@dataclass
class RowMatch:
    pairs: list[tuple[Row, Row]] = field(default_factory=list)
    missed: list[Row] = field(default_factory=list)
    spurious: list[Row] = field(default_factory=list)


@dataclass
class EntityMatch:
    matched: int = 0
    missed: list[Entity] = field(default_factory=list)
    spurious: list[Entity] = field(default_factory=list)


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


# --- gold -------------------------------------------------------------------------------------


def _row(data: dict[str, Any]) -> Row:
    rate_max = data.get("rate_max_pct")
    iso = data.get("iso")
    return Row(
        iso=str(iso) if iso else None,
        rate=float(data["rate_pct"]),
        rate_max=float(rate_max) if rate_max is not None else None,
        status=str(data.get("status") or ""),
    )


def load_gold(gold_dir: Path) -> list[GoldDoc]:
    docs = []
    for path in sorted(p for p in gold_dir.glob("*.json") if GOLD_NAME.fullmatch(p.stem)):
        data = json.loads(path.read_text(encoding="utf-8"))
        ents = data.get("entities")
        docs.append(
            GoldDoc(
                ident=path.stem,
                source=data["source"],
                published=data["published"],
                half=data["half"],
                sha256=data.get("text_sha256"),
                tariffs=tuple(_row(r) for r in data["tariffs"]),
                entities=(
                    tuple(Entity(e["name"], e["label"]) for e in ents) if ents is not None else None
                ),
            )
        )
    return docs


# --- matching ---------------------------------------------------------------------------------


def unique_rows(rows: Iterable[Row]) -> list[Row]:
    """Rows with the same (iso, rate, status) count once; the first one is kept."""
    seen: set[tuple[str | None, float, str]] = set()
    out = []
    for row in rows:
        ident = (*row.key, row.status)
        if ident not in seen:
            seen.add(ident)
            out.append(row)
    return out


def match_rows(gold: Sequence[Row], predicted: Sequence[Row]) -> RowMatch:
    """Pair rows with equal (iso, rate), each at most once, same-status pairs first."""
    result = RowMatch()
    keys = list(dict.fromkeys([r.key for r in gold] + [r.key for r in predicted]))
    for key in keys:
        g = [r for r in gold if r.key == key]
        p = [r for r in predicted if r.key == key]
        if key[0] is None:
            result.spurious.extend(p)
            result.missed.extend(g)
            continue
        for row in list(g):
            twin = next((q for q in p if q.status == row.status), None)
            if twin is not None:
                result.pairs.append((row, twin))
                g.remove(row)
                p.remove(twin)
        for row, twin in zip(g, p, strict=False):
            result.pairs.append((row, twin))
        result.missed.extend(g[len(p) :])
        result.spurious.extend(p[len(g) :])
    return result


def confusion(pairs: Iterable[tuple[Row, Row]]) -> dict[str, dict[str, int]]:
    """Gold status -> predicted status -> count, over the five rubric statuses."""
    table = {g: dict.fromkeys(STATUSES, 0) for g in STATUSES}
    for gold, pred in pairs:
        if gold.status in table and pred.status in table[gold.status]:
            table[gold.status][pred.status] += 1
    return table


_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _DASHES.sub("-", text)
    text = re.sub(r"[.'\u2019`]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.removeprefix("the ")


def match_entities(gold: Iterable[Entity], predicted: Iterable[Entity]) -> EntityMatch:
    g = {(normalise_name(e.name), e.label): e for e in gold}
    p = {(normalise_name(e.name), e.label): e for e in predicted}
    result = EntityMatch()
    both = g.keys() & p.keys()
    result.matched = len(both)
    g_left = {k: v for k, v in g.items() if k not in both}
    p_left = {k: v for k, v in p.items() if k not in both}
    for gk in list(g_left):
        name, label = gk
        if label != "PERSON":
            continue
        for pk in list(p_left):
            other, other_label = pk
            if other_label != "PERSON" or (" " in name) == (" " in other):
                continue
            short, long_ = (name, other) if " " not in name else (other, name)
            if long_.split(" ")[-1] == short:
                result.matched += 1
                del g_left[gk]
                del p_left[pk]
                break
    result.missed = list(g_left.values())
    result.spurious = list(p_left.values())
    return result


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# --- running the installed command ------------------------------------------------------------


def newsreader_command() -> str | None:
    beside = Path(sys.executable).with_name("newsreader")
    if beside.exists():
        return str(beside)
    return shutil.which("newsreader")


@dataclass
class TextResult:
    doc: GoldDoc
    rows: RowMatch
    entities: EntityMatch | None
    cli_ms: float
    extract_ms: float | None
    error: str | None = None
    sha_ok: bool = True
    bounds_agree: int = 0


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)


def _in_process_timer() -> Callable[[str, str], float] | None:
    """Best-of-N milliseconds of extract_text on a cleaned text, or None if it cannot import."""
    try:
        from datetime import date

        from tui.services.extraction import extract_text
    except ImportError:
        return None

    def timed(text: str, published: str) -> float:
        day = date.fromisoformat(published)
        extract_text(text, day)  # warm-up: gazetteers and compiled patterns load once
        best = float("inf")
        for _ in range(TIMING_RUNS):
            t0 = time.perf_counter()
            extract_text(text, day)
            best = min(best, (time.perf_counter() - t0) * 1000)
        return best

    return timed


def score_text(doc: GoldDoc, path: Path, exe: str, env: dict[str, str], timer: Any) -> TextResult:
    data = path.read_bytes()
    sha_ok = doc.sha256 is None or hashlib.sha256(data).hexdigest() == doc.sha256
    t0 = time.perf_counter()
    proc = _run([exe, "extract", str(path), "--json", "--date", doc.published], env)
    cli_ms = (time.perf_counter() - t0) * 1000
    if proc.returncode != 0:
        err = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        ents = EntityMatch(missed=list(doc.entities)) if doc.entities is not None else None
        return TextResult(doc, RowMatch(missed=list(doc.tariffs)), ents, cli_ms, None, err, sha_ok)
    out = json.loads(proc.stdout)
    predicted = unique_rows(_row(r) for r in out.get("tariffs", []))
    rows = match_rows(doc.tariffs, predicted)
    bounds = sum(1 for g, p in rows.pairs if g.rate_max == p.rate_max)
    ents = None
    if doc.entities is not None:
        pred_ents = [
            Entity(e["name"], e["label"]) for e in out.get("entities", []) if e["label"] in LABELS
        ]
        ents = match_entities(doc.entities, pred_ents)
    extract_ms = None
    if timer is not None:
        cleaned = _run([exe, "extract", str(path), "--text"], env)
        if cleaned.returncode == 0:
            try:
                extract_ms = timer(cleaned.stdout.rstrip("\n"), doc.published)
            except Exception:  # an internal API changed: the CLI figures still stand
                extract_ms = None
    return TextResult(doc, rows, ents, cli_ms, extract_ms, None, sha_ok, bounds)


# --- report -----------------------------------------------------------------------------------


def figures(results: Sequence[TextResult]) -> dict[str, Any]:
    pairs = [pair for r in results for pair in r.rows.pairs]
    n_gold = sum(len(r.rows.pairs) + len(r.rows.missed) for r in results)
    n_pred = sum(len(r.rows.pairs) + len(r.rows.spurious) for r in results)
    p, rec, f1 = prf(len(pairs), n_pred, n_gold)
    same = sum(1 for g, q in pairs if g.status == q.status)
    ent_results = [r.entities for r in results if r.entities is not None]
    e_tp = sum(e.matched for e in ent_results)
    e_gold = e_tp + sum(len(e.missed) for e in ent_results)
    e_pred = e_tp + sum(len(e.spurious) for e in ent_results)
    ep, er, ef = prf(e_tp, e_pred, e_gold)
    extract_ms = [r.extract_ms for r in results if r.extract_ms is not None]
    return {
        "texts": len(results),
        "errors": sum(1 for r in results if r.error),
        "text_checksum_mismatches": sum(1 for r in results if not r.sha_ok),
        "tariffs": {
            "gold_rows": n_gold,
            "predicted_rows": n_pred,
            "matched": len(pairs),
            "precision": p,
            "recall": rec,
            "f1": f1,
            "status_accuracy": same / len(pairs) if pairs else None,
            "upper_bound_agrees": sum(r.bounds_agree for r in results),
            "confusion": confusion(pairs),
            "missed_by_gold_status": dict(
                Counter(g.status for r in results for g in r.rows.missed)
            ),
            "false_positives_by_status": dict(
                Counter(q.status for r in results for q in r.rows.spurious)
            ),
        },
        "entities": {
            "texts": len(ent_results),
            "gold": e_gold,
            "predicted": e_pred,
            "matched": e_tp,
            "precision": ep if ent_results else None,
            "recall": er if ent_results else None,
            "f1": ef if ent_results else None,
        },
        "time_ms": {
            "extract_median": statistics.median(extract_ms) if extract_ms else None,
            "extract_max": max(extract_ms) if extract_ms else None,
            "cli_wall_median": statistics.median([r.cli_ms for r in results]) if results else None,
        },
    }


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def render(half: str, fig: dict[str, Any]) -> str:
    t, e, ms = fig["tariffs"], fig["entities"], fig["time_ms"]
    lines = [
        f"## Half: {half} ({fig['texts']} texts, {fig['errors']} errors)",
        "",
        "| tariff rows | gold | predicted | matched | precision | recall | F1 | status acc. |",
        "|---|---|---|---|---|---|---|---|",
        f"| (iso, rate) | {t['gold_rows']} | {t['predicted_rows']} | {t['matched']} | "
        f"{_pct(t['precision'])} | {_pct(t['recall'])} | {_pct(t['f1'])} | "
        f"{_pct(t['status_accuracy'])} |",
        "",
        f"Upper bounds agree in {t['upper_bound_agrees']} of {t['matched']} matched pairs.",
        "",
        "Status confusion (rows: gold, columns: predicted; matched pairs only):",
        "",
        "| gold \\ predicted | " + " | ".join(STATUSES) + " | (missed) |",
        "|---|" + "---|" * (len(STATUSES) + 1),
    ]
    for g in STATUSES:
        cells = [str(t["confusion"][g][p]) for p in STATUSES]
        lines.append(
            f"| {g} | " + " | ".join(cells) + f" | {t['missed_by_gold_status'].get(g, 0)} |"
        )
    fps = [str(t["false_positives_by_status"].get(p, 0)) for p in STATUSES]
    lines.append("| (false positive) | " + " | ".join(fps) + " | |")
    lines += [
        "",
        "| entities | texts | gold | predicted | matched | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|---|",
        f"| (name, label) | {e['texts']} | {e['gold']} | {e['predicted']} | {e['matched']} | "
        f"{_pct(e['precision'])} | {_pct(e['recall'])} | {_pct(e['f1'])} |",
        "",
        f"Extraction time per text: median {_ms(ms['extract_median'])} ms, "
        f"max {_ms(ms['extract_max'])} ms (in process); "
        f"`newsreader extract --json` wall time median {_ms(ms['cli_wall_median'])} ms.",
    ]
    if fig["text_checksum_mismatches"]:
        lines.append(
            f"WARNING: {fig['text_checksum_mismatches']} text(s) differ from the annotated ones."
        )
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def details(results: Sequence[TextResult]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for r in results:
        item: dict[str, Any] = {
            "missed": [g.label() for g in r.rows.missed],
            "false_positives": [q.label() for q in r.rows.spurious],
            "status_mismatches": [
                f"{g.label()} -> {q.status}" for g, q in r.rows.pairs if g.status != q.status
            ],
        }
        if r.entities is not None:
            item["entities_missed"] = [f"{x.label} {x.name}" for x in r.entities.missed]
            item["entities_false_positives"] = [f"{x.label} {x.name}" for x in r.entities.spurious]
        if r.error:
            item["error"] = r.error
        out[r.doc.ident] = item
    return out


def render_details(items: dict[str, Any]) -> str:
    lines = ["", "## Details per text", ""]
    for ident, item in items.items():
        parts = [f"{k}: {'; '.join(v) if isinstance(v, list) else v}" for k, v in item.items() if v]
        lines.append(f"- {ident}: " + (" | ".join(parts) if parts else "all rows right"))
    return "\n".join(lines)


# --- main -------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=(*HALVES, "all"), required=True)
    parser.add_argument(
        "--texts", type=Path, default=BLIND / "texts", help="folder of the texts (bNN.txt, cNN.txt)"
    )
    parser.add_argument(
        "--gold", type=Path, default=BLIND, help="folder of the gold (bNN.json, cNN.json)"
    )
    parser.add_argument("--details", action="store_true", help="misses and false positives")
    parser.add_argument("--allow-heldout-details", action="store_true")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures here")
    args = parser.parse_args(argv)

    if args.details and args.half != "tune" and not args.allow_heldout_details:
        print(
            "score_tariffs: --details is for the tune half; the held-out half is scored in "
            "aggregate only (add --allow-heldout-details once tuning is over)",
            file=sys.stderr,
        )
        return 2
    if not args.texts.is_dir():
        print(f"score_tariffs: no texts folder at {args.texts}; nothing to score (skipped)")
        return 0
    docs = [d for d in load_gold(args.gold) if args.half in ("all", d.half)]
    present = [(d, args.texts / f"{d.ident}.txt") for d in docs]
    present = [(d, p) for d, p in present if p.is_file()]
    if not present:
        print(f"score_tariffs: none of the {len(docs)} texts is in {args.texts} (skipped)")
        return 0
    if len(present) < len(docs):
        print(f"score_tariffs: {len(docs) - len(present)} text(s) missing from {args.texts}")
    exe = newsreader_command()
    if exe is None:
        print("score_tariffs: the newsreader command is not installed", file=sys.stderr)
        return 2

    timer = _in_process_timer()
    with tempfile.TemporaryDirectory(prefix="score-tariffs-") as home:
        env = {**os.environ, "NEWSREADER_HOME": home}
        results = [score_text(d, p, exe, env, timer) for d, p in present]

    fig = figures(results)
    print(render(args.half, fig))
    payload: dict[str, Any] = {"half": args.half, **fig}
    if args.details:
        items = details(results)
        print(render_details(items))
        payload["details"] = items
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The tariff rules' rows on each blind set as the rules stood before anyone tuned them on it.

    .venv/bin/python -m tests.bench.rules_out_of_set --out OUT.json

The rules of main were tuned on the spent blind sets (1-12 by now), so on those sets their
decisions are in-sample, while on unseen reporting their F1 is 0.71-0.87 and their
status 0.61-0.74. A learned decision that takes the rules' decision as a feature (or is measured
against the rules) must see decisions made out of set. Each set (or half) was scored before any
rule was tuned on it, at a commit its notes name (OUT_OF_SET); this script exports `tui/` at
that commit (`git archive`, into a temporary folder), runs that code's `python -m tui extract
TEXT --json --date PUBLISHED` on each text of the set with an empty NEWSREADER_HOME, prints the
scorer's figures of each set (to set beside the figure its note recorded) and writes the rows:
``{"blind2/c05": [[iso, rate_pct, rate_max_pct, status], ...], ...}``. It takes about ten
minutes (one process per text).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

from tests.bench.score_tariffs import GoldDoc, Row, load_gold, match_rows, prf, unique_rows

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "tariffs"
# (set, half or None for every text) -> the commit whose rules had not been tuned on it, and
# where that commit is named:
# - blind tune half: blind/BEFORE.md (606c5ac, before issue 13);
# - blind held-out half: blind/ROUND1.md (8910b0d: round 1 tuned on the tune half only);
# - blind2: blind2/BEFORE.md (47a391c, before round 2);
# - blind3: blind3/AFTER.md (421726a, round 4, tuned on the second set only). The set was first
#   scored at 674fe5a (blind3/BEFORE.md), but the first learned-status experiment read it with
#   the round-4 rules (its blind3 fold, 36/69, is AFTER.md's figure), and so does this one;
# - blind4: blind4/BEFORE.md (73cf7e3, the round-4 rules, before round 5);
# - blind5: blind5/BEFORE.md (058c2f7, tariffs-7, before round 6);
# - blind6: blind6/AFTER.md, its "before round 7" run (fea64ee, tariffs-8);
# - blind7: blind7/AFTER.md, its "before round 8" run (5b62b43, tariffs-9);
# - blind8: blind8/AFTER.md (8a53b3b, tariffs-10: no rule was tuned on it, so its out-of-set
#   rules are the rules it was scored with);
# - blind9: blind9/BEFORE.md (3a411ba, tariffs-10, before round 9);
# - blind10: blind10/BEFORE.md (e22c696, tariffs-11, before the tenth rounds);
# - blind11: blind11/BEFORE.md (6e1c691, tariffs-12, before round 11);
# - blind12: blind12/BEFORE.md (8040572, tariffs-13, before round 12).
# Sets 9-12 were scored whole (every text is of the held-out half).
OUT_OF_SET: dict[tuple[str, str | None], str] = {
    ("blind", "tune"): "606c5ac",
    ("blind", "heldout"): "8910b0d",
    ("blind2", None): "47a391c",
    ("blind3", None): "421726a",
    ("blind4", None): "73cf7e3",
    ("blind5", None): "058c2f7",
    ("blind6", None): "fea64ee",
    ("blind7", None): "5b62b43",
    ("blind8", None): "8a53b3b",
    ("blind9", None): "3a411ba",
    ("blind10", None): "e22c696",
    ("blind11", None): "6e1c691",
    ("blind12", None): "8040572",
}
TEXTS = {
    "blind": Path("/work/blind-texts"),
    **{f"blind{n}": Path(f"/work/blind-texts{n}") for n in range(2, 13)},
}


def export(commit: str, into: Path) -> Path:
    """``tui/`` as it was at ``commit``, under ``into``/``commit``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit, "tui"], capture_output=True, check=True
    ).stdout
    target = into / commit
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def rows_at(code: Path, text: Path, published: str, home: str) -> list[list[Any]]:
    env = {**os.environ, "PYTHONPATH": str(code), "NEWSREADER_HOME": home}
    out = subprocess.run(
        [sys.executable, "-m", "tui", "extract", str(text), "--json", "--date", published],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=code,
    ).stdout
    return [
        [r["iso"], r["rate_pct"], r["rate_max_pct"], r["status"]]
        for r in json.loads(out)["tariffs"]
    ]


def figures(scored: list[tuple[GoldDoc, list[list[Any]]]]) -> str:
    """The scorer's figures (tests/bench/score_tariffs.py) of these rows, to set beside the
    figure the set's note recorded for the commit."""
    pairs = gold = predicted = same = 0
    for doc, rows in scored:
        mine = unique_rows(
            Row(str(iso) if iso else None, float(rate), None if top is None else float(top), st)
            for iso, rate, top, st in rows
        )
        match = match_rows(doc.tariffs, mine)
        pairs += len(match.pairs)
        gold += len(doc.tariffs)
        predicted += len(mine)
        same += sum(g.status == q.status for g, q in match.pairs)
    p, r, f1 = prf(pairs, predicted, gold)
    return (
        f"gold {gold}, predicted {predicted}, matched {pairs}: P {p:.3f} R {r:.3f} F1 {f1:.3f}, "
        f"status {same / pairs if pairs else 0:.3f} ({same}/{pairs})"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    found: dict[str, list[list[Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="rules-oos-") as tmp:
        home = str(Path(tmp) / "home")
        for (set_name, half), commit in OUT_OF_SET.items():
            code = export(commit, Path(tmp))
            scored = []
            for doc in load_gold(FIXTURES / set_name):
                text = TEXTS[set_name] / f"{doc.ident}.txt"
                if half not in (None, doc.half) or not text.is_file():
                    continue
                rows = rows_at(code, text, doc.published, home)
                found[f"{set_name}/{doc.ident}"] = rows
                scored.append((doc, rows))
            print(f"{set_name} {half or 'all'}: rules at {commit}: {figures(scored)}", flush=True)
    args.out.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {args.out}: {len(found)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())

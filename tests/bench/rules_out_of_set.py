"""The tariff rules' rows on each blind set as the rules stood before anyone tuned them on it.

    .venv/bin/python -m tests.bench.rules_out_of_set --out OUT.json

The rules of main were tuned on the first two blind sets, so on those sets their status is
in-sample (0.94-0.98) while on unseen reporting it is 0.52-0.76. A learned status decision that
takes the rules' decision as a feature must learn how far to trust it from decisions made out of
set. Each set (or half) was scored once before any rule was tuned on it, at a commit its
BEFORE.md or ROUND1.md names (OUT_OF_SET); this script exports `tui/` at that commit (`git
archive`, into a temporary folder), runs that code's `python -m tui extract TEXT --json --date
PUBLISHED` on each text of the set with an empty NEWSREADER_HOME, and writes the rows:
``{"blind2/c05": [[iso, rate_pct, rate_max_pct, status], ...], ...}``. The third set has not
been tuned on: the current rules are out of set there (tests/bench/train_tariff_status.py reads
them in process).
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

from tests.bench.score_tariffs import load_gold

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "tariffs"
# (set, half or None for every text) -> the commit whose rules had not been tuned on it:
# blind/BEFORE.md (606c5ac, before issue 13), blind/ROUND1.md (8910b0d: round 1 tuned on the
# tune half only), blind2/BEFORE.md (47a391c, before round 2).
OUT_OF_SET: dict[tuple[str, str | None], str] = {
    ("blind", "tune"): "606c5ac",
    ("blind", "heldout"): "8910b0d",
    ("blind2", None): "47a391c",
}
TEXTS = {"blind": Path("/work/blind-texts"), "blind2": Path("/work/blind-texts2")}


def export(commit: str, into: Path) -> Path:
    """``tui/`` as it was at ``commit``, under ``into``/``commit``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", commit, "tui"], capture_output=True, check=True
    ).stdout
    target = into / commit
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def rows_at(code: Path, text: Path, published: str, home: str) -> list[list[object]]:
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    found: dict[str, list[list[object]]] = {}
    with tempfile.TemporaryDirectory(prefix="rules-oos-") as tmp:
        home = str(Path(tmp) / "home")
        for (set_name, half), commit in OUT_OF_SET.items():
            code = export(commit, Path(tmp))
            for doc in load_gold(FIXTURES / set_name):
                text = TEXTS[set_name] / f"{doc.ident}.txt"
                if half not in (None, doc.half) or not text.is_file():
                    continue
                found[f"{set_name}/{doc.ident}"] = rows_at(code, text, doc.published, home)
            print(f"{set_name} {half or 'all'}: rules at {commit}", file=sys.stderr)
    args.out.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {args.out}: {len(found)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())

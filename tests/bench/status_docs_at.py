"""The status experiment's examples read wholly by an older commit's rules: rows, statuses and
wording features all from code that had not been tuned on the set (issue 13).

    .venv/bin/python -m tests.bench.status_docs_at --out OUT.json [SET ...]

In tests/bench/train_tariff_status.py --out-of-set only the rules' decision comes from before the
tuning; the rows the examples come from and the wording the features read
(tui.core.tariff_lexicon) are the current rules', written with every spent set in view, which
flatters the model on every fold. This script exports `tui/` at each set's out-of-set commit
(tests/bench/rules_out_of_set.py's OUT_OF_SET), and runs tests.bench.train_tariff_status's
load_docs on that set in a child process whose `tui` is that old code, so that the rows, the
settled statuses and the features are all out of set. Only commits whose engine has `read()`
(sets 5-7) can be read so; the others are skipped with a note. Output, by "set/ident":
``{"rows": [[iso, rate, rate_max, status], ...], "features": [[iso, rate, [feature, ...]], ...]}``,
for train_tariff_status.py --docs-at.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tests.bench.rules_out_of_set import OUT_OF_SET, REPO, export

_CHILD = """
import json, sys
from tests.bench import train_tariff_status as t
name = sys.argv[1]
sets = [s for s in t.SETS if s[0] == name]
out = {}
for doc in t.load_docs(sets):
    out[f"{name}/{doc.ident}"] = {
        "rows": [[r.iso, r.rate, r.rate_max, r.status] for r in doc.rows],
        "features": [[k[0], k[1], f] for k, f in doc.features.items()],
    }
json.dump(out, sys.stdout)
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("sets", nargs="*", default=["blind5", "blind6", "blind7"])
    args = parser.parse_args(argv)
    found: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="status-at-") as tmp:
        for (set_name, _half), commit in OUT_OF_SET.items():
            if set_name not in args.sets:
                continue
            code = export(commit, Path(tmp))
            engine = (code / "tui" / "core" / "tariff_engine.py").read_text("utf-8")
            if "\ndef read(" not in engine:
                print(f"{set_name}: the engine at {commit} has no read(); skipped", file=sys.stderr)
                continue
            env = {**os.environ, "PYTHONPATH": f"{code}{os.pathsep}{REPO}"}
            child = subprocess.run(
                [sys.executable, "-c", _CHILD, set_name],
                capture_output=True,
                text=True,
                env=env,
                check=True,
                cwd=code,
            )
            docs = json.loads(child.stdout)
            found.update(docs)
            print(f"{set_name}: {len(docs)} texts read by the rules at {commit}", file=sys.stderr)
    args.out.write_text(json.dumps(found, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

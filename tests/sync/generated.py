"""Generated feeds (../shared/bench/gen_feeds.py, called, not copied) for the 10,000-item
sync test and benchmark: 200 feeds of 50 items, and an epoch later with new items in some."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FEEDS, ITEMS = 200, 50


def generate(shared: Path, out: Path, *, epoch: int = 0, feeds: int = FEEDS) -> list[str]:
    """Write the feeds of ``epoch`` into ``out`` (epoch 1: a tenth of them get 3 new items);
    returns the file names in order."""
    script = shared / "bench" / "gen_feeds.py"
    command = [sys.executable, str(script), "--out", str(out), "--feeds", str(feeds)]
    command += ["--items", str(ITEMS), "--epoch", str(epoch), "--quiet"]
    if epoch:
        command += ["--changed-share", "0.1"]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return (out / "index.txt").read_text(encoding="utf-8").split()

"""Reliability fixtures: a temp repository and the newsreader command of this environment."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from tui.services.fetcher import FetchSettings

# Short limits so every fault resolves in a second or two.
FAST = FetchSettings(timeout=0.5, deadline=2.0, max_bytes=1_000_000)
NEWSREADER = Path(sys.executable).parent / "newsreader"


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` through a fresh connection (recovers a WAL left by a crash)."""
    conn = sqlite3.connect(path, timeout=10)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a ``newsreader`` subprocess on ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSREADER")}
    env.update(NEWSREADER_HOME=str(home), PYTHONDONTWRITEBYTECODE="1", **extra)
    return env

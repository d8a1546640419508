"""``kill -9`` at random moments of a real ``newsreader refresh``: 50 trials on one database.

Each trial serves a new generation of 30 small feeds (so every refresh writes), sets some read
and star state from this process, starts the command, kills it with SIGKILL after a random delay
and checks: ``PRAGMA integrity_check`` and ``foreign_key_check`` pass; every feed generation is
stored whole or not at all (one transaction per feed: no half-written article); each article's
title, body and search-index row agree with its guid; all read/star state set before is intact.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env, integrity
from tests.reliability.faultserver import Fault, fault_server, item, rss, status
from tui.store.repository import Repository

FEEDS = 30
ITEMS = 12
TRIALS = 50
TARIFF = "Vietnam faces a 20% tariff on its exports to the United States, officials said."


def _doc(feed: int, gen: int) -> bytes:
    items = [
        item(
            f"f{feed}-g{gen}-i{k}",
            f"Feed {feed} generation {gen} item {k}",
            date=f"Mon, 01 Sep 2025 {k:02d}:{gen % 60:02d}:00 GMT",
            body=f"<p>Body f{feed}-g{gen}-i{k}. {TARIFF if k == 0 else ''}</p>",
        )
        for k in range(ITEMS)
    ]
    return rss(items, title=f"Feed {feed}")


def _routes(generation: list[int]) -> dict[str, Fault]:
    def route(feed: int) -> Fault:
        def fault(h: BaseHTTPRequestHandler) -> None:
            status(200, _doc(feed, generation[0]), {"Content-Type": "application/rss+xml"})(h)

        return fault

    return {f"/f{i}": route(i) for i in range(FEEDS)}


def _check(database: Path, state: dict[int, tuple[int, int]]) -> Counter[str]:
    """Every invariant after a crash; returns how many feed generations were whole/absent."""
    assert integrity(database) == "ok"
    conn = sqlite3.connect(database, timeout=10)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute(
            "SELECT id, guid, title, content_html || summary_html, read, starred FROM articles"
        ).fetchall()
        indexed = {r[0]: r[1] for r in conn.execute("SELECT rowid, title FROM article_fts")}
    finally:
        conn.close()
    per_generation: Counter[tuple[str, str]] = Counter()
    for article_id, guid, title, body, read, starred in rows:
        feed, gen, k = guid.split("-")
        assert title == f"Feed {feed[1:]} generation {gen[1:]} item {k[1:]}"
        assert f"Body {guid}." in body
        assert article_id in indexed and "generation" in indexed[article_id]
        per_generation[(feed, gen)] += 1
        if article_id in state:
            assert (read, starred) == state.pop(article_id), guid
    assert state == {}, f"articles lost: {sorted(state)[:10]}"
    assert len(indexed) == len(rows)
    assert set(per_generation.values()) <= {ITEMS}, "a feed generation was stored in part"
    return Counter("whole" for _ in per_generation)


def _user_state(database: Path, rng: random.Random) -> dict[int, tuple[int, int]]:
    """Read, unread and star some articles as a user would; returns every article's state."""
    repo = Repository(database)
    try:
        ids = [r[0] for r in repo._conn().execute("SELECT id FROM articles")]
        if ids:
            repo.set_read(rng.sample(ids, min(len(ids), 25)))
            repo.set_read(rng.sample(ids, min(len(ids), 5)), read=False)
            for article_id in rng.sample(ids, min(len(ids), 3)):
                repo.set_starred(article_id, True)
        rows = repo._conn().execute("SELECT id, read, starred FROM articles")
        return {r[0]: (r[1], r[2]) for r in rows}
    finally:
        repo.close()


@pytest.mark.slow
def test_kill_9_during_refresh_loses_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("NEWSREADER_CRASH_SEED", "20261128"))
    rng = random.Random(seed)
    home = tmp_path / "home"
    database = home / "data" / "newsreader.db"
    generation = [0]
    env = child_env(home)
    with fault_server(_routes(generation), lifetime=600) as srv:
        repo = Repository(database)
        try:
            for i in range(FEEDS):
                repo.add_feed(srv.url(f"/f{i}"))
            repo.set_state("initialised", "1")
        finally:
            repo.close()
        # One uninterrupted refresh tells how long a whole one takes on this machine.
        started = time.monotonic()
        whole = subprocess.run(
            [str(NEWSREADER), "refresh", "--quiet"], env=env, capture_output=True, timeout=120
        )
        span = time.monotonic() - started
        assert whole.returncode == 0, whole.stderr
        _check(database, _user_state(database, rng))

        interrupted = 0
        for trial in range(1, TRIALS + 1):
            generation[0] = trial
            state = _user_state(database, rng)
            proc = subprocess.Popen(
                [str(NEWSREADER), "refresh", "--quiet"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            # Within the first three quarters of a measured run: one refresh on a loaded machine
            # can be much faster than the measured one, and a kill after the end proves nothing.
            time.sleep(rng.uniform(0.0, span * 0.75))
            alive = proc.poll() is None
            if alive:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            interrupted += alive
            _check(database, state)
        print(
            f"\nkill -9: {TRIALS} trials (seed {seed}), {interrupted} killed mid-run,"
            f" a whole refresh takes {span:.2f} s"
        )
        assert interrupted >= TRIALS // 2  # the kills did land during refreshes

        # After all that, an ordinary refresh completes and the database stays consistent.
        generation[0] = TRIALS + 1
        state = _user_state(database, rng)
        final = subprocess.run(
            [str(NEWSREADER), "refresh", "--quiet"], env=env, capture_output=True, timeout=120
        )
        assert final.returncode == 0, final.stderr
        _check(database, state)

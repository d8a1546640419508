"""Several writers on one database: the app while a cron ``newsreader refresh`` runs in another
process, and two refreshes at once. No "database is locked", no duplicates, nothing lost."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env, integrity
from tests.reliability.faultserver import Fault, fault_server, item, rss, slow_first_byte, status
from tests.ui.conftest import workers_done
from tui.config import Settings
from tui.paths import resolve
from tui.store import db
from tui.store.repository import Repository

FEEDS = 40
ITEMS = 10


def _routes(generation: list[int], latency: float) -> dict[str, Fault]:
    def route(feed: int) -> Fault:
        def fault(h: BaseHTTPRequestHandler) -> None:
            gen = generation[0]
            doc = rss(
                [
                    item(f"f{feed}-g{gen}-i{k}", f"Feed {feed} gen {gen} item {k}")
                    for k in range(ITEMS)
                ]
            )
            status(200, doc, {"Content-Type": "application/rss+xml"})(h)

        return slow_first_byte(latency, fault)

    return {f"/f{i}": route(i) for i in range(FEEDS)}


def _subscribe(database: Path, urls: list[str]) -> None:
    repo = Repository(database)
    try:
        for url in urls:
            repo.add_feed(url)
        repo.set_state("initialised", "1")
    finally:
        repo.close()


def _duplicates(database: Path) -> int:
    conn = sqlite3.connect(database, timeout=10)
    try:
        row = conn.execute(
            "SELECT count(*) FROM (SELECT feed_id, guid FROM articles GROUP BY 1, 2"
            " HAVING count(*) > 1)"
        ).fetchone()
        return int(row[0])
    finally:
        conn.close()


def _count(database: Path) -> int:
    conn = sqlite3.connect(database, timeout=10)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_two_refreshes_at_once(tmp_path: Path) -> None:
    home = tmp_path / "home"
    database = home / "data" / "newsreader.db"
    generation = [0]
    with fault_server(_routes(generation, 0.02), lifetime=300) as srv:
        _subscribe(database, [srv.url(f"/f{i}") for i in range(FEEDS)])
        env = child_env(home)
        for gen in range(3):
            generation[0] = gen
            procs = [
                subprocess.Popen(
                    [str(NEWSREADER), "refresh"],
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(2)
            ]
            for proc in procs:
                out, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
                assert "locked" not in err and "Traceback" not in err
                assert out.startswith(f"refreshed {FEEDS} feeds")
    assert _duplicates(database) == 0
    assert _count(database) == 3 * FEEDS * ITEMS
    assert integrity(database) == "ok"


@contextmanager
def _recording_write_errors() -> Iterator[list[BaseException]]:
    """Record every exception a write transaction raises in this process (the app's workers
    swallow theirs into the worker state)."""
    original = db.transaction
    errors: list[BaseException] = []

    @contextmanager
    def recording(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        try:
            with original(conn) as inner:
                yield inner
        except Exception as exc:
            errors.append(exc)
            raise

    db.transaction = recording  # type: ignore[assignment]
    try:
        yield errors
    finally:
        db.transaction = original  # type: ignore[assignment]


async def test_app_open_while_cron_refresh_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.ui.app import NewsReaderApp

    home = tmp_path / "home"
    monkeypatch.setenv("NEWSREADER_HOME", str(home))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    paths = resolve()
    generation = [0]
    with fault_server(_routes(generation, 0.1), lifetime=300) as srv:
        _subscribe(paths.database, [srv.url(f"/f{i}") for i in range(FEEDS)])
        env = child_env(home)
        first = await asyncio.to_thread(
            subprocess.run,
            [str(NEWSREADER), "refresh", "--quiet"],
            env=env,
            capture_output=True,
            timeout=120,
        )
        assert first.returncode == 0, first.stderr
        settings = Settings(refresh_on_start=False, refresh_minutes=0, fulltext="never")
        app = NewsReaderApp(paths, settings)
        with _recording_write_errors() as errors:
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(3):
                    await workers_done(app)
                    await pilot.pause()
                generation[0] = 1
                cron = await asyncio.create_subprocess_exec(
                    str(NEWSREADER),
                    "refresh",
                    env=env,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.PIPE,
                )
                await pilot.pause(0.3)
                app.start_refresh(None)  # the app's own refresh writes at the same time
                presses = 0
                while cron.returncode is None and presses < 300:
                    await pilot.press("m", "s", "j")  # read, star, next: each one a write
                    await pilot.pause(0.01)
                    presses += 1
                raw_out, raw_err = await asyncio.wait_for(cron.communicate(), 120)
                out, err = raw_out.decode(), raw_err.decode()
                for _ in range(20):
                    await workers_done(app)
                    await pilot.pause(0.05)
                    if not app._refreshing:
                        break
                assert app.main_screen is not None
                status_line = app.main_screen._refresh_status
                notes = [(n.severity, n.message) for n in app._notifications]
    assert presses > 0, "the cron refresh ended before the app could write"
    assert cron.returncode == 0, err
    assert "locked" not in err and "Traceback" not in err
    assert out.startswith(f"refreshed {FEEDS} feeds")
    assert errors == []
    assert status_line.startswith(f"Refreshed {FEEDS} feeds") and "failed" not in status_line
    assert not [n for n in notes if n[0] == "error"], notes
    assert _duplicates(paths.database) == 0
    assert _count(paths.database) == 2 * FEEDS * ITEMS
    assert integrity(paths.database) == "ok"


def test_a_feed_removed_while_it_is_fetched_is_no_failure(repo: Repository, database: Path) -> None:
    """``newsreader remove`` (or ``d`` in the app) while a refresh fetches the feed: its articles
    have no feed to belong to any more, which is what the user asked for, not a failure."""
    from tests.reliability.conftest import FAST
    from tests.reliability.faultserver import ok, small_feed
    from tui.services.refresh import refresh_feeds

    def removed_then_served(h: BaseHTTPRequestHandler) -> None:
        other = Repository(database)  # another process's connection
        try:
            other.remove_feed(gone.id)
        finally:
            other.close()
        ok(small_feed("gone"))(h)

    routes = {"/gone": removed_then_served, "/kept": ok(small_feed("kept"))}
    with fault_server(routes, lifetime=60) as srv:
        gone = repo.add_feed(srv.url("/gone"))
        kept = repo.add_feed(srv.url("/kept"))
        summary = refresh_feeds(repo, settings=FAST)
    assert summary.failed == ()
    assert [f.id for f in repo.feeds()] == [kept.id]
    assert summary.new_articles == 3  # the kept feed's
    assert integrity(database) == "ok"


def test_the_subscriptions_copy_written_by_several_at_once(tmp_path: Path) -> None:
    """Each process that changes the subscriptions rewrites their OPML copy through a
    temporary file; with one temporary name for all, `xargs -P4 newsreader add` failed an add
    with "unexpected error: FileNotFoundError" (another had moved the file away)."""
    from tui.core.opml import parse_opml
    from tui.services.subscriptions import write_backup

    database, copy = tmp_path / "newsreader.db", tmp_path / "subscriptions.opml"
    urls = [f"https://feeds.example/{n}.xml" for n in range(5)]
    _subscribe(database, urls)
    errors: list[BaseException] = []

    def writer() -> None:  # a process of its own, with its own connection
        repo = Repository(database)
        try:
            for _ in range(50):
                write_backup(repo, copy)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            repo.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(s.url for s in parse_opml(copy.read_bytes())) == sorted(urls)
    assert [p.name for p in tmp_path.iterdir() if "subscriptions" in p.name] == [copy.name]


def test_a_long_retention_lets_other_writers_in_between(tmp_path: Path) -> None:
    """The first retention of a large cache deleted everything in one write transaction
    (12 s for 40,000 articles), and the reader's marks or a cron refresh failed as "busy"
    meanwhile. It deletes in batches now: another process's write gets in between them."""
    from datetime import UTC, datetime, timedelta

    from tui.core.models import ArticleScope, ParsedArticle

    database = tmp_path / "newsreader.db"
    repo = Repository(database)
    other = Repository(database)
    try:
        feed = repo.add_feed("https://gazette.example/feed.xml")
        old = datetime.now(UTC) - timedelta(days=90)
        ids = repo.store_articles(
            feed.id,
            [ParsedArticle(guid=f"g{n}", title=f"Old {n}", published=old) for n in range(1500)],
        )
        repo.set_starred(ids[-1], True)
        marked: list[bool] = []
        deleting = [False]

        def trace(statement: str) -> None:
            deleting[0] = deleting[0] or statement.startswith("DELETE FROM articles")
            if deleting[0] and statement == "BEGIN IMMEDIATE" and not marked:
                other.set_read([ids[-1]])  # waits for no lock: it would fail "busy" meanwhile
                marked.append(True)

        other._conn().execute("PRAGMA busy_timeout = 0")
        repo._conn().set_trace_callback(trace)
        assert repo.apply_retention(days=30, per_feed=0) == 1499
        assert marked == [True]
        assert repo.article_ids(ArticleScope()) == [ids[-1]]  # the starred one stays
        assert repo.store_articles(feed.id, [ParsedArticle(guid="g7", title="Old 7")]) == []
    finally:
        other.close()
        repo.close()

"""Sync as separate processes against a real coldsweat: kill -9 in the middle, the app's
refresh child, and no credential in any output, log or file."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env, integrity
from tests.sync.coldsweat import API_KEY, PASSWORD, Coldsweat
from tests.sync.conftest import PASSWORD_ENV, write_sync_config
from tui.config import load_settings
from tui.core.models import ArticleScope, ScopeKind
from tui.paths import resolve
from tui.services.background import (
    Failed,
    Finished,
    Progress,
    RefreshEvent,
    RefreshJob,
    RefreshProcess,
    Started,
)
from tui.services.sync.engine import PUSH_AT_ONCE
from tui.store.repository import Repository


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db, timeout=10)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _sync(home: Path, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NEWSREADER), "sync"],
        env=child_env(home, **{PASSWORD_ENV: password}),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _kill_when(home: Path, ready: str, limit: float = 60.0) -> bool:
    """Start ``newsreader sync``, kill -9 it once the query ``ready`` on its database turns
    true; False when the sync ended by itself first."""
    db = resolve().database
    process = subprocess.Popen(
        [str(NEWSREADER), "sync"],
        env=child_env(home, **{PASSWORD_ENV: PASSWORD}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + limit
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if _count(db, ready):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.005)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    return False


def test_kill_9_while_sending_loses_no_queued_change(
    synced_home: Path, coldsweat: Coldsweat
) -> None:
    assert _sync(synced_home).returncode == 0
    db = resolve().database
    repo = Repository(db)
    try:
        ids = repo.article_ids(ArticleScope())
        repo.mark_scope_read(ArticleScope())
        starred = ids[::10]
        for article_id in starred:
            repo.set_starred(article_id, True)
    finally:
        repo.close()
    queued = len(ids) + len(starred)
    assert _count(db, "SELECT count(*) FROM sync_queue") == queued
    before = coldsweat.mark_requests()
    killed = _kill_when(synced_home, f"SELECT count(*) < {queued - 8} FROM sync_queue")
    assert killed, "the sync ended before it could be killed"
    assert integrity(db) == "ok"
    left = _count(db, "SELECT count(*) FROM sync_queue")
    assert 0 < left < queued  # some went, none of the rest is lost
    done = _sync(synced_home)
    assert done.returncode == 0, done.stderr
    assert _count(db, "SELECT count(*) FROM sync_queue") == 0
    assert coldsweat.ids("unread") == set()
    assert len(coldsweat.ids("saved")) == len(starred)
    # Each change went once, but for the batch in flight when the process died.
    sent = coldsweat.mark_requests() - before
    assert queued <= sent <= queued + PUSH_AT_ONCE


def test_kill_9_while_storing_items_stores_nothing_twice(
    synced_home: Path, coldsweat: Coldsweat
) -> None:
    db = resolve().database
    Repository(db).close()  # the schema, so the kill condition can be read from the start
    assert _kill_when(synced_home, "SELECT count(*) > 0 FROM sync_items")
    assert integrity(db) == "ok"
    kept = _count(db, "SELECT count(*) FROM articles")
    done = _sync(synced_home)
    assert done.returncode == 0, done.stderr
    total = coldsweat.total_items()
    assert f"{total - kept} new articles" in done.stdout
    assert _count(db, "SELECT count(*) FROM articles") == total
    assert _count(db, "SELECT count(*) FROM sync_items WHERE article_id IS NOT NULL") == total


def test_the_app_refresh_child_syncs_and_reports_items(
    synced_home: Path, coldsweat: Coldsweat
) -> None:
    paths = resolve()
    settings = load_settings(paths.config_file)
    assert settings.sync is not None
    Repository(paths.database).close()
    events = _child_events(RefreshJob(paths.database, settings, feed_ids=(1,)), paths.log_file)
    started = [e for e in events if isinstance(e, Started)]
    progress = [e for e in events if isinstance(e, Progress)]
    assert [s.unit for s in started] == ["item"]
    assert progress and all(p.unit == "item" for p in progress)
    assert [p.done for p in progress] == sorted(p.done for p in progress)
    total = coldsweat.total_items()
    assert progress[-1].done == progress[-1].total == total
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.summary.new_articles == total
    assert len(finished.summary.results) == len(coldsweat.feeds())
    # New articles are checked for tariff rates in the child, as a refresh does.
    assert _count(paths.database, "SELECT count(*) FROM extractions") == total


def _child_events(job: RefreshJob, log: Path) -> list[RefreshEvent]:
    process = RefreshProcess(job, log_file=log)
    process.start()
    return list(process.events())


def test_no_credential_is_ever_shown_logged_or_stored(
    synced_home: Path, coldsweat: Coldsweat, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths = resolve()
    outputs: list[str] = []
    for password in (PASSWORD, "a wrong password, also secret"):
        done = _sync(synced_home, password)
        outputs += [done.stdout, done.stderr]
    assert "refused" in outputs[-1]
    # The app's child, with the password from a command (it reads a file the test wrote).
    secret = tmp_path / "secret"
    secret.write_text(PASSWORD + "\nsecond line\n", encoding="utf-8")
    write_sync_config(coldsweat.url, command=f"cat {secret}")
    settings = load_settings(paths.config_file)
    events = _child_events(RefreshJob(paths.database, settings), paths.log_file)
    assert isinstance(events[-1], Finished)
    secret.write_text("wrong\n", encoding="utf-8")
    failed = _child_events(RefreshJob(paths.database, settings), paths.log_file)[-1]
    assert isinstance(failed, Failed) and "refused" in failed.message
    outputs.append(repr(events + [failed]))
    total = coldsweat.total_items()
    coldsweat.stop()  # flushes its log: no request carried the key in its URL either
    stored = [paths.database, paths.database.with_name(paths.database.name + "-wal")]
    texts = outputs + [p.read_bytes().decode("latin-1") for p in stored if p.exists()]
    texts.append(paths.log_file.read_text(encoding="utf-8") if paths.log_file.exists() else "")
    texts.append(paths.config_file.read_text(encoding="utf-8"))
    server_requests = [
        line for line in coldsweat.log.read_text(encoding="utf-8").splitlines() if "POST" in line
    ]
    assert server_requests
    texts += server_requests
    for text in texts:
        assert PASSWORD not in text
        assert API_KEY not in text
        assert "a wrong password" not in text
    repo = Repository(paths.database)
    try:
        assert repo.count_articles(ArticleScope(ScopeKind.ALL)) == total
    finally:
        repo.close()

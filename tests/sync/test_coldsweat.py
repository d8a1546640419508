"""Sync against a real Fever API server (coldsweat on 127.0.0.1), through the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.sync.coldsweat import Coldsweat
from tests.sync.conftest import PASSWORD_ENV
from tui.cli import run
from tui.core.models import ArticleScope, ScopeKind
from tui.paths import resolve
from tui.store.repository import Repository


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _repo() -> Repository:
    return Repository(resolve().database)


def _remote_ids(db: Path) -> dict[int, int]:
    """article id -> the server's item id."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT article_id, remote_id FROM sync_items WHERE article_id IS NOT NULL"
        ).fetchall()
    return {int(a): int(r) for a, r in rows}


def _queued(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM sync_queue").fetchone()[0])


def test_first_sync_matches_the_server(
    synced_home: Path, coldsweat: Coldsweat, capsys: pytest.CaptureFixture[str]
) -> None:
    # Some state on the server before the first sync: read on the phone, one saved.
    coldsweat.mark(3, "read")
    coldsweat.mark(4, "read")
    coldsweat.mark(5, "saved")
    code, out, err = _run(capsys, "sync")
    assert code == 0, err
    total = coldsweat.total_items()
    server_feeds = coldsweat.feeds()
    assert f"synced {len(server_feeds)} feeds: {total} new articles" in out
    repo = _repo()
    try:
        assert repo.count_articles(ArticleScope()) == total
        unread = repo.count_articles(ArticleScope(unread_only=True))
        assert unread == len(coldsweat.ids("unread")) == total - 2
        starred = repo.article_ids(ArticleScope(ScopeKind.STARRED))
        assert len(starred) == len(coldsweat.ids("saved")) == 1
        # Feeds become feeds (their URLs and titles), groups become folders.
        folders = coldsweat.folders()
        counts = coldsweat.items_per_feed()
        mine = {f.url: f for f in repo.feeds()}
        assert set(mine) == {f["url"] for f in server_feeds}
        for remote in server_feeds:
            feed = mine[remote["url"]]
            assert feed.title == remote["title"]
            assert feed.folder == folders.get(remote["id"], "")
            assert feed.total == counts.get(remote["id"], 0)
        assert {f.folder for f in mine.values()} >= {"News", "World"}
    finally:
        repo.close()
    # A second sync brings nothing new and changes nothing.
    code, out, _ = _run(capsys, "sync")
    assert code == 0 and f"synced {len(server_feeds)} feeds: 0 new articles" in out


def test_the_server_address_with_or_without_its_last_slash_is_one_account(
    synced_home: Path, coldsweat: Coldsweat, capsys: pytest.CaptureFixture[str]
) -> None:
    """Editing [sync] url to add or drop the last slash (as "is the url right?" invites)
    made a second account: every feed and article came again, beside the first."""
    from tests.sync.conftest import write_sync_config

    assert _run(capsys, "sync")[0] == 0
    feeds = len(coldsweat.feeds())
    for url in (coldsweat.url.rstrip("/"), coldsweat.url.rstrip("/") + "/"):
        write_sync_config(url)
        code, out, err = _run(capsys, "sync")
        assert (code, err) == (0, "")
        assert f"synced {feeds} feeds: 0 new articles" in out
    repo = _repo()
    try:
        assert len(repo.feeds()) == feeds
        assert repo.count_articles(ArticleScope()) == coldsweat.total_items()
    finally:
        repo.close()


def test_read_and_star_go_both_ways(
    synced_home: Path, coldsweat: Coldsweat, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "sync")[0] == 0
    db = resolve().database
    remote = _remote_ids(db)
    repo = _repo()
    try:
        first, second, third = repo.article_ids(ArticleScope())[:3]
        # Here -> server: read, star; and an unread and unstar after a first send.
        repo.set_read([first, second])
        repo.set_starred(third, True)
        code, out, err = _run(capsys, "sync")
        assert code == 0, err
        assert "3 changes sent" in out
        assert remote[first] not in coldsweat.ids("unread")
        assert remote[second] not in coldsweat.ids("unread")
        assert coldsweat.ids("saved") == {remote[third]}
        repo.set_read([first], read=False)
        repo.set_starred(third, False)
        assert _run(capsys, "sync")[0] == 0
        assert remote[first] in coldsweat.ids("unread")
        assert coldsweat.ids("saved") == set()
        # Server -> here (read and starred on the phone), shown after the next sync.
        by_remote = {r: a for a, r in remote.items()}
        some = sorted(by_remote)[-3:]
        coldsweat.mark(some[0], "read")
        coldsweat.mark(some[1], "saved")
        coldsweat.mark(remote[second], "unread")
        code, out, _ = _run(capsys, "sync")
        assert code == 0 and "3 changes from the server" in out
        shown = {a.id: a for a in repo.articles([by_remote[i] for i in some] + [second])}
        assert shown[by_remote[some[0]]].read
        assert shown[by_remote[some[1]]].starred
        assert not shown[second].read
        assert _queued(db) == 0  # what came from the server is not sent back
        coldsweat.mark(some[1], "unsaved")
        assert _run(capsys, "sync")[0] == 0
        again = repo.article(by_remote[some[1]])
        assert again is not None and not again.starred
    finally:
        repo.close()


def test_many_changes_to_one_article_are_sent_once(
    synced_home: Path, coldsweat: Coldsweat, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "sync")[0] == 0
    db = resolve().database
    repo = _repo()
    try:
        article = repo.article_ids(ArticleScope())[0]
        for read in (True, False, True, False, True):
            repo.set_read([article], read=read)
        repo.mark_scope_read(ArticleScope())  # every path queues: mark-all-read too
    finally:
        repo.close()
    total = coldsweat.total_items()
    assert _queued(db) == total  # one row per article: the five changes of one are one row
    before = coldsweat.mark_requests()
    code, out, err = _run(capsys, "sync")
    assert code == 0, err
    assert f"{total} changes sent" in out
    assert coldsweat.mark_requests() - before == total  # each sent once, none twice
    assert coldsweat.ids("unread") == set()
    assert _queued(db) == 0
    assert _run(capsys, "sync")[1].count("sent") == 0


def test_list_and_refresh_with_sync(
    synced_home: Path, coldsweat: Coldsweat, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "sync")[0] == 0
    code, out, _ = _run(capsys, "list", "--json")
    listed = json.loads(out)
    assert all(f["last_status"] == 200 and f["last_error"] is None for f in listed)
    assert sum(f["total"] for f in listed) == coldsweat.total_items()
    # With [sync], `refresh` syncs too (as r and R do in the app): it fetches no feed itself.
    code, out, _ = _run(capsys, "refresh")
    assert code == 0 and out.startswith(f"synced {len(listed)} feeds: 0 new articles")


def test_change_made_while_the_server_is_down_arrives_after_restart(
    synced_home: Path, coldsweat: Coldsweat, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "sync")[0] == 0
    db = resolve().database
    remote = _remote_ids(db)
    repo = _repo()
    try:
        first, second, third = repo.article_ids(ArticleScope())[:3]
        total = repo.count_articles(ArticleScope())
        repo.set_read([first])
        coldsweat.stop()
        repo.set_starred(second, True)
        code, out, err = _run(capsys, "sync")
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "cannot connect" in err and "Traceback" not in err
        repo.set_read([third])  # still offline
        assert _queued(db) == 3
        assert repo.count_articles(ArticleScope()) == total  # nothing stored is lost
        shown = {a.id: a for a in repo.articles([first, second, third])}
        assert shown[first].read and shown[second].starred and shown[third].read
        coldsweat.start()
        code, out, err = _run(capsys, "sync")
        assert code == 0, err
        assert "3 changes sent" in out
        unread = coldsweat.ids("unread")
        assert remote[first] not in unread and remote[third] not in unread
        assert coldsweat.ids("saved") == {remote[second]}
        assert _queued(db) == 0
    finally:
        repo.close()


def test_bad_password_is_one_line_and_changes_nothing(
    synced_home: Path,
    coldsweat: Coldsweat,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _run(capsys, "sync")[0] == 0
    db = resolve().database
    repo = _repo()
    try:
        total = repo.count_articles(ArticleScope())
        article = repo.article_ids(ArticleScope())[0]
        repo.set_starred(article, True)
        monkeypatch.setenv(PASSWORD_ENV, "not the password at all")
        code, out, err = _run(capsys, "sync")
        assert code == 1 and out == ""
        assert err.count("\n") == 1
        assert "refused the user name or password" in err
        assert "not the password at all" not in err
        assert repo.count_articles(ArticleScope()) == total
        assert _queued(db) == 1  # kept for a sync with the right password
        monkeypatch.delenv(PASSWORD_ENV)
        code, _, err = _run(capsys, "sync")
        assert code == 2 and "is not set" in err and err.count("\n") == 1
    finally:
        repo.close()
    assert coldsweat.ids("saved") == set()

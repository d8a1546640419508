"""Sync against a real Tiny Tiny RSS (Debian's tt-rss, PostgreSQL, php -S on 127.0.0.1)
through its JSON API: the same behaviour as with a Fever server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.conftest import PASSWORD_ENV, remote_id, write_sync_config
from tests.sync.ttrss_server import PASSWORD, USER, TinyTinyRSS
from tui.cli import run
from tui.core.models import ArticleScope, ScopeKind
from tui.paths import resolve
from tui.store.repository import Repository

UNREAD, STARRED = 2, 0  # updateArticle's fields


@pytest.fixture
def ttrss_home(home: Path, ttrss: TinyTinyRSS, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    write_sync_config(ttrss.url, service="ttrss", user=USER)
    return home


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_first_sync_matches_tiny_tiny_rss(
    ttrss_home: Path, ttrss: TinyTinyRSS, capsys: pytest.CaptureFixture[str]
) -> None:
    everything = ttrss.ids()
    first, second = sorted(everything)[:2]
    ttrss.mark(first, UNREAD, 0)  # read on the phone before the first sync
    ttrss.mark(second, STARRED, 1)
    code, out, err = _run(capsys, "sync")
    assert code == 0, err
    feeds = ttrss.call("getFeeds", cat_id=-3)
    assert f"synced {len(feeds)} feeds: {len(everything)} new articles" in out
    # Categories become folders; "Uncategorized" (id 0, tt-rss's name for none) is no folder.
    categories = {c["id"]: c["title"] for c in ttrss.call("getCategories") if c["id"] > 0}
    repo = Repository(resolve().database)
    try:
        assert repo.count_articles(ArticleScope()) == len(everything)
        assert repo.count_articles(ArticleScope(unread_only=True)) == len(ttrss.unread())
        assert len(repo.article_ids(ArticleScope(ScopeKind.STARRED))) == 1
        mine = {f.url: f for f in repo.feeds()}
        for feed in feeds:
            here = mine[feed["feed_url"]]
            assert here.title == feed["title"]
            assert here.folder == categories.get(feed["cat_id"], "")
            assert here.total == len(ttrss.ids(feed_id=feed["id"]))
    finally:
        repo.close()
    assert "0 new articles" in _run(capsys, "sync")[1]


def test_read_and_star_go_both_ways_with_tiny_tiny_rss(
    ttrss_home: Path, ttrss: TinyTinyRSS, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "sync")[0] == 0
    repo = Repository(resolve().database)
    try:
        first, second, third = repo.article_ids(ArticleScope())[:3]
        repo.set_read([first, second])
        repo.set_starred(third, True)
        code, out, err = _run(capsys, "sync")
        assert code == 0 and "3 changes sent" in out, err
        unread = ttrss.unread()
        assert remote_id(first) not in unread and remote_id(second) not in unread
        assert ttrss.starred() == {remote_id(third)}
        repo.set_read([first], read=False)
        repo.set_starred(third, False)
        assert _run(capsys, "sync")[0] == 0
        assert remote_id(first) in ttrss.unread() and ttrss.starred() == set()
        # Changes made on the phone show after the next sync.
        ttrss.mark(remote_id(third), UNREAD, 0)
        ttrss.mark(remote_id(second), UNREAD, 1)
        ttrss.mark(remote_id(first), STARRED, 1)
        code, out, _ = _run(capsys, "sync")
        assert code == 0 and "3 changes from the server" in out
        shown = {a.id: a for a in repo.articles([first, second, third])}
        assert shown[third].read and not shown[second].read and shown[first].starred
    finally:
        repo.close()


def test_a_change_waits_for_tiny_tiny_rss_to_come_back(
    ttrss_home: Path, ttrss: TinyTinyRSS, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "sync")[0] == 0
    repo = Repository(resolve().database)
    try:
        article = repo.article_ids(ArticleScope())[0]
        ttrss.stop()
        repo.set_starred(article, True)
        code, out, err = _run(capsys, "sync")
        assert code == 1 and out == "" and err.count("\n") == 1 and "cannot connect" in err
        ttrss.start()
        code, out, err = _run(capsys, "sync")
        assert code == 0 and "1 change sent" in out, err
        assert ttrss.starred() == {remote_id(article)}
    finally:
        repo.close()


def test_a_wrong_tiny_tiny_rss_password_is_one_line(
    ttrss_home: Path,
    ttrss: TinyTinyRSS,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "not it")
    code, out, err = _run(capsys, "sync")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "refused the user name or password" in err
    assert "not it" not in err
    repo = Repository(resolve().database)
    try:
        assert repo.count_articles(ArticleScope()) == 0
    finally:
        repo.close()

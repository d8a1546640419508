"""Giant fields (issue 14, case 2): item titles were cut at 1,000 characters but a 6 MB channel
title was stored whole, made every move in the app take seconds, was written twice into the
OPML copy, pushed that copy past the import limit, and after a damaged database the rebuild from
the copy failed: every subscription was lost. Every text the store keeps has a limit, and the
OPML copy is always re-importable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.reliability.conftest import FAST
from tests.reliability.faultserver import fault_server, ok
from tui.core import limits
from tui.core.models import ArticleScope, ParsedArticle, Subscription
from tui.core.opml import parse_opml
from tui.core.urls import MAX_URL
from tui.paths import Paths
from tui.services.refresh import refresh_feeds
from tui.services.storage import open_store
from tui.services.subscriptions import write_backup
from tui.store.repository import Repository

BIG = 6_000_000
WIDE = FAST.__class__(timeout=5.0, deadline=60.0, max_bytes=40_000_000)

# Every text column the store writes, and the most it may hold.
FEED_LIMITS = {
    "url": MAX_URL,
    "title": limits.TITLE,
    "site_url": MAX_URL,
    "folder": limits.FOLDER,
    "etag": limits.VALIDATOR,
    "last_modified": limits.VALIDATOR,
    "last_error": limits.ERROR,
}
ARTICLE_LIMITS = {
    "guid": 512 + len("sha1:"),
    "link": MAX_URL,
    "title": limits.TITLE,
    "author": limits.AUTHOR,
    "summary_html": limits.HTML,
    "content_html": limits.HTML,
    "full_text": limits.HTML,
}


def longest(path: Path, table: str, columns: dict[str, int]) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        got = {}
        for column in columns:
            row = conn.execute(f"SELECT max(length({column})) FROM {table}").fetchone()
            got[column] = int(row[0] or 0)
        return got
    finally:
        conn.close()


def over(path: Path) -> list[str]:
    found = []
    for table, columns in (("feeds", FEED_LIMITS), ("articles", ARTICLE_LIMITS)):
        for column, size in longest(path, table, columns).items():
            if size > columns[column]:
                found.append(f"{table}.{column}: {size} > {columns[column]}")
    return found


def giant_feed(tag: str) -> bytes:
    huge = "W" * BIG
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{tag} {huge}</title><link>https://site.example/{'p' * 20_000}</link>"
        f"<item><guid>{'g' * 100_000}</guid><title>{huge}</title>"
        f"<author>desk@example.org ({huge[:2_000_000]})</author>"
        f"<link>https://site.example/{'a' * 20_000}</link>"
        f"<description>{'<p>body</p>' * 400_000}</description></item>"
        "</channel></rss>"
    ).encode()


def test_every_stored_field_of_a_giant_feed_is_capped(repo: Repository) -> None:
    routes = {"/a": ok(giant_feed("A"), ETag='"' + "e" * 8_000 + '"')}
    with fault_server(routes, lifetime=120) as srv:
        feed = repo.add_feed(srv.url("/a"), folder="x/" * 5_000)
        summary = refresh_feeds(repo, [feed], settings=WIDE)
    assert summary.new_articles == 1
    stored = repo.feed(feed.id)
    assert stored is not None and stored.title.startswith("A WWW")
    (article_id,) = repo.article_ids(ArticleScope())
    repo.set_full_text(article_id, "t" * 5_000_000)
    assert over(repo.path) == []


def test_every_writer_of_the_store_caps(repo: Repository) -> None:
    """The doors besides a refresh: add, import, rename, refile, a fetch's outcome, full text."""
    huge = "\u00e9" * 3_000_000
    feed = repo.add_feed("https://one.example/feed", title=huge, folder=huge, site_url="")
    repo.add_subscriptions([Subscription("https://two.example/feed", huge, huge)])
    repo.set_feed_title(feed.id, huge)
    repo.set_folder(feed.id, huge)
    repo.record_fetch(feed.id, status=500, error=huge, etag=huge, last_modified=huge, title=huge)
    (article_id,) = repo.store_articles(
        feed.id,
        [ParsedArticle(guid="g", title=huge, author=huge, summary_html=huge, content_html=huge)],
    )
    repo.set_full_text(article_id, huge)
    assert over(repo.path) == []


def test_the_opml_copy_of_giant_titles_restores_every_subscription(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "c", tmp_path / "d", tmp_path / "k", tmp_path / "l")
    paths.ensure()
    repo = Repository(paths.database)
    try:
        with fault_server(
            {"/a": ok(giant_feed("A")), "/b": ok(giant_feed("B"))}, lifetime=120
        ) as srv:
            feeds = [repo.add_feed(srv.url("/a")), repo.add_feed(srv.url("/b"))]
            refresh_feeds(repo, feeds, settings=WIDE)
            urls = {srv.url("/a"), srv.url("/b")}
        write_backup(repo, paths.subscriptions_backup)  # as the next add or remove does
    finally:
        repo.close()
    assert {s.url for s in parse_opml(paths.subscriptions_backup.read_bytes())} == urls
    paths.database.write_bytes(b"this is not a database " * 3000)
    for side in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + side).unlink(missing_ok=True)
    rebuilt, notice = open_store(paths)
    try:
        assert notice is not None and "2 subscriptions restored" in notice, notice
        assert {s.url for s in rebuilt.subscriptions()} == urls
    finally:
        rebuilt.close()


def test_the_largest_subscriptions_the_store_keeps_survive_the_copy(tmp_path: Path) -> None:
    """Fields at their limits, of the characters XML escapes the longest, in folders as deep as
    the store keeps: written, read back and restored whole."""
    worst = '&<>"' * (limits.TITLE // 4)
    subs = [
        Subscription(
            url=f"https://n{n}.example/" + "a" * (MAX_URL - 30),
            title=worst,
            folder="/".join(f"{n}-{d}" for d in range(limits.FOLDER_DEPTH + 10)),
            site_url="https://site.example/" + "&" * (MAX_URL - 30),
        )
        for n in range(400)
    ]
    paths = Paths(tmp_path / "c", tmp_path / "d", tmp_path / "k", tmp_path / "l")
    paths.ensure()
    repo = Repository(paths.database)
    try:
        assert repo.add_subscriptions(subs) == len(subs)
        write_backup(repo, paths.subscriptions_backup)
        before = repo.subscriptions()
    finally:
        repo.close()
    assert paths.subscriptions_backup.stat().st_size > 20_000_000  # past the import limit
    paths.database.write_bytes(b"this is not a database " * 3000)
    rebuilt, notice = open_store(paths)
    try:
        assert notice is not None and f"{len(subs)} subscriptions restored" in notice, notice
        assert sorted(rebuilt.subscriptions(), key=lambda s: s.url) == sorted(
            before, key=lambda s: s.url
        )
    finally:
        rebuilt.close()

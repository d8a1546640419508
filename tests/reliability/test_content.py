"""Hostile and broken feed documents through a whole refresh (served on 127.0.0.1, stored in
SQLite): what is readable is kept, nothing is resolved or fetched, nothing is duplicated."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.reliability.conftest import FAST, NEWSREADER, child_env, integrity
from tests.reliability.faultserver import Switch, fault_server, item, ok, rss
from tui.core.models import Article, ArticleScope, ScopeKind
from tui.services.fetcher import FetchSettings
from tui.services.refresh import refresh_feeds
from tui.store.repository import Repository


def articles(repo: Repository, feed_id: int) -> list[Article]:
    ids = repo.article_ids(ArticleScope(ScopeKind.FEED, feed_id=feed_id))
    return [a for a in map(repo.article, ids) if a is not None]


def refresh_one(repo: Repository, doc: bytes, ctype: str = "application/rss+xml") -> int:
    """Serve ``doc`` once, refresh it into ``repo``; returns the feed id."""
    with fault_server({"/f": ok(doc, ctype)}, lifetime=60) as srv:
        feed = repo.add_feed(srv.url("/f"))
        refresh_feeds(repo, [feed], settings=FAST)
    return feed.id


def test_malformed_xml_keeps_the_items_before_the_break(repo: Repository) -> None:
    good = [item(f"m{i}", f"Intact {i}") for i in range(3)]
    doc = rss([*good, "<item><title>Broken <b></title></item>", item("m9", "After")])
    doc = doc.replace(b"</channel></rss>", b"<item><title>unclosed")
    feed_id = refresh_one(repo, doc)
    titles = {a.title for a in articles(repo, feed_id)}
    assert {"Intact 0", "Intact 1", "Intact 2"} <= titles
    stored = repo.feed(feed_id)
    assert stored is not None and (stored.last_error or "").startswith("feed error: malformed")


def test_wrong_declared_encodings(repo: Repository) -> None:
    latin1_says_utf8 = rss([item("e1", "Caf\u00e9 cr\u00e8me")]).decode().encode("latin-1")
    utf8_says_latin1 = rss(
        [item("e2", "\u00dcber na\u00efve caf\u00e9")],
        prolog="<?xml version='1.0' encoding='ISO-8859-1'?>",
    )
    bogus_label = rss(
        [item("e3", "Se\u00f1or \u00f1and\u00fa")],
        prolog="<?xml version='1.0' encoding='x-no-such-charset'?>",
    )
    got = {}
    for doc in (latin1_says_utf8, utf8_says_latin1, bogus_label):
        for article in articles(repo, refresh_one(repo, doc)):
            got[article.guid] = article.title
    assert got == {
        "e1": "Caf\u00e9 cr\u00e8me",
        "e2": "\u00dcber na\u00efve caf\u00e9",
        "e3": "Se\u00f1or \u00f1and\u00fa",
    }


def test_entities_are_never_expanded_resolved_or_fetched(repo: Repository, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FILE")
    laughs = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    routes = {"/secret": ok(b"TOP-SECRET-HTTP", "text/plain"), "/dtd": ok(b"", "text/plain")}
    with fault_server(routes, lifetime=60) as srv:
        prolog = (
            "<?xml version='1.0'?><!DOCTYPE rss ["
            f'<!ENTITY file SYSTEM "file://{secret}">'
            f'<!ENTITY web SYSTEM "{srv.url("/secret")}">'
            f'<!ENTITY % remote SYSTEM "{srv.url("/dtd")}"> %remote; {laughs}]>'
        )
        doc = rss(
            [
                item("x1", "file: &file;"),
                item("x2", "web: &web;"),
                item("x3", "laughs: &l9;"),
                item("x4", "Plain survivor"),
            ],
            prolog=prolog,
        )
        srv.routes["/f"] = ok(doc)
        feed = repo.add_feed(srv.url("/f"))
        started = time.monotonic()
        refresh_feeds(repo, [feed], settings=FAST)
        elapsed = time.monotonic() - started
        assert srv.asked("/secret") == 0 and srv.asked("/dtd") == 0
    stored = articles(repo, feed.id)
    everything = " ".join(f"{a.title} {a.summary_html} {a.content_html}" for a in stored)
    assert "TOP-SECRET" not in everything
    assert "lollol" not in everything
    assert any(a.title == "Plain survivor" for a in stored)
    assert elapsed < 30  # a hang guard, not a timing assert: an expansion would never end
    db_size = repo.path.stat().st_size
    assert db_size < 5_000_000


def test_duplicate_and_missing_guids_never_duplicate(repo: Repository) -> None:
    first = rss(
        [
            item("dup", "First copy"),
            item("dup", "Second copy"),
            item(None, "No guid A", link="https://gazette.example/a"),
            item(None, "No guid B", link="https://gazette.example/b"),
            item(None, "No guid, no link"),
        ]
    )
    second = rss(
        [
            item("dup", "First copy, corrected"),
            item(None, "No guid A", link="https://gazette.example/a"),
            item(None, "No guid B", link="https://gazette.example/b"),
            item(None, "No guid, no link"),
        ]
    )
    route = Switch([ok(first), ok(second)])
    with fault_server({"/f": route}, lifetime=60) as srv:
        feed = repo.add_feed(srv.url("/f"))
        one = refresh_feeds(repo, [feed], settings=FAST)
        repo.set_starred(repo.article_ids(ArticleScope())[0], True)
        route.stage = 1
        two = refresh_feeds(repo, [feed], settings=FAST)
        three = refresh_feeds(repo, [feed], settings=FAST)
    assert one.new_articles == 4 and two.new_articles == 0 and three.new_articles == 0
    stored = articles(repo, feed.id)
    assert len(stored) == 4 and len({a.guid for a in stored}) == 4
    titles = {a.title for a in stored}
    assert "First copy, corrected" in titles and "Second copy" not in titles
    assert sum(a.starred for a in stored) == 1  # an update keeps the star


def test_unparseable_and_future_dates(repo: Repository) -> None:
    doc = rss(
        [
            item("d1", "Junk date", date="the day after tomorrow"),
            item("d2", "Far future", date="Fri, 01 Jan 2100 00:00:00 GMT"),
            item("d3", "Absurd year", date="Mon, 01 Jan 99999 00:00:00 GMT"),
            item("d4", "Negative", date="Mon, 01 Jan -0001 00:00:00 GMT"),
            item("d5", "Normal", date="Mon, 01 Sep 2025 10:00:00 GMT"),
        ]
    )
    feed_id = refresh_one(repo, doc)
    stored = {a.guid: a for a in articles(repo, feed_id)}
    assert set(stored) == {"d1", "d2", "d3", "d4", "d5"}
    assert stored["d1"].published is None
    assert stored["d5"].published == datetime(2025, 9, 1, 10, tzinfo=UTC)
    # A future date never pins an article above what was fetched today.
    now = int(time.time()) + 1
    keys = repo._conn().execute("SELECT max(sort_key) FROM articles WHERE feed_id = ?", (feed_id,))
    assert keys.fetchone()[0] <= now
    page = repo.article_page(ArticleScope(), 0, 10)
    assert len(page) == 5


def test_a_one_megabyte_title_is_cut(repo: Repository) -> None:
    huge = "Very long headline " * 55_000  # ~1 MB
    doc = rss([item("big", huge, body="<p>" + "word " * 1000 + "</p>"), item("ok", "Normal")])
    settings = FetchSettings(timeout=2.0, deadline=10.0, max_bytes=5_000_000)
    with fault_server({"/f": ok(doc)}, lifetime=60) as srv:
        feed = repo.add_feed(srv.url("/f"))
        summary = refresh_feeds(repo, [feed], settings=settings)
    assert summary.new_articles == 2
    stored = {a.guid: a for a in articles(repo, feed.id)}
    assert stored["big"].title.startswith("Very long headline Very long headline")
    assert len(stored["big"].title) <= 1_000
    assert stored["ok"].title == "Normal"
    assert repo.search("headline")  # still indexed and searchable


@pytest.mark.slow
def test_a_feed_of_100000_items(tmp_path: Path) -> None:
    """A real ``newsreader refresh`` of one feed with 100,000 items (5 MB, under the default
    10 MB cap), retention 500 per feed: done within a hang guard, with bounded peak memory;
    retention applied; a second refresh brings none of the removed items back. Undated items
    are listed in feed order, so the newest is the last one fetched."""
    items = "".join(
        f"<item><guid>g{i}</guid><title>Item {i}</title></item>" for i in range(100_000)
    )
    doc = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Flood</title>"
        + items
        + "</channel></rss>"
    ).encode()
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text("retention_per_feed = 500\ntimeout_seconds = 30\n")
    with fault_server({"/flood": ok(doc)}, lifetime=600) as srv:
        env = child_env(home)
        added = subprocess.run(
            [str(NEWSREADER), "import", "/dev/stdin"],
            input=_opml(srv.url("/flood")).encode(),
            env=env,
            capture_output=True,
            timeout=60,
        )
        assert added.returncode == 0, added.stderr
        peaks = []
        for _ in range(2):
            proc = subprocess.Popen(
                [str(NEWSREADER), "refresh", "--quiet"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            _, _, usage = _wait(proc, 300)
            assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
            peaks.append(usage.ru_maxrss * 1024 if sys.platform != "darwin" else usage.ru_maxrss)
    database = home / "data" / "newsreader.db"
    assert integrity(database) == "ok"
    repo = Repository(database)
    try:
        assert repo.count_articles(ArticleScope()) == 500
        newest = repo.article_page(ArticleScope(), 0, 1)[0]
        assert newest.title == "Item 99999"
    finally:
        repo.close()
    # Bounded memory: well under what holding the items several times over would need.
    print(f"\n100,000-item feed: peak RSS {max(peaks) / 1e6:.0f} MB")
    assert max(peaks) < 750_000_000


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int, os.struct_rusage]:
    """``os.wait4`` with a hang guard: the child's own peak memory, not the test process's."""
    stop = time.monotonic() + timeout
    while time.monotonic() < stop:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, status, usage
        time.sleep(0.05)
    proc.kill()
    raise AssertionError(f"newsreader refresh still running after {timeout} s")


def _opml(url: str) -> str:
    return (
        "<?xml version='1.0'?><opml version='2.0'><head><title>t</title></head><body>"
        f"<outline type='rss' text='Flood' xmlUrl='{url}'/></body></opml>"
    )

"""Repository on real SQLite files in a temp dir: feeds, articles, lists, search, extraction."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tui.core.models import (
    ArticleScope,
    Entity,
    Extraction,
    ParsedArticle,
    ScopeKind,
    Subscription,
    TariffRow,
)
from tui.store.errors import DuplicateFeedError
from tui.store.fts import fts_query
from tui.store.repository import Repository

T0 = datetime(2025, 4, 3, 12, 0, tzinfo=UTC)


def art(guid: str, hours: float = 0, title: str = "", body: str = "") -> ParsedArticle:
    return ParsedArticle(
        guid=guid,
        link=f"https://example.test/{guid}",
        title=title or f"Story {guid}",
        author="A. Writer",
        published=T0 + timedelta(hours=hours),
        summary_html=body or f"<p>Summary of <b>{guid}</b></p>",
    )


def test_connection_settings(repo: Repository) -> None:
    conn = repo._conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_the_database_files_are_the_users_alone(tmp_path: Path) -> None:
    """The database holds the feeds' addresses, a user:password@ in them included, and was
    created 0644 (readable by everyone on the machine) where the subscriptions copy is 0600.
    A new one is 0600 with its -wal and -shm, in a folder of 0700; one made before is
    tightened when opened."""
    new = tmp_path / "new" / "data" / "newsreader.db"
    repo = Repository(new)
    repo.add_feed("https://reader:s3cret@feeds.example/private.xml")
    files = [new, new.with_name("newsreader.db-wal"), new.with_name("newsreader.db-shm")]
    assert [f.stat().st_mode & 0o777 for f in files] == [0o600] * 3
    assert new.parent.stat().st_mode & 0o777 == 0o700
    repo.close()
    old = tmp_path / "old.db"
    sqlite3.connect(old).execute("CREATE TABLE t (x)").connection.close()
    old.chmod(0o644)
    Repository(old).close()
    assert old.stat().st_mode & 0o777 == 0o600


def test_feeds_add_list_duplicate_remove(repo: Repository) -> None:
    b = repo.add_feed("https://b.test/feed", title="Beta", folder="World")
    a = repo.add_feed("https://a.test/feed", title="alpha", folder="World")
    c = repo.add_feed("https://c.test/feed", folder="")
    with pytest.raises(DuplicateFeedError):
        repo.add_feed("https://a.test/feed")
    assert [f.id for f in repo.feeds()] == [c.id, a.id, b.id]  # folder, then title (no case)
    assert repo.feed_by_url("https://b.test/feed") == b
    assert repo.feed(9999) is None
    added = repo.add_subscriptions(
        [Subscription("https://a.test/feed"), Subscription("https://d.test/feed", "Delta", "Biz")]
    )
    assert added == 1
    assert {s.url for s in repo.subscriptions()} == {
        "https://a.test/feed",
        "https://b.test/feed",
        "https://c.test/feed",
        "https://d.test/feed",
    }
    repo.store_articles(a.id, [art("x"), art("y")])
    repo.remove_feed(a.id)
    assert repo.feed(a.id) is None
    assert repo.count_articles(ArticleScope()) == 0
    assert repo.search("Summary") == []  # the FTS rows went with the cascade


def test_store_articles_dedupes_and_counts(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed", title="A")
    ids = repo.store_articles(feed.id, [art("1", 1), art("2", 2), art("1", 5)])
    assert len(ids) == 2
    assert repo.store_articles(feed.id, [art("1", 1), art("2", 2)]) == []
    new = repo.store_articles(feed.id, [art("3", 3), art("2", 2)])
    assert len(new) == 1
    listed = repo.feed(feed.id)
    assert listed is not None and (listed.total, listed.unread) == (3, 3)
    repo.set_read(ids)
    counted = repo.feeds()[0]
    assert (counted.total, counted.unread) == (3, 1)


def test_changed_article_is_updated_not_duplicated(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed")
    [aid] = repo.store_articles(feed.id, [art("1", title="Old headline")])
    repo.set_read([aid])
    assert repo.store_articles(feed.id, [art("1", title="Fixed headline")]) == []
    stored = repo.article(aid)
    assert stored is not None and stored.title == "Fixed headline" and stored.read
    assert [s.id for s in repo.search("fixed")] == [aid]
    assert repo.search("old") == []


def test_article_round_trip(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed", title="Feed A")
    undated = ParsedArticle(guid="u", title="No date", content_html="<p>c</p>")
    [aid, uid] = repo.store_articles(feed.id, [art("1", 2), undated])
    a = repo.article(aid)
    assert a is not None
    assert a.published == T0 + timedelta(hours=2)
    assert a.published.tzinfo is not None
    assert (a.feed_title, a.guid, a.author, a.full_text) == ("Feed A", "1", "A. Writer", None)
    assert a.best_html == "<p>Summary of <b>1</b></p>"
    u = repo.article(uid)
    assert u is not None and u.published is None and u.fetched_at.tzinfo is not None
    assert repo.article(12345) is None


def test_future_dates_do_not_pin_to_top(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed")
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=300)
    future = ParsedArticle(guid="f", published=soon)
    [fid] = repo.store_articles(feed.id, [future])
    row = repo._conn().execute("SELECT sort_key, fetched_at FROM articles WHERE id = ?", (fid,))
    sort_key, fetched_at = row.fetchone()
    assert sort_key == fetched_at  # clamped to the fetch time, not 300 days ahead
    stored = repo.article(fid)
    assert stored is not None and stored.published == future.published  # shown as given


def _populate(repo: Repository) -> tuple[int, int, int]:
    a = repo.add_feed("https://a.test/feed", title="A", folder="World")
    b = repo.add_feed("https://b.test/feed", title="B", folder="World")
    c = repo.add_feed("https://c.test/feed", title="C", folder="Business")
    repo.store_articles(a.id, [art(f"a{i}", i) for i in range(5)])
    repo.store_articles(b.id, [art(f"b{i}", i + 0.5) for i in range(5)])
    repo.store_articles(c.id, [art(f"c{i}", i + 0.25) for i in range(5)])
    return a.id, b.id, c.id


def test_scopes_pages_and_ids(repo: Repository) -> None:
    a, b, c = _populate(repo)
    everything = repo.article_ids(ArticleScope())
    assert len(everything) == 15
    pubs = [s.published for s in repo.summaries(everything)]
    assert pubs == sorted(pubs, reverse=True)  # newest first
    page = repo.article_page(ArticleScope(), 3, 4)
    assert [s.id for s in page] == everything[3:7]
    assert page[0].feed_title in {"A", "B", "C"}
    folder = ArticleScope(ScopeKind.FOLDER, folder="World")
    assert repo.count_articles(folder) == 10
    assert {s.feed_id for s in repo.article_page(folder, 0, 100)} == {a, b}
    feed_scope = ArticleScope(ScopeKind.FEED, feed_id=c)
    assert repo.count_articles(feed_scope) == 5
    repo.set_starred(everything[0], True)
    starred = repo.article_page(ArticleScope(ScopeKind.STARRED), 0, 10)
    assert [s.id for s in starred] == [everything[0]] and starred[0].starred
    repo.set_read(everything[:2])
    unread = ArticleScope(unread_only=True)
    assert repo.article_ids(unread) == everything[2:]
    assert repo.count_articles(unread) == 13
    assert repo.summaries([everything[5], 999_999, everything[1]])[0].id == everything[5]
    assert repo.article_page(ArticleScope(), 100, 10) == []


def test_mark_scope_read_and_neighbours(repo: Repository) -> None:
    a, _, _ = _populate(repo)
    scope = ArticleScope()
    ids = repo.article_ids(scope)
    repo.set_read([ids[1], ids[2]])
    assert repo.neighbour_unread(scope, None) == ids[0]
    assert repo.neighbour_unread(scope, ids[0]) == ids[3]
    assert repo.neighbour_unread(scope, ids[3], forward=False) == ids[0]
    assert repo.neighbour_unread(scope, None, forward=False) == ids[-1]
    assert repo.neighbour_unread(scope, ids[-1]) is None
    feed_scope = ArticleScope(ScopeKind.FEED, feed_id=a)
    assert repo.mark_scope_read(feed_scope) == 5 - len(
        {ids[1], ids[2]} & set(repo.article_ids(feed_scope))
    )
    assert repo.count_articles(ArticleScope(ScopeKind.FEED, feed_id=a, unread_only=True)) == 0
    assert repo.mark_scope_read(feed_scope) == 0
    repo.set_read([ids[0]], read=False)
    assert repo.summaries([ids[0]])[0].read is False


@pytest.mark.parametrize(
    "typed",
    [
        'tariff"',
        "AND",
        "OR OR",
        "NEAR(",
        "col:umn",
        "*",
        "^start",
        "-minus",
        '"unterminated phrase',
        "(",
        "a AND OR NOT b",
        "' OR 1=1; --",
        "",
        "   ",
        "\x00",
    ],
)
def test_search_never_raises(repo: Repository, typed: str) -> None:
    feed = repo.add_feed("https://a.test/feed")
    repo.store_articles(feed.id, [art("1", body="<p>tariff and NEAR column minus</p>")])
    assert isinstance(repo.search(typed), list)


def test_search_words_phrases_prefix_or(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed", title="A")
    old, new, other = repo.store_articles(
        feed.id,
        [
            art("old", 1, "Vietnam deal", "<p>A 20% tariff on <i>Vietnamese</i> goods.</p>"),
            art("new", 5, "Laos threat", "<p>Laos faces a 40% tariff, the letter said.</p>"),
            art("other", 3, "Weather", "<p>Rain in Kuala Lumpur.</p>"),
        ],
    )
    assert [s.id for s in repo.search("tariff")] == [new, old]  # newest first
    assert [s.id for s in repo.search("TARIFF laos")] == [new]
    assert [s.id for s in repo.search('"kuala lumpur"')] == [other]
    assert repo.search('"lumpur kuala"') == []
    assert [s.id for s in repo.search("viet*")] == [old]
    assert [s.id for s in repo.search("laos OR rain")] == [new, other]
    assert len(repo.search("tariff", limit=1)) == 1
    assert fts_query('say "hi') == '"say" AND "hi"'


def test_search_cjk_words_inside_sentences(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed")
    [zh, other] = repo.store_articles(
        feed.id,
        [
            art("zh", 2, "美国对越南商品征收关税", "<p>中国外交部发言人表示反对。</p>"),
            art("other", 1, "天气", "<p>越来越热</p>"),
        ],
    )
    assert [s.id for s in repo.search("关税")] == [zh]
    assert [s.id for s in repo.search("外交部")] == [zh]
    assert [s.id for s in repo.search("越")] == [zh, other]
    assert repo.search("越南 天气") == []


def test_full_text_is_indexed(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed")
    [aid] = repo.store_articles(feed.id, [art("1")])
    assert repo.search("zanzibar") == []
    repo.set_full_text(aid, "The full story mentions Zanzibar.")
    assert [s.id for s in repo.search("zanzibar")] == [aid]
    stored = repo.article(aid)
    assert stored is not None and stored.full_text == "The full story mentions Zanzibar."


def test_search_ignores_markup(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed")
    repo.store_articles(feed.id, [art("1", body='<a href="https://hidden.test">shown</a>')])
    assert repo.search("hidden") == []
    assert len(repo.search("shown")) == 1


def test_extraction_cache_and_tariff_history(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed", title="Wire")
    first, second = repo.store_articles(feed.id, [art("1", 1), art("2", 30)])
    laos = TariffRow("Laos", "LA", 40.0, None, "threatened", date(2025, 8, 1), "Laos 40%.", (3, 12))
    vn = TariffRow("Vietnam", "VN", 20.0, 46.0, "agreed", None, "Vietnam 20%.")
    ex = Extraction(
        version="v1",
        text="Hi Marco Rubio. Laos 40%.",
        entities=(Entity("Marco Rubio", "PERSON", ((3, 14),)),),
        tariffs=(laos, vn),
    )
    repo.save_extraction(second, ex)
    repo.save_extraction(first, Extraction("v1", "Laos 10%.", (), (laos,)))
    assert repo.extraction(second, "v1") == ex
    assert repo.extraction(second, "v2") is None
    history = repo.tariff_history()
    assert [(t.article_id, t.row.country) for t in history] == [
        (first, "Laos"),
        (second, "Laos"),
        (second, "Vietnam"),
    ]
    assert history[1].feed_title == "Wire" and history[1].article_title == "Story 2"
    assert [t.article_id for t in repo.tariff_history("la")] == [first, second]
    assert [t.row.iso for t in repo.tariff_history("vietnam")] == ["VN"]
    since = (T0 + timedelta(hours=2)).date() + timedelta(days=1)
    assert [t.article_id for t in repo.tariff_history(since=since)] == [second, second]
    # A newer version replaces the rows, it does not add to them.
    repo.save_extraction(second, Extraction("v2", "nothing", (), ()))
    assert repo.extraction(second, "v1") is None
    assert [t.article_id for t in repo.tariff_history()] == [first]
    assert repo.unextracted_ids("v2") == [first]
    repo.save_extraction(424242, ex)  # unknown article: ignored, no error


def test_state(repo: Repository) -> None:
    assert repo.get_state("k") is None
    repo.set_state("k", "1")
    repo.set_state("k", "2")
    assert repo.get_state("k") == "2"


def test_record_fetch(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed")
    other = repo.add_feed("https://b.test/feed")
    repo.record_fetch(feed.id, status=200, error=None, etag='"e1"', last_modified="Mon", title="T")
    got = repo.feed(feed.id)
    assert got is not None
    assert (got.etag, got.last_modified, got.last_status, got.title) == ('"e1"', "Mon", 200, "T")
    assert got.last_fetched is not None and not got.failing
    repo.record_fetch(feed.id, status=404, error="HTTP 404 Not Found")
    got = repo.feed(feed.id)
    assert got is not None and got.etag == '"e1"' and got.failing
    repo.record_fetch(feed.id, status=200, error=None, etag="", new_url="https://a2.test/feed")
    got = repo.feed(feed.id)
    assert got is not None and got.etag is None and got.url == "https://a2.test/feed"
    repo.record_fetch(feed.id, status=301, error=None, new_url=other.url)  # taken: not applied
    assert repo.feed_by_url("https://a2.test/feed") is not None
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    repo.record_fetch(feed.id, status=429, error="busy", retry_after=later)
    assert repo.retry_after(feed.id) == later
    repo.record_fetch(feed.id, status=410, error="gone", disabled=True)
    got = repo.feed(feed.id)
    assert got is not None and got.disabled and repo.retry_after(feed.id) is None


def test_retention_keeps_starred_and_kept_unread(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed")
    now = datetime.now(UTC)
    old = [
        ParsedArticle(guid=f"old{i}", title=f"old {i}", published=now - timedelta(days=40 + i))
        for i in range(4)
    ]
    fresh = [
        ParsedArticle(guid=f"new{i}", title=f"new {i}", published=now - timedelta(hours=i))
        for i in range(6)
    ]
    ids = repo.store_articles(feed.id, old + fresh)
    old_ids, fresh_ids = ids[:4], ids[4:]
    repo.set_starred(old_ids[0], True)
    repo.set_read(old_ids)
    repo.set_read([old_ids[1]], read=False)  # marked unread by choice
    assert repo.apply_retention(0, 0) == 0
    assert repo.apply_retention(30, 0) == 2
    remaining = set(repo.article_ids(ArticleScope()))
    assert {old_ids[0], old_ids[1]} <= remaining and old_ids[2] not in remaining
    # Per feed: keep the 3 newest (the protected ones do not count against removal).
    assert repo.apply_retention(0, 3) == 3
    assert set(repo.article_ids(ArticleScope())) == {old_ids[0], old_ids[1], *fresh_ids[:3]}
    # The feed still lists the removed items: they must not come back as new.
    assert repo.store_articles(feed.id, old + fresh) == []
    assert old_ids[3] not in {s.id for s in repo.search("old")}  # the index went with them


def _writer(path: Path, feed_url: str, n: int, errors: list[BaseException]) -> None:
    try:
        repo = Repository(path)
        feed = repo.feed_by_url(feed_url) or repo.add_feed(feed_url)
        for i in range(n):
            ids = repo.store_articles(feed.id, [art(f"{feed_url}-{i}-{j}", j) for j in range(5)])
            repo.set_read(ids[:2])
            repo.set_starred(ids[0], True)
            repo.record_fetch(feed.id, status=200, error=None)
            repo.set_state(feed_url, str(i))
            repo.search("story")
        repo.close()
    except BaseException as exc:  # noqa: BLE001 - reported to the main thread
        errors.append(exc)


def test_two_repositories_two_threads_no_lock_errors(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    Repository(path).close()  # created and migrated once, like a running app
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_writer, args=(path, f"https://{name}.test/f", 60, errors))
        for name in ("one", "two")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    repo = Repository(path)
    assert repo.count_articles(ArticleScope()) == 2 * 60 * 5
    repo.close()


def test_one_repository_many_threads(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed")
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(20):
                repo.store_articles(feed.id, [art(f"{k}-{i}")])
                repo.article_page(ArticleScope(), 0, 50)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and repo.count_articles(ArticleScope()) == 80


def test_connections_of_ended_threads_are_closed(repo: Repository) -> None:
    for _ in range(5):
        t = threading.Thread(target=repo.feeds)
        t.start()
        t.join()
    repo.feeds()
    assert repo.open_connections() <= 2


def test_closed_repository_refuses(tmp_path: Path) -> None:
    repo = Repository(tmp_path / "x.db")
    repo.close()
    with pytest.raises(RuntimeError):
        repo.feeds()


_CLOSE_WHILE_READING = """
import sys, threading
from pathlib import Path
from tui.store.repository import Repository

repo = Repository(Path(sys.argv[1]))
started, outcome = threading.Event(), []
COUNT = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) "

def read():
    conn = repo._conn()
    started.set()
    try:
        outcome.append(conn.execute(COUNT + "SELECT count(*) FROM c").fetchone()[0])
    except Exception as exc:
        outcome.append(str(exc))

worker = threading.Thread(target=read)
worker.start()
started.wait()
threading.Event().wait(0.2)
repo.close()
worker.join(30)
print(outcome)
"""


@pytest.mark.parametrize("attempt", range(3))
def test_close_while_another_thread_reads_interrupts_it(tmp_path: Path, attempt: int) -> None:
    """The app closes its repository at exit while a worker thread may still be reading:
    closing that thread's connection under it crashed the process now and then (SIGSEGV), so
    its statement is interrupted instead and the process exits cleanly."""
    done = subprocess.run(
        [sys.executable, "-c", _CLOSE_WHILE_READING, str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['interrupted']"


def test_fifty_thousand_articles_page_without_full_scan(repo: Repository) -> None:
    """The list queries use the indexes (checked by query plan; bench_cache.py times them)."""
    feeds = [repo.add_feed(f"https://f{i}.test/feed", folder=f"F{i % 5}").id for i in range(50)]
    for fid in feeds:
        repo.store_articles(
            fid, [art(f"{fid}-{i}", hours=-(i * 3 + fid), body="<p>x</p>") for i in range(1000)]
        )
    conn = repo._conn()
    for sql in (
        "SELECT id FROM articles a WHERE 1 ORDER BY a.sort_key DESC, a.id DESC LIMIT 50",
        "SELECT id FROM articles a WHERE a.read = 0 ORDER BY a.sort_key DESC, a.id DESC LIMIT 50",
        "SELECT id FROM articles a WHERE a.feed_id = 3 ORDER BY a.sort_key DESC, a.id DESC",
    ):
        plan = " ".join(str(r[3]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "TEMP B-TREE" not in plan, plan
    page = repo.article_page(ArticleScope(), 25_000, 100)
    ids = repo.article_ids(ArticleScope(unread_only=True))
    folder = repo.article_page(ArticleScope(ScopeKind.FOLDER, folder="F2"), 0, 100)
    counts = repo.feeds()
    assert len(page) == 100 and len(ids) == 50_000 and len(folder) == 100
    assert sum(f.total for f in counts) == 50_000


def test_database_file_is_consistent_after_abrupt_close(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    repo = Repository(path)
    feed = repo.add_feed("https://a.test/feed")
    repo.store_articles(feed.id, [art("1")])
    # No close(): a second connection sees committed data straight away.
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()
    repo.close()


def test_a_tariff_row_reads_back_from_its_dict_form() -> None:
    import json

    rows = [
        TariffRow("Laos", "LA", 40.0, None, "threatened", date(2025, 8, 1), "Laos 40%.", (3, 12)),
        TariffRow("Vietnam", "VN", 20.0, 46.0, "agreed", None, "Vietnam 20%."),
    ]
    for row in rows:
        data = json.loads(json.dumps(row.to_dict()))
        assert data["effective"] == (row.effective.isoformat() if row.effective else None)
        assert TariffRow.from_dict(data) == row
    # A payload of a version that stored neither the span nor a maximum rate.
    old = {k: v for k, v in rows[1].to_dict().items() if k not in ("evidence_span", "rate_max_pct")}
    assert TariffRow.from_dict(old) == TariffRow(
        "Vietnam", "VN", 20.0, None, "agreed", None, "Vietnam 20%."
    )
    with pytest.raises(KeyError):
        TariffRow.from_dict({"country": "Laos"})

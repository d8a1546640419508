"""Parsing in worker processes during a big refresh, its fallback to a thread, and the store
taking index text computed by the parse workers."""

from __future__ import annotations

import asyncio
import os
import random
import re
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest

import tui.services.refresh as refresh_module
from tests.feedserver import FeedServer
from tui.core.models import ArticleScope, ParsedArticle
from tui.services.fetcher import FetchSettings
from tui.services.parsing import parse_for_store
from tui.services.refresh import refresh_feeds
from tui.store.repository import Repository
from tui.store.schema import index_text
from tui.store.text import index_body, plain_text

SMALL = Path(__file__).resolve().parent.parent / "fixtures" / "store" / "small.rss"


def _stored(repo: Repository) -> list[tuple[str, str, str, str]]:
    rows = repo._conn().execute(
        "SELECT f.url, a.guid, a.title, x.body FROM articles a JOIN feeds f ON f.id = a.feed_id"
        " JOIN article_fts x ON x.rowid = a.id ORDER BY f.url, a.guid"
    )
    return [(r[0].rsplit("/", 1)[1], r[1], r[2], r[3]) for r in rows]


def test_the_pool_stores_what_the_thread_stores(
    corpus_dir: Path, corpus_server: FeedServer, tmp_path: Path
) -> None:
    names = sorted(p.name for p in corpus_dir.iterdir() if p.suffix != ".md")
    results = []
    for pool_after in (None, 0):
        repo = Repository(tmp_path / f"news-{pool_after}.db")
        try:
            for name in names:
                repo.add_feed(corpus_server.url(name))
            summary = refresh_feeds(repo, settings=FetchSettings(), pool_after=pool_after)
            results.append((summary.new_articles, _stored(repo)))
        finally:
            repo.close()
    assert results[0][0] > 500
    assert results[0] == results[1]


def test_parsers_use_the_pool_past_the_threshold() -> None:
    body = SMALL.read_bytes()

    async def go() -> tuple[bool, bool, int]:
        parsers = refresh_module._Parsers(len(body) + 1)
        try:
            first = await parsers.parse(body, "https://x.test/feed", {})
            before = parsers.pooled
            second = await parsers.parse(body, "https://x.test/feed", {})
            assert first == second
            return before, parsers.pooled, len(second[0].articles)
        finally:
            parsers.close()

    before, after, count = asyncio.run(go())
    assert (before, after) == (False, True) and count > 0


def test_a_mostly_not_modified_refresh_keeps_parsing_in_the_thread() -> None:
    """Past the byte threshold, but 9 of 10 answers were 304s: no worker processes."""
    body = SMALL.read_bytes()

    async def go() -> tuple[bool, bool]:
        parsers = refresh_module._Parsers(0)
        try:
            for _ in range(9):
                parsers.answered()  # 304s
            parsers.answered()
            await parsers.parse(body, "https://x.test/feed", {})
            mostly_304 = parsers.pooled
            for _ in range(10):  # then every answer brings a document
                parsers.answered()
                await parsers.parse(body, "https://x.test/feed", {})
            return mostly_304, parsers.pooled
        finally:
            parsers.close()

    assert asyncio.run(go()) == (False, True)


class _Broken(Executor):
    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(RuntimeError("worker died"))
        return future


@pytest.mark.parametrize("failure", ["cannot start", "broken"])
def test_a_failing_pool_falls_back_to_the_thread(
    failure: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import concurrent.futures

    def cannot_start(*args: object, **kwargs: object) -> Executor:
        raise OSError("no processes here")

    monkeypatch.setattr(
        concurrent.futures,
        "ProcessPoolExecutor",
        cannot_start if failure == "cannot start" else lambda **kwargs: _Broken(),
    )
    body = SMALL.read_bytes()

    async def go() -> int:
        parsers = refresh_module._Parsers(0)
        try:
            parsed, bodies = await parsers.parse(body, "https://x.test/feed", {})
            again, _ = await parsers.parse(body, "https://x.test/feed", {})
            assert again == parsed and len(bodies) == len(parsed.articles)
            return len(parsed.articles)
        finally:
            parsers.close()

    assert asyncio.run(go()) > 0
    assert "parsing in a thread" in caplog.text


def test_small_refreshes_never_start_a_pool(
    corpus_server: FeedServer, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    def refuse(*args: object, **kwargs: object) -> Executor:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    repo.add_feed(corpus_server.url("npr-news-2025-07-17.xml"))
    assert refresh_feeds(repo, settings=FetchSettings()).new_articles == 10


def test_index_bodies_from_the_workers(repo: Repository) -> None:
    parsed, bodies = parse_for_store(SMALL.read_bytes(), "https://x.test/feed", {})
    articles = parsed.articles
    assert bodies == tuple(index_text(None, a.content_html, a.summary_html) for a in articles)
    a = repo.add_feed("https://a.test/feed")
    b = repo.add_feed("https://b.test/feed")
    with pytest.raises(ValueError):
        repo.store_articles(a.id, articles, index_bodies=bodies[:-1])
    ids_a = repo.store_articles(a.id, articles, index_bodies=bodies)
    ids_b = repo.store_articles(b.id, articles)
    rows = dict(repo._conn().execute("SELECT rowid, body FROM article_fts").fetchall())
    assert [rows[i] for i in ids_a] == [rows[i] for i in ids_b] == list(bodies)


def test_many_new_articles_in_one_feed(repo: Repository) -> None:
    feed = repo.add_feed("https://many.test/feed")
    articles = [
        ParsedArticle(guid=f"g{i:04}", title=f"T{i}", link="", content_html=f"<p>w{i}</p>")
        for i in range(450)
    ]
    articles.insert(7, articles[3])  # a guid listed twice: the first copy counts
    ids = repo.store_articles(feed.id, articles)
    assert len(ids) == 450 and len(set(ids)) == 450
    titles = [s.title for s in repo.summaries(ids)]
    assert titles == [f"T{i}" for i in range(450)]  # new ids in feed order
    assert repo.count_articles(ArticleScope()) == 450
    assert [s.id for s in repo.search("w123")] == [ids[123]]


def _plain_text_reference(markup: str) -> str:
    """plain_text as it was written first (line by line with a regex), for comparison."""
    import html

    from tui.store import text

    if not markup:
        return ""
    out = text._DROP.sub(" ", markup)
    out = text._BREAK.sub("\n", out)
    out = html.unescape(text._TAG.sub(" ", out))
    lines = (re.sub(r"[^\S\n]+", " ", line).strip() for line in out.splitlines())
    return "\n".join(line for line in lines if line)


def test_plain_text_is_unchanged() -> None:
    pieces = [
        "a", "b", " ", "\n", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x85",
        "\u2028", "\xa0", "\u3000", "<p>", "</p>", "<br>", "<b>", "&nbsp;", "&#13;", "&amp;",
        "<li>", "<script>x</script>", "<!-- c -->", "\u200b",
    ]  # fmt: skip
    rnd = random.Random(7)
    for _ in range(20_000):
        markup = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        assert plain_text(markup) == _plain_text_reference(markup), repr(markup)
    assert index_body("", "<p>x</p>") == plain_text("<p>x</p>")


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process niceness on this system")
def test_parse_workers_run_below_the_refresh() -> None:
    """The refresh's process fetches and stores; its parse workers run at a lower priority."""
    from tui.services.parsing import WORKER_NICENESS

    async def go() -> int:
        parsers = refresh_module._Parsers(0)
        try:
            parsers.answered()
            await parsers.parse(SMALL.read_bytes(), "https://x.test/feed", {})
            assert parsers.pooled
            pool = parsers._get_pool()
            assert pool is not None
            return pool.submit(os.nice, 0).result(timeout=30)
        finally:
            parsers.close()

    assert asyncio.run(go()) == min(19, os.nice(0) + WORKER_NICENESS)

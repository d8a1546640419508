"""refresh_feeds() end to end: real HTTP servers on 127.0.0.1, the real corpus, real SQLite."""

from __future__ import annotations

import gzip
import re
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, reply, serve
from tests.unit.conftest import SMALL, free_port, redirect
from tui.core.models import ArticleScope, FeedRefresh
from tui.services.fetcher import FetchError, FetchSettings
from tui.services.refresh import discover_feeds, refresh_feeds
from tui.store.repository import Repository

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "store"
SETTINGS = FetchSettings(timeout=2.0, deadline=4.0, max_bytes=1_000_000)


def corpus_counts(corpus_dir: Path) -> dict[str, int]:
    """file -> distinct items, from the table in the corpus README (read in place)."""
    counts: dict[str, int] = {}
    row = re.compile(r"^\|\s*\d+\s*\|\s*`([^`]+)`\s*\|[^|]*\|\s*(\d+)\s*\|")
    for line in (corpus_dir / "README.md").read_text(encoding="utf-8").splitlines():
        match = row.match(line)
        if match:
            counts[match.group(1)] = int(match.group(2))
    return counts


def test_corpus_cold_then_warm(
    corpus_dir: Path, corpus_server: FeedServer, repo: Repository
) -> None:
    expected = corpus_counts(corpus_dir)
    assert len(expected) == 36
    for name in expected:
        repo.add_feed(corpus_server.url(name))
    progress: list[tuple[int, int]] = []
    announced: dict[int, list[int]] = {}
    caller = threading.get_ident()
    callback_threads: set[int] = set()

    def on_progress(done: int, total: int, result: FeedRefresh) -> None:
        progress.append((done, total))
        callback_threads.add(threading.get_ident())

    def on_new(feed_id: int, ids: list[int]) -> None:
        announced[feed_id] = ids
        callback_threads.add(threading.get_ident())

    cold = refresh_feeds(
        repo, settings=FetchSettings(), on_progress=on_progress, on_new_articles=on_new
    )
    assert progress == [(i, 36) for i in range(1, 37)]
    assert callback_threads == {caller}
    by_file = {f.url.rsplit("/", 1)[1]: f for f in repo.feeds()}
    got = {name: by_file[name].total for name in expected}
    assert got == expected
    assert cold.new_articles == sum(expected.values())
    assert sum(len(ids) for ids in announced.values()) == cold.new_articles
    reuters = by_file["reuters-mostread-2020-truncated.xml"]
    assert reuters.last_error and reuters.last_status == 200
    assert [r.url.rsplit("/", 1)[1] for r in cold.failed] == ["reuters-mostread-2020-truncated.xml"]
    assert all(f.title for f in by_file.values())  # titles filled from the feeds
    assert all(f.etag for f in by_file.values())

    warm = refresh_feeds(repo, settings=FetchSettings())
    assert all(r.not_modified and r.status == 304 for r in warm.results)
    assert warm.new_articles == 0 and corpus_server.count(304) == 36
    assert repo.count_articles(ArticleScope()) == sum(expected.values())
    dupes = repo._conn().execute(
        "SELECT count(*) FROM"
        " (SELECT feed_id, guid FROM articles GROUP BY 1, 2 HAVING count(*) > 1)"
    )
    assert dupes.fetchone()[0] == 0
    # A 304 keeps the parse error of the last real response visible.
    kept = repo.feed_by_url(reuters.url)
    assert kept is not None and kept.last_error == reuters.last_error and kept.last_status == 304
    assert [r.url.rsplit("/", 1)[1] for r in warm.failed] == ["reuters-mostread-2020-truncated.xml"]
    assert len(repo.search("tariff")) > 5


def bad_routes() -> dict[str, object]:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(1.5)
        reply(200, SMALL)(h)

    bomb = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
    return {
        "/good": reply(200, SMALL, {"ETag": '"g"'}),
        "/404": reply(404, b"no"),
        "/500": reply(500, b"boom"),
        "/410": reply(410, b"gone"),
        "/429": reply(429, b"", {"Retry-After": "3600"}),
        "/old": redirect(301, "/older"),
        "/older": redirect(308, "/moved"),
        "/moved": reply(200, SMALL),
        "/loop1": redirect(302, "/loop2"),
        "/loop2": redirect(302, "/loop1"),
        "/slow": slow,
        "/big": reply(200, b"<rss><channel>" + b" " * 2_000_000),
        "/bomb": reply(200, bomb, {"Content-Encoding": "gzip"}),
        "/html": reply(200, b"<html><body>not a feed</body></html>"),
    }


def test_faults_are_recorded_per_feed(repo: Repository) -> None:
    settings = FetchSettings(timeout=0.5, deadline=3.0, max_bytes=1_000_000)
    routes = bad_routes()
    with serve(routes=routes) as srv:  # type: ignore[arg-type]
        ids = {
            path: repo.add_feed(srv.url(path)).id
            for path in routes
            if path not in {"/older", "/moved", "/loop2"}
        }
        refused = repo.add_feed(f"http://127.0.0.1:{free_port()}/feed").id
        summary = refresh_feeds(repo, settings=settings)
        results = {r.feed_id: r for r in summary.results}

        def feed(path: str):  # noqa: ANN202 - local helper
            found = repo.feed(ids[path])
            assert found is not None
            return found

        assert results[ids["/good"]].ok and feed("/good").total == 3
        assert feed("/404").last_error == "HTTP 404 Not Found" and feed("/404").last_status == 404
        assert (feed("/500").last_error or "").startswith("HTTP 500")
        assert feed("/410").disabled and feed("/410").last_status == 410
        assert feed("/429").last_status == 429
        wait = repo.retry_after(ids["/429"])
        assert wait is not None and wait > datetime.now(UTC)
        assert feed("/old").url == srv.url("/moved") and feed("/old").total == 3
        assert results[ids["/old"]].new_url == srv.url("/moved")
        assert feed("/loop1").last_error == "redirect loop"
        assert "timed out" in (feed("/slow").last_error or "")
        assert "larger than 1 MB" in (feed("/big").last_error or "")
        assert "larger than 1 MB" in (feed("/bomb").last_error or "")
        assert feed("/html").last_error and feed("/html").total == 0
        stored = repo.feed(refused)
        assert stored is not None and (stored.last_error or "").startswith("cannot connect")

        # Again: the disabled (410) and the waiting (429) feeds are skipped, nothing else is.
        srv.statuses.clear()
        again = refresh_feeds(repo, settings=settings)
        asked = {path for path, _ in srv.statuses}
        assert "/410" not in asked and "/429" not in asked
        assert ids["/410"] not in {r.feed_id for r in again.results}
        assert again.new_articles == 0
        assert feed("/good").total == 3


def test_parse_error_keeps_the_items(repo: Repository) -> None:
    broken = SMALL.replace(b"</item>\n    <item>\n      <title>Fishing", b"<<broken", 1)
    broken = broken[: broken.index(b"<<broken") + 8]
    with serve(routes={"/half": reply(200, broken)}) as srv:
        feed = repo.add_feed(srv.url("/half"))
        summary = refresh_feeds(repo, settings=SETTINGS)
    stored = repo.feed(feed.id)
    assert stored is not None and stored.total >= 1 and stored.last_error
    assert summary.results[0].new_articles == stored.total and not summary.results[0].ok


def test_a_broken_document_is_still_reported_after_a_failed_fetch(
    repo: Repository, tmp_path: Path
) -> None:
    """A feed whose document does not parse, then one refresh that fails (HTTP 500, the
    network): the next refresh got 304 for the same broken document and the feed showed as
    fine, its error gone, the error of the failed fetch having taken the parse error's place.
    The failed fetch now forgets the validators, so the document comes again and is parsed."""
    broken = SMALL.replace(b"</item>\n    <item>\n      <title>Fishing", b"<<broken", 1)
    (tmp_path / "half.xml").write_bytes(broken[: broken.index(b"<<broken") + 8])
    with serve(tmp_path) as srv:
        feed = repo.add_feed(srv.url("/half.xml"))
        refresh_feeds(repo, settings=SETTINGS)
        first = repo.feed(feed.id)
        assert first is not None and (first.last_error or "").startswith("feed error: ")
        srv.routes["/half.xml"] = reply(500, b"down")
        refresh_feeds(repo, settings=SETTINGS)
        del srv.routes["/half.xml"]
        (result,) = refresh_feeds(repo, settings=SETTINGS).results
    after = repo.feed(feed.id)
    assert after is not None and after.last_error == first.last_error
    assert [status for _, status in srv.statuses] == [200, 500, 200]
    assert not result.ok


def test_should_stop_and_explicit_feed_list(repo: Repository) -> None:
    with serve(FIXTURES) as srv:
        first = repo.add_feed(srv.url("small.rss"))
        second = repo.add_feed(srv.url("small.rss") + "?copy")
        stopped = refresh_feeds(repo, settings=SETTINGS, should_stop=lambda: True)
        assert stopped.results == () and repo.count_articles(ArticleScope()) == 0
        only = refresh_feeds(repo, [second], settings=SETTINGS)
        assert [r.feed_id for r in only.results] == [second.id]
        assert repo.count_articles(ArticleScope()) == 3
        repo.set_disabled(first.id, True)
        assert refresh_feeds(repo, [first], settings=SETTINGS).results == ()


async def test_callable_from_a_running_event_loop(repo: Repository) -> None:
    with serve(FIXTURES) as srv:
        repo.add_feed(srv.url("small.rss"))
        summary = refresh_feeds(repo, settings=SETTINGS)
    assert summary.new_articles == 3


def test_a_failing_callback_is_not_swallowed(repo: Repository) -> None:
    def explode(done: int, total: int, result: FeedRefresh) -> None:
        raise ValueError("ui bug")

    with serve(FIXTURES) as srv:
        repo.add_feed(srv.url("small.rss"))
        with pytest.raises(ValueError, match="ui bug") as raised:
            refresh_feeds(repo, settings=SETTINGS, on_progress=explode)
    # Not raised "during handling of" the event-loop check's RuntimeError: that context made
    # every refresh error (and its traceback in the log) look like a second failure.
    assert raised.value.__context__ is None


def test_discover(repo: Repository) -> None:
    routes = {"/old-feed": redirect(301, "/small.rss")}
    with serve(FIXTURES, routes) as srv:  # type: ignore[arg-type]
        found, document = discover_feeds(srv.url("small.rss"), SETTINGS)
        assert found == [srv.url("small.rss")] and document is not None  # stored, not fetched again
        found, document = discover_feeds(srv.url("old-feed"), SETTINGS)
        assert found == [srv.url("small.rss")] and document is not None
        found, document = discover_feeds(srv.url("page.html"), SETTINGS)
        assert found == [srv.url("small.rss"), "https://gazette.example/sport.atom"]
        assert document is None  # a page: its feeds are fetched by their own refresh
        with pytest.raises(FetchError, match="404"):
            discover_feeds(srv.url("missing.html"), SETTINGS)

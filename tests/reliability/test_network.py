"""Network faults through a whole refresh: every fault is recorded on its feed, no crash, and
nothing already stored (articles, read and star state) is lost.

Stage 1 serves every feed healthily and the user reads and stars some articles; stage 2 turns
each route into its fault and refreshes again; stage 3 refreshes once more to check which feeds
are asked again (410 disabled, 429 honoured).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from tests.reliability.conftest import FAST
from tests.reliability.faultserver import (
    Fault,
    FaultServer,
    Switch,
    endless,
    fault_server,
    gzip_bomb,
    item,
    ok,
    redirect,
    refused_port,
    reset_mid_body,
    rss,
    slow_first_byte,
    small_feed,
    status,
    trickle,
    unanswered_port,
)
from tui.core.models import ArticleScope, Feed, ScopeKind
from tui.core.parse import parse_feed
from tui.services.fetcher import FetchSettings
from tui.services.refresh import refresh_feeds
from tui.store.repository import Repository

UTF8_TEXT = "Caf\u00e9 na\u00efve \u2014 \u00fcber"


@dataclass(frozen=True)
class Case:
    path: str
    fault: Fault
    expect: str  # fragments of the recorded error, "|" between alternatives ("" = no error)
    new: int = 0  # new articles the faulty response still brings


def _padded(prefix: str, pad: int) -> bytes:
    """A feed whose three items come first and whose tail is ``pad`` bytes of comment."""
    doc = small_feed(prefix)
    cut = doc.index(b"</channel>")
    return doc[:cut] + b"<!--" + b"x" * pad + b"-->" + doc[cut:]


# A slow answer ends at the read timeout or at the whole fetch's deadline, whichever a loaded
# machine reaches first: either is the right message, and neither loses an article.
_TIMED_OUT = "timed out waiting|gave up after 2 s"


def network_cases() -> list[Case]:
    body = small_feed("reset", 40)
    endless_prefix = rss([], title="Endless").replace(b"</channel></rss>", b"")
    endless_item = item("forever", "Forever").encode()
    return [
        Case("/slow-first-byte", slow_first_byte(1.5, ok(small_feed("x"))), _TIMED_OUT),
        Case("/trickle", trickle(small_feed("trickle-v2", 30), 0.05), _TIMED_OUT),
        Case("/reset", reset_mid_body(body, len(body) // 3), "connection broke|bad response"),
        Case("/404", status(404, b"missing"), "HTTP 404 Not Found"),
        Case("/410", status(410, b"gone"), "the feed was removed, so it is disabled"),
        Case("/429", status(429, b"", {"Retry-After": "3600"}), "HTTP 429"),
        Case("/500", status(500, b"boom"), "HTTP 500"),
        Case("/503", status(503, b"busy"), "HTTP 503"),
        Case("/loop", redirect(301, "/loop-b"), "redirect loop"),
        Case("/as-html", ok(small_feed("as-html-v2"), "text/html; charset=iso-8859-1"), "", 3),
        Case("/as-png", ok(small_feed("as-png-v2"), "image/png"), "", 3),
        Case("/huge", ok(_padded("huge-v2", 3_000_000)), "larger than 1 MB", 3),
        Case("/bomb", gzip_bomb(), "larger than 1 MB"),
        Case("/endless-fast", endless(endless_item * 50, prefix=endless_prefix), "larger", 1),
        Case("/endless-slow", endless(endless_item, 0.05, endless_prefix), _TIMED_OUT),
    ]


REDIRECTS: dict[str, Fault] = {
    # 301 -> 308 -> 302 -> 307 -> feed: the stored URL follows the unbroken permanent part.
    "/chain": redirect(301, "/chain-308"),
    "/chain-308": redirect(308, "/chain-302"),
    "/chain-302": redirect(302, "/chain-307"),
    "/chain-307": redirect(307, "/chain-final"),
    "/chain-final": ok(small_feed("chain")),
    # 302 -> 307 -> feed: temporary, the stored URL stays.
    "/temp": redirect(302, "/temp-307"),
    "/temp-307": redirect(307, "/temp-final"),
    "/temp-final": ok(small_feed("temp")),
    "/loop-b": redirect(308, "/loop"),
}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    routes: dict[str, Fault] = {
        c.path: Switch([ok(small_feed(c.path.strip("/")))]) for c in network_cases()
    }
    routes["/chain"] = Switch([ok(small_feed("chain"))])
    routes["/temp"] = Switch([ok(small_feed("temp"))])
    with fault_server(routes, lifetime=120) as srv:
        yield srv


def _state(repo: Repository, feed: Feed) -> dict[str, tuple[bool, bool]]:
    rows = repo._conn().execute(
        "SELECT guid, read, starred FROM articles WHERE feed_id = ?", (feed.id,)
    )
    return {r[0]: (bool(r[1]), bool(r[2])) for r in rows}


def test_network_faults_lose_nothing(server: FaultServer, repo: Repository) -> None:
    cases = network_cases()
    feeds = {c.path: repo.add_feed(server.url(c.path)) for c in cases}
    feeds["/chain"] = repo.add_feed(server.url("/chain"))
    feeds["/temp"] = repo.add_feed(server.url("/temp"))
    refused_url = f"http://127.0.0.1:{refused_port()}/feed"
    feeds["refused"] = repo.add_feed(refused_url)
    repo.store_articles(feeds["refused"].id, parse_feed(small_feed("refused")).articles)

    # Stage 1: everything healthy; the user reads one article of each feed and stars another.
    first = refresh_feeds(repo, settings=FAST)
    assert {r.feed_id for r in first.failed} == {feeds["refused"].id}
    for feed in feeds.values():
        ids = repo._conn().execute(
            "SELECT id FROM articles WHERE feed_id = ? ORDER BY id", (feed.id,)
        )
        listed = [r[0] for r in ids]
        assert len(listed) == 3, feed.url
        repo.set_read([listed[0]])
        repo.set_starred(listed[1], True)
    before = {path: _state(repo, feed) for path, feed in feeds.items()}

    # Stage 2: every route misbehaves (plus a connect timeout on a listener that never answers).
    for case in cases:
        route = server.routes[case.path]
        assert isinstance(route, Switch)
        route.stages.append(case.fault)
        route.stage = 1
    server.routes.update(REDIRECTS)
    with unanswered_port() as port:
        hung = repo.add_feed(f"http://127.0.0.1:{port}/feed")
        second = refresh_feeds(repo, settings=FAST)
    results = {r.feed_id: r for r in second.results}
    hung_result = results[hung.id]
    assert hung_result.error is not None and "timed out connecting" in hung_result.error

    for case in cases:
        feed = feeds[case.path]
        stored = repo.feed(feed.id)
        assert stored is not None
        error = stored.last_error or ""
        expected = case.expect.split("|")
        assert any(e in error for e in expected) if case.expect else error == "", (
            case.path,
            error,
        )
        assert results[feed.id].error == stored.last_error
        assert results[feed.id].new_articles == case.new, case.path
        now = _state(repo, feed)
        # Nothing lost: every stage-1 article is still there with its read and star state.
        assert {g: now[g] for g in before[case.path]} == before[case.path], case.path
        assert len(now) == 3 + case.new, case.path

    assert repo.feed(feeds["/410"].id).disabled  # type: ignore[union-attr]
    waiting = repo.retry_after(feeds["/429"].id)
    assert waiting is not None and waiting > datetime.now(UTC)
    chain = repo.feed(feeds["/chain"].id)
    assert chain is not None and chain.url == server.url("/chain-302") and chain.last_error is None
    temp = repo.feed(feeds["/temp"].id)
    assert temp is not None and temp.url == server.url("/temp") and temp.last_error is None
    refused = repo.feed(feeds["refused"].id)
    assert refused is not None and (refused.last_error or "").startswith("cannot connect")
    assert _state(repo, feeds["refused"]) == before["refused"]
    # The capped bodies kept the items that came before the cut.
    huge = {g for g in _state(repo, feeds["/huge"]) if g.startswith("huge-v2")}
    assert huge == {"huge-v2-0", "huge-v2-1", "huge-v2-2"}
    assert "forever" in _state(repo, feeds["/endless-fast"])

    # Stage 3: the disabled (410) and told-to-wait (429) feeds are not asked; the others are.
    server.requests.clear()
    repo.remove_feed(hung.id)
    third = refresh_feeds(repo, settings=FAST)
    assert server.asked("/410") == 0 and server.asked("/429") == 0
    assert server.asked("/500") == 1 and server.asked("/503") == 1 and server.asked("/404") == 1
    assert {r.feed_id for r in third.results} == {
        f.id for path, f in feeds.items() if path not in ("/410", "/429")
    }
    total_before = sum(len(s) for s in before.values())
    assert sum(f.total for f in repo.feeds()) >= total_before


def test_a_slow_host_does_not_fail_its_queued_feeds(repo: Repository) -> None:
    """Twelve feeds of one host, each answering after 0.5 s, three at a time: the last ones
    wait ~1.5 s for a slot, which must not count against their 1.5 s deadline."""
    routes = {f"/q{i}": slow_first_byte(0.5, ok(small_feed(f"q{i}"))) for i in range(12)}
    with fault_server(routes, lifetime=60) as srv:
        for path in routes:
            repo.add_feed(srv.url(path))
        settings = FetchSettings(timeout=1.5, deadline=1.5, per_host=3)
        summary = refresh_feeds(repo, settings=settings)
    assert summary.failed == ()
    assert summary.new_articles == 36


def test_unicode_body_with_a_latin1_content_type(repo: Repository) -> None:
    doc = rss([item("u1", UTF8_TEXT)])
    with fault_server({"/f": ok(doc, "text/xml; charset=ISO-8859-1")}, lifetime=60) as srv:
        feed = repo.add_feed(srv.url("/f"))
        refresh_feeds(repo, settings=FAST)
    ids = repo.article_ids(ArticleScope(ScopeKind.FEED, feed_id=feed.id))
    assert [a.title for a in map(repo.article, ids) if a] == [UTF8_TEXT]

"""The fetcher against scripted HTTP servers on 127.0.0.1: faults become results, not crashes."""

from __future__ import annotations

import gzip
import socket
import time
import zlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

import httpx
import pytest

from tests.feedserver import reply, serve
from tests.unit.conftest import SMALL, free_port, redirect
from tui.services.fetcher import Fetcher, FetchSettings, _retry_after, describe_error

FAST = FetchSettings(timeout=1.0, deadline=2.0, max_bytes=1_000_000)


async def test_ok_and_conditional_headers_sent() -> None:
    seen: list[tuple[str | None, str | None]] = []

    def handle(h: BaseHTTPRequestHandler) -> None:
        seen.append((h.headers.get("If-None-Match"), h.headers.get("If-Modified-Since")))
        reply(200, SMALL, {"ETag": '"v1"', "Last-Modified": "Tue, 04 Mar 2025 08:00:00 GMT"})(h)

    with serve(routes={"/f": handle}) as srv:
        async with Fetcher(FAST) as fetcher:
            first = await fetcher.fetch(srv.url("/f"))
            second = await fetcher.fetch(srv.url("/f"), '"v1"', "Tue, 04 Mar 2025 08:00:00 GMT")
    assert first.status == 200 and first.body == SMALL and first.error is None
    assert (first.etag, first.last_modified) == ('"v1"', "Tue, 04 Mar 2025 08:00:00 GMT")
    assert seen == [(None, None), ('"v1"', "Tue, 04 Mar 2025 08:00:00 GMT")]
    assert second.status == 200


async def test_not_modified() -> None:
    with serve(routes={"/f": reply(304, b"", {"ETag": '"v1"'})}) as srv:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(srv.url("/f"), '"v1"')
    assert result.not_modified and result.body is None and result.error is None


async def test_not_modified_keeps_the_connection() -> None:
    """A refresh where nothing changed sends one request per feed over a few connections, not
    one connection per feed (a 304 left half-read used to drop its connection)."""
    clients: list[int] = []

    def handle(h: BaseHTTPRequestHandler) -> None:
        clients.append(h.client_address[1])  # the client's port: one per connection
        h.send_response(304)
        h.send_header("ETag", '"v1"')
        h.end_headers()

    with serve(routes={"/f": handle}) as srv:
        async with Fetcher(FAST) as fetcher:
            results = [await fetcher.fetch(srv.url("/f"), '"v1"') for _ in range(5)]
    assert all(r.not_modified and r.error is None for r in results)
    assert len(clients) == 5 and len(set(clients)) == 1


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
async def test_compressed_bodies_are_decoded(encoding: str) -> None:
    if encoding == "gzip":
        body = gzip.compress(SMALL)
    elif encoding == "deflate":
        body = zlib.compress(SMALL)
    else:
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        body = packer.compress(SMALL) + packer.flush()
    header = "gzip" if encoding == "gzip" else "deflate"
    seen: list[str | None] = []

    def handle(h: BaseHTTPRequestHandler) -> None:
        seen.append(h.headers.get("Accept-Encoding"))
        reply(200, body, {"Content-Encoding": header})(h)

    with serve(routes={"/f": handle}) as srv:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(srv.url("/f"))
    assert result.body == SMALL and result.error is None
    assert seen[0] is not None and "gzip" in seen[0]


async def test_http_errors_are_results() -> None:
    routes = {
        "/404": reply(404, b"nope"),
        "/500": reply(500, b"boom"),
        "/410": reply(410, b"gone"),
        "/429": reply(429, b"", {"Retry-After": "120"}),
        "/503": reply(503, b"", {"Retry-After": "Wed, 01 Jan 2020 00:00:00 GMT"}),
    }
    with serve(routes=routes) as srv:
        async with Fetcher(FAST) as fetcher:
            got = {p: await fetcher.fetch(srv.url(p)) for p in routes}
    assert got["/404"].error == "HTTP 404 Not Found" and got["/404"].status == 404
    assert got["/500"].error is not None and got["/500"].error.startswith("HTTP 500")
    assert got["/410"].gone and got["/410"].error is not None
    retry = got["/429"].retry_after
    assert retry is not None
    assert timedelta(seconds=100) < retry - datetime.now(UTC) <= timedelta(seconds=120)
    assert got["/503"].retry_after == datetime(2020, 1, 1, tzinfo=UTC)  # past: no wait
    assert all(r.body is None for r in got.values())


async def test_a_refused_connection_and_an_unknown_host_are_said_in_words() -> None:
    """Offline, every feed and every full text said "cannot connect: [Errno -2] Name or
    service not known"; a server that is down, "All connection attempts failed"."""
    port = free_port()  # nothing listens there
    async with Fetcher(FAST) as fetcher:
        refused = await fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert refused.error == "cannot connect: the server refused the connection"
    try:  # as a refresh fetches: inside the except block of _run_sync's loop check
        raise RuntimeError("no running event loop")
    except RuntimeError:
        async with Fetcher(FAST) as fetcher:
            within = await fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert within.error == refused.error
    # The resolver's failure, as httpx raises it (a lookup here would leave loopback).
    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except OSError as lookup:
            raise httpx.ConnectError(str(lookup)) from lookup
    except httpx.ConnectError as failed:
        said = describe_error(failed)
    assert said == "cannot connect: no such host (or no network to look it up)"


async def test_a_proxy_that_cannot_be_reached_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a stale HTTP(S)_PROXY every feed said "the server refused the connection", sending
    the user to look at servers that were never asked."""
    proxy = f"http://user:secret@127.0.0.1:{free_port()}"  # nothing listens there
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy)
    async with Fetcher(FAST) as fetcher:
        through = await fetcher.fetch("http://feeds.example.com/feed.xml")
    shown = proxy.replace("secret", "***")
    assert through.error == f"cannot connect to the proxy {shown}: it refused the connection"
    monkeypatch.setenv("NO_PROXY", "feeds.example.com")  # not through the proxy: not named
    try:
        raise httpx.ConnectError(
            "All connection attempts failed",
            request=httpx.Request("GET", "http://feeds.example.com/feed.xml"),
        ) from ConnectionRefusedError(111, "Connection refused")
    except httpx.ConnectError as failed:
        assert describe_error(failed) == "cannot connect: the server refused the connection"


def test_retry_after_parsing() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert _retry_after("60", now) == now + timedelta(seconds=60)
    assert _retry_after("soon", now) is None
    assert _retry_after(None, now) is None
    assert _retry_after("99999999", now) == now + timedelta(days=7)  # capped


async def test_redirects_permanent_chain_and_loop() -> None:
    routes = {
        "/a": redirect(301, "/b"),
        "/b": redirect(308, "/c"),
        "/c": reply(200, SMALL),
        "/p1": redirect(301, "/p2"),
        "/p2": redirect(302, "/p3"),
        "/p3": redirect(301, "/c"),
        "/t": redirect(302, "/c"),
        "/loop1": redirect(301, "/loop2"),
        "/loop2": redirect(302, "/loop1"),
        "/nowhere": reply(301, b""),
        "/js": redirect(302, "javascript:alert(1)"),
    }
    with serve(routes=routes) as srv:
        async with Fetcher(FAST) as fetcher:
            chain = await fetcher.fetch(srv.url("/a"))
            mixed = await fetcher.fetch(srv.url("/p1"))
            temporary = await fetcher.fetch(srv.url("/t"))
            loop = await fetcher.fetch(srv.url("/loop1"))
            no_location = await fetcher.fetch(srv.url("/nowhere"))
            bad_scheme = await fetcher.fetch(srv.url("/js"))
    assert chain.body == SMALL and chain.permanent_url == srv.url("/c")
    assert chain.final_url == srv.url("/c")
    assert mixed.body == SMALL and mixed.permanent_url == srv.url("/p2")
    assert temporary.body == SMALL and temporary.permanent_url is None
    assert loop.error == "redirect loop" and loop.body is None
    assert no_location.error is not None and "Location" in no_location.error
    assert bad_scheme.body is None and bad_scheme.error is not None  # httpx or we refuse it


async def test_too_many_redirects() -> None:
    routes = {f"/r{i}": redirect(302, f"/r{i + 1}") for i in range(20)}
    with serve(routes=routes) as srv:
        async with Fetcher(FetchSettings(timeout=1.0, max_redirects=5)) as fetcher:
            result = await fetcher.fetch(srv.url("/r0"))
    assert result.error == "more than 5 redirects"


async def test_slow_server_times_out() -> None:
    def slow(h: BaseHTTPRequestHandler) -> None:
        time.sleep(3)
        reply(200, SMALL)(h)

    with serve(routes={"/slow": slow}) as srv:
        async with Fetcher(FetchSettings(timeout=0.3, deadline=5.0)) as fetcher:
            result = await fetcher.fetch(srv.url("/slow"))
    assert result.error is not None and "timed out" in result.error and result.body is None


async def test_dripping_server_hits_the_feed_deadline() -> None:
    def drip(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", "1000")
        h.end_headers()
        try:
            for _ in range(1000):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    with serve(routes={"/drip": drip}) as srv:
        async with Fetcher(FetchSettings(timeout=1.0, deadline=0.8)) as fetcher:
            result = await fetcher.fetch(srv.url("/drip"))
    assert result.error is not None and "gave up after 0.8 s" in result.error


async def test_oversize_body_is_capped() -> None:
    big = b"<rss>" + b"y" * 3_000_000
    with serve(routes={"/big": reply(200, big, {"ETag": '"big"'})}) as srv:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(srv.url("/big"))
    assert result.truncated and result.body is not None and len(result.body) == 1_000_000
    assert result.error is not None and "larger than 1 MB" in result.error
    assert result.etag == ""  # a cut body keeps no validators


async def test_gzip_bomb_is_capped() -> None:
    bomb = gzip.compress(b"\0" * 200_000_000, compresslevel=9)
    assert len(bomb) < 300_000
    with serve(routes={"/bomb": reply(200, bomb, {"Content-Encoding": "gzip"})}) as srv:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(srv.url("/bomb"))
    assert result.truncated and result.body is not None and len(result.body) == 1_000_000


async def test_bad_gzip_is_an_error() -> None:
    routes = {"/bad": reply(200, b"this is not gzip at all", {"Content-Encoding": "gzip"})}
    with serve(routes=routes) as srv:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(srv.url("/bad"))
    assert result.error == "bad compressed data" and result.body is None


async def test_connection_refused_and_bad_url() -> None:
    async with Fetcher(FAST) as fetcher:
        refused = await fetcher.fetch(f"http://127.0.0.1:{free_port()}/feed")
        bad = await fetcher.fetch("not a url")
    assert refused.error is not None and refused.error.startswith("cannot connect")
    assert refused.status is None and refused.body is None
    assert bad.error is not None


async def test_per_host_limit_is_respected() -> None:
    import threading

    lock = threading.Lock()
    active = [0, 0]  # now, peak

    def handle(h: BaseHTTPRequestHandler) -> None:
        with lock:
            active[0] += 1
            active[1] = max(active[1], active[0])
        time.sleep(0.1)
        with lock:
            active[0] -= 1
        reply(200, SMALL)(h)

    import asyncio

    with serve(routes={"/f": handle}) as srv:
        async with Fetcher(FetchSettings(timeout=5.0, per_host=2, max_connections=8)) as fetcher:
            results = await asyncio.gather(*(fetcher.fetch(srv.url("/f")) for _ in range(8)))
    assert all(r.body == SMALL for r in results)
    assert active[1] <= 2

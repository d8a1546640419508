"""A fault-injecting feed server on 127.0.0.1 for the reliability tests.

Each route is a :data:`Fault`: a function that gets the request handler and misbehaves on
purpose (slow first byte, trickle, reset mid-body, endless body, gzip bomb, redirects, any
status). Every loop here is bounded by a count *and* by a wall-clock cap, and the whole server
shuts itself down after ``lifetime`` seconds even if a test forgets to, so nothing can hang CI.

Also here: :func:`refused_port` (nothing listens) and :func:`unanswered_port` (a listener whose
backlog is full, so a connect attempt hangs until the client's connect timeout).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Fault = Callable[[BaseHTTPRequestHandler], None]

# Longest any single fault keeps a connection busy: far beyond every client deadline in the tests.
MAX_FAULT_SECONDS = 20.0


def _headers(h: BaseHTTPRequestHandler, status: int, headers: dict[str, str]) -> None:
    h.send_response(status)
    for key, value in headers.items():
        h.send_header(key, value)
    h.end_headers()


def _write(h: BaseHTTPRequestHandler, data: bytes) -> bool:
    """Write and flush; False when the client has gone (the fault then just stops)."""
    try:
        h.wfile.write(data)
        h.wfile.flush()
    except (OSError, ValueError):
        return False
    return True


def ok(body: bytes, ctype: str = "application/rss+xml", **headers: str) -> Fault:
    """A normal 200 response (with whatever Content-Type the test wants to lie with)."""
    return status(200, body, {"Content-Type": ctype, **headers})


def status(code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Fault:
    def fault(h: BaseHTTPRequestHandler) -> None:
        _headers(h, code, {**(headers or {}), "Content-Length": str(len(body))})
        _write(h, body)

    return fault


def redirect(code: int, location: str) -> Fault:
    return status(code, b"", {"Location": location})


def slow_first_byte(delay: float, then: Fault) -> Fault:
    """Accept the request, say nothing for ``delay`` seconds, then answer with ``then``."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        time.sleep(min(delay, MAX_FAULT_SECONDS))
        then(h)

    return fault


def trickle(body: bytes, interval: float) -> Fault:
    """Headers at once, then the body one byte every ``interval`` seconds."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        _headers(h, 200, {"Content-Type": "application/rss+xml", "Content-Length": str(len(body))})
        stop = time.monotonic() + MAX_FAULT_SECONDS
        for i in range(len(body)):
            if time.monotonic() > stop or not _write(h, body[i : i + 1]):
                return
            time.sleep(interval)

    return fault


def reset_mid_body(body: bytes, after: int) -> Fault:
    """Promise the whole body, send ``after`` bytes of it, then reset the connection (RST)."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        _headers(h, 200, {"Content-Type": "application/rss+xml", "Content-Length": str(len(body))})
        _write(h, body[:after])
        time.sleep(0.05)  # let the client start reading the body
        with contextlib.suppress(OSError):
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()  # SO_LINGER 0: close sends RST, not FIN
        h.close_connection = True

    return fault


def endless(chunk: bytes, interval: float = 0.0, prefix: bytes = b"") -> Fault:
    """A body that never ends (no Content-Length): ``prefix`` then ``chunk`` over and over,
    until the client hangs up or :data:`MAX_FAULT_SECONDS` pass."""

    def fault(h: BaseHTTPRequestHandler) -> None:
        _headers(h, 200, {"Content-Type": "application/rss+xml", "Connection": "close"})
        h.close_connection = True
        if not _write(h, prefix):
            return
        stop = time.monotonic() + MAX_FAULT_SECONDS
        for _ in range(10_000_000):
            if time.monotonic() > stop or not _write(h, chunk):
                return
            if interval:
                time.sleep(interval)

    return fault


@functools.cache
def _bomb(inflated: int) -> bytes:
    return gzip.compress(b"\0" * inflated, compresslevel=9)


def gzip_bomb(inflated: int = 100_000_000) -> Fault:
    """A small gzip body (~100 KB) that inflates to ``inflated`` bytes of zeros."""
    packed = _bomb(inflated)
    return status(200, packed, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})


@dataclass
class Switch:
    """A route whose behaviour a test flips between stages (e.g. healthy first, then faulty)."""

    stages: list[Fault]
    stage: int = 0

    def __call__(self, h: BaseHTTPRequestHandler) -> None:
        self.stages[min(self.stage, len(self.stages) - 1)](h)


@dataclass
class FaultServer:
    routes: dict[str, Fault]
    port: int = 0
    requests: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def asked(self, path: str) -> int:
        with self._lock:
            return sum(1 for p in self.requests if p == path)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # resets and hang-ups are the point here, not errors worth a traceback


def _handler(state: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            with state._lock:
                state.requests.append(path)
            route = state.routes.get(path)
            if route is None:
                status(404, b"not found", {"Content-Type": "text/plain"})(self)
            else:
                route(self)

    return Handler


@contextlib.contextmanager
def fault_server(routes: dict[str, Fault], lifetime: float = 300.0) -> Iterator[FaultServer]:
    """Serve ``routes`` on 127.0.0.1 (a free port); stops at the end of the block or after
    ``lifetime`` seconds, whichever comes first."""
    state = FaultServer(routes=routes)
    httpd = _Server(("127.0.0.1", 0), _handler(state))
    state.port = int(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()
    watchdog = threading.Timer(lifetime, httpd.shutdown)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield state
    finally:
        watchdog.cancel()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def refused_port() -> int:
    """A port on 127.0.0.1 nothing listens on (connection refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def unanswered_port() -> Iterator[int]:
    """A port whose listener never accepts and whose backlog is full: connects hang (Linux drops
    the SYN), so the client's connect timeout fires."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = int(listener.getsockname()[1])
    fillers = []
    try:
        for _ in range(8):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        time.sleep(0.1)
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


# -- documents -------------------------------------------------------------------------------


def item(guid: str | None, title: str, *, date: str = "", body: str = "", link: str = "") -> str:
    parts = [f"<title>{title}</title>"]
    if guid is not None:
        parts.append(f"<guid isPermaLink='false'>{guid}</guid>")
    if link:
        parts.append(f"<link>{link}</link>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    if body:
        parts.append(f"<description><![CDATA[{body}]]></description>")
    return "<item>" + "".join(parts) + "</item>"


def rss(items: list[str], title: str = "Fault Gazette", prolog: str = "") -> bytes:
    head = prolog or "<?xml version='1.0' encoding='utf-8'?>"
    return (
        f"{head}<rss version='2.0'><channel><title>{title}</title>"
        "<link>https://gazette.example/</link>" + "".join(items) + "</channel></rss>"
    ).encode()


def small_feed(prefix: str, n: int = 3) -> bytes:
    """``n`` ordinary items with guids ``{prefix}-0`` …"""
    return rss(
        [
            item(
                f"{prefix}-{i}",
                f"{prefix} story {i}",
                date=f"Mon, 0{1 + i % 9} Sep 2025 10:00:00 GMT",
                body=f"<p>Body of {prefix} story {i}.</p>",
            )
            for i in range(n)
        ],
        title=f"Feed {prefix}",
    )

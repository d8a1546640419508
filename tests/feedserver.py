"""A real HTTP server on 127.0.0.1 for tests: files with ETag/Last-Modified, scripted routes."""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import ssl
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# A route handler gets the request handler and writes the whole response itself.
Route = Callable[[BaseHTTPRequestHandler], None]


def reply(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Route:
    """A route that answers every request with ``status``, ``headers`` and ``body``."""

    def handle(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        with contextlib.suppress(OSError):  # the client may give up first (caps, timeouts)
            h.wfile.write(body)

    return handle


@dataclass
class FeedServer:
    """Serves files from ``root`` (when given) and scripted ``routes``; records statuses sent."""

    root: Path | None = None
    routes: dict[str, Route] = field(default_factory=dict)
    statuses: list[tuple[str, int]] = field(default_factory=list)
    port: int = 0
    scheme: str = "http"

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def count(self, status: int) -> int:
        return sum(1 for _, s in self.statuses if s == status)


def _make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            pass

        def send_response(self, code: int, message: str | None = None) -> None:
            server.statuses.append((self.path, code))
            super().send_response(code, message)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            route = server.routes.get(path)
            if route is not None:
                route(self)
                return
            if server.root is None:
                self._send(404, b"not found", "text/plain")
                return
            file = (server.root / path.lstrip("/")).resolve()
            if server.root.resolve() not in file.parents or not file.is_file():
                self._send(404, b"not found", "text/plain")
                return
            body = file.read_bytes()
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            modified = email.utils.formatdate(file.stat().st_mtime, usegmt=True)
            if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-None-Match") is None
                and self.headers.get("If-Modified-Since") == modified
            ):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            ctype = "text/html" if file.suffix in {".html", ".htm"} else "application/xml"
            self._send(200, body, ctype, {"ETag": etag, "Last-Modified": modified})

        def do_POST(self) -> None:  # routes only (they read the request body themselves)
            route = server.routes.get(self.path.split("?", 1)[0])
            if route is None:
                self.close_connection = True  # its body is left unread
                self._send(404, b"not found", "text/plain")
                return
            route(self)

        def _send(
            self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
        ) -> None:
            reply(status, body, {"Content-Type": ctype, **(headers or {})})(self)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-response (the fetcher dropping a body it does not need) is
    normal here; socketserver would print its traceback on stderr, where CLI tests read."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(
    root: Path | None = None,
    routes: dict[str, Route] | None = None,
    tls: ssl.SSLContext | None = None,
) -> Iterator[FeedServer]:
    """Run a :class:`FeedServer` on 127.0.0.1 (a free port) for the duration of the block;
    over HTTPS with ``tls`` (a server context holding its certificate)."""
    state = FeedServer(root=root, routes=dict(routes or {}))
    httpd = _QuietServer(("127.0.0.1", 0), _make_handler(state))
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
        state.scheme = "https"
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)

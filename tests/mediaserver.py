"""A real HTTP server on 127.0.0.1 that serves one media file, for the download tests.

It can support ranges (``Range``, ``If-Range`` against its ETag) or ignore them, drop the
connection part way through its first answers, send slowly, and name the file with a
``Content-Disposition``. Every request is recorded with its range headers.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_RANGE = re.compile(r"^bytes=(\d+)-$")


def media_bytes(size: int, seed: int = 21) -> bytes:
    """``size`` bytes that look like nothing compressible, the same for the same seed."""
    return random.Random(seed).randbytes(size)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Request:
    path: str
    range: str | None
    if_range: str | None
    status: int = 0
    sent: int = 0  # body bytes written before the answer ended (or was dropped)


@dataclass
class MediaServer:
    """What the server serves and how (change the fields while it runs)."""

    body: bytes
    ranges: bool = True
    drops: int = 0
    """How many answers are cut (the connection closed) after ``drop_at`` body bytes."""
    drop_at: int = 0
    delay: float = 0.0
    """Seconds to wait after each ``chunk`` bytes (a slow server)."""
    chunk: int = 64 * 1024
    etag: str = '"v1"'
    length: bool = True
    """Send Content-Length (else the body ends with the connection)."""
    disposition: str = ""
    status: int = 0
    """Answer every request with this status and no body (0: serve the file)."""
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    def url(self, path: str = "episode.mp3") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"


def _handler(server: MediaServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            request = Request(self.path, self.headers.get("Range"), self.headers.get("If-Range"))
            server.requests.append(request)
            if server.status:
                request.status = server.status
                self.send_response(server.status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, start = server.body, 0
            match = _RANGE.match(request.range or "")
            fresh = request.if_range in (None, server.etag)
            status = 200
            if server.ranges and match and fresh:
                start = int(match.group(1))
                if start >= len(body):
                    request.status = 416
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(body)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status = 206
            request.status = status
            self.send_response(status)
            self.send_header("Content-Type", "audio/mpeg")
            self.send_header("ETag", server.etag)
            if server.ranges:
                self.send_header("Accept-Ranges", "bytes")
            if status == 206:
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            if server.disposition:
                self.send_header("Content-Disposition", server.disposition)
            if server.length:
                self.send_header("Content-Length", str(len(body) - start))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            drop = server.drops > 0
            if drop:
                server.drops -= 1
            position = start
            with contextlib.suppress(OSError):  # the client may go away (cancel, cap)
                while position < len(body):
                    end = min(len(body), position + server.chunk)
                    if drop and end - start >= server.drop_at:
                        end = start + server.drop_at
                        self.wfile.write(body[position:end])
                        request.sent += end - position
                        self.wfile.flush()
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                    self.wfile.write(body[position:end])
                    request.sent += end - position
                    position = end
                    if server.delay:
                        self.wfile.flush()
                        time.sleep(server.delay)
            if not server.length:
                self.close_connection = True

    return Handler


@contextmanager
def serve_media(server: MediaServer) -> Iterator[MediaServer]:
    """Run ``server`` on a free port of 127.0.0.1 until the block ends."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)

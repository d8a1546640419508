"""Unit-test helpers: a small feed, redirects and a port nothing listens on."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.feedserver import Route, reply

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "store"
SMALL = (FIXTURES / "small.rss").read_bytes()


def redirect(status: int, location: str) -> Route:
    """A route answering ``status`` with a Location header."""
    return reply(status, b"", {"Location": location})


def free_port() -> int:
    """A port on 127.0.0.1 that was free a moment ago (nothing listens on it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])

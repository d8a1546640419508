"""Fetch an article's web page and extract its main text (for feeds that carry only a summary).

Synchronous to its callers (the UI runs it in a thread worker, the CLI calls it directly), and
asynchronous inside, so that one deadline covers the whole fetch: connecting, every redirect,
the headers and the body. A page that sends four bytes a second never trips a read timeout; it
meets the feed fetcher's deadline (``3 x timeout``) instead. ``should_stop`` is asked ten times
a second, so a caller that is closing (the app on ``q``) never waits on the network.

Links come from feeds, which are untrusted: ``allow_internal`` decides, host by host, whether a
page on a loopback or private address (by its spelling, or by what its name resolves to) may
be fetched; :class:`InternalAddress` says which host was refused, so the app can ask.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import os
import re
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tui.core.page import main_text_from_html
from tui.core.text import clean_line, is_safe_link
from tui.core.urls import is_internal_address, is_internal_host, location_url
from tui.services.deadline import StopCheck, Stopped, run_with_deadline
from tui.services.fetcher import FetchSettings, read_body

__all__ = ["FullTextError", "InternalAddress", "fetch_full_text"]

USER_AGENT = "newsreader/0.1 (+full-text fetch; terminal news reader)"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 10

HostCheck = Callable[[str], bool]


class FullTextError(Exception):
    """The page could not be fetched or had no article text (one-line message for the user)."""


class InternalAddress(FullTextError):
    """The page is on a loopback or private address that ``allow_internal`` did not allow."""

    def __init__(self, host: str) -> None:
        super().__init__(f"{clean_line(host)[:100]} is an internal address: not fetched")
        self.host = host


def _cache_file(cache_dir: Path, url: str) -> Path:
    digest = hashlib.sha256(url.encode("utf-8", "replace")).hexdigest()
    return cache_dir / "fulltext" / f"{digest[:2]}" / f"{digest}.txt"


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def _decode(body: bytes, charset: str | None) -> str:
    candidates = [charset] if charset else []
    match = _META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "replace"))
    candidates += ["utf-8", "cp1252"]
    for name in candidates:
        try:
            return body.decode(name)
        except (LookupError, UnicodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _shown(url: str) -> str:
    return clean_line(url)[:200]


async def _resolves_inside(host: str, port: int) -> bool:
    """Whether ``host`` resolves to a loopback or private address (False when it does not
    resolve: the fetch then fails with its own clear error)."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return False
    for info in infos:
        try:
            if is_internal_address(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])):
                return True
        except ValueError:
            continue
    return False


async def _check_host(url: str, allow_internal: HostCheck | None) -> None:
    if allow_internal is None:
        return
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    inside = is_internal_host(host) or await _resolves_inside(host, port)
    if inside and not allow_internal(host):
        raise InternalAddress(host)


async def _fetch_page(
    url: str, *, read_timeout: float, max_bytes: int, allow_internal: HostCheck | None
) -> tuple[bytes, str | None]:
    """The body of the web page at ``url`` and its declared charset, following redirects by
    hand (each hop's host is checked); raises FullTextError. No overall deadline here: the
    caller sets one."""
    host = urlsplit(url).hostname or url
    try:
        async with httpx.AsyncClient(
            follow_redirects=False,
            timeout=read_timeout,
            # Only what read_body inflates within its limit (httpx would inflate a
            # "gzip, gzip" bomb whole, and brotli too when installed).
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,*/*;q=0.5",
                "Accept-Encoding": "gzip, deflate",
            },
        ) as client:
            current = url
            for _ in range(_MAX_REDIRECTS + 1):
                await _check_host(current, allow_internal)
                async with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECTS:
                        target = location_url(current, response.headers.get("location", ""))
                        if target is None:
                            raise FullTextError(f"bad redirect fetching {_shown(current)}")
                        current = target
                        continue
                    return await _body(response, current, max_bytes)
            raise FullTextError(f"too many redirects fetching {host}")
    except httpx.TimeoutException:
        raise FullTextError(f"timed out fetching {host}") from None
    except httpx.ConnectError as exc:
        raise FullTextError(f"could not connect to {host}: {clean_line(str(exc))[:120]}") from None
    except httpx.HTTPError as exc:
        raise FullTextError(f"fetching {host} failed: {clean_line(str(exc))[:120]}") from None


async def _body(response: httpx.Response, url: str, max_bytes: int) -> tuple[bytes, str | None]:
    if response.status_code >= 400:
        raise FullTextError(f"HTTP {response.status_code} fetching {_shown(url)}")
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and not ctype.startswith(_HTML_TYPES):
        raise FullTextError(f"not a web page ({clean_line(ctype)[:60]}): {_shown(url)}")
    body, truncated = await read_body(response, max_bytes)
    if truncated:
        raise FullTextError(f"page larger than {max_bytes} bytes: {_shown(url)}")
    return body, response.charset_encoding


def fetch_full_text(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 5_000_000,
    cache_dir: Path | None = None,
    allow_internal: HostCheck | None = None,
    should_stop: StopCheck | None = None,
) -> str:
    """Main text of the page at ``url`` (cleaned, boilerplate stripped); raises FullTextError.

    ``timeout``: per connect and read; the whole fetch has the feed fetcher's deadline,
    three times that. ``allow_internal``: None fetches any host; else a page on an internal
    address is fetched only when it answers True for its host (InternalAddress otherwise).
    """
    url = url.strip()
    if not is_safe_link(url) or not url.lower().startswith(("http://", "https://")):
        raise FullTextError(f"not an http(s) link: {_shown(url)}")
    cached = _cache_file(cache_dir, url) if cache_dir is not None else None
    if cached is not None and cached.is_file():
        try:
            return cached.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass
    deadline = FetchSettings(timeout=timeout).feed_deadline
    try:
        body, charset = run_with_deadline(
            lambda: _fetch_page(
                url, read_timeout=timeout, max_bytes=max_bytes, allow_internal=allow_internal
            ),
            deadline,
            should_stop,
        )
    except TimeoutError:
        raise FullTextError(f"gave up after {deadline:g} s (too slow): {_shown(url)}") from None
    except Stopped:
        raise FullTextError("stopped") from None
    text = main_text_from_html(_decode(body, charset), url)
    if not text.strip():
        raise FullTextError(f"no article text found at {_shown(url)}")
    if cached is not None:
        _write_atomic(cached, text)
    return text

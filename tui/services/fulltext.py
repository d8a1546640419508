"""An article's web page: when to fetch it (:func:`needs_full_text`, for feeds that carry only
a summary), fetching it and extracting its main text (:func:`fetch_full_text`), and keeping it
in the store (:func:`load_full_text`).

Synchronous to its callers (the UI runs it in a thread worker, the CLI calls it directly), and
asynchronous inside. The page comes through the feed fetcher (:class:`~tui.services.fetcher.
Fetcher`) with the same :class:`~tui.services.fetcher.FetchSettings`: its client and user
agent, its per-request timeouts, its deadline over the whole fetch (connecting, every redirect,
the headers and the body: a page that sends four bytes a second meets it) and its size cap on
the inflated body. ``should_stop`` is asked ten times a second, so a caller that is closing
(the app on ``q``) never waits on the network.

Links come from feeds, which are untrusted: ``allow_internal`` decides, host by host, whether a
page on a loopback or private address (by its spelling, or by what its name resolves to) may
be fetched; :class:`InternalAddress` says which host was refused, so the app can ask.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import os
import socket
import tempfile
from collections.abc import Callable, Mapping
from email.message import Message
from pathlib import Path
from urllib.parse import urlsplit

from tui.config import FullTextMode, InternalLinks, Settings
from tui.core.decoding import decode_page
from tui.core.models import Article
from tui.core.page import main_text, main_text_from_html
from tui.core.text import clean_line, html_to_text, is_safe_link
from tui.core.urls import is_internal_address, is_internal_host
from tui.services.deadline import StopCheck, Stopped, run_with_deadline
from tui.services.fetcher import Fetcher, FetchResult, FetchSettings
from tui.store.repository import Repository

__all__ = [
    "FullTextError",
    "InternalAddress",
    "fetch_full_text",
    "internal_rule",
    "load_full_text",
    "needs_full_text",
]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")

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
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


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


async def check_host(url: str, allow_internal: HostCheck) -> None:
    """Raise :class:`InternalAddress` when ``url``'s host is internal (by its spelling or by
    what it resolves to) and ``allow_internal`` does not allow it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    inside = is_internal_host(host) or await _resolves_inside(host, port)
    if inside and not allow_internal(host):
        raise InternalAddress(host)


def _charset(headers: Mapping[str, str]) -> str | None:
    message = Message()
    message["content-type"] = headers.get("content-type", "")
    return message.get_content_charset()


def _page(result: FetchResult, url: str, max_bytes: int) -> tuple[bytes, str | None]:
    """The body of a fetched page and its declared charset; raises FullTextError."""
    shown = _shown(result.final_url or url)
    if result.status is None:  # no answer: refused, timed out, the deadline, a bad URL
        raise FullTextError(f"{result.error}: {shown}")
    if result.truncated:
        raise FullTextError(f"page larger than {max_bytes} bytes: {shown}")
    if result.body is None:
        raise FullTextError(f"{result.error or f'HTTP {result.status}'} fetching {shown}")
    ctype = result.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and not ctype.startswith(_HTML_TYPES):
        raise FullTextError(f"not a web page ({clean_line(ctype)[:60]}): {shown}")
    return result.body, _charset(result.headers)


async def _fetch_page(
    url: str, settings: FetchSettings, allow_internal: HostCheck | None
) -> FetchResult:
    """The page at ``url``, through the feed fetcher (each hop's host checked first)."""

    async def check(hop: str) -> None:
        if allow_internal is not None:
            await check_host(hop, allow_internal)

    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch(url, check=check)


def fetch_full_text(
    url: str,
    settings: FetchSettings | None = None,
    *,
    cache_dir: Path | None = None,
    allow_internal: HostCheck | None = None,
    should_stop: StopCheck | None = None,
) -> str:
    """Main text of the page at ``url`` (cleaned, boilerplate stripped); raises FullTextError.

    ``settings``: the feed fetcher's (timeouts, deadline, size cap, user agent; its defaults
    when None). ``allow_internal``: None fetches any host; else a page on an internal address
    is fetched only when it answers True for its host (InternalAddress otherwise).
    """
    settings = settings or FetchSettings()
    url = url.strip()
    if not is_safe_link(url) or not url.lower().startswith(("http://", "https://")):
        raise FullTextError(f"not an http(s) link: {_shown(url)}")
    cached = _cache_file(cache_dir, url) if cache_dir is not None else None
    if cached is not None and cached.is_file():
        try:
            return cached.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass
    try:
        result = run_with_deadline(
            lambda: _fetch_page(url, settings, allow_internal), None, should_stop
        )
    except Stopped:
        raise FullTextError("stopped") from None
    body, charset = _page(result, url, settings.max_bytes)
    page = decode_page(body, charset)
    # A text served as text/plain has no markup for trafilatura ("no article text found");
    # a page a server mislabels text/plain still looks like HTML and is read as one.
    plain = result.headers.get("content-type", "").split(";")[0].strip().lower() == "text/plain"
    text = main_text(page, url) if plain else main_text_from_html(page, url)
    if not text.strip():
        raise FullTextError(f"no article text found at {_shown(url)}")
    if cached is not None:
        _write_atomic(cached, text)
    return text


# A feed body shorter than this many words is taken for a summary and the page is fetched.
SUMMARY_WORDS = 150


def needs_full_text(article: Article, mode: FullTextMode) -> bool:
    """Whether opening ``article`` should fetch the linked page, given the ``fulltext`` setting."""
    if article.full_text or mode == "never" or not article.link.startswith(("http://", "https://")):
        return False
    if mode == "always":
        return True
    return len(html_to_text(article.best_html).split()) < SUMMARY_WORDS


def internal_rule(mode: InternalLinks, answers: Mapping[str, bool]) -> HostCheck | None:
    """The ``internal_links`` setting as the host check of :func:`fetch_full_text`: "allow"
    fetches any host; "refuse" no internal one; "ask" those the user said yes to (``answers``,
    host -> yes or no, kept by the app for its session)."""
    if mode == "allow":
        return None
    if mode == "refuse":
        return _never
    return lambda host: answers.get(host.lower(), False)


def _never(host: str) -> bool:
    return False


def load_full_text(
    repo: Repository,
    article: Article,
    *,
    settings: Settings,
    cache_dir: Path,
    allow_internal: HostCheck | None = None,
    should_stop: StopCheck | None = None,
) -> Article:
    """Fetch, store and return the article with its full text, as the feed fetcher fetches
    with ``settings`` (raises FullTextError, and InternalAddress for a page on an internal
    address ``allow_internal`` refuses)."""
    text = fetch_full_text(
        article.link,
        FetchSettings.from_settings(settings),
        cache_dir=cache_dir,
        allow_internal=allow_internal,
        should_stop=should_stop,
    )
    repo.set_full_text(article.id, text)
    return repo.article(article.id) or article

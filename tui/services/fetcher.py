"""Fetch feed documents over HTTP politely and defensively.

- A global limit (``max_connections``) and a per-host limit (``per_host``) on requests in flight.
- Conditional GET from the stored ETag / Last-Modified; a 304 is reported as ``not_modified``.
- Compression is decoded here, not by httpx, so ``max_bytes`` caps the *decompressed* size
  strictly (zlib ``max_length``): a gzip bomb costs at most ``max_bytes`` of memory.
- Connect/read timeouts per request plus an overall deadline per feed (a server that drips
  one byte a second never trips a read timeout).
- Redirects are followed by hand: a loop is detected, and the URL reached through permanent
  redirects (301/308) from the start is reported so the stored URL can be updated.
- Nothing here raises for a network or HTTP problem: it becomes ``FetchResult.error``.

Full-text pages come through the same client (:mod:`tui.services.fulltext`): the same user
agent, timeouts, deadline and size cap, and a check of every hop's host.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import os
import socket
import ssl
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import httpx

from tui import __version__
from tui.config import Settings
from tui.core.text import clean_line
from tui.core.urls import location_url, shown_url

# Called with each URL before it is requested (the first and every redirect's); what it raises
# ends the fetch and reaches the caller of Fetcher.fetch.
HopCheck = Callable[[str], Awaitable[None]]

_PERMANENT = frozenset({301, 308})
_REDIRECT = frozenset({301, 302, 303, 307, 308})
_MAX_RETRY_AFTER = timedelta(days=7)
_PROXY_VARIABLES = frozenset({"http_proxy", "https_proxy", "all_proxy"})


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Limits for one refresh."""

    max_connections: int = 16
    per_host: int = 4
    timeout: float = 20.0  # connect and read timeout per request, seconds
    max_bytes: int = 10_000_000  # after decompression
    user_agent: str = f"newsreader/{__version__} (terminal feed reader)"
    deadline: float | None = None  # whole fetch of one feed, seconds; None: 3 x timeout
    max_redirects: int = 10

    @property
    def feed_deadline(self) -> float:
        return self.deadline if self.deadline is not None else 3 * self.timeout

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchSettings:
        return cls(
            max_connections=settings.max_connections,
            per_host=settings.per_host_connections,
            timeout=float(settings.timeout_seconds),
            max_bytes=settings.max_feed_megabytes * 1_000_000,
        )


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch got. ``body`` is set only for a 2xx response."""

    url: str  # the URL asked for
    final_url: str  # where the body came from (after redirects)
    status: int | None = None
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    not_modified: bool = False
    permanent_url: str | None = None  # the URL permanent redirects moved the feed to
    etag: str = ""
    last_modified: str = ""
    error: str | None = None
    gone: bool = False  # 410: the publisher removed the feed
    retry_after: datetime | None = None  # 429/503 with Retry-After: do not ask before this
    truncated: bool = False  # the body was cut at max_bytes


class FetchError(Exception):
    """A fetch that failed, for callers that want an exception (discovery); fetch never raises."""


class RedirectError(FetchError):
    """A redirect that cannot be followed (no Location, a refused target, a loop, too many);
    the message is one line."""

    def __init__(self, status: int | None, url: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.url = url  # the URL whose answer was the redirect


@dataclass(frozen=True, slots=True)
class Opened:
    """A response reached by :meth:`Fetcher.open`, its body not read yet."""

    response: httpx.Response
    url: str  # where it came from (after redirects)
    permanent: str | None  # the URL permanent redirects moved it to, from the start


class _Refused(Exception):
    """What a :data:`HopCheck` raised, carried past the fetch's catch-all."""

    def __init__(self, reason: Exception) -> None:
        super().__init__(str(reason))
        self.reason = reason


def _decoder(encoding: str) -> zlib._Decompress | None:
    """A zlib decompressor for a Content-Encoding, or None for identity."""
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib-wrapped; raw handled below
    return None


async def read_body(response: httpx.Response, limit: int) -> tuple[bytes, bool]:
    """The decoded body, at most ``limit`` bytes, and whether it was cut short (gzip and
    deflate are inflated here, ``limit`` bytes at most at any time: a bomb costs no more)."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    decoder = _decoder(encoding)
    tried_raw = False
    out = bytearray()
    async for chunk in response.aiter_raw():
        if decoder is None:
            out += chunk
        else:
            pending = chunk
            while pending and not decoder.eof and len(out) <= limit:
                try:
                    # max_length bounds what one call may inflate: the cap holds for bombs.
                    out += decoder.decompress(pending, limit - len(out) + 1)
                except zlib.error:
                    if encoding != "deflate" or tried_raw or out:
                        raise
                    tried_raw = True  # some servers send raw deflate without the zlib header
                    decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                pending = decoder.unconsumed_tail
        if len(out) > limit:
            return bytes(out[:limit]), True
    if decoder is not None and not decoder.eof:
        out += decoder.flush()
    if len(out) > limit:
        return bytes(out[:limit]), True
    return bytes(out), False


def _retry_after(value: str | None, now: datetime) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    when: datetime | None
    if value.isdigit():
        # At most the cap: a server's 10**20 seconds is no timedelta at all.
        seconds = int(value) if len(value) <= 9 else _MAX_RETRY_AFTER.total_seconds()
        when = now + min(timedelta(seconds=seconds), _MAX_RETRY_AFTER)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    return min(when, now + _MAX_RETRY_AFTER)


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname or ''}:{parts.port or ''}"


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions behind it (httpx wraps the socket's in its own; a refresh
    run inside an ``except`` block has that block's exception last)."""
    chain = [exc]
    while (inner := exc.__cause__ or exc.__context__) is not None and inner not in chain:
        chain.append(inner)
        exc = inner
    return chain


def describe_error(exc: BaseException) -> str:
    """A network or protocol failure as one line for the user."""
    if isinstance(exc, httpx.ConnectTimeout | httpx.ConnectError):
        return _connect_error(exc)
    if isinstance(exc, httpx.TimeoutException):
        return "timed out waiting for the server"
    if isinstance(exc, httpx.ReadError):
        return "the connection broke while reading the response"
    if isinstance(exc, httpx.WriteError):
        return "the connection broke while sending the request"
    if isinstance(exc, httpx.RemoteProtocolError):
        return f"bad response: {exc}" if str(exc) else "bad response"
    if isinstance(exc, zlib.error):
        return "bad compressed data"
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"bad URL: {exc}"
    if isinstance(exc, httpx.HTTPError):
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return f"{type(exc).__name__}: {exc}"


def _connect_error(exc: httpx.ConnectTimeout | httpx.ConnectError) -> str:
    """Why a connection could not be made, naming the proxy when the connection was to one:
    a stale ``HTTPS_PROXY`` made every feed say its server refused the connection."""
    proxy = _proxy_for(exc)
    to = f" to the proxy {shown_url(proxy)}" if proxy else ""
    server = "it" if proxy else "the server"
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out connecting{to}"
    causes = _chain(exc)
    if any(isinstance(c, socket.gaierror) for c in causes):  # "Name or service not known"
        return f"cannot connect{to}: no such host (or no network to look it up)"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):  # "All connection..."
        return f"cannot connect{to}: {server} refused the connection"
    return f"cannot connect{to}: {exc}" if str(exc) else f"cannot connect{to}"


def _proxy_for(exc: httpx.RequestError) -> str | None:
    """The proxy the environment (``*_PROXY``, less ``NO_PROXY``) gives the failed request's
    URL, as httpx reads it, or None."""
    try:
        url = exc.request.url
    except RuntimeError:  # an error raised without its request
        return None
    proxies = getproxies()
    proxy = proxies.get(url.scheme) or proxies.get("all")
    if not proxy or proxy_bypass(url.host):
        return None
    return proxy


def status_error(response: httpx.Response) -> str:
    reason = response.reason_phrase or ""
    return f"HTTP {response.status_code} {reason}".strip()


def _load_certificates(context: ssl.SSLContext) -> None:
    """The CA certificates httpx would load: ``SSL_CERT_FILE`` or ``SSL_CERT_DIR`` when set,
    else certifi's bundle (and ``SSLKEYLOGFILE``, as httpx's default context would). A bundle
    that cannot be read is a connect error for each HTTPS feed."""
    if os.environ.get("SSL_CERT_FILE"):
        where = {"cafile": os.environ["SSL_CERT_FILE"]}
    elif os.environ.get("SSL_CERT_DIR"):
        where = {"capath": os.environ["SSL_CERT_DIR"]}
    else:
        import certifi

        where = {"cafile": certifi.where()}
    try:
        context.load_verify_locations(**where)
    except (OSError, ssl.SSLError) as exc:
        place = next(iter(where.values()))
        raise httpx.ConnectError(f"cannot load the CA certificates of {place}: {exc}") from exc
    if os.environ.get("SSLKEYLOGFILE"):  # as ssl.create_default_context honours it (debugging)
        with contextlib.suppress(OSError):
            context.keylog_filename = os.environ["SSLKEYLOGFILE"]


class Fetcher:
    """Fetches feeds through one shared ``httpx.AsyncClient`` with global and per-host limits."""

    def __init__(self, settings: FetchSettings, client: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self._own_client = client is None
        # Reading the CA bundle takes ~30 ms, which every refresh spent before its first
        # request, HTTPS or not: the context is made empty here and its certificates are
        # loaded by the first HTTPS request, in a thread (see _tls_ready).
        self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self._tls_loading: asyncio.Future[None] | None = None
        # A proxy reached over HTTPS (httpx takes *_PROXY from the environment) needs them for
        # plain-HTTP feeds too.
        self._tls_for_all = any(
            key.lower() in _PROXY_VARIABLES and value.strip().lower().startswith("https:")
            for key, value in os.environ.items()
        )
        self.client = client or httpx.AsyncClient(
            verify=self._tls,
            timeout=httpx.Timeout(settings.timeout),
            limits=httpx.Limits(
                max_connections=settings.max_connections,
                max_keepalive_connections=settings.max_connections,
            ),
            follow_redirects=False,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._global = asyncio.Semaphore(settings.max_connections)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_client:
            await self.client.aclose()

    async def _tls_ready(self, url: str) -> None:
        """For an HTTPS ``url``: the certificates are loaded (raises what loading raised)."""
        if not self._tls_for_all and urlsplit(url).scheme.lower() != "https":
            return
        if self._tls_loading is None:
            self._tls_loading = asyncio.ensure_future(
                asyncio.to_thread(_load_certificates, self._tls)
            )
        # shielded: a feed given up on (its deadline) does not cancel the others' loading
        await asyncio.shield(self._tls_loading)

    def _host(self, url: str) -> asyncio.Semaphore:
        key = _host_key(url)
        sem = self._hosts.get(key)
        if sem is None:
            sem = self._hosts[key] = asyncio.Semaphore(self.settings.per_host)
        return sem

    async def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        *,
        check: HopCheck | None = None,
    ) -> FetchResult:
        """Fetch ``url`` (conditionally when validators are given); never raises for I/O.
        ``check`` is awaited before each request, with its URL; what it raises is raised."""
        deadline = self.settings.feed_deadline
        try:
            # The deadline starts once this feed holds its slots: a feed queued behind slow ones
            # of the same host is not failed before it was even asked for. The host slot is
            # taken before the global one, so feeds waiting for a busy host hold no global slot.
            async with self._host(url), self._global, asyncio.timeout(deadline):
                return await self._fetch(url, etag, last_modified, check)
        except _Refused as refused:
            raise refused.reason from None
        except TimeoutError:
            return FetchResult(url, url, error=f"gave up after {deadline:g} s (too slow)")
        except Exception as exc:  # anything a hostile server or a bad URL can cause
            return FetchResult(url, url, error=describe_error(exc))

    async def _fetch(
        self, url: str, etag: str | None, last_modified: str | None, check: HopCheck | None
    ) -> FetchResult:
        # Validators go back as the bytes they came as: a server may send non-ASCII ones
        # (obs-text), which httpx will not encode from a str (every later refresh failed).
        headers: dict[bytes, bytes] = {}
        if etag:
            headers[b"If-None-Match"] = etag.encode("utf-8", "replace")
        if last_modified:
            headers[b"If-Modified-Since"] = last_modified.encode("utf-8", "replace")
        # The caller (fetch) holds the global slot and the first host's slot.
        try:
            async with self._follow(url, headers, check) as opened:
                return await self._finish(url, opened.url, opened.permanent, opened.response)
        except RedirectError as failed:
            return FetchResult(url, failed.url, failed.status, error=str(failed))

    @contextlib.asynccontextmanager
    async def open(
        self,
        url: str,
        headers: Mapping[bytes, bytes] | None = None,
        *,
        check: HopCheck | None = None,
    ) -> AsyncIterator[Opened]:
        """The response at the end of ``url``'s redirects, its body not read yet (for a
        caller that streams it: downloads), holding this fetcher's global and host slots.
        Redirects follow :meth:`fetch`'s rules; one that cannot be followed raises
        :class:`RedirectError`; ``check`` is awaited before each request, and what it raises
        is raised. No deadline here: the caller sets its own."""
        async with self._host(url), self._global:
            try:
                async with self._follow(url, dict(headers or {}), check) as opened:
                    yield opened
            except _Refused as refused:
                raise refused.reason from None

    @contextlib.asynccontextmanager
    async def _follow(
        self, url: str, headers: Mapping[bytes, bytes], check: HopCheck | None
    ) -> AsyncIterator[Opened]:
        """Request ``url`` and follow its redirects (the caller holds the first host's slot,
        this takes another host's for its hops)."""
        seen = {url}
        current = url
        permanent: str | None = None
        still_permanent = True
        first_host = _host_key(url)
        for _ in range(self.settings.max_redirects + 1):
            if check is not None:
                try:
                    await check(current)
                except Exception as exc:  # the caller's refusal, not a network fault
                    raise _Refused(exc) from exc
            await self._tls_ready(current)
            other_host = _host_key(current) != first_host
            async with (
                self._host(current) if other_host else contextlib.nullcontext(),
                self.client.stream("GET", current, headers=headers) as response,
            ):
                status = response.status_code
                if status not in _REDIRECT:
                    yield Opened(response, current, permanent)
                    return
                location = response.headers.get("location")
                if not location:
                    raise RedirectError(status, current, f"HTTP {status} without a Location")
                # Percent-encoded as browsers do: controls a server sends raw in the Location
                # never reach the stored URL (nor a terminal that prints it).
                target = location_url(current, location)
                if target is None:
                    refused = f"redirect to {clean_line(location)[:200]!r} refused"
                    raise RedirectError(status, current, refused)
                if target in seen:
                    raise RedirectError(status, current, "redirect loop")
                seen.add(target)
                if still_permanent and status in _PERMANENT:
                    permanent = target
                else:
                    still_permanent = False
                current = target
        raise RedirectError(None, current, f"more than {self.settings.max_redirects} redirects")

    async def _finish(
        self, url: str, final: str, permanent: str | None, response: httpx.Response
    ) -> FetchResult:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        if status == 304:
            # A 304 has no body, but reading its end is what lets the connection be reused:
            # closed half-read, it is dropped, and the next request connects again.
            await response.aread()
            return FetchResult(url, final, status, None, headers, True, permanent)
        if 200 <= status < 300:
            body, truncated = await read_body(response, self.settings.max_bytes)
            error = None
            if truncated:
                megabytes = self.settings.max_bytes / 1_000_000
                error = f"feed larger than {megabytes:g} MB: only the first {megabytes:g} MB read"
            return FetchResult(
                url,
                final,
                status,
                body,
                headers,
                permanent_url=permanent,
                # A cut body must not be answered with 304 next time: keep no validators.
                etag="" if truncated else headers.get("etag", ""),
                last_modified="" if truncated else headers.get("last-modified", ""),
                error=error,
                truncated=truncated,
            )
        error = status_error(response)
        if status == 410:
            return FetchResult(
                url,
                final,
                status,
                None,
                headers,
                permanent_url=permanent,
                error=f"{error}: the feed was removed, so it is disabled",
                gone=True,
            )
        retry = None
        if status in (429, 503):
            retry = _retry_after(response.headers.get("retry-after"), datetime.now(UTC))
            if retry is not None:
                error += f" (not asked again before {retry:%Y-%m-%d %H:%M} UTC)"
        return FetchResult(
            url,
            final,
            status,
            None,
            headers,
            permanent_url=permanent,
            error=error,
            retry_after=retry,
        )

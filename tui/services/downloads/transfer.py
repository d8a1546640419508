"""One download: the bytes of an enclosure into its partial file, resumed where it stopped.

It goes through the feed fetcher (:meth:`tui.services.fetcher.Fetcher.open`): the same client,
user agent, per-request timeouts, redirect rules and host check. What differs is the body: it is
streamed to the disk, not read into memory, and so it has no whole-fetch deadline. Instead the
fetcher's deadline rules become these: the answer (through every redirect) must come within
the fetcher's deadline (three times ``timeout_seconds``); every read within ``timeout_seconds``;
and each stretch of that deadline's length must bring at least :attr:`DownloadSettings.
min_bytes` (a server that drips a few bytes a second is given up on).

A partial file is resumed with ``Range: bytes=N-`` and ``If-Range`` (the strong ETag, else
Last-Modified, of the response the bytes came from): a 206 appends, a 200 (a server without
ranges, or a file that changed) starts again from the first byte, a 416 for a file already
whole completes it. A dropped connection, a timeout, a too-slow stretch or a 5xx is tried again
(resuming), :attr:`DownloadSettings.retry_delays` apart, as long as the tries bring bytes;
anything else fails with one line for the user.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

import httpx

from tui.config import Settings
from tui.core.enclosures import format_size
from tui.core.filenames import file_name
from tui.core.models import Download
from tui.core.urls import BadUrl, check_feed_url
from tui.services.downloads.files import PartFile
from tui.services.fetcher import (
    FetchSettings,
    HopCheck,
    RedirectError,
    describe_error,
    status_error,
)

__all__ = [
    "Cancelled",
    "DownloadError",
    "DownloadSettings",
    "Opener",
    "Progress",
    "TooLarge",
    "Transfer",
    "Transient",
]

_CONTENT_RANGE = re.compile(r"^\s*bytes\s+(?:(\d+)\s*-\s*(\d+)|\*)\s*/\s*(\d+|\*)\s*$", re.I)
_SPEED_SECONDS = 5.0  # the speed shown is the average over this many last seconds


@dataclass(frozen=True, slots=True)
class DownloadSettings:
    """Limits of downloads (from config.toml: the fetcher's settings, and the size cap)."""

    fetch: FetchSettings
    max_bytes: int = 2_000_000_000
    min_bytes: int = 64_000
    """Bytes each stretch of :attr:`window` seconds must bring."""
    retry_delays: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 15.0)
    """Seconds before each new try after a dropped connection (a try that brought bytes
    starts the count again); past the last, the download fails and keeps its bytes."""
    progress_every: float = 0.25
    """Seconds between two progress reports of one download."""
    store_every: float = 1.0
    """Seconds between two writes of its progress to the database."""

    @property
    def window(self) -> float:
        return self.fetch.feed_deadline

    @classmethod
    def from_settings(cls, settings: Settings) -> DownloadSettings:
        return cls(
            fetch=FetchSettings.from_settings(settings),
            max_bytes=settings.max_download_megabytes * 1_000_000,
        )


@dataclass(frozen=True, slots=True)
class Progress:
    """How far one download is."""

    download_id: int
    name: str
    received: int
    total: int | None
    speed: float  # bytes a second, over the last few seconds
    resumed: int = 0  # bytes not fetched again: on the disk when a try resumed (summed)

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.received / self.total)

    @property
    def remaining(self) -> float | None:
        """Seconds left at the current speed (None: unknown)."""
        if not self.total or self.speed <= 0:
            return None
        return max(0.0, (self.total - self.received) / self.speed)


class DownloadError(Exception):
    """A download that cannot succeed as it is (one line for the user)."""


class TooLarge(DownloadError):
    """The file is larger than the size cap (its bytes are not worth keeping)."""


class Transient(Exception):
    """A try that failed in a way another try may not (a dropped connection, a timeout)."""


class Cancelled(Exception):
    """The download was cancelled (here, or by another process: its row is no longer
    running)."""


# Called with each progress report; returns False when the download must stop (cancelled).
Reporter = Callable[[Progress], Awaitable[bool]]
# Opens a URL through the fetcher (URL, request headers, host check): an async context manager
# of the URL the answer came from and the answer, its body not read yet.
Opener = Callable[
    [str, dict[bytes, bytes], HopCheck | None],
    AbstractAsyncContextManager[tuple[str, httpx.Response]],
]


def _strong_etag(etag: str) -> str:
    """An ETag If-Range may carry: a weak one (W/"...") may not."""
    etag = etag.strip()
    return etag if etag.startswith('"') else ""


class _Meter:
    """Speed over the last few seconds, and when to report and store."""

    def __init__(self, received: int) -> None:
        self.samples: deque[tuple[float, int]] = deque([(time.monotonic(), received)])

    def add(self, received: int) -> float:
        now = time.monotonic()
        self.samples.append((now, received))
        while len(self.samples) > 2 and now - self.samples[0][0] > _SPEED_SECONDS:
            self.samples.popleft()
        first_time, first_bytes = self.samples[0]
        elapsed = now - first_time
        return (received - first_bytes) / elapsed if elapsed > 0 else 0.0


class Transfer:
    """The transfer of one download into its (locked) partial file."""

    def __init__(
        self,
        download: Download,
        part: PartFile,
        settings: DownloadSettings,
        *,
        check: HopCheck | None,
        report: Reporter,
        on_response: Callable[[str, int | None, str, str], None],
    ) -> None:
        """``on_response(name, total, etag, last_modified)`` is called with what each
        answer says of the file (to store it); ``report`` with the progress."""
        self.download = download
        self.part = part
        self.settings = settings
        self.check = check
        self.report = report
        self.on_response = on_response
        self.name = download.name
        self.total: int | None = download.total
        self.etag = download.etag
        self.last_modified = download.last_modified
        self.resumed = 0
        """Bytes not fetched again: on the disk when a try resumed (summed over tries)."""

    async def run(self, open_response: Opener) -> None:
        """Download until the file is whole; raises DownloadError, Cancelled, and the host
        check's refusal (InternalAddress)."""
        try:
            check_feed_url(self.download.url)  # the one URL rule: http(s), a host, a port
        except BadUrl as exc:
            raise DownloadError(str(exc)) from None
        failures = 0
        while True:
            before = self.part.size
            try:
                if await self._try(open_response):
                    return
            except Transient as exc:
                if self.part.size - before >= self.settings.min_bytes:
                    failures = 0  # it brought bytes: the connection is worth trying again
                if failures >= len(self.settings.retry_delays):
                    kept = "; what arrived is kept: retry to resume" if self.part.size else ""
                    raise DownloadError(f"{exc} ({failures + 1} tries{kept})") from None
                await asyncio.sleep(self.settings.retry_delays[failures])
                failures += 1

    async def _try(self, open_response: Opener) -> bool:
        """One request; True when the file is whole."""
        have = self.part.size
        headers = {b"Accept-Encoding": b"identity"}
        if have:
            headers[b"Range"] = f"bytes={have}-".encode()
            validator = _strong_etag(self.etag) or self.last_modified
            if validator:
                headers[b"If-Range"] = validator.encode("utf-8", "replace")
        deadline = self.settings.fetch.feed_deadline
        try:
            async with asyncio.timeout(deadline) as timer:
                async with open_response(self.download.url, headers, self.check) as (url, resp):
                    timer.reschedule(None)  # the answer is in; the body has its own rules
                    if not self._start(resp, url, have):
                        return True
                    return await self._stream(resp)
        except TimeoutError:
            raise Transient(f"no answer within {deadline:g} s") from None
        except RedirectError as exc:
            raise DownloadError(str(exc)) from None
        except httpx.InvalidURL as exc:
            raise DownloadError(f"bad URL: {exc}") from None
        except (httpx.TransportError, httpx.StreamError) as exc:
            if isinstance(exc, httpx.UnsupportedProtocol):
                raise DownloadError(describe_error(exc)) from None
            raise Transient(describe_error(exc)) from None

    def _start(self, response: httpx.Response, url: str, have: int) -> bool:
        """Check the answer and get the partial file ready for its body; False when the file
        is whole already (nothing to read)."""
        status = response.status_code
        headers = response.headers
        content_range = _CONTENT_RANGE.match(headers.get("content-range", ""))
        if status == 416 and have:
            whole = content_range.group(3) if content_range else None
            if whole is not None and whole.isdigit() and int(whole) == have:
                self.total = have
                return False
            self.part.restart()
            raise Transient("the server refused to resume; starting again")
        if status in (429, 500, 502, 503, 504):
            raise Transient(status_error(response))
        if status not in (200, 206):
            raise DownloadError(status_error(response))
        offset = 0
        if status == 206:
            if content_range is None or content_range.group(1) is None:
                self.part.restart()
                raise Transient("the server sent a range it did not describe; starting again")
            offset = int(content_range.group(1))
            whole = content_range.group(3)
            self.total = int(whole) if whole.isdigit() else None
            if offset != have:
                self.part.restart()
                raise Transient("the server sent another range; starting again")
            self.resumed += have
        else:
            if have:  # no ranges here, or the file changed (If-Range): the first byte again
                self.part.restart()
            length = headers.get("content-length", "")
            self.total = int(length) if length.isdigit() else None
        self._check_size(self.total)
        if not offset or not self.name:
            media_type = self.download.media_type or headers.get("content-type", "")
            self.name = file_name(url, headers.get("content-disposition", ""), media_type)
        if status == 200 or headers.get("etag") or headers.get("last-modified"):
            self.etag = headers.get("etag", "")
            self.last_modified = headers.get("last-modified", "")
        self.on_response(self.name, self.total, self.etag, self.last_modified)
        return True

    def _check_size(self, size: int | None) -> None:
        if size is not None and size > self.settings.max_bytes:
            cap = format_size(self.settings.max_bytes)
            raise TooLarge(
                f"the file is {format_size(size)}, more than the {cap} allowed"
                " (max_download_megabytes)"
            )

    async def _stream(self, response: httpx.Response) -> bool:
        received = self.part.size
        meter = _Meter(received)
        window_start, window_bytes = time.monotonic(), 0
        last_report = 0.0
        window = self.settings.window
        async for chunk in response.aiter_raw():
            self.part.write(chunk)
            received += len(chunk)
            window_bytes += len(chunk)
            if received > self.settings.max_bytes:
                self._check_size(received)
            now = time.monotonic()
            if now - window_start >= window:
                if window_bytes < self.settings.min_bytes:
                    raise Transient(
                        f"too slow: {format_size(window_bytes)} in {window:g} s"
                        f" (at least {format_size(self.settings.min_bytes)} wanted)"
                    )
                window_start, window_bytes = now, 0
            speed = meter.add(received)
            if now - last_report >= self.settings.progress_every:
                last_report = now
                if not await self.report(self._progress(received, speed)):
                    raise Cancelled
        if self.total is not None and received < self.total:
            raise Transient("the connection closed before the end of the file")
        if not await self.report(self._progress(received, meter.add(received))):
            raise Cancelled
        return True

    def _progress(self, received: int, speed: float) -> Progress:
        return Progress(self.download.id, self.name, received, self.total, speed, self.resumed)

"""One request to a sync server, with the fetcher's limits, and what its answers hold.

A request has a connect and read timeout, a deadline for the whole of it, and a cap on the
(decompressed) size of its answer; redirects are not followed (a POST would lose its body, and
credentials must not go to another address unasked). Every failure is a SyncError whose
message names the server as :func:`shown` prints it, never a credential. The value helpers
read a server's JSON defensively: a value of the wrong type is read as empty.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from tui.core.limits import in_range
from tui.core.text import clean_line
from tui.services.fetcher import FetchSettings, describe_error, read_body
from tui.services.sync.remote import AuthError, SyncError

_REDIRECT = frozenset({301, 302, 303, 307, 308})


def shown(url: str) -> str:
    """``url`` as it may be shown: without a user name, password or query in it."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"{host}:{port}" if port else host
    return clean_line(urlunsplit((parts.scheme, netloc, parts.path, "", "")))


def client(settings: FetchSettings) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.timeout),
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
    )


async def post(
    http: httpx.AsyncClient,
    url: str,
    settings: FetchSettings,
    *,
    data: Mapping[str, str] | None = None,
    body: Any = None,
) -> tuple[int, bytes]:
    """POST ``data`` (a form) or ``body`` (as JSON) to ``url``: (status, the answer's bytes).

    Raises SyncError for a redirect, a network failure, a timeout or an answer larger than
    ``settings.max_bytes``, AuthError for 401 and 403; other statuses are the caller's.
    """
    where = shown(url)
    deadline = settings.feed_deadline
    content = None if body is None else json.dumps(body).encode()
    headers = {} if body is None else {"Content-Type": "application/json"}
    try:
        async with (
            asyncio.timeout(deadline),
            http.stream("POST", url, data=data, content=content, headers=headers) as response,
        ):
            status = response.status_code
            if status in _REDIRECT:
                target = shown(response.headers.get("location", ""))
                raise SyncError(f"{where} redirects to {target!r}: set [sync] url to that address")
            if status in (401, 403):
                raise AuthError(f"{where} refused the user name or password (HTTP {status})")
            answer, truncated = await read_body(response, settings.max_bytes)
    except TimeoutError:
        raise SyncError(f"{where} did not answer within {deadline:g} s") from None
    except httpx.TimeoutException:
        raise SyncError(f"{where} is too slow (timed out)") from None
    except httpx.ConnectError as exc:
        raise SyncError(_cannot_connect(exc, where)) from None
    except httpx.HTTPError as exc:
        raise SyncError(f"{where}: the connection failed ({type(exc).__name__})") from None
    except (OSError, ValueError) as exc:  # bad compressed data, an unusable URL
        raise SyncError(f"{where}: {type(exc).__name__}") from None
    if truncated:
        megabytes = settings.max_bytes / 1_000_000
        raise SyncError(f"{where} sent an answer larger than {megabytes:g} MB")
    return status, answer


def _cannot_connect(exc: httpx.ConnectError, where: str) -> str:
    """Why ``where`` could not be reached, in the fetcher's words (a proxy named when the
    connection was to one)."""
    reason = clean_line(describe_error(exc))
    plain = "cannot connect: "
    if reason.startswith(plain):
        return f"cannot connect to {where}: {reason.removeprefix(plain)}"
    return f"{reason} (syncing with {where})"


def json_object(body: bytes) -> dict[str, Any] | None:
    """The JSON object ``body`` holds, or None when it holds none."""
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return answer if isinstance(answer, dict) else None


def positive_id(value: Any) -> int | None:
    """A positive id from an int or a string of digits (some servers send ids as strings)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value < 2**63 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value) or None
    return None


def text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def flag(value: Any) -> bool:
    return value is True or value == 1 or value == "1"


def when(value: Any) -> datetime | None:
    """A Unix time as an aware UTC datetime, None when it is none or out of range."""
    seconds = positive_id(value)
    if seconds is None:
        return None
    try:
        return in_range(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):
        return None

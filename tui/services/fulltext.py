"""Fetch an article's web page and extract its main text (for feeds that carry only a summary).

Synchronous on purpose: the UI runs it in a thread worker, the CLI calls it directly.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from tui.core.page import main_text_from_html
from tui.core.text import clean_line, is_safe_link

__all__ = ["FullTextError", "fetch_full_text"]

USER_AGENT = "newsreader/0.1 (+full-text fetch; terminal news reader)"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


class FullTextError(Exception):
    """The page could not be fetched or had no article text (one-line message for the user)."""


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
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _download(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str | None]:
    host = urlsplit(url).hostname or url
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                timeout=timeout,
                headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"},
                max_redirects=10,
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FullTextError(f"HTTP {response.status_code} fetching {clean_line(url)[:200]}")
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and not ctype.startswith(_HTML_TYPES):
                raise FullTextError(f"not a web page ({clean_line(ctype)[:60]}): {url[:200]}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FullTextError(f"page larger than {max_bytes} bytes: {url[:200]}")
                chunks.append(chunk)
            return b"".join(chunks), response.charset_encoding
    except httpx.TimeoutException:
        raise FullTextError(f"timed out fetching {host}") from None
    except httpx.ConnectError as exc:
        raise FullTextError(f"could not connect to {host}: {clean_line(str(exc))[:120]}") from None
    except httpx.TooManyRedirects:
        raise FullTextError(f"too many redirects fetching {host}") from None
    except httpx.HTTPError as exc:
        raise FullTextError(f"fetching {host} failed: {clean_line(str(exc))[:120]}") from None


def fetch_full_text(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 5_000_000,
    cache_dir: Path | None = None,
) -> str:
    """Main text of the page at ``url`` (cleaned, boilerplate stripped); raises FullTextError."""
    url = url.strip()
    if not is_safe_link(url) or not url.lower().startswith(("http://", "https://")):
        raise FullTextError(f"not an http(s) link: {clean_line(url)[:200]}")
    cached = _cache_file(cache_dir, url) if cache_dir is not None else None
    if cached is not None and cached.is_file():
        try:
            return cached.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass
    body, charset = _download(url, timeout, max_bytes)
    text = main_text_from_html(_decode(body, charset), url)
    if not text.strip():
        raise FullTextError(f"no article text found at {clean_line(url)[:200]}")
    if cached is not None:
        _write_atomic(cached, text)
    return text

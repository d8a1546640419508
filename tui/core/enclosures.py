"""Enclosures (podcast episodes, videos, files an item carries): read from a parsed entry, and
described for the reader.

Both feed parsers hand :func:`read_enclosures` an entry in feedparser's shape: ``enclosures``, a
list of ``{"href", "type", "length"}`` (RSS ``<enclosure>`` and Atom ``link rel="enclosure"``;
a JSON Feed attachment adds its own ``duration``), and ``itunes_duration``, the item's. What the
feed declares is untrusted: a size that is no number, a type that is no media type or a URL that
is no http(s) link is dropped, and an item holds at most :data:`MAX_PER_ITEM` of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from tui.core.models import Enclosure
from tui.core.text import clean_line

__all__ = [
    "MAX_PER_ITEM",
    "describe",
    "format_amount",
    "format_duration",
    "format_remaining",
    "format_size",
    "format_speed",
    "parse_duration",
    "parse_length",
    "read_enclosures",
]

MAX_PER_ITEM = 16
_MAX_LENGTH = 10**13  # 10 TB: a larger "length" is a typo, not a file
_MAX_DURATION = 1_000 * 3600  # seconds: a thousand hours
_MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$")
_CLOCK = re.compile(r"^(?:(\d{1,4}):)?(?:(\d{1,4}):)?(\d{1,7})(?:\.\d+)?$")


def parse_length(raw: object) -> int | None:
    """A declared size in bytes, or None: zero (a common placeholder), a negative or
    non-numeric value, or an absurd one says nothing."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        value = int(raw)
    elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        value = int(raw.strip()[:20])
    else:
        return None
    return value if 0 < value <= _MAX_LENGTH else None


def parse_duration(raw: object) -> int | None:
    """An ``itunes:duration`` ("3725", "62:05", "1:02:05", "1:02:05.5") or a JSON Feed
    ``duration_in_seconds``, as whole seconds; None for anything else, zero or absurd."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        seconds = int(raw) if raw == raw else 0  # NaN is no duration
    elif isinstance(raw, str):
        match = _CLOCK.match(raw.strip())
        if match is None:
            return None
        first, second, last = match.groups()
        parts = [int(p) for p in (first, second, last) if p is not None]
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + part
    else:
        return None
    return seconds if 0 < seconds <= _MAX_DURATION else None


def _media_type(raw: object) -> str:
    kind = clean_line(str(raw or "")).split(";", 1)[0].strip().lower()
    return kind if _MEDIA_TYPE.match(kind) else ""


def read_enclosures(
    entry: Mapping[str, Any], resolve: Callable[[str], str]
) -> tuple[Enclosure, ...]:
    """The enclosures of a parsed entry, in document order, each URL once. ``resolve`` makes a
    link absolute and safe ("" when it cannot be); only http(s) ones are kept. The item's
    ``itunes_duration`` goes to its first enclosure that has none of its own."""
    found: dict[str, Enclosure] = {}
    raw = entry.get("enclosures")
    items: Iterable[Any] = raw if isinstance(raw, list | tuple) else ()
    for item in items:
        if len(found) >= MAX_PER_ITEM:
            break
        if not isinstance(item, Mapping):
            continue
        href = item.get("href")
        url = resolve(href) if isinstance(href, str) and href.strip() else ""
        if not url.lower().startswith(("http://", "https://")) or url in found:
            continue
        found[url] = Enclosure(
            url=url,
            media_type=_media_type(item.get("type")),
            length=parse_length(item.get("length")),
            duration=parse_duration(item.get("duration")),
        )
    enclosures = list(found.values())
    item_duration = parse_duration(entry.get("itunes_duration"))
    if item_duration is not None:
        for index, enclosure in enumerate(enclosures):
            if enclosure.duration is None:
                enclosures[index] = Enclosure(
                    enclosure.url, enclosure.media_type, enclosure.length, item_duration
                )
                break
    return tuple(enclosures)


def format_size(size: int) -> str:
    """``54919661`` as "54.9 MB" (decimal units, as download sizes are usually given)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            if unit == "B":
                return f"{int(value)} B"
            return f"{value:.1f} {unit}" if value < 100 else f"{value:.0f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")


def format_duration(seconds: int) -> str:
    """``6849`` as "1:54:09", ``307`` as "5:07"."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe(enclosure: Enclosure) -> str:
    """ "audio/mpeg · 54.9 MB · 1:54:09": what the feed says of it (may be "")."""
    parts = [enclosure.media_type]
    if enclosure.length is not None:
        parts.append(format_size(enclosure.length))
    if enclosure.duration is not None:
        parts.append(format_duration(enclosure.duration))
    return " · ".join(p for p in parts if p)


def format_amount(received: int, total: int | None) -> str:
    """ "24.7 MB of 54.9 MB", or "24.7 MB" when the size is unknown."""
    if total is None:
        return format_size(received)
    return f"{format_size(received)} of {format_size(total)}"


def format_speed(bytes_per_second: float) -> str:
    """ "2.3 MB/s" ("" when nothing moves)."""
    return f"{format_size(int(bytes_per_second))}/s" if bytes_per_second >= 1 else ""


def format_remaining(seconds: float | None) -> str:
    """ "0:12 left", "1:02:05 left" ("" when unknown)."""
    if seconds is None:
        return ""
    return f"{format_duration(int(seconds + 0.5))} left"

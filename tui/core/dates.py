"""Item dates that feedparser cannot read exactly, read right.

feedparser reads an RFC 822 date whose zone is a name it does not know (``CET``, ``CEST``,
``EET``, ``BST``, ``JST``, ``AEST``, ...) as UTC, so such an item was one to eleven hours off;
it knows only the North American names, ``UT``/``GMT``/``Z`` and ``MET``/``MEST``. It reads no
date with Portuguese day and month names, and never sees a JSON Feed's dates.

The hot path stays feedparser's: :func:`unknown_zone` is a cheap test of the end of the string,
and most dates end in a number or a name it knows. For the others :class:`DateReader` reads the
string with the standard library (RFC 822, then ISO 8601), the zone name replaced by its offset,
which dateparser's table of zone names gives (imported on first need, each name looked up once
per process). A document may ask for a few new names only, so a hostile feed with a thousand
invented zones costs a few look-ups, not a thousand.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from tui.core.limits import in_range

__all__ = ["DateReader", "from_struct", "unknown_zone"]

# The zone names feedparser's RFC 822 reader reads right (it reads every other name as UTC,
# right only for UTC itself; single letters are the obsolete military zones, left as read).
_FEEDPARSER_ZONES = frozenset(
    {"UT", "UTC", "GMT", "Z", "EST", "EDT", "ET", "CST", "CDT", "CT", "MST", "MDT", "MT"}
    | {"PST", "PDT", "PT", "AST", "ADT", "AT", "MET", "MEST"}
)
_ZONE = re.compile(r"[A-Za-z]{2,5}")

# Portuguese day and month names (Brazilian feeds: "Seg, 24 Set 2018 19:42:40 -0300").
_PT_NAMES = {
    "dom": "Sun",
    "seg": "Mon",
    "ter": "Tue",
    "qua": "Wed",
    "qui": "Thu",
    "sex": "Fri",
    "sab": "Sat",
    "s\u00e1b": "Sat",
    "fev": "Feb",
    "abr": "Apr",
    "mai": "May",
    "ago": "Aug",
    "set": "Sep",
    "out": "Oct",
    "dez": "Dec",
}
_WORDS = re.compile(r"(\W+)")

# Zone names looked up so far (None: dateparser does not know it), for the whole process.
_OFFSETS: dict[str, timedelta | None] = {}
_MAX_KNOWN = 512  # names kept; past that, new ones are looked up but not kept
_LOOKUPS_PER_DOCUMENT = 8


def unknown_zone(raw: str) -> str | None:
    """The zone name that ends ``raw`` when feedparser reads it wrongly (as UTC), upper-case;
    None for every other date (cheap: most end in a digit)."""
    tail = raw.rstrip()
    if not tail or not tail[-1].isalpha():
        return None
    word = tail.rsplit(None, 1)[-1]
    if not _ZONE.fullmatch(word):
        return None
    name = word.upper()
    return None if name in _FEEDPARSER_ZONES else name


def _looked_up(name: str) -> timedelta | None:
    """The UTC offset of the zone abbreviation ``name`` in dateparser's table, or None."""
    import dateparser

    wall = datetime(2000, 1, 1, tzinfo=UTC)
    found = dateparser.parse(
        f"2000-01-01 00:00 {name}",
        languages=["en"],
        settings={
            "RETURN_AS_TIMEZONE_AWARE": True,
            "TIMEZONE": "UTC",
            "TO_TIMEZONE": "UTC",
            "PARSERS": ["absolute-time"],
        },
    )
    if found is None:
        return None
    return wall - found if found.tzinfo is not None else None


def _english(raw: str) -> str:
    return "".join(_PT_NAMES.get(w.lower(), w) for w in _WORDS.split(raw.strip()))


def _as_utc(value: datetime) -> datetime | None:
    if value.tzinfo is None:  # no zone given: read as UTC, as feedparser does
        value = value.replace(tzinfo=UTC)
    try:
        return in_range(value.astimezone(UTC))
    except (OverflowError, ValueError):
        return None


def _rfc822(text: str) -> datetime | None:
    try:
        return _as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _iso(text: str) -> datetime | None:
    try:
        return _as_utc(datetime.fromisoformat(text.strip()))
    except ValueError:
        return None


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{minutes:02d}"


def from_struct(value: time.struct_time | tuple[int, ...] | None) -> datetime | None:
    """A date feedparser read (a UTC ``struct_time``) as an aware datetime, or None when there
    is none or it is out of the range the app shows (:func:`tui.core.limits.in_range`)."""
    if not value:
        return None
    try:
        return in_range(datetime.fromtimestamp(calendar.timegm(value), tz=UTC))
    except (OverflowError, ValueError, OSError, TypeError):
        return None


class DateReader:
    """Reads the item dates of one document (make one per document)."""

    def __init__(self) -> None:
        self._lookups = _LOOKUPS_PER_DOCUMENT

    def item_date(self, raw: str, parsed: time.struct_time | None) -> datetime | None:
        """The date of an item: ``parsed`` (feedparser's reading of ``raw``) unless ``raw``
        ends in a zone feedparser does not know, then ``raw`` read with its zone; ``raw``
        read here when feedparser read nothing."""
        if raw and (parsed is None or unknown_zone(raw) is not None):
            found = self.read(raw)
            if found is not None:
                return found
        return from_struct(parsed)

    def read(self, raw: str) -> datetime | None:
        """``raw`` read as RFC 822 or ISO 8601 (Portuguese names too), with its zone named by
        an abbreviation anywhere in the world; None when it is no date read so."""
        text = _english(raw)
        zone = unknown_zone(text)
        if zone is not None:
            offset = self._offset(zone)
            if offset is None:
                return None  # a name no table knows: feedparser's reading (as UTC) stands
            text = f"{text.rstrip()[: -len(zone)].rstrip()} {_offset_text(offset)}"
        return _rfc822(text) or _iso(text)

    def _offset(self, name: str) -> timedelta | None:
        if name in _OFFSETS:
            return _OFFSETS[name]
        if self._lookups <= 0:
            return None
        self._lookups -= 1
        offset = _looked_up(name)
        if len(_OFFSETS) < _MAX_KNOWN:
            _OFFSETS[name] = offset
        return offset

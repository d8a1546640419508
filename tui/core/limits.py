"""How long each stored text may be, and which dates an item may carry.

A feed is untrusted: a 6 MB channel title or an item dated in the year 9999 is as easy to
publish as a real one. Every text the store keeps is cut to the limit of its kind here (the
store applies them on every write), and a date outside :data:`EARLIEST`..:data:`LATEST` is
taken for no date at all, so every date shown, sorted or added to stays far from the ends of
``datetime``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from tui.core.text import clean_line

__all__ = [
    "AUTHOR",
    "EARLIEST",
    "ERROR",
    "FOLDER",
    "FOLDER_DEPTH",
    "GUID",
    "HTML",
    "LATEST",
    "TITLE",
    "URL",
    "VALIDATOR",
    "cap",
    "folder_path",
    "guid",
    "in_range",
    "link",
]

URL = 8_192  # a feed's URL, its site, an article's link (a longer one is no link at all)
GUID = 512  # an item's id; a longer one is replaced by its SHA-1
TITLE = 1_000  # feed and article titles
AUTHOR = 300
ERROR = 1_000  # a feed's last error
VALIDATOR = 1_000  # ETag and Last-Modified, sent back to the server as they were received
FOLDER = 500  # a folder path, "a/b/c"
FOLDER_DEPTH = 16  # names in a folder path; OPML nested deeper is imported into the 16th
HTML = 2_000_000  # an item's summary or content, and a fetched full text (what is rendered)

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def cap(text: str, limit: int) -> str:
    """``text`` when it fits, else its first ``limit - 1`` characters and an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "\u2026"


def link(url: str) -> str:
    """``url`` when it fits, else "" (a URL cut short would lead somewhere else)."""
    return url if len(url) <= URL else ""


def guid(raw: str) -> str:
    """An item id as stored: itself when it fits, else ``sha1:`` and its digest."""
    if len(raw) <= GUID:
        return raw
    return "sha1:" + hashlib.sha1(raw.encode("utf-8", "replace")).hexdigest()


def folder_path(raw: str) -> str:
    """A folder path as stored: names cleaned (no ``/`` inside one), empty ones dropped, at most
    :data:`FOLDER_DEPTH` of them and :data:`FOLDER` characters in all (whole names only)."""
    names = [clean_line(name) for name in raw.split("/")]
    out = ""
    for name in [n for n in names if n][:FOLDER_DEPTH]:
        joined = f"{out}/{name}" if out else name
        if len(joined) > FOLDER:
            return out or cap(name, FOLDER)
        out = joined
    return out


def in_range(when: datetime | None) -> datetime | None:
    """``when`` when it lies between :data:`EARLIEST` and :data:`LATEST`, else None."""
    if when is None:
        return None
    aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return when if EARLIEST <= aware < LATEST else None

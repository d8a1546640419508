"""Names for downloaded files: from a server's ``Content-Disposition`` or the URL, made safe.

Both come from the network, so a name may try anything: ``../../.bashrc``, an absolute path, a
drive letter, control characters, escape sequences, a name only dots, a Windows device name, a
megabyte of text. :func:`safe_file_name` keeps the last path component only, drops what no file
name should hold, and cuts it to :data:`MAX_NAME_BYTES`; :func:`numbered` makes the second
``episode.mp3`` ``episode (2).mp3``.
"""

from __future__ import annotations

import mimetypes
import re
import unicodedata
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from tui.core.text import clean_line

__all__ = [
    "MAX_NAME_BYTES",
    "disposition_name",
    "file_name",
    "numbered",
    "safe_file_name",
    "url_name",
]

MAX_NAME_BYTES = 200  # well under the 255 bytes most file systems allow, room for " (99)"
FALLBACK = "download"
# Characters no portable file name holds (Windows' list; "/" and NUL everywhere).
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
# Extensions mimetypes gives for common enclosure types where its first guess is an odd one.
_PREFERRED = {"audio/mpeg": ".mp3", "audio/mp4": ".m4a", "video/mp4": ".mp4", "audio/x-m4a": ".m4a"}


def disposition_name(header: str) -> str:
    """The file name a ``Content-Disposition`` header gives (``filename*`` before
    ``filename``), unsanitised; "" when it gives none."""
    if not header or "filename" not in header.lower():
        return ""
    message = Message()
    try:
        message["content-disposition"] = header
        name = message.get_filename() or ""
    except Exception:  # noqa: BLE001 - the email package on a hostile header
        return ""
    return str(name)


def url_name(url: str) -> str:
    """The last segment of a URL's path, percent-decoded; "" when the path names none."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    return unquote(segment, errors="replace")


def _extension(media_type: str) -> str:
    kind = media_type.split(";", 1)[0].strip().lower()
    return _PREFERRED.get(kind) or mimetypes.guess_extension(kind) or ""


def _cut(name: str, limit: int) -> str:
    """``name`` cut to ``limit`` UTF-8 bytes, its extension kept when short."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    keep = f".{ext}" if dot and stem and len(ext) <= 10 else ""
    base = stem if keep else name
    budget = limit - len(keep.encode("utf-8"))
    cut = base.encode("utf-8")[:budget].decode("utf-8", "ignore").rstrip(" .")
    return cut + keep


def safe_file_name(raw: str, media_type: str = "") -> str:
    """``raw`` as a file name that stays in the folder it is put in: its last component (after
    ``/`` or ``\\``), without control, bidi or forbidden characters, no leading dot (no hidden
    or ``..`` names) or dash (``-rf``: ``rm *`` in the folder would take it for an option),
    no trailing dot or space, no device name, at most
    :data:`MAX_NAME_BYTES`. Empty, it is "download"; without an extension, one is added from
    ``media_type`` when it names one."""
    name = clean_line(unicodedata.normalize("NFC", raw or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = _FORBIDDEN.sub("_", name)
    name = " ".join(name.split())
    name = name.lstrip(". -").rstrip(". ")  # no hidden file, nothing a command reads as an option
    if _RESERVED.match(name):
        name = "_" + name
    extension = _extension(media_type)
    if not name:
        name = FALLBACK
    if extension and not PurePosixPath(name).suffix:
        name += extension
    return _cut(name, MAX_NAME_BYTES) or FALLBACK


def file_name(url: str, disposition: str = "", media_type: str = "") -> str:
    """The name to save a download as: the server's ``Content-Disposition`` name, else the
    URL's, made safe."""
    return safe_file_name(disposition_name(disposition) or url_name(url), media_type)


def numbered(name: str, number: int) -> str:
    """``name`` for the ``number``-th file of that name: "episode.mp3", "episode (2).mp3"."""
    if number <= 1:
        return name
    path = PurePosixPath(name)
    suffix = path.suffix if path.stem else ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    return f"{stem} ({number}){suffix}"

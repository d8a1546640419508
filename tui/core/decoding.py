"""Bytes of an XML document (a feed, an OPML file) or of a page to text, decided here, not by
the parser.

A byte-order mark (or UTF-16's zero bytes), then the Content-Type charset, then the XML
declaration, then UTF-8, then windows-1252 (which decodes anything): an undeclared UTF-8
document is read as UTF-8, a wrong or unknown label costs nothing, and the parser is handed
text it never decodes again (expat itself reads no multi-byte encoding such as Shift_JIS).
A web page or a text file (:func:`decode_page`) goes the same way, its ``<meta>`` charset in
the declaration's place.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from email.message import Message

__all__ = ["decode_document", "decode_page", "without_declaration"]

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.I)
_XML_DECL_ANY = re.compile(rb"^\s*<\?xml[^>]*\?>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _header(headers: Mapping[str, str] | None, name: str) -> str:
    if not headers:
        return ""
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return ""


def _charset(content_type: str) -> str:
    if not content_type:
        return ""
    msg = Message()
    msg["content-type"] = content_type
    return str(msg.get_param("charset") or "").strip().lower()


def _codec(name: str) -> str | None:
    name = _ALIASES.get(name.lower(), name.lower())
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read Latin-1 labels as windows-1252 (a superset for the printable range).
    return "cp1252" if codec in {"iso8859-1", "latin-1", "ascii"} else codec


def decode_document(data: bytes, headers: Mapping[str, str] | None = None) -> str:
    """Decode feed bytes: BOM (or UTF-16's zero bytes), then the Content-Type charset, then
    the XML declaration, then UTF-8, then windows-1252 (which decodes anything)."""
    marked = _by_mark(data)
    if marked is not None:
        return marked
    # No mark, but the zero bytes of UTF-16 around the first "<" (XML 1.0 appendix F): a
    # document in any 8-bit encoding has no zero byte there.
    if data[1:2] == data[3:4] == b"\x00" and data[:1] not in (b"", b"\x00"):
        return data.decode("utf-16-le", errors="replace")
    if data[:1] == data[2:3] == b"\x00" and data[1:2] not in (b"", b"\x00"):
        return data.decode("utf-16-be", errors="replace")
    candidates: list[str] = []
    http = _charset(_header(headers, "content-type"))
    match = _XML_DECL.match(data[:512])
    declared = match.group(1).decode("ascii").lower() if match else ""
    for name in (http, declared, "utf-8"):
        codec = _codec(name) if name else None
        if codec and codec not in candidates and not codec.startswith("utf-16"):
            candidates.append(codec)
    # A server that says Latin-1 for a document that is valid multi-byte UTF-8 is wrong.
    if candidates and candidates[0] == "cp1252" and _is_utf8(data):
        candidates.insert(0, "utf-8")
    return _first_that_decodes(data, candidates, "cp1252")


def decode_page(body: bytes, charset: str | None = None) -> str:
    """Decode a web page or a text file: a byte-order mark, then ``charset`` (the HTTP
    header's), then the page's ``<meta>`` charset, then UTF-8, then windows-1252. A page saved
    to a file reads as the same page fetched (it was read as UTF-8 alone: Café came out as
    Caf\ufffd, and the names in it were no longer found)."""
    marked = _by_mark(body)
    if marked is not None:
        return marked
    candidates = [charset] if charset else []
    match = _META_CHARSET.search(body[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", "replace"))
    return _first_that_decodes(body, [*candidates, "utf-8", "cp1252"], "utf-8")


def _by_mark(data: bytes) -> str | None:
    """``data`` decoded by its byte-order mark, or None when it has none."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace")
    return None


def _first_that_decodes(data: bytes, codecs: list[str], fallback: str) -> str:
    """``data`` in the first of ``codecs`` that decodes it whole, else in ``fallback`` with
    replacement characters."""
    for codec in codecs:
        try:
            return data.decode(codec)
        except (UnicodeError, LookupError):  # UnicodeError: codecs such as "undefined", "idna"
            continue
    return data.decode(fallback, errors="replace")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b > 0x7F for b in data)


def without_declaration(text: str) -> bytes:
    """``text`` (a decoded XML document) as UTF-8 bytes that say so: leading whitespace and the
    document's own XML declaration, whose encoding no longer holds, are replaced."""
    body = text.lstrip("\ufeff \t\r\n").encode("utf-8")
    body = _XML_DECL_ANY.sub(b"", body, count=1)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body

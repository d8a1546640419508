"""The fast path of :mod:`tui.core.parse`: feedparser-rs, for documents it reads as feedparser does.

feedparser-rs (Rust) reads a feed about ten times faster than feedparser, whose SAX callbacks were
most of the CPU of a cold refresh. feedparser stays the reference: :func:`read_fast` answers
``None``, and the document goes to feedparser, unless it is an RSS 2.0 or Atom 1.0 document that
feedparser-rs reads without complaint and that is free of what feedparser-rs 0.7 reads wrongly:

* an empty RSS text element (``<category/>``, ``<guid isPermaLink="false"/>``,
  ``<dc:creator></dc:creator>``): it hands the text of the next element to it, so a title
  becomes a link or an author a date;
* an item date it cannot read (``... CEST``, ``5:31 PM +0000``): it keeps no parsed date
  where feedparser reads one;
* an item link to a loopback or private address (``127.x``, ``10.x``, ``localhost``, ``::1``,
  ``*.local``): it empties the link (its own guard against server-side requests), where
  feedparser keeps it. Keeping a link is harmless; whether the reader may open or fetch one is
  the ``internal_links`` setting, applied when it is opened, whichever parser read the feed.

Its answer has feedparser's shape (plain dicts), so the rest of the parse does not know which
parser ran. Where the two differ and feedparser-rs is not wrong, its reading is kept: an Atom
entry without an author has its feed's (the Atom rule; feedparser leaves it empty). What
feedparser-rs calls HTML but feedparser calls plain text (every title, an Atom text without a
``type``) is plain text unless it looks like HTML by feedparser's own test (a closing tag or an
entity); an Atom text typed ``html`` that does not look like HTML becomes plain text too, which
reads the same. ``tests/unit/test_parse_fast.py`` holds the two to the same articles and the
same words over the real-feed corpus, the benchmark feeds and generated documents.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["read_fast"]

_VERSIONS = frozenset({"rss20", "atom10"})
# RSS elements whose text feedparser-rs reads (unprefixed, or in the Dublin Core / content
# namespaces under their usual prefixes). Empty elements with only attributes that it reads
# as attributes (enclosure, atom:link, media:*) are read right and do not matter.
_RSS_TEXT = (
    rb"(?:dc:|content:)?(?:title|link|description|guid|author|category|comments|source|pubDate"
    rb"|creator|date|subject|encoded|publisher|rights|contributor)"
)
_EMPTY_RSS_TEXT = re.compile(rb"<(" + _RSS_TEXT + rb")\b[^<>]*?(?:/>|>\s*</\1\s*>)")
_DATE_ELEMENT = re.compile(rb"<(?:\w+:)?(?:pubDate|published|updated|date|issued|modified)\b")
# feedparser's test for "this text is HTML": a closing tag or an entity reference.
_CLOSE_TAG = re.compile(r"</\w+>")
_ENTITY = re.compile(r"&#?\w+;")


def read_fast(body: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The feed and its entries in feedparser's shape, or ``None`` when feedparser must read
    ``body`` (a UTF-8 XML document). Always bytes: feedparser-rs would fetch a ``str`` that
    looks like a URL."""
    try:
        return _read(body)
    except ImportError:  # no wheel for this platform: feedparser reads everything
        return None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - a Rust panic arrives as pyo3's PanicException,
        return None  # which is no Exception: feedparser reads what feedparser-rs cannot


def _read(body: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    import feedparser_rs

    result = feedparser_rs.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if result.bozo or result.version not in _VERSIONS:
        return None
    if result.version == "rss20" and _EMPTY_RSS_TEXT.search(body):
        return None
    if any(_dropped_link(e) for e in result.entries):
        return None
    atom = result.version == "atom10"
    entries = [_entry(e, atom) for e in result.entries]
    if any(not _has_date(e) for e in entries) and _DATE_ELEMENT.search(body):
        return None
    feed = result.feed
    return {
        "title": feed.title or "",
        "title_detail": _detail(feed.title_detail, feed.title, guess=True),
        "link": feed.link or "",
    }, entries


def _dropped_link(entry: Any) -> bool:
    """A link feedparser-rs read and then emptied (an internal address): its href is ""."""
    return any(not link.href for link in entry.links or ())


def _has_date(entry: dict[str, Any]) -> bool:
    return bool(entry["published_parsed"] or entry["updated_parsed"])


def _looks_like_html(text: str) -> bool:
    return bool(_CLOSE_TAG.search(text) or _ENTITY.search(text))


def _kind(declared: str | None, text: str, guess: bool) -> str:
    kind = (declared or "text/plain").lower()
    if guess and kind == "text/html" and not _looks_like_html(text):
        return "text/plain"
    return kind


def _detail(construct: Any, text: str | None, guess: bool) -> dict[str, str]:
    return {"type": _kind(construct.type if construct is not None else None, text or "", guess)}


def _entry(entry: Any, atom: bool) -> dict[str, Any]:
    summary = entry.summary or ""
    authors = [{"name": person.name} for person in entry.authors or () if person.name]
    return {
        "id": entry.id or "",
        "link": entry.link or "",
        "title": entry.title or "",
        "title_detail": _detail(entry.title_detail, entry.title, guess=True),
        "summary": summary,
        "summary_detail": _detail(entry.summary_detail, summary, guess=atom),
        "content": [
            {"type": _kind(c.type, c.value or "", guess=atom), "value": c.value or ""}
            for c in entry.content or ()
        ],
        # feedparser's author is the first one (RSS readers meet itunes:author as a second).
        "author_detail": authors[0] if authors else None,
        "authors": authors,
        "author": entry.author or "",
        "published_parsed": entry.published_parsed,
        "updated_parsed": entry.updated_parsed,
    }

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
  the ``internal_links`` setting, applied when it is opened, whichever parser read the feed;
* text feedparser rewrites: Latin-1 text that is also valid UTF-8 (``Â¡``, which feedparser
  takes for double-encoded ``¡``) and C1 characters (which it maps to their Windows-1252
  letters);
* a text whose kind feedparser guesses from a tag this module does not know for sure to be in
  feedparser's list of HTML elements (``&lt;x &lt;b&gt;y&lt;/b&gt;`` is plain text to it: ``x``
  is no element it accepts).

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
from html.entities import entitydefs
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
# feedparser's test for "this text is HTML": a closing tag or an entity reference, every tag one
# of its HTML elements and every named entity one of HTML's.
_CLOSE_TAG = re.compile(r"</\w+>")
_ENTITY = re.compile(r"&#?\w+;")
_TAG_NAME = re.compile(r"</?(\w+)")
_NAMED_ENTITY = re.compile(r"&(\w+);")
# Elements feedparser's list of HTML elements holds (test_parse_fast checks this is a subset of
# it); a text with any other tag goes to feedparser, which alone decides.
_SURE_ELEMENTS = frozenset(
    {"a", "abbr", "b", "big", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div"}
    | {"dl", "dt", "em", "figcaption", "figure", "font", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "small", "span"}
    | {"strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr"}
    | {"tt", "u", "ul", "var", "section", "article", "aside", "header", "footer", "time"}
)
# Characters feedparser rewrites: C1 controls (to Windows-1252 letters).
_C1 = re.compile("[\x80-\x9f]")


class _Unsure(Exception):
    """feedparser may read this document otherwise: it goes to feedparser."""


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
    feed = result.feed
    try:
        entries = [_entry(e, atom) for e in result.entries]
        head = {
            "title": _text(feed.title),
            "title_detail": _detail(feed.title_detail, feed.title, guess=True, strict=not atom),
            "link": _text(feed.link),
        }
    except _Unsure:
        return None
    if any(not _has_date(e) for e in entries) and _DATE_ELEMENT.search(body):
        return None
    return head, entries


def _text(value: str | None) -> str:
    """A text as feedparser-rs read it, when feedparser would read it the same (else
    :class:`_Unsure`): feedparser takes Latin-1 text that is valid UTF-8 for double-encoded
    UTF-8 and decodes it again, and maps C1 controls to Windows-1252 letters."""
    if not value or value.isascii():
        return value or ""
    try:
        if value.encode("latin-1").decode("utf-8") != value:
            raise _Unsure
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    if _C1.search(value):
        raise _Unsure
    return value


def _dropped_link(entry: Any) -> bool:
    """A link or enclosure feedparser-rs read and then emptied (an internal address): its
    href is ""."""
    links = (*(entry.links or ()), *(entry.enclosures or ()))
    return any(not link.href for link in links)


def _has_date(entry: dict[str, Any]) -> bool:
    return bool(entry["published_parsed"] or entry["updated_parsed"])


def _looks_like_html(text: str, strict: bool) -> bool:
    """Whether a text is HTML: a closing tag or an entity; ``strict``, feedparser's whole guess
    for an RSS text (:class:`_Unsure` when only feedparser can tell)."""
    if not (_CLOSE_TAG.search(text) or _ENTITY.search(text)):
        return False
    if not strict:
        return True
    if any(name not in entitydefs for name in _NAMED_ENTITY.findall(text)):
        return False
    if any(name.lower() not in _SURE_ELEMENTS for name in _TAG_NAME.findall(text)):
        raise _Unsure
    return True


def _kind(declared: str | None, text: str, guess: bool, strict: bool = False) -> str:
    kind = (declared or "text/plain").lower()
    if guess and kind == "text/html" and not _looks_like_html(text, strict):
        return "text/plain"
    return kind


def _detail(construct: Any, text: str | None, guess: bool, strict: bool = False) -> dict[str, str]:
    declared = construct.type if construct is not None else None
    return {"type": _kind(declared, text or "", guess, strict)}


def _entry(entry: Any, atom: bool) -> dict[str, Any]:
    summary = _text(entry.summary)
    authors = [{"name": _text(person.name)} for person in entry.authors or () if person.name]
    return {
        "id": _text(entry.id),
        "link": _text(entry.link),
        "title": _text(entry.title),
        "title_detail": _detail(entry.title_detail, entry.title, guess=True, strict=not atom),
        "summary": summary,
        "summary_detail": _detail(entry.summary_detail, summary, guess=atom),
        "content": [
            {"type": _kind(c.type, c.value or "", guess=atom), "value": _text(c.value)}
            for c in entry.content or ()
        ],
        # feedparser's author is the first one (RSS readers meet itunes:author as a second).
        "author_detail": authors[0] if authors else None,
        "authors": authors,
        "author": _text(entry.author),
        "published_parsed": entry.published_parsed,
        "updated_parsed": entry.updated_parsed,
        # feedparser's keys: RSS <enclosure> and Atom link rel="enclosure" alike; the type is
        # normalised (and the URL resolved) by tui.core.enclosures, whichever parser read it.
        "enclosures": [
            {"href": e.href, "type": e.type, "length": e.length} for e in entry.enclosures or ()
        ],
        "itunes_duration": entry.itunes.duration if entry.itunes is not None else None,
    }

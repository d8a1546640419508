"""Feed bytes (+ response headers) to :class:`ParsedFeed`: feedparser (or, for the plain RSS 2.0 and
Atom documents it reads the same, feedparser-rs: :mod:`tui.core.parse_fast`), normalised and
sanitised.

Decoding is decided by :mod:`tui.core.decoding`, not left to feedparser's RFC 3023 rules (which
read an undeclared UTF-8 document as ISO-8859-1 whenever headers lack a Content-Type). The document
is handed to feedparser as UTF-8 bytes inside a stream, so feedparser never treats the input as a
file name or URL and never fetches anything (external entities are off in its SAX parser).
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

from tui.core import limits
from tui.core.dates import DateReader
from tui.core.decoding import decode_document, without_declaration
from tui.core.enclosures import read_enclosures
from tui.core.models import ParsedArticle, ParsedFeed
from tui.core.parse_fast import read_fast
from tui.core.text import clean_line, clean_text, html_to_text, is_safe_link
from tui.core.urls import check_feed_url

__all__ = ["discover_feed_links", "looks_like_feed", "parse_feed"]

# SAX messages that feedparser's loose parser recovers from completely.
_RECOVERABLE = ("undefined entity",)
# A numeric character reference long enough to name a surrogate or a code point past U+10FFFF
# (shorter ones are ordinary and cost no look).
_BIG_CHAR_REF = re.compile(rb"&#(?:[xX]0*([0-9A-Fa-f]{4,})|0*([0-9]{5,}));")
_REPLACEMENT_REF = b"&#xFFFD;"


def _legal_ref(match: re.Match[bytes]) -> bytes:
    hex_digits, digits = match.group(1), match.group(2)
    text = hex_digits or digits
    if len(text) > 8:
        return _REPLACEMENT_REF
    code = int(text, 16 if hex_digits else 10)
    legal = code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF)
    return match.group(0) if legal else _REPLACEMENT_REF


def _legal_char_refs(body: bytes) -> bytes:
    """References to characters no text may hold (a surrogate, past U+10FFFF) become U+FFFD:
    feedparser's loose parser raised on them, and one ``&#xD800;`` lost the whole feed."""
    return _BIG_CHAR_REF.sub(_legal_ref, body) if b"&#" in body else body


def _get(entry: Mapping[str, Any], key: str) -> Any:
    """Plain lookup (FeedParserDict maps some missing keys to others, with a warning)."""
    return dict.get(entry, key) if isinstance(entry, dict) else entry.get(key)


def _entry_date(entry: Mapping[str, Any], dates: DateReader) -> datetime | None:
    """The first of the published, updated and created dates that reads."""
    for key in ("published", "updated", "created"):
        raw = _get(entry, key)
        raw = raw if isinstance(raw, str) else ""
        parsed = _get(entry, f"{key}_parsed")
        if raw.strip() or parsed:
            value = dates.item_date(raw, parsed)
            if value is not None:
                return value
    return None


# Elements that never carry article text, dropped before storing; the full sanitiser runs at
# render time (tui.core.text), so this is a cheap first cut, not the safety boundary.
_ACTIVE_CONTENT = re.compile(
    r"<(script|style|iframe|object|embed|noscript|template)\b.*?(?:</\1\s*>|$)",
    re.IGNORECASE | re.DOTALL,
)


def _as_html(detail: Mapping[str, Any] | None, value: str) -> str:
    """Feed text as HTML: plain-text constructs are escaped, paragraphs kept."""
    value = clean_text(value or "").strip()
    if not value:
        return ""
    kind = str((detail or {}).get("type") or "text/html").lower()
    if "html" in kind:
        return _ACTIVE_CONTENT.sub("", value)
    paras = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    return "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paras)


def _plain(detail: Mapping[str, Any] | None, value: str) -> str:
    kind = str((detail or {}).get("type") or "text/plain").lower()
    if "html" in kind and "<" in (value or ""):
        value = html_to_text(value)
    return clean_line(value or "")


def _resolve(link: str, base: str) -> str:
    """An absolute, safe (http/https/mailto) URL, or "" when the link cannot be one."""
    link = clean_line(link).replace(" ", "%20")
    if not link:
        return ""
    try:
        if not urlsplit(link).scheme and base:
            link = urljoin(base, link)
    except ValueError:
        return ""
    return link if is_safe_link(link) else ""


def _content(entry: Mapping[str, Any]) -> str:
    best = ""
    for item in entry.get("content") or ():
        value = _as_html(item, str(item.get("value") or ""))
        if len(value) > len(best):
            best = value
    return best


# RSS authors are e-mail addresses, often with the name in brackets ("desk@example.com (Desk)").
_EMAIL_AND_NAME = re.compile(r"^\S+@\S+\s*\((.+)\)$|^(.+?)\s*\(\S+@\S+\)$")


def _author(entry: Mapping[str, Any]) -> str:
    detail = entry.get("author_detail") or {}
    name = detail.get("name") if isinstance(detail, Mapping) else None
    if not name:
        names = [a.get("name") for a in entry.get("authors") or () if isinstance(a, Mapping)]
        name = ", ".join(n for n in names if n) or entry.get("author") or ""
    name = clean_line(str(name))
    match = _EMAIL_AND_NAME.match(name)
    if match:
        name = (match.group(1) or match.group(2)).strip()
    return name[:300]


def _guid(raw: str, link: str, title: str, body: str) -> str:
    guid = clean_line(raw)
    if guid and len(guid) <= limits.GUID:
        return guid
    basis = guid or (f"{link}\n{title}" if (link or title) else body)
    return "sha1:" + hashlib.sha1(basis.encode("utf-8", "replace")).hexdigest()


def _articles(entries: Iterable[Mapping[str, Any]], base: str) -> tuple[ParsedArticle, ...]:
    seen: set[str] = set()
    out: list[ParsedArticle] = []
    dates = DateReader()
    for entry in entries:
        title = _plain(entry.get("title_detail"), str(entry.get("title") or ""))
        link = _resolve(str(entry.get("link") or ""), base)
        content = _content(entry)
        summary = _as_html(entry.get("summary_detail"), str(entry.get("summary") or ""))
        if summary and summary == content:
            summary = ""
        enclosures = read_enclosures(entry, lambda href: _resolve(href, base))
        if not (title or link or content or summary or enclosures):
            continue  # empty (e.g. an illegally nested <item/>)
        body = content or summary or (enclosures[0].url if enclosures else "")
        guid = _guid(str(entry.get("id") or ""), link, title, body)
        if guid in seen:
            continue
        seen.add(guid)
        out.append(
            ParsedArticle(
                guid=guid,
                link=link,
                title=title,
                author=_author(entry),
                published=_entry_date(entry, dates),
                summary_html=summary,
                content_html=content,
                enclosures=enclosures,
            )
        )
    return tuple(out)


def _error(result: Mapping[str, Any], count: int) -> str | None:
    import xml.sax

    if not result.get("bozo"):
        return None
    exc = result.get("bozo_exception")
    if not isinstance(exc, xml.sax.SAXException):
        return None
    message = clean_line(str(exc))
    if count and any(m in message.lower() for m in _RECOVERABLE):
        return None
    return f"malformed feed: {message}"[:300]


def _is_json(text: str) -> bool:
    head = text.lstrip()[:1]
    return head == "{"


def _parse_json_feed(text: str, url: str) -> ParsedFeed:
    """JSON Feed 1.x (feedparser 6 does not read it)."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return ParsedFeed(error=f"not a feed: invalid JSON ({clean_line(str(exc))[:120]})")
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        return ParsedFeed(error="not a feed: JSON without a JSON Feed version")
    site = _resolve(_json_text(doc.get("home_page_url")), url)
    base = site or url
    items = doc.get("items")
    entries: list[dict[str, Any]] = []
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, dict):
            continue
        authors = item.get("authors")
        if not isinstance(authors, list):
            authors = [item.get("author")]
        identifier = item.get("id")
        entry: dict[str, Any] = {
            # The spec: an id given as a number is read as its string.
            "id": str(identifier)
            if isinstance(identifier, int | float)
            else _json_text(identifier),
            "link": _json_text(item.get("url")) or _json_text(item.get("external_url")),
            "title": _json_text(item.get("title")),
            "title_detail": {"type": "text/plain"},
            "authors": [
                {"name": _json_text(a.get("name"))} for a in authors if isinstance(a, dict)
            ],
            "summary": _json_text(item.get("summary")),
            "summary_detail": {"type": "text/plain"},
            "published": _json_text(item.get("date_published"))
            or _json_text(item.get("date_modified")),
        }
        attachments = item.get("attachments")
        entry["enclosures"] = [
            {
                "href": _json_text(a.get("url")),
                "type": _json_text(a.get("mime_type")),
                "length": a.get("size_in_bytes"),
                "duration": a.get("duration_in_seconds"),
            }
            for a in (attachments if isinstance(attachments, list) else ())
            if isinstance(a, dict)
        ]
        if _json_text(item.get("content_html")):
            entry["content"] = [{"type": "text/html", "value": item["content_html"]}]
        elif _json_text(item.get("content_text")):
            entry["content"] = [{"type": "text/plain", "value": item["content_text"]}]
        entries.append(entry)
    return ParsedFeed(
        title=clean_line(_json_text(doc.get("title"))),
        site_url=site,
        articles=_articles(entries, base),
    )


def _json_text(value: Any) -> str:
    """A JSON Feed text field: a string, or "" for anything else (a list, a number, null)."""
    return value if isinstance(value, str) else ""


def parse_feed(
    data: bytes, *, url: str = "", headers: Mapping[str, str] | None = None
) -> ParsedFeed:
    """Parse one feed document. Never raises: a broken document gives ``error`` (and the items
    read before the break)."""
    try:
        return _parse(data, url, headers)
    except Exception as exc:  # noqa: BLE001 - hostile input must never crash a refresh
        return ParsedFeed(error=f"unreadable feed: {type(exc).__name__}")


def _parse(data: bytes, url: str, headers: Mapping[str, str] | None) -> ParsedFeed:
    if not data or not data.strip():
        return ParsedFeed(error="empty document")
    text = decode_document(data, headers)
    if _is_json(text):
        return _parse_json_feed(text, url)
    # Whitespace before the XML declaration makes a document not well-formed for no reason.
    body = _legal_char_refs(without_declaration(text))
    fast = read_fast(body)
    if fast is not None:
        result: Mapping[str, Any] = {"feed": fast[0], "entries": fast[1], "version": "fast"}
    else:
        result = _read_with_feedparser(body, headers)
    feed = result.get("feed") or {}
    site = _resolve(str(feed.get("link") or ""), url)
    base = site if site.startswith(("http://", "https://")) else url
    articles = _articles(result.get("entries") or (), base)
    error = _error(result, len(articles))
    if not articles and not result.get("version") and error is None:
        error = "not a feed: no RSS, RDF or Atom document found"
    return ParsedFeed(
        title=_plain(feed.get("title_detail"), str(feed.get("title") or "")),
        site_url=site,
        articles=articles,
        error=error,
    )


def _read_with_feedparser(body: bytes, headers: Mapping[str, str] | None) -> Mapping[str, Any]:
    import feedparser

    passed = {k: v for k, v in (headers or {}).items() if k.lower() not in {"content-type"}}
    passed["content-type"] = "application/xml; charset=utf-8"
    passed.pop("content-location", None)
    result: Mapping[str, Any] = feedparser.parse(
        io.BytesIO(body),
        response_headers=passed,
        # feedparser's own sanitiser and link resolver cost more than half of its parse time,
        # and the text layer does both when it renders (tui.core.text.html_to_markdown drops
        # scripts, styles, frames and event attributes and resolves links against the article).
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    return result


# --------------------------------------------------------------------------------------------
# Discovery
# --------------------------------------------------------------------------------------------

_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
        "application/x-atom+xml",
    }
)


# A page that advertises more feeds than this is no page to subscribe from: the rest are not read.
MAX_FEED_LINKS = 100


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base = ""
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and not self.base:
            self.base = values.get("href", "").strip()
        if tag != "link":
            return
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        href = values.get("href", "").strip()
        if (
            href
            and "alternate" in rels
            and kind in _FEED_TYPES
            and len(self.hrefs) < MAX_FEED_LINKS
        ):
            self.hrefs.append(href)


def discover_feed_links(html_doc: str | bytes, base_url: str) -> list[str]:
    """Feed URLs a web page advertises with ``<link rel="alternate" type="...rss/atom/json">``,
    absolute, in page order, without duplicates; the first :data:`MAX_FEED_LINKS` only."""
    if isinstance(html_doc, bytes):
        html_doc = html_doc.decode("utf-8", errors="replace")
    finder = _LinkFinder()
    try:
        finder.feed(html_doc[:2_000_000])
        finder.close()
    except Exception:  # noqa: BLE001 - html.parser on junk; keep what was found
        pass
    base = urljoin(base_url, finder.base) if finder.base else base_url
    out: dict[str, None] = {}  # ordered, and a constant-time "seen already?"
    for href in finder.hrefs:
        try:
            absolute = check_feed_url(urljoin(base, clean_line(href)))
        except ValueError:  # BadUrl too: one URL rule for every way a feed is subscribed
            continue
        out.setdefault(absolute)
    return list(out)


_FEED_ROOT = re.compile(
    r"<(?:[A-Za-z0-9_-]+:)?(rss|feed|RDF|channel)[\s>/]|\"version\"\s*:\s*\"https?://jsonfeed\.org"
)


def looks_like_feed(data: bytes) -> bool:
    """Cheap sniff of the first few KB: an RSS, RDF or Atom root element, or a JSON Feed."""
    if not data:
        return False
    text = decode_document(data[:4096]).lstrip("\ufeff \t\r\n")
    if text[:1] == "{":
        return bool(_FEED_ROOT.search(text))
    head = re.sub(r"<!--.*?-->|<\?.*?\?>|<!DOCTYPE[^>]*>", "", text, flags=re.S).lstrip()
    if head[:1] != "<":
        return False
    match = _FEED_ROOT.match(head)
    return match is not None

"""OPML 2.0 subscription lists in and out, folders from nested outlines (or ``category``).

Parsing refuses any DOCTYPE or ENTITY declaration (billion laughs, external entities) before the
tree is built: a subscription list never needs one. The document is decoded here (any label
Python knows, Shift_JIS included; an unknown one falls back to UTF-8), since expat reads no
multi-byte encoding. Feed URLs follow the one rule of :func:`tui.core.urls.check_feed_url`.

What :func:`write_opml` writes, :func:`parse_opml` reads back whole: folders are at most
:data:`tui.core.limits.FOLDER_DEPTH` deep (outlines nested deeper are imported into the deepest
folder kept), and the store's limits bound every attribute, so the copy kept beside the
database restores every subscription however large it grew.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.parsers import expat

from tui.core.decoding import decode_document, without_declaration
from tui.core.limits import FOLDER_DEPTH, folder_path
from tui.core.models import Subscription
from tui.core.text import clean_line
from tui.core.urls import BadUrl, check_feed_url

__all__ = ["MAX_OPML_BYTES", "OpmlError", "OpmlFeeds", "parse_opml", "read_opml", "write_opml"]

MAX_OPML_BYTES = 20_000_000  # an OPML file to import; the copy newsreader wrote has no limit


class OpmlError(ValueError):
    """The file is not a usable OPML document (the message is one line, for the user)."""


@dataclass(frozen=True)
class OpmlFeeds:
    """What an OPML document holds: its feeds, and how many of its entries were left out."""

    subscriptions: list[Subscription]
    unusable: int = 0  # an xmlUrl that is no http(s) feed URL
    duplicates: int = 0  # a feed an entry before it names already


class _Forbidden(Exception):
    pass


def _refuse(*_args: object) -> None:
    raise _Forbidden


def _check_declarations(data: bytes, blank_lines: int) -> None:
    """Stop at the first DOCTYPE/ENTITY declaration, before anything is expanded.

    ``data`` is the document as :func:`without_declaration` gave it: its own declaration line
    in place of the file's first line and of the ``blank_lines`` before it, so an error is
    said at the line of the file the user opens."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _Forbidden:
        raise OpmlError("refusing OPML with a DOCTYPE or ENTITY declaration") from None
    except expat.ExpatError as exc:
        line = max(exc.lineno - 1, 1) + blank_lines
        raise OpmlError(
            f"not well-formed XML at line {line}: {expat.ErrorString(exc.code)}"
        ) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _attr(el: ET.Element, name: str) -> str:
    for key, value in el.attrib.items():
        if _local(key) == name.lower():
            return value
    return ""


def _url(raw: str) -> str:
    """A feed or site URL by the one rule, or "" when the attribute holds none."""
    try:
        return check_feed_url(raw)
    except BadUrl:
        return ""


def _category_folders(category: str) -> tuple[str, ...]:
    """The folder path of OPML 2.0's ``category`` attribute: comma-separated, slash-delimited
    paths (``/World/Asia,/Tech``), of which a feed, having one folder, takes the first that
    names one. Lists that give folders this way, not by nesting, keep them."""
    for path in category.split(","):
        names = tuple(n for n in (clean_line(part) for part in path.split("/")) if n)
        if names:
            return names[:FOLDER_DEPTH]
    return ()


def _walk(body: ET.Element) -> Iterator[Subscription | None]:
    """Feeds in document order, without recursion (outlines may nest thousands deep); a
    feed's folder is the path of the outlines around it (else its ``category``'s), cut at
    FOLDER_DEPTH names. None
    for an outline whose xmlUrl is no feed URL (read as a folder, as one without). A feed's
    outline names no folder: the feeds some lists nest in it are in the folder it is in."""
    stack: list[tuple[Iterator[ET.Element], tuple[str, ...]]] = [(iter(body), ())]
    while stack:
        children, folders = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        if not isinstance(child.tag, str) or _local(child.tag) != "outline":
            continue
        xml_url = _attr(child, "xmlUrl")
        url = _url(xml_url)
        if url:
            title = clean_line(_attr(child, "title") or _attr(child, "text"))
            yield Subscription(
                url=url,
                title="" if title in (xml_url.strip(), url) else title,  # untitled: its URL
                folder="/".join(folders or _category_folders(_attr(child, "category"))),
                site_url=_url(_attr(child, "htmlUrl")),
            )
            if len(child):  # outlines inside a feed's own: feeds in the same folder
                stack.append((iter(child), folders))
            continue
        if xml_url.strip():
            yield None
        name = clean_line(_attr(child, "text") or _attr(child, "title")).replace("/", "-")
        if name and len(folders) < FOLDER_DEPTH:
            folders = (*folders, name)
        stack.append((iter(child), folders))


def parse_opml(data: bytes, *, max_bytes: int | None = MAX_OPML_BYTES) -> list[Subscription]:
    """Subscriptions of an OPML file, in file order, each URL once; ``folder`` is the path of
    enclosing outlines joined with ``/``. ``max_bytes``: None for a copy newsreader wrote."""
    return read_opml(data, max_bytes=max_bytes).subscriptions


def read_opml(data: bytes, *, max_bytes: int | None = MAX_OPML_BYTES) -> OpmlFeeds:
    """:func:`parse_opml`, with the count of the entries it left out."""
    if not data or not data.strip():
        raise OpmlError("empty OPML file")
    if max_bytes is not None and len(data) > max_bytes:
        raise OpmlError(f"OPML file larger than {max_bytes // 1_000_000} MB")
    text = decode_document(data)
    blank_lines = text[: len(text) - len(text.lstrip("\ufeff \t\r\n"))].count("\n")
    data = without_declaration(text)
    _check_declarations(data, blank_lines)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"not well-formed XML: {clean_line(str(exc))}") from None
    if _local(root.tag) != "opml":
        raise OpmlError(f"not an OPML document (root element is <{_local(root.tag)[:40]}>)")
    body = next((c for c in root if isinstance(c.tag, str) and _local(c.tag) == "body"), None)
    if body is None:
        raise OpmlError("not an OPML document (no <body>)")
    seen: set[str] = set()
    out: list[Subscription] = []
    unusable = duplicates = 0
    for sub in _walk(body):
        if sub is None:
            unusable += 1
        elif sub.url in seen:
            duplicates += 1
        else:
            seen.add(sub.url)
            out.append(sub)
    return OpmlFeeds(out, unusable, duplicates)


def write_opml(subs: Iterable[Subscription], title: str = "newsreader subscriptions") -> str:
    """An OPML 2.0 document; folders (``a/b``) become nested outlines, in first-seen order."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = clean_line(title)
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {(): body}

    def folder_el(path: tuple[str, ...]) -> ET.Element:
        if path not in folders:
            parent = folder_el(path[:-1])
            folders[path] = ET.SubElement(parent, "outline", text=path[-1], title=path[-1])
        return folders[path]

    for sub in subs:
        path = tuple(name for name in folder_path(sub.folder).split("/") if name)
        # OPML wants a text for every outline: an untitled feed has its URL there, which
        # parse_opml reads as no title (so its first fetch still names it).
        attrs = {"type": "rss", "text": clean_line(sub.title) or clean_line(sub.url)}
        if clean_line(sub.title):
            attrs["title"] = clean_line(sub.title)
        attrs["xmlUrl"] = clean_line(sub.url)
        if sub.site_url:
            attrs["htmlUrl"] = clean_line(sub.site_url)
        ET.SubElement(folder_el(path), "outline", attrs)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

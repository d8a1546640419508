"""OPML 2.0 subscription lists in and out, folders from nested outlines.

Parsing refuses any DOCTYPE or ENTITY declaration (billion laughs, external entities) before the
tree is built: a subscription list never needs one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from xml.parsers import expat

from tui.core.models import Subscription
from tui.core.text import clean_line

__all__ = ["OpmlError", "parse_opml", "write_opml"]

_MAX_BYTES = 20_000_000
_MAX_DEPTH = 64


class OpmlError(ValueError):
    """The file is not a usable OPML document (the message is one line, for the user)."""


class _Forbidden(Exception):
    pass


def _refuse(*_args: object) -> None:
    raise _Forbidden


def _check_declarations(data: bytes) -> None:
    """Stop at the first DOCTYPE/ENTITY declaration, before anything is expanded."""
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
        raise OpmlError(f"not well-formed XML: {expat.ErrorString(exc.code)}") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _attr(el: ET.Element, name: str) -> str:
    for key, value in el.attrib.items():
        if _local(key) == name.lower():
            return value
    return ""


def _feed_url(raw: str) -> str:
    url = clean_line(raw)
    if url.lower().startswith("feed://"):
        url = "http://" + url[len("feed://") :]
    elif url.lower().startswith("feed:"):
        url = url[len("feed:") :]
    return url if url.lower().startswith(("http://", "https://")) else ""


def _walk(el: ET.Element, folders: tuple[str, ...], depth: int) -> Iterator[Subscription]:
    if depth > _MAX_DEPTH:
        return
    for child in el:
        if not isinstance(child.tag, str) or _local(child.tag) != "outline":
            continue
        name = clean_line(_attr(child, "text") or _attr(child, "title")).replace("/", "-")
        url = _feed_url(_attr(child, "xmlUrl"))
        if url:
            yield Subscription(
                url=url,
                title=clean_line(_attr(child, "title") or _attr(child, "text")),
                folder="/".join(folders),
                site_url=_safe_site(_attr(child, "htmlUrl")),
            )
            continue
        yield from _walk(child, (*folders, name) if name else folders, depth + 1)


def _safe_site(raw: str) -> str:
    url = clean_line(raw)
    return url if url.lower().startswith(("http://", "https://")) else ""


def parse_opml(data: bytes) -> list[Subscription]:
    """Subscriptions of an OPML file, in file order, each URL once; ``folder`` is the path of
    enclosing outlines joined with ``/``."""
    if not data or not data.strip():
        raise OpmlError("empty OPML file")
    if len(data) > _MAX_BYTES:
        raise OpmlError("OPML file too large")
    _check_declarations(data)
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
    for sub in _walk(body, (), 0):
        if sub.url not in seen:
            seen.add(sub.url)
            out.append(sub)
    return out


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
        path = tuple(p for p in (clean_line(x) for x in sub.folder.split("/")) if p)
        attrs = {
            "type": "rss",
            "text": clean_line(sub.title) or clean_line(sub.url),
            "title": clean_line(sub.title) or clean_line(sub.url),
            "xmlUrl": clean_line(sub.url),
        }
        if sub.site_url:
            attrs["htmlUrl"] = clean_line(sub.site_url)
        ET.SubElement(folder_el(path), "outline", attrs)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

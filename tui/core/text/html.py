"""Feed HTML to Markdown for the body pane, or to plain text, treating it as hostile.

Feed HTML never reaches the Markdown renderer as raw HTML or as a Markdown link: links are
replaced by numbered references ``[N]`` whose targets are returned separately (only http, https
and mailto survive); scripts, frames, forms, hidden elements and tracking pixels are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from tui.core.text.boilerplate import line_key, strip_lines, tidy
from tui.core.text.sanitise import clean_line, clean_text, is_safe_link

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

__all__ = ["RenderedBody", "html_to_markdown", "html_to_text", "markdown_as_text"]

_WS = re.compile(r"\s+")

_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "select",
        "option",
        "textarea",
        "noscript",
        "template",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "source",
        "track",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "nav",
        "dialog",
        "map",
        "param",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "tr",
        "ul",
    }
)

_LINK_MARK = "\ue000"
_IMAGE_MARK = "\ue001"
_MARK_END = "\ue002"
_PLACEHOLDER = re.compile(f"([{_LINK_MARK}{_IMAGE_MARK}])(\\d+){_MARK_END}")
_MARKS = re.compile(f"[{_LINK_MARK}{_IMAGE_MARK}{_MARK_END}]")
_MAX_HTML = 2_000_000


@dataclass(frozen=True)
class RenderedBody:
    """Markdown safe to render, and the targets of its numbered ``[N]`` references."""

    markdown: str
    links: tuple[str, ...]


def _soup(html: str) -> BeautifulSoup:
    """Parse and pre-clean: dangerous and invisible elements, comments and attributes gone."""
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
    from bs4.element import CData

    html = _MARKS.sub("", clean_text(html[:_MAX_HTML]))
    soup = BeautifulSoup(html, "lxml")
    for node in soup.find_all(string=True):
        if isinstance(node, Comment | Doctype | Declaration | ProcessingInstruction | CData):
            node.extract()
    for tag in soup.find_all(list(_DROP_TAGS)):
        tag.decompose()
    for tag in soup.find_all(style=re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")):
        tag.decompose()
    for tag in soup.find_all(hidden=True):
        tag.decompose()
    for tag in soup.find_all(class_=re.compile(r"^(feedflare|mf-viral|share-?buttons?)$")):
        tag.decompose()
    return soup


# Images that are counters, not pictures: tracking pixels, FeedBurner flare and beacons.
_TRACKER_SRC = re.compile(
    r"pixel|tracking|beacon|/~r/|/~ff/|feeds\.feedburner\.com|feedsportal|doubleclick|stats\.wp",
    re.IGNORECASE,
)


def _is_pixel(img: Tag) -> bool:
    if not img.get("alt") and _TRACKER_SRC.search(str(img.get("src") or "")):
        return True
    for attr in ("width", "height"):
        value = str(img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 1:
            return True
    return False


def _alt(img: Tag) -> str:
    alt = clean_line(str(img.get("alt") or img.get("title") or ""))
    return alt.replace("[", "(").replace("]", ")").replace("\\", "/")[:200]


class _Collector:
    """Gathers link targets and image alts met while converting, as numbered placeholders."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.links: list[str] = []
        self.images: list[str] = []

    def link(self, href: str) -> str | None:
        href = clean_text(href).strip()
        if not href or href.startswith("#"):
            return None
        try:
            url = urljoin(self.base_url, href) if self.base_url else href
        except ValueError:
            return None
        if not is_safe_link(url):
            return None
        self.links.append(url)
        return f"{_LINK_MARK}{len(self.links) - 1}{_MARK_END}"

    def image(self, img: Tag) -> str:
        if _is_pixel(img):
            return ""
        self.images.append(_alt(img))
        return f"{_IMAGE_MARK}{len(self.images) - 1}{_MARK_END}"


def _converter(collector: _Collector) -> Any:
    from markdownify import MarkdownConverter

    class Converter(MarkdownConverter):
        def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
            text = text.strip()
            mark = collector.link(str(el.get("href") or ""))
            if mark is None or "_noformat" in parent_tags:
                return f" {text} " if text else ""
            return f" {text} {mark} " if text else ""

        def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
            return collector.image(el)

        def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
            text = text.strip("\n")
            if not text.strip():
                return ""
            longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
            fence = "`" * max(3, longest + 1)
            return f"\n\n{fence}\n{text}\n{fence}\n\n"

    return Converter(
        heading_style="ATX",
        bullets="-",
        escape_misc=True,
        escape_asterisks=True,
        escape_underscores=True,
        strip_document="strip",
        newline_style="backslash",
    )


def _without_placeholders(line: str) -> str:
    return _PLACEHOLDER.sub("", line)


def _md_key(line: str) -> str:
    return line_key(_without_placeholders(line).replace("\\", ""))


def _number(markdown: str, collector: _Collector) -> RenderedBody:
    """Replace placeholders by ``[N]`` / ``[image: alt]``, numbering links in reading order."""
    numbers: dict[str, int] = {}
    links: list[str] = []

    def repl(m: re.Match[str]) -> str:
        index = int(m.group(2))
        if m.group(1) == _IMAGE_MARK:
            alt = collector.images[index]
            return f"[image: {alt}]" if alt else "[image]"
        url = collector.links[index]
        if url not in numbers:
            links.append(url)
            numbers[url] = len(links)
        return f"[{numbers[url]}]"

    return RenderedBody(markdown=_PLACEHOLDER.sub(repl, markdown), links=tuple(links))


def html_to_markdown(html: str, base_url: str = "") -> RenderedBody:
    """Sanitised Markdown for the body pane: no raw HTML, no Markdown links; link targets
    numbered ``[N]`` (``links[N-1]``), images as ``[image: alt]``, boilerplate tails cut."""
    if not html or not html.strip():
        return RenderedBody("", ())
    collector = _Collector(base_url)
    try:
        soup = _soup(html)
        markdown = str(_converter(collector).convert_soup(soup))
    except RecursionError:
        # Pathologically deep markup: fall back to escaped plain text.
        collector = _Collector(base_url)
        markdown = _escape_plain(html_to_text(html))
    lines = strip_lines(_tidy_lines(markdown.split("\n")), _md_key, _without_placeholders)
    body = _number("\n".join(lines), collector)
    return RenderedBody(tidy(clean_text(body.markdown)), body.links)


def _tidy_lines(lines: list[str]) -> list[str]:
    """Outside code fences: drop the stray single space inline conversion leaves at a line
    start, and runs of spaces inside a line (indentation of nested lists is kept)."""
    out: list[str] = []
    fence = ""
    for line in lines:
        stripped = line.strip()
        if fence:
            if stripped == fence:
                fence = ""
            out.append(line)
            continue
        if stripped.startswith("```"):
            fence = stripped
            out.append(line)
            continue
        line = re.sub(r"^ (?=\S)", "", line.rstrip())
        out.append(re.sub(r"(?<=\S) {2,}(?=\S)", " ", line))
    return out


# A code span (kept as it is) or a backslash escape of ASCII punctuation (the character kept).
_SPAN_OR_ESCAPE = re.compile(r"(`+).*?\1|\\([!-/:-@\[-`{-~])")


def markdown_as_text(markdown: str) -> str:
    """:func:`html_to_markdown`'s Markdown to read as text (``newsreader show``): without the
    backslashes that keep punctuation from reading as Markdown (``Geneva \\| Trade``,
    ``August 1\\.``) nor those that end a line at a hard break; code as it is."""
    out: list[str] = []
    fence = ""
    for line in markdown.split("\n"):
        stripped = line.strip()
        if fence or stripped.startswith("```"):
            fence = "" if stripped == fence else fence or stripped
            out.append(line)
            continue
        if (len(line) - len(line.rstrip("\\"))) % 2:  # an odd run: the last is a hard break
            line = line[:-1]
        out.append(_SPAN_OR_ESCAPE.sub(lambda m: m.group(2) or m.group(0), line))
    return "\n".join(out)


def _escape_plain(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~&-])", r"\\\1", text)


def _events(root: Tag) -> Iterator[tuple[Any, bool]]:
    """Depth-first (node, entering) events without recursion (deep markup is common in junk)."""
    from bs4 import Tag as TagType

    stack: list[tuple[Any, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        yield node, entering
        if entering and isinstance(node, TagType):
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(list(node.children)))


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block (blank line between), table rows
    as ``cell | cell``, no images, link text only."""
    if not html or not html.strip():
        return ""
    from bs4.element import NavigableString, Tag

    soup = _soup(html)
    blocks: list[str] = []
    buf: list[str] = []
    pre_depth = 0

    def flush() -> None:
        text = "".join(buf)
        buf.clear()
        lines = [_WS.sub(" ", ln).strip() for ln in text.split("\n")]
        para = "\n".join(ln for ln in lines if ln)
        if para:
            blocks.append(para)

    for node, entering in _events(soup):
        if isinstance(node, NavigableString):
            if entering:
                text = str(node)
                buf.append(text if pre_depth else _WS.sub(" ", text))
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name == "br":
            if entering:
                buf.append("\n")
        elif name in ("td", "th"):
            if not entering:
                buf.append(" | ")
        elif name == "pre":
            pre_depth += 1 if entering else -1
            flush()
        elif name == "tr":
            if not entering:
                text = "".join(buf).strip()
                buf.clear()
                buf.append(text.removesuffix("|").strip())
            flush()
        elif name in _BLOCK_TAGS:
            flush()
        elif name == "img" and entering:
            buf.append(" ")
    flush()
    return clean_text("\n\n".join(blocks))

"""Untrusted text made safe: control characters, HTML to Markdown/plain text, boilerplate tails.

Everything here treats its input as hostile. Feed text never reaches the terminal as escape
sequences or bidi tricks, and feed HTML never reaches the Markdown renderer as raw HTML or as a
Markdown link: links are replaced by numbered references ``[N]`` whose targets are returned
separately (only http, https and mailto survive).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag

    from tui.core.models import Article

__all__ = [
    "RenderedBody",
    "article_text",
    "clean_line",
    "clean_text",
    "html_to_markdown",
    "html_to_text",
    "is_safe_link",
    "reading_minutes",
    "strip_boilerplate",
]

# --------------------------------------------------------------------------------------------
# Control characters and escape sequences
# --------------------------------------------------------------------------------------------

# ESC- or C1-introduced control strings (OSC, DCS, SOS, PM, APC) carry a payload up to a string
# terminator (BEL, ESC \ or ST); an unterminated one swallows the rest of its line.
_CONTROL_STRING = re.compile(
    r"(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x9c\n]*?(?:\x07|\x1b\\|\x9c|(?=\n)|\Z)",
    re.DOTALL,
)
# CSI sequences: ESC [ or the 8-bit CSI, parameters, intermediates, one final byte.
_CSI = re.compile(r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?")
# Other two- or three-byte escapes (charset selection, keypad modes, ...).
_ESC_OTHER = re.compile(r"\x1b[\x20-\x2f]*[\x30-\x7e]?")

_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c"  # arabic letter mark
    "\u180e"  # mongolian vowel separator
    "\u200b"  # zero width space
    "\u200e\u200f"  # LRM, RLM
    "\u202a-\u202e"  # LRE RLE PDF LRO RLO
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # LRI RLI FSI PDI
    "\ufeff"  # BOM / zero width no-break space
    "\ufff9-\ufffb"  # interlinear annotation
    "\ufffe\uffff"
)
# C0 except \t and \n, DEL, C1, invisible/bidi characters, surrogates, private-use markers we
# tag characters.
_STRIP = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + _INVISIBLE + "\ud800-\udfff]|[\U000e0000-\U000e007f]"
)
_ESCAPE_START = re.compile("[\x1b\x80-\x9f]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_WS = re.compile(r"\s+")


def clean_text(s: str) -> str:
    """Remove control characters (keeping ``\\n`` and ``\\t``), escape sequences with their
    payloads, bidi controls and zero-width tricks; normalise newlines and NFC."""
    if not s:
        return ""
    # Every character removed or changed below is non-printable (controls, format and bidi
    # characters, separators, surrogates): text that is printable apart from newlines and
    # tabs, and already NFC, is returned as it is (a C-speed check; the full path takes
    # several regex passes over a feed's every summary and body).
    if s.replace("\n", "").replace("\t", "").isprintable() and unicodedata.is_normalized("NFC", s):
        return s
    s = _NEWLINES.sub("\n", s)
    if _ESCAPE_START.search(s):
        s = _CONTROL_STRING.sub("", s)
        s = _CSI.sub("", s)
        s = _ESC_OTHER.sub("", s)
    s = _STRIP.sub("", s)
    s = unicodedata.normalize("NFC", s)
    # NFC never introduces controls, but be certain the invariant holds.
    return _STRIP.sub("", s)


def clean_line(s: str) -> str:
    """:func:`clean_text`, then every run of whitespace (newlines included) becomes one space."""
    return _WS.sub(" ", clean_text(s)).strip()


_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_safe_link(url: str) -> bool:
    """True only for absolute http(s) URLs with a host, and mailto: links, free of controls."""
    if not url or len(url) > 8192:
        return False
    if any(c.isspace() or c in "<>\"'`" for c in url) or _STRIP.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme not in _SAFE_SCHEMES:
        return False
    if scheme == "mailto":
        return len(url) > len("mailto:")
    return bool(parts.hostname)


# --------------------------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------------------------

# A line that is only one of these starts a tail (or an inline box) of teasers.
_TAIL_MARKERS = frozenset(
    {
        "you may also like",
        "you might also like",
        "related",
        "related articles",
        "related stories",
        "related news",
        "related content",
        "related coverage",
        "related links",
        "related posts",
        "read more",
        "read more stories",
        "read next",
        "most read",
        "most popular",
        "most viewed",
        "also read",
        "also see",
        "see also",
        "more from this section",
        "more stories",
        "more on this story",
        "recommended",
        "recommended for you",
        "trending",
        "trending now",
        "don't miss",
        "top stories",
    }
)
# A line made only of one of these is dropped wherever it appears.
_AD_LINES = frozenset(
    {
        "advertisement",
        "advertisements",
        "advert",
        "ad",
        "sponsored",
        "sponsored content",
        "story continues below",
        "story continues below advertisement",
        "article continues below",
        "article continues below advertisement",
        "continue reading below",
        "continue reading the main story",
        "skip advertisement",
        "scroll to continue with content",
    }
)
# "Also read: Some headline" on one line is a single-line teaser.
_INLINE_TEASER = re.compile(
    r"^(?:also read|read more|read also|see also|related|you may also like|also see|read next)"
    r"\s*[:|\-\u2013\u2014\u00bb>]\s*\S",
    re.IGNORECASE,
)
_MARKER_TRIM = re.compile(r"^[\s#>*_\-+\\|.\u2022\u00bb\u203a]+|[\s:*_\\|.\u2026\u00bb\u203a>]+$")
# A teaser headline is short and is a single sentence at most.
_TEASER_MAX = 160


def _key(line: str) -> str:
    return _MARKER_TRIM.sub("", line).casefold().replace("\u2019", "'")


def _is_teaser(line: str) -> bool:
    """A teaser headline: short, one line, not a sentence ending in a full stop."""
    body = _PLACEHOLDER.sub("", line).strip().rstrip("\"'\u201d\u2019)").rstrip()
    return len(body) <= _TEASER_MAX and not body.endswith(".")


def _strip_lines(lines: list[str], key: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        k = key(line)
        if k in _AD_LINES:
            i += 1
            continue
        if k in _TAIL_MARKERS:
            # Skip the teaser block that follows: short headline lines (and blanks) up to the
            # next real paragraph. A block that runs to the end is a tail and goes entirely.
            j = i + 1
            while j < n and (not lines[j].strip() or _is_teaser(lines[j])):
                j += 1
            i = j
            continue
        if _INLINE_TEASER.match(k) and _is_teaser(line):
            i += 1
            continue
        out.append(line)
        i += 1
    return out


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def strip_boilerplate(text: str) -> str:
    """Remove teaser tails ("You may also like" + headlines), in-body teaser boxes and lone
    advertisement lines. Paragraphs of the article itself are kept."""
    if not text:
        return ""
    return _tidy("\n".join(_strip_lines(text.split("\n"), _key)))


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

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


def _md_key(line: str) -> str:
    line = _PLACEHOLDER.sub("", line).replace("\\", "")
    return _key(line)


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
    lines = _strip_lines(_tidy_lines(markdown.split("\n")), _md_key)
    body = _number("\n".join(lines), collector)
    return RenderedBody(_tidy(clean_text(body.markdown)), body.links)


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


def article_text(article: Article) -> str:
    """The text extraction runs on: the fetched full text when present, else the feed HTML."""
    text = article.full_text if article.full_text else html_to_text(article.best_html)
    return clean_text(strip_boilerplate(text))


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|\d+", re.UNICODE)
_WORDS_PER_MINUTE = 230
_CJK_CHARS_PER_MINUTE = 500


def reading_minutes(text: str) -> int:
    """Minutes to read ``text`` (at least 1 for any text, 0 for none)."""
    if not text or not text.strip():
        return 0
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    minutes = words / _WORDS_PER_MINUTE + cjk / _CJK_CHARS_PER_MINUTE
    return max(1, math.ceil(minutes))

"""Plain text for the search index: tags stripped, entities decoded, whitespace tidied.

Deliberately not ``tui.core.text.html_to_text``: that builds a full parse tree for display
(about 1 ms per article), while the index only needs the words; this is ~50x cheaper, which is
what a cold refresh of hundreds of feeds spends its time on otherwise.
"""

from __future__ import annotations

import html
import re

from tui.core.text.reading import CJK

_DROP = re.compile(
    r"<(script|style|template|noscript)\b.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[|\]\]>",
    re.IGNORECASE | re.DOTALL,
)
# Strings one of which every _DROP match contains: a cheap test that spares most bodies the regex.
_DROP_MARKERS = ("<script", "<style", "<template", "<noscript", "<!", "]]>")
_BREAK = re.compile(
    r"<\s*(?:br|hr|/?p|/?div|/?li|/?h[1-6]|/?tr|/?td|/?th|/?blockquote|/?section)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """The words of feed HTML (or of plain text), one line per block; never raises."""
    if not markup:
        return ""
    lowered = markup.lower()
    if any(marker in lowered for marker in _DROP_MARKERS):
        markup = _DROP.sub(" ", markup)
    text = markup
    text = _BREAK.sub("\n", text)
    text = html.unescape(_TAG.sub(" ", text))
    # str.split() collapses each line's whitespace runs and trims it in C; a regex for
    # "whitespace but not newline" was most of the cost of storing an article.
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# Han, kana and hangul are written without spaces, so the unicode61 tokenizer would index a
# whole sentence as one token. Spacing each such character out makes every one a token; the
# query side (tui.store.fts) spaces terms the same way and searches them as phrases.
def index_form(text: str) -> str:
    """``text`` as stored in (and searched against) the FTS index."""
    return CJK.sub(r" \g<0> ", text)


def index_body(content_html: str, summary_html: str) -> str:
    """The indexed body of an article without full text (``schema.index_text`` with none):
    also computed by parse workers, so the thread that writes does not have to."""
    return index_form(plain_text(content_html or summary_html))

"""An article as text to read: the text the extractors read, and the minutes a person takes."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from tui.core.text.boilerplate import strip_boilerplate
from tui.core.text.html import html_to_text
from tui.core.text.sanitise import clean_text

if TYPE_CHECKING:
    from tui.core.models import Article

__all__ = ["CJK", "article_text", "reading_minutes"]


def article_text(article: Article) -> str:
    """The text extraction runs on: the fetched full text when present, else the feed HTML."""
    text = article.full_text if article.full_text else html_to_text(article.best_html)
    return clean_text(strip_boilerplate(text))


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
"""A character of kana, Han or hangul, scripts written without spaces between words. One
pattern for the reading time and the search index (tui.store.text): compiling it takes 5-10 ms
of every start."""
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|\d+", re.UNICODE)
_WORDS_PER_MINUTE = 230
_CJK_CHARS_PER_MINUTE = 500


def reading_minutes(text: str) -> int:
    """Minutes to read ``text`` (at least 1 for any text, 0 for none)."""
    if not text or not text.strip():
        return 0
    cjk = len(CJK.findall(text))
    words = len(_WORD.findall(CJK.sub(" ", text)))
    minutes = words / _WORDS_PER_MINUTE + cjk / _CJK_CHARS_PER_MINUTE
    return max(1, math.ceil(minutes))

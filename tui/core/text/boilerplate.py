"""Boilerplate cut from article text: teaser tails ("You may also like" and headlines), teaser
boxes inside the body and lone advertisement lines. The article's own paragraphs are kept."""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["line_key", "strip_boilerplate", "strip_lines", "tidy"]

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


def line_key(line: str) -> str:
    """What a line says, for the marker lists: without list bullets, quote marks or a trailing
    colon, case-folded."""
    return _MARKER_TRIM.sub("", line).casefold().replace("\u2019", "'")


def _same(line: str) -> str:
    return line


def _is_teaser(line: str) -> bool:
    """A teaser headline: short, one line, not a sentence ending in a full stop."""
    body = line.strip().rstrip("\"'\u201d\u2019)").rstrip()
    return len(body) <= _TEASER_MAX and not body.endswith(".")


def strip_lines(
    lines: list[str], key: Callable[[str], str], shown: Callable[[str], str] = _same
) -> list[str]:
    """``lines`` without boilerplate; ``key`` gives what a line says (:func:`line_key`, or one
    that also drops markup first), ``shown`` what a reader sees of it (without placeholders)."""
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
            while j < n and (not lines[j].strip() or _is_teaser(shown(lines[j]))):
                j += 1
            i = j
            continue
        if _INLINE_TEASER.match(k) and _is_teaser(shown(line)):
            i += 1
            continue
        out.append(line)
        i += 1
    return out


def tidy(text: str) -> str:
    """No trailing blanks on a line, no more than one empty line in a row, nothing around."""
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def strip_boilerplate(text: str) -> str:
    """Remove teaser tails ("You may also like" + headlines), in-body teaser boxes and lone
    advertisement lines. Paragraphs of the article itself are kept."""
    if not text:
        return ""
    return tidy("\n".join(strip_lines(text.split("\n"), line_key)))

"""A small English sentence splitter that keeps offsets into the original text.

Good enough for news prose: it knows common abbreviations ("U.S.", "Aug.", "Mr."), decimals,
closing quotes after the full stop, a stop that lost its space ("Huawei.Beijing"), numbered
list items ("1. Laos — 40%"), and treats each line break as a paragraph boundary unless the
next line plainly continues the sentence (starts lower-case). A Markdown table row (a line
that opens with "|") is one unit, whatever full stops its cells hold.
"""

from __future__ import annotations

import re

__all__ = ["MAX_SENTENCE", "at_line_start", "split_sentences"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Tokens that end with a full stop without ending a sentence (compared lower-cased, no dot).
_ABBREVIATIONS = _wordset(
    """
    mr mrs ms dr prof st sen rep gov gen col lt sgt capt cmdr adm maj pres supt insp
    jr sr inc corp co ltd llc plc bros no nos vs etc approx est dept univ ave blvd rd mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    a.m p.m e.g i.e u.s u.k u.n e.u u.s.a u.a.e d.c n.y l.a s.k no.1
    """
)
# Words after which "U.S." at a line's end still most likely closes the sentence.
_SENTENCE_STARTERS = _wordset(
    """
    The A An It He She They We I In On At But And Or So This That These Those There Its His Her
    Their Our Meanwhile However Still Yet Some Many Most Others Officials After Before When While
    As If Since Although Though
    """
)
# A stop before white space, or one glued to the next sentence's first word ("to Huawei.Beijing
# said"), which a copy that lost its space leaves: a word of three lower-case letters before it
# and a capitalised word after (not "U.S.Trade", "Mr.Smith").
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|(?<=[a-z]{3})\.(?=[A-Z][a-z]{2})")
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]*)(\S+)")
_WORD_BEFORE = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence, stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    for line_start, line_end in _lines(text):
        pos = line_start
        if text.startswith("|", line_start) or text[line_start:line_end].lstrip().startswith("|"):
            _append(text, spans, pos, line_end)
            continue
        for match in _END.finditer(text, line_start, line_end):
            end = match.end()
            if not _is_boundary(text, match.start(), end, line_end):
                continue
            _append(text, spans, pos, end)
            pos = end
        _append(text, spans, pos, line_end)
    if not spans and text.strip():
        _append(text, spans, 0, n)
    return _bounded(text, spans)


# No news sentence is this long; text that runs on without a full stop (a list flattened into
# one line, or a hostile feed) is cut into pieces of about this size, so what reads a sentence
# (the tariff reader scans it once per rate it holds) does bounded work per piece.
MAX_SENTENCE = 2_000


def _bounded(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if all(end - start <= MAX_SENTENCE for start, end in spans):
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut if cut > start else start + MAX_SENTENCE
            _append(text, out, start, cut)
            start = cut
        _append(text, out, start, end)
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """Paragraph-ish blocks: split at line breaks unless the next line starts lower-case."""
    blocks: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\n", text):
        nxt = text[match.end() : match.end() + 1]
        if nxt.islower():
            continue
        blocks.append((start, match.start()))
        start = match.end()
    blocks.append((start, len(text)))
    return blocks


def at_line_start(text: str, start: int) -> bool:
    """Only white space between the start of ``start``'s line and ``start``. It walks back over
    that white space alone: a search back for the line break cost a pass over a text of one
    long line for each of its sentences (minutes for a few megabytes)."""
    while start > 0 and text[start - 1] != "\n" and text[start - 1].isspace():
        start -= 1
    return start == 0 or text[start - 1] == "\n"


def _is_boundary(text: str, stop: int, end: int, line_end: int) -> bool:
    if text[stop] != ".":
        return True
    word_match = _WORD_BEFORE.search(text, max(0, stop - 40), stop)
    raw = word_match.group(1).lstrip("\"'“‘([") if word_match else ""
    word = raw.lower()
    nxt = _NEXT_START.match(text, end, line_end)
    if nxt is None:
        return True
    next_word = nxt.group(2)
    if raw.isdigit() and len(raw) <= 3 and at_line_start(text, stop - len(raw)):
        return False  # "1. Laos — 40%": the number of a list item opens its line
    if not (next_word[:1].isupper() or next_word[:1].isdigit() or nxt.group(1)):
        return False  # "... e.g. lower case" or a decimal-like continuation
    if word in _ABBREVIATIONS:
        if word in {"u.s", "u.k", "u.n", "e.u", "u.s.a", "u.a.e", "d.c", "etc", "inc", "co"}:
            # "... tariffs on the U.S. The move ..." ends a sentence; "U.S. President" does not.
            return next_word.strip("\"'“‘(") in _SENTENCE_STARTERS
        return False
    # Single capital initials ("Donald J. Trump").
    return not (len(raw) == 1 and raw.isalpha() and raw.isupper())


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))

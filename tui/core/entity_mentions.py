"""Whether a text names an entity, not merely its word: "New Mexico" and "Mexico City" do not
name Mexico, "Bank of Mexico" is an organisation, and "us" is not the United States.

For texts whose entities were never extracted (the entity pivot checks them one by one). The
entity's names are matched case-sensitively as whole words. An occurrence with no capitalised
word and no name particle ("of", "and", ...) beside it is a mention of its own and counts at
once: most are like that. The others may be part of a longer name, so the entity extractor
reads the occurrence's sentence (tens of microseconds, where the whole text would take
milliseconds): the occurrence counts when the extractor finds the entity's name there, and not
when it finds it inside a longer name; when the extractor finds no name there at all, a
capitalised neighbour makes it part of a longer name ("the Gulf of Mexico"). The label is not
compared: one sentence read alone may not tell a company from a person as the whole text did.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tui.core.entities import extract_entities
from tui.core.models import Entity

__all__ = ["names_entity"]

_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_REACH = 300  # characters read at most on either side of an occurrence
_MAX_OCCURRENCES = 20  # occurrences read per text before giving up
# The word before and the word after an occurrence (across one space).
_BEFORE = re.compile(r"([^\W\d_][\w'’.&-]*)[ \u00a0]\Z")
_AFTER = re.compile(r"\A[ \u00a0]([^\W\d_][\w'’.&-]*)")
# Lower-case words that join the parts of one name: "Bank of Mexico", "Trinidad and Tobago".
_PARTICLES = frozenset(
    [
        "of",
        "and",
        "de",
        "del",
        "della",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "du",
        "des",
        "la",
        "le",
        "von",
        "van",
        "der",
        "al",
        "el",
        "y",
        "&",
        "for",
        "on",
        "upon",
    ]
)


# After a name only these join it to a longer one ("Trinidad and Tobago"): "Maren Tollefsen of
# Halvorsen Steelworks" is a person and a company, and "Mexico on Monday" is Mexico.
_JOINS_AFTER = frozenset(["and", "&", "y", "de", "del", "da", "do", "du", "di"])


@lru_cache(maxsize=64)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted({n for n in names if n.strip()}, key=len, reverse=True)
    if not words:
        return None
    # No look-behind at the start: it keeps the regex engine from skipping ahead to the first
    # letter of a name (10x slower); the character before is checked in Python instead.
    return re.compile(r"(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def _may_be_longer(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word or a name particle sits right beside ``text[start:end]``."""
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before and (before.group(1)[0].isupper() or before.group(1) in _PARTICLES):
        return True
    after = _AFTER.match(text[end : end + 40])
    return bool(after and (after.group(1)[0].isupper() or after.group(1) in _JOINS_AFTER))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``text[start:end]``, at most ``_REACH`` either side."""
    low = max(0, start - _REACH)
    before = list(_SENTENCE_END.finditer(text, low, start))
    first = before[-1].end() if before else low
    after = _SENTENCE_END.search(text, end, min(len(text), end + _REACH))
    last = after.start() + 1 if after else min(len(text), end + _REACH)
    return first, last


def _read(text: str, start: int, end: int, entity: Entity, wanted: set[str]) -> bool:
    """The extractor's reading of the occurrence ``text[start:end]`` in its sentence."""
    first, last = _sentence(text, start, end)
    start, end = start - first, end - first
    named_here = False
    for found in extract_entities(text[first:last]):
        for s, e in found.mentions:
            if s < end and start < e:
                if found.name in wanted:  # the name itself, whatever label one sentence
                    return True  # suggests (the whole text may have said more)
                named_here = True  # a longer name, or another name
    if named_here:
        return False
    return not _capitalised_neighbour(text, start + first, end + first)


def _capitalised_neighbour(text: str, start: int, end: int) -> bool:
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before:
        word = before.group(1)
        if word in _PARTICLES:  # "Gulf of Mexico": the word before the particle decides
            outer = _BEFORE.search(text, max(0, before.start() - 40), before.start())
            return bool(outer and outer.group(1)[0].isupper())
        if word[0].isupper() and not _sentence_start(text, before.start()):
            return True
    after = _AFTER.match(text[end : end + 40])
    return bool(after and after.group(1)[0].isupper())


def _sentence_start(text: str, index: int) -> bool:
    head = text[max(0, index - 3) : index].rstrip(" \u00a0\"'“‘(")
    return not head or head[-1] in ".!?\n:|"


def names_entity(
    text: str, entity: Entity, names: Sequence[str], *, extractor: bool = True
) -> bool:
    """Whether ``text`` names ``entity`` (canonical name and label) by one of ``names``.

    Without the ``extractor`` (a caller out of time for it), an occurrence that may be part of
    a longer name is decided by its neighbours alone: a capitalised one makes it so.
    """
    pattern = _pattern(tuple(names) or (entity.name,))
    if pattern is None:
        return False
    wanted = {entity.name, *names}
    count = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "._"):
            continue  # inside a word ("AUS"), or after a dot ("U.S." in "A.U.S.")
        count += 1
        if count > _MAX_OCCURRENCES:
            break
        if not _may_be_longer(text, start, end):
            return True
        if extractor:
            if _read(text, start, end, entity, wanted):
                return True
        elif not _capitalised_neighbour(text, start, end):
            return True
    return False

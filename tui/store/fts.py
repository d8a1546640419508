"""Turn what a user typed into a safe FTS5 MATCH expression.

Every term is emitted as an FTS5 string (double quotes doubled), so no user text is ever read as
FTS syntax. What is kept of the user's intent: "quoted phrases", a trailing ``*`` for a prefix,
and an upper-case ``OR`` between terms. Everything else is ANDed.
"""

from __future__ import annotations

import re

from tui.store.text import index_form

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
# Characters the unicode61 tokenizer treats as separators anyway; a term made only of them
# would match nothing, and an empty phrase is a syntax error.
_WORDISH = re.compile(r"\w", re.UNICODE)


def _quote(term: str) -> str:
    return '"' + index_form(term).strip().replace('"', '""') + '"'


def fts_query(text: str) -> str | None:
    """The MATCH expression for ``text``, or None when it holds nothing searchable."""
    parts: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if word == "OR":
            pending_or = bool(parts)
            continue
        prefix = False
        term = phrase if phrase is not None else word
        if phrase is None and term.endswith("*"):
            term = term.rstrip("*")
            prefix = True
        if not _WORDISH.search(term):
            continue
        piece = _quote(term) + ("*" if prefix else "")
        if pending_or:
            parts[-1] = f"{parts[-1]} OR {piece}"
        else:
            parts.append(piece)
        pending_or = False
    if not parts:
        return None
    return " AND ".join(f"({p})" if " OR " in p else p for p in parts)


def any_of(names: list[str]) -> str | None:
    """A MATCH expression for articles naming any of ``names`` (each as a phrase)."""
    pieces = [_quote(n) for n in names if _WORDISH.search(n)]
    return " OR ".join(pieces) or None

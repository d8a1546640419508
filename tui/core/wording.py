"""Counted nouns in messages: "1 feed", "2 feeds", "0 articles"."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun``, in the plural (``many``, else ``noun`` + "s") unless it is 1."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"

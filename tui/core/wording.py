"""Counted nouns and rates in messages: "1 feed", "2 feeds", "0 articles", "10-25%"."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun``, in the plural (``many``, else ``noun`` + "s") unless it is 1."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def rate_text(low: float, high: float | None) -> str:
    """A rate or a range of rates as plain text: ``25%``, ``10-25%`` (the app's panes draw a
    range with an en dash instead, ``tui.ui.display.format_rate``)."""
    return f"{low:g}-{high:g}%" if high is not None else f"{low:g}%"

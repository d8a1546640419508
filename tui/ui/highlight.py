"""The body's highlight view: the extracted text with some spans marked, one of them current.

Offsets (entity mentions, tariff evidence) point into ``Extraction.text``, the cleaned plain text
the extractors ran on, not into the rendered Markdown, so the highlight view shows that text.
It is built as :class:`~textual.content.Content` from plain strings (never markup), each piece
made visible on its own so that removing an invisible character can never shift a span.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from textual.content import Content

from tui.core.models import Entity, TariffRow
from tui.ui.display import format_rate, visible, visible_block

MENTION_STYLE = "reverse"
"""Every highlighted span."""
CURRENT_STYLE = "bold underline auto on $accent"
"""The span the view is scrolled to (also how the body finds its wrapped line): on the accent,
in the text colour that stands out on it in every theme ("reverse $accent" put the light
background of a light theme on orange, unreadable), and underlined: with no colour at all
(NO_COLOR under a theme of the terminal's colours) the underline still marks it."""

HighlightKind = Literal["mention", "evidence"]


def valid_spans(text: str, spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``spans`` sorted, inside ``text``, non-empty and not overlapping (later overlaps dropped)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not 0 <= start < end <= len(text):
            continue
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return tuple(kept)


@dataclass(frozen=True)
class Highlight:
    """What the body highlights: ``spans`` of ``text``, ``current`` the one scrolled to."""

    text: str
    spans: tuple[tuple[int, int], ...]
    name: str
    """What is highlighted, for the caption (an entity name, or "Vietnam 20%")."""
    kind: HighlightKind = "mention"
    current: int = 0
    source: Entity | TariffRow | None = None
    """The entity or tariff row it came from, so choosing it again steps instead of restarting."""

    @property
    def caption(self) -> str:
        """``mention 1/3 of Vietnam`` or ``evidence for Vietnam 20%``."""
        if self.kind == "evidence":
            return f"evidence for {visible(self.name)}"
        return f"mention {self.current + 1}/{len(self.spans)} of {visible(self.name)}"

    def step(self, delta: int) -> Highlight:
        """The next (``delta`` 1) or previous (-1) span, wrapping round at either end."""
        if not self.spans:
            return self
        return dataclasses.replace(self, current=(self.current + delta) % len(self.spans))


def entity_highlight(text: str, entity: Entity) -> Highlight | None:
    """The mentions of ``entity`` in ``text``, or None when none of its offsets fit the text."""
    spans = valid_spans(text, entity.mentions)
    if not spans:
        return None
    return Highlight(text, spans, entity.name, "mention", 0, entity)


def evidence_highlight(text: str, row: TariffRow) -> Highlight | None:
    """The evidence sentence of ``row``; found by its words when the stored span does not fit."""
    spans = valid_spans(text, [row.evidence_span])
    if not spans and row.evidence:
        start = text.find(row.evidence)
        if start >= 0:
            spans = ((start, start + len(row.evidence)),)
    if not spans:
        return None
    name = f"{row.country} {format_rate(row.rate_pct, row.rate_max_pct)}"
    return Highlight(text, spans, name, "evidence", 0, row)


def highlight_content(highlight: Highlight) -> Content:
    """The text with every span styled (the current one more strongly); paragraphs kept."""
    parts: list[str | tuple[str, str]] = []
    position = 0
    text = highlight.text
    for index, (start, end) in enumerate(highlight.spans):
        if start > position:
            parts.append(visible_block(text[position:start]))
        style = CURRENT_STYLE if index == highlight.current else MENTION_STYLE
        parts.append((visible_block(text[start:end]), style))
        position = end
    parts.append(visible_block(text[position:]))
    return Content.assemble(*parts)


def current_lines(content: Content, width: int) -> tuple[int, int] | None:
    """First and last line (after wrapping at ``width``) of the current span, or None."""
    found: list[int] = []
    for number, line in enumerate(content.wrap(max(1, width))):
        if any(span.style == CURRENT_STYLE for span in line.spans):
            found.append(number)
    return (found[0], found[-1]) if found else None

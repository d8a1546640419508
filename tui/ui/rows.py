"""How list rows fit their pane and show the cursor.

A row of a label and a count gives way on the label, never the count (text is cut as
:func:`tui.ui.columns.clip` cuts it); the selected row carries a mark, so it shows without
colour too (NO_COLOR, a 16-colour palette, a screen reader reading a capture).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from tui.ui.columns import clip

CURSOR = "▸"
"""The mark of the selected row in the focused list."""
CURSOR_BLURRED = "▹"
"""The mark of the selected row in a list without focus (it is still the current one)."""
ELLIPSIS = "…"


def cursor_mark(selected: bool, focused: bool) -> str:
    if not selected:
        return " "
    return CURSOR if focused else CURSOR_BLURRED


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` cells (wide characters count twice)."""
    return text + " " * max(0, width - cell_len(text))


def clip_content(content: Content, width: int, *, words: bool = True) -> Content:
    """:func:`tui.ui.columns.clip` for styled text: the styles of what is kept stay."""
    plain = content.plain
    clipped = clip(plain, width, words=words)
    if clipped == plain:
        return content
    return content[: len(clipped) - len(ELLIPSIS)] + ELLIPSIS


class LabelCount(Visual):
    """One row: a label on the left, a count on the right. The label gives way to the count,
    cut wherever the room ends (names in a narrow column: every letter counts)."""

    def __init__(self, label: Content, count: str = "", count_style: str = "dim") -> None:
        self.label = label
        self.count = count
        self.count_style = count_style

    def __str__(self) -> str:
        return f"{self.label.plain} {self.count}" if self.count else self.label.plain

    def _count_cells(self) -> int:
        return cell_len(self.count) + 1 if self.count else 0

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.label.cell_length + self._count_cells()

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        room = max(0, width - self._count_cells())
        label = clip_content(self.label, room, words=False)
        row = label.pad_right(room - label.cell_length)
        if self.count:
            row = row + Content.assemble(" ", (self.count, self.count_style))
        return row.render_strips(width, height, style, options)

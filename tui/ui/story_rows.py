"""Rows of the side panes for a story: the entity or rate on one line, its sources under it.

The sources line names the feeds that give the row, as many as fit, then how many more
("BBC News · CNBC +3"); a row every source gives says so when the names do not fit
("all 7 sources"). Source names are feed titles: shown as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from tui.ui.columns import clip
from tui.ui.display import visible

SEPARATOR = " · "
INDENT = "   "


def sources_line(sources: Sequence[str], total: int, width: int) -> str:
    """``sources`` named in ``width`` cells (``total``: how many sources the story has)."""
    names = [visible(s) for s in sources]
    whole = SEPARATOR.join(names)
    if cell_len(whole) <= width:
        return whole
    if len(names) == total > 1:
        return clip(f"all {total} sources", width)
    for shown in range(len(names) - 1, 0, -1):
        text = f"{SEPARATOR.join(names[:shown])} +{len(names) - shown}"
        if cell_len(text) <= width:
            return text
    if len(names) == 1:
        return clip(names[0], width, words=False)
    more = f" +{len(names) - 1}"
    if width > cell_len(more) + 1:  # the first name cut short, the count of the others kept
        return clip(names[0], width - cell_len(more), words=False) + more
    return clip(f"{len(names)} sources", width, words=False)


class WithSources(Visual):
    """A one-line row (``line``) with its sources on a dim second line."""

    def __init__(self, line: Visual, sources: Sequence[str], total: int) -> None:
        self.line = line
        self.sources = tuple(sources)
        self.total = total

    def __str__(self) -> str:
        return f"{self.line} ({', '.join(self.sources)})"

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 2

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        first = self.line.render_strips(width, 1, style, options)
        room = max(0, width - len(INDENT))
        note = Content.assemble(
            INDENT, (sources_line(self.sources, self.total, room), "dim italic")
        )
        second = note.pad_right(width - note.cell_length).render_strips(width, 1, style, options)
        return [*first[:1], *second[:1]]

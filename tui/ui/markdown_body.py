"""The article body's Markdown as one Textual Visual, its lines and strips made once per width.

Textual's Markdown widget mounts a widget per block, and laying those out took 44 % of the main
thread's busy time during a refresh (issue 8's profile); one Visual is one widget whatever
the article's length. The source is the sanitised Markdown of :mod:`tui.core.text.html`: Rich
reads its text as text (never console markup), and links stay visible text (no terminal
hyperlinks), so feed text can neither style itself nor hide where a link goes.

Imported with the first article: markdown-it is 30 ms of imports the first frame does not wait
for.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.markdown import Heading, Markdown, MarkdownElement
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip
from textual.visual import RenderOptions, Visual

if TYPE_CHECKING:
    from textual.app import App
    from textual.css.styles import RulesMap
    from textual.style import Style


class LeftHeading(Heading):
    """Headings flush left like the paragraphs under them (Rich centres a level-one heading)."""

    LEVEL_ALIGN: ClassVar[dict[str, JustifyMethod]] = {f"h{level}": "left" for level in range(1, 7)}


class _Markdown(Markdown):
    """Rich's Markdown with left-aligned headings and links as text."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "heading_open": LeftHeading,
    }

    def __init__(self, source: str) -> None:
        super().__init__(source, hyperlinks=False)


_KEPT_WIDTHS = 4
"""Widths whose lines are kept: the layouts a reader goes back and forth between (a side pane
focused at 80 columns, the wide and the narrow layout)."""
_KEPT_STRIPS = 2
"""Widths whose strips are kept: Textual's strips weigh five times the lines (50 MB for a 2 MB
article, 0.5 MB for a long one of 20 KB); the two kept are the two widths a side pane's focus
goes back and forth between at 80 columns, redrawn at once. Another width makes them again
from its kept lines (a quarter of a second for 2 MB), or wraps the text anew."""


class BodyMarkdown(Visual):
    """The body's Markdown, parsed once, wrapped once per width and made into strips once per
    width and style.

    A Rich renderable in a Static is drawn by Textual's RichVisual, which renders it and splits
    every line of it into strips again at each redraw of the widget (a focus moving between
    panes redraws it) and counts its lines again at each layout: with a 2 MB article, a second
    and more at each change. This Visual hands Textual the strips it made for the width, and
    makes them again from the kept lines when the width comes back.

    ``app`` gives the console and its options (as RichVisual takes them); printed on a Rich
    console, it renders as any renderable.
    """

    def __init__(self, source: str, app: App[Any] | None = None) -> None:
        self._markdown = _Markdown(source)
        self._app = app
        self._lines: OrderedDict[int, list[list[Segment]]] = OrderedDict()
        self._strips: OrderedDict[tuple[int, RichStyle], list[Strip]] = OrderedDict()

    def _wrapped(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        width = options.max_width
        lines = self._lines.get(width)
        if lines is None:
            lines = console.render_lines(self._markdown, options.update(height=None), pad=False)
            self._lines[width] = lines
            if len(self._lines) > _KEPT_WIDTHS:
                self._lines.popitem(last=False)
        else:
            self._lines.move_to_end(width)
        return lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        for line in self._wrapped(console, options):
            yield from line
            yield new_line

    def _lines_at(self, width: int) -> list[list[Segment]]:
        if self._app is None:
            raise RuntimeError("a BodyMarkdown drawn by Textual needs the app")
        options = self._app.console_options.update(highlight=False).update_width(width)
        return self._wrapped(self._app.console, options)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        """The lines at ``width`` on the widget's ``style``, as RichVisual would draw them
        (each segment's style over the widget's), made once."""
        base = style.rich_style
        key = (width, base)
        strips = self._strips.get(key)
        if strips is None:
            lines = self._lines_at(width)
            if base:
                strips = [Strip([Segment(t, base + s, None) for t, s, _ in line]) for line in lines]
            else:
                strips = [Strip(line) for line in lines]
            self._strips[key] = strips
            if len(self._strips) > _KEPT_STRIPS:
                self._strips.popitem(last=False)
        else:
            self._strips.move_to_end(key)
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width  # text wraps to whatever it is given

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines_at(width))

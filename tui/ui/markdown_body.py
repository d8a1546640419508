"""The article body's Markdown as one Rich renderable.

Textual's Markdown widget mounts a widget per block, and laying those out took 44 % of the main
thread's busy time during a refresh (issue 8's profile); one renderable is one widget whatever
the article's length. The source is the sanitised Markdown of :mod:`tui.core.text.html`: Rich
reads its text as text (never console markup), and links stay visible text (no terminal
hyperlinks), so feed text can neither style itself nor hide where a link goes.

Imported with the first article: markdown-it is 30 ms of imports the first frame does not wait
for.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
from rich.markdown import Heading, Markdown, MarkdownElement
from rich.segment import Segment


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


class BodyMarkdown:
    """The body's Markdown, its lines kept per width.

    Textual asks a widget's renderable for its width and height and then for its lines, on
    every layout: about sixty renders of the whole article per article shown. The Markdown is
    parsed and wrapped once per width here instead.
    """

    def __init__(self, source: str) -> None:
        self._markdown = _Markdown(source)
        self._lines: dict[int, list[list[Segment]]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self._lines.get(options.max_width)
        if lines is None:
            lines = console.render_lines(self._markdown, options.update(height=None), pad=False)
            self._lines[options.max_width] = lines
        new_line = Segment.line()
        for line in lines:
            yield from line
            yield new_line

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

from rich.console import JustifyMethod
from rich.markdown import Heading, Markdown, MarkdownElement


class LeftHeading(Heading):
    """Headings flush left like the paragraphs under them (Rich centres a level-one heading)."""

    LEVEL_ALIGN: ClassVar[dict[str, JustifyMethod]] = {f"h{level}": "left" for level in range(1, 7)}


class BodyMarkdown(Markdown):
    """The body's Markdown: left-aligned headings, links as text."""

    elements: ClassVar[dict[str, type[MarkdownElement]]] = {
        **Markdown.elements,
        "heading_open": LeftHeading,
    }

    def __init__(self, source: str) -> None:
        super().__init__(source, hyperlinks=False)

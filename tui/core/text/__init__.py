"""Untrusted text made safe and readable, in four modules:

- :mod:`.sanitise`: control characters, escape sequences, invisible characters, safe links;
- :mod:`.boilerplate`: teaser tails and advertisement lines cut from article text;
- :mod:`.html`: feed HTML to sanitised Markdown or plain text;
- :mod:`.reading`: the text the extractors read, and reading time.

The names below are re-exported so ``from tui.core.text import clean_text`` keeps working.
"""

from __future__ import annotations

from tui.core.text.boilerplate import strip_boilerplate
from tui.core.text.html import RenderedBody, html_to_markdown, html_to_text, markdown_as_text
from tui.core.text.reading import article_text, reading_minutes
from tui.core.text.sanitise import clean_line, clean_text, is_safe_link

__all__ = [
    "RenderedBody",
    "article_text",
    "clean_line",
    "clean_text",
    "html_to_markdown",
    "html_to_text",
    "is_safe_link",
    "markdown_as_text",
    "reading_minutes",
    "strip_boilerplate",
]

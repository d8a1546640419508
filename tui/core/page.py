"""Main text of a web page (trafilatura) or of a plain text, boilerplate stripped and cleaned.
No network here."""

from __future__ import annotations

import re

from tui.core.text import clean_text, strip_boilerplate

__all__ = ["main_text", "main_text_from_html"]

_MAX_HTML = 5_000_000


def main_text_from_html(html: str, url: str = "") -> str:
    """The article text of ``html``: one paragraph per line block, separated by a blank line.

    trafilatura is imported here, not at module level, so start-up never pays for it.
    Returns "" when no main text is found.
    """
    if not html or not html.strip():
        return ""
    import trafilatura

    try:
        text = trafilatura.extract(
            html[:_MAX_HTML],
            url=url or None,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            output_format="txt",
            deduplicate=False,
        )
    except (ValueError, RecursionError, TypeError):
        return ""
    if not text:
        return ""
    text = clean_text(str(text))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return strip_boilerplate("\n\n".join(line for line in lines if line))


def main_text(text: str, url: str = "") -> str:
    """The article text of a page or of a plain text (a ``.txt`` file, a page served as
    ``text/plain``): trafilatura finds no article in a text without markup, so a text that
    does not look like HTML is taken whole, cleaned, its boilerplate tail stripped."""
    if _looks_like_html(text):
        return main_text_from_html(text, url)
    return strip_boilerplate(clean_text(text))


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or any(
        tag in head for tag in ("<p>", "<p ", "<div", "<body", "<article")
    )

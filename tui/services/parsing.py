"""Parse one feed document for storing: its articles and the text each is indexed by.

Run in a parse worker (a thread or a process of :mod:`tui.services.refresh`), so the thread that
writes to the database only writes. Imports nothing heavy: a worker process loads this module.
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.core.models import ParsedFeed
from tui.core.parse import parse_feed
from tui.store.text import index_body


def parse_for_store(
    body: bytes, url: str, headers: Mapping[str, str]
) -> tuple[ParsedFeed, tuple[str, ...]]:
    """``parse_feed`` and the index body of each of its articles (same order). Never raises."""
    parsed = parse_feed(body, url=url, headers=headers)
    try:
        bodies = tuple(index_body(a.content_html, a.summary_html) for a in parsed.articles)
    except Exception:  # noqa: BLE001 - plain_text never raises; the store computes them then
        return parsed, ()
    return parsed, bodies

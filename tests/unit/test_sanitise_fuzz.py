"""Property tests: hostile input never raises and never leaves control characters behind."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import NASTY
from tui.core.parse import parse_feed
from tui.core.text import clean_line, clean_text, html_to_markdown, html_to_text

# C0 (but \t and \n), DEL, C1, ESC, bidi controls.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")

TEXT = st.lists(st.one_of(st.text(max_size=20), NASTY), max_size=25).map("".join)

ITEM = st.builds(
    "<item><title>{}</title><link>{}</link><guid>{}</guid><description>{}</description>"
    "<author>{}</author><pubDate>{}</pubDate></item>".format,
    TEXT,
    TEXT,
    TEXT,
    TEXT,
    TEXT,
    TEXT,
)
RSS = st.builds(
    lambda title, items: (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{title}</title>"
        + "".join(items)
        + "</channel></rss>"
    ),
    TEXT,
    st.lists(ITEM, max_size=4),
)

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clean(s: str) -> bool:
    return not FORBIDDEN.search(s)


@FUZZ
@given(TEXT)
def test_clean_text(s: str) -> None:
    out = clean_text(s)
    assert _clean(out)
    assert clean_text(out) == out  # idempotent
    assert _clean(clean_line(s)) and "\n" not in clean_line(s)


@FUZZ
@given(TEXT, st.sampled_from(["", "https://base.example/a/", "javascript:x"]))
def test_html_to_markdown(html: str, base: str) -> None:
    body = html_to_markdown(html, base_url=base)
    assert _clean(body.markdown)
    assert all(url.startswith(("http://", "https://", "mailto:")) for url in body.links)
    assert all(_clean(url) for url in body.links)
    assert "\ue000" not in body.markdown and "\ue002" not in body.markdown
    assert _clean(html_to_text(html))


@FUZZ
@given(st.one_of(RSS.map(lambda s: s.encode("utf-8", "surrogatepass")), st.binary(max_size=400)))
def test_parse_feed(data: bytes) -> None:
    feed = parse_feed(data, url="https://feed.example/rss")
    assert _clean(feed.title) and _clean(feed.site_url) and _clean(feed.error or "")
    for a in feed.articles:
        for value in (a.guid, a.link, a.title, a.author, a.summary_html, a.content_html):
            assert _clean(value)
        assert "\n" not in a.title
        assert a.published is None or a.published.tzinfo is not None

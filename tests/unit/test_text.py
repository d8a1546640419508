"""Sanitising, HTML to Markdown/text, boilerplate, reading time."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.core.models import Article
from tui.core.text import (
    RenderedBody,
    article_text,
    clean_line,
    clean_text,
    html_to_markdown,
    html_to_text,
    is_safe_link,
    reading_minutes,
    strip_boilerplate,
)

RAW_TAG = re.compile(r"(?<!\\)</?[A-Za-z!?]")


# -- clean_text / clean_line -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain", "plain"),
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("x\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07y", "xlinky"),
        ("x\x1b]8;;https://evil.example/\x1b\\link\x1b]8;;\x1b\\y", "xlinky"),
        ("copy\x1b]52;c;cm0gLXJmIH4K\x07me", "copyme"),
        ("unterminated\x1b]52;c;cm0gLXJmIH4K\nnext", "unterminated\nnext"),
        ("c1\x9b31mcsi \x9d0;title\x9cend", "c1csi end"),
        ("dcs\x1bPq#0;2;0;0;0\x1b\\end", "dcsend"),
        ("bell\x07nul\x00bs\x08del\x7f", "bellnulbsdel"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("cr\r\nlf\rx", "cr\nlf\nx"),
        ("bidi\u202egnp.exe\u202c \u2066iso\u2069 \u200eltr\u200f", "bidignp.exe iso ltr"),
        ("zero\u200bwidth\u2060join\ufeffbom soft\u00adhyphen", "zerowidthjoinbom softhyphen"),
        ("tag\U000e0041chars", "tagchars"),
        ("cafe\u0301", "caf\u00e9"),  # NFC
        ("emoji 👩\u200d💻 and ZWNJ می\u200cخواهم", "emoji 👩\u200d💻 and ZWNJ می\u200cخواهم"),
        ("line\u2028sep", "line\nsep"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_clean_line() -> None:
    assert clean_line("  Breaking:\n\tnews \x1b[1m here\u202e  ") == "Breaking: news here"
    assert clean_line("") == ""


# -- links -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a?b=c#d", True),
        ("http://example.com", True),
        ("mailto:someone@example.com", True),
        ("HTTPS://EXAMPLE.COM/", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("file:///etc/passwd", False),
        ("vbscript:msgbox", False),
        ("ftp://example.com/x", False),
        ("/relative/path", False),
        ("https://", False),
        ("http://exa mple.com", False),
        ("https://example.com/\x1b]8;;x", False),
        ("https://example.com/\u202e", False),
        ("", False),
        ("mailto:", False),
    ],
)
def test_is_safe_link(url: str, safe: bool) -> None:
    assert is_safe_link(url) is safe


# -- html_to_markdown --------------------------------------------------------------------------

RICH = """
<h2>Talks in the capital</h2>
<p>Officials <b>met</b> on <i>Thursday</i>, <a href="/story/2">said</a> a
<a href="https://other.example/x" title="t">spokesperson</a>. See <a href="/story/2">again</a>.</p>
<p><img src="/pic.jpg" alt="The two ministers [shaking hands]">
<img src="/x.gif" width="1" height="1"> <img src="/noalt.png"></p>
<ul><li>First point</li><li>Second <a href="javascript:alert(1)">bad link</a></li></ul>
<ol><li>One</li><li>Two</li></ol>
<blockquote><p>We will talk again.</p></blockquote>
<table><thead><tr><th>Country</th><th>Rate</th></tr></thead>
<tbody><tr><td>Laos</td><td>40%</td></tr><tr><td>Vietnam</td><td>20%</td></tr></tbody></table>
<script>alert("x")</script><style>p{color:red}</style><iframe src="https://evil.example"></iframe>
<form action="/steal"><input name="pw"><button>Go</button></form>
<p>&lt;script&gt;alert(1)&lt;/script&gt; and [text](javascript:alert(1)) and ![i](http://x/y.png)</p>
<p>Escape &#x1b;[31mred&#x1b;[0m and &#x202e;bidi</p>
"""


def test_html_to_markdown_structure() -> None:
    body = html_to_markdown(RICH, base_url="https://news.example/world/story/1")
    md = body.markdown
    assert isinstance(body, RenderedBody)
    assert "## Talks in the capital" in md
    assert "**met**" in md and "*Thursday*" in md
    assert "said [1]" in md and "spokesperson [2]" in md and "again [1]" in md
    assert body.links == ("https://news.example/story/2", "https://other.example/x")
    assert "[image: The two ministers (shaking hands)]" in md
    assert "[image]" in md  # an image without alt text
    assert md.count("[image") == 2  # the 1x1 tracking pixel is gone
    assert "- First point" in md and "1. One" in md and "2. Two" in md
    assert "> We will talk again." in md
    assert "| Country | Rate |" in md and "| Laos | 40% |" in md
    assert "bad link" in md and "javascript" not in "".join(body.links)


def test_html_to_markdown_is_safe() -> None:
    body = html_to_markdown(RICH, base_url="https://news.example/")
    md = body.markdown
    assert not RAW_TAG.search(md), RAW_TAG.search(md)
    assert 'alert("x")' not in md and "color:red" not in md and "pw" not in md
    assert "\x1b" not in md and "\u202e" not in md
    # Feed text cannot forge Markdown links or images.
    assert "](" not in md.replace("\\](", "")
    assert all(is_safe_link(url) for url in body.links)


def test_markdown_code_fence_cannot_be_escaped() -> None:
    md = html_to_markdown("<pre>x\n```\n<b>y</b> [a](javascript:z)</pre><p>after</p>").markdown
    fence = md.split("\n", 1)[0]
    assert set(fence) == {"`"} and len(fence) > 3
    assert md.count(fence) == 2


def test_markdown_strips_boilerplate_tail_and_renumbers() -> None:
    html = (
        '<p>Body <a href="https://a.example/1">one</a>.</p><p>Advertisement</p>'
        '<p>More body <a href="https://a.example/2">two</a>.</p>'
        "<h3>You may also like</h3><ul>"
        '<li><a href="https://teaser.example/1">A teaser headline</a></li>'
        '<li><a href="https://teaser.example/2">Another teaser headline</a></li></ul>'
    )
    body = html_to_markdown(html)
    assert "Advertisement" not in body.markdown
    assert "teaser" not in body.markdown and "You may also like" not in body.markdown
    assert body.links == ("https://a.example/1", "https://a.example/2")
    assert "two [2]" in body.markdown


def test_markdown_of_nothing_and_of_junk() -> None:
    assert html_to_markdown("") == RenderedBody("", ())
    assert html_to_markdown("   ").markdown == ""
    deep = "<div>" * 5000 + "deep" + "</div>" * 5000
    assert "deep" in html_to_markdown(deep).markdown
    assert "deep" in html_to_text(deep)


def test_private_use_markers_in_input_are_not_links() -> None:
    body = html_to_markdown('<p>x\ue0000\ue002 y <a href="https://a.example/">z</a></p>')
    assert body.links == ("https://a.example/",)
    assert body.markdown == "x0 y z [1]"


# -- html_to_text ------------------------------------------------------------------------------


def test_html_to_text() -> None:
    text = html_to_text(RICH)
    paras = text.split("\n\n")
    assert paras[0] == "Talks in the capital"
    assert paras[1] == "Officials met on Thursday, said a spokesperson. See again."
    assert "First point" in paras and "Second bad link" in paras
    assert "Country | Rate" in paras and "Laos | 40%" in paras
    assert "We will talk again." in paras
    assert "<script>alert(1)</script> and [text](javascript:alert(1))" in text  # literal text
    assert 'alert("x")' not in text and "color:red" not in text
    assert "\x1b" not in text and "\u202e" not in text
    assert "\n\n\n" not in text


def test_html_to_text_br_and_pre() -> None:
    assert html_to_text("<p>a<br>b</p><pre>  x\n  y</pre>") == "a\nb\n\nx\ny"


# -- boilerplate -------------------------------------------------------------------------------


def test_seed_article_tail_is_removed(seed_dir: Path) -> None:
    raw = (seed_dir / "article.txt").read_text(encoding="utf-8")
    lines = raw.rstrip("\n").split("\n")
    marker = lines.index("You may also like")
    assert len(lines) - marker - 1 == 5
    cleaned = strip_boilerplate(raw)
    assert cleaned.split("\n") == [line for line in lines[:marker] if line.strip()]
    for teaser in lines[marker:]:
        assert teaser not in cleaned


@pytest.mark.parametrize("marker", ["Related", "Read more", "Most read", "Also read", "RELATED:"])
def test_tail_markers(marker: str) -> None:
    text = f"Paragraph one is here.\n\nParagraph two is here.\n\n{marker}\nA headline\nAnother one"
    assert strip_boilerplate(text) == "Paragraph one is here.\n\nParagraph two is here."


def test_box_inside_body_keeps_following_paragraphs() -> None:
    text = (
        "First paragraph of the story, which goes on for a while.\n\n"
        "Also read\nHarbour reopens after storm\nTram line approved\n\n"
        "Second paragraph of the story continues after the box.\n\n"
        "Also read: A one-line teaser headline\n\n"
        "Third paragraph."
    )
    assert strip_boilerplate(text) == (
        "First paragraph of the story, which goes on for a while.\n\n"
        "Second paragraph of the story continues after the box.\n\nThird paragraph."
    )


def test_ad_lines_are_dropped_anywhere() -> None:
    text = "One.\n\nADVERTISEMENT\n\nTwo.\nStory continues below\nThree."
    assert strip_boilerplate(text) == "One.\n\nTwo.\nThree."


def test_words_in_sentences_are_kept() -> None:
    text = "Related talks were held. Read more about it below.\nMost read papers agree."
    assert strip_boilerplate(text) == text


# -- article_text / reading_minutes -----------------------------------------------------------


def _article(**kw: object) -> Article:
    base: dict[str, object] = {
        "id": 1,
        "feed_id": 1,
        "guid": "g",
        "link": "https://x.example/",
        "title": "T",
        "author": "",
        "published": None,
        "summary_html": "<p>Summary text.</p>",
        "content_html": "",
        "full_text": None,
        "read": False,
        "starred": False,
        "fetched_at": datetime(2025, 1, 1, tzinfo=UTC),
    }
    base.update(kw)
    return Article(**base)  # type: ignore[arg-type]


def test_article_text_prefers_full_text() -> None:
    assert article_text(_article()) == "Summary text."
    assert article_text(_article(content_html="<p>Content.</p><p>Related</p><p>Teaser</p>")) == (
        "Content."
    )
    full = "Full text.\n\nYou may also like\nA teaser"
    assert article_text(_article(full_text=full)) == "Full text."


def test_reading_minutes() -> None:
    assert reading_minutes("") == 0
    assert reading_minutes("one word") == 1
    assert reading_minutes("word " * 230) == 1
    assert reading_minutes("word " * 231) == 2
    assert reading_minutes("word " * 2300) == 10
    assert reading_minutes("中" * 1500) == 3


def test_tracking_images_and_feedflare_are_dropped() -> None:
    html = (
        "<p>Story text.</p>"
        '<img src="https://media.example/tracking/rss-pixel.png?story=1" />'
        '<div class="feedflare"><a href="http://feeds.feedburner.com/~ff/x?a=1">'
        '<img src="http://feeds.feedburner.com/~ff/x?d=1" border="0"></a></div>'
        '<a href="https://x.example/"><img src="/only-image.png"></a>'
    )
    body = html_to_markdown(html, base_url="https://x.example/")
    assert body.markdown == "Story text.\n\n[image] [1]"
    assert body.links == ("https://x.example/",)

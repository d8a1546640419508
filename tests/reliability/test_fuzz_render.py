"""Hypothesis over the whole path feed bytes -> parse -> sanitise -> render: no unhandled
exception, no control character in the rendered output, no hyperlink but a safe one.

Rendering uses the app's own display helpers (title, meta line, link list) and Rich's Markdown
renderer for the body, printed to a recording terminal console; the real Textual screen is
checked with hostile feeds in test_hostile_screen.py."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markdown import Markdown

from tests.conftest import CSI, NASTY, OSC8, SCREEN_FORBIDDEN
from tui.core.models import Article
from tui.core.parse import parse_feed
from tui.core.text import html_to_markdown, reading_minutes
from tui.ui.widgets.article_body import ArticleView, links_text, meta_line, title_text

MORE_NASTY = st.sampled_from(
    [
        "[bold red]markup[/]",
        "[link=https://evil.example/]x[/link]",
        "[@click=app.quit]q[/]",
        "[click](javascript:alert(1))",
        "![i](file:///etc/passwd)",
        "<https://evil.example/>",
        "[ref]: https://evil.example/",
        "\x1b]0;title\x07",
        "\x1b]8;;https://evil.example/\x1b\\spoof\x1b]8;;\x1b\\",
        "\x1bP+q\x1b\\",
        "\x1b[6n",
        "&#x1b;]0;t&#x7;",
        "<a href='data:text/html,x'>d</a>",
        "<a href='file:///etc/passwd'>f</a>",
        "<a href='https://ok.example/a'>ok</a>",
        "<img src='javascript:x' alt='[red]a[/]'>",
        "\u202e\u2066\u200f",
        "\x00",
        "```",
        "# heading",
        "> quote",
        "| a | b |\n|---|---|",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=15), NASTY, MORE_NASTY), max_size=20).map("".join)


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;") if "<a" not in text else text


ITEM = st.builds(
    lambda title, link, body, author, raw: (
        f"<item><title>{_xml(title)}</title><link>{_xml(link)}</link><author>{_xml(author)}"
        f"</author><description>{'<![CDATA[' + body + ']]>' if raw else _xml(body)}"
        "</description></item>"
    ),
    TEXT,
    st.one_of(TEXT, st.sampled_from(["javascript:alert(1)", "data:,x", "file:///etc/passwd"])),
    TEXT,
    TEXT,
    st.booleans(),
)
FEED = st.builds(
    lambda title, items, atom: (
        (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>"
            + _xml(title)
            + "</title>"
            + "".join(items)
            + "</channel></rss>"
        )
        if not atom
        else (
            "<feed xmlns='http://www.w3.org/2005/Atom'><title>"
            + _xml(title)
            + "</title>"
            + "".join(
                i.replace("<item>", "<entry>")
                .replace("</item>", "</entry>")
                .replace("description>", "content>")
                for i in items
            )
            + "</feed>"
        )
    ),
    TEXT,
    st.lists(ITEM, min_size=1, max_size=3),
    st.booleans(),
).map(lambda s: s.encode("utf-8", "surrogatepass"))

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOW = datetime(2026, 11, 28, tzinfo=UTC)


def _render(*renderables: object) -> tuple[str, str]:
    console = Console(
        width=80, file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True
    )
    for renderable in renderables:
        console.print(renderable)
    return console.export_text(styles=False), console.file.getvalue()  # type: ignore[attr-defined]


@FUZZ
@given(st.one_of(FEED, st.binary(max_size=300)))
def test_parse_sanitise_render(data: bytes) -> None:
    feed = parse_feed(data, url="https://feed.example/rss")
    for parsed in feed.articles:
        article = Article(
            id=1,
            feed_id=1,
            guid=parsed.guid,
            link=parsed.link,
            title=parsed.title,
            author=parsed.author,
            published=parsed.published,
            summary_html=parsed.summary_html,
            content_html=parsed.content_html,
            full_text=None,
            read=False,
            starred=True,
            fetched_at=NOW,
            feed_title=feed.title,
        )
        body = html_to_markdown(article.best_html, article.link)
        view = ArticleView(article, body.markdown, body.links, reading_minutes(body.markdown))
        text, raw = _render(
            title_text(view),
            meta_line(view),
            Markdown(body.markdown),
            links_text(body.links),
        )
        assert not SCREEN_FORBIDDEN.search(text), repr(text)
        for target in OSC8.findall(raw):
            assert target == "" or target.startswith(("https://", "http://", "mailto:")), target
            assert "evil" not in target
        leftover = OSC8.sub("", CSI.sub("", raw))
        assert "\x1b" not in leftover and "\x07" not in leftover, repr(leftover)
        assert not re.search("[\x80-\x9f]", leftover)
        assert parsed.link == "" or parsed.link.startswith(("http://", "https://", "mailto:"))
        assert all(u.startswith(("http://", "https://", "mailto:")) for u in body.links)

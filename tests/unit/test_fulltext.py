"""Full-text fetch over a real 127.0.0.1 server: the seed article inside invented page chrome."""

from __future__ import annotations

import html
import socket
from pathlib import Path

import pytest

from tests.feedserver import Route, reply, serve
from tui.core.page import main_text_from_html
from tui.services.fetcher import FetchSettings
from tui.services.fulltext import FullTextError, fetch_full_text
from tui.store.repository import Repository

TEMPLATE = Path(__file__).resolve().parent.parent / "fixtures" / "text" / "article_page.html"


def _paragraphs(seed_dir: Path) -> list[str]:
    lines = (seed_dir / "article.txt").read_text(encoding="utf-8").split("\n")
    end = lines.index("You may also like")
    return [line for line in lines[:end] if line.strip()]


def _page(paragraphs: list[str]) -> str:
    half = len(paragraphs) // 2

    def block(ps: list[str]) -> str:
        return "\n".join(f"        <p>{html.escape(p, quote=False)}</p>" for p in ps)

    template = TEMPLATE.read_text(encoding="utf-8")
    return template.replace("{{PARAGRAPHS_FIRST}}", block(paragraphs[:half])).replace(
        "{{PARAGRAPHS_SECOND}}", block(paragraphs[half:])
    )


def _route(body: bytes, ctype: str) -> Route:
    return reply(200, body, {"Content-Type": ctype})


def _assert_article_only(text: str, paragraphs: list[str]) -> None:
    for para in paragraphs:
        assert para in text, para[:60]
    assert "CHROME-" not in text
    for word in ("Advertisement", "Also read", "Related stories", "Most read", "cookies"):
        assert word not in text
    assert "\n\n" in text


def test_fetch_full_text_returns_the_article_and_no_chrome(seed_dir: Path, tmp_path: Path) -> None:
    paragraphs = _paragraphs(seed_dir)
    page = _page(paragraphs).encode("utf-8")
    with serve(routes={"/story": _route(page, "text/html; charset=utf-8")}) as server:
        text = fetch_full_text(server.url("/story"), FetchSettings(timeout=5), cache_dir=tmp_path)
        _assert_article_only(text, paragraphs)
        # Cached: a second call is served from the file, not the network.
        before = server.count(200)
        assert (
            fetch_full_text(server.url("/story"), FetchSettings(timeout=5), cache_dir=tmp_path)
            == text
        )
        assert server.count(200) == before
    assert list((tmp_path / "fulltext").rglob("*.txt"))


def test_main_text_from_html(seed_dir: Path) -> None:
    paragraphs = _paragraphs(seed_dir)
    _assert_article_only(
        main_text_from_html(_page(paragraphs), "http://127.0.0.1/story"), paragraphs
    )


def test_legacy_charset_page(seed_dir: Path) -> None:
    paragraphs = ["Le président a visité Besançon et Orléans pour la première fois cette année."]
    page = _page(paragraphs * 4).encode("cp1252")
    with serve(routes={"/fr": _route(page, "text/html; charset=windows-1252")}) as server:
        assert "Besançon" in fetch_full_text(server.url("/fr"), FetchSettings(timeout=5))


def test_404_raises() -> None:
    with serve(routes={}) as server, pytest.raises(FullTextError, match="HTTP 404"):
        fetch_full_text(server.url("/missing"), FetchSettings(timeout=5))


def test_refused_connection_raises() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(FullTextError, match=r"^cannot connect.*: http://127\.0\.0\.1:"):
        fetch_full_text(f"http://127.0.0.1:{port}/story", FetchSettings(timeout=5))


def test_non_html_raises() -> None:
    routes = {"/file.pdf": _route(b"%PDF-1.4 binary", "application/pdf")}
    with serve(routes=routes) as server, pytest.raises(FullTextError, match="not a web page"):
        fetch_full_text(server.url("/file.pdf"), FetchSettings(timeout=5))


def test_too_large_raises() -> None:
    routes = {"/big": _route(b"<p>" + b"x" * 50_000 + b"</p>", "text/html")}
    with serve(routes=routes) as server, pytest.raises(FullTextError, match="larger than"):
        fetch_full_text(server.url("/big"), FetchSettings(timeout=5, max_bytes=10_000))


def test_page_without_text_raises() -> None:
    routes = {
        "/empty": _route(b"<html><body><script>var x = 1;</script></body></html>", "text/html")
    }
    with serve(routes=routes) as server, pytest.raises(FullTextError, match="no article text"):
        fetch_full_text(server.url("/empty"), FetchSettings(timeout=5))


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x/y", ""])
def test_unsafe_url_raises(url: str) -> None:
    with pytest.raises(FullTextError, match="not an http"):
        fetch_full_text(url)


def test_main_text_of_nothing() -> None:
    assert main_text_from_html("") == ""
    assert main_text_from_html("<html></html>") == ""


def test_pages_come_with_the_feed_fetchers_user_agent_and_size_cap(
    seed_dir: Path, tmp_path: Path, repo: Repository
) -> None:
    from http.server import BaseHTTPRequestHandler

    from tui import __version__
    from tui.config import Settings
    from tui.core.models import ParsedArticle
    from tui.services.fulltext import load_full_text

    agents: list[str | None] = []
    page = _page(_paragraphs(seed_dir)).encode()

    def story(h: BaseHTTPRequestHandler) -> None:
        agents.append(h.headers.get("User-Agent"))
        _route(page, "text/html")(h)

    big = _route(b"<p>" + b"x" * 1_500_000 + b"</p>", "text/html")
    with serve(routes={"/story": story, "/big": big}) as server:
        assert fetch_full_text(server.url("/story"))
        assert agents == [FetchSettings().user_agent]
        assert agents[0] is not None and f"newsreader/{__version__}" in agents[0]
        feed = repo.add_feed(server.url("/feed"))
        (article_id,) = repo.store_articles(
            feed.id, [ParsedArticle(guid="big", title="Big", link=server.url("/big"))]
        )
        article = repo.article(article_id)
        assert article is not None
        # The feed fetcher's cap, from the settings: 1 MB here.
        with pytest.raises(FullTextError, match="larger than 1000000 bytes"):
            load_full_text(
                repo, article, settings=Settings(max_feed_megabytes=1), cache_dir=tmp_path
            )
        assert repo.article(article_id).full_text is None  # type: ignore[union-attr]

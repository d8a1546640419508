"""Links to internal addresses (issue 14, case 9): feedparser-rs emptied item links to 127.x,
10.x, 192.168.x, localhost and ::1 while feedparser kept them, so a feed kept or lost its links
by which parser ran; and opening an article whose link is a loopback or private address fetched
it without asking. Both parsers keep every link, and opening or fetching one on an internal
address is the ``internal_links`` setting: ask once per host (the default), allow, refuse."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.faultserver import FaultServer, fault_server, ok, redirect
from tests.ui.conftest import workers_done
from tui.config import Settings
from tui.core.models import ParsedArticle
from tui.core.parse import parse_feed
from tui.core.parse_fast import read_fast
from tui.core.urls import is_internal_host, typed_url
from tui.paths import resolve
from tui.services.fetcher import FetchSettings
from tui.services.fulltext import InternalAddress, fetch_full_text
from tui.store.repository import Repository

INTERNAL = [
    "http://127.0.0.1:8080/a",
    "http://10.1.2.3/b",
    "http://192.168.1.1/c",
    "http://172.16.0.9/d",
    "http://169.254.169.254/latest/meta-data",
    "http://localhost/e",
    "http://[::1]/f",
    "http://printer.local/g",
    "http://intranet/h",
]
PUBLIC = ["https://news.example.org/i"]


def _rss(links: list[str], extra: str = "") -> bytes:
    items = "".join(
        f"<item><guid>g{n}</guid><title>Item {n}</title>{extra}<link>{link}</link>"
        "<pubDate>Mon, 01 Sep 2025 10:00:00 GMT</pubDate></item>"
        for n, link in enumerate(links)
    )
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>R</title>"
        f"<link>https://news.example.org/</link>{items}</channel></rss>"
    ).encode()


def _atom(links: list[str]) -> bytes:
    entries = "".join(
        f"<entry><id>urn:g{n}</id><title>Item {n}</title><link href='{link}'/>"
        "<updated>2025-09-01T10:00:00Z</updated></entry>"
        for n, link in enumerate(links)
    )
    return (
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>"
        f"<id>urn:a</id><updated>2025-09-01T10:00:00Z</updated>{entries}</feed>"
    ).encode()


@pytest.mark.parametrize(
    "doc",
    [
        _rss(INTERNAL + PUBLIC),  # plain RSS 2.0: the fast parser's kind of document
        _atom(INTERNAL + PUBLIC),  # plain Atom: the fast parser's too
        _rss(INTERNAL + PUBLIC, "<category/>"),  # an empty element: feedparser reads it
    ],
)
def test_every_parser_keeps_links_to_internal_addresses(doc: bytes) -> None:
    links = [a.link for a in parse_feed(doc, url="https://news.example.org/feed").articles]
    assert links == INTERNAL + PUBLIC
    assert read_fast(doc) is None  # what feedparser-rs would empty, feedparser reads


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_by_spelling(url: str) -> None:
    from urllib.parse import urlsplit

    assert is_internal_host(urlsplit(url).hostname or "")


@pytest.mark.parametrize(
    "host", ["2130706433", "0x7f000001", "0177.0.0.1", "127.1", "::ffff:127.0.0.1", "fd00::1"]
)
def test_every_spelling_of_an_internal_address(host: str) -> None:
    assert is_internal_host(host)


@pytest.mark.parametrize("host", ["news.example.org", "8.8.8.8", "2606:4700::1", "1.2.3"])
def test_public_hosts_are_not_internal(host: str) -> None:
    assert not is_internal_host(host)


PAGE = (
    b"<html><body><article>"
    + b"".join(
        b"<p>Paragraph %d of the internal page, long enough to be the article text here.</p>" % n
        for n in range(1, 9)
    )
    + b"</article></body></html>"
)


@pytest.fixture
def page_server() -> Iterator[FaultServer]:
    with fault_server({"/page": ok(PAGE, "text/html"), "/other": ok(PAGE, "text/html")}) as srv:
        yield srv


def test_the_fetch_asks_the_rule_for_every_hop(page_server: FaultServer) -> None:
    """A page on an allowed host that redirects to another internal host is stopped there."""
    page_server.routes["/hop"] = redirect(
        302, page_server.url("/page").replace("127.0.0.1", "localhost")
    )
    allowed = {"127.0.0.1"}
    with pytest.raises(InternalAddress) as caught:
        fetch_full_text(
            page_server.url("/hop"), FetchSettings(timeout=5), allow_internal=allowed.__contains__
        )
    assert caught.value.host == "localhost"
    assert page_server.asked("/page") == 0
    assert "Paragraph 8" in fetch_full_text(
        page_server.url("/page"), FetchSettings(timeout=5), allow_internal=allowed.__contains__
    )
    with pytest.raises(InternalAddress):
        fetch_full_text(
            page_server.url("/other"), FetchSettings(timeout=5), allow_internal=lambda host: False
        )
    assert page_server.asked("/other") == 0


def _home_with_links(links: list[str]) -> None:
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        feed = repo.add_feed("https://news.example.org/feed", title="Feed")
        repo.store_articles(
            feed.id,
            [
                ParsedArticle(
                    guid=f"g{n}", title=f"Article {n}", link=link, summary_html="<p>s</p>"
                )
                for n, link in enumerate(links)
            ],
        )
        repo.set_state("initialised", "1")
    finally:
        repo.close()


async def _settle(app: object, pilot: object) -> None:
    for _ in range(4):
        await workers_done(app)  # type: ignore[arg-type]
        await pilot.pause()  # type: ignore[attr-defined]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: bool(urls.append(url)) or True)
    monkeypatch.setenv("BROWSER", "recorded-by-tests")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    return urls


async def test_fetching_asks_once_per_host_by_default(
    home: Path, page_server: FaultServer, opened: list[str]
) -> None:
    from tui.ui.app import NewsReaderApp
    from tui.ui.screens.confirm import ConfirmScreen

    _home_with_links([page_server.url("/page"), page_server.url("/other")])
    app = NewsReaderApp(
        resolve(), Settings(refresh_on_start=False, refresh_minutes=0, fulltext="never")
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        screen = app.main_screen
        assert screen is not None and screen.view is not None
        await pilot.press("f")
        await _settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)  # asked before anything is fetched
        assert page_server.asked("/page") + page_server.asked("/other") == 0
        await pilot.press("n")
        await _settle(app, pilot)
        await pilot.press("f")  # asked once: the answer holds for the host
        await _settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert page_server.asked("/page") + page_server.asked("/other") == 0
        await pilot.press("o")  # opening in the browser is the same question, answered
        await _settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen) and opened == []
    # A new session asks again; yes fetches, and covers the host's other pages.
    app = NewsReaderApp(
        resolve(), Settings(refresh_on_start=False, refresh_minutes=0, fulltext="auto")
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("f")
        await _settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settle(app, pilot)
        screen = app.main_screen
        assert screen is not None and screen.view is not None and screen.view.full_text
        await pilot.press("2", "j", "enter")  # fulltext = "auto": opening fetches the page
        await _settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert screen.view is not None and screen.view.full_text
        await pilot.press("o")
        await _settle(app, pilot)
        assert len(opened) == 1 and "127.0.0.1" in opened[0]
    assert page_server.asked("/page") == 1 and page_server.asked("/other") == 1


@pytest.mark.parametrize("mode", ["allow", "refuse"])
async def test_allow_and_refuse_never_ask(
    home: Path, page_server: FaultServer, opened: list[str], mode: str
) -> None:
    from tui.ui.app import NewsReaderApp
    from tui.ui.screens.confirm import ConfirmScreen

    _home_with_links([page_server.url("/page")])
    settings = Settings(
        refresh_on_start=False,
        refresh_minutes=0,
        fulltext="never",
        internal_links=mode,  # type: ignore[arg-type]
    )
    app = NewsReaderApp(resolve(), settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        await pilot.press("f")
        await _settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        await pilot.press("o")
        await _settle(app, pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        screen = app.main_screen
        assert screen is not None and screen.view is not None
        assert screen.view.full_text == (mode == "allow")
    assert page_server.asked("/page") == (1 if mode == "allow" else 0)
    assert len(opened) == (1 if mode == "allow" else 0)


def test_show_fetches_no_internal_page_when_it_cannot_ask(
    home: Path, page_server: FaultServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import run

    _home_with_links([page_server.url("/page")])
    resolve().config_file.write_text('fulltext = "always"\n', encoding="utf-8")
    assert run(["show", "1"]) == 0
    err = capsys.readouterr().err
    assert "internal address" in err and "internal_links" in err
    assert page_server.asked("/page") == 0
    resolve().config_file.write_text('fulltext = "always"\ninternal_links = "allow"\n')
    assert run(["show", "1"]) == 0
    assert "Paragraph 8" in capsys.readouterr().out
    assert page_server.asked("/page") == 1


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("example.com/feed.xml", "https://example.com/feed.xml"),
        ("  news.example.org  ", "https://news.example.org"),
        ("localhost:8080/feed", "http://localhost:8080/feed"),
        ("192.168.1.10/rss", "http://192.168.1.10/rss"),
        ("http://example.com/a", "http://example.com/a"),
        ("HTTPS://example.com/a", "HTTPS://example.com/a"),
        ("feed:https://example.com/a", "feed:https://example.com/a"),
        ("ftp://example.com/a", "ftp://example.com/a"),
        ("[::1", "https://[::1"),
        ("", ""),
    ],
)
def test_an_address_typed_without_a_scheme(typed: str, url: str) -> None:
    """What a person types in the add box or to ``add``: https:// when no scheme is given,
    http:// for a host internal by its spelling; a scheme given is kept (refused or not by the
    feed URL rule afterwards)."""
    assert typed_url(typed) == url

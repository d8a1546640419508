"""A sync server that is down, slow, or answers garbage: one line, exit 1, nothing lost.

coldsweat cannot be made to misbehave, so these faults come from a scripted server on
127.0.0.1 (tests/feedserver.py) that first answers as a Fever API does, then badly.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from tests.feedserver import FeedServer, serve
from tests.sync.conftest import PASSWORD_ENV, write_sync_config
from tui.cli import run
from tui.core import limits
from tui.core.models import ArticleScope
from tui.paths import resolve
from tui.services.sync.fever import api_key
from tui.store.repository import Repository

USER, PASSWORD = "reader@example.org", "scripted password"
GOOD_ITEMS = [
    {
        "id": 1,
        "feed_id": 7,
        "title": "Tariffs on steel",
        "author": "A",
        "html": "<p>Canada 25 per cent</p>",
        "url": "https://news.test/1",
        "is_read": 0,
        "is_saved": 1,
        "created_on_time": 1743700000,
    },
    {
        "id": 2,
        "feed_id": 7,
        "title": "Rain",
        "html": "<p>wet</p>",
        "url": "https://news.test/2",
        "is_read": 1,
        "is_saved": 0,
        "created_on_time": 1743700100,
    },
    {"id": 3, "feed_id": 8, "title": "Third", "html": "", "url": "", "created_on_time": "x"},
]


def _id(item: Any) -> int:
    """An item's id as a server would count it (0 for none)."""
    value = item.get("id") if isinstance(item, dict) else None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value if type(value) is int else 0


@dataclass
class Scripted:
    """A Fever endpoint at /fever/ whose behaviour the test switches with ``mode``."""

    mode: str = "ok"
    items: list[dict[str, Any]] = field(default_factory=lambda: list(GOOD_ITEMS))
    marks: list[dict[str, list[str]]] = field(default_factory=list)
    feeds: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {"id": 7, "title": "Trade wire", "url": "https://news.test/feed.xml"},
            {"id": 8, "title": "No address", "url": "ftp://nowhere"},
        ]
    )

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        form = parse_qs(h.rfile.read(length).decode())
        query = h.path.split("?", 1)[1] if "?" in h.path else ""
        if self.mode == "down":
            h.close_connection = True
            return  # no answer at all: the connection closes
        if self.mode == "slow":
            time.sleep(2.5)
        if self.mode == "drip":
            h.send_response(200)
            h.send_header("Content-Type", "application/json")
            h.end_headers()
            for _ in range(40):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.25)
            return
        status, body, ctype, headers = self.answer(query, form)
        h.send_response(status)
        for key, value in {"Content-Type": ctype, **headers}.items():
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def answer(
        self, query: str, form: dict[str, list[str]]
    ) -> tuple[int, bytes, str, dict[str, str]]:
        ok = form.get("api_key") == [api_key(USER, PASSWORD)]
        if self.mode == "gone" and "mark" in form:
            self.marks.append(form)
            return 404, b"no such item", "text/plain", {}
        if self.mode == "html":
            return 200, b"<html><body>Welcome to the router</body></html>", "text/html", {}
        if self.mode == "500":
            return 500, b"oops", "text/plain", {}
        if self.mode == "405":
            return 405, b"Method Not Allowed", "text/plain", {}
        if self.mode == "redirect":
            return 301, b"", "text/plain", {"Location": "https://elsewhere.test/fever/"}
        if self.mode == "huge":
            return 200, b'{"auth": 1, "pad": "' + b"x" * 1_500_000 + b'"}', "application/json", {}
        data: dict[str, Any] = {"api_version": 3, "auth": int(ok)}
        if ok:
            data.update(self.commands(query, form))
        return 200, json.dumps(data).encode(), "application/json", {}

    def commands(self, query: str, form: dict[str, list[str]]) -> dict[str, Any]:
        args = parse_qs(query, keep_blank_values=True)
        if "mark" in form:
            self.marks.append(form)
            return {}
        if "groups" in args:
            return {
                "groups": [{"id": 1, "title": "Trade"}],
                "feeds_groups": [{"group_id": 1, "feed_ids": "7"}],
            }
        if "feeds" in args:
            return {"feeds": self.feeds, "feeds_groups": [{"group_id": 1, "feed_ids": "7"}]}
        if "items" in args:
            if self.mode == "garbage-items":
                return {"items": "none today", "total_items": 3}
            since = int(args.get("since_id", ["0"])[0] or 0)
            wanted = args.get("with_ids", [""])[0]
            if wanted:
                ids = {int(i) for i in wanted.split(",")}
                return {"items": [i for i in self.items if _id(i) in ids]}
            page = self.items if since == 0 else [i for i in self.items if _id(i) > since]
            return {"items": page[:50], "total_items": len(self.items)}
        if "unread_item_ids" in args:
            if self.mode == "garbage-ids":
                return {"unread_item_ids": "1,two,3"}
            unread = [str(_id(i)) for i in self.items if _id(i) > 0 and not i.get("is_read")]
            return {"unread_item_ids": ",".join(unread)}
        if "saved_item_ids" in args:
            saved = [str(_id(i)) for i in self.items if _id(i) > 0 and i.get("is_saved")]
            return {"saved_item_ids": ",".join(saved)}
        return {}


@pytest.fixture
def scripted(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Scripted, FeedServer]]:
    fever = Scripted()
    with serve(routes={"/fever/": fever.handle}) as server:
        monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
        write_sync_config(
            server.url("/fever/"),
            extra="timeout_seconds = 1\nmax_feed_megabytes = 1\n",
        )
        yield fever, server


def _sync(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["sync"])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_scripted_server_syncs(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _sync(capsys)
    assert code == 0, err
    assert "synced 2 feeds: 3 new articles" in out
    repo = Repository(resolve().database)
    try:
        feeds = {f.title: f for f in repo.feeds()}
        assert feeds["Trade wire"].folder == "Trade"
        assert feeds["No address"].url.startswith("newsreader:sync/")  # no usable URL of its own
        assert repo.count_articles(ArticleScope(unread_only=True)) == 2
        assert [a.title for a in repo.search("steel")] == ["Tariffs on steel"]
    finally:
        repo.close()


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("html", "did not answer as a Fever API"),
        ("500", "answered HTTP 500"),
        ("redirect", "redirects to 'https://elsewhere.test/fever/'"),
        ("huge", "larger than 1 MB"),
        ("slow", "too slow"),
        ("drip", "did not answer within 3 s"),
        ("down", "the connection failed"),
        ("garbage-items", "items that are not a list"),
        ("garbage-ids", "list of ids that is not one"),
    ],
)
def test_a_bad_server_is_one_line_and_loses_nothing(
    scripted: tuple[Scripted, FeedServer],
    capsys: pytest.CaptureFixture[str],
    mode: str,
    expected: str,
) -> None:
    fever, _server = scripted
    assert _sync(capsys)[0] == 0
    repo = Repository(resolve().database)
    try:
        first = repo.article_ids(ArticleScope())[0]
        article = repo.article(first)
        assert article is not None and not article.read
        remote_id = article.guid.rsplit(":", 1)[1]
        repo.set_read([first])
        before = [
            (a.id, a.title, a.read, a.starred)
            for a in repo.articles(repo.article_ids(ArticleScope()))
        ]
        fever.items.append({**GOOD_ITEMS[0], "id": 4, "title": "Fourth"})
        fever.mode = mode
        code, out, err = _sync(capsys)
        assert code == 1 and out == ""
        assert err.startswith("newsreader: sync: ") and err.count("\n") == 1, err
        assert expected in err
        assert "Traceback" not in err
        after = [
            (a.id, a.title, a.read, a.starred)
            for a in repo.articles(repo.article_ids(ArticleScope()))
        ]
        if mode == "garbage-ids":  # the new item came before the bad list: kept
            assert [row[1] for row in set(after) - set(before)] == ["Fourth"]
            assert set(before) <= set(after)
        else:
            assert after == before
        # The change made here waits for a good answer, and then goes.
        fever.mode = "ok"
        code, out, err = _sync(capsys)
        assert code == 0, err
        if mode in ("html", "500", "redirect", "huge", "slow", "drip", "down"):
            assert "1 change sent" in out
        assert [(m["id"], m["as"]) for m in fever.marks][-1:] == [([remote_id], ["read"])]
    finally:
        repo.close()


def test_a_wrong_password_is_refused_in_one_line(
    scripted: tuple[Scripted, FeedServer],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    code, out, err = _sync(capsys)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "refused the user name or password" in err
    assert "wrong" not in err and api_key(USER, "wrong") not in err


def test_hostile_items_are_stored_safely(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    fever, _server = scripted
    fever.items = [
        {"id": "11", "feed_id": "7", "title": "\x1b]52;c;AAAA\x07[b]bold[/b] " + "T" * 5000},
        {"id": 12, "feed_id": 7, "title": ["not", "text"], "html": {"no": 1}, "is_read": "yes"},
        {"id": -5, "feed_id": 7, "title": "negative id"},
        {"id": True, "feed_id": 7, "title": "boolean id"},
        {"id": 13, "feed_id": 999, "title": "feed not subscribed"},
        "not an object",
        {"id": 14, "feed_id": 7, "created_on_time": 10**15, "url": "javascript:alert(1)"},
    ]
    code, out, err = _sync(capsys)
    assert code == 0, err
    repo = Repository(resolve().database)
    try:
        articles = repo.articles(repo.article_ids(ArticleScope()))
        assert len(articles) == 3  # 11 (an id in a string), 12 and 14
        assert all(len(a.title) <= limits.TITLE for a in articles)
        titles = {a.title[:20] for a in articles}
        assert "negative id" not in titles and "boolean id" not in titles
        assert all(a.published is None for a in articles if a.guid.endswith(":14"))
    finally:
        repo.close()
    code, out, err = run(["show", "1"]), *capsys.readouterr()
    assert code == 0
    assert "\x1b" not in out


def test_a_change_to_an_item_the_server_no_longer_has_is_dropped(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    fever, _server = scripted
    assert _sync(capsys)[0] == 0
    repo = Repository(resolve().database)
    try:
        repo.set_starred(repo.article_ids(ArticleScope())[0], True)
    finally:
        repo.close()
    fever.mode = "gone"  # the server answers 404 to the mark: the item was deleted there
    code, out, err = _sync(capsys)
    assert code == 0, err
    assert "sent" not in out and len(fever.marks) == 1
    assert "1 change dropped (item gone from the server)" in out
    fever.mode = "ok"
    assert "sent" not in _sync(capsys)[1]
    assert len(fever.marks) == 1  # not sent again: the queue let it go


def test_a_feed_gone_from_the_server_is_one_line_whatever_its_title(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """The server's title of a feed is untrusted text: a line break in it split the line that
    says the feed is no longer on the server, as it splits no other one-line output."""
    fever, _server = scripted
    assert _sync(capsys)[0] == 0
    fever.feeds[0]["title"] = "Trade\nwire\r\n"  # renamed on the server
    assert _sync(capsys)[0] == 0
    fever.feeds = fever.feeds[1:]
    code, out, err = _sync(capsys)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Trade wire: no longer on the server (kept here)"


def test_a_feed_renamed_on_the_server_keeps_a_one_line_title(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """A rename on the server was stored as given, line breaks and escapes included, where a
    title given to ``add`` is stored as one line: the feeds pane and ``list`` showed it split."""
    fever, _server = scripted
    assert _sync(capsys)[0] == 0
    fever.feeds[0]["title"] = "Trade\nwire\x1b[2J\t(daily) "
    assert _sync(capsys)[0] == 0
    repo = Repository(resolve().database)
    try:
        titles = {f.title for f in repo.feeds()}
    finally:
        repo.close()
    assert "Trade wire (daily)" in titles


def test_remove_says_a_feed_still_on_the_server_comes_back(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """With [sync], `remove` said "removed feed" and the next sync brought the feed back: the
    server has the subscriptions (the README: unsubscribe there)."""
    fever, _ = scripted
    assert _sync(capsys)[0] == 0
    code = run(["remove", "https://news.test/feed.xml"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.startswith("removed feed ")
    assert "still on the sync server" in out and "unsubscribe there" in out
    assert out.count("\n") == 1
    # One the server no longer has goes for good, and says nothing more.
    fever.feeds = [f for f in fever.feeds if f["id"] != 8]
    assert _sync(capsys)[0] == 0
    assert run(["remove", "newsreader:sync/1/8"]) == 0
    assert "sync server" not in capsys.readouterr().out


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_server_that_is_down_or_a_stale_proxy_is_said_plainly(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync server that was down said "(All connection attempts failed)", httpx's words,
    and so did a stale HTTP_PROXY, sending the user to a server that was never asked."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    url = f"http://127.0.0.1:{_closed_port()}/fever/"
    write_sync_config(url)
    code, _out, err = _sync(capsys)
    assert code == 1
    assert err == f"newsreader: sync: cannot connect to {url}: the server refused the connection\n"
    proxy = f"http://127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("HTTP_PROXY", proxy)
    write_sync_config("http://rss.example.org/fever/")
    code, _out, err = _sync(capsys)
    assert code == 1
    assert err == (
        f"newsreader: sync: cannot connect to the proxy {proxy}: it refused the connection"
        " (syncing with http://rss.example.org/fever/)\n"
    )


def test_a_url_the_server_does_not_take_asks_whether_it_is_right(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """A [sync] url at the server's root, or at a page that takes no POST, said only
    "answered HTTP 405" (or 400), where a 404 asked whether the url was right."""
    fever, server = scripted
    fever.mode = "405"
    code, _out, err = _sync(capsys)
    assert code == 1
    assert err.rstrip().endswith("answered HTTP 405 (is the url right?)"), err


def test_an_items_link_is_kept_only_when_a_feed_would_keep_it(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """A synced item kept whatever link the server sent: `newsreader show` printed
    "javascript:alert(1)" as the article's address and y copied it, where the same item
    fetched from its feed has no link. Only an http(s) or mailto address is kept."""
    fever, _server = scripted
    fever.items = [
        {"id": 21, "feed_id": 7, "title": "script", "url": "javascript:alert(1)"},
        {"id": 22, "feed_id": 7, "title": "file", "url": "file:///etc/passwd"},
        {"id": 23, "feed_id": 7, "title": "spaced", "url": " https://news.test/a b "},
    ]
    code, _out, err = _sync(capsys)
    assert code == 0, err
    repo = Repository(resolve().database)
    try:
        articles = repo.articles(repo.article_ids(ArticleScope()))
        links = {a.title: a.link for a in articles}
    finally:
        repo.close()
    assert links == {"script": "", "file": "", "spaced": "https://news.test/a%20b"}


def test_a_feeds_site_address_is_kept_only_when_it_is_one(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """A server feed's site_url was stored as sent: `newsreader export` (and the OPML copy
    beside the database) wrote htmlUrl="javascript:alert(1)" for another reader to import."""
    fever, _server = scripted
    fever.feeds = [
        {
            "id": 7,
            "title": "Trade wire",
            "url": "https://news.test/feed.xml",
            "site_url": "javascript:alert(1)",
        },
        {
            "id": 8,
            "title": "Site",
            "url": "https://site.test/feed.xml",
            "site_url": "https://site.test/",
        },
    ]
    code, _out, err = _sync(capsys)
    assert code == 0, err
    assert run(["export"]) == 0
    exported = capsys.readouterr().out
    assert "javascript" not in exported
    assert 'htmlUrl="https://site.test/"' in exported


def test_a_feed_address_no_feed_could_have_is_not_stored(
    scripted: tuple[Scripted, FeedServer], capsys: pytest.CaptureFixture[str]
) -> None:
    """A server feed's url was kept whenever it began with http(s)://: one with a control
    character or a space was listed, exported and, with [sync] taken out, fetched as it was.
    Such a feed gets the address of a feed without one, as ftp:// did."""
    fever, _server = scripted
    fever.feeds = [{"id": 7, "title": "Trade wire", "url": "https://news.test/a b\x1b[31m.xml"}]
    code, _out, err = _sync(capsys)
    assert code == 0, err
    repo = Repository(resolve().database)
    try:
        assert [f.url for f in repo.feeds() if f.title == "Trade wire"] == ["newsreader:sync/1/7"]
    finally:
        repo.close()

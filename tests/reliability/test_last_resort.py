"""Inputs that reached the last-resort handler (issue 14, case 8), each now one clear line or
the right result: a NEWSREADER_HOME of no user, OPML in Shift_JIS or an unknown encoding, ids
beyond SQLite's integers, ``extract HTTP://`` in upper case, OPML nested deeper than 64, one URL
rule for ``import`` and ``add``, and feed discovery over a page of 40,000 links."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env
from tests.reliability.faultserver import fault_server, ok
from tui.cli import run
from tui.core.limits import FOLDER_DEPTH
from tui.core.opml import parse_opml
from tui.core.parse import MAX_FEED_LINKS, discover_feed_links
from tui.paths import resolve
from tui.services.subscriptions import SubscriptionError, check_feed_url
from tui.store.repository import Repository


def one_line(err: str) -> None:
    assert err.startswith("newsreader: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "unexpected error" not in err, err


@pytest.mark.parametrize("home", ["~nosuchuser/x", "~nosuchuser"])
def test_a_home_of_no_user_is_one_line(tmp_path: Path, home: str) -> None:
    env = child_env(tmp_path)
    env["NEWSREADER_HOME"] = home
    for argv in (["list"], ["paths"]):
        done = subprocess.run(
            [str(NEWSREADER), *argv], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2
        one_line(done.stderr)
        assert "NEWSREADER_HOME" in done.stderr


def _opml(encoding: str, title: str) -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><opml version="2.0"><head/><body>'
        f'<outline text="{title}"><outline text="{title} feed" type="rss"'
        ' xmlUrl="https://jp.example/feed.xml"/></outline></body></opml>'
    )


@pytest.mark.parametrize(
    ("encoding", "codec"),
    [("Shift_JIS", "shift_jis"), ("EUC-JP", "euc_jp"), ("x-no-such-charset", "utf-8")],
)
def test_opml_in_any_encoding_is_read(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, codec: str
) -> None:
    path = tmp_path / "feeds.opml"
    path.write_bytes(_opml(encoding, "日本語のニュース").encode(codec))
    assert run(["import", str(path)]) == 0, capsys.readouterr().err
    repo = Repository(resolve().database)
    try:
        (feed,) = repo.feeds()
    finally:
        repo.close()
    assert feed.title == "日本語のニュース feed" and feed.folder == "日本語のニュース"


def test_opml_that_is_no_text_in_its_encoding_is_one_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "feeds.opml"
    path.write_bytes(b'<?xml version="1.0" encoding="Shift_JIS"?><opml><body>\x81\x00</body>')
    assert run(["import", str(path)]) == 2
    one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "99999999999999999999"],
        ["show", "9223372036854775808"],
        ["show", "0"],
        ["show", "-99999999999999999999"],
        ["remove", "99999999999999999999"],
        ["remove", "9223372036854775808"],
    ],
)
def test_ids_beyond_sqlite_integers_are_usage_errors(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert run(argv) == 2
    one_line(capsys.readouterr().err)


def test_extract_reads_an_upper_case_url_as_a_url(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (
        b"<html><body><article><p>Brazil faces a 50% tariff on its exports to the United "
        b"States from August, the White House said on Wednesday in a statement.</p>"
        b"</article></body></html>"
    )
    with fault_server({"/page": ok(page, "text/html")}, lifetime=60) as srv:
        url = srv.url("/page").replace("http://", "HTTP://")
        assert run(["extract", url, "--text"]) == 0, capsys.readouterr().err
    assert "Brazil faces a 50% tariff" in capsys.readouterr().out


def _nested(depth: int) -> bytes:
    opening = "".join(f'<outline text="level {n}">' for n in range(depth))
    closing = "</outline>" * depth
    feed = '<outline type="rss" text="Deep" xmlUrl="https://deep.example/feed.xml"/>'
    return (
        f'<?xml version="1.0"?><opml version="2.0"><head/><body>{opening}{feed}{closing}'
        '<outline type="rss" text="Shallow" xmlUrl="https://shallow.example/feed.xml"/>'
        "</body></opml>"
    ).encode()


@pytest.mark.parametrize("depth", [65, 100, 20_000])
def test_opml_nested_deeper_than_64_is_imported(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], depth: int
) -> None:
    path = tmp_path / "deep.opml"
    path.write_bytes(_nested(depth))
    assert run(["import", str(path)]) == 0, capsys.readouterr().err
    assert "imported 2 new feeds" in capsys.readouterr().out
    repo = Repository(resolve().database)
    try:
        folders = {f.url: f.folder for f in repo.feeds()}
    finally:
        repo.close()
    deep = folders["https://deep.example/feed.xml"].split("/")
    assert deep == [f"level {n}" for n in range(FOLDER_DEPTH)]
    assert folders["https://shallow.example/feed.xml"] == ""


URLS = [
    "http:///etc/passwd",
    "https:///",
    "http://",
    "HTTP://Upper.example/feed",
    "feed://feed.example/rss",
    "feed:https://feed.example/rss",
    "http://port.example:99999/",
    "http://port.example:abc/",
    "https://a b.example/",
    "http://[::1/",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "ftp://ftp.example/feed",
    "http://ok.example/\x9b2J",
    "http://ok.example/\u202eevil",
    "http://ok.example/" + "a" * 9000,
    "https://ok.example/feed.xml",
    "http://127.0.0.1:8080/feed",
]


def test_import_and_add_share_one_url_rule(home: Path, tmp_path: Path) -> None:
    accepted_by_add = set()
    for url in URLS:
        with contextlib.suppress(SubscriptionError):
            accepted_by_add.add(check_feed_url(url))
    outlines = "".join(
        f'<outline type="rss" text="f{n}" xmlUrl="{_attr(url)}"/>' for n, url in enumerate(URLS)
    )
    doc = f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'
    imported = {s.url for s in parse_opml(doc.encode("utf-8"))}
    assert imported == accepted_by_add
    assert "http:///etc/passwd" not in imported
    assert "http://Upper.example/feed" in imported


def _attr(value: str) -> str:
    for char, ref in (("&", "&amp;"), ('"', "&quot;"), ("<", "&lt;"), ("\x9b", "&#x9b;")):
        value = value.replace(char, ref)
    return value


def test_discovery_reads_a_bounded_number_of_feed_links() -> None:
    """40,000 advertised feeds took 10 s (each checked against every one kept before)."""
    links = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="/f{n % 30_000}">'
        for n in range(40_000)
    )
    found = discover_feed_links(f"<html><head>{links}</head></html>", "https://site.example/")
    assert len(found) == MAX_FEED_LINKS
    assert found[:3] == [f"https://site.example/f{n}" for n in range(3)]
    assert len(set(found)) == len(found)

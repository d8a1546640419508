"""Control bytes in what the CLI prints (issue 14, case 6): a permanent redirect whose
``Location`` held UTF-8-encoded C1 controls was stored as the feed's URL and printed raw by
``add``, ``list``, ``list --json`` and ``remove``. A redirect target is percent-encoded before it
is stored, and every line the CLI writes, to stdout and stderr, is sanitised."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env
from tests.reliability.faultserver import fault_server, ok, redirect, small_feed
from tui.cli import run
from tui.core.models import ParsedArticle
from tui.paths import resolve
from tui.store.repository import Repository

# What must never reach a terminal from the CLI: C0 but tab and newline, DEL, C1, bidi tricks.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# "/new" then CSI 2J, OSC 0;PWNED ST, each a C1 control sent as its two UTF-8 bytes.
C1_PATH = "/new\xc2\x9b2J\xc2\x9d0;PWNED\xc2\x9c"


def clean(text: str) -> None:
    text = text.replace("\r\n", "\n")  # CSV lines end in CRLF
    assert not FORBIDDEN.findall(text), repr(text)


def test_a_redirect_with_c1_controls_is_stored_and_printed_safely(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The path httpx asks for after the redirect (it percent-encodes what it sends).
    asked = "/new%C2%9B2J%C2%9D0;PWNED%C2%9C"
    routes = {"/old": redirect(301, C1_PATH), asked: ok(small_feed("f"))}
    with fault_server(routes, lifetime=60) as srv:
        assert run(["add", srv.url("/old")]) == 0
        out, err = capsys.readouterr()
        clean(out + err)
        assert srv.url(asked) in out
        repo = Repository(resolve().database)
        try:
            stored = [f.url for f in repo.feeds()]
        finally:
            repo.close()
        assert stored == [srv.url(asked)]
        for argv in (["list"], ["list", "--json"], ["refresh"], ["remove", stored[0]]):
            assert run(argv) == 0
            out, err = capsys.readouterr()
            clean(out + err)
            assert argv == ["refresh"] or srv.url(asked) in out


@pytest.fixture
def dirty_home(home: Path) -> Path:
    """A database as an older version could leave it: control characters in every text."""
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    evil = "\x1b]0;PWNED\x07\x9b2J\u202eRLO\x00"
    try:
        feed = repo.add_feed(f"http://127.0.0.1:9/{evil}", title=f"Feed {evil}", folder=evil)
        repo.record_fetch(feed.id, status=500, error=f"HTTP 500 {evil}")
        repo.store_articles(
            feed.id,
            [
                ParsedArticle(
                    guid="g",
                    title=f"Title {evil}",
                    author=evil,
                    link=f"https://ok.example/{evil}",
                    content_html=f"<p>Body {evil} <a href='https://ok.example/{evil}'>x</a></p>",
                )
            ],
        )
        repo.set_state("initialised", "1")
    finally:
        repo.close()
    return home


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["list", "--json"],
        ["show", "1"],
        ["export"],
        ["refresh"],
        ["tariffs", "--format", "json"],
        ["tariffs", "--format", "csv"],
        ["remove", "1"],
    ],
)
def test_every_command_prints_only_clean_text(dirty_home: Path, argv: list[str]) -> None:
    config = resolve().config_file
    config.write_text('fulltext = "never"\ntimeout_seconds = 1\n', encoding="utf-8")
    done = subprocess.run(
        [str(NEWSREADER), *argv],
        env=child_env(dirty_home),
        capture_output=True,
        timeout=60,
    )
    out = done.stdout.decode("utf-8")
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err
    clean(out)
    clean(err)
    if argv == ["list", "--json"]:
        assert json.loads(out)[0]["title"].startswith("Feed ")

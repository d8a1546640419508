"""``newsreader serve``'s options and its websocket's guard (tui.ui.serve), without a server."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import run
from tui.ui.serve import (
    ServeError,
    ServeOptions,
    host_allowed,
    is_loopback,
    origin_allowed,
    plan,
    reader_command,
)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.3.2.1", True),
        ("localhost", True),
        ("LocalHost", True),
        ("app.localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.0.2.10", False),
        ("localhost.example", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_plan_defaults_to_loopback() -> None:
    assert plan("127.0.0.1", 8000) == ServeOptions("127.0.0.1", 8000, "http://127.0.0.1:8000")
    assert plan("::1", 8080).public_url == "http://[::1]:8080"
    assert plan("localhost", 80).public_url == "http://localhost"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "example.org", "::"])
def test_plan_refuses_other_hosts_without_public(host: str) -> None:
    with pytest.raises(ServeError, match="--public") as raised:
        plan(host, 8000)
    assert "no login" in str(raised.value)


def test_plan_with_public() -> None:
    options = plan("192.0.2.10", 8000, public=True)
    assert options.public_url == "http://192.0.2.10:8000"
    assert not options.loopback
    with pytest.raises(ServeError, match="--public-url"):  # browsers cannot open 0.0.0.0
        plan("0.0.0.0", 8000, public=True)
    wildcard = plan("0.0.0.0", 8000, public=True, public_url="https://news.example/reader/")
    assert wildcard.public_url == "https://news.example/reader"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://news.example",
        "news.example:8000",
        "http://",
        'http://a"><script>',
        "http://a b",
        "http://[::1/reader",  # an IPv6 address without its closing bracket
    ],
)
def test_plan_refuses_odd_public_urls(url: str) -> None:
    with pytest.raises(ServeError, match="--public-url"):
        plan("127.0.0.1", 8000, public_url=url)


@pytest.mark.parametrize("host", ["[::1", "::1]", "[]", "local host", 'a"><b', "a/b", "u@h"])
def test_plan_refuses_a_host_that_is_no_name_or_address(host: str) -> None:
    with pytest.raises(ServeError, match="--host is not"):
        plan(host, 8000, public=True)


def test_plan_refuses_an_empty_host() -> None:
    with pytest.raises(ServeError, match="empty"):
        plan("  ", 8000)


LOOPBACK = plan("127.0.0.1", 8000)
PUBLIC = plan("192.0.2.10", 8000, public=True)


@pytest.mark.parametrize(
    ("options", "origin", "host", "allowed"),
    [
        # Its own page, opened by either loopback name; a client that is no browser page.
        (LOOPBACK, "http://127.0.0.1:8000", "127.0.0.1:8000", True),
        (LOOPBACK, "http://localhost:8000", "127.0.0.1:8000", True),
        (LOOPBACK, None, "127.0.0.1:8000", True),
        # A page of another site, an opaque origin, a rebound name.
        (LOOPBACK, "https://news.example", "127.0.0.1:8000", False),
        (LOOPBACK, "null", "127.0.0.1:8000", False),
        (LOOPBACK, "http://rebound.example:8000", "rebound.example:8000", False),
        (LOOPBACK, None, "rebound.example:8000", False),
        # Listening on another address: its own page only.
        (PUBLIC, "http://192.0.2.10:8000", "192.0.2.10:8000", True),
        (PUBLIC, "http://reader.lan:8000", "reader.lan:8000", True),
        (PUBLIC, "http://127.0.0.1:8000", "192.0.2.10:8000", False),
        (PUBLIC, "https://news.example", "192.0.2.10:8000", False),
    ],
)
def test_origin_allowed(
    options: ServeOptions, origin: str | None, host: str, allowed: bool
) -> None:
    assert origin_allowed(options, origin, host) is allowed


@pytest.mark.parametrize(
    ("options", "host", "allowed"),
    [
        (LOOPBACK, "127.0.0.1:8000", True),
        (LOOPBACK, "localhost:8000", True),
        (LOOPBACK, "rebound.example:8000", False),
        (LOOPBACK, "", False),
        (plan("127.0.0.1", 8000, public_url="https://reader.example"), "reader.example", True),
        (PUBLIC, "reader.lan:8000", True),
    ],
)
def test_host_allowed(options: ServeOptions, host: str, allowed: bool) -> None:
    assert host_allowed(options, host) is allowed


def test_origin_of_the_public_url_behind_a_proxy() -> None:
    proxied = plan("127.0.0.1", 8000, public_url="https://reader.example")
    assert origin_allowed(proxied, "https://reader.example", "reader.example")
    assert not origin_allowed(proxied, "https://news.example", "reader.example")


def test_reader_command_runs_this_installation() -> None:
    assert shlex.split(reader_command()) == [sys.executable, "-P", "-m", "tui", "tui"]


def test_cli_refuses_before_serving(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NEWSREADER_HOME", str(tmp_path / "home"))
    assert run(["serve", "--host", "0.0.0.0"]) == 2
    assert run(["serve", "--port", "70000"]) == 2
    assert run(["serve", "--port", "８０"]) == 2  # full-width digits are no port
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and all(line.startswith("newsreader: ") for line in lines), lines
    assert not (tmp_path / "home").exists()


def test_other_commands_start_without_textual_serve() -> None:
    code = (
        "import sys, tui.cli, tui.ui.serve\n"
        "tui.cli.build_parser()\n"
        "heavy = ('textual', 'textual_serve', 'aiohttp')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

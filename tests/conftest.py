"""Shared fixtures: the third-party corpus in ../shared (skipped when absent), a temp home, a
repository in a temporary folder; and the hostile text the sanitising tests share."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import strategies as st

from tests.feedserver import FeedServer, serve
from tui.store.repository import Repository

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (CI always has it); tests that need it skip, saying why."""
    if not (SHARED / "feeds").is_dir():
        pytest.skip(
            f"the shared corpus is not at {SHARED} (it is third-party text, not in the repo)"
        )
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    return shared_dir / "feeds"


@pytest.fixture(scope="session")
def seed_dir(shared_dir: Path) -> Path:
    return shared_dir / "seed"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh NEWSREADER_HOME, so no test reads or writes the user's files (nor, run inside
    tmux, the user's tmux buffers: a copy inside tmux goes there too)."""
    root = tmp_path / "home"
    root.mkdir()
    monkeypatch.setenv("NEWSREADER_HOME", str(root))
    monkeypatch.delenv("TMUX", raising=False)
    return root


@pytest.fixture
def corpus_server(corpus_dir: Path) -> Iterator[FeedServer]:
    """The real feed corpus served on 127.0.0.1 with ETag and Last-Modified."""
    with serve(corpus_dir) as server:
        yield server


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Where :func:`repo` keeps its file (in a folder it creates)."""
    return tmp_path / "data" / "news.db"


@pytest.fixture
def repo(database: Path) -> Iterator[Repository]:
    """A real repository on a fresh SQLite file, closed after the test."""
    opened = Repository(database)
    yield opened
    opened.close()


def rss_feed(descriptions: list[str], title: str = "Trade desk") -> bytes:
    """An RSS 2.0 document of one item per description (HTML, escaped into the element):
    item ``n`` is "Report n", guid ``report-n``, dated 2n July 2025 (for n under 8)."""
    entries = "".join(
        f"<item><title>Report {n}</title><guid>report-{n}</guid>"
        f"<link>https://news.example.test/{n}</link>"
        f"<pubDate>Mon, 2{n % 8} Jul 2025 09:00:00 GMT</pubDate>"
        f"<description>{html.escape(text)}</description></item>"
        for n, text in enumerate(descriptions)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://news.example.test/</link>{entries}</channel></rss>"
    ).encode()


# -- hostile text -----------------------------------------------------------------------------

NASTY = st.sampled_from(
    [
        "\x1b[31m",
        "\x1b]8;;https://evil.example/\x07",
        "\x1b]52;c;cm0gLXJmIH4K\x07",
        "\x1b]52;c;unterminated",
        "\x9b2J",
        "\x9d0;t\x9c",
        "\x1bP1$r\x1b\\",
        "\u202e",
        "\u2066",
        "\u200b",
        "\r",
        "\x00",
        "&#x1b;",
        "&#27;[2J",
        "&#x9b;",
        "&#x202e;",
        "&#0;",
        "<script>alert(1)</script>",
        "<a href='javascript:alert(1)'>x</a>",
        "<a href='https://ok.example/'>ok</a>",
        "<img alt='\x1b[1m' src=x>",
        "<p>",
        "</p>",
        "<table><tr><td>",
        "<pre>```",
        "<![CDATA[",
        "]]>",
        "<!--",
        "-->",
        "\ue000",
        "\ue0021\ue002",
    ]
)

# What must never reach the screen: C0 (but newline), DEL, C1, bidi controls, zero-width tricks.
# Zero width joiner and non-joiner may: emoji sequences and Persian words need them.
SCREEN_FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
CSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
OSC8 = re.compile(r"\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x07|\x1b\\)")

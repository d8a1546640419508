"""Sync fixtures: a real coldsweat server on 127.0.0.1 serving feeds from 127.0.0.1, and a
newsreader home whose config.toml points [sync] at it."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer
from tests.sync.coldsweat import PASSWORD, Coldsweat, Unavailable, install, start_server
from tests.sync.ttrss_server import Cluster, TinyTinyRSS
from tests.sync.ttrss_server import check as check_ttrss
from tests.sync.ttrss_server import server_from as ttrss_server_from
from tests.sync.ttrss_server import template as ttrss_template_cluster
from tui.paths import resolve

# Real feeds of the corpus, in two groups and none: tariff news, Atom, a legacy encoding.
NEWS = (
    "npr-news-2025-04-04.xml",
    "npr-news-2025-07-17.xml",
    "wgrz-buffalo-local-2025-03-07.xml",
    "guardian-us-2018.rss",
)
WORLD = ("bbc-chinese-2015.atom", "jornal-de-noticias-2018-iso8859-1.rss")
LOOSE = ("daringfireball-2017.atom", "tpm-news-2017.atom")
PASSWORD_ENV = "NEWSREADER_TEST_SYNC_PASSWORD"


@pytest.fixture(scope="session")
def coldsweat_bin() -> Path:
    """coldsweat's virtual environment (installed on first use, then cached by version)."""
    try:
        return install()
    except Unavailable as exc:
        pytest.skip(f"{exc} (pip needs PyPI to install it once)")


@pytest.fixture
def coldsweat(
    coldsweat_bin: Path, tmp_path: Path, corpus_server: FeedServer
) -> Iterator[Coldsweat]:
    """coldsweat with the corpus feeds above imported and fetched, running."""
    groups = {
        "News": [corpus_server.url(f) for f in NEWS],
        "World": [corpus_server.url(f) for f in WORLD],
        "": [corpus_server.url(f) for f in LOOSE],
    }
    server = start_server(coldsweat_bin, tmp_path / "coldsweat", groups)
    try:
        yield server
    finally:
        server.stop()


def remote_id(article_id: int) -> int:
    """The server's id of the synced article ``article_id`` (of the current NEWSREADER_HOME)."""
    with sqlite3.connect(resolve().database) as conn:
        row = conn.execute(
            "SELECT remote_id FROM sync_items WHERE article_id = ?", (article_id,)
        ).fetchone()
    return int(row[0])


def write_sync_config(
    url: str,
    *,
    command: str | None = None,
    extra: str = "",
    service: str = "fever",
    user: str = "reader@example.org",
) -> Path:
    """config.toml of the current NEWSREADER_HOME with [sync] on ``url``; the password comes
    from ``command``, else from the environment (the test's monkeypatch sets it)."""
    config = resolve().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    source = (
        f"password_command = {json.dumps(command)}"
        if command is not None
        else f'password_env = "{PASSWORD_ENV}"'
    )
    config.write_text(
        f'{extra}\n[sync]\nservice = "{service}"\nurl = "{url}"\nuser = "{user}"\n{source}\n',
        encoding="utf-8",
    )
    return config


@pytest.fixture
def synced_home(home: Path, coldsweat: Coldsweat, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsreader home set to sync with the coldsweat fixture."""
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    write_sync_config(coldsweat.url)
    return home


# Tiny Tiny RSS: fewer feeds (tt-rss fetches them in the session's set-up).
TTRSS_GROUPS = {"News": NEWS[:2], "World": WORLD[:1], "": LOOSE[:1]}


@pytest.fixture(scope="session")
def ttrss_template(corpus_dir: Path) -> Iterator[tuple[Cluster, FeedServer]]:
    """One PostgreSQL cluster for the session, with tt-rss's database set up and its feeds
    fetched (skipped, saying what to install, only when tt-rss or PostgreSQL is missing)."""
    try:
        check_ttrss()
    except Unavailable as exc:
        pytest.skip(str(exc))
    with ttrss_template_cluster(corpus_dir, TTRSS_GROUPS) as made:
        yield made


@pytest.fixture
def ttrss(ttrss_template: tuple[Cluster, FeedServer]) -> Iterator[TinyTinyRSS]:
    """A running tt-rss on a fresh copy of the session's database."""
    server = ttrss_server_from(*ttrss_template)
    try:
        yield server
    finally:
        server.stop()

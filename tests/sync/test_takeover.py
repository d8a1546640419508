"""Turning sync on for feeds already read here: the articles fetched before are matched to the
server's items, and what the reader did to them here (read, starred) is kept and sent, not
replaced by the server's state (which knew nothing of it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, reply, serve
from tests.sync.coldsweat import PASSWORD, Coldsweat, start_server
from tests.sync.conftest import PASSWORD_ENV, remote_id, write_sync_config
from tui.cli import run
from tui.core.models import ArticleScope
from tui.paths import resolve
from tui.store.repository import Repository

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>http://127.0.0.1/</link>
<description>d</description>
<item><title>Kept for later</title><guid>a</guid><link>http://127.0.0.1/a</link>
<description>one</description><pubDate>Thu, 03 Dec 2026 10:00:00 GMT</pubDate></item>
<item><title>Read over breakfast</title><guid>b</guid><link>http://127.0.0.1/b</link>
<description>two</description><pubDate>Thu, 03 Dec 2026 09:00:00 GMT</pubDate></item>
<item><title>Not yet read</title><guid>c</guid><link>http://127.0.0.1/c</link>
<description>three</description><pubDate>Thu, 03 Dec 2026 08:00:00 GMT</pubDate></item>
</channel></rss>
"""


@pytest.fixture
def wire() -> Iterator[FeedServer]:
    with serve(routes={"/wire.xml": reply(200, FEED, {"Content-Type": "application/xml"})}) as s:
        yield s


@pytest.fixture
def wire_coldsweat(coldsweat_bin: Path, tmp_path: Path, wire: FeedServer) -> Iterator[Coldsweat]:
    server = start_server(coldsweat_bin, tmp_path / "coldsweat", {"": [wire.url("/wire.xml")]})
    try:
        yield server
    finally:
        server.stop()


def test_what_was_done_here_before_sync_is_kept_and_sent(
    home: Path,
    wire: FeedServer,
    wire_coldsweat: Coldsweat,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """It was lost: the first sync made the starred article unstarred (and so no longer kept
    from retention) and the read one unread, as the server had them."""
    assert run(["add", wire.url("/wire.xml")]) == 0
    repo = Repository(resolve().database)
    try:
        by_title = {a.title: a.id for a in repo.articles(repo.article_ids(ArticleScope()))}
        kept, read, unread = (
            by_title["Kept for later"],
            by_title["Read over breakfast"],
            by_title["Not yet read"],
        )
        repo.set_starred(kept, True)
        repo.set_read([read])
        monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
        write_sync_config(wire_coldsweat.url)
        capsys.readouterr()
        assert run(["sync"]) == 0, capsys.readouterr().err
        assert "0 new articles" in capsys.readouterr().out  # matched, not stored twice
        shown = {a.id: a for a in repo.articles([kept, read, unread])}
        assert shown[kept].starred and not shown[kept].read
        assert shown[read].read and not shown[read].starred
        assert not shown[unread].read and not shown[unread].starred
        # The next sync sends them: the server has them as they are here.
        assert run(["sync"]) == 0
        assert "2 changes sent" in capsys.readouterr().out
        assert wire_coldsweat.ids("saved") == {remote_id(kept)}
        assert wire_coldsweat.ids("unread") == {remote_id(kept), remote_id(unread)}
    finally:
        repo.close()

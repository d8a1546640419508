"""A podcast synced from a real Tiny Tiny RSS keeps its episodes' files: the items' enclosures
come with them (``attachments``), as from a feed fetched here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer
from tests.sync.coldsweat import Unavailable
from tests.sync.conftest import PASSWORD_ENV, write_sync_config
from tests.sync.ttrss_server import (
    FEED_HOST,
    PASSWORD,
    USER,
    Cluster,
    TinyTinyRSS,
    server_from,
    template,
)
from tests.sync.ttrss_server import check as check_ttrss
from tui.cli import run
from tui.core.enclosures import MAX_PER_ITEM
from tui.core.models import ArticleScope
from tui.paths import resolve
from tui.services.sync.ttrss import item
from tui.store.repository import Repository

EPISODE = f"http://{FEED_HOST}/episodes/42.mp3"
PODCAST = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>A podcast</title><link>http://{FEED_HOST}/</link><description>d</description>
<item><title>Episode 42</title><guid>ep42</guid><link>http://{FEED_HOST}/42</link>
<description>The forty-second.</description><pubDate>Thu, 03 Dec 2026 10:00:00 GMT</pubDate>
<enclosure url="{EPISODE}" type="audio/mpeg" length="31000000"/>
<media:content url="http://{FEED_HOST}/cover.jpg" type="image/jpeg" medium="image"/>
</item></channel></rss>
"""


@pytest.fixture(scope="module")
def podcast_template(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Cluster, FeedServer]]:
    try:
        check_ttrss()
    except Unavailable as exc:  # skipped, saying what to install
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("podcast")
    (folder / "podcast.xml").write_text(PODCAST, encoding="utf-8")
    with template(folder, {"Podcasts": ["podcast.xml"]}) as made:
        yield made


@pytest.fixture
def podcast_ttrss(podcast_template: tuple[Cluster, FeedServer]) -> Iterator[TinyTinyRSS]:
    server = server_from(*podcast_template)
    try:
        yield server
    finally:
        server.stop()


def test_a_synced_episode_keeps_its_file(
    home: Path,
    podcast_ttrss: TinyTinyRSS,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    write_sync_config(podcast_ttrss.url, service="ttrss", user=USER)
    assert run(["sync"]) == 0, capsys.readouterr().err
    repo = Repository(resolve().database)
    try:
        (article_id,) = repo.article_ids(ArticleScope())
        article = repo.article(article_id)
    finally:
        repo.close()
    assert article is not None
    # The episode, with its type and size; the cover picture is no enclosure.
    assert [(e.url, e.media_type, e.length) for e in article.enclosures] == [
        (EPISODE, "audio/mpeg", 31_000_000)
    ]
    capsys.readouterr()
    assert run(["show", str(article_id)]) == 0
    assert f"enclosure: {EPISODE} (audio/mpeg · 31.0 MB)" in capsys.readouterr().out


def test_hostile_attachments_are_checked_as_a_feeds_enclosures() -> None:
    found = item(
        {
            "id": 1,
            "feed_id": 2,
            "attachments": [
                {"content_url": "file:///etc/passwd", "content_type": "audio/mpeg"},
                {"content_url": "javascript:alert(1)", "content_type": "audio/mpeg"},
                {"content_url": ["not", "a", "url"], "content_type": 7},
                {
                    "content_url": "https://pod.example/a.mp3",
                    "content_type": "[bold]x",
                    "duration": "-3",
                },
                {"content_url": "https://pod.example/cover.png", "content_type": "IMAGE/PNG"},
                "not an object",
            ]
            + [{"content_url": f"https://pod.example/{n}.mp3"} for n in range(40)],
        }
    )
    assert found is not None
    first = found.enclosures[0]
    assert (first.url, first.media_type, first.length) == ("https://pod.example/a.mp3", "", None)
    assert len(found.enclosures) == MAX_PER_ITEM
    assert all(e.url.startswith("https://pod.example/") for e in found.enclosures)
    assert not any(e.url.endswith(".png") for e in found.enclosures)
    assert item({"id": 1, "feed_id": 2, "attachments": "none"}) is not None

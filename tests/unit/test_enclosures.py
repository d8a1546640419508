"""Enclosures: read from RSS, Atom and JSON Feed by both parsers alike, normalised, stored with
their articles and brought to articles stored before they were."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import tui.core.parse as parse_module
from tui.core.enclosures import (
    MAX_PER_ITEM,
    describe,
    format_amount,
    format_duration,
    format_remaining,
    format_size,
    format_speed,
    parse_duration,
    parse_length,
    read_enclosures,
)
from tui.core.models import Enclosure, ParsedArticle, ParsedFeed
from tui.core.parse import parse_feed
from tui.core.parse_fast import read_fast
from tui.store.repository import Repository

Both = Callable[[bytes], tuple[ParsedFeed, ParsedFeed, bool]]


@pytest.fixture
def both(monkeypatch: pytest.MonkeyPatch) -> Iterator[Both]:
    """``(as the app parses, feedparser alone, whether feedparser-rs read it)``."""

    def run(data: bytes) -> tuple[ParsedFeed, ParsedFeed, bool]:
        taken: list[bool] = []

        def spy(body: bytes) -> object:
            answer = read_fast(body)
            taken.append(answer is not None)
            return answer

        monkeypatch.setattr(parse_module, "read_fast", spy)
        app = parse_feed(data, url="https://pod.example/feed")
        monkeypatch.setattr(parse_module, "read_fast", lambda body: None)
        reference = parse_feed(data, url="https://pod.example/feed")
        return app, reference, any(taken)

    yield run


@pytest.mark.parametrize(
    ("raw", "length"),
    [("54919661", 54919661), (" 77 ", 77), (1234, 1234), ("0", None), ("-5", None)]
    + [("abc", None), ("", None), (None, None), (True, None), ("9" * 30, None), ("１２", None)],
)
def test_lengths(raw: object, length: int | None) -> None:
    assert parse_length(raw) == length


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [("3725", 3725), ("62:05", 3725), ("1:02:05", 3725), ("01:54:09", 6849)]
    + [("1:02:05.5", 3725), (3725, 3725), (12.9, 12), ("0", None), ("", None)]
    + [("an hour", None), ("1:2:3:4", None), (float("nan"), None), (10**9, None)],
)
def test_durations(raw: object, seconds: int | None) -> None:
    assert parse_duration(raw) == seconds


def test_read_enclosures_keeps_http_links_once_and_gives_the_item_duration_to_the_first() -> None:
    entry = {
        "enclosures": [
            {"href": "ep.mp3", "type": "Audio/MPEG; charset=x", "length": "100"},
            {"href": "https://pod.example/ep.mp3"},  # the same, once resolved
            {"href": "javascript:alert(1)", "type": "audio/mpeg"},
            {"href": "mailto:desk@pod.example"},
            {"type": "audio/mpeg"},
            {"href": "https://pod.example/v.mp4", "type": "<b>video</b>", "duration": 60},
            "not a mapping",
        ],
        "itunes_duration": "5:07",
    }
    resolve = {"ep.mp3": "https://pod.example/ep.mp3"}.get
    found = read_enclosures(entry, lambda href: resolve(href) or href)
    assert found == (
        Enclosure("https://pod.example/ep.mp3", "audio/mpeg", 100, 307),
        Enclosure("https://pod.example/v.mp4", "", None, 60),
    )


def test_an_item_holds_a_bounded_number_of_enclosures() -> None:
    entry = {"enclosures": [{"href": f"https://pod.example/{n}.mp3"} for n in range(100)]}
    assert len(read_enclosures(entry, lambda href: href)) == MAX_PER_ITEM


def test_descriptions() -> None:
    assert describe(Enclosure("u", "audio/mpeg", 54_919_661, 6849)) == (
        "audio/mpeg · 54.9 MB · 1:54:09"
    )
    assert describe(Enclosure("u")) == ""
    assert [format_size(n) for n in (999, 1000, 1_500_000, 123_456_789, 3 * 10**12)] == [
        "999 B",
        "1.0 KB",
        "1.5 MB",
        "123 MB",
        "3000 GB",
    ]
    assert (format_duration(307), format_duration(3725)) == ("5:07", "1:02:05")
    assert format_amount(2_500_000, 5_000_000) == "2.5 MB of 5.0 MB"
    assert format_amount(2_500_000, None) == "2.5 MB"
    assert (format_speed(1_300_000), format_speed(0)) == ("1.3 MB/s", "")
    assert (format_remaining(11.6), format_remaining(None)) == ("0:12 left", "")


def test_the_podcast_corpus_reads_the_same_with_both_parsers(corpus_dir: Path, both: Both) -> None:
    app, reference, taken = both((corpus_dir / "atp-podcast-2019.rss").read_bytes())
    assert taken  # the fast path reads it
    assert [a.enclosures for a in app.articles] == [a.enclosures for a in reference.articles]
    assert len(app.articles) == 100 and all(len(a.enclosures) == 1 for a in app.articles)
    assert app.articles[0].enclosures[0] == Enclosure(
        "http://traffic.libsyn.com/atpfm/atp311.mp3", "audio/mpeg", 54_919_661, 6849
    )
    untyped = app.articles[2].enclosures[0]  # <enclosure> without a type
    assert (untyped.media_type, untyped.length, untyped.duration) == ("", 50_286_944, 6270)
    app, reference, _ = both((corpus_dir / "taverncast-podcast-2005-malformed.rss").read_bytes())
    assert [a.enclosures for a in app.articles] == [a.enclosures for a in reference.articles]
    first = app.articles[0].enclosures[0]
    assert first.url.startswith("http://www.podtrac.com/pts/redirect.mp3?")
    assert (first.length, first.duration) == (47_160_424, 4190)


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Pod</title><link href="https://pod.example/"/>
<id>urn:pod</id><updated>2025-01-01T00:00:00Z</updated>
<entry><title>One</title><id>urn:one</id><updated>2025-01-01T00:00:00Z</updated>
<link href="https://pod.example/one"/>
<link rel="enclosure" href="https://pod.example/one.mp3" length="1234" type="audio/mpeg"/>
<link rel="enclosure" href="/media/one.ogg" type="audio/ogg"/>
<summary>First</summary></entry></feed>"""

RSS = """<?xml version="1.0"?><rss version="2.0"
xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Pod</title>
<link>https://pod.example/</link><item><title>One</title><guid>one</guid>
<link>https://pod.example/one</link><description>First</description>
<pubDate>Wed, 31 Jan 2018 07:26:05 GMT</pubDate>
<enclosure url="{url}" length="2000" type="audio/mpeg"/><itunes:duration>45:10</itunes:duration>
</item></channel></rss>"""


def test_atom_enclosure_links_read_the_same(both: Both) -> None:
    app, reference, taken = both(ATOM)
    assert taken
    assert (
        app.articles[0].enclosures
        == reference.articles[0].enclosures
        == (
            Enclosure("https://pod.example/one.mp3", "audio/mpeg", 1234, None),
            Enclosure("https://pod.example/media/one.ogg", "audio/ogg", None, None),
        )
    )


def test_an_enclosure_on_an_internal_address_is_read_by_feedparser_and_kept(both: Both) -> None:
    """feedparser-rs empties such a URL (its own guard); the document goes to feedparser, and
    the internal_links setting decides when it is downloaded or played."""
    data = RSS.format(url="http://127.0.0.1:8000/one.mp3").encode()
    app, reference, taken = both(data)
    assert not taken
    assert app.articles[0].enclosures == (
        Enclosure("http://127.0.0.1:8000/one.mp3", "audio/mpeg", 2000, 2710),
    )


def test_json_feed_attachments() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Pod",
        "home_page_url": "https://pod.example/",
        "items": [
            {
                "id": "1",
                "title": "One",
                "content_text": "First",
                "attachments": [
                    {
                        "url": "https://pod.example/one.m4a",
                        "mime_type": "audio/x-m4a",
                        "size_in_bytes": 89970236,
                        "duration_in_seconds": 6629,
                    },
                    {"url": "/one.pdf", "mime_type": "application/pdf", "size_in_bytes": "big"},
                    {"mime_type": "audio/mpeg"},
                    "junk",
                ],
            },
            {"id": "2", "title": "Two", "attachments": "not a list"},
        ],
    }
    feed = parse_feed(json.dumps(doc).encode(), url="https://pod.example/feed.json")
    assert feed.articles[0].enclosures == (
        Enclosure("https://pod.example/one.m4a", "audio/x-m4a", 89_970_236, 6629),
        Enclosure("https://pod.example/one.pdf", "application/pdf", None, None),
    )
    assert feed.articles[1].enclosures == ()


def test_an_item_with_only_an_enclosure_is_kept() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>'
        b'<item><enclosure url="https://pod.example/a.mp3" type="audio/mpeg"/></item>'
        b'<item><enclosure url="https://pod.example/b.mp3" type="audio/mpeg"/></item>'
        b"</channel></rss>"
    )
    articles = parse_feed(data).articles
    assert [a.enclosures[0].url for a in articles] == [
        "https://pod.example/a.mp3",
        "https://pod.example/b.mp3",
    ]
    assert len({a.guid for a in articles}) == 2


# -- the store ----------------------------------------------------------------------------------


def _article(guid: str, *enclosures: Enclosure) -> ParsedArticle:
    return ParsedArticle(guid=guid, title=f"Episode {guid}", enclosures=enclosures)


EP1 = Enclosure("https://pod.example/1.mp3", "audio/mpeg", 1000, 60)
EP1_HD = Enclosure("https://pod.example/1-hd.mp4", "video/mp4", 9000, 60)


def test_enclosures_are_stored_and_read_with_their_article(repo: Repository) -> None:
    feed = repo.add_feed("https://pod.example/feed")
    (one, two) = repo.store_articles(feed.id, [_article("1", EP1, EP1_HD), _article("2")])
    article = repo.article(one)
    assert article is not None and article.enclosures == (EP1, EP1_HD)
    assert [a.enclosures for a in repo.articles([two, one])] == [(), (EP1, EP1_HD)]
    assert repo.enclosures(one) == (EP1, EP1_HD)


def test_stored_articles_get_their_enclosures_from_the_next_document(repo: Repository) -> None:
    """Articles stored before enclosures were (or whose feed changed its file) get them when
    the feed is next read whole, without counting as new."""
    feed = repo.add_feed("https://pod.example/feed")
    (one,) = repo.store_articles(feed.id, [_article("1")])
    assert repo.store_articles(feed.id, [_article("1", EP1)]) == []
    assert repo.enclosures(one) == (EP1,)
    repo.store_articles(feed.id, [_article("1", EP1_HD)])
    assert repo.enclosures(one) == (EP1_HD,)
    repo.store_articles(feed.id, [_article("1")])
    assert repo.enclosures(one) == ()


def test_an_enclosure_url_longer_than_the_store_keeps_is_dropped(repo: Repository) -> None:
    feed = repo.add_feed("https://pod.example/feed")
    long = Enclosure("https://pod.example/" + "a" * 9000 + ".mp3")
    (one,) = repo.store_articles(feed.id, [_article("1", long, EP1)])
    assert repo.enclosures(one) == (EP1,)


def test_a_download_outlives_its_article(repo: Repository, tmp_path: Path) -> None:
    feed = repo.add_feed("https://pod.example/feed")
    (one,) = repo.store_articles(feed.id, [_article("1", EP1)])
    download, queued = repo.queue_download(EP1.url, directory=str(tmp_path), article_id=one)
    assert queued and repo.queue_download(EP1.url, directory=str(tmp_path)) == (download, False)
    repo.remove_feed(feed.id)
    kept = repo.download(download.id)
    assert kept is not None and kept.article_id is None and kept.url == EP1.url


def test_the_states_of_a_download(repo: Repository, tmp_path: Path) -> None:
    download, _ = repo.queue_download(EP1.url, directory=str(tmp_path), title="Episode 1")
    assert [d.id for d in repo.pending_downloads()] == [download.id]
    assert not repo.retry_download(download.id)  # not failed
    assert not repo.forget_download(download.id)  # still pending
    claimed = repo.claim_download(download.id)
    assert claimed is not None and claimed.state == "running"
    assert repo.record_download_progress(download.id, 500)
    repo.finish_download(download.id, "failed", received=500, error="HTTP 503")
    failed = repo.download(download.id)
    assert failed is not None and (failed.state, failed.error, failed.received) == (
        "failed",
        "HTTP 503",
        500,
    )
    assert failed.finished_at is not None
    assert not repo.record_download_progress(download.id, 600)  # no longer running
    again, queued = repo.queue_download(EP1.url, directory=str(tmp_path / "elsewhere"))
    assert queued and again.state == "queued" and again.directory == str(tmp_path)
    assert repo.cancel_download(download.id)
    assert repo.download(download.id).state == "cancelled"  # type: ignore[union-attr]
    assert repo.forget_download(download.id)
    assert repo.downloads() == []

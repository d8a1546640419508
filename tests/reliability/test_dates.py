"""Extreme item dates (issue 14, case 1): a JSON Feed item dated 9999-12-31T23:00Z shown in
Berlin, or 0001-01-01 west of UTC, raised OverflowError in the date display at every start.
Every parser keeps only dates the app can show, and every date display is total (a database
written before the rule may still hold such dates)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ui.conftest import workers_done
from tui.config import Settings
from tui.core.limits import EARLIEST, LATEST
from tui.core.models import ArticleScope, ParsedArticle
from tui.core.parse import parse_feed
from tui.paths import resolve
from tui.store.repository import Repository
from tui.ui.display import format_date, format_time

ZONES = ["Europe/Berlin", "America/Los_Angeles", "Pacific/Kiritimati", "Etc/GMT+12", "UTC"]
ISO_EXTREMES = ["9999-12-31T23:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+00:00"]
RFC822_EXTREMES = ["Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT"]


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def json_feed(date: str) -> bytes:
    item = {"id": "x", "title": "Dated", "url": "https://ok.example/x", "date_published": date}
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [item]}
    return json.dumps(doc).encode()


def rss(date: str, extra: str = "") -> bytes:
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>R</title>"
        f"<item><guid>x</guid><title>Dated</title>{extra}<link>https://ok.example/x</link>"
        f"<pubDate>{date}</pubDate></item></channel></rss>"
    ).encode()


def atom(date: str) -> bytes:
    return (
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>"
        "<id>urn:a</id><updated>2025-01-01T00:00:00Z</updated>"
        f"<entry><id>urn:x</id><title>Dated</title><updated>{date}</updated>"
        f"<published>{date}</published></entry></feed>"
    ).encode()


@pytest.mark.parametrize(
    "doc",
    [json_feed(d) for d in ISO_EXTREMES]
    + [atom(d) for d in ISO_EXTREMES]
    + [rss(d) for d in RFC822_EXTREMES]
    # An empty element keeps the RSS document off the fast parser: feedparser reads it.
    + [rss(d, "<category/>") for d in RFC822_EXTREMES],
)
def test_no_parser_keeps_a_date_the_app_cannot_show(doc: bytes) -> None:
    parsed = parse_feed(doc, url="https://ok.example/feed")
    assert len(parsed.articles) == 1
    published = parsed.articles[0].published
    assert published is None or EARLIEST <= published < LATEST, published


def test_an_ordinary_date_is_kept() -> None:
    parsed = parse_feed(json_feed("2025-03-04T05:06:07Z"))
    assert parsed.articles[0].published == datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.mark.parametrize("name", ZONES)
@pytest.mark.parametrize(
    "when",
    [
        datetime.max.replace(tzinfo=UTC),
        datetime.min.replace(tzinfo=UTC),
        datetime(9999, 12, 31, 23, tzinfo=UTC),
        datetime.max.replace(tzinfo=timezone(timedelta(hours=-12))),
        datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
    ],
)
def test_the_date_display_is_total(zone: object, name: str, when: datetime) -> None:
    zone(name)  # type: ignore[operator]
    assert len(format_time(when)) == 12
    assert format_date(when)


@settings(max_examples=200, deadline=None)
@given(
    when=st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=-12))])),
    name=st.sampled_from(ZONES),
)
def test_any_datetime_displays_in_any_zone(when: datetime, name: str) -> None:
    import os

    os.environ["TZ"] = name
    time.tzset()
    try:
        assert len(format_time(when)) == 12
        assert format_date(when)
    finally:
        os.environ.pop("TZ", None)
        time.tzset()


def test_a_stored_epoch_out_of_range_reads_as_no_date(repo: Repository) -> None:
    feed = repo.add_feed("https://ok.example/feed")
    (article_id,) = repo.store_articles(feed.id, [ParsedArticle(guid="g", title="T")])
    conn = repo._conn()
    conn.execute("UPDATE articles SET published = ? WHERE id = ?", (10**17, article_id))
    article = repo.article(article_id)
    assert article is not None and article.published is None
    assert repo.article_page(ArticleScope(), 0, 10)[0].published is None


async def test_the_app_starts_with_year_9999_and_year_1_articles_in_berlin(
    home: Path, zone: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database of an older version, holding both extremes: the app opens, lists and shows
    them (it used to exit with a traceback at every start)."""
    from tui.ui.app import NewsReaderApp

    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        feed = repo.add_feed("https://ok.example/feed", title="Extremes")
        repo.store_articles(
            feed.id,
            [
                ParsedArticle(
                    guid="late", title="Late", published=datetime(9999, 12, 31, 23, tzinfo=UTC)
                ),
                ParsedArticle(guid="early", title="Early", published=datetime(1, 1, 1, tzinfo=UTC)),
            ],
        )
        repo.set_state("initialised", "1")
    finally:
        repo.close()
    for name in ("Europe/Berlin", "America/Los_Angeles"):
        zone(name)  # type: ignore[operator]
        app = NewsReaderApp(
            paths, Settings(refresh_on_start=False, refresh_minutes=0, fulltext="never")
        )
        async with app.run_test(size=(120, 30)) as pilot:
            for _ in range(3):
                await workers_done(app)
                await pilot.pause()
            await pilot.press("2", "enter")
            for _ in range(3):
                await workers_done(app)
                await pilot.pause()
            assert app.is_running
            assert app.main_screen is not None and app.main_screen.view is not None
            await pilot.press("j", "enter")
            await workers_done(app)
            await pilot.pause()
            assert app.is_running
        assert app.return_code in (None, 0)

"""Item dates with a zone named by its abbreviation (tui.core.dates): feedparser reads every name
it does not know (CET, CEST, EET, BST, JST, ...) as UTC, which put such items hours off."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.core.dates import DateReader, unknown_zone
from tui.core.parse import parse_feed


def _rss(*dates: str, extra: str = "") -> bytes:
    items = "".join(
        f"<item><guid>g{n}</guid><title>T{n}</title>{extra}<pubDate>{d}</pubDate></item>"
        for n, d in enumerate(dates)
    )
    channel = f"<channel><title>D</title>{items}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>".encode()


def _published(data: bytes) -> list[datetime | None]:
    return [a.published for a in parse_feed(data, url="https://dates.example/feed").articles]


WALL = "Sun, 17 Jan 2021 23:46:22"


@pytest.mark.parametrize(
    ("zone", "hours"),
    [
        ("CET", 1),
        ("CEST", 2),
        ("MEZ", 1),
        ("MESZ", 2),
        ("EET", 2),
        ("EEST", 3),
        ("WET", 0),
        ("BST", 1),
        ("MSK", 3),
        ("JST", 9),
        ("AEST", 10),
        ("NZDT", 13),
        ("cest", 2),
    ],
)
def test_a_zone_feedparser_does_not_know_is_read_with_its_offset(zone: str, hours: int) -> None:
    want = datetime(2021, 1, 17, 23 - hours, 46, 22, tzinfo=UTC)
    assert _published(_rss(f"{WALL} {zone}")) == [want]


@pytest.mark.parametrize(
    ("zone", "hours"), [("GMT", 0), ("UT", 0), ("UTC", 0), ("EST", -5), ("PDT", -7), ("+0100", 1)]
)
def test_zones_feedparser_knows_read_as_before(zone: str, hours: int) -> None:
    want = datetime(2021, 1, 17, 23, 46, 22, tzinfo=UTC).timestamp() - hours * 3600
    assert _published(_rss(f"{WALL} {zone}")) == [datetime.fromtimestamp(want, UTC)]


def test_a_name_no_table_knows_keeps_feedparsers_reading() -> None:
    assert _published(_rss(f"{WALL} XYZ")) == [datetime(2021, 1, 17, 23, 46, 22, tzinfo=UTC)]


def test_portuguese_day_and_month_names() -> None:
    assert _published(
        _rss("Seg, 24 Set 2018 19:42:40 -0300", "S\u00e1b, 01 Dez 2018 10:00:00 GMT")
    ) == [
        datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC),
        datetime(2018, 12, 1, 10, 0, tzinfo=UTC),
    ]


def test_json_feed_dates_with_offsets() -> None:
    items = [
        {"id": "a", "title": "A", "date_published": "2024-05-01T10:00:00+02:00"},
        {"id": "b", "title": "B", "date_published": "Wed, 01 May 2024 10:00:00 CEST"},
        {"id": "c", "title": "C", "date_modified": "2024-05-01"},
        {"id": "d", "title": "D", "date_published": "no date at all"},
    ]
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": items}
    assert _published(json.dumps(doc).encode()) == [
        datetime(2024, 5, 1, 8, tzinfo=UTC),
        datetime(2024, 5, 1, 8, tzinfo=UTC),
        datetime(2024, 5, 1, tzinfo=UTC),
        None,
    ]


def test_the_cheap_test_passes_over_dates_feedparser_reads() -> None:
    for raw in (f"{WALL} +0100", f"{WALL} GMT", f"{WALL} EST", "2021-01-17T23:46:22Z", ""):
        assert unknown_zone(raw) is None
    assert unknown_zone(f"{WALL} CEST ") == "CEST"


def test_a_document_looks_up_a_few_new_names_only() -> None:
    """A hostile feed with a new invented zone on every item costs a few look-ups, not one per
    item: past them, feedparser's reading (as UTC) stands."""
    reader = DateReader()
    names = [f"Q{a}{b}" for a in "ABCDEFGHIJ" for b in "KLMNOPQRST"]
    read = [reader.read(f"{WALL} {name}") for name in names]
    assert read == [None] * len(names)
    assert reader.read(f"{WALL} CEST") in (None, datetime(2021, 1, 17, 21, 46, 22, tzinfo=UTC))
    assert DateReader().read(f"{WALL} CEST") == datetime(2021, 1, 17, 21, 46, 22, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "offset", "zone"),
    [
        ("aktuality-sk-2021.rss", "+0100", "CET"),  # Slovak news: Central European Time
        ("pikabu-popular-2020-windows-1251.xml", "+0300", "MSK"),  # Russian: Moscow time
    ],
)
def test_corpus_feeds_read_the_same_with_their_zone_named(
    corpus_dir: Path, name: str, offset: str, zone: str
) -> None:
    """Real feeds dated with a numeric offset, and the same feeds with that offset written as
    the zone's name (as many European publishers write it): the same dates."""
    data = (corpus_dir / name).read_bytes()
    named = data.replace(f" {offset}</pubDate>".encode(), f" {zone}</pubDate>".encode())
    assert named != data
    numeric, by_name = _published(data), _published(named)
    assert len(numeric) >= 30 and all(numeric)
    assert by_name == numeric


@pytest.mark.parametrize(
    ("name", "first"),
    [
        # <dc:date>2023-01-25T19:03:02+01:00</dc:date>
        ("golem-2023-rss1-iso8859-1.rdf", datetime(2023, 1, 25, 18, 3, 2, tzinfo=UTC)),
        # <published>2016-02-01T17:22:00+01:00</published>
        ("heise-developer-2016.atom", datetime(2016, 2, 1, 16, 22, tzinfo=UTC)),
        # <pubDate>Sat, 06 Feb 2021 23:01:00 +0000</pubDate>
        ("spiegel-update-2021.xml", datetime(2021, 2, 6, 23, 1, tzinfo=UTC)),
        # <pubDate>Tue, 21 Aug 2012 10:33:00 EST</pubDate>: a name feedparser knows
        ("wapo-wellness-2012.xml", datetime(2012, 8, 21, 15, 33, tzinfo=UTC)),
    ],
)
def test_german_and_us_corpus_feeds_keep_their_dates(
    corpus_dir: Path, name: str, first: datetime
) -> None:
    dates = _published((corpus_dir / name).read_bytes())
    assert all(dates)
    assert dates[0] == first

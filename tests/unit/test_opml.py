"""OPML in and out: folders, titles, URLs, round trip, hostile documents refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.models import Subscription
from tui.core.opml import OpmlError, parse_opml, write_opml

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "text" / "subscriptions.opml"


def test_parse_fixture() -> None:
    subs = parse_opml(FIXTURE.read_bytes())
    assert subs == [
        Subscription("https://top.example/feed.xml", "Top level feed", "", "https://top.example/"),
        Subscription(
            "https://globe.example/world.rss",
            "Globe Daily — World",
            "World",
            "https://globe.example/world",
        ),
        Subscription("http://wire.example/eu.atom", "Continental Wire", "World/Europe", ""),
        Subscription("https://notes.example/rss", "Market Notes", "Business", ""),
    ]


def test_round_trip() -> None:
    subs = [
        Subscription("https://a.example/rss", "A & B <news>", "", "https://a.example/"),
        Subscription("https://b.example/atom", 'Bé "quoted"', "World", ""),
        Subscription("https://c.example/feed", "C", "World/Asia", "https://c.example/"),
        Subscription("https://d.example/feed", "D", "Business", ""),
        Subscription("https://e.example/feed", "E", "World", ""),
    ]
    text = write_opml(subs, title="Mine")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<opml version="2.0">' in text and "<title>Mine</title>" in text
    back = parse_opml(text.encode("utf-8"))
    assert sorted(back, key=lambda s: s.url) == sorted(subs, key=lambda s: s.url)
    # And again: writing what was read gives the same document.
    assert write_opml(back, title="Mine") == write_opml(
        parse_opml(write_opml(back, "Mine").encode()), "Mine"
    )


def test_an_untitled_feed_stays_untitled_through_export_and_import() -> None:
    """OPML wants a text for every outline, and the export gives an untitled feed its URL
    there: read back as its title, the feed never took its own title from its first fetch
    (a refresh names only an untitled feed), and a password in the URL showed as the title."""
    subs = [
        Subscription("https://reader:s3cret@a.example/rss"),
        Subscription("https://b.example/atom", "B", "World"),
    ]
    text = write_opml(subs)
    assert 'text="https://reader:s3cret@a.example/rss"' in text  # every outline has a text
    assert parse_opml(text.encode()) == subs


@pytest.mark.parametrize(
    ("codec", "label"), [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"), ("utf-16", "UTF-16")]
)
def test_a_utf16_file_with_or_without_its_byte_order_mark(codec: str, label: str) -> None:
    """A byte-order mark says UTF-16; without one (Windows tools that write "UTF-16LE") the
    zero bytes of "<?" do, as the XML recommendation reads them (appendix F): it was
    refused as "not well-formed XML"."""
    text = (
        f'<?xml version="1.0" encoding="{label}"?><opml version="2.0"><body>'
        '<outline text="Caf\u00e9 \u65b0\u805e" xmlUrl="https://a.example/rss"/></body></opml>'
    )
    subs = parse_opml(text.encode(codec))
    assert subs == [Subscription("https://a.example/rss", "Caf\u00e9 \u65b0\u805e")]


def test_write_cleans_control_characters() -> None:
    text = write_opml([Subscription("https://a.example/rss", "Bad\x1b[31m\u202e title\x00")])
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text
    assert parse_opml(text.encode())[0].title == "Bad title"


def test_empty_body() -> None:
    assert parse_opml(b"<opml version='2.0'><head/><body/></opml>") == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"<opml><body>", "well-formed"),
        (b"<html><body/></html>", "root element is <html>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b'<opml><body><outline text="&lol2;" xmlUrl="https://x.example/"/></body></opml>',
            "DOCTYPE",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "http://127.0.0.1:9/evil.dtd">'
            b"<opml><body/></opml>",
            "DOCTYPE",
        ),
    ],
)
def test_bad_documents_raise_one_line(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError) as info:
        parse_opml(data)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "head",
    [b"", b'<?xml version="1.0" encoding="ISO-8859-1"?>\n', b"\n\n", "\ufeff".encode()],
    ids=["bare", "declared", "after-blank-lines", "bom"],
)
def test_a_broken_document_names_the_line_of_the_file(head: bytes) -> None:
    """A 2,000-line OPML file from another reader was refused as "not well-formed (invalid
    token)", with no word of where."""
    body = b'<opml version="2.0"><body>\n<outline text="a" xmlUrl="https://a.example/"/>\n'
    broken = b'<outline text="b & c" xmlUrl="https://b.example/"/>\n</body></opml>\n'
    line = (head + body).count(b"\n") + 1
    with pytest.raises(OpmlError) as info:
        parse_opml(head + body + broken)
    assert str(info.value) == f"not well-formed XML at line {line}: not well-formed (invalid token)"


def test_feeds_nested_in_a_feeds_outline_are_imported_in_its_folder() -> None:
    """Outlines inside a feed's own outline were skipped without a word: the feeds were lost."""
    doc = (
        b'<opml version="2.0"><body><outline text="News">'
        b'<outline text="Parent" xmlUrl="https://p.example/feed">'
        b'<outline text="Child" xmlUrl="https://c.example/feed"/></outline>'
        b"</outline></body></opml>"
    )
    assert [(s.url, s.title, s.folder) for s in parse_opml(doc)] == [
        ("https://p.example/feed", "Parent", "News"),
        ("https://c.example/feed", "Child", "News"),
    ]


def test_opml_error_is_value_error() -> None:
    assert issubclass(OpmlError, ValueError)


def test_a_feed_outside_folder_outlines_takes_its_folder_from_its_category() -> None:
    """OPML 2.0's ``category``: comma-separated, slash-delimited paths. Lists that give folders
    that way, not by nesting, were imported with every feed at the top level."""
    data = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline type="rss" text="A" xmlUrl="https://a.example/rss"'
        b' category="/World/Asia,/Tech"/>'
        b'<outline type="rss" text="B" xmlUrl="https://b.example/rss" category=" Business "/>'
        b'<outline type="rss" text="C" xmlUrl="https://c.example/rss" category=""/>'
        b'<outline text="Nested"><outline type="rss" text="D" xmlUrl="https://d.example/rss"'
        b' category="/Elsewhere"/></outline>'
        b'<outline type="rss" text="E" xmlUrl="https://e.example/rss" category=",/,/Sport"/>'
        b"</body></opml>"
    )
    assert [(s.url[8:9], s.folder) for s in parse_opml(data)] == [
        ("a", "World/Asia"),  # the first category
        ("b", "Business"),
        ("c", ""),
        ("d", "Nested"),  # the outlines around it say where it is
        ("e", "Sport"),  # the first that names a folder
    ]

"""parse_feed over the real corpus (read in place from ../shared) and over hostile bytes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.core.parse import decode_document, discover_feed_links, looks_like_feed, parse_feed

# Distinct articles per corpus file (the table in ../shared/feeds/README.md).
EXPECTED_ITEMS = {
    "npr-news-2025-04-04.xml": 10,
    "npr-news-2025-07-17.xml": 10,
    "npr-news-2025-08-01.xml": 10,
    "arstechnica-all-2025-04-05.xml": 20,
    "wgrz-buffalo-local-2025-03-07.xml": 40,
    "guardian-us-2018.rss": 55,
    "nyt-homepage-2019.xml": 45,
    "nyt-chinese-2015.rss": 22,
    "bbc-chinese-2015.atom": 66,
    "bbc-ukrainian-2016.xml": 20,
    "dw-chinese-2015.rdf": 85,
    "hackernews-newest-2020.xml": 20,
    "reuters-mostread-2020-truncated.xml": 0,
    "wapo-wellness-2012.xml": 29,
    "tpm-news-2017.atom": 20,
    "livemint-news-2019.xml": 25,
    "aktuality-sk-2021.rss": 30,
    "heise-developer-2016.atom": 15,
    "spiegel-update-2021.xml": 1,
    "jornal-de-noticias-2018-iso8859-1.rss": 40,
    "uol-noticias-2018-latin1-nodecl.rss": 15,
    "qq-news-2018-gb2312.xml": 20,
    "orenburg-news-2014-windows-1251.xml": 10,
    "record-pt-2024-iso8859-1.rss": 20,
    "golem-2023-rss1-iso8859-1.rdf": 1,
    "biorxiv-plant-biology-2019.rdf": 30,
    "craigslist-sfbay-2017.rdf": 25,
    "intertwingly-2012.atom": 20,
    "daringfireball-2017.atom": 48,
    "google-ads-dev-blog-2016.atom": 25,
    "reddit-frontpage-2015.rss": 24,
    "reddit-homelab-2023.atom": 25,
    "atp-podcast-2019.rss": 100,
    "taverncast-podcast-2005-malformed.rss": 130,
    "pcmag-dvorak-2018-nested-items.xml": 10,
    "pikabu-popular-2020-windows-1251.xml": 40,
}


def test_corpus_table_is_complete(corpus_dir: Path) -> None:
    files = {p.name for p in corpus_dir.iterdir() if p.name != "README.md"}
    assert files == set(EXPECTED_ITEMS)


@pytest.mark.parametrize("name", sorted(EXPECTED_ITEMS))
def test_corpus_item_counts(corpus_dir: Path, name: str) -> None:
    feed = parse_feed((corpus_dir / name).read_bytes(), url=f"http://127.0.0.1/{name}")
    assert len(feed.articles) == EXPECTED_ITEMS[name]
    guids = [a.guid for a in feed.articles]
    assert len(set(guids)) == len(guids)
    for article in feed.articles:
        assert article.guid
        assert article.title or article.summary_html or article.content_html
        assert article.title == article.title.strip()
        assert "\n" not in article.title and "\n" not in article.author
        if article.published is not None:
            assert article.published.tzinfo is not None
            assert article.published.utcoffset() is not None
            assert article.published.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
        if article.link:
            assert article.link.startswith(("http://", "https://")), article.link
        assert not (article.summary_html and article.summary_html == article.content_html)
    if EXPECTED_ITEMS[name]:
        assert feed.error is None, feed.error
        assert feed.title


def test_truncated_document_sets_error(corpus_dir: Path) -> None:
    feed = parse_feed((corpus_dir / "reuters-mostread-2020-truncated.xml").read_bytes())
    assert feed.articles == ()
    assert feed.error and "malformed" in feed.error


def test_truncated_document_keeps_items_before_the_break(corpus_dir: Path) -> None:
    data = (corpus_dir / "npr-news-2025-04-04.xml").read_bytes()
    cut = data.index(b"</item>", data.index(b"</item>") + 1) + len(b"</item>") + 40
    feed = parse_feed(data[:cut])
    assert feed.error
    assert len(feed.articles) >= 2


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("jornal-de-noticias-2018-iso8859-1.rss", ["Notícias"]),
        ("uol-noticias-2018-latin1-nodecl.rss", ["Bolsonaro", "simulações"]),
        ("record-pt-2024-iso8859-1.rss", ["Resultados"]),
        ("golem-2023-rss1-iso8859-1.rdf", ["Glasfaserförderung"]),
        ("orenburg-news-2014-windows-1251.xml", ["Оренбурга"]),
        ("pikabu-popular-2020-windows-1251.xml", ["Будни"]),
        ("qq-news-2018-gb2312.xml", ["新闻", "英雄"]),
        ("bbc-ukrainian-2016.xml", ["Світ"]),
        ("heise-developer-2016.atom", ["Meldungen"]),
        ("nyt-homepage-2019.xml", ["\u2019"]),
    ],
)
def test_legacy_encodings_decode(corpus_dir: Path, name: str, words: list[str]) -> None:
    feed = parse_feed((corpus_dir / name).read_bytes())
    everything = feed.title + " ".join(
        a.title + a.summary_html + a.content_html for a in feed.articles
    )
    for word in words:
        assert word in everything
    # No mojibake: UTF-8 read as Latin-1 shows up as "Ã" / "Ð" pairs.
    assert "Ã©" not in everything and "Ã£" not in everything and "Ð¾" not in everything


def test_content_type_charset_is_honoured() -> None:
    body = "<rss version='2.0'><channel><title>Новости</title><item><title>Привет</title>"
    body += "<guid>1</guid></item></channel></rss>"
    data = body.encode("koi8-r")
    feed = parse_feed(data, headers={"Content-Type": "application/rss+xml; charset=KOI8-R"})
    assert feed.title == "Новости"
    assert feed.articles[0].title == "Привет"


def test_latin1_label_on_utf8_bytes_is_read_as_utf8() -> None:
    data = "<rss version='2.0'><channel><title>Café</title></channel></rss>".encode()
    assert decode_document(data, {"content-type": "text/xml; charset=iso-8859-1"}).count("Café")


def test_relative_links_resolve_against_the_site(corpus_dir: Path) -> None:
    feed = parse_feed((corpus_dir / "tpm-news-2017.atom").read_bytes(), url="http://127.0.0.1/x")
    assert all(a.link.startswith("http://talkingpointsmemo.com/") for a in feed.articles)


def test_relative_link_falls_back_to_feed_url() -> None:
    data = b"<rss version='2.0'><channel><title>t</title><item><title>a</title>"
    data += b"<link>/post/1</link></item></channel></rss>"
    feed = parse_feed(data, url="https://example.org/feed.xml")
    assert feed.articles[0].link == "https://example.org/post/1"


def test_whitespace_in_link_and_guid_is_trimmed(corpus_dir: Path) -> None:
    feed = parse_feed((corpus_dir / "bbc-ukrainian-2016.xml").read_bytes())
    assert len(feed.articles) == 20
    # In the file: "<link>\n  http://www.bbc.com/...\n</link>", the guid the same.
    first = "http://www.bbc.com/ukrainian/press_review/2016/05/160526_foreign_press_vs"
    assert (feed.articles[0].link, feed.articles[0].guid) == (first, first)
    for article in feed.articles:
        assert article.link.startswith("http://www.bbc.com/ukrainian/")
        assert article.link == article.link.strip() and " " not in article.link
        assert article.guid == article.guid.strip()


def test_nested_empty_items_and_duplicate_guids(corpus_dir: Path) -> None:
    pcmag = parse_feed((corpus_dir / "pcmag-dvorak-2018-nested-items.xml").read_bytes())
    assert len(pcmag.articles) == 10 and all(a.title for a in pcmag.articles)
    tavern = parse_feed((corpus_dir / "taverncast-podcast-2005-malformed.rss").read_bytes())
    assert len({a.guid for a in tavern.articles}) == 130


def test_aktuality_titles_are_the_item_titles(corpus_dir: Path) -> None:
    feed = parse_feed((corpus_dir / "aktuality-sk-2021.rss").read_bytes())
    titles = [a.title for a in feed.articles]
    assert len(set(titles)) > 20  # not the <image><title> repeated


def test_xhtml_content(corpus_dir: Path) -> None:
    feed = parse_feed((corpus_dir / "intertwingly-2012.atom").read_bytes())
    assert all(a.content_html for a in feed.articles)
    assert any("<p" in a.content_html or "<a" in a.content_html for a in feed.articles)


def test_dates_are_utc(corpus_dir: Path) -> None:
    feed = parse_feed((corpus_dir / "wapo-wellness-2012.xml").read_bytes())  # "EST" dates
    assert all(a.published is not None for a in feed.articles)
    feed = parse_feed((corpus_dir / "uol-noticias-2018-latin1-nodecl.rss").read_bytes())
    assert all(a.published and a.published.year == 2018 for a in feed.articles)


def test_guid_is_stable_when_absent() -> None:
    data = b"<rss version='2.0'><channel><item><title>A</title><link>http://x/a</link></item>"
    data += b"<item><title>B</title><link>http://x/b</link></item></channel></rss>"
    one = parse_feed(data)
    two = parse_feed(data)
    assert [a.guid for a in one.articles] == [a.guid for a in two.articles]
    assert len({a.guid for a in one.articles}) == 2


def test_future_and_absurd_dates_do_not_crash() -> None:
    data = b"<rss version='2.0'><channel><item><title>A</title><guid>1</guid>"
    data += b"<pubDate>Mon, 01 Jan 2099 00:00:00 GMT</pubDate></item><item><title>B</title>"
    data += b"<guid>2</guid><pubDate>Mon, 01 Jan 99999 00:00:00 GMT</pubDate></item>"
    data += b"</channel></rss>"
    feed = parse_feed(data)
    assert feed.articles[0].published == datetime(2099, 1, 1, tzinfo=UTC)
    assert len(feed.articles) == 2


def test_titles_and_authors_are_cleaned() -> None:
    data = (
        "<rss version='2.0'><channel><title> T\u202eitle </title><item>"
        "<title>Evil &#x1b;]52;c;aGk=&#x07; title\u200b</title><guid>1</guid>"
        "<author>someone@example.com (Jane\u202e Doe)</author>"
        "<description>&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Hi&lt;/p&gt;</description>"
        "</item></channel></rss>"
    ).encode()
    feed = parse_feed(data)
    article = feed.articles[0]
    assert feed.title == "Title"
    assert article.title == "Evil title"
    assert "\u202e" not in article.author and "Jane" in article.author
    assert "<script" not in article.summary_html
    assert "Hi" in article.summary_html


def test_plain_text_summary_is_escaped() -> None:
    data = b"<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title><entry><id>1</id>"
    data += b"<title>x</title><summary type='text'>a &lt;b&gt; c</summary></entry></feed>"
    feed = parse_feed(data)
    assert feed.articles[0].summary_html == "<p>a &lt;b&gt; c</p>"


def test_json_feed() -> None:
    data = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "J",'
        b' "home_page_url": "https://j.example/", "items": [{"id": "1", "url": "/p/1",'
        b' "title": "One", "content_html": "<p>Hi</p>", "date_published": "2024-05-01T10:00:00Z"},'
        b' {"id": "1", "title": "dup"}]}'
    )
    assert looks_like_feed(data)
    feed = parse_feed(data)
    assert feed.title == "J" and len(feed.articles) == 1
    assert feed.articles[0].link == "https://j.example/p/1"
    assert feed.articles[0].published == datetime(2024, 5, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"\x00\xff\xfe garbage",
        b"/etc/passwd",
        b"http://127.0.0.1:9/feed",
        b"<html><body>not a feed</body></html>",
        b"{not json",
        b'{"version": "nope"}',
        b"<rss><channel><item><title>x",
        b"\xef\xbb\xbf<?xml version='1.0' encoding='utf-16'?><rss/>",
        b"<?xml version='1.0' encoding='bogus-enc'?><rss version='2.0'><channel/></rss>",
    ],
)
def test_garbage_never_raises(data: bytes) -> None:
    feed = parse_feed(data)
    assert feed.articles == () or all(a.guid for a in feed.articles)


def test_bytes_are_never_opened_as_a_path(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(b"<rss version='2.0'><channel><title>SECRET</title></channel></rss>")
    feed = parse_feed(str(secret).encode())
    assert feed.title != "SECRET"


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<rss version='2.0'><channel><title>t &xxe;</title><item><title>&xxe;</title>"
        "<guid>1</guid></item></channel></rss>"
    ).encode()
    feed = parse_feed(data)
    assert "TOPSECRET" not in feed.title
    assert all("TOPSECRET" not in a.title for a in feed.articles)


def test_billion_laughs_does_not_explode() -> None:
    lol = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{"&a" + str(i - 1) + ";" * 1}{("&a" + str(i - 1) + ";") * 9}">'
        for i in range(1, 10)
    )
    data = f"<?xml version='1.0'?><!DOCTYPE rss [{lol}]><rss version='2.0'><channel>"
    data += "<title>&a9;</title></channel></rss>"
    feed = parse_feed(data.encode())
    assert len(feed.title) < 1_000_000


def test_looks_like_feed(corpus_dir: Path) -> None:
    for name in EXPECTED_ITEMS:
        assert looks_like_feed((corpus_dir / name).read_bytes()), name
    assert not looks_like_feed(b"<!DOCTYPE html><html><head></head></html>")
    assert not looks_like_feed(b"")
    assert not looks_like_feed(b"\x00\x01garbage")
    assert looks_like_feed(b"<?xml version='1.0'?>\n<!-- c -->\n<feed xmlns='x'>")


def test_discover_feed_links() -> None:
    page = """<html><head><base href="/site/">
    <link rel="alternate" type="application/rss+xml" href="feed.xml" title="RSS">
    <link rel="Alternate" type="application/atom+xml" href="https://a.example/atom">
    <link rel="alternate" type="application/feed+json" href="/feed.json">
    <link rel="alternate" type="text/html" href="/fr/">
    <link rel="stylesheet" type="text/css" href="/s.css">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    <link rel="alternate" type="application/rss+xml" href="feed.xml">
    </head><body></body></html>"""
    assert discover_feed_links(page, "https://b.example/index.html") == [
        "https://b.example/site/feed.xml",
        "https://a.example/atom",
        "https://b.example/feed.json",
    ]
    assert discover_feed_links(page.encode(), "https://b.example/")[0].endswith("feed.xml")
    assert discover_feed_links(b"\xff\x00<link", "https://b.example/") == []


def test_text_xml_without_charset_is_not_read_as_ascii(corpus_dir: Path) -> None:
    data = (corpus_dir / "nyt-chinese-2015.rss").read_bytes()
    plain = parse_feed(data)
    served = parse_feed(data, headers={"Content-Type": "text/xml"})
    assert [a.title for a in served.articles] == [a.title for a in plain.articles]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in served.articles[0].title)


def test_wrong_declared_charset_falls_back() -> None:
    data = "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
    data += "<title>Ação</title></channel></rss>"
    assert parse_feed(data.encode("cp1252")).title == "Ação"


def test_unsafe_and_unresolvable_links_are_dropped() -> None:
    data = b"<rss version='2.0'><channel><title>t</title><link>/site</link>"
    data += b"<item><title>a</title><link>javascript:alert(1)</link></item>"
    data += b"<item><title>b</title><link>/relative</link></item></channel></rss>"
    feed = parse_feed(data)
    assert [a.link for a in feed.articles] == ["", ""]
    assert feed.site_url == ""
    assert len({a.guid for a in feed.articles}) == 2

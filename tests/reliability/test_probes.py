"""Issue 14, the probe in the same spirit: every field of every format at its limits (RSS,
Atom, JSON Feed, OPML, config.toml) and hypothesis over the command line's inputs.

What it found, each a test here that failed before its fix:

* a character reference to a surrogate or past U+10FFFF (``&#xD800;``, ``&#x110000;``) made
  feedparser's loose parser raise: the whole feed was "unreadable", every item lost;
* a JSON Feed whose ``items`` or an item's ``authors`` was a number lost the whole feed;
* a config.toml nested a few thousand arrays deep reached the last-resort handler;
* an error message quoting an argument with a line break in it was two lines, not one;
* a ``Retry-After`` of 10**20 seconds overflowed: the 429 was reported as "OverflowError";
* a charset label naming Python's "undefined" codec lost the whole feed, and raised out of the
  full-text decoder;
* a non-ASCII ETag or Last-Modified (obs-text) was sent back as a str httpx cannot encode:
  every refresh of that feed after the first failed;
* text that runs on without a full stop made extraction superlinear: 2,000 rates in one
  sentence took 14 s and 1 MB hours (in the refresh child too), and a capitalised run-on grew
  one entity chunk without end. Sentences and entity chunks now have a length limit.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import run
from tui.config import ConfigError, load_settings
from tui.core.models import ParsedArticle, Subscription
from tui.core.opml import OpmlError, parse_opml, write_opml
from tui.core.parse import parse_feed
from tui.core.urls import BadUrl, check_feed_url
from tui.paths import resolve
from tui.store.repository import Repository

BAD_REFS = ["&#xD800;", "&#xDFFF;", "&#55296;", "&#x110000;", "&#99999999999999999999;", "&#xFFFF;"]


@pytest.mark.parametrize("ref", BAD_REFS)
@pytest.mark.parametrize("where", ["title", "description", "guid", "author", "pubDate"])
def test_a_character_reference_no_text_may_hold_loses_nothing(ref: str, where: str) -> None:
    fields = {"title": "First", "guid": "g1", "description": "Body", "author": "a@b.example"}
    fields["pubDate"] = "Mon, 01 Sep 2025 10:00:00 GMT"
    fields[where] = f"{fields[where]} {ref}"
    first = "".join(f"<{k}>{v}</{k}>" for k, v in fields.items())
    doc = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>C</title>"
        f"<item>{first}</item><item><guid>g2</guid><title>Second</title></item>"
        "</channel></rss>"
    ).encode()
    parsed = parse_feed(doc)
    assert not (parsed.error or "").startswith("unreadable"), parsed.error
    assert [a.title for a in parsed.articles][1:] == ["Second"]
    if where == "title":
        assert parsed.articles[0].title == "First \ufffd"


NOT_TEXT: list[object] = [None, 0, -1, 10**30, 1.5, True, [], [1, "x"], {}, {"name": 5}]


@pytest.mark.parametrize("value", NOT_TEXT)
@pytest.mark.parametrize(
    "field",
    [
        "id",
        "url",
        "external_url",
        "title",
        "summary",
        "content_html",
        "content_text",
        "date_published",
        "author",
        "authors",
    ],
)
def test_a_json_feed_item_field_of_any_type_loses_no_other_item(field: str, value: object) -> None:
    odd = {"id": "odd", "title": "Odd", "url": "https://ok.example/odd", field: value}
    plain = {"id": "plain", "title": "Plain", "content_text": "Text"}
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [odd, plain]}
    parsed = parse_feed(json.dumps(doc).encode())
    assert parsed.error is None
    assert "Plain" in [a.title for a in parsed.articles]


@pytest.mark.parametrize("value", NOT_TEXT)
@pytest.mark.parametrize("field", ["items", "title", "home_page_url"])
def test_a_json_feed_field_of_any_type_is_no_crash(field: str, value: object) -> None:
    doc: dict[str, object] = {"version": "https://jsonfeed.org/version/1", "items": []}
    doc[field] = value
    parsed = parse_feed(json.dumps(doc).encode())
    assert not (parsed.error or "").startswith("unreadable"), parsed.error


# -- every field of every format, at its limits ------------------------------------------------

NASTY = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "x" * 300_000,
            "&amp;" * 20_000,
            "<![CDATA[<script>alert(1)</script>]]>",
            "<b>" * 3_000,
            "&lt;a href='javascript:alert(1)'&gt;x&lt;/a&gt;",
            "\x1b]0;title\x07\x9b2J\u202e",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "0001-01-01T00:00:00Z",
            "http://[::1",
            "http://127.0.0.1/x",
            "https://a b.example/",
            *BAD_REFS,
            "&#0;",
            "&undefined;",
        ]
    ),
    st.text(max_size=40),
)
RSS_FIELDS = ["title", "link", "description", "guid", "author", "pubDate", "category"]
ATOM_FIELDS = ["title", "summary", "content", "id", "updated", "published"]


def _rss(field: str, value: str) -> bytes:
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>C</title>"
        "<item><guid>plain</guid><title>Plain</title></item>"
        f"<item><title>Odd</title><{field}>{value}</{field}></item></channel></rss>"
    ).encode("utf-8", "replace")


def _atom(field: str, value: str) -> bytes:
    return (
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>A</title>"
        "<id>urn:a</id><updated>2025-01-01T00:00:00Z</updated>"
        "<entry><id>urn:plain</id><title>Plain</title><updated>2025-01-01T00:00:00Z</updated>"
        "</entry><entry><id>urn:odd</id><title>Odd</title>"
        f"<{field} type='html'>{value}</{field}></entry></feed>"
    ).encode("utf-8", "replace")


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(["rss", "atom"]), index=st.integers(0, 6), value=NASTY)
def test_any_field_value_keeps_the_items_before_it(kind: str, index: int, value: str) -> None:
    fields = RSS_FIELDS if kind == "rss" else ATOM_FIELDS
    field = fields[index % len(fields)]
    doc = _rss(field, value) if kind == "rss" else _atom(field, value)
    parsed = parse_feed(doc, url="https://feed.example/")
    assert not (parsed.error or "").startswith("unreadable"), parsed.error
    assert parsed.articles and parsed.articles[0].title == "Plain"
    for article in parsed.articles:
        assert article.published is None or 1900 <= article.published.year < 2200


@settings(max_examples=150, deadline=None)
@given(attr=st.sampled_from(["text", "title", "xmlUrl", "htmlUrl"]), value=NASTY)
def test_any_opml_attribute_reads_and_round_trips(attr: str, value: str) -> None:
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    doc = (
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="Folder">'
        f'<outline type="rss" text="T" xmlUrl="https://ok.example/f" {attr}="{escaped}"/>'
        "</outline></body></opml>"
    ).encode("utf-8", "replace")
    try:
        subs = parse_opml(doc)
    except OpmlError:
        return
    for sub in subs:
        assert check_feed_url(sub.url) == sub.url
        assert not sub.site_url or check_feed_url(sub.site_url) == sub.site_url
    assert {s.url for s in parse_opml(write_opml(subs).encode("utf-8"))} == {s.url for s in subs}


TOML_VALUES = st.sampled_from(
    [
        "1e400",
        "inf",
        "nan",
        "-inf",
        "99999999999999999999999999",
        "0x10",
        "1979-05-27T07:32:00Z",
        "[]",
        "{}",
        '"\\u0000"',
        '"\\u001b]0;x\\u0007"',
        '"' + "x" * 50_000 + '"',
        "[" * 5_000 + "]" * 5_000,
        "{a={b={c=1}}}",
        "true",
        "-0",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(
        [
            "refresh_minutes",
            "timeout_seconds",
            "max_connections",
            "theme",
            "keymap",
            "fulltext",
            "internal_links",
            "retention_days",
            "refresh_on_start",
            "no_such_key",
        ]
    ),
    value=TOML_VALUES,
)
def test_any_config_value_is_a_setting_or_one_clear_error(
    tmp_path: Path, key: str, value: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"{key} = {value}\n", encoding="utf-8")
    try:
        load_settings(path)
    except ConfigError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)


def test_a_deeply_nested_config_is_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = resolve().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("a = " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    assert run(["list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not valid TOML" in err


# -- the command line ----------------------------------------------------------------------------

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
WORDS = st.sampled_from(
    [
        "",
        "-",
        "--",
        "0",
        "-1",
        "9223372036854775808",
        str(10**30),
        "\u0663",  # an Arabic-Indic digit: isdigit() is true, int() reads it
        "\u00b2",  # a superscript two: isdigit() is true, int() refuses it
        "\x1b]0;t\x07",
        "a\nb",
        "\u202eevil",
        "http://127.0.0.1:9/",
        "HTTP://127.0.0.1:9/page",
        "http:///etc/passwd",
        "0001-01-01",
        "9999-12-31",
        "--json",
        "--text",
        "--format",
        "csv",
        "--country",
        "--since",
        "--date",
        "--latest",
        "/dev/null",
        "/nonexistent/x",
        "EU",
    ]
)
COMMANDS = st.sampled_from(
    ["add", "remove", "list", "refresh", "import", "show", "extract", "tariffs", "paths", "nope"]
)


@pytest.fixture
def cli_home(home: Path) -> Path:
    paths = resolve()
    paths.ensure()
    paths.config_file.write_text('fulltext = "never"\ntimeout_seconds = 1\n', encoding="utf-8")
    repo = Repository(paths.database)
    try:
        feed = repo.add_feed("http://127.0.0.1:9/feed.xml", title="Closed port")
        repo.store_articles(
            feed.id,
            [ParsedArticle(guid="g", title="A", content_html="<p>Mexico faces a 25% tariff.</p>")],
        )
        repo.set_state("initialised", "1")
    finally:
        repo.close()
    return home


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command=COMMANDS, words=st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=4))
def test_any_command_line_is_a_result_or_one_clear_line(
    cli_home: Path, command: str, words: list[str]
) -> None:
    """Network only to a closed port on 127.0.0.1; stdin is empty."""
    argv = [command, *(w for w in words if "\x00" not in w)]
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        contextlib.suppress(SystemExit),  # --help, --version
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
        code = run(argv)
        assert code in (0, 1, 2), argv
        if code == 2:
            assert err.getvalue().startswith("newsreader: "), argv
            assert err.getvalue().count("\n") == 1, (argv, err.getvalue())
    assert "unexpected error" not in err.getvalue() and "Traceback" not in err.getvalue()
    assert not FORBIDDEN.search(out.getvalue().replace("\r\n", "\n") + err.getvalue()), argv


def test_a_subscription_copy_of_odd_folders_restores_them(repo: Repository) -> None:
    subs = [
        Subscription("https://a.example/f", "A", "x/" * 40),
        Subscription("https://b.example/f", "B", "/ / /"),
        Subscription("https://c.example/f", "C", "a//b\u202e/c\x1b[2J"),
    ]
    repo.add_subscriptions(subs)
    stored = sorted(repo.subscriptions(), key=lambda s: s.url)
    again = sorted(parse_opml(write_opml(stored).encode("utf-8")), key=lambda s: s.url)
    assert [(s.url, s.folder) for s in again] == [(s.url, s.folder) for s in stored]


def test_the_feed_url_rule_is_total() -> None:
    for raw in ["", "\x00", "http://\udcff.example/", "http://[" + "1" * 5000 + "]/", "%"]:
        with contextlib.suppress(BadUrl):
            check_feed_url(raw)


@pytest.mark.parametrize(
    "value", ["9" * 20, "9" * 5000, "604801"], ids=["20 digits", "5000 digits", "a week and 1 s"]
)
async def test_a_retry_after_of_any_size_is_capped_at_a_week(value: str) -> None:
    """10**20 seconds overflowed timedelta: the 429 became "OverflowError", and no wait was
    kept."""
    from datetime import UTC, datetime, timedelta

    from tests.reliability.conftest import FAST
    from tests.reliability.faultserver import fault_server, status
    from tui.services.fetcher import Fetcher

    routes = {"/busy": status(429, b"", {"Retry-After": value})}
    with fault_server(routes, lifetime=30) as srv:
        async with Fetcher(FAST) as fetcher:
            result = await fetcher.fetch(srv.url("/busy"))
    assert (result.error or "").startswith("HTTP 429"), result.error
    assert result.retry_after is not None
    assert result.retry_after <= datetime.now(UTC) + timedelta(days=7, minutes=1)


@pytest.mark.parametrize("label", ["undefined", "idna", "punycode", "rot13", "base64"])
def test_a_charset_label_of_a_codec_that_decodes_no_text(label: str) -> None:
    """``encoding="undefined"`` names a Python codec that raises UnicodeError on every input:
    the whole feed was "unreadable", and the full-text page raised out of its decoder."""
    from tui.core.decoding import decode_page

    doc = (
        f"<?xml version='1.0' encoding='{label}'?><rss version='2.0'><channel><title>T</title>"
        "<item><guid>1</guid><title>Caf\u00e9</title></item></channel></rss>"
    ).encode()
    parsed = parse_feed(doc, headers={"Content-Type": f"application/rss+xml; charset={label}"})
    assert parsed.error is None and [a.title for a in parsed.articles] == ["Caf\u00e9"]
    assert decode_page("<p>Caf\u00e9</p>".encode(), label) == "<p>Caf\u00e9</p>"


def test_a_non_ascii_validator_does_not_fail_every_later_refresh(repo: Repository) -> None:
    """An ETag or Last-Modified with bytes past ASCII (obs-text, allowed) was stored, then sent
    back as a str httpx cannot encode: every refresh after the first failed."""
    from http.server import BaseHTTPRequestHandler

    from tests.reliability.conftest import FAST
    from tests.reliability.faultserver import fault_server, small_feed
    from tui.services.refresh import refresh_feeds

    asked: list[str | None] = []

    def route(h: BaseHTTPRequestHandler) -> None:
        asked.append(h.headers.get("If-None-Match"))
        body = small_feed("v")
        h.send_response(200)
        h.send_header("Content-Type", "application/rss+xml")
        h.send_header("ETag", '"caf\xc3\xa9"')  # these str chars go out as the bytes C3 A9
        h.send_header("Last-Modified", "Mon, 01 Sep 2025 10:00:00 GMT \xc3\xa9")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    with fault_server({"/f": route}, lifetime=30) as srv:
        feed = repo.add_feed(srv.url("/f"))
        for _ in range(2):
            summary = refresh_feeds(repo, [repo.feed(feed.id) or feed], settings=FAST)
            assert summary.failed == (), summary.failed
    assert len(asked) == 2 and asked[1] is not None and "caf" in asked[1]


RUN_ONS = {
    # 2,000 rates in one 48 KB sentence took 14 s (the tariff reader scans the sentence once
    # per rate), 1 MB hours; a capitalised run-on grew one entity chunk (quadratic).
    "rates": "tariff of 25% on Mexico " * 40_000,
    "capitals": "The United States of " * 50_000,
    # 5.4 MB of short sentences on one line, after one that names a tariff (so the rates are
    # read): each sentence searched back to the line's start, a pass over the text per
    # sentence; 30 s for a third of it, minutes for this, hours for 20 MB.
    "one line": "Canada will face a 25% tariff. " + "Ok then. " * 600_000,
    # The same search back, by the sentence splitter, at each stop after a small number (is
    # it a list item's "1."?): 12 s for 100,000 of them, minutes for these.
    "numbers": "Canada will face a 25% tariff. " + "A 1. " * 600_000,
}


@pytest.mark.parametrize("name", sorted(RUN_ONS))
def test_a_run_on_text_is_extracted_in_bounded_time(tmp_path: Path, name: str) -> None:
    """A hang guard, not a timing assert: the old reader took hours on each of these."""
    import subprocess

    from tests.reliability.conftest import NEWSREADER, child_env

    source = tmp_path / "run-on.txt"
    source.write_text(RUN_ONS[name], encoding="utf-8")
    try:
        done = subprocess.run(
            [str(NEWSREADER), "extract", str(source), "--json"],
            env=child_env(tmp_path / "home"),
            capture_output=True,
            text=True,
            timeout=150,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"extracting the {name} run-on text did not end")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entities"] is not None


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["word ", "Mexico ", "25% ", "U.S. ", "x" * 700, "\n", ". ", "A. "]))
)
def test_no_sentence_is_longer_than_the_limit(parts: list[str]) -> None:
    from tui.core.sentences import MAX_SENTENCE, split_sentences

    text = "".join(parts) * 5
    spans = split_sentences(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(end - start <= MAX_SENTENCE for start, end in spans)

"""The headless command line, in process: exit codes, one-line errors, nothing changed."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, reply, serve
from tui.cli import run
from tui.core.models import ParsedArticle
from tui.paths import resolve
from tui.store.repository import Repository

NPR = "npr-news-2025-04-04.xml"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_line_error(err: str) -> None:
    assert err.startswith("newsreader: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["add"],
        ["add", "ftp://example.org/feed"],
        ["add", "not a url"],
        ["remove", "42"],
        ["show", "nope"],
        ["show", "1"],
        ["import", "/nonexistent/feeds.opml"],
        ["tariffs", "--format", "xml"],
        ["tariffs", "--since", "yesterday"],
        ["tariffs", "--country", "Atlantis"],
        ["extract", "/nonexistent/article.txt"],
        ["list", "--bogus"],
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = _run(capsys, *argv)
    assert code == 2
    _assert_one_line_error(err)


@pytest.mark.parametrize("given", ["1_0", "\uff11\uff10", "+10", "1e1"])
def test_an_id_is_written_in_digits(
    home: Path, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    """``show 1_0`` showed article 10 (int() reads the underscore, and other scripts'
    digits): a typo named another article, or said there was no article 10."""
    code, _, err = _run(capsys, "show", given)
    assert code == 2
    _assert_one_line_error(err)
    assert f"not an id (a whole number): {given!r}" in err


def test_an_empty_list_says_so(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """list and downloads printed nothing at all with nothing to list (stories and tariffs say
    so), which reads as a command that did not run; --json stays an empty list."""
    for command, said in (("list", "no feeds: "), ("downloads", "no downloads: ")):
        code, out, err = _run(capsys, command)
        assert code == 0, err
        assert out.startswith(said) and out.count("\n") == 1
        assert json.loads(_run(capsys, command, "--json")[1]) == []


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["tariffs", "--country", ""], "argument --country: no name given: ''"),
        (["tariffs", "--country", "  "], "argument --country: no name given"),
        (["extract", ""], "argument FILE|URL|-: no file name or URL: ''"),
    ],
)
def test_an_empty_argument_is_said_to_be_empty(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """An unset variable (``--country "$C"``) printed every country's rows as if no country
    had been asked for; ``extract ""`` said "cannot read : No such file or directory"."""
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    _assert_one_line_error(err)
    assert said in err


@pytest.mark.parametrize(
    "argv",
    [["show", "x" * 100_000], ["remove", "x" * 100_000], ["x" * 100_000]],
    ids=["show", "remove", "command"],
)
def test_a_very_long_argument_is_quoted_in_a_line_of_bounded_length(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """The error line quoted a 100,000-character argument whole: two thousand lines of a
    terminal. Its middle is left out; the start and the end (which says why) stay."""
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    _assert_one_line_error(err)
    assert len(err) < 1_000 and " … " in err


def test_bad_config_is_one_line_and_exit_2(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = resolve().config_file
    config.parent.mkdir(parents=True)
    config.write_text("refresh_minutes = 'often'\n", encoding="utf-8")
    code, _, err = _run(capsys, "list")
    assert code == 2
    _assert_one_line_error(err)
    assert "refresh_minutes" in err and str(config) in err


def test_version_and_paths(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"]) == 0  # returned, after its output is flushed
    assert capsys.readouterr().out.startswith("newsreader ")
    code, out, _ = _run(capsys, "paths")
    assert code == 0
    assert str(home) in out and "database" in out


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ("import", "-: standard input"),
        ("export", "-: standard output"),
        ("extract", "- for standard input"),
        ("remove", "address or id"),
        ("add", "a page that links one"),
        ("show", "stories --json"),
    ],
)
def test_each_commands_help_says_what_its_argument_takes(
    home: Path, capsys: pytest.CaptureFixture[str], command: str, said: str
) -> None:
    """``import --help`` said only "FILE.opml": not that - reads standard input, nor that the
    watches file beside it comes too; ``show --help`` did not say where an id is found."""
    code, out, _ = _run(capsys, command, "--help")
    assert code == 0 and said in " ".join(out.split())


def test_add_refresh_list_show(
    home: Path, capsys: pytest.CaptureFixture[str], corpus_server: FeedServer
) -> None:
    code, out, err = _run(capsys, "add", corpus_server.url(NPR), "--folder", "News")
    assert code == 0, err
    assert "(10 articles)" in out  # the feed fetched to check it is one is stored, not refetched
    code, out, err = _run(capsys, "refresh")
    assert code == 0, err
    assert "refreshed 1 feed: 0 new articles" in out
    code, out, _ = _run(capsys, "refresh", "--quiet")
    assert code == 0 and out == ""
    code, out, _ = _run(capsys, "list", "--json")
    feeds = json.loads(out)
    assert [(f["folder"], f["total"], f["unread"], f["last_status"]) for f in feeds] == [
        ("News", 10, 10, 304)
    ]
    code, out, _ = _run(capsys, "add", corpus_server.url(NPR))
    assert code == 2  # already subscribed
    code, out, err = _run(capsys, "show", "1")
    assert code == 0, err
    assert out.strip()


def test_show_prints_text_without_markdowns_backslashes(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """show printed the body as the Markdown the app renders, its escapes included: "Geneva
    \\| Trade ministers", "on August 1\\.", "a 2\\*3 grid", and a backslash ending each line
    cut by a <br>. Code keeps its backslashes."""
    repo = Repository(resolve().database)
    feed = repo.add_feed("http://127.0.0.1:9/wire.xml", title="Wire")
    html = (
        "<p>Geneva | Trade ministers met on August 1.</p><p>A 2*3 grid, snake_case and"
        " [brackets]<br>on two lines</p><pre>C:\\path\\*.txt</pre><p><code>a\\*b</code></p>"
    )
    (article_id,) = repo.store_articles(
        feed.id, [ParsedArticle(guid="g", link="", title="Talks", content_html=html)]
    )
    repo.close()
    code, out, err = _run(capsys, "show", str(article_id))
    assert code == 0, err
    body = out.split("\n\n", 1)[1]
    assert "Geneva | Trade ministers met on August 1." in body
    assert "A 2*3 grid, snake_case and [brackets]\non two lines" in body
    assert "C:\\path\\*.txt" in body and "`a\\*b`" in body


def test_refresh_reports_failures_with_exit_1(
    home: Path, capsys: pytest.CaptureFixture[str], corpus_server: FeedServer
) -> None:
    _run(
        capsys, "import", str(_opml(home, [corpus_server.url(NPR), corpus_server.url("gone.xml")]))
    )
    code, out, err = _run(capsys, "refresh")
    assert code == 1
    assert "1 failed" in out
    assert "gone.xml" in err
    code, out, _ = _run(capsys, "list", "--json")
    by_url = {f["url"]: f for f in json.loads(out)}
    assert by_url[corpus_server.url(NPR)]["total"] == 10
    assert by_url[corpus_server.url("gone.xml")]["last_error"]


def test_opml_round_trip(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    urls = ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml"]
    code, out, err = _run(capsys, "import", str(_opml(tmp_path, urls)))
    assert code == 0, err
    assert "imported 2" in out
    exported = tmp_path / "out.opml"
    assert _run(capsys, "export", str(exported))[0] == 0
    code, out, _ = _run(capsys, "import", str(exported))
    assert "imported 0" in out  # nothing new: the export holds the same feeds
    text = exported.read_text(encoding="utf-8")
    assert all(u in text for u in urls) and "Folder" in text
    backup = resolve().subscriptions_backup
    assert all(u in backup.read_text(encoding="utf-8") for u in urls)


def test_import_of_broken_opml_changes_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline xmlUrl=", encoding="utf-8")
    code, _, err = _run(capsys, "import", str(bad))
    assert code == 2
    _assert_one_line_error(err)
    assert _run(capsys, "list", "--json")[1].strip() == "[]"


def test_import_says_what_it_skipped_and_a_fragment_is_the_same_feed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A #fragment never goes over HTTP: the same feed, one subscription; and an import counts
    the entries it could not use, so a user sees that the file held more than was imported."""
    urls = [
        "http://127.0.0.1:9/a.xml",
        "http://127.0.0.1:9/a.xml#latest",  # the same feed
        "ftp://127.0.0.1/b.xml",  # not http(s)
        "not a url",
        "http://127.0.0.1:9/c.xml",
        "http://127.0.0.1:9/c.xml",  # the same entry twice
    ]
    code, out, err = _run(capsys, "import", str(_opml(tmp_path, urls)))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"imported 2 new feeds from {tmp_path / 'feeds.opml'}",
        "skipped 4 entries: 2 without an http(s) feed URL, 2 duplicates",
    ]
    feeds = json.loads(_run(capsys, "list", "--json")[1])
    assert [f["url"] for f in feeds] == ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/c.xml"]
    code, _, err = _run(capsys, "add", "http://127.0.0.1:9/c.xml#top")
    assert code == 2 and "already subscribed: http://127.0.0.1:9/c.xml" in err
    code, out, _ = _run(capsys, "import", str(_opml(tmp_path, urls[:1])))
    assert out == f"imported 0 new feeds from {tmp_path / 'feeds.opml'}\n"  # nothing skipped
    code, out, _ = _run(capsys, "remove", "HTTP://127.0.0.1:9/a.xml#latest")  # as added
    assert (code, out) == (0, "removed feed 1: http://127.0.0.1:9/a.xml\n")


def test_a_password_in_a_feed_url_is_never_printed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A private feed's address may carry its login (user:password@): every line that shows
    the address hides the password; the stored URL keeps it, for fetching and the export."""
    secret = "http://reader:s3cret@127.0.0.1:9/private.xml"  # port 9: nothing listens
    shown = "http://reader:***@127.0.0.1:9/private.xml"
    opml = tmp_path / "private.opml"
    opml.write_text(f'<opml><body><outline xmlUrl="{secret}"/></body></opml>', encoding="utf-8")
    outputs = [_run(capsys, "import", str(opml))]
    outputs.append(_run(capsys, "list"))
    assert f"<{shown}>" in outputs[-1][1]
    outputs.append(_run(capsys, "list", "--json"))
    assert json.loads(outputs[-1][1])[0]["url"] == shown
    outputs.append(_run(capsys, "refresh"))
    assert outputs[-1][0] == 1 and shown in outputs[-1][2]
    outputs.append(_run(capsys, "add", secret))  # already subscribed
    assert outputs[-1][0] == 2 and shown in outputs[-1][2]
    outputs.append(_run(capsys, "add", secret.replace("private", "other")))  # cannot connect
    assert outputs[-1][0] == 2
    assert secret in _run(capsys, "export")[1]  # the address itself, to fetch and restore
    outputs.append(_run(capsys, "remove", shown))  # as list showed it
    assert outputs[-1][0] == 0 and shown in outputs[-1][1]
    for _, out, err in outputs:
        assert "s3cret" not in out + err
    # Nor can anyone else on the machine read it where it is kept (the database was 0644).
    data = resolve().data_dir
    assert data.stat().st_mode & 0o777 == 0o700
    modes = {f.name: f.stat().st_mode & 0o777 for f in data.iterdir()}
    assert {"newsreader.db", "subscriptions.opml"} <= set(modes)
    assert set(modes.values()) == {0o600}, modes


def test_remove_of_an_address_two_logins_share_as_shown_names_neither(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two logins to one private feed are both shown as reader:***@: remove of that address
    removed the first, perhaps not the one meant; it now asks for the id and removes none."""
    urls = [f"http://reader:{word}@127.0.0.1:9/private.xml" for word in ("s3cretA", "s3cretB")]
    assert _run(capsys, "import", str(_opml(tmp_path, urls)))[0] == 0
    code, out, err = _run(capsys, "remove", "http://reader:***@127.0.0.1:9/private.xml")
    assert (code, out) == (2, "")
    _assert_one_line_error(err)
    assert "2 feeds are shown as" in err and "(ids 1, 2): name the one meant by its id" in err
    assert "s3cret" not in err
    assert len(json.loads(_run(capsys, "list", "--json")[1])) == 2
    assert _run(capsys, "remove", "2")[0] == 0


def test_export_to_standard_output_or_a_pipe_writes_no_file_beside_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-`` is standard output, as for extract; a pipe or a device (/dev/stdout, a FIFO) gets
    the OPML but no watches file beside it: that went into /dev as /dev/stdout.watches.json."""
    import os
    import threading

    assert _run(capsys, "import", str(_opml(tmp_path, ["http://127.0.0.1:9/a.xml"])))[0] == 0
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, "export", "-")
    assert (code, err) == (0, "")
    assert out.startswith("<?xml") and "http://127.0.0.1:9/a.xml" in out
    fifo = tmp_path / "pipe.opml"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = _run(capsys, "export", str(fifo))
    reader.join(timeout=10)
    assert (code, err) == (0, "")
    assert b"http://127.0.0.1:9/a.xml" in received[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feeds.opml", "home", "pipe.opml"]


def test_with_sync_add_and_import_subscribe_nothing_here(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With [sync] the server has the subscriptions and refresh only syncs: a feed added here
    was fetched once by the add, then never again, its row saying "ok" (exit 0)."""
    config = resolve().config_file
    config.parent.mkdir(parents=True)
    config.write_text(
        '[sync]\nservice = "fever"\nurl = "http://127.0.0.1:9/fever/"\nuser = "me"\n'
        'password_env = "NO_SUCH_PASSWORD"\n',
        encoding="utf-8",
    )
    for argv in (
        ["add", "http://127.0.0.1:9/feed.xml"],
        ["import", str(_opml(tmp_path, ["http://127.0.0.1:9/a.xml"]))],
    ):
        code, out, err = _run(capsys, *argv)
        assert (code, out) == (2, "")
        _assert_one_line_error(err)
        assert "[sync]" in err and "subscribe on the server" in err
    assert _run(capsys, "list")[1].startswith("no feeds: newsreader sync brings")


def test_a_title_given_to_add_is_one_line(
    home: Path, capsys: pytest.CaptureFixture[str], corpus_server: FeedServer
) -> None:
    """--title with a line break (pasted, or "$(cmd)") was stored as given: list printed the
    feed on two lines, and the feeds pane showed half of it."""
    title = "Morning\nbriefing\x1b[2J\t(npr) "
    code, _, err = _run(capsys, "add", corpus_server.url(NPR), "--title", title)
    assert code == 0, err
    code, out, _ = _run(capsys, "list")
    assert out.count("\n") == 1 and "  Morning briefing (npr)  <" in out
    assert json.loads(_run(capsys, "list", "--json")[1])[0]["title"] == "Morning briefing (npr)"


def test_an_untitled_private_feed_names_its_articles_without_the_password(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An article's source is its feed's title, or the feed's address when the feed has none
    (a feed whose document has no title): show, stories, tariffs printed the password."""
    from tui.core.models import ParsedArticle
    from tui.store.repository import Repository

    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        feed = repo.add_feed("https://reader:s3cret@news.example/private.xml")
        text = "Vietnam faces a 46% tariff on its exports to the United States, officials said."
        (article_id,) = repo.store_articles(
            feed.id, [ParsedArticle(guid="1", title="Tariff letter", summary_html=text)]
        )
    finally:
        repo.close()
    seen = ""
    for argv in (["show", str(article_id)], ["tariffs", "--format", "csv"], ["stories"]):
        code, out, err = _run(capsys, *argv)
        assert code == 0, err
        seen += out
    assert "https://reader:***@news.example/private.xml" in seen
    assert "s3cret" not in seen


def _opml(folder: Path, urls: list[str]) -> Path:
    outlines = "".join(
        f'<outline type="rss" text="Feed {i}" xmlUrl="{u}"/>' for i, u in enumerate(urls)
    )
    path = folder / "feeds.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        f'<outline text="Folder">{outlines}</outline></body></opml>',
        encoding="utf-8",
    )
    return path


def test_import_from_standard_input_names_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``newsreader import -`` said "imported 1 new feed from -", and "-: not well-formed XML"."""
    opml = _opml(tmp_path, ["https://news.example.test/feed.xml"]).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(opml)))
    code, out, _ = _run(capsys, "import", "-")
    assert (code, out) == (0, "imported 1 new feed from standard input\n")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"<opml><body>")))
    code, _, err = _run(capsys, "import", "-")
    assert code == 2 and err.startswith("newsreader: standard input: not well-formed XML")


def test_a_file_name_that_is_not_utf8_is_named_with_its_bytes(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Latin-1 file name (caf\\xe9.opml, read as a lone surrogate) was named "caf.opml" in
    every line, a file that is not there: the output drops such characters."""
    opml = _opml(tmp_path, ["https://news.example.test/feed.xml"]).rename(
        tmp_path / "caf\udce9.opml"
    )
    code, out, _ = _run(capsys, "import", str(opml))
    assert (code, out) == (0, f"imported 1 new feed from {tmp_path}/caf\\xe9.opml\n")
    code, _, err = _run(capsys, "extract", str(tmp_path / "gone\udce9.txt"))
    assert (code, err) == (
        2,
        f"newsreader: cannot read {tmp_path}/gone\\xe9.txt: No such file or directory\n",
    )


def test_remove_takes_the_url_as_list_prints_it_in_its_angle_brackets(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``list`` prints ``<https://…>``; the address copied from it whole was "no such feed"."""
    _run(capsys, "import", str(_opml(tmp_path, ["https://news.example.test/feed.xml"])))
    _, listed, _ = _run(capsys, "list")
    shown = re.search(r"<[^>]+>", listed)
    assert shown is not None and shown.group() == "<https://news.example.test/feed.xml>"
    code, out, err = _run(capsys, "remove", shown.group())
    assert (code, err) == (0, "")
    assert out == "removed feed 1: https://news.example.test/feed.xml\n"


@pytest.mark.parametrize("copy", ["subscriptions.opml", "subscriptions.watches.json"])
def test_a_copy_beside_the_database_that_cannot_be_written_is_exit_1_after_the_import(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], copy: str
) -> None:
    """The subscriptions copy unwritable: "unexpected error: IsADirectoryError(21, 'Is a
    directory')" and nothing said of the import, which was made; the watches copy: its line
    on stderr, and exit status 0."""
    opml = _opml(tmp_path, ["https://news.example.test/feed.xml"])
    (tmp_path / "feeds.watches.json").write_text(
        '{"newsreader": "watches", "countries": ["Vietnam"]}', encoding="utf-8"
    )
    data = resolve().data_dir
    (data / copy).mkdir(parents=True)  # in the way of the copy
    code, out, err = _run(capsys, "import", str(opml))
    assert code == 1
    assert out == (
        f"imported 1 new feed from {opml}\nimported 1 new watch from {opml.with_suffix('')}"
        ".watches.json\n"
    )
    _assert_one_line_error(err)
    assert "cannot write " in err and f"{data / copy}: Is a directory" in err
    assert "unexpected" not in err
    code, out, _ = _run(capsys, "list", "--json")
    assert [f["url"] for f in json.loads(out)] == ["https://news.example.test/feed.xml"]


def test_add_discovers_the_feed_of_a_page(
    home: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def page(handler: BaseHTTPRequestHandler) -> None:
        body = (
            "<!doctype html><html><head><title>News</title>"
            f'<link rel="alternate" type="application/rss+xml" href="/{NPR}">'
            "</head><body><p>Front page</p></body></html>"
        ).encode()
        reply(200, body, {"Content-Type": "text/html; charset=utf-8"})(handler)

    with serve(corpus_dir, routes={"/": page}) as server:
        code, out, err = _run(capsys, "add", server.url("/"))
        assert code == 0, err
        assert server.url(NPR) in out
        code, out, err = _run(capsys, "add", server.url("/nothing-here.html"))
    assert code == 2
    _assert_one_line_error(err)
    feeds = json.loads(_run(capsys, "list", "--json")[1])
    assert [f["url"] for f in feeds] == [server.url(NPR)]


def test_add_of_a_feed_it_cannot_read_whole_says_so_as_refresh_does(
    home: Path, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The feed is added, with what could be read of it; its error is one line and exit 1."""
    cut = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cut short</title>'
        b"<item><title>One whole item</title><guid>a</guid></item><item><title>Half"
    )
    routes = {"/cut.xml": reply(200, cut, {"Content-Type": "application/rss+xml"})}
    with serve(corpus_dir, routes=routes) as server:
        code, out, err = _run(capsys, "add", server.url("/cut.xml"))
        assert code == 1
        assert out.startswith("added feed ")
        _assert_one_line_error(err)
        assert server.url("/cut.xml") in err and "malformed" in err
        code, _, refresh_err = _run(capsys, "refresh", "--quiet")
    assert code == 1 and err.split(": ", 2)[1:] == refresh_err.split(": ", 2)[1:]
    feeds = json.loads(_run(capsys, "list", "--json")[1])
    assert [f["url"] for f in feeds] == [server.url("/cut.xml")]


def test_add_of_an_address_typed_without_a_scheme(
    home: Path, capsys: pytest.CaptureFixture[str], corpus_server: FeedServer
) -> None:
    """``add example.com/feed`` was "not an http(s) URL": an address is taken as an address
    bar takes it (https://, and http:// for a local server such as this one)."""
    typed = corpus_server.url(NPR).removeprefix("http://")
    code, out, err = _run(capsys, "add", typed)
    assert code == 0, err
    assert f"http://{typed} (10 articles)" in out
    assert [f["url"] for f in json.loads(_run(capsys, "list", "--json")[1])] == [f"http://{typed}"]


def test_add_of_an_unreachable_host_is_one_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "add", "http://127.0.0.1:9/feed.xml")  # port 9: nothing listens
    assert code == 2
    _assert_one_line_error(err)
    assert err.count("http://127.0.0.1:9/feed.xml") == 1  # said once, not twice in a row
    assert json.loads(_run(capsys, "list", "--json")[1]) == []


def test_output_into_a_closed_pipe_is_quiet(home: Path, tmp_path: Path) -> None:
    urls = [f"http://127.0.0.1:9/feed-{i}.xml" for i in range(3000)]
    assert run(["import", str(_opml(tmp_path, urls))]) == 0
    newsreader = Path(sys.executable).parent / "newsreader"
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {newsreader} list | head -n 1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""
    assert result.returncode == 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_disk_is_exit_status_1_as_other_output_that_cannot_be_written(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Status 2 says the input was wrong and nothing changed; a disk that fills is neither."""
    assert _run(capsys, "import", str(_opml(tmp_path, ["http://127.0.0.1:9/a.xml"])))[0] == 0
    code, out, err = _run(capsys, "export", "/dev/full")
    assert (code, out, err) == (
        1,
        "",
        "newsreader: cannot write /dev/full: No space left on device\n",
    )


def test_paths_are_absolute_for_a_relative_home(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``NEWSREADER_HOME=nr newsreader paths`` printed ``nr/data``: a path to paste into a
    command run elsewhere, or to find the database by, is whole."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSREADER_HOME", "nr/../nr")
    code, out, err = _run(capsys, "paths")
    assert (code, err) == (0, "")
    places = dict(line.split(None, 1) for line in out.splitlines())
    assert places["database"] == str(tmp_path / "nr" / "data" / "newsreader.db")
    assert all(Path(place).is_absolute() for place in places.values())


@pytest.mark.parametrize("command", ["list", "paths", "export"])
def test_a_home_that_is_a_file_is_said_to_be_one(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """``NEWSREADER_HOME`` naming a file: every command said "…/config/config.toml: cannot be
    read (Not a directory)", of a file the user never named."""
    home = tmp_path / "notes.txt"
    home.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("NEWSREADER_HOME", str(home))
    code, out, err = _run(capsys, command)
    assert (code, out) == (2, "")
    assert err == f"newsreader: NEWSREADER_HOME={str(home)!r} is a file, not a folder\n"


def test_paths_with_a_broken_config_says_why_the_downloads_folder_is_the_default(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``paths`` prints the places even when config.toml is broken, the downloads folder then
    the default: it printed that folder as if the config had no download_dir."""
    config = resolve().config_file
    config.parent.mkdir(parents=True)
    config.write_text("download_dir = 'relative/folder'\n", encoding="utf-8")
    code, out, err = _run(capsys, "paths")
    assert code == 0 and "database" in out
    _assert_one_line_error(err)
    assert str(config) in err and "download_dir" in err and "default" in err


def test_reimporting_an_export_puts_the_feeds_back_in_its_folders(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Restoring an export brings the folders back; a feed the file lists at the top level
    stays in the folder it has (a flat list from elsewhere does not empty the folders)."""
    urls = ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml"]
    assert _run(capsys, "import", str(_opml(tmp_path, urls)))[0] == 0  # both in "Folder"
    backup = tmp_path / "backup.opml"
    assert _run(capsys, "export", str(backup))[0] == 0
    repo = Repository(resolve().database)
    try:
        for feed in repo.feeds():
            repo.set_folder(feed.id, "Elsewhere")
    finally:
        repo.close()
    code, out, err = _run(capsys, "import", str(backup))
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [
        f"imported 0 new feeds from {backup}",
        "moved 2 feeds into the file's folders",
    ]
    flat = tmp_path / "flat.opml"
    flat.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline type="rss" text="A" xmlUrl="{urls[0]}"/></body></opml>',
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, "import", str(flat))
    assert (code, out) == (0, f"imported 0 new feeds from {flat}\n")
    code, out, _ = _run(capsys, "list", "--json")
    assert [f["folder"] for f in json.loads(out)] == ["Folder", "Folder"]
    assert '<outline text="Folder"' in resolve().subscriptions_backup.read_text(encoding="utf-8")


def test_show_of_a_demo_story_fetches_no_page(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's links are example.org pages that do not exist: `show` of its welcome story
    (a short one, so a summary by the fulltext rule) tried to fetch its page and printed
    "full text not fetched" under the story, as the app, which knows the demo, never does.
    The address is made unreachable so that a fetch, were one tried, would fail here."""
    from tui.core.models import ArticleScope, ScopeKind
    from tui.services.subscriptions import DEMO_FEED_URL, load_demo

    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        load_demo(repo)
        feed = repo.feed_by_url(DEMO_FEED_URL)
        assert feed is not None
        ids = repo.article_ids(ArticleScope(ScopeKind.FEED, feed_id=feed.id))
        demo_id = next(i for i in ids if (a := repo.article(i)) and a.title.startswith("Welcome"))
    finally:
        repo.close()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
        code, out, err = _run(capsys, "show", str(demo_id))
    assert (code, err) == (0, "")
    assert out.startswith("Welcome to newsreader\n")

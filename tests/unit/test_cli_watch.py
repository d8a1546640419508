"""The watch list from the command line: `newsreader refresh` notifies the terminal (read from a
pty) and runs notify_command; `tariffs --changes` prints what changed; the watches file travels
with `export` and `import`."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import rss_feed
from tests.feedserver import FeedServer, serve
from tests.watch_texts import CHANGE, DEAL, THREAT
from tui.cli import run
from tui.core.watching import Watch
from tui.paths import resolve
from tui.store.repository import Repository

NEWSREADER = str(Path(sys.executable).parent / "newsreader")


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[FeedServer, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    (root / "feed.xml").write_bytes(rss_feed([THREAT]))
    with serve(root) as server:
        yield server, root / "feed.xml"


def watch(*watches: Watch) -> None:
    repo = Repository(resolve().database)
    try:
        for w in watches:
            repo.set_watched(w, True)
    finally:
        repo.close()


def config(text: str) -> None:
    path = resolve().config_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def on_a_terminal(*argv: str, env: dict[str, str] | None = None) -> bytes:
    """Run the installed command with a pty as its terminal; everything it wrote there."""
    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "TMUX"}
    process = subprocess.Popen(
        [NEWSREADER, *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**environ, **(env or {})},
        start_new_session=True,
    )
    os.close(slave)
    output = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the command exited and closed its side
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(master)
        process.wait(timeout=60)
    assert process.returncode == 0, output
    return output


def prepared(site: tuple[FeedServer, Path]) -> None:
    """Subscribed to the feed, refreshed once, Vietnam watched, the rate changed on the server."""
    server, feed = site
    assert run(["add", server.url("feed.xml")]) == 0
    watch(Watch.country("Vietnam"))
    feed.write_bytes(rss_feed([THREAT, DEAL]))


@pytest.mark.parametrize(
    ("setting", "tmux", "expected"),
    [
        ("", False, f"\x1b]9;{CHANGE}\x07"),
        ('notify = "osc777"\n', False, f"\x1b]777;notify;newsreader;{CHANGE}\x07"),
        ("", True, f"\x1bPtmux;\x1b\x1b]9;{CHANGE}\x07\x1b\\"),
    ],
    ids=["osc9", "osc777", "inside-tmux"],
)
def test_refresh_on_a_terminal_notifies_once(
    home: Path, site: tuple[FeedServer, Path], setting: str, tmux: bool, expected: str
) -> None:
    config(setting)
    prepared(site)
    env = {"TMUX": "/tmp/tmux-1000/default,4242,0"} if tmux else {}
    first = on_a_terminal("refresh", env=env)
    assert first.count(expected.encode()) == 1
    assert b"\x1b]" not in first.replace(expected.encode(), b"")  # nothing else (tmux: bare)
    assert CHANGE.encode() + b"\r\n" in first  # the line cron would mail
    second = on_a_terminal("refresh", env=env)
    assert b"\x1b]" not in second and b"Tariff" not in second
    repo = Repository(resolve().database)
    try:
        (alert,) = repo.claim_unshown()  # left for the app's toast, already told
        assert alert.notified
    finally:
        repo.close()


def test_refresh_on_a_dumb_terminal_writes_no_escape_sequences(
    home: Path, site: tuple[FeedServer, Path]
) -> None:
    """A terminal whose TERM is dumb (Emacs's shell, a serial console) shows escape sequences
    as they are: the progress line's erase-line and the OSC 9 notification came out as
    ``^[[K`` and ``^[]9;...`` around the output. There the command writes plain lines."""
    prepared(site)
    output = on_a_terminal("refresh", env={"TERM": "dumb"})
    assert CHANGE.encode() + b"\r\n" in output
    assert b"\x1b" not in output, output


def test_refresh_without_a_terminal_prints_the_line_and_leaves_the_ringing_to_the_app(
    home: Path, site: tuple[FeedServer, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    prepared(site)
    capsys.readouterr()
    assert run(["refresh", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [CHANGE]  # even --quiet prints alerts: cron mails them
    assert "\x1b" not in out
    repo = Repository(resolve().database)
    try:
        (alert,) = repo.claim_unshown()
        assert not alert.notified  # no terminal here: the app will ring it
    finally:
        repo.close()


def test_add_checks_the_articles_it_stored_against_the_watch_list_as_a_refresh_does(
    home: Path, site: tuple[FeedServer, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``add`` stores the articles of the feed it fetched to find it: a refresh stores nothing
    new after it, so the watch check is the add's, or never."""
    server, _ = site
    watch(Watch.country("Vietnam"))
    capsys.readouterr()
    assert run(["add", server.url("feed.xml")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == ["Tariff Vietnam: new rate 46% threatened (Trade desk)"]
    assert run(["refresh", "--quiet"]) == 0
    assert capsys.readouterr().out == ""  # told once


def test_a_failed_watch_check_is_exit_status_1_for_add_as_for_refresh(
    home: Path,
    site: tuple[FeedServer, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The feed is added and the articles stored, but no alert will come for them (they are
    not new to the next refresh): from cron, only the exit status draws the eye to the line."""
    import tui.services.watching

    def broken(*_args: object) -> None:
        raise RuntimeError("the watch index is gone")

    monkeypatch.setattr(tui.services.watching, "check_watches", broken)
    server, feed = site
    watch(Watch.country("Vietnam"))
    capsys.readouterr()
    assert run(["add", server.url("feed.xml")]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("added feed 1: ")
    assert err == "newsreader: Watch check failed: RuntimeError: the watch index is gone\n"
    feed.write_bytes(rss_feed([THREAT, DEAL]))
    assert run(["refresh", "--quiet"]) == 1
    assert capsys.readouterr() == ("", err)


def test_notify_command_gets_the_message_as_one_argument_whatever_the_title(
    home: Path, tmp_path: Path
) -> None:
    received = tmp_path / "received.jsonl"
    script = tmp_path / "record.py"
    script.write_text(
        "import json, sys\n"
        f"open({str(received)!r}, 'a', encoding='utf-8').write(json.dumps(sys.argv[1:]) + '\\n')\n",
        encoding="utf-8",
    )
    config(f'notify = "off"\nnotify_command = "{sys.executable} {script} newsreader"\n')
    hostile = (
        '--help "$(touch pwned)" `touch pwned2`; rm -rf ~ &#x1b;]52;c;Zm9v&#x7;&#x1b;[31m'
        " trade deal &#x202e;"
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk &#x1b;[2J</title>'
        f"<item><title>{hostile}</title><guid>h1</guid>"
        "<pubDate>Mon, 21 Jul 2025 09:00:00 GMT</pubDate>"
        "<description>Talks on a trade deal resumed.</description></item></channel></rss>"
    ).encode()
    root = tmp_path / "www"
    root.mkdir()
    (root / "feed.xml").write_bytes(rss_feed(["<p>Weather is fine.</p>"], title="Desk"))
    with serve(root) as server:
        assert run(["add", server.url("feed.xml")]) == 0
        repo = Repository(resolve().database)
        try:
            repo.set_search_watched(repo.save_search("trade deal").id, True)
        finally:
            repo.close()
        (root / "feed.xml").write_bytes(feed)
        result = subprocess.run(
            [NEWSREADER, "refresh"], capture_output=True, text=True, timeout=120, cwd=tmp_path
        )
    assert result.returncode == 0, result.stderr
    (argv,) = [json.loads(line) for line in received.read_text(encoding="utf-8").splitlines()]
    assert len(argv) == 2 and argv[0] == "newsreader"
    message = argv[1]
    assert message.startswith("Search trade deal: ") and "$(touch pwned)" in message
    assert message.isprintable() and "\x1b" not in message and "\u202e" not in message
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()
    assert "\x1b" not in result.stdout


def test_tariffs_changes_prints_what_changed(
    home: Path, site: tuple[FeedServer, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    server, feed = site
    assert run(["add", server.url("feed.xml")]) == 0
    feed.write_bytes(rss_feed([THREAT, DEAL]))
    assert run(["refresh"]) == 0
    capsys.readouterr()
    assert run(["tariffs", "--changes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].split() == [
        "2025-07-20",
        "Vietnam",
        "new",
        "->",
        "46%",
        "threatened",
        "Trade",
        "desk",
    ]
    assert lines[1].split() == [
        "2025-07-21",
        "Vietnam",
        "46%",
        "threatened",
        "->",
        "20%",
        "agreed",
        "Trade",
        "desk",
    ]

    assert run(["tariffs", "--changes", "--since", "2025-07-21", "--format", "json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert {k: record[k] for k in ("date", "country", "old_rate_pct", "old_status")} == {
        "date": "2025-07-21",
        "country": "Vietnam",
        "old_rate_pct": 46.0,
        "old_status": "threatened",
    }
    assert (record["rate_pct"], record["status"], record["source"]) == (
        20.0,
        "agreed",
        "Trade desk",
    )

    assert run(["tariffs", "--changes", "--format", "csv"]) == 0
    csv_lines = capsys.readouterr().out.split("\r\n")
    assert csv_lines[0].startswith("date,country,iso,old_rate_pct,old_rate_max_pct,old_status,")
    assert csv_lines[2].startswith("2025-07-21,Vietnam,VN,46.0,,threatened,20.0,,agreed,")

    watch(Watch.country("Canada"))
    assert run(["tariffs", "--changes", "--watched"]) == 0
    assert capsys.readouterr().out.strip() == "no rate changes of watched countries"
    watch(Watch.country("Vietnam"))
    assert run(["tariffs", "--changes", "--watched", "--since", "2025-07-21"]) == 0
    assert capsys.readouterr().out.count("Vietnam") == 1

    assert run(["tariffs", "--changes", "--latest"]) == 2
    assert "do not go together" in capsys.readouterr().err


def test_watches_travel_beside_the_exported_opml(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    watch(Watch.country("Vietnam"), Watch.entity("PERSON", "Ann Lee"))
    repo = Repository(resolve().database)
    try:
        repo.set_search_watched(repo.save_search("steel OR aluminium", "Metals").id, True)
    finally:
        repo.close()
    out = tmp_path / "feeds.opml"
    assert run(["export", str(out)]) == 0
    document = json.loads((tmp_path / "feeds.watches.json").read_text(encoding="utf-8"))
    assert document["countries"] == ["Vietnam"]
    assert document["entities"] == [{"label": "PERSON", "name": "Ann Lee"}]
    assert document["searches"] == [
        {"name": "Metals", "query": "steel OR aluminium", "watched": True}
    ]

    monkeypatch.setenv("NEWSREADER_HOME", str(tmp_path / "elsewhere"))  # another machine
    capsys.readouterr()
    assert run(["import", str(out)]) == 0
    assert "imported 3 new watches from" in capsys.readouterr().out
    repo = Repository(resolve().database)
    try:
        assert repo.watches() == [Watch.country("Vietnam"), Watch.entity("PERSON", "Ann Lee")]
        (metals,) = repo.saved_searches()
        assert (metals.name, metals.watched) == ("Metals", True)
    finally:
        repo.close()
    copy = resolve().subscriptions_backup.with_name("subscriptions.watches.json")
    assert json.loads(copy.read_text(encoding="utf-8"))["countries"] == ["Vietnam"]


def test_with_sync_import_restores_the_watches_and_leaves_the_feeds_to_the_server(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With [sync] import refused the whole export: the feeds are the server's to subscribe,
    but the watch list and saved searches beside them had no other way back."""
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline xmlUrl="https://news.example.test/feed.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    (tmp_path / "feeds.watches.json").write_text(
        '{"newsreader": "watches", "version": 1, "countries": ["Vietnam"],'
        ' "searches": [{"name": "Metals", "query": "steel", "watched": true}]}',
        encoding="utf-8",
    )
    config(
        '[sync]\nservice = "fever"\nurl = "http://127.0.0.1:9/fever/"\nuser = "me"\n'
        'password_env = "NO_SUCH_PASSWORD"\n'
    )
    assert run(["import", str(opml)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "imported 2 new watches from" in out
    assert "feeds not imported: [sync] is set" in out and "subscribe on the server" in out
    repo = Repository(resolve().database)
    try:
        assert repo.watches() == [Watch.country("Vietnam")]
        assert [s.name for s in repo.saved_searches()] == ["Metals"]
        assert repo.feeds() == []
    finally:
        repo.close()
    (tmp_path / "feeds.watches.json").unlink()  # nothing it can import: refused as before
    assert run(["import", str(opml)]) == 2
    assert "subscribe on the server" in capsys.readouterr().err


def test_a_watches_file_saved_with_a_byte_order_mark_is_read(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The watches file edited by hand in an editor that writes a UTF-8 byte-order mark
    (Notepad) was "not a watches file (JSONDecodeError)", and the import refused."""
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline xmlUrl="https://news.example.test/feed.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    (tmp_path / "feeds.watches.json").write_bytes(
        b'\xef\xbb\xbf{"newsreader": "watches", "version": 1, "countries": ["Vietnam"]}'
    )
    assert run(["import", str(opml)]) == 0
    out = capsys.readouterr().out
    assert "imported 1 new watch from" in out


def test_a_country_of_a_watches_file_is_watched_by_the_name_the_rows_give_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A watches file written by hand with "viet nam" or "VN" watched a country no tariff row
    names (the rows say Vietnam), so no change of its rate ever alerted."""
    opml = tmp_path / "feeds.opml"
    opml.write_text('<opml version="2.0"><body/></opml>', encoding="utf-8")
    (tmp_path / "feeds.watches.json").write_text(
        '{"newsreader": "watches", "countries": ["viet nam", "VN", "Brazil"]}', encoding="utf-8"
    )
    assert run(["import", str(opml)]) == 0
    assert "imported 2 new watches from" in capsys.readouterr().out
    repo = Repository(resolve().database)
    try:
        assert repo.watches() == [Watch.country("Brazil"), Watch.country("Vietnam")]
    finally:
        repo.close()


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        ('{"newsreader": "watches", "countries": 3}', "countries must be a list of names"),
        (  # it said the label (ORG) must be one of PERSON, ORG, GPE
            '{"newsreader": "watches", "entities": [{"label": "ORG", "name": " "}]}',
            "an entity's name must not be empty",
        ),
        (
            '{"newsreader": "watches", "entities": [{"label": "ORGANISATION", "name": "Acme"}]}',
            "an entity's label must be one of PERSON, ORG, GPE",
        ),
    ],
    ids=["countries", "entity-name", "entity-label"],
)
def test_a_bad_watches_file_changes_nothing(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], document: str, reason: str
) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline type="rss" xmlUrl="https://news.example.test/feed.xml"/></body></opml>',
        encoding="utf-8",
    )
    (tmp_path / "feeds.watches.json").write_text(document)
    assert run(["import", str(opml)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.endswith(f"feeds.watches.json: {reason}\n")
    assert run(["list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_failed_notify_command_is_exit_status_1_with_the_alert_printed(
    home: Path, site: tuple[FeedServer, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The alert is printed and left for the app to ring, but the command the user set up for
    alerts failed: from cron, only the exit status draws the eye to the line on stderr."""
    failing = f"{sys.executable} -c 'import sys; sys.exit(3)'"
    config(f'notify = "off"\nnotify_command = "{failing}"\n')
    prepared(site)
    capsys.readouterr()
    assert run(["refresh", "--quiet"]) == 1
    assert capsys.readouterr() == (
        f"{CHANGE}\n",
        "newsreader: notify_command exited with status 3\n",
    )


@pytest.mark.parametrize(
    ("blocked", "error"),
    [("link", "No such file or directory"), ("folder", "Is a directory")],
    ids=["links-into-a-folder-gone", "is-a-folder"],
)
def test_an_export_whose_watches_file_cannot_be_written_leaves_both_files_as_they_were(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], blocked: str, error: str
) -> None:
    """The OPML and its watches file go together: yesterday's pair stays a pair, not today's
    OPML beside yesterday's watches."""
    watch(Watch.country("Vietnam"))
    out = tmp_path / "feeds.opml"
    out.write_text("yesterday's copy\n", encoding="utf-8")
    beside = tmp_path / "feeds.watches.json"
    if blocked == "link":
        beside.symlink_to(tmp_path / "gone" / "feeds.watches.json")
    else:
        beside.mkdir()
    capsys.readouterr()
    assert run(["export", str(out)]) == 2  # a path that cannot be written: nothing changed
    assert capsys.readouterr() == ("", f"newsreader: cannot write {beside}: {error}\n")
    assert out.read_text(encoding="utf-8") == "yesterday's copy\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "feeds.opml",
        "feeds.watches.json",
        "home",
    ]

"""Standard streams that cannot take what a command writes, or give what it reads: closed when
the command starts (``>&-``, ``<&-``, as some cron wrappers and daemons start it), on a full
disk, or in an encoding that has no letter for some of the text. The command says so in one
line on the other stream, or only by its exit status, or writes what the encoding can show;
it never shows a traceback."""

from __future__ import annotations

import json
import resource
import subprocess
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env
from tui.cli import run


@pytest.fixture
def subscribed(home: Path) -> Path:
    """A home with one feed (on a port nothing listens on), so ``list`` has a line to print."""
    assert run(["import", str(_opml(home))]) == 0
    return home


def _opml(home: Path) -> Path:
    path = home / "feeds.opml"
    path.write_text(
        '<opml version="2.0"><body>'
        '<outline type="rss" text="Caf\u00e9 \u2018Nine\u2019" xmlUrl="http://127.0.0.1:9/feed.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    return path


def _shell(home: Path, command: str, *, buffered: bool = False) -> subprocess.CompletedProcess[str]:
    """``command`` in sh, with ``$0`` the newsreader of this environment; ``buffered``: its
    standard output block-buffered, as Python has it unless PYTHONUNBUFFERED is set."""
    env = child_env(home)
    if buffered:
        env.pop("PYTHONUNBUFFERED", None)
    return subprocess.run(
        ["sh", "-c", command, str(NEWSREADER)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_closed_standard_output_is_one_line(subscribed: Path) -> None:
    done = _shell(subscribed, '"$0" list >&-')
    assert done.stderr == "newsreader: cannot write to standard output: it is closed\n"
    assert done.returncode == 1


def test_a_command_that_writes_nothing_needs_no_standard_output(subscribed: Path) -> None:
    config = subscribed / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("timeout_seconds = 1\n", encoding="utf-8")
    done = _shell(subscribed, '"$0" remove 1 >/dev/null && "$0" refresh --quiet >&-')
    assert (done.stdout, done.stderr, done.returncode) == ("", "", 0)


def test_with_both_streams_closed_the_exit_status_tells(subscribed: Path) -> None:
    for command, status in (('"$0" list >&- 2>&-', 1), ('"$0" remove 99 >&- 2>&-', 2)):
        done = _shell(subscribed, f"{command}; echo $?")
        assert (done.stdout, done.stderr) == (f"{status}\n", "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("buffered", [False, True], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize(
    "argv", ["paths", "list", "export", "tariffs --format csv", "--help", "--version", "add -h"]
)
def test_a_full_disk_under_standard_output_is_one_line(
    subscribed: Path, argv: str, buffered: bool
) -> None:
    """/dev/full fails every write with ENOSPC, as a file on a full disk does at its flush:
    at the write when the output is unbuffered, at the last flush (after the command, or
    after argparse printed the help and exited) when it is buffered, as it is by default."""
    done = _shell(subscribed, f'"$0" {argv} >/dev/full', buffered=buffered)
    assert done.stderr == "newsreader: cannot write to standard output: No space left on device\n"
    assert done.returncode == 1
    assert not (subscribed / "log" / "newsreader.log").exists()  # no crash to report


def _subscribe_many(home: Path, feeds: int, title: str) -> None:
    many = home / "many.opml"
    many.write_text(
        '<opml version="2.0"><body>'
        + "".join(
            f'<outline text="{title}{i}" xmlUrl="http://127.0.0.1:9/feed-{i}.xml"/>'
            for i in range(feeds)
        )
        + "</body></opml>",
        encoding="utf-8",
    )
    assert run(["import", str(many)]) == 0


def _with_small_files(home: Path, *argv: str, limit: int) -> subprocess.CompletedProcess[str]:
    """``newsreader argv`` where no file may grow past ``limit`` bytes (RLIMIT_FSIZE): a full
    disk for what it writes, the files it had before staying as they are."""

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [str(NEWSREADER), *argv],
        env=child_env(home),
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=small_files,
    )


def test_an_export_that_cannot_be_written_whole_leaves_the_file_there(subscribed: Path) -> None:
    """`export FILE` from cron over yesterday's copy, on a disk that fills: the old copy was
    cut to what fitted."""
    _subscribe_many(subscribed, 5_000, "A feed with a long title " * 4)  # a 1.4 MB export
    backup = subscribed / "backup.opml"
    backup.write_text("yesterday's copy\n", encoding="utf-8")
    backup.chmod(0o600)
    # 256 KB: more than SQLite's shared memory file (32 KB), less than the export.
    done = _with_small_files(subscribed, "export", str(backup), limit=256_000)
    assert done.returncode != 0 and "File too large" in done.stderr, done.stderr
    assert backup.read_text(encoding="utf-8") == "yesterday's copy\n"
    assert sorted(p.name for p in subscribed.glob("backup*")) == ["backup.opml"]
    done = _shell(subscribed, f'"$0" export {backup}')
    assert (done.returncode, done.stderr) == (0, "")
    assert "feed-4999.xml" in backup.read_text(encoding="utf-8")
    assert backup.stat().st_mode & 0o777 == 0o600  # still the user's own


def test_a_full_disk_under_a_read_of_the_database_is_one_line(subscribed: Path) -> None:
    """A large sort (the export's, list's) spills into a temporary file; on a full disk
    SQLite's I/O error was an "unexpected error", with a traceback in the log."""
    _subscribe_many(subscribed, 10_000, "A feed with a long title " * 12)
    done = _with_small_files(subscribed, "export", limit=256_000)
    assert done.stdout == ""
    assert done.stderr == (
        f"newsreader: cannot use the database {subscribed / 'data' / 'newsreader.db'}:"
        " disk I/O error (is the disk full or failing?)\n"
    )
    assert done.returncode == 1
    assert not (subscribed / "log" / "newsreader.log").exists()  # no crash to report


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_text_an_encoding_cannot_show_is_replaced(subscribed: Path, encoding: str) -> None:
    """A terminal or locale that is not UTF-8 (PYTHONIOENCODING stands for LANG=en_US): text
    gets '?' for what it cannot show; JSON, for programs, keeps it whole with its escapes."""

    def run(*args: str) -> bytes:
        done = subprocess.run(
            [str(NEWSREADER), *args],
            env=child_env(subscribed, PYTHONIOENCODING=encoding),
            capture_output=True,
            timeout=60,
        )
        assert (done.stderr, done.returncode) == (b"", 0)
        return done.stdout

    line = run("list").decode(encoding)
    assert ("Caf? ?Nine?" if encoding == "ascii" else "Caf\u00e9 ?Nine?") in line
    title = json.loads(run("list", "--json").decode(encoding))[0]["title"]
    assert title == "Caf\u00e9 \u2018Nine\u2019"


@pytest.mark.parametrize("argv", [[], ["tui"]])
def test_the_reader_without_a_terminal_is_one_line(home: Path, argv: list[str]) -> None:
    """`newsreader` from cron or a script (no command, or `tui`), or `ssh host newsreader`
    without -t: the reader drew its screen into the pipe and ran until killed."""
    done = subprocess.run(
        [str(NEWSREADER), *argv],
        env=child_env(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (done.stdout, done.returncode) == ("", 2)
    assert done.stderr.startswith("newsreader: the reader needs a terminal")
    assert done.stderr.count("\n") == 1
    assert not (home / "data").exists()  # nothing set up


def test_a_closed_standard_input_is_one_line(home: Path) -> None:
    done = _shell(home, '"$0" extract - --json <&-')
    assert done.stderr == "newsreader: cannot read standard input: it is closed\n"
    assert (done.stdout, done.returncode) == ("", 2)

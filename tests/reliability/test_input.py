"""Every bad command-line argument and every bad config value: one clear line on stderr, exit
status 2, no traceback, no escape sequence echoed back, and nothing in the database changed."""

from __future__ import annotations

import sqlite3
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env
from tui.cli import run
from tui.config import _RANGES, Settings
from tui.core.models import ParsedArticle
from tui.paths import resolve
from tui.store.repository import Repository


@pytest.fixture
def populated(home: Path) -> Path:
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        feed = repo.add_feed("https://one.example/feed.xml", title="One")
        repo.store_articles(feed.id, [ParsedArticle(guid="a", title="Alpha", link="")])
        repo.set_state("initialised", "1")
    finally:
        repo.close()
    return paths.database


def dump(database: Path) -> str:
    conn = sqlite3.connect(database)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def one_line(err: str) -> None:
    assert err.startswith("newsreader: "), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert "\x1b" not in err and "\x07" not in err


def bad_arguments(tmp: Path) -> list[list[str]]:
    garbage = tmp / "garbage.opml"
    garbage.write_bytes(b"\x00\xffnot opml at all")
    folder = tmp / "a-folder"
    folder.mkdir(exist_ok=True)
    return [
        ["frobnicate"],
        ["--nope"],
        ["tui", "extra"],
        ["paths", "extra"],
        ["add"],
        ["add", "ftp://example.org/feed"],
        ["add", "not a url"],
        ["add", "http://"],
        ["add", "javascript:alert(1)"],
        ["add", "file:///etc/passwd"],
        ["add", "https://ok.example/feed", "--folder"],
        ["add", "https://one.example/feed.xml"],  # already subscribed
        ["remove"],
        ["remove", "999"],
        ["remove", "https://not.subscribed.example/"],
        ["list", "--bogus"],
        ["list", "extra"],
        ["refresh", "--loud"],
        ["import"],
        ["import", "/nonexistent/feeds.opml"],
        ["import", str(folder)],
        ["import", str(garbage)],
        ["export", "/nonexistent-folder/out.opml"],
        ["export", str(folder)],
        ["export", ""],  # no file name (an unset variable: export "$OUT")
        ["import", ""],
        ["show"],
        ["show", "abc"],
        ["show", "999999"],
        ["show", "-1"],
        ["extract"],
        ["extract", "/nonexistent/article.txt"],
        ["extract", str(folder)],
        ["extract", "-", "--text", "--json"],
        ["extract", "-", "--date", "2025-13-45"],
        ["tariffs", "--format", "xml"],
        ["tariffs", "--since", "yesterday"],
        ["tariffs", "--country", "Atlantis"],
        ["tariffs", "--country"],
        ["\x1b]0;evil-title\x07"],
        ["show", "\x1b[2J"],
        # Bytes that are not UTF-8 in an argument (LANG=C.UTF-8 reads them as surrogates).
        ["remove", "\udcff"],
        ["tariffs", "--country", "\udcffland"],
        ["add", "http://127.0.0.1:9/feed.xml", "--title", "a\udcffb"],
        ["add", "http://127.0.0.1:9/feed.xml", "--folder", "\udcff"],
    ]


def test_every_bad_argument(
    populated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(populated)
    failures = []
    for argv in bad_arguments(tmp_path):
        code = run(argv)
        out, err = capsys.readouterr()
        try:
            assert code == 2, code
            one_line(err)
        except AssertionError as exc:
            failures.append((argv, code, err, str(exc)))
    assert failures == []
    assert dump(populated) == before


def bad_config_values() -> list[tuple[str, str]]:
    """(config text, the key the message must name), for every setting."""
    cases: list[tuple[str, str]] = []
    for f in fields(Settings):
        default = getattr(Settings(), f.name)
        key = f.name
        if isinstance(default, bool):
            cases += [(f'{key} = "yes"', key), (f"{key} = 1", key)]
        elif isinstance(default, int | float):
            low, high = _RANGES[key]
            cases += [
                (f'{key} = "often"', key),
                (f"{key} = true", key),
                (f"{key} = {low - 1}", key),
                (f"{key} = {high + 1}", key),
                (f"{key} = [1]", key),
            ]
            if isinstance(default, int):
                cases.append((f"{key} = 1.5", key))
        elif key == "keymap":
            cases += [
                ('keymap = "q"', key),
                ("[keymap]\nquit = 5", key),
                ('[keymap]\nquit = ""', key),
            ]
        else:
            cases += [
                (f"{key} = 42", key),
                (f"{key} = {{a = 1}}", key),
                (f'{key} = "/tmp/a\\u0000b"', key),  # a NUL no path or command can hold
            ]
            if key in ("fulltext", "entity_backend"):
                cases.append((f'{key} = "sometimes"', key))
    cases += [
        ('no_such_key = "x"', "no_such_key"),
        ("refresh_minutes = ", "not valid TOML"),
        ("[[[", "not valid TOML"),
        (
            '[sync]\nservice = "fever"\nurl = "https://x.example/"\nuser = "a\\u0000"\n'
            'password_env = "PASSWORD"',
            "user",
        ),
        ("refresh_minutes = 5\nrefresh_minutes = 6", "not valid TOML"),
    ]
    return cases


def test_every_bad_config_value(populated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = resolve().config_file
    before = dump(populated)
    failures = []
    for text, named in bad_config_values():
        config.write_text(text + "\n", encoding="utf-8")
        code = run(["list"])
        out, err = capsys.readouterr()
        try:
            assert code == 2 and out == ""
            one_line(err)
            assert str(config) in err and named in err
        except AssertionError as exc:
            failures.append((text, code, err, str(exc)))
    assert failures == [], failures
    assert dump(populated) == before


def test_unreadable_config_files(populated: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = resolve().config_file
    config.write_bytes(b"theme = '\xff\xfe'\n")
    assert run(["list"]) == 2
    one_line(capsys.readouterr().err)
    config.unlink()
    config.mkdir()  # a folder where the file should be
    assert run(["list"]) == 2
    one_line(capsys.readouterr().err)


@pytest.mark.parametrize(
    "argv", [["frobnicate"], ["show", "nope"], ["add", "ftp://x.example/"], ["--bogus"]]
)
def test_the_installed_command_exits_2(populated: Path, argv: list[str]) -> None:
    done = subprocess.run(
        [str(NEWSREADER), *argv],
        env=child_env(populated.parent.parent),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    one_line(done.stderr)
    assert done.stdout == ""

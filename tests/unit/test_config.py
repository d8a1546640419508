"""config.toml: defaults, validation, and one clear line per mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.config import ConfigError, Settings, load_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "config.toml") == Settings()


def test_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'refresh_minutes = 5\nfulltext = "never"\ntimeout_seconds = 2.5\n'
        '[keymap]\nquit = "q,ctrl+q"\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.refresh_minutes == 5
    assert settings.fulltext == "never"
    assert settings.timeout_seconds == 2.5
    assert settings.keymap == {"quit": "q,ctrl+q"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colour = 1", "unknown key 'colour'"),
        ('refresh_minutes = "soon"', "refresh_minutes must be a number"),
        ("refresh_minutes = 2.5", "refresh_minutes must be a whole number"),
        ("refresh_minutes = -1", "refresh_minutes must be between 0 and"),
        ('fulltext = "sometimes"', "fulltext must be one of auto, always, never"),
        ("refresh_on_start = 1", "refresh_on_start must be true or false"),
        ("keymap = 3", "keymap must be a table"),
        ("refresh_minutes = ", "is not valid TOML"),
        ('download_dir = "podcasts"', "download_dir must be an absolute folder (or start with ~)"),
        ('download_dir = "~no-such-user-here/x"', "download_dir"),
        ("download_dir = 3", "download_dir must be a string"),
        ("max_download_megabytes = 0", "max_download_megabytes must be between 1 and 1000000,"),
        ('player = "mpv \'unclosed"', "player is not a command line"),
    ],
)
def test_bad_values_name_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("refresh_minutes = true", "refresh_minutes must be a number, not true"),
        ("refresh_minutes = 2024-01-01", "refresh_minutes must be a number, not 2024-01-01"),
        (
            "timeout_seconds = 2024-01-01T10:00:00Z",
            "timeout_seconds must be a number, not 2024-01-01T10:00:00+00:00",
        ),
        ('notify = ["osc9"]', "notify must be a string, not ['osc9']"),
        ("theme = { name = 1 }", "theme must be a string, not {name = 1}"),
        ("refresh_on_start = [true]", "refresh_on_start must be true or false, not [true]"),
        (
            f'notify = "{"x" * 100_000}"',
            f"notify must be one of osc9, osc777, bell, off, not '{'x' * 58}…",
        ),
    ],
)
def test_a_bad_value_is_quoted_as_toml_writes_it_and_at_most_a_line_of_it(
    tmp_path: Path, text: str, expected: str
) -> None:
    """The message quoted Python's repr: "not True", "not datetime.date(2024, 1, 1)", and a
    100,000-character string whole on the one line."""
    path = tmp_path / "config.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value) == f"{path}: {expected}"


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"theme = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(path)


def test_a_pipe_in_the_config_files_place_is_refused_not_waited_on(tmp_path: Path) -> None:
    """config.toml a named pipe (mkfifo, a process substitution left behind): newsreader
    waited for a writer that never came, every command hanging at its start, the app too."""
    import os
    import threading

    path = tmp_path / "config.toml"
    os.mkfifo(path)
    failed: list[str] = []

    def load() -> None:
        try:
            load_settings(path)
        except ConfigError as exc:
            failed.append(str(exc))

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # free the thread that hangs, so the test run goes on
        with open(path, "wb"):
            pass
        pytest.fail("load_settings waited on the pipe")
    assert failed == [f"{path}: is a pipe, not a file"]


def test_a_byte_order_mark_is_no_statement(tmp_path: Path) -> None:
    """An editor that saves UTF-8 with a byte-order mark (Notepad) put an invisible character
    before the first key: "not valid TOML (Invalid statement (at line 1, column 1))"."""
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xef\xbb\xbfrefresh_minutes = 10\r\nnotify = 'bell'\r\n")
    settings = load_settings(path)
    assert (settings.refresh_minutes, settings.notify) == (10, "bell")


def test_download_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'download_dir = "~/Podcasts"\nplayer = "mpv --no-video"\nmax_download_megabytes = 500\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert (settings.download_dir, settings.player) == ("~/Podcasts", "mpv --no-video")
    assert settings.max_download_megabytes == 500
    assert (Settings().download_dir, Settings().player) == ("", "mpv")

"""[sync] in config.toml, and where the password comes from (never the file)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.config import ConfigError, SyncSettings, load_settings
from tui.services.background import RefreshJob
from tui.services.sync.credentials import CredentialError, password
from tui.services.sync.fever import endpoint
from tui.services.sync.http import shown
from tui.services.sync.ttrss import api_url

GOOD = '[sync]\nservice = "fever"\nurl = "https://rss.example.org/fever/"\nuser = "me"\n'


def _load(tmp_path: Path, text: str) -> SyncSettings | None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path).sync


def test_ttrss_is_a_service(tmp_path: Path) -> None:
    sync = _load(tmp_path, GOOD.replace('"fever"', '"ttrss"') + 'password_env = "P"\n')
    assert sync is not None and sync.service == "ttrss"


def test_sync_is_read(tmp_path: Path) -> None:
    sync = _load(tmp_path, GOOD + 'password_command = "pass show rss"\n')
    assert sync == SyncSettings(
        service="fever",
        url="https://rss.example.org/fever/",
        user="me",
        password_command="pass show rss",
    )
    assert _load(tmp_path, "refresh_minutes = 5\n") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD + 'password = "hunter2"\n', "no password in config.toml"),
        (GOOD, "exactly one of password_command and password_env"),
        (GOOD + 'password_env = "A"\npassword_command = "b"\n', "exactly one of"),
        (GOOD.replace('"fever"', '"feedly"') + 'password_env = "A"\n', "service must be one of"),
        (GOOD.replace("https://", "ftp://") + 'password_env = "A"\n', "url must be an http"),
        # An unclosed IPv6 bracket was "unexpected error: ValueError('Invalid IPv6 URL')".
        (GOOD.replace("rss.example.org", "[::1") + 'password_env = "A"\n', "url must be an http"),
        (GOOD.replace("example.org", "example.org:99999") + 'password_env = "A"\n', "url must"),
        (GOOD.replace("rss.example.org", "") + 'password_env = "A"\n', "url must be an http"),
        (GOOD.replace('user = "me"\n', "") + 'password_env = "A"\n', "user is missing"),
        (GOOD + 'password_env = ""\n', "password_env must be a non-empty string"),
        (GOOD + "password_env = 3\n", "password_env must be a non-empty string"),
        (GOOD + 'password_env = "A"\ncolour = "red"\n', "unknown key 'colour'"),
        ('sync = "fever"\n', "[sync] must be a table"),
    ],
)
def test_bad_sync_is_one_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        _load(tmp_path, text)
    message = str(info.value)
    assert expected in message and "[sync]" in message and str(tmp_path) in message
    assert "\n" not in message
    assert "hunter2" not in message  # a password put in the file is not repeated


def test_the_refresh_job_carries_sync_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(GOOD + 'password_env = "RSS_PASSWORD"\n', encoding="utf-8")
    settings = load_settings(path)
    job = RefreshJob(tmp_path / "n.db", settings)
    assert RefreshJob.from_json(job.to_json()) == job


def _settings(**source: str) -> SyncSettings:
    return SyncSettings(service="fever", url="http://127.0.0.1:1/", user="me", **source)


def test_password_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NR_TEST_PW", "s3cret with spaces ")
    assert password(_settings(password_env="NR_TEST_PW")) == "s3cret with spaces "
    monkeypatch.delenv("NR_TEST_PW")
    with pytest.raises(CredentialError, match="NR_TEST_PW is not set"):
        password(_settings(password_env="NR_TEST_PW"))


def test_password_command_runs_without_a_shell(tmp_path: Path) -> None:
    script = tmp_path / "say.py"
    script.write_text("import sys; print(sys.argv[1]); print('second line')\n", encoding="utf-8")
    # The quoting is shlex's; `$HOME` and `;` reach the program as they are: no shell.
    command = f"{sys.executable} {script} 'pa ss;$HOME'"
    assert password(_settings(password_command=command)) == "pa ss;$HOME"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/nonexistent/pass show rss", "not found"),
        ("false", "failed with exit status 1"),
        ("true", "printed no password"),
        ("'unclosed", "cannot be read"),
        ("   ", "is empty"),
    ],
)
def test_password_command_failures_are_one_line(command: str, expected: str) -> None:
    with pytest.raises(CredentialError) as info:
        password(_settings(password_command=command))
    assert expected in str(info.value) and "\n" not in str(info.value)


def test_password_command_that_hangs_is_given_up(tmp_path: Path) -> None:
    with pytest.raises(CredentialError, match="did not finish within 0.5 s"):
        password(_settings(password_command="sleep 30"), timeout=0.5)


def test_password_command_output_is_never_shown(tmp_path: Path) -> None:
    script = tmp_path / "leak.py"
    script.write_text(
        "import sys; print('hunter2'); print('hunter2', file=sys.stderr); sys.exit(3)\n",
        encoding="utf-8",
    )
    with pytest.raises(CredentialError) as info:
        password(_settings(password_command=f"{sys.executable} {script}"))
    assert "exit status 3" in str(info.value) and "hunter2" not in str(info.value)


@pytest.mark.parametrize(
    ("url", "fever", "ttrss"),
    [
        (
            "https://rss.example.org/fever/?api",
            "https://rss.example.org/fever/",
            "https://rss.example.org/fever/api/",
        ),
        ("https://h.test/tt-rss", "https://h.test/tt-rss", "https://h.test/tt-rss/api/"),
        ("https://h.test/tt-rss/api/", "https://h.test/tt-rss/api/", "https://h.test/tt-rss/api/"),
        ("http://h.test:8080", "http://h.test:8080/", "http://h.test:8080/api/"),
    ],
)
def test_server_addresses(url: str, fever: str, ttrss: str) -> None:
    assert endpoint(url) == fever
    assert api_url(url) == ttrss


def test_a_password_in_the_url_is_never_shown() -> None:
    where = shown("https://me:hunter2@rss.example.org:8443/fever/?api_key=abc")
    assert where == "https://rss.example.org:8443/fever/"

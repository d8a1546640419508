"""The watch list's settings (notify, notify_command) and its copy beside the OPML copy, which
a damaged database is rebuilt from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.config import ConfigError, Settings, load_settings
from tui.core.models import Subscription
from tui.core.opml import write_opml
from tui.core.watching import Watch
from tui.paths import Paths
from tui.services.storage import open_store
from tui.services.watch_file import watches_file_for, write_watches_file
from tui.store.repository import Repository


def test_notify_defaults_to_osc9_and_takes_the_four_choices(tmp_path: Path) -> None:
    assert Settings().notify == "osc9" and Settings().notify_command == ""
    path = tmp_path / "config.toml"
    for mode in ("osc9", "osc777", "bell", "off"):
        path.write_text(f'notify = "{mode}"\n', encoding="utf-8")
        assert load_settings(path).notify == mode
    path.write_text("notify_command = \"notify-send -a 'news reader'\"\n", encoding="utf-8")
    assert load_settings(path).notify_command == "notify-send -a 'news reader'"


@pytest.mark.parametrize("command", ["  ", "\\t"], ids=["spaces", "tab"])
def test_a_notify_command_of_no_words_runs_nothing(tmp_path: Path, command: str) -> None:
    """``notify_command = " "`` passed the check, then every alert failed ("notify_command
    failed: ValueError: notify_command is empty") and each refresh that alerted exited 1."""
    from tui.services.notify import run_notify_command

    path = tmp_path / "config.toml"
    path.write_text(f'notify_command = "{command}"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.notify_command == ""
    assert run_notify_command(settings, ["Vietnam: 20% -> 46%"]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('notify = "popup"', "notify must be one of osc9, osc777, bell, off, not 'popup'"),
        ("notify = true", "notify must be a string"),
        ('notify_command = "notify-send \'unclosed"', "notify_command is not a command line"),
    ],
)
def test_a_bad_notify_setting_is_one_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_a_damaged_database_gets_its_watches_back(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "config", tmp_path / "data", tmp_path / "cache", tmp_path / "log")
    paths.ensure()
    repo = Repository(paths.database)
    try:
        repo.add_subscriptions([Subscription(url="https://one.example/feed.xml")])
        repo.set_watched(Watch.country("Vietnam"), True)
        repo.set_search_watched(repo.save_search("steel").id, True)
        write_watches_file(repo, watches_file_for(paths.subscriptions_backup))
    finally:
        repo.close()
    paths.subscriptions_backup.write_text(
        write_opml([Subscription(url="https://one.example/feed.xml")]), encoding="utf-8"
    )
    assert watches_file_for(paths.subscriptions_backup).name == "subscriptions.watches.json"
    paths.database.write_bytes(b"this is not a database " * 3000)
    repo, notice = open_store(paths)
    try:
        assert notice is not None
        assert "1 subscription restored" in notice and "2 watches from" in notice
        assert repo.watches() == [Watch.country("Vietnam")]
        assert [(s.query, s.watched) for s in repo.saved_searches()] == [("steel", True)]
    finally:
        repo.close()

"""Where files live: NEWSREADER_HOME moves everything; platformdirs otherwise."""

from __future__ import annotations

from pathlib import Path

from tui.paths import assets_dir, resolve


def test_home_moves_everything(tmp_path: Path) -> None:
    paths = resolve({"NEWSREADER_HOME": str(tmp_path)})
    for path in paths.as_dict().values():
        assert tmp_path in path.parents
    assert not (tmp_path / "data").exists()  # nothing is created until ensure()
    paths.ensure()
    assert paths.database.parent.is_dir()


def test_platformdirs_without_home() -> None:
    paths = resolve({})
    assert "newsreader" in str(paths.data_dir)
    assert paths.config_file.name == "config.toml"


def test_assets_are_found() -> None:
    assert (assets_dir() / "demo-feed.xml").is_file()
    assert (assets_dir() / "default-feeds.opml").is_file()

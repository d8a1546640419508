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


def test_the_downloads_folder(tmp_path: Path) -> None:
    """Under NEWSREADER_HOME when set, else the user's downloads folder; download_dir wins."""
    paths = resolve({"NEWSREADER_HOME": str(tmp_path)})
    assert paths.download_dir() == tmp_path / "downloads"
    assert paths.download_dir("/srv/podcasts") == Path("/srv/podcasts")
    assert paths.download_dir("~/Podcasts") == Path.home() / "Podcasts"
    assert paths.as_dict("/srv/podcasts")["downloads"] == Path("/srv/podcasts")
    import platformdirs

    assert resolve({}).download_dir() == platformdirs.user_downloads_path()

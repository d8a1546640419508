"""Where newsreader keeps its files: platformdirs locations, all under NEWSREADER_HOME when set.

Nothing is created at import time; call :func:`resolve` in ``main()`` and :meth:`Paths.ensure`
before writing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"
HOME_ENV = "NEWSREADER_HOME"


@dataclass(frozen=True, slots=True)
class Paths:
    """The folders and files newsreader reads and writes."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path
    downloads_dir: Path | None = None
    """Where enclosures go unless ``download_dir`` says otherwise (None: beside the data)."""

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "newsreader.db"

    @property
    def subscriptions_backup(self) -> Path:
        """OPML copy of the subscriptions beside the database, so a damaged database loses none."""
        return self.data_dir / "subscriptions.opml"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "newsreader.log"

    def download_dir(self, configured: str = "") -> Path:
        """The folder downloads go to: ``configured`` (the ``download_dir`` setting, ``~``
        expanded) when set, else the user's downloads folder (under ``NEWSREADER_HOME``
        when it is set). Not created here: the downloader creates it when it first writes."""
        if configured.strip():
            return Path(configured.strip()).expanduser()
        return self.downloads_dir or self.data_dir.parent / "downloads"

    def ensure(self) -> None:
        """Create the folders that do not exist yet."""
        for folder in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the user's alone

    def as_dict(self, download_dir: str = "") -> dict[str, Path]:
        """Every place, by name (``download_dir``: the setting, for the downloads folder)."""
        return {
            "config": self.config_file,
            "data": self.data_dir,
            "database": self.database,
            "cache": self.cache_dir,
            "log": self.log_file,
            "downloads": self.download_dir(download_dir),
        }


class PathsError(ValueError):
    """``NEWSREADER_HOME`` names no folder that can be used (the message is one line)."""


def resolve(environ: os._Environ[str] | dict[str, str] | None = None) -> Paths:
    """The paths for this process: ``$NEWSREADER_HOME/{config,data,cache,log}`` or platformdirs.

    Raises :class:`PathsError` for a ``NEWSREADER_HOME`` that cannot be expanded (``~nobody``)
    or that is a file.
    """
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        try:
            # Absolute, from the folder the command started in: the paths it prints are whole.
            root = Path(os.path.abspath(Path(home).expanduser()))
        except RuntimeError as exc:  # "~name" of no user, or "~" without a home
            raise PathsError(f"{HOME_ENV}={home!r}: {exc}") from None
        if root.exists() and not root.is_dir():  # each command said "config.toml: cannot
            # be read (Not a directory)", of a file the user had never named
            raise PathsError(f"{HOME_ENV}={home!r} is a file, not a folder")
        return Paths(
            root / "config", root / "data", root / "cache", root / "log", root / "downloads"
        )
    return Paths(
        platformdirs.user_config_path(APP_NAME),
        platformdirs.user_data_path(APP_NAME),
        platformdirs.user_cache_path(APP_NAME),
        platformdirs.user_log_path(APP_NAME),
        platformdirs.user_downloads_path(),
    )


def assets_dir() -> Path:
    """The bundled assets: inside the installed package, or the checkout's top-level ``assets/``."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "assets"
    if installed.is_dir():
        return installed
    return package_dir.parent / "assets"

"""The watches file beside an OPML file, for ``import`` and ``export`` (tui.services.watch_file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import UsageError, fail, read_input
from tui.paths import Paths

if TYPE_CHECKING:
    from tui.services.watch_file import WatchList
    from tui.store.repository import Repository


def read_watches_beside(opml: Path) -> tuple[Path, WatchList] | None:
    """The watches file beside ``opml``, read and checked (None when there is none); a bad one
    is a usage error."""
    from tui.services.watch_file import (
        MAX_WATCH_FILE_BYTES,
        WatchFileError,
        read_watches,
        watches_file_for,
    )

    path = watches_file_for(opml)
    if str(opml) == "-" or not path.is_file():
        return None
    try:
        return path, read_watches(read_input(str(path), MAX_WATCH_FILE_BYTES))
    except WatchFileError as exc:
        raise UsageError(f"{path}: {exc}") from exc


def save_watches_copy(repo: Repository, paths: Paths) -> None:
    """Rewrite the copy beside the subscriptions' OPML copy (a failure is said, not fatal)."""
    from tui.services.watch_file import watches_file_for, write_watches_file

    path = watches_file_for(paths.subscriptions_backup)
    try:
        write_watches_file(repo, path)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")

"""The watches file beside an OPML file, for ``import`` and ``export`` (tui.services.watch_file)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import UsageError, fail, open_store, read_input, shown_name
from tui.core.wording import plural
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
        raise UsageError(f"{shown_name(path)}: {exc}") from exc


def save_watches_copy(repo: Repository, paths: Paths) -> bool:
    """Rewrite the copy beside the subscriptions' OPML copy; False when it cannot be (said in
    one line: the command goes on, and exits 1 for it)."""
    from tui.services.watch_file import watches_file_for, write_watches_file

    path = watches_file_for(paths.subscriptions_backup)
    try:
        write_watches_file(repo, path)
    except OSError as exc:
        fail(f"cannot write {shown_name(path)}: {exc.strerror or exc}")
        return False
    return True


def import_watches_only(found: tuple[Path, WatchList], paths: Paths, server: str) -> bool:
    """``import`` with [sync]: the server has the feeds (there is no call to subscribe), so
    only the watch list and saved searches beside the OPML file come in. False when their
    copy beside the database could not be written."""
    from tui.services.watch_file import apply_watches

    repo = open_store(paths)
    try:
        watched = apply_watches(repo, found[1])
        copied = save_watches_copy(repo, paths)
    finally:
        repo.close()
    print(f"imported {plural(watched, 'new watch', 'new watches')} from {shown_name(found[0])}")
    print(f"feeds not imported: [sync] is set, subscribe on the server ({server})")
    return copied

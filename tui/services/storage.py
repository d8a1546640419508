"""Opening the database for the app and the CLI, and recovering from a damaged one.

- The data folder must be writable: a read-only or full folder raises :class:`StoreUnavailable`
  with one line saying which folder and why, before anything is touched.
- A database file SQLite reports as damaged ("file is not a database", "database disk image is
  malformed"), or one of no bytes beside the OPML copy, is moved aside with its WAL files, not
  deleted; a new one is created and the subscriptions are restored from the OPML copy kept
  beside it (:attr:`tui.paths.Paths.subscriptions_backup`). The caller shows the returned
  notice.
- A database file that is gone while that copy is there starts from the copy too.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from tui.paths import Paths
from tui.store import db
from tui.store.errors import StoreUnavailable
from tui.store.repository import Repository

__all__ = ["StoreUnavailable", "open_store"]

_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _reason(exc: OSError) -> str:
    if exc.errno in _READ_ONLY:
        return f"it is read-only ({exc.strerror})"
    if exc.errno in _FULL:
        return f"the disk is full ({exc.strerror})"
    return exc.strerror or str(exc)


def _check_writable(folder: Path) -> None:
    """Create ``folder`` when missing and prove a file can be written in it."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=".newsreader-write-test-")
        try:
            os.write(handle, b"\0" * 4096)
        finally:
            os.close(handle)
            os.unlink(name)
    except OSError as exc:
        raise StoreUnavailable(f"cannot write in the data folder {folder}: {_reason(exc)}") from exc


def _probe(repo: Repository) -> None:
    """Touch the schema and the first pages of the main tables (cheap, unlike integrity_check),
    so a damaged file is found now rather than in the middle of a refresh."""
    conn = repo._conn()
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("SELECT id, url FROM feeds ORDER BY id LIMIT 1").fetchone()
    conn.execute(
        "SELECT id, title FROM articles ORDER BY sort_key DESC, id DESC LIMIT 1"
    ).fetchone()


def _open_checked(path: Path) -> Repository:
    repo = Repository(path)
    try:
        _probe(repo)
    except BaseException:
        repo.close()
        raise
    return repo


def _move_aside(path: Path) -> Path:
    """Rename the damaged file (and its -wal/-shm) to ``<name>.damaged-<UTC time>``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.replace(target)
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target


def _restore(repo: Repository, backup: Path) -> str:
    """Subscribe to the feeds of the OPML copy; returns the part of the notice that says so."""
    # Imported here, not at the top: every start opens the store, few ever restore it.
    from tui.core.opml import OpmlError, parse_opml

    try:
        data = backup.read_bytes()
    except FileNotFoundError:
        return f"no subscriptions copy ({backup.name}) to restore from"
    except OSError as exc:
        return f"the subscriptions copy {backup} cannot be read ({exc.strerror})"
    try:
        subs = parse_opml(data, max_bytes=None)  # newsreader's own copy, however large it grew
    except OpmlError as exc:
        return f"the subscriptions copy {backup.name} is damaged too ({exc})"
    added = repo.add_subscriptions(subs)
    return f"{added} subscription{'s' if added != 1 else ''} restored from {backup.name}"


def _restore_watches(repo: Repository, backup: Path) -> str:
    """Watches and saved searches from the copy beside the OPML copy (tui.services.watch_file);
    returns what to add to the notice ("" when there is no copy)."""
    from tui.services.watch_file import (
        WatchFileError,
        apply_watches,
        read_watches,
        watches_file_for,
    )

    path = watches_file_for(backup)
    try:
        added = apply_watches(repo, read_watches(path.read_bytes()))
    except FileNotFoundError:
        return ""
    except (OSError, WatchFileError) as exc:
        return f"; the watches copy {path.name} cannot be read ({exc})"
    return f", and {added} watch{'es' if added != 1 else ''} from {path.name}"


def _emptied(path: Path, backup: Path) -> str | None:
    """Why a database file of no bytes beside a subscriptions copy is damaged, else None.

    SQLite takes such a file (truncated by a full disk or a copy that failed) for a new
    database: the next change would write the empty subscriptions over the copy. Without a
    copy, it may be a database another process has just created, not written yet."""
    try:
        empty = path.stat().st_size == 0 and backup.exists()
    except OSError:
        return None  # missing (a new database), or for SQLite to say why it cannot be opened
    return "the file is empty" if empty else None


def _missing(path: Path, backup: Path) -> bool:
    """Whether the database file is gone while its subscriptions copy is still there (deleted
    to make room, or by hand to start the cache afresh): the new one starts from the copy, not
    from the default feeds, whose first run would write over the copy."""
    return not path.exists() and backup.exists()


def _restore_missing(repo: Repository, backup: Path) -> str | None:
    """The subscriptions and watches of the copies in a new database; the notice, or None when
    the copies held none (nothing to say: a first run follows)."""
    restored = _restore(repo, backup)
    if not repo.feeds():
        return None
    restored += _restore_watches(repo, backup)
    return f"there was no database: a new one was started and {restored}"


def open_store(paths: Paths) -> tuple[Repository, str | None]:
    """Open (creating when needed) the database; returns it and a one-line notice for the user
    when a damaged database was moved aside and a new one made, or a missing one was started
    from the subscriptions copy (else None).

    Raises :class:`StoreUnavailable` when the data folder or the database cannot be written, and
    :class:`tui.store.errors.SchemaTooNewError` for a database of a newer newsreader.
    """
    _check_writable(paths.data_dir)
    path = paths.database
    damage = _emptied(path, paths.subscriptions_backup)
    if damage is None:
        missing = _missing(path, paths.subscriptions_backup)
        try:
            repo = _open_checked(path)
            return repo, _restore_missing(repo, paths.subscriptions_backup) if missing else None
        except sqlite3.Error as exc:
            if db.error_code(exc) not in db.CORRUPT_CODES:
                raise db.unwritable(exc, path) or StoreUnavailable(
                    f"cannot open the database {path}: {exc}"
                ) from exc
            damage = str(exc)
    try:
        moved = _move_aside(path)
        repo = Repository(path)
    except (OSError, sqlite3.Error) as exc:
        raise StoreUnavailable(
            f"the database {path} is damaged ({damage}) and cannot be replaced: {exc}"
        ) from exc
    restored = _restore(repo, paths.subscriptions_backup)
    restored += _restore_watches(repo, paths.subscriptions_backup)
    notice = (
        f"the database was damaged ({damage}): moved to {moved.name}, "
        f"a new one was started and {restored}"
    )
    return repo, notice

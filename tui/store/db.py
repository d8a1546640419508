"""SQLite connections: WAL, NORMAL sync, a busy timeout, foreign keys, and schema migration.

The database holds the feeds' addresses, a ``user:password@`` in them included: its files are
the user's alone (0600), as the subscriptions copy beside it is.

Connections run in autocommit mode (``isolation_level=None``); writes go through
:func:`transaction`, which takes the write lock up front (``BEGIN IMMEDIATE``) so two writers
wait for each other through the busy timeout instead of failing with "database is locked".
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tui.store.errors import SchemaTooNewError, StoreBusy, StoreUnavailable
from tui.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_SECONDS = 5.0


def connect(path: Path) -> sqlite3.Connection:
    """Open ``path`` (created when missing) with the project's connection settings."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,  # only so Repository.close() can close it from another thread
    )
    _private(path)  # before WAL mode: SQLite gives -wal and -shm the database file's mode
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _private(path: Path) -> None:
    """Take the group's and others' access away from the database's files (a database made
    before this was 0644, as the umask left it). Nothing is said when that is not allowed."""
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with suppress(OSError):
            mode = name.stat().st_mode & 0o777
            if mode & 0o077:
                os.chmod(name, mode & 0o700)


# Primary result codes that mean "this database cannot be written here", not a bug.
_UNWRITABLE = {
    3: "permission denied",  # SQLITE_PERM
    8: "the database or its folder is read-only",  # SQLITE_READONLY
    10: "disk I/O error (is the disk full or failing?)",  # SQLITE_IOERR
    13: "the disk is full",  # SQLITE_FULL
    14: "the database file cannot be opened",  # SQLITE_CANTOPEN
}
CORRUPT_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY = 5  # SQLITE_BUSY: the write lock was not had within the busy timeout


def error_code(exc: sqlite3.Error) -> int | None:
    """The primary SQLite result code of ``exc`` (None when unknown)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def unwritable(
    exc: sqlite3.Error, path: Path | str | None = None, *, doing: str = "write"
) -> StoreUnavailable | None:
    """A :class:`StoreUnavailable` for errors that mean the database cannot be written (or
    read: ``doing``), else None (constraint violations, bugs and corruption are not that)."""
    reason = _UNWRITABLE.get(error_code(exc) or -1)
    if reason is None:
        return None
    where = f" {path}" if path else ""
    detail = "" if str(exc) in reason else f" ({exc})"
    return StoreUnavailable(f"cannot {doing} the database{where}: {reason}{detail}")


def _path_of(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return None
    return str(row[2]) if row and row[2] else None


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may already have rolled back by itself (SQLITE_FULL, I/O errors): ROLLBACK would
    # then fail with "no transaction is active" and hide the real error.
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A short write transaction: committed on success, rolled back on any exception.

    An error meaning the file cannot be written (read-only, disk full, I/O error) is raised as
    :class:`StoreUnavailable` with a one-line message, a write lock held elsewhere for longer
    than the busy timeout as :class:`StoreBusy`; nothing of the transaction is kept.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            _rollback(conn)
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            _rollback(conn)
            raise
    except sqlite3.Error as exc:
        if error_code(exc) == _BUSY:
            raise StoreBusy(
                f"the database {_path_of(conn)} is busy: another process has held it for more"
                f" than {BUSY_TIMEOUT_SECONDS:g} s; nothing was changed, try again"
            ) from exc
        translated = unwritable(exc, _path_of(conn))
        if translated is None:
            raise
        raise translated from exc


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema up to ``target``, one transaction per step; returns the final version.

    The version is re-read inside each step's transaction, so two processes opening the same
    file at once never run a step twice.
    """
    if user_version(conn) > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"the database has schema version {user_version(conn)}, newer than this newsreader"
            f" understands ({SCHEMA_VERSION}); upgrade newsreader"
        )
    for version in range(1, target + 1):
        if user_version(conn) >= version:
            continue
        with transaction(conn):
            if user_version(conn) >= version:
                continue
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
    return user_version(conn)

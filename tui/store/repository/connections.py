"""One SQLite connection per thread, opened lazily, and the short write transactions.

sqlite3 connections must not be shared between threads. Writes are short ``BEGIN IMMEDIATE``
transactions; reads run in autocommit mode.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import AbstractContextManager, suppress
from pathlib import Path

from tui.store import db


class Connections:
    """The connections of one database file; the base of every part of the repository."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        # (owning thread, connection): connections of threads that have ended are closed the
        # next time a thread opens one, so short-lived worker threads do not leak them.
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._closed = False
        try:
            db.migrate(self._conn())
        except BaseException:
            self.close()  # a damaged or unwritable file: leave no connection open on it
            raise

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise RuntimeError("the repository is closed")
            conn = db.connect(self.path)
            self._local.conn = conn
            with self._lock:
                dead = [c for t, c in self._connections if not t.is_alive()]
                self._connections = [(t, c) for t, c in self._connections if t.is_alive()]
                self._connections.append((threading.current_thread(), conn))
            for old in dead:
                with suppress(sqlite3.Error):
                    old.close()
        return conn

    def open_connections(self) -> int:
        """How many connections are open (for tests and diagnostics)."""
        with self._lock:
            return len(self._connections)

    def close(self) -> None:
        """Close the connections of this thread and of ended threads; interrupt the others.

        Closing a connection while another thread steps a statement on it frees SQLite's
        objects under that thread and crashes the process (seen at the app's exit, with a
        worker thread still reading). A thread that is still alive gets its running statement
        interrupted (``interrupt`` is made to be called from another thread) and its connection
        is only let go: Python closes it when the thread stops using it.
        """
        me = threading.current_thread()
        with self._lock:
            connections, self._connections = self._connections, []
            self._closed = True
        for owner, conn in connections:
            with suppress(sqlite3.Error):
                if owner is me or not owner.is_alive():
                    conn.close()
                else:
                    conn.interrupt()
        self._local = threading.local()

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return db.transaction(self._conn())

"""Errors the store raises; callers show their message to the user as one line."""

from __future__ import annotations


class StoreError(Exception):
    """Base class for store failures a caller may want to report."""


class DuplicateFeedError(StoreError):
    """The feed URL is already subscribed."""

    def __init__(self, url: str) -> None:
        super().__init__(f"already subscribed: {url}")
        self.url = url


class SchemaTooNewError(StoreError):
    """The database was written by a newer newsreader than this one."""


class StoreUnavailable(StoreError):
    """The database cannot be opened or written (read-only or full folder, I/O error).

    The message is one line naming the file or folder and the reason; nothing was changed.
    """


class StoreBusy(StoreError):
    """Another process has held the database's write lock for longer than the busy timeout
    (a long write elsewhere, a backup, an sqlite3 shell): nothing was changed, try again."""

"""What a sync service gives and takes, whatever its protocol (Fever, Tiny Tiny RSS)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from tui.core.models import Enclosure
from tui.store.sync import Field

# Items one request asks for by id (the Fever API's limit).
IDS_PER_REQUEST = 50


class SyncError(Exception):
    """A sync that cannot go on; the message is one line for the user, never a credential."""


class AuthError(SyncError):
    """The server refused the user name or password."""


@dataclass(frozen=True, slots=True)
class RemoteFeed:
    """A subscription on the server; ``folder`` is the name of its group ('' for none)."""

    remote_id: int
    url: str
    title: str = ""
    site_url: str = ""
    folder: str = ""


@dataclass(frozen=True, slots=True)
class RemoteItem:
    """An article on the server."""

    remote_id: int
    feed_id: int
    title: str = ""
    author: str = ""
    html: str = ""
    url: str = ""
    read: bool = False
    starred: bool = False
    published: datetime | None = None  # UTC-aware
    enclosures: tuple[Enclosure, ...] = ()  # its files (Tiny Tiny RSS; the Fever API has none)


@dataclass(frozen=True, slots=True)
class ItemPage:
    """Items above a ``since_id``; ``total``: how many items the server holds, when it says.

    ``next_offset``: ask again with the same ``since_id`` and this offset (a server that pages
    by offset); None: ask with the highest id received as the next ``since_id`` (Fever).
    """

    items: tuple[RemoteItem, ...]
    total: int | None = None
    next_offset: int | None = None


@dataclass(frozen=True, slots=True)
class RemoteState:
    """The ids of the items the server has unread and starred."""

    unread: frozenset[int]
    starred: frozenset[int]


class SyncService(Protocol):
    """One server account. Every method raises :class:`SyncError` (or AuthError) for a
    failure of the server or the network, with a one-line message."""

    @property
    def where(self) -> str:
        """The server's address as shown to the user (no credential in it)."""
        ...

    async def mark(self, remote_id: int, field: Field, value: bool) -> bool:
        """Set one item's read or starred state; False when the server no longer has it."""
        ...

    async def feeds(self) -> list[RemoteFeed]:
        """Every subscription, with its folder."""
        ...

    async def items_after(self, since_id: int, offset: int = 0) -> ItemPage:
        """Some items with ids above ``since_id``, from ``offset`` on (empty: none left)."""
        ...

    async def items_with_ids(self, ids: Sequence[int]) -> list[RemoteItem]:
        """The items of ``ids`` (at most :data:`IDS_PER_REQUEST`) the server still has."""
        ...

    async def state(self) -> RemoteState:
        """Which items are unread and which are starred."""
        ...

    async def aclose(self) -> None: ...

"""The Fever API (Miniflux, FreshRSS, Tiny Tiny RSS's plugin, coldsweat speak it).

One endpoint, ``URL?api``: what to read goes in the query string (``groups``, ``feeds``,
``items`` with ``since_id`` or ``with_ids``, ``unread_item_ids``, ``saved_item_ids``), and
every request is a POST carrying ``api_key``, the MD5 of ``user:password``; a write is
``mark=item&as=read|unread|saved|unsaved&id=N`` in the POST data. Answers are JSON objects
with ``auth`` 1, or 0 when the key is refused.

Requests get the fetcher's limits (:mod:`.http`). Nothing the server sends is trusted: values
of the wrong type are read as empty, items without a usable id are skipped, and an answer that
is not a Fever object is a SyncError.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from tui.services.fetcher import FetchSettings
from tui.services.sync.http import client, flag, json_object, positive_id, post, shown, text, when
from tui.services.sync.remote import (
    IDS_PER_REQUEST,
    AuthError,
    ItemPage,
    RemoteFeed,
    RemoteItem,
    RemoteState,
    SyncError,
)
from tui.store.sync import Field

_MARK_AS: dict[tuple[Field, bool], str] = {
    ("read", True): "read",
    ("read", False): "unread",
    ("starred", True): "saved",
    ("starred", False): "unsaved",
}


def api_key(user: str, password: str) -> str:
    """The Fever API key of an account: the MD5 of ``user:password`` in hex."""
    return hashlib.md5(f"{user}:{password}".encode()).hexdigest()


def endpoint(url: str) -> str:
    """The API address without its query (a configured ``...?api`` is accepted)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def _id_list(value: Any) -> set[int]:
    """A comma-separated list of ids (or a JSON list of them); anything else is garbage."""
    if isinstance(value, list):
        parts: list[Any] = value
    elif isinstance(value, str):
        parts = [p.strip() for p in value.split(",") if p.strip()]
    elif isinstance(value, int) and not isinstance(value, bool):
        parts = [value]
    else:
        raise SyncError("the server sent a list of ids that is not one")
    ids = {positive_id(p) for p in parts}
    if None in ids:
        raise SyncError("the server sent a list of ids that is not one")
    return {i for i in ids if i is not None}


def item(data: Any) -> RemoteItem | None:
    """A Fever item object, or None when it has no usable id or feed id."""
    if not isinstance(data, dict):
        return None
    remote_id, feed_id = positive_id(data.get("id")), positive_id(data.get("feed_id"))
    if remote_id is None or feed_id is None:
        return None
    return RemoteItem(
        remote_id=remote_id,
        feed_id=feed_id,
        title=text(data.get("title")),
        author=text(data.get("author")),
        html=text(data.get("html")),
        url=text(data.get("url")),
        read=flag(data.get("is_read")),
        starred=flag(data.get("is_saved")),
        published=when(data.get("created_on_time")),
    )


def feeds_from(
    groups_answer: Mapping[str, Any], feeds_answer: Mapping[str, Any]
) -> list[RemoteFeed]:
    """The feeds of a ``feeds`` answer, each in the folder named by the first group (in the
    server's order) that lists it."""
    groups = groups_answer.get("groups")
    feeds = feeds_answer.get("feeds")
    if not isinstance(groups, list) or not isinstance(feeds, list):
        raise SyncError("the server's list of feeds or groups is not a list")
    titles = {
        gid: text(g.get("title"))
        for g in groups
        if isinstance(g, dict) and (gid := positive_id(g.get("id"))) is not None
    }
    folder_of: dict[int, str] = {}
    for answer in (groups_answer, feeds_answer):
        links = answer.get("feeds_groups")
        for link in links if isinstance(links, list) else []:
            if not isinstance(link, dict):
                continue
            title = titles.get(positive_id(link.get("group_id")) or 0)
            if title is None:
                continue
            try:
                members = _id_list(link.get("feed_ids", ""))
            except SyncError:
                continue
            for feed_id in members:
                folder_of.setdefault(feed_id, title)
    found: list[RemoteFeed] = []
    for data in feeds:
        if not isinstance(data, dict) or (remote_id := positive_id(data.get("id"))) is None:
            continue
        found.append(
            RemoteFeed(
                remote_id=remote_id,
                url=text(data.get("url")).strip(),
                title=text(data.get("title")),
                site_url=text(data.get("site_url")).strip(),
                folder=folder_of.get(remote_id, ""),
            )
        )
    return found


class FeverClient:
    """One Fever account; use as an async context manager (or call :meth:`aclose`)."""

    def __init__(
        self,
        url: str,
        user: str,
        password: str,
        settings: FetchSettings,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self._endpoint = endpoint(url)
        self._key = api_key(user, password)
        self._settings = settings
        self._own_client = http is None
        self._client = http or client(settings)

    @property
    def where(self) -> str:
        return shown(self._endpoint)

    async def __aenter__(self) -> FeverClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_client:
            await self._client.aclose()

    # -- the protocol ------------------------------------------------------------------------

    async def _call(
        self, query: str = "", form: Mapping[str, str] | None = None
    ) -> tuple[int, dict[str, Any] | None]:
        """POST ``?api&query`` with the key (and ``form``); (status, the answer's object).

        The object is None for a 404 (for a mark, the item is gone); any other failure raises.
        """
        url = f"{self._endpoint}?api" + (f"&{query}" if query else "")
        data = {"api_key": self._key, **(form or {})}
        status, body = await post(self._client, url, self._settings, data=data)
        if status == 404:
            return status, None
        if 400 <= status < 500:  # 400, 405: not an address that takes the API's POST
            raise SyncError(f"{self.where} answered HTTP {status} (is the url right?)")
        if not 200 <= status < 300:
            raise SyncError(f"{self.where} answered HTTP {status}")
        answer = json_object(body)
        if answer is None or "auth" not in answer:
            raise SyncError(f"{self.where} did not answer as a Fever API (is the url right?)")
        if not flag(answer.get("auth")):
            raise AuthError(f"{self.where} refused the user name or password")
        return status, answer

    async def _read(self, query: str) -> dict[str, Any]:
        status, answer = await self._call(query)
        if answer is None:
            raise SyncError(f"{self.where} answered HTTP {status} (is the url right?)")
        return answer

    async def mark(self, remote_id: int, field: Field, value: bool) -> bool:
        form = {"mark": "item", "as": _MARK_AS[(field, value)], "id": str(remote_id)}
        _status, answer = await self._call("", form)
        return answer is not None

    async def feeds(self) -> list[RemoteFeed]:
        groups = await self._read("groups")
        feeds = await self._read("feeds")
        return feeds_from(groups, feeds)

    async def items_after(self, since_id: int, offset: int = 0) -> ItemPage:
        answer = await self._read(f"items&since_id={int(since_id)}")  # no offsets in Fever
        return ItemPage(self._items(answer), positive_id(answer.get("total_items")))

    async def items_with_ids(self, ids: Sequence[int]) -> list[RemoteItem]:
        if not ids:
            return []
        wanted = ",".join(str(int(i)) for i in ids[:IDS_PER_REQUEST])
        return list(self._items(await self._read(f"items&with_ids={wanted}")))

    async def state(self) -> RemoteState:
        unread = await self._read("unread_item_ids")
        saved = await self._read("saved_item_ids")
        if "unread_item_ids" not in unread or "saved_item_ids" not in saved:
            raise SyncError(f"{self.where} did not send the ids of unread and saved items")
        return RemoteState(
            frozenset(_id_list(unread["unread_item_ids"])),
            frozenset(_id_list(saved["saved_item_ids"])),
        )

    def _items(self, answer: Mapping[str, Any]) -> tuple[RemoteItem, ...]:
        raw = answer.get("items")
        if not isinstance(raw, list):
            raise SyncError(f"{self.where} sent items that are not a list")
        return tuple(found for data in raw if (found := item(data)) is not None)

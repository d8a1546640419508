"""The Tiny Tiny RSS JSON API (``api/`` under the tt-rss address).

Every call is a POST of a JSON object with ``op`` and, after ``login``, the ``sid`` it gave;
answers are ``{"status": 0, "content": ...}``, or status 1 with ``content.error``
(``LOGIN_ERROR``, ``API_DISABLED``, ``NOT_LOGGED_IN`` when the session expired: logged in
again once). Headlines come at most 200 a request and are paged by offset (``skip``) above a
``since_id``, newest first: an item arriving meanwhile shifts the pages by one, so one may
come twice (stored once) but none is stepped over. Headlines bring their ``attachments``
(a podcast's episodes: enclosures). Categories become folders; ``updateArticle``
sets ``unread`` (field 2) or ``marked`` (field 0, starred).

Requests get the fetcher's limits (:mod:`.http`); nothing the server sends is trusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from tui.core.enclosures import read_enclosures
from tui.core.models import Enclosure
from tui.core.text import clean_line, is_safe_link
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

PAGE = 200  # headlines per request: the API's cap
ALL_FEEDS, STARRED = -4, -1  # tt-rss's virtual feeds
_FIELD = {"starred": 0, "read": 2}  # updateArticle's field numbers


def api_url(url: str) -> str:
    """The API address of a tt-rss installation (``.../tt-rss/`` or ``.../tt-rss/api/``)."""
    parts = urlsplit(url.strip())
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    if not path.endswith("/api/"):
        path += "api/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def item(data: Any) -> RemoteItem | None:
    """A headline or article object, or None without a usable id or feed id."""
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
        html=text(data.get("content")),
        url=text(data.get("link")),
        read=not flag(data.get("unread")),
        starred=flag(data.get("marked")),
        published=when(data.get("updated")),
        enclosures=_enclosures(data.get("attachments")),
    )


def _enclosures(attachments: Any) -> tuple[Enclosure, ...]:
    """An item's ``attachments`` as enclosures, checked as a feed's are. tt-rss keeps the
    size a feed gives in the field it names ``duration``; its pictures (``media:content``
    thumbnails) are left out, as a feed fetched here has them in no enclosure."""
    if not isinstance(attachments, list):
        return ()
    entries = [
        {"href": a.get("content_url"), "type": a.get("content_type"), "length": a.get("duration")}
        for a in attachments
        if isinstance(a, dict) and not text(a.get("content_type")).lower().startswith("image/")
    ]
    return read_enclosures({"enclosures": entries}, _link)


def _link(url: str) -> str:
    url = clean_line(url)
    return url if is_safe_link(url) else ""


class TTRSSClient:
    """One Tiny Tiny RSS account; use as an async context manager (or call :meth:`aclose`)."""

    def __init__(
        self,
        url: str,
        user: str,
        password: str,
        settings: FetchSettings,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self._api = api_url(url)
        self._user = user
        self._password = password
        self._settings = settings
        self._own_client = http is None
        self._client = http or client(settings)
        self._sid: str | None = None
        self._previous_page: tuple[int, frozenset[int]] | None = None  # a skip ignored

    @property
    def where(self) -> str:
        return shown(self._api)

    async def __aenter__(self) -> TTRSSClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_client:
            await self._client.aclose()

    # -- the protocol ------------------------------------------------------------------------

    async def _request(self, body: dict[str, Any]) -> Any:
        status, raw = await post(self._client, self._api, self._settings, body=body)
        if status != 200:
            raise SyncError(f"{self.where} answered HTTP {status} (is the url right?)")
        answer = json_object(raw)
        if answer is None or "content" not in answer:
            raise SyncError(f"{self.where} did not answer as the Tiny Tiny RSS API")
        content = answer["content"]
        if answer.get("status") != 0:
            error = content.get("error") if isinstance(content, dict) else None
            raise _failure(self.where, text(error))
        return content

    async def _login(self) -> None:
        content = await self._request(
            {"op": "login", "user": self._user, "password": self._password}
        )
        sid = text(content.get("session_id")) if isinstance(content, dict) else ""
        if not sid:
            raise SyncError(f"{self.where} gave no session on login")
        self._sid = sid

    async def _call(self, op: str, **params: Any) -> Any:
        if self._sid is None:
            await self._login()
        try:
            return await self._request({"op": op, "sid": self._sid, **params})
        except _SessionExpired:
            await self._login()  # once: a second expiry in a row is an error
            return await self._request({"op": op, "sid": self._sid, **params})

    async def mark(self, remote_id: int, field: Field, value: bool) -> bool:
        mode = int(value) if field == "starred" else int(not value)
        content = await self._call(
            "updateArticle", article_ids=str(remote_id), mode=mode, field=_FIELD[field]
        )
        return not isinstance(content, dict) or positive_id(content.get("updated")) is not None

    async def feeds(self) -> list[RemoteFeed]:
        categories = _objects(await self._call("getCategories", include_empty=True), self.where)
        titles = {
            cid: text(c.get("title")) for c in categories if (cid := positive_id(c.get("id")))
        }
        found: list[RemoteFeed] = []
        for data in _objects(await self._call("getFeeds", cat_id=-3), self.where):
            remote_id = positive_id(data.get("id"))
            if remote_id is None:
                continue
            found.append(
                RemoteFeed(
                    remote_id=remote_id,
                    url=text(data.get("feed_url")).strip(),
                    title=text(data.get("title")),
                    folder=titles.get(positive_id(data.get("cat_id")) or 0, ""),
                )
            )
        return found

    async def _headlines(
        self, offset: int, *, attachments: bool = False, **params: Any
    ) -> list[Any]:
        raw = await self._call(
            "getHeadlines", limit=PAGE, skip=offset, include_attachments=attachments, **params
        )
        if not isinstance(raw, list):
            raise SyncError(f"{self.where} sent headlines that are not a list")
        return raw

    async def items_after(self, since_id: int, offset: int = 0) -> ItemPage:
        raw = await self._headlines(
            offset,
            feed_id=ALL_FEEDS,
            view_mode="all_articles",
            since_id=int(since_id),
            show_content=True,
            attachments=True,
        )
        items = tuple(found for data in raw if (found := item(data)) is not None)
        page = (since_id, frozenset(i.remote_id for i in items))
        if offset and len(raw) >= PAGE and page == self._previous_page:
            raise SyncError(f"{self.where} sends the same headlines for every page")
        self._previous_page = page
        return ItemPage(items, None, offset + len(raw) if len(raw) >= PAGE else None)

    async def items_with_ids(self, ids: Sequence[int]) -> list[RemoteItem]:
        if not ids:
            return []
        wanted = ",".join(str(int(i)) for i in ids[:IDS_PER_REQUEST])
        raw = await self._call("getArticle", article_id=wanted)
        return [found for data in _objects(raw, self.where) if (found := item(data))]

    async def _ids(self, **params: Any) -> frozenset[int]:
        """The ids of every headline of ``params``, page by page. A full page that brings no
        new id is a server ignoring ``skip``: it would be asked for ever."""
        found: set[int] = set()
        offset = 0
        while True:
            raw = await self._headlines(offset, show_content=False, **params)
            before = len(found)
            for data in raw:
                remote_id = positive_id(data.get("id")) if isinstance(data, dict) else None
                if remote_id is not None:
                    found.add(remote_id)
            if len(raw) < PAGE:
                return frozenset(found)
            if len(found) == before:
                raise SyncError(f"{self.where} sends the same headlines for every page")
            offset += len(raw)

    async def state(self) -> RemoteState:
        unread = await self._ids(feed_id=ALL_FEEDS, view_mode="unread")
        starred = await self._ids(feed_id=STARRED, view_mode="all_articles")
        return RemoteState(unread, starred)


class _SessionExpired(SyncError):
    pass


def _failure(where: str, error: str) -> SyncError:
    if error == "LOGIN_ERROR":
        return AuthError(f"{where} refused the user name or password")
    if error == "API_DISABLED":
        return SyncError(
            f"{where}: API access is off for this user (turn on 'Enable API' in the"
            " preferences of Tiny Tiny RSS)"
        )
    if error == "NOT_LOGGED_IN":
        return _SessionExpired(f"{where}: the session expired")
    return SyncError(f"{where} answered an error: {clean_line(error)[:80] or 'unknown'}")


def _objects(value: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise SyncError(f"{where} sent a list that is not one")
    return [v for v in value if isinstance(v, dict)]

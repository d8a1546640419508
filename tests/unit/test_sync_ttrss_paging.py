"""Tiny Tiny RSS answers that would keep a sync paging for ever."""

from __future__ import annotations

import json

import httpx
import pytest

from tui.services.fetcher import FetchSettings
from tui.services.sync.remote import SyncError
from tui.services.sync.ttrss import PAGE, TTRSSClient


def _ignoring_skip() -> tuple[httpx.MockTransport, list[dict[str, object]]]:
    """A tt-rss that sends the same full page of headlines whatever ``skip`` asks."""
    calls: list[dict[str, object]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.read())
        calls.append(body)
        if body["op"] == "login":
            content: object = {"session_id": "s1"}
        elif len(calls) < 50:
            content = [{"id": i, "feed_id": 1} for i in range(1, PAGE + 1)]
        else:  # the test's own end: the sync under test should have stopped long before
            content = []
        data = json.dumps({"seq": 0, "status": 0, "content": content}).encode()
        return httpx.Response(200, stream=httpx.ByteStream(data))

    return httpx.MockTransport(answer), calls


async def test_a_server_that_ignores_skip_fails_the_sync_instead_of_paging_for_ever() -> None:
    """Reading which items are unread asked for page after page while the server sent the
    same 200 headlines: the sync never ended."""
    transport, calls = _ignoring_skip()
    async with httpx.AsyncClient(transport=transport) as http:
        client = TTRSSClient("http://rss.test/tt-rss/", "me", "pw", FetchSettings(), http)
        with pytest.raises(SyncError, match="the same headlines"):
            await client.state()
    assert len(calls) <= 3


async def test_a_server_that_ignores_skip_stops_the_walk_through_new_items() -> None:
    """The walk through new items asked for 10,000 pages, each the same 200 headlines."""
    transport, calls = _ignoring_skip()
    async with httpx.AsyncClient(transport=transport) as http:
        client = TTRSSClient("http://rss.test/tt-rss/", "me", "pw", FetchSettings(), http)
        page = await client.items_after(0)
        assert page.next_offset == PAGE
        with pytest.raises(SyncError, match="the same headlines"):
            await client.items_after(0, page.next_offset)
    assert len(calls) == 3

"""The main screen runs without the App: it gets what it needs in its constructor, and what the
user asks of the app leaves it as a message (opening and copying links, refreshing, adding and
deleting feeds) that a bare Textual App here records instead of doing."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.message import Message

from tests.ui.conftest import feed_id, reader_settings, seed, settle
from tui.services.reader_view import load_first_screen
from tui.store.repository import Repository
from tui.ui.internal_hosts import InternalHosts
from tui.ui.messages import (
    AddFeedRequested,
    CopyLink,
    DeleteFeedRequested,
    FirstScreenShown,
    OpenUrl,
    RefreshRequested,
)
from tui.ui.screens.main import MainScreen

ASKED = (
    AddFeedRequested,
    CopyLink,
    DeleteFeedRequested,
    FirstScreenShown,
    OpenUrl,
    RefreshRequested,
)


class Host(App[None]):
    """Shows one screen and does nothing it is asked."""

    def __init__(self, screen: MainScreen) -> None:
        super().__init__()
        self._main = screen

    def on_mount(self) -> None:
        self.push_screen(self._main)


async def test_the_main_screen_asks_by_message(repo: Repository, tmp_path: Path) -> None:
    seed(repo)
    screen = MainScreen(
        repo,
        reader_settings(),
        cache_dir=tmp_path,
        internal_hosts=InternalHosts("ask"),
        first=load_first_screen(repo),
    )
    asked: list[Message] = []

    def record(message: Message) -> None:  # once each, not again as it bubbles
        if isinstance(message, ASKED) and not any(m is message for m in asked):
            asked.append(message)

    app = Host(screen)
    async with app.run_test(size=(120, 40), message_hook=record) as pilot:
        await settle(app, pilot)
        await pilot.press("o", "y", "r", "R")
        await pilot.press("a", *"https://feeds.example.org/rss", "enter")
        await pilot.press("1")
        wire = f"feed:{feed_id(repo, 'Market Wire')}"
        lists = screen.feed_list
        lists.highlighted = next(
            i for i in range(lists.option_count) if lists.get_option_at_index(i).id == wire
        )
        await settle(app, pilot)
        await pilot.press("r", "d", "y")
        await settle(app, pilot)
    assert [type(m) for m in asked] == [
        FirstScreenShown,
        OpenUrl,
        CopyLink,
        RefreshRequested,
        RefreshRequested,
        AddFeedRequested,
        RefreshRequested,
        DeleteFeedRequested,
    ]
    link = "https://news.example.org/w1"  # the first article, the tariff story
    opened, copied = asked[1], asked[2]
    assert isinstance(opened, OpenUrl) and opened.url == link
    assert isinstance(copied, CopyLink) and copied.url == link
    scope, every = asked[3], asked[4]  # r in All; R
    assert isinstance(scope, RefreshRequested) and scope.feeds is None
    assert isinstance(every, RefreshRequested) and every.feeds is None
    added = asked[5]
    assert isinstance(added, AddFeedRequested) and added.url == "https://feeds.example.org/rss"
    one, deleted = asked[6], asked[7]  # r and d on Market Wire
    assert isinstance(one, RefreshRequested) and one.feeds is not None
    assert [f.title for f in one.feeds] == ["Market Wire"]
    assert isinstance(deleted, DeleteFeedRequested) and deleted.feed.title == "Market Wire"
    assert repo.feed_by_url(deleted.feed.url) is not None  # asked, not done: the App deletes

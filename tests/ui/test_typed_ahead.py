"""Keys typed ahead of the list they are meant for (arriving together, as over SSH) act on
that list when it shows, not on the one it replaces."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual import events

from tests.ui.conftest import AppFactory, main, settle, started
from tui.store.repository import Repository


def _slow_reads(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """The article list's next reads wait for ``go_on`` (``reading`` set when one began): the
    keys typed meanwhile are sure to come before the list."""
    from tui.ui.screens.main import reading

    reading_now, go_on = threading.Event(), threading.Event()
    read_window = reading.article_window

    def slow_window(*args: Any) -> Any:
        reading_now.set()
        go_on.wait(10)
        return read_window(*args)

    monkeypatch.setattr(reading, "article_window", slow_window)
    return reading_now, go_on


def _type(app: Any, *keys: str) -> None:
    for key in keys:
        app.post_message(events.Key(key, key))


async def test_j_typed_in_the_articles_pane_before_its_new_list_moves_in_that_list(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``j 2 j`` in the feeds pane: the next feed, its articles, the second of them. The
    last j moved the cursor in the list being replaced, and the new list came with its
    cursor on the first article."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = main(app)
        screen.action_focus_pane("feeds")
        await pilot.press("j", "j")  # Starred, Broken Times: the folder below has articles
        await settle(app, pilot)
        reading_now, go_on = _slow_reads(monkeypatch)
        _type(app, "j", "2", "j")
        while not reading_now.is_set():
            await pilot.pause(0.01)
        await pilot.pause(0.2)
        assert screen.focused is screen.article_list
        go_on.set()
        await settle(app, pilot)
        ids = screen.article_list.ids
        assert len(ids) >= 2 and screen.article_list.current_id == ids[1]
        assert not app._held_keys


def _slow_repo_reads(
    monkeypatch: pytest.MonkeyPatch, repo: Repository, method: str
) -> tuple[threading.Event, threading.Event]:
    """``repo.method`` waits for ``go_on`` (``reading`` set when a call began)."""
    reading_now, go_on = threading.Event(), threading.Event()
    read = getattr(repo, method)

    def slow(*args: Any) -> Any:
        reading_now.set()
        go_on.wait(10)
        return read(*args)

    monkeypatch.setattr(repo, method, slow)
    return reading_now, go_on


async def _while_blocked(pilot: Any, reading_now: threading.Event) -> None:
    while not reading_now.is_set():
        await pilot.pause(0.01)
    await pilot.pause(0.2)  # the keys typed with it have come (and are held)


async def test_j_typed_behind_v_moves_in_the_stories(
    stories: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``v j``: the stories, the second of them. The j moved the cursor in the article list
    being hidden, and the stories came with their cursor on the first story."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = main(app)
        screen.action_focus_pane("articles")
        await settle(app, pilot)
        reading_now, go_on = _slow_repo_reads(monkeypatch, screen._repo, "story_ids")
        _type(app, "v", "j")
        await _while_blocked(pilot, reading_now)
        go_on.set()
        await settle(app, pilot)
        assert screen.stories_mode and screen.story_list.highlighted == 1


async def test_j_typed_behind_enter_on_a_story_goes_to_its_first_article(
    stories: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``enter j`` on a story of several reports: its articles, the first of them. The j went
    to the next story, and the story's articles came under the story left."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = main(app)
        await pilot.press("2", "v")
        await settle(app, pilot)
        while (story := screen.story_list.story) is not None and story.articles < 2:
            await pilot.press("j")
        assert story is not None
        reading_now, go_on = _slow_repo_reads(monkeypatch, screen._repo, "story_articles")
        _type(app, "enter", "j")
        await _while_blocked(pilot, reading_now)
        go_on.set()
        await settle(app, pilot)
        assert screen.story_list.opened == story.id
        assert screen.story_list.story_row is None  # on an article's row, under the story
        assert (shown := screen.story_list.story) is not None and shown.id == story.id

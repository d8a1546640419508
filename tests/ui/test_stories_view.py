"""The stories view (issue 18): `v` in the articles pane, story rows, enter, read marks."""

from __future__ import annotations

from typing import Any

import pytest

from tests.bench.score_stories import load_items
from tests.stories_data import store_items
from tests.ui.conftest import AppFactory, settle, started
from tests.ui.test_snapshots import Snap, keys
from tui.core.models import ArticleScope
from tui.services.stories import group_new_articles
from tui.store.repository import Repository
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.story_list import StoryList

EVENTS = ("canada-35", "eu-mexico-30", "delta-earnings")


@pytest.fixture
def stories(repo: Repository) -> Repository:
    store_items(repo, [i for i in load_items() if i.event in EVENTS])
    group_new_articles(repo)
    return repo


def _rows(app: Any) -> list[str]:
    stories = app.screen.query_one(StoryList)
    return [str(stories.get_option_at_index(i).prompt) for i in range(stories.option_count)]


async def test_v_shows_one_row_per_story_with_its_sources(
    stories: Repository, make_app: AppFactory
) -> None:
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("2", "v")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.stories_mode
        assert screen.focused is screen.story_list
        rows = _rows(app)
        assert any("7 sources" in r and "Trump sets 30%" in r for r in rows)
        assert any("7 sources" in r and "Trump says Canada" in r for r in rows)
        # Stories of one report show their feed, and every row fits the pane.
        assert any("CNBC" in r and "Delta" in r for r in rows)
        await pilot.press("v")
        await settle(app, pilot)
        assert not screen.stories_mode and screen.focused is screen.article_list


async def test_enter_expands_the_story_and_marks_it_read(
    stories: Repository, make_app: AppFactory
) -> None:
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("2", "v")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press(*["j"] * 5)  # past the five one-report stories of the seed
        story = screen.story_list.story
        assert story is not None and story.articles == 7
        await pilot.press("enter")
        await settle(app, pilot)
        rows = _rows(app)
        assert len(rows) == len(screen.story_list.stories) + 7
        assert screen.view is not None and screen.view.article.id == story.lead_id
        members = stories.story_articles(story.id)
        assert all(m.read for m in members)
        # An article row opens that article.
        await pilot.press("j", "enter")
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.id in {m.id for m in members}


async def test_story_read_marks_can_be_turned_off(
    stories: Repository, make_app: AppFactory
) -> None:
    app = make_app(story_marks_read=False)
    async with started(app, size=(120, 40)) as pilot:
        await pilot.press("2", "v", *["j"] * 5, "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        story = screen.story_list.story
        assert story is not None
        assert not any(m.read for m in stories.story_articles(story.id))
        assert stories.story_ids(ArticleScope())


def test_story_view_80x24(snap_compare: Snap, stories: Repository, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(), terminal_size=(80, 24), run_before=keys("2", "v", *["j"] * 5, "enter")
    )

"""The stories view (issue 18): `v` in the articles pane, story rows, enter, read marks."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Static

from tests.bench.score_stories import load_items
from tests.stories_data import store_items
from tests.ui.conftest import AppFactory, screen_text, settle, started, titles
from tests.ui.test_snapshots import Snap, keys
from tui.core.models import ArticleScope, ScopeKind
from tui.services.stories import group_new_articles
from tui.store.repository import Repository
from tui.ui.rows import CURSOR, CURSOR_BLURRED
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.story_list import StoryList


def _rows(app: Any) -> list[str]:
    stories = app.screen.query_one(StoryList)
    return [str(stories.get_option_at_index(i).prompt) for i in range(stories.option_count)]


async def test_v_shows_one_row_per_story_with_its_sources(
    stories: Repository, make_app: AppFactory
) -> None:
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = await _open_stories(app, pilot)
        assert screen.stories_mode
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
        screen = await _open_stories(app, pilot)
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
        screen = await _open_stories(app, pilot)  # listed in a worker: then j
        await pilot.press(*["j"] * 5, "enter")
        await settle(app, pilot)
        story = screen.story_list.story
        assert story is not None
        assert not any(m.read for m in stories.story_articles(story.id))
        assert stories.story_ids(ArticleScope())


def test_story_view_80x24(snap_compare: Snap, stories: Repository, make_app: AppFactory) -> None:
    assert snap_compare(
        make_app(), terminal_size=(80, 24), run_before=keys("2", "v", *["j"] * 5, "enter")
    )


# -- the side panes: the union over the story ---------------------------------------------------

UNION_EVENTS = ("canada-35", "letters-14-countries")


@pytest.fixture
def letters(repo: Repository) -> Repository:
    store_items(repo, [i for i in load_items() if i.event in UNION_EVENTS])
    group_new_articles(repo)
    return repo


async def _open_stories(app: Any, pilot: Any) -> MainScreen:
    """The main screen, its articles pane focused and switched to the stories view."""
    await pilot.press("2", "v")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def _to_story(app: Any, pilot: Any, articles: int) -> MainScreen:
    """The stories view with the cursor on the story of ``articles`` articles."""
    screen = await _open_stories(app, pilot)
    for _ in range(len(screen.story_list.stories)):
        story = screen.story_list.story
        if story is not None and story.articles == articles:
            break
        await pilot.press("j")
    await settle(app, pilot)
    return screen


def _entity_rows(screen: MainScreen) -> list[str]:
    pane = screen.entities_pane
    return [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]


async def test_the_side_panes_show_the_union_over_the_story(
    letters: Repository, make_app: AppFactory
) -> None:
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _to_story(app, pilot, 9)
        story = screen.story_list.story
        assert story is not None and story.sources == 9
        members = letters.story_articles(story.id)
        feeds = {m.feed_title for m in members}
        assert str(screen.entities_pane.border_subtitle) == "story · 9 sources"
        # Each entity row names the sources that give it, every source giving some.
        rows = _entity_rows(screen)
        japan = next(r for r in rows if r.startswith(" Japan"))
        assert "(" in japan and "Reuters" in japan
        named = {f for f in feeds if any(f in r for r in rows)}
        assert named == feeds
        # The tariff rows carry their sources; rates the outlets give differently are marked.
        union = screen.tariff_pane.story_rows
        assert union and {s for t in union for s in t.sources} <= feeds
        assert len({s for t in union for s in t.sources}) > 1
        differing = [t for t in union if t.differs]
        assert differing and all(
            any(o.row.country == t.row.country and o.row.rate_pct != t.row.rate_pct for o in union)
            for t in differing
        )
        # Japan's rows stand together.
        countries = [row.country for row in screen.tariff_pane.shown_rows]
        japan_at = [i for i, c in enumerate(countries) if c == "Japan"]
        assert japan_at == list(range(japan_at[0], japan_at[0] + len(japan_at)))

        # On one of the story's articles, the panes show that article's own rows again.
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("j")
        await settle(app, pilot)
        assert screen.story_list.story_row is None
        assert screen.tariff_pane.story_rows == ()
        assert screen.entities_pane.border_subtitle is None
        assert screen.extraction is not None
        assert screen.entities_pane.entities == screen.extraction.entities
        # Back on the story's row: the union again; off the stories view: the article's own.
        await pilot.press("k")
        await settle(app, pilot)
        assert screen.tariff_pane.story_rows
        await pilot.press("v")
        await settle(app, pilot)
        assert screen.tariff_pane.story_rows == ()


async def test_enter_on_a_union_row_highlights_what_the_shown_article_says(
    letters: Repository, make_app: AppFactory
) -> None:
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _to_story(app, pilot, 9)
        await pilot.press("4")
        entity = screen.entities_pane.entity
        assert entity is not None and entity.mentions  # the first: named by the shown article
        await pilot.press("enter")
        await settle(app, pilot)
        highlight = screen.body.highlight
        assert highlight is not None and highlight.name == entity.name
        assert screen.view is not None and screen.view.article.id == screen.story_list.current_id


def test_story_union_panes_80x24(
    snap_compare: Snap, letters: Repository, make_app: AppFactory
) -> None:
    """The union at 80 columns: the side panes take the feeds' place when focused (5)."""
    presses = ("2", "v", *["j"] * 6, "5")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys(*presses))


def test_story_union_panes_120x40(
    snap_compare: Snap, letters: Repository, make_app: AppFactory
) -> None:
    presses = ("2", "v", *["j"] * 6)
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys(*presses))


# -- the status line and the lists that replace the stories ------------------------------------


def _status(screen: MainScreen) -> str:
    return str(screen.query_one("#status", Static).render())


async def test_the_status_line_counts_what_the_pane_lists(
    stories: Repository, make_app: AppFactory
) -> None:
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        articles = len(screen.article_list.ids)
        await pilot.press("2", "v")
        await settle(app, pilot)
        stories_shown = len(screen.story_list.stories)
        assert stories_shown != articles  # the counts tell the two lists apart
        assert f"{stories_shown} stories" in _status(screen)
        await pilot.press("v")  # back to the articles: their count again
        await settle(app, pilot)
        assert f"{articles} articles" in _status(screen)
        assert "stories" not in _status(screen)
        # A reload in the stories view (after a refresh) keeps the stories' count.
        await pilot.press("v")
        await settle(app, pilot)
        screen.reload()
        await settle(app, pilot)
        assert f"{stories_shown} stories" in _status(screen)


async def test_a_search_in_the_stories_view_shows_its_results(
    stories: Repository, make_app: AppFactory
) -> None:
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("2", "v")
        await settle(app, pilot)
        await pilot.press("slash", *"Lavrov", "enter")
        await settle(app, pilot)
        # The results replace the stories in the pane, and the pane has the focus.
        assert screen.results_label == "Search: Lavrov"
        assert screen.article_list.display and not screen.story_list.display
        assert screen.focused is screen.article_list
        assert titles(app) == ["Rubio meets Lavrov in Kuala Lumpur"]


async def test_choosing_a_feed_in_the_stories_view_lists_its_stories_with_focus(
    stories: Repository, make_app: AppFactory
) -> None:
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("2", "v", "1", "j", "enter")  # enter on the feeds pane's second row
        await settle(app, pilot)
        assert screen.stories_mode and screen.focused is screen.story_list
        # From the palette (or the watch list): the stories of the scope it goes to.
        feed = next(f for f in stories.feeds() if f.title == "Market Wire")
        screen.go_to_scope(ArticleScope(ScopeKind.FEED, feed_id=feed.id))
        await settle(app, pilot)
        assert screen.focused is screen.story_list
        assert str(screen.story_list.border_title) == "2 Stories · Market Wire"
        assert screen.story_list.stories
        assert all(s.feed_title == "Market Wire" for s in screen.story_list.stories)


async def test_an_empty_stories_view_says_so(stories: Repository, make_app: AppFactory) -> None:
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        broken = next(f for f in stories.feeds() if f.title == "Broken Times")  # no articles
        await pilot.press("2", "v")
        await settle(app, pilot)
        screen.go_to_scope(ArticleScope(ScopeKind.FEED, feed_id=broken.id))
        await settle(app, pilot)
        assert screen.story_list.stories == []
        assert [r.strip() for r in _rows(app)] == [
            "No articles: its last refresh failed (E says why)"
        ]
        assert screen.story_list.story is None and screen.story_list.current_id is None
        await pilot.press("j", "enter")  # nothing to move to or open
        await settle(app, pilot)
        assert screen.view is None


async def test_n_and_p_go_to_the_next_and_previous_unread_story(
    stories: Repository, make_app: AppFactory
) -> None:
    """In the stories view n and p move the story cursor, as in the article list they move the
    article cursor; they opened articles of the hidden article list instead."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("2", "v")
        await settle(app, pilot)
        listed = screen.story_list.stories
        first = screen.story_list.story
        assert first is not None and first == listed[0]
        await pilot.press("n")
        await settle(app, pilot)
        second = screen.story_list.story
        assert second is not None and second.id == listed[1].id  # all unread: the next one
        assert screen.view is not None and screen.view.article.id == second.lead_id
        await pilot.press("n")
        await settle(app, pilot)
        third = screen.story_list.story
        assert third is not None and third.id == listed[2].id
        # The one left behind was read (opening a story reads it): p skips it to the first.
        await pilot.press("p")
        await settle(app, pilot)
        back = screen.story_list.story
        assert back is not None and back.id == listed[0].id
        assert screen.view is not None and screen.view.article.id == listed[0].lead_id


async def test_m_in_the_stories_view_marks_the_story_row(
    stories: Repository, make_app: AppFactory
) -> None:
    """m toggles the article the story row stands for: the row's unread mark follows (it kept
    its mark while the feeds pane's counts changed)."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("2", "v")
        await settle(app, pilot)
        story = screen.story_list.story
        assert story is not None and story.articles == 1 and story.unread == 1
        assert _rows(app)[0].startswith("●")
        await pilot.press("m")
        await settle(app, pilot)
        story = screen.story_list.story
        assert story is not None and story.unread == 0
        assert not _rows(app)[0].startswith("●")
        assert stories.article(story.lead_id).read  # type: ignore[union-attr]
        await pilot.press("m")
        await settle(app, pilot)
        story = screen.story_list.story
        assert story is not None and story.unread == 1
        assert _rows(app)[0].startswith("●")
        assert screen.story_list.highlighted == 0


async def test_opening_a_storys_article_marks_its_row_read(
    stories: Repository, make_app: AppFactory
) -> None:
    """With story_marks_read off, enter on one of a story's articles reads that one: its row
    and the story's count say so (they kept their unread marks)."""
    app = make_app(story_marks_read=False)
    async with started(app, size=(120, 40)) as pilot:
        screen = await _open_stories(app, pilot)  # listed in a worker: then j
        await pilot.press(*["j"] * 5, "enter")  # the story of seven reports
        await settle(app, pilot)
        story = screen.story_list.story
        assert story is not None and story.articles == 7 and story.unread == 7
        await pilot.press("j", "enter")  # its first article
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.read
        index = screen.story_list.highlighted
        assert index is not None and screen.story_list.current_id == screen.view.article.id
        assert not _rows(app)[index].lstrip().startswith("●")  # the article's row
        story = screen.story_list.story
        assert story is not None and story.unread == 6


async def test_the_highlighted_story_shows_without_colour(
    stories: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other lists mark their selected row (▸, ▹ without focus); the stories list had
    only the highlight colour, so under NO_COLOR (or in a capture) no row was the current."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = await _open_stories(app, pilot)
        first = screen.story_list.story
        assert first is not None
        marked = [line for line in screen_text(app) if f"{CURSOR}●" in line]
        assert len(marked) == 1 and first.title[:20] in marked[0]
        await pilot.press("j", "enter")  # the second story, open: its articles under it
        await settle(app, pilot)
        second = screen.story_list.story_row
        assert second is not None and second != first
        marked = [line for line in screen_text(app) if CURSOR in line]
        assert len(marked) == 1 and second.title[:20] in marked[0]
        story_line = marked[0]
        await pilot.press("j")  # its first article's row
        await settle(app, pilot)
        assert screen.story_list.story_row is None
        marked = [line for line in screen_text(app) if CURSOR in line]
        assert len(marked) == 1 and marked[0] != story_line
        assert story_line.replace(CURSOR, " ") in screen_text(app)
        await pilot.press("1")  # the feeds pane: the row keeps the hollow mark
        await settle(app, pilot)
        blurred = [line for line in screen_text(app) if CURSOR_BLURRED in line]
        assert len(blurred) == 1
        assert blurred[0].split(CURSOR_BLURRED)[1] == marked[0].split(CURSOR)[1]


async def test_back_to_the_articles_the_cursor_is_on_the_article_shown(
    stories: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """v back from the stories view left the article list's cursor where it was before, on
    another article than the body showed: s, m, o then acted on the row, not what was read."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = await _open_stories(app, pilot)  # listed in a worker: then j
        await pilot.press(*["j"] * 5, "enter")
        await settle(app, pilot)  # the story's articles are read in a worker: then j
        await pilot.press("2", "j", "j")
        await settle(app, pilot)
        assert screen.view is not None
        shown = screen.view.article.id
        assert screen.story_list.current_id == shown
        assert screen.article_list.current_id != shown
        loads: list[int] = []
        load = screen.load_article

        def recorded(article_id: int, opened: bool) -> None:
            loads.append(article_id)
            load(article_id, opened)

        monkeypatch.setattr(screen, "load_article", recorded)
        await pilot.press("2", "v")
        await settle(app, pilot)
        assert screen.article_list.current_id == shown
        assert screen.view is not None and screen.view.article.id == shown
        assert loads == []  # shown already: not loaded again (the body keeps its place)


async def test_a_click_on_a_story_highlights_it_and_a_second_opens_it(
    stories: Repository, make_app: AppFactory
) -> None:
    """In the article list a click highlights the row and a click on the highlighted row
    opens it; in the stories view, which takes its place, one click opened the story and
    marked every article of it read (a stray click read seven articles)."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _open_stories(app, pilot)
        rows = len(screen.story_list.stories)
        seven = next(i for i, s in enumerate(screen.story_list.stories) if s.articles == 7)
        story = screen.story_list.stories[seven]
        await pilot.click(StoryList, offset=(20, 1 + seven))  # row 0 is the pane's border
        await settle(app, pilot)
        assert screen.story_list.highlighted == seven
        assert len(_rows(app)) == rows  # not opened
        assert not any(m.read for m in stories.story_articles(story.id))
        await pilot.click(StoryList, offset=(20, 1 + seven))
        await settle(app, pilot)
        assert len(_rows(app)) == rows + 7
        assert all(m.read for m in stories.story_articles(story.id))


async def test_the_stories_view_shows_titles_at_40_columns(
    stories: Repository, make_app: AppFactory
) -> None:
    """At 40 columns a story row's time and source took the pane's 21 cells: no title, and
    the row wrapped onto a second line (so did an article row under an open story)."""
    app = make_app()
    async with started(app, size=(40, 24)) as pilot:
        screen = await _open_stories(app, pilot)
        text = "\n".join(screen_text(app))
        for words in ("Vietnam deal", "Rubio meets", "Floods close"):
            assert words in text, text
        listed = screen.story_list
        assert listed.option_count == len(listed.stories)
        assert all(listed._lines[i][1] == 0 for i in range(len(listed._lines)))  # one line each
        seven = next(i for i, s in enumerate(listed.stories) if s.articles == 7)
        await pilot.press(*["j"] * seven, "enter")
        await settle(app, pilot)  # its articles are read in a worker: j then goes to the first
        await pilot.press("2", "j")
        await settle(app, pilot)
        assert len(listed._lines) == listed.option_count  # the article rows: one line each
        marked = next(line for line in screen_text(app) if CURSOR in line)
        assert "Al J…" in marked and "Mexic" in marked  # its source, short, and its title


async def test_m_typed_fast_in_the_stories_view_marks_the_highlighted_story(
    stories: Repository, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The body follows the story list's cursor only after a pause: ``v m`` or ``j m`` typed
    fast toggled the article the body still showed, not the story row's (as the article list
    does for its rows)."""
    monkeypatch.setattr(MainScreen, "PREVIEW_DELAY", 30.0)  # the pause never ends here
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _open_stories(app, pilot)
        await pilot.press("j")  # the second story; the body still shows the first one's
        story = screen.story_list.story
        assert story is not None and story.articles == 1 and story.unread == 1
        assert screen.view is not None and screen.view.article.id != story.lead_id
        await pilot.press("m")
        await settle(app, pilot)
        assert stories.article(story.lead_id).read  # type: ignore[union-attr]
        story = screen.story_list.story
        assert story is not None and story.unread == 0


async def test_a_reload_keeps_the_cursor_on_the_open_storys_article(
    stories: Repository, make_app: AppFactory
) -> None:
    """A refresh reloads the stories: the cursor on one of the open story's articles went back
    to the story's row, and the article pane to the story's lead."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _to_story(app, pilot, 7)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("j", "j", "enter")
        await settle(app, pilot)
        on = screen.story_list.highlighted
        shown = screen.view.article.id if screen.view is not None else None
        assert screen.story_list.story_row is None  # on an article's row
        screen.reload()  # as after a refresh
        await settle(app, pilot)
        assert screen.story_list.highlighted == on
        assert screen.view is not None and screen.view.article.id == shown


async def test_a_reload_opens_no_story(stories: Repository, make_app: AppFactory) -> None:
    """A refresh reloads the stories: it opened the story under the cursor (and listed its
    articles) though the user had not."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _to_story(app, pilot, 7)
        rows = _rows(app)
        on = screen.story_list.highlighted
        screen.reload()  # as after a refresh
        await settle(app, pilot)
        assert _rows(app) == rows
        assert screen.story_list.highlighted == on and screen.story_list.opened is None


async def test_a_reload_follows_the_article_grouping_moved_to_another_story(
    repo: Repository, make_app: AppFactory
) -> None:
    """Articles a cron refresh stored are listed alone until the app's refresh groups them:
    the reload after it put the cursor on the first story and the article pane on its report,
    because the row under the cursor (the story of one article) was no longer listed; now
    the cursor goes to the story it joined."""
    canada = [i for i in load_items() if i.event == "canada-35"]
    store_items(repo, canada[:3])
    group_new_articles(repo)
    late = set(store_items(repo, canada[3:]).values())  # not grouped yet: one row each
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _open_stories(app, pilot)
        for _ in range(len(screen.story_list.stories)):
            if screen.story_list.current_id in late:
                break
            await pilot.press("j")
        await settle(app, pilot)
        reading = screen.story_list.current_id
        assert screen.view is not None and screen.view.article.id == reading
        group_new_articles(repo)  # as the app's refresh does
        screen.reload()
        await settle(app, pilot)
        story = screen.story_list.story_row
        assert story is not None and story.articles == len(canada)  # the story it joined
        assert reading in {m.id for m in repo.story_articles(story.id)}
        # The article pane shows the row's report, which s, o and y act on.
        assert screen.view is not None and screen.view.article.id == story.lead_id


async def test_m_and_a_reload_leave_the_stories_scrolled_where_they_were(
    stories: Repository, make_app: AppFactory
) -> None:
    """Each change of a row (m, an article opened, a refresh's reload) listed the stories
    again from the top: the pane jumped to put the cursor on its last line."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = await _open_stories(app, pilot)
        listed = screen.story_list
        await pilot.press("G", "k", "k", "k")  # the cursor in the middle of the pane
        await settle(app, pilot)
        top, on = listed.scroll_y, listed.highlighted
        assert top > 0
        await pilot.press("m")
        await settle(app, pilot)
        assert (listed.scroll_y, listed.highlighted) == (top, on)
        screen.reload()  # as after a refresh
        await settle(app, pilot)
        assert (listed.scroll_y, listed.highlighted) == (top, on)


async def test_the_article_shown_is_the_highlighted_storys_when_a_feed_is_listed(
    stories: Repository, make_app: AppFactory
) -> None:
    """A feed highlighted in the stories view reloads the stories and the article list behind
    them: when the article list's load ended last, the article pane showed its first article
    (the feed's newest), not the highlighted story's report, and s, o, y acted on it."""
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _open_stories(app, pilot)
        for feed in stories.feeds():  # one whose newest article is not its first story's lead
            screen.go_to_scope(ArticleScope(ScopeKind.FEED, feed_id=feed.id))
            await settle(app, pilot)
            lead = screen.story_list.current_id
            if lead is not None and lead != screen.article_list.current_id:
                break
        else:
            raise AssertionError("no such feed")
        screen.load_scope(screen.scope)  # the article list's load ending after the stories'
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.id == lead


async def test_v_puts_the_cursor_on_the_story_of_the_article_shown(
    stories: Repository, make_app: AppFactory
) -> None:
    """v went to the first story and showed its report, whatever article was being read (v
    back from the stories puts the cursor on the article shown)."""
    app = make_app()
    listed = stories.story_summaries(stories.story_ids(ArticleScope()))
    story = next(s for s in listed if s.articles == 7)
    async with started(app, size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.article_list.move_to(story.lead_id)
        await pilot.press("2", "enter")  # reading the story's first report
        await settle(app, pilot)
        await pilot.press("2", "v")
        await settle(app, pilot)
        row = screen.story_list.story_row
        assert row is not None and row.id == story.id
        assert screen.view is not None and screen.view.article.id == story.lead_id


async def test_enter_on_a_story_at_the_foot_of_the_pane_scrolls_its_articles_into_view(
    stories: Repository, make_app: AppFactory
) -> None:
    """At 80x24 the stories pane has six rows: enter on a story on its last row listed the
    story's articles under it, out of sight, and nothing seemed to happen."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        screen = await _open_stories(app, pilot)
        listed = screen.story_list
        height = listed.scrollable_content_region.height
        await pilot.press(*["j"] * (height - 1))  # the last row in view
        await settle(app, pilot)
        story = listed.story_row
        assert story is not None and story.articles > 1 and listed.scroll_y == 0
        await pilot.press("enter")
        await settle(app, pilot)
        on = listed.highlighted
        assert listed.story_row is not None and listed.story_row.id == story.id
        assert story.articles >= height and listed.scroll_y == on  # its row on top, then them


async def test_a_huge_source_name_leaves_the_other_rates_in_the_tariff_detail(
    letters: Repository, make_app: AppFactory
) -> None:
    """Sources titled with 1,000 characters filled the detail under a story's tariffs with
    "by Outlet XXXX…": the line naming the country's other rates never showed. Each source is
    named in at most 40 columns there now."""
    for feed in letters.feeds():
        letters.set_feed_title(feed.id, f"Outlet {feed.id} " + "X" * 990)
    app = make_app()
    async with started(app, size=(120, 40)) as pilot:
        screen = await _to_story(app, pilot, 9)
        await pilot.press("5")
        await settle(app, pilot)
        union = screen.tariff_pane.story_rows
        shared = [t for t in union if sum(o.row.country == t.row.country for o in union) > 1]
        assert shared
        details = []
        for _ in screen.tariff_pane.shown_rows:
            details.append(str(screen.query_one("#tariff-detail", Static).render()))
            await pilot.press("j")
            await settle(app, pilot)
        others = [d for d in details if "\n≠ " in d or "\n+ " in d]
        assert len(others) >= len(shared)

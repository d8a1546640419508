"""A long article's body: its lines are made once per width, not at every redraw of the pane."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Markdown
from textual.widgets import Static

import tui.ui.markdown_body
from tests.ui.conftest import AppFactory, main, settle, started
from tui.core.models import ParsedArticle
from tui.store.repository import Repository

PARAGRAPH = "<p>" + " ".join(f"The harbour board read item {n} aloud." for n in range(12)) + "</p>"


def add_long_article(repo: Repository) -> None:
    """The newest article (so the first shown), a few thousand lines long at 80 columns."""
    feed = repo.add_feed("http://127.0.0.1:9/long.xml", title="Long Reads", folder="")
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid="long",
                link="https://news.example.org/long",
                title="The whole harbour report",
                published=datetime(2026, 11, 30, 9, tzinfo=UTC),
                content_html=PARAGRAPH * 600,
            )
        ],
    )


async def test_a_long_body_is_not_drawn_again_when_its_width_comes_back(
    make_app: AppFactory, repo: Repository
) -> None:
    """With a 2 MB article open, each redraw of the body (a side pane focused at 80 columns
    and back) split every line of it into strips again, a second and more; its strips are
    now kept for the widths it goes back and forth between."""
    app = make_app()
    add_long_article(repo)
    async with started(app, size=(80, 24)) as pilot:
        markdown = main(app).body.query_one("#body-markdown", Static)
        assert markdown.virtual_size.height > 2000
        width, first = markdown.size.width, markdown.render_line(0)
        await pilot.press("4")  # the side panes in the feeds' place: the body narrower
        await settle(app, pilot)
        assert markdown.size.width != width
        await pilot.press("2")
        await settle(app, pilot)
        assert markdown.size.width == width
        assert markdown.render_line(0) is first
        markdown.refresh()  # a redraw, the width unchanged
        await settle(app, pilot)
        assert markdown.render_line(0) is first


async def test_a_resize_across_the_layout_switch_wraps_the_body_at_its_new_width_only(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual lays a resized screen out before it applies the breakpoint classes: resized
    from 120 to 80 columns, the body was wrapped first at the wide layout's width there (8
    columns: two seconds for a 2 MB article), then again at the narrow layout's."""
    wrapped: list[int] = []
    render = tui.ui.markdown_body._Markdown.__rich_console__

    def recorded(self: Markdown, console: Console, options: ConsoleOptions) -> RenderResult:
        wrapped.append(options.max_width)
        return render(self, console, options)

    monkeypatch.setattr(tui.ui.markdown_body._Markdown, "__rich_console__", recorded)
    app = make_app()
    add_long_article(repo)
    async with started(app, size=(120, 40)) as pilot:
        markdown = main(app).body.query_one("#body-markdown", Static)
        for size in ((80, 24), (120, 40), (100, 30), (99, 30)):
            wrapped.clear()
            await pilot.resize_terminal(*size)
            await settle(app, pilot)
            assert wrapped in ([], [markdown.size.width]), size


async def test_scroll_keys_that_arrive_together_each_scroll(
    make_app: AppFactory, repo: Repository
) -> None:
    """Five j arriving together (j held, over SSH) scrolled the article one line, two spaces
    one page, and so in the help and the feed errors: each scroll began from where the last
    frame had drawn the text, not from where the key before it had scrolled it."""
    from textual import events
    from textual.containers import VerticalScroll

    app = make_app()
    add_long_article(repo)
    for n in range(12):  # feed errors enough to scroll
        feed = repo.add_feed(f"http://127.0.0.1:9/gone-{n}.xml", title=f"Gone {n}")
        repo.record_fetch(feed.id, status=404, error="HTTP 404 Not Found")
    async with started(app, size=(80, 24)) as pilot:
        body = main(app).body
        await pilot.press("3")
        await settle(app, pilot)
        assert body.scroll_y == 0
        for _ in range(5):
            app.post_message(events.Key("j", "j"))
        await settle(app, pilot)
        assert body.scroll_y == 5
        for _ in range(2):
            app.post_message(events.Key("space", " "))
        await settle(app, pilot)
        assert body.scroll_y == 5 + 2 * body.scrollable_content_region.height
        await pilot.press("question_mark")
        await settle(app, pilot)
        for _ in range(5):
            app.post_message(events.Key("j", "j"))
        await settle(app, pilot)
        assert app.screen.query_one("#help-box", VerticalScroll).scroll_y == 5
        await pilot.press("escape", "E")
        await settle(app, pilot)
        for _ in range(5):
            app.post_message(events.Key("j", "j"))
        await settle(app, pilot)
        assert app.screen.query_one("#errors-box", VerticalScroll).scroll_y == 5

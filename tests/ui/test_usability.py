"""What a new user trips over (issue 15): the mouse, cut names and titles, the selected row
without colour, the help's keymap ids, and the small things around them."""

from __future__ import annotations

from textual.pilot import Pilot

from tests.ui.conftest import AppFactory
from tui.ui.app import NewsReaderApp
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.article_list import ArticleList


async def settle(app: NewsReaderApp, pilot: Pilot[None]) -> None:
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()


def main(app: NewsReaderApp) -> MainScreen:
    assert app.main_screen is not None
    return app.main_screen


async def test_a_click_selects_the_row_clicked(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        articles = main(app).article_list
        assert articles.cursor == 0
        # The pane's top border is row 0 of the widget: row 2 is the second article.
        await pilot.click(ArticleList, offset=(20, 2))
        await settle(app, pilot)
        assert articles.cursor == 1
        await pilot.click(ArticleList, offset=(20, 4))
        await settle(app, pilot)
        assert articles.cursor == 3
        # A click on the top border selects nothing.
        await pilot.click(ArticleList, offset=(20, 0))
        await settle(app, pilot)
        assert articles.cursor == 3

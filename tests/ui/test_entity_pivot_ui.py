"""`e` on an entity lists the articles naming that entity, not those sharing its word."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.ui.conftest import AppFactory, main, settle, started, titles
from tui.core.models import ParsedArticle
from tui.store.repository import Repository

STORIES = [
    ("mx", "Mexico weighs steel duties", "<p>Mexico said on Friday it would raise duties.</p>"),
    ("nm", "Drought in the south-west", "<p>Farmers in New Mexico asked for drought aid.</p>"),
    ("mc", "Subway line opens", "<p>Mexico City opened a new subway line on Sunday.</p>"),
]


async def test_e_on_mexico_skips_new_mexico_and_mexico_city(
    make_app: AppFactory, repo: Repository
) -> None:
    app = make_app()
    feed = repo.add_feed("http://127.0.0.1:9/americas.xml", title="Americas Desk")
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid=guid,
                link=f"https://news.example.org/{guid}",
                title=title,
                published=datetime(2026, 11, 27, 9 - n, tzinfo=UTC),
                content_html=html,
            )
            for n, (guid, title, html) in enumerate(STORIES)
        ],
    )
    async with started(app) as pilot:
        screen = main(app)
        assert titles(app)[0] == "Mexico weighs steel duties"  # the newest, previewed
        await pilot.press("4")
        pane = screen.entities_pane
        target = next(e for e in pane.entities if e.name == "Mexico")
        for index in range(pane.option_count):
            if pane._by_option.get(pane.get_option_at_index(index).id or "") == target:
                pane.highlighted = index
        await pilot.press("e")
        await settle(app, pilot)
        assert screen.results_label == "Mentions of Mexico"
        assert titles(app) == ["Mexico weighs steel duties"]

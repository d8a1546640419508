"""The labelled story items (tests/fixtures/stories) stored as articles, one feed per outlet."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.bench.score_stories import Item
from tui.core.models import ParsedArticle
from tui.store.repository import Repository


def store_items(repo: Repository, items: list[Item]) -> dict[int, int]:
    """Store ``items`` in the order given, each outlet as a feed; returns item id -> article id."""
    feeds = {f.title: f.id for f in repo.feeds()}
    ids: dict[int, int] = {}
    for item in items:
        if item.outlet not in feeds:
            slug = item.outlet.lower().replace(" ", "-")
            feeds[item.outlet] = repo.add_feed(f"https://{slug}.example.test/rss", item.outlet).id
        parsed = ParsedArticle(
            guid=item.guid,
            link=f"https://news.example.test/{item.guid}",
            title=item.title,
            published=datetime.fromtimestamp(item.at, UTC),
            summary_html=f"<p>{item.summary}</p>",
        )
        (article_id,) = repo.store_articles(feeds[item.outlet], [parsed])
        ids[item.id] = article_id
    return ids

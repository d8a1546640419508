"""A feed of invented trade stories whose tariff rates move over 2025: the tracker's timeline
and the watch tests read them (the rates are the extractor's, from the sentences below)."""

from __future__ import annotations

from datetime import UTC, datetime

from tui.core.models import ParsedArticle
from tui.store.repository import Repository

TIMELINE_FEED = "http://127.0.0.1:9/trade-timeline.xml"

STORIES: tuple[tuple[str, datetime, str], ...] = (
    (
        "Vietnam faces 46% tariff",
        datetime(2025, 4, 2, 18, 0, tzinfo=UTC),
        "Washington | The United States will impose a 46% tariff on goods from Vietnam from "
        "9 April, the White House said.",
    ),
    (
        "Ten per cent tariff takes effect",
        datetime(2025, 4, 5, 9, 0, tzinfo=UTC),
        "Washington | A 10% tariff on goods from Vietnam took effect on Saturday, officials said.",
    ),
    (
        "Vietnam tariff under review",
        datetime(2025, 5, 20, 12, 0, tzinfo=UTC),
        "Washington | Officials are considering a tariff of 25% to 30% on goods from Vietnam, "
        "people familiar with the talks said.",
    ),
    (
        "Vietnam deal sets 20%",
        datetime(2025, 7, 2, 15, 0, tzinfo=UTC),
        "Hanoi | Vietnam agreed a trade deal with the United States on Wednesday that sets a 20% "
        "tariff on Vietnamese exports from 1 August.",
    ),
    (
        "Laos letter",
        datetime(2025, 7, 7, 20, 0, tzinfo=UTC),
        "Washington | Goods from Laos will face a 40% tariff from 1 August, the White House said.",
    ),
    (
        "Order signed",
        datetime(2025, 7, 31, 22, 0, tzinfo=UTC),
        "Washington | President Trump signed an order imposing a 20% tariff on imports from "
        "Vietnam, effective 7 August.",
    ),
)


def add_timeline(repo: Repository) -> int:
    """Store the stories in a feed of their own; returns its id."""
    feed = repo.add_feed(TIMELINE_FEED, title="Trade Timeline", folder="Trade")
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid=f"timeline-{n}",
                link=f"https://news.example.org/timeline-{n}",
                title=title,
                author="",
                published=when,
                content_html=f"<p>{text}</p>",
            )
            for n, (title, when, text) in enumerate(STORIES)
        ],
    )
    return feed.id

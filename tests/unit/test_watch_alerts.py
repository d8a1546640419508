"""The watch check in the one refresh pipeline: a feed served on 127.0.0.1 changes a watched
country's rate, names a watched person, matches a watched search; each change alerts once,
whichever path (the command line's, the app child's) refreshed."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import rss_feed
from tests.feedserver import FeedServer, serve
from tests.watch_texts import CHANGE, DEAL, THREAT
from tui.config import Settings
from tui.core.watching import Watch
from tui.services.pipeline import run_refresh
from tui.store.repository import Repository

RUBIO = (
    "<p>Kuala Lumpur | US Secretary of State Marco Rubio met ASEAN ministers on Thursday. "
    "Rubio said the talks were frank.</p>"
)
NEW_MEXICO = "<p>Santa Fe | Rain closed roads across New Mexico on Monday.</p>"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[FeedServer, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    (root / "feed.xml").write_bytes(rss_feed([THREAT]))
    with serve(root) as server:
        yield server, root / "feed.xml"


def refresh(repo: Repository, check_tariffs: bool) -> list[str]:
    outcome = run_refresh(repo, Settings(), check_tariffs=check_tariffs)
    assert outcome.watch_error is None
    return [a.message for a in outcome.alerts]


@pytest.mark.parametrize("check_tariffs", [False, True], ids=["command-line", "app"])
def test_a_changed_rate_of_a_watched_country_alerts_once(
    repo: Repository, site: tuple[FeedServer, Path], check_tariffs: bool
) -> None:
    server, feed = site
    repo.add_feed(server.url("feed.xml"))
    assert refresh(repo, check_tariffs) == []  # nothing watched yet
    repo.set_watched(Watch.country("Vietnam"), True)
    repo.set_watched(Watch.country("Laos"), True)  # no news of it
    feed.write_bytes(rss_feed([THREAT, DEAL]))
    assert refresh(repo, check_tariffs) == [CHANGE]
    assert refresh(repo, check_tariffs) == []  # the next refresh: nothing new, no alert
    assert server.count(304) >= 1
    claimed = repo.claim_unshown()
    assert len(claimed) == 1 and claimed[0].subject == "Vietnam" and claimed[0].kind == "tariff"


def test_a_first_rate_is_new_and_an_older_report_changes_nothing(
    repo: Repository, site: tuple[FeedServer, Path]
) -> None:
    server, feed = site
    feed.write_bytes(rss_feed(["<p>Weather is fine.</p>"]))
    repo.add_feed(server.url("feed.xml"))
    repo.set_watched(Watch.country("Vietnam"), True)
    feed.write_bytes(rss_feed(["<p>Weather is fine.</p>", DEAL]))  # the deal: 21 July
    assert refresh(repo, False) == ["Tariff Vietnam: new rate 20% agreed (Trade desk)"]
    threat = (
        "<item><title>Old threat</title><guid>old</guid>"
        "<pubDate>Tue, 01 Apr 2025 09:00:00 GMT</pubDate>"
        f"<description>{html.escape(THREAT)}</description></item></channel>"
    )
    feed.write_bytes(
        rss_feed(["<p>Weather is fine.</p>", DEAL]).replace(b"</channel>", threat.encode())
    )
    assert refresh(repo, False) == []  # April's threat is older than July's deal


def test_new_articles_naming_a_watched_person_or_matching_a_watched_search(
    repo: Repository, site: tuple[FeedServer, Path]
) -> None:
    server, feed = site
    feed.write_bytes(rss_feed(["<p>Weather is fine.</p>"]))
    repo.add_feed(server.url("feed.xml"))
    refresh(repo, False)
    repo.set_watched(Watch.entity("PERSON", "Marco Rubio"), True)
    repo.set_watched(Watch.entity("GPE", "Mexico"), True)
    search = repo.save_search("trade deal")
    repo.set_search_watched(search.id, True)
    repo.save_search("rain")  # saved, not watched: no alert
    feed.write_bytes(rss_feed(["<p>Weather is fine.</p>", RUBIO, NEW_MEXICO, DEAL]))
    messages = refresh(repo, False)
    assert messages == [
        "Watch Marco Rubio: Report 1 (Trade desk)",
        "Search trade deal: Report 3 (Trade desk)",
    ]  # New Mexico is not Mexico
    assert refresh(repo, False) == []


def test_the_newest_article_a_watch_alerts_for_is_the_newest_reported(
    repo: Repository, site: tuple[FeedServer, Path]
) -> None:
    """A feed lists its newest item first, so it is stored first, with the lowest id: the
    alert of two new articles said "newest: Old report", the older by a week (and past the
    cap, the oldest were the ones kept)."""
    server, feed = site
    feed.write_bytes(rss_feed(["<p>Weather is fine.</p>"]))
    repo.add_feed(server.url("feed.xml"))
    refresh(repo, False)
    repo.set_watched(Watch.entity("PERSON", "Marco Rubio"), True)
    search = repo.save_search("Rubio")
    repo.set_search_watched(search.id, True)

    def item(title: str, day: int) -> str:
        return (
            f"<item><title>{title}</title><guid>{title}</guid>"
            f"<pubDate>{day:02d} Aug 2025 09:00:00 GMT</pubDate>"
            f"<description>{html.escape(RUBIO)}</description></item>"
        )

    newest_first = item("New report", 9) + item("Old report", 2) + "</channel>"
    feed.write_bytes(
        rss_feed(["<p>Weather is fine.</p>"]).replace(b"</channel>", newest_first.encode())
    )
    from tui.core.watching import alert_lines

    refresh(repo, False)
    assert alert_lines(repo.claim_unshown()) == [
        "Watch Marco Rubio: 2 new articles, newest: New report (Trade desk)",
        "Search Rubio: 2 new articles, newest: New report (Trade desk)",
    ]

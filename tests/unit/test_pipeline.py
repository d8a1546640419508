"""The one refresh pipeline (tui.services.pipeline): what `newsreader refresh` and the app's
refresh child both run, and how each reports a retention that fails."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import rss_feed
from tests.feedserver import FeedServer, reply, serve
from tui.cli import run
from tui.config import Settings
from tui.paths import resolve
from tui.services.background import Finished, RefreshEvent, RefreshJob, Started, run_job
from tui.services.pipeline import run_refresh
from tui.services.versions import TARIFF_SCAN_VERSION
from tui.store.repository import Repository

TARIFF_ITEM = (
    "<p>The United States will impose a 25 per cent tariff on goods from Mexico"
    " from 1 August, the White House said.</p>"
)


RSS_TYPE = {"Content-Type": "application/rss+xml"}


@pytest.fixture
def server() -> Iterator[FeedServer]:
    routes = {
        "/feed.xml": reply(200, rss_feed([TARIFF_ITEM] + ["<p>Weather is fine.</p>"] * 4), RSS_TYPE)
    }
    with serve(routes=routes) as running:
        yield running


def _refuse_deletes(path: Path) -> None:
    """A real reason for retention to fail: the database refuses to delete articles."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "CREATE TRIGGER keep_articles BEFORE DELETE ON articles"
            " BEGIN SELECT RAISE(ABORT, 'articles are kept here'); END"
        )
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("check", [False, True])
def test_new_articles_are_checked_for_tariffs_only_when_asked(
    repo: Repository, server: FeedServer, check: bool
) -> None:
    repo.add_feed(server.url("feed.xml"))
    totals: list[int] = []
    outcome = run_refresh(repo, Settings(), check_tariffs=check, on_start=totals.append)
    assert totals == [1]
    assert outcome.summary.new_articles == 5 and outcome.step_error is None
    ids = [a for page in repo.pages_newest_first() for a in page]
    versions = repo.extraction_versions(ids)
    if check:
        assert set(versions.values()) == {TARIFF_SCAN_VERSION} and len(versions) == 5
        assert [t.row.country for t in repo.tariff_history()] == ["Mexico"]
    else:
        assert versions == {} and repo.tariff_history() == []


def test_retention_removes_the_oldest_after_the_refresh(
    repo: Repository, server: FeedServer
) -> None:
    repo.add_feed(server.url("feed.xml"))
    outcome = run_refresh(repo, Settings(retention_per_feed=2), check_tariffs=False)
    assert outcome.summary.new_articles == 5
    assert outcome.removed == 3 and outcome.step_error is None
    assert sum(f.total for f in repo.feeds()) == 2


def test_a_failed_retention_keeps_the_new_articles_and_says_why(
    database: Path, repo: Repository, server: FeedServer
) -> None:
    repo.add_feed(server.url("feed.xml"))
    _refuse_deletes(database)
    outcome = run_refresh(repo, Settings(retention_per_feed=2), check_tariffs=False)
    assert outcome.summary.new_articles == 5 and outcome.removed == 0
    assert outcome.step_error is not None
    assert outcome.step_error.startswith("Retention failed: ")
    assert "articles are kept here" in outcome.step_error
    assert sum(f.total for f in repo.feeds()) == 5


def test_the_refresh_child_reports_a_failed_retention_in_its_last_event(
    database: Path, repo: Repository, server: FeedServer
) -> None:
    repo.add_feed(server.url("feed.xml"))
    _refuse_deletes(database)
    events: list[RefreshEvent] = []
    run_job(RefreshJob(database, Settings(retention_per_feed=2)), events.append, lambda: False)
    assert isinstance(events[0], Started) and events[0].total == 1
    last = events[-1]
    assert isinstance(last, Finished)
    assert last.summary.new_articles == 5 and last.removed == 0
    assert last.problem is not None and "articles are kept here" in last.problem


def test_the_command_line_reports_a_failed_retention_as_one_line(
    home: Path, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["add", server.url("feed.xml")]) == 0
    config = resolve().config_file  # set after the add, which applies retention too
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("retention_per_feed = 2\n", encoding="utf-8")
    _refuse_deletes(resolve().database)
    capsys.readouterr()
    code = run(["refresh"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.strip() == "refreshed 1 feed: 0 new articles"  # `add` stored them already
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsreader: Retention failed: ")
    assert "Traceback" not in err


def test_a_refresh_from_cron_leaves_story_grouping_to_the_app_and_stories(
    home: Path, server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """`newsreader refresh` only fetches and stores (the cold refresh's cost stays the
    fetcher's); `newsreader stories` places what it left, as the app's next refresh would."""
    assert run(["add", server.url("feed.xml")]) == 0
    assert run(["refresh"]) == 0
    repo = Repository(resolve().database)
    try:
        left = repo.ungrouped_articles(100)
        assert len(left) == 5
        assert run(["stories", "--json"]) == 0
        assert repo.ungrouped_articles(100) == []
    finally:
        repo.close()
    capsys.readouterr()


def test_a_feed_disabled_by_a_410_is_tried_again_when_asked_for_by_name(
    repo: Repository, server: FeedServer
) -> None:
    """A feed that once answered 410 Gone (a site's mistake, a move undone) stayed disabled
    for good: r on it refreshed nothing, and only removing it (its articles with it) and adding
    it again brought it back. Asked for by name, it is fetched again."""
    good = server.routes["/feed.xml"]
    feed = repo.add_feed(server.url("feed.xml"))
    server.routes["/feed.xml"] = reply(410, b"gone")
    run_refresh(repo, Settings(), check_tariffs=False)
    assert (gone := repo.feed(feed.id)) is not None and gone.disabled
    run_refresh(repo, Settings(), check_tariffs=False)  # every feed: a disabled one is left out
    assert server.count(410) == 1
    again = run_refresh(repo, Settings(), [feed.id], check_tariffs=False)  # still gone
    assert server.count(410) == 2 and [r.feed_id for r in again.summary.results] == [feed.id]
    assert (still := repo.feed(feed.id)) is not None and still.disabled
    server.routes["/feed.xml"] = good
    back = run_refresh(repo, Settings(), [feed.id], check_tariffs=False)
    assert back.summary.new_articles == 5 and not back.summary.failed
    assert (enabled := repo.feed(feed.id)) is not None and not enabled.disabled
    assert enabled.last_error is None

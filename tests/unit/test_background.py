"""tui.services.background: the refresh child process and its JSON-lines protocol."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.feedserver import serve
from tui.config import Settings
from tui.core.models import FeedRefresh, RefreshSummary
from tui.paths import resolve
from tui.services.background import (
    Failed,
    Finished,
    JobKind,
    Progress,
    RefreshEvent,
    RefreshJob,
    RefreshProcess,
    Started,
    decode,
    encode,
)
from tui.store.repository import Repository

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_events_survive_the_round_trip() -> None:
    result = FeedRefresh(feed_id=3, url="http://x/f.xml", status=200, new_articles=2)
    failed = FeedRefresh(feed_id=4, url="http://x/g.xml", error="HTTP 500\nsecond line")
    events: list[RefreshEvent] = [
        Started(2),
        Progress(1, 2, result),
        Finished(RefreshSummary((result, failed)), removed=5, problem=None),
        Failed("disk full"),
    ]
    for event in events:
        line = encode(event)
        assert "\n" not in line
        assert decode(line) == event
    with pytest.raises(ValueError):
        decode('{"event": "nonsense"}')
    with pytest.raises(ValueError):
        decode("Traceback (most recent call last):")


def test_job_round_trip_keeps_settings() -> None:
    settings = Settings(max_connections=3, retention_days=9, keymap={"quit": "q,ctrl+q"})
    job = RefreshJob(Path("/tmp/x.db"), settings, (1, 2))
    assert RefreshJob.from_json(job.to_json()) == job
    assert RefreshJob.from_json(RefreshJob(Path("/a"), Settings()).to_json()).feed_ids is None


def _run(job: RefreshJob) -> list[RefreshEvent]:
    process = RefreshProcess(job)
    process.start()
    assert process.pid is not None and process.pid != os.getpid()
    return list(process.events())


def test_child_refreshes_and_reports(home: Path) -> None:
    paths = resolve()
    repo = Repository(paths.database)
    with serve(FIXTURES) as server:
        try:
            feed = repo.add_feed(server.url("ui_feed.xml"), title="Harbour Gazette")
            repo.add_feed(server.url("missing.xml"), title="Missing")
            repo.add_feed("newsreader:demo", title="Local")  # not http: not fetched
        finally:
            repo.close()
        events = _run(RefreshJob(paths.database, Settings(timeout_seconds=10)))
    assert isinstance(events[0], Started) and events[0].total == 2
    progress = [e for e in events if isinstance(e, Progress)]
    assert sorted(e.done for e in progress) == [1, 2]
    last = events[-1]
    assert isinstance(last, Finished)
    by_feed = {r.feed_id: r for r in last.summary.results}
    assert by_feed[feed.id].new_articles == 3 and by_feed[feed.id].ok
    assert len(last.summary.failed) == 1
    repo = Repository(paths.database)
    try:
        stored = repo.feed(feed.id)
        assert stored is not None and stored.total == 3
        # the tariff story of the feed was extracted in the child, as a refresh does
        assert {t.row.country for t in repo.tariff_history()} >= {"Brazil"}
    finally:
        repo.close()


def test_only_the_feeds_asked_for(home: Path) -> None:
    paths = resolve()
    repo = Repository(paths.database)
    with serve(FIXTURES) as server:
        try:
            first = repo.add_feed(server.url("ui_feed.xml"))
            repo.add_feed(server.url("other.xml"))
        finally:
            repo.close()
        events = _run(RefreshJob(paths.database, Settings(), (first.id,)))
    last = events[-1]
    assert isinstance(events[0], Started) and events[0].total == 1
    assert isinstance(last, Finished) and [r.feed_id for r in last.summary.results] == [first.id]


def test_an_error_comes_back_as_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-database"
    folder.mkdir()
    events = _run(RefreshJob(folder, Settings()))
    assert len(events) == 1 and isinstance(events[0], Failed)
    message = events[0].message
    assert message and "\n" not in message and "Traceback" not in message


def test_stop_ends_a_child_that_waits(tmp_path: Path) -> None:
    # A child that never got its job (stdin held open, nothing written) ends on stop().
    process = RefreshProcess(RefreshJob(tmp_path / "x.db", Settings()))
    process._proc = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], stdin=subprocess.PIPE
    )
    process.stop(grace=0.1)
    assert process._proc.poll() is not None


def test_the_catch_up_job_checks_every_article_in_the_child(tmp_path: Path) -> None:
    """JobKind.CATCH_UP: the child checks the articles no refresh checked, reporting
    progress in articles, and finishes with no feed results."""
    from tui.core.models import ParsedArticle
    from tui.services.extraction import tariffs_to_check

    job = RefreshJob.tariff_catch_up(tmp_path / "n.db")
    assert RefreshJob.from_json(job.to_json()) == job and job.kind is JobKind.CATCH_UP
    repo = Repository(job.database)
    try:
        feed = repo.add_feed("https://a.test/feed")
        texts = ["<p>Brazil will face a 50% tariff on coffee from August 1.</p>", "<p>Rain.</p>"]
        repo.store_articles(
            feed.id,
            [ParsedArticle(guid=str(i), summary_html=t) for i, t in enumerate(texts * 3)],
        )
        assert tariffs_to_check(repo)
        events = _run(job)
        assert isinstance(events[0], Started) and events[0] == Started(6, "article")
        progress = [e for e in events if isinstance(e, Progress)]
        assert progress[-1].done == 6 and progress[-1].unit == "article"
        assert progress[-1].result.new_articles == 3  # those stating a rate
        assert events[-1] == Finished(RefreshSummary(()))
        assert not tariffs_to_check(repo)
        assert {t.row.country for t in repo.tariff_history()} == {"Brazil"}
    finally:
        repo.close()

"""The tracker opens on each country's latest rate before any history is read, and checks the
articles not checked yet for tariff rows in a child process, never in the app's."""

from __future__ import annotations

import threading

import pytest

import tui.services.extraction
import tui.services.tracker
from tests.ui.conftest import AppFactory, settle, started
from tui.core.models import TrackedTariff
from tui.store.repository import Repository
from tui.ui.screens.tracker import TrackerScreen
from tui.ui.widgets.tracker_table import TrackerTable


async def test_the_first_frame_shows_the_latest_rates_before_the_history_loads(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    release = threading.Event()
    asked: list[str] = []
    read_history = tui.services.tracker.country_history

    def held(repo: Repository, country: str, *, limit: int) -> list[TrackedTariff]:
        asked.append(country)
        release.wait(10)
        return read_history(repo, country, limit=limit)

    monkeypatch.setattr(tui.services.tracker, "country_history", held)
    async with started(app) as pilot:
        await pilot.press("t")
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        latest = tracker.query_one("#latest", TrackerTable)
        history = tracker.query_one("#history", TrackerTable)
        for _ in range(200):
            await pilot.pause(0.02)
            if latest.row_count and asked:
                break
        # (Laos's history may be asked twice: once more when the child has checked the seeded
        # articles, which no refresh checked)
        assert latest.row_count == 2 and set(asked) == {"Laos"}
        await pilot.pause()  # a frame with the rates, the history still being read
        assert history.row_count == 0 and not tracker._history
        assert str(tracker.query_one("#tracker-history").border_title) == "History: Laos"
        release.set()
        await settle(app, pilot)
        assert history.row_count == 1 and tracker._history[0].row.country == "Laos"
        await pilot.press("j")  # Vietnam: read when highlighted
        await settle(app, pilot)
        assert set(asked[:-1]) == {"Laos"} and asked[-1] == "Vietnam"
        assert history.row_count == 2


async def test_articles_not_checked_yet_are_checked_in_a_child_process(
    make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As after a refresh from cron, or a new extractor version: nothing checked. The tracker
    says it is checking, the child checks, the rates show; the app's process checks nothing."""
    app = make_app()
    in_app: list[str] = []

    def not_here(*args: object, **kwargs: object) -> int:
        in_app.append("checked in the app's process")
        return 0

    async with started(app) as pilot:
        with repo._write() as conn:
            conn.execute("DELETE FROM extractions")
            conn.execute("DELETE FROM tariff_rows")
        monkeypatch.setattr(tui.services.extraction, "catch_up_tariffs", not_here)
        monkeypatch.setattr(tui.services.extraction, "extract_new_tariffs", not_here)
        said: list[str | None] = []
        say = TrackerScreen._say_checking

        def recorded(self: TrackerScreen, text: str | None) -> None:
            said.append(text)
            say(self, text)

        monkeypatch.setattr(TrackerScreen, "_say_checking", recorded)
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        assert [t.row.country for t in tracker._latest] == ["Laos", "Vietnam"]
        assert in_app == []
        assert said[0] == "Checking articles for rates…" and said[-1] is None
        assert any(s and s.startswith("Checking ") and " for rates…" in s for s in said[1:-1])
        assert tracker.query_one("#tracker-latest").border_subtitle is None
        assert repo.unextracted_ids("x", limit=1)  # (another version: every article is due)
        from tui.services.extraction import tariffs_to_check

        assert not tariffs_to_check(repo)  # all checked, by the child

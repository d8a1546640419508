"""SVG snapshots of the main screen and the other screens (review snapshot_report.html)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, settle, workers_done
from tui.core.models import Download
from tui.store.repository import Repository

Snap = Callable[..., bool]


def keys(*presses: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Settle the workers, press ``presses``, settle again (so the shot is deterministic)."""

    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await settle(app, pilot)
        for key in presses:
            await pilot.press(key)
            for _ in range(3):
                await workers_done(app)
                await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    return run


def test_main_80x24(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys())


def test_main_120x40(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys())


def test_side_panes_at_80x24(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys("5"))


def test_help(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 40), run_before=keys("question_mark"))


def test_search_results(snap_compare: Snap, make_app: AppFactory) -> None:
    presses = ("slash", *"tariff", "enter")
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys(*presses))


def test_feed_error(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys("E"))


def test_hostile_article(snap_compare: Snap, make_app: AppFactory) -> None:
    """Markup in titles/authors/bodies and an ESC sequence are shown literally, never styled."""
    assert snap_compare(make_app(hostile=True), terminal_size=(120, 40), run_before=keys())


def test_tariff_tracker(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=keys("t"))


def test_highlight_view(snap_compare: Snap, make_app: AppFactory) -> None:
    """Enter on an entity (Vietnam, two mentions): the body marks them, the first current."""
    assert snap_compare(
        make_app(), terminal_size=(120, 40), run_before=keys("4", "j", "j", "enter")
    )


def test_feed_errors_at_80x24(snap_compare: Snap, make_app: AppFactory, repo: Repository) -> None:
    """A long URL and a long error wrap whole inside the dialog (a table cut them)."""
    app = make_app()
    feed = repo.add_feed(
        "http://127.0.0.1:9/a/rather/long/path/to/the/feed/that/no/longer/answers.xml",
        title="Tariff News and Trade Policy Updates from Everywhere",
    )
    repo.record_fetch(
        feed.id,
        status=None,
        error="cannot connect: All connection attempts failed after three tries over an hour",
    )
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("E"))


def test_help_at_80x24(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys("question_mark"))


def _downloads(repo: Repository) -> None:
    """Finished downloads of every kind, with fixed times and places (no worker starts)."""
    folder = "/srv/podcasts"
    rows = [
        ("https://pod.example/atp311.mp3", "311: Facebook's Onavo scam", 54_919_661),
        ("https://pod.example/atp310.mp3", "310: Apple Playstore", 59_114_106),
        ("https://pod.example/interview.mp4", "An interview in video", 310_000_000),
    ]
    made: list[Download] = []
    for url, title, total in rows:
        download, _ = repo.queue_download(url, directory=folder, title=title, total=total)
        repo.claim_download(download.id)
        made.append(download)
    repo.finish_download(
        made[0].id, "done", received=54_919_661, path=f"{folder}/atp311.mp3", name="atp311.mp3"
    )
    repo.finish_download(
        made[1].id,
        "failed",
        received=23_000_000,
        name="atp310.mp3",
        error="the connection broke while reading the response (6 tries; what arrived is"
        " kept: retry to resume)",
    )
    repo.finish_download(made[2].id, "cancelled", received=0)
    conn = repo._conn()
    with conn:
        conn.execute("UPDATE downloads SET queued_at = 1795600000, finished_at = 1795603600")


def test_downloads_screen(
    snap_compare: Snap, make_app: AppFactory, repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The done download's file, at its fixed place for the picture, counts as there (the
    # list says "missing" for a done download whose file is gone).
    monkeypatch.setattr("tui.ui.screens.downloads.file_missing", lambda download: False)
    app = make_app()
    _downloads(repo)
    assert snap_compare(app, terminal_size=(110, 20), run_before=keys("L"))

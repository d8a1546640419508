"""SVG snapshots of the main screen and the other screens (review snapshot_report.html)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from tests.ui.conftest import AppFactory, settle
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
                await app.workers.wait_for_complete()
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

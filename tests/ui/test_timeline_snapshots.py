"""SVG snapshots of the tracker's timeline (Vietnam's rates over 2025 and 2026) at 80x24, where
it takes the history table's place, and at 120x40, between the tables."""

from __future__ import annotations

from collections.abc import Callable

from tests.ui.conftest import AppFactory
from tests.ui.test_snapshots import keys
from tests.ui.timeline import add_timeline
from tui.store.repository import Repository

Snap = Callable[..., bool]


def test_timeline_at_80x24(snap_compare: Snap, make_app: AppFactory, repo: Repository) -> None:
    app = make_app()
    add_timeline(repo)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("t", "j"))


def test_timeline_at_120x40(snap_compare: Snap, make_app: AppFactory, repo: Repository) -> None:
    app = make_app()
    add_timeline(repo)
    assert snap_compare(app, terminal_size=(120, 40), run_before=keys("t", "j"))

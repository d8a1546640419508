"""The app with [sync]: R syncs with the real coldsweat (in the refresh child), the keys that
read and star send their change on the next sync, and a failed sync is a marked status."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.sync.coldsweat import PASSWORD, Coldsweat
from tests.sync.conftest import PASSWORD_ENV
from tests.ui.conftest import main, settle
from tui.config import Settings, SyncSettings
from tui.paths import resolve
from tui.services.subscriptions import DEMO_FEED_URL
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp


async def _wait_for_sync(app: NewsReaderApp, pilot: Pilot[None]) -> str:
    """Wait (not a timing assertion) until the sync ends; the status line it left."""
    for _ in range(600):
        await pilot.pause(0.05)
        if not app._refreshing:
            break
    await settle(app, pilot)
    return main(app)._refresh_status


def _app(coldsweat: Coldsweat, **changes: object) -> NewsReaderApp:
    sync = SyncSettings("fever", coldsweat.url, "reader@example.org", password_env=PASSWORD_ENV)
    values: dict[str, object] = {
        "refresh_on_start": True,
        "refresh_minutes": 0,
        "fulltext": "never",
        "sync": sync,
    }
    values.update(changes)
    paths = resolve()
    paths.ensure()
    return NewsReaderApp(paths, Settings(**values))  # type: ignore[arg-type]


def _queued() -> int:
    with sqlite3.connect(resolve().database) as conn:
        return int(conn.execute("SELECT count(*) FROM sync_queue").fetchone()[0])


async def test_the_app_syncs_and_sends_what_the_keys_change(
    home: Path, coldsweat: Coldsweat, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    total, feeds = coldsweat.total_items(), len(coldsweat.feeds())
    app = _app(coldsweat)
    async with app.run_test(size=(120, 40)) as pilot:
        status = await _wait_for_sync(app, pilot)  # refresh_on_start: the first sync
        assert status == f"Synced {feeds} feeds: {total} new", status
        screen = main(app)
        # With [sync] the server has the subscriptions: no default feeds, the demo only.
        urls = {f.url for f in screen.feeds}
        assert urls - {DEMO_FEED_URL} == {f["url"] for f in coldsweat.feeds()}
        await pilot.press("2")  # the article list; past the demo's stories, to a server's
        demo = {f.id for f in screen.feeds if f.url == DEMO_FEED_URL}
        for _ in range(20):
            await settle(app, pilot)
            current = screen.article_list.current_id
            summary = None if current is None else screen.article_list.summary(current)
            if summary is not None and summary.feed_id not in demo:
                break
            await pilot.press("j")
        article_id = screen.article_list.current_id
        assert article_id is not None
        await pilot.press("m", "s")
        await settle(app, pilot)
        assert _queued() == 2
        await pilot.press("R")
        status = await _wait_for_sync(app, pilot)
        assert status == f"Synced {feeds} feeds: 0 new", status
        assert _queued() == 0
        repo = Repository(resolve().database)
        try:
            article = repo.article(article_id)
            assert article is not None and article.guid.startswith("sync:")
            remote = int(article.guid.rsplit(":", 1)[1])
        finally:
            repo.close()
        assert remote in coldsweat.ids("saved")
        read_now = remote not in coldsweat.ids("unread")
        assert read_now == article.read
        # The server goes away: the status line says the sync failed, the toast says why.
        coldsweat.stop()
        await pilot.press("R")
        status = await _wait_for_sync(app, pilot)
        assert status == "Sync failed"
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any(e.startswith("Sync failed: cannot connect to") for e in errors), errors
        assert len(main(app).article_list.ids) > 0  # what was synced is still there

"""A preview shows its body and its panes while another process (a refresh) holds the
database's write lock: the fresh extraction is stored after it is shown, not before."""

from __future__ import annotations

import sqlite3

from tests.ui.conftest import AppFactory, main, settle, started
from tui.paths import resolve
from tui.services.versions import EXTRACTOR_VERSION
from tui.store.repository import Repository


async def test_a_preview_shows_its_panes_while_a_refresh_holds_the_write_lock(
    make_app: AppFactory, repo: Repository
) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        screen.article_list.focus()
        await pilot.pause()
        first = screen.article_list.current_id
        with repo._write() as conn:  # every article extracted afresh from here
            conn.execute("DELETE FROM extractions")
        writer = sqlite3.connect(resolve().database, isolation_level=None)
        try:
            writer.execute("BEGIN IMMEDIATE")  # as a refresh storing its batch does
            await pilot.press("j")
            target = screen.article_list.current_id
            assert target is not None and target != first
            for _ in range(60):  # a wait, well inside the store's 5 s busy timeout
                view, extraction = screen.view, screen.extraction
                if view is not None and view.article.id == target and extraction is not None:
                    break
                await pilot.pause(0.05)
            else:
                raise AssertionError("the preview waited for the database's write lock")
            assert screen.entities_pane.entities == extraction.entities
            assert repo.extraction(target, EXTRACTOR_VERSION) is None  # not stored yet
        finally:
            writer.rollback()
            writer.close()
        await settle(app, pilot)
        assert repo.extraction(target, EXTRACTOR_VERSION) is not None  # stored once it could

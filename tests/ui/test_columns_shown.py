"""No column cut to nothing: the tariff pane at 120x40 and (focused) at 80x24, and the tracker,
whose evidence is cut at a word boundary and shown whole in its detail line."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.ui.conftest import AppFactory, add_demo, main, settle, started
from tui.core.models import ArticleScope
from tui.store.repository import Repository
from tui.ui.display import format_rate
from tui.ui.screens.tracker import TrackerScreen
from tui.ui.widgets.tariff_pane import TariffTable
from tui.ui.widgets.tracker_table import TrackerTable

DEMO_TARIFF_STORY = "Tariff talks in Geneva"


def _demo_story_id(repo: Repository) -> int:
    ids = repo.article_ids(ArticleScope())
    return next(s.id for s in repo.summaries(ids) if s.title.startswith(DEMO_TARIFF_STORY))


def _cells(table: TariffTable | TrackerTable, column: int) -> list[str]:
    return [table.get_cell_at((row, column)).plain for row in range(table.row_count)]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_every_tariff_column_is_readable(
    make_app: AppFactory, repo: Repository, size: tuple[int, int]
) -> None:
    """The demo story: long names (United States, Bangladesh), dated and undated rows."""
    app = make_app()
    add_demo(repo)
    story = _demo_story_id(repo)
    async with started(app, size) as pilot:
        screen = main(app)
        screen.show_article(story)
        await settle(app, pilot)
        await pilot.press("5")  # at 80x24 the side panes show only when focused
        await settle(app, pilot)
        pane = screen.tariff_pane
        rows = pane.shown_rows
        assert len(rows) >= 5 and any(r.effective for r in rows)
        table = screen.query_one(TariffTable)
        # the columns fit the pane: nothing is scrolled out of sight
        assert table.max_scroll_x == 0
        assert table.virtual_size.width <= table.scrollable_content_region.width
        labels = [c.label.plain.strip() for c in table.ordered_columns]
        assert labels[:3] == ["Country", "Rate", "Status"]
        assert labels[3] in ("Effective", "From")
        for column in table.ordered_columns:  # no column narrower than its label
            assert column.get_render_width(table) >= len(column.label.plain.strip())
        # rates, statuses and dates are whole; names whole or cut with an ellipsis
        rates = [c.strip() for c in _cells(table, 1)]
        assert rates == [format_rate(r.rate_pct, r.rate_max_pct) for r in rows]
        assert _cells(table, 2) == [r.status for r in rows]
        for cell, row in zip(_cells(table, 3), rows, strict=True):
            if row.effective is None:
                assert cell == "—"
            else:
                assert cell in (
                    row.effective.isoformat(),
                    f"{row.effective.day} {row.effective:%b}",
                )
        for cell, row in zip(_cells(table, 0), rows, strict=True):
            cut = cell.endswith("…") and len(cell) >= 6 and row.country.startswith(cell[:-1])
            assert cell == row.country or cut
        # the highlighted row, whole, under the table
        shown = str(screen.query_one("#tariff-detail", Static).render())
        first = rows[0]
        assert first.country in shown and first.status in shown
        if first.effective:
            assert first.effective.isoformat() in shown
        assert first.evidence.split()[0] in shown


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_tracker_evidence_is_cut_at_a_word_and_whole_in_the_detail(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app()
    async with started(app, size) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        await pilot.press("j")  # Vietnam: two rows of one story
        await pilot.press("tab")  # the history table
        await pilot.pause()
        history = tracker.query_one("#history", TrackerTable)
        assert app.focused is history and history.row_count == 2
        assert history.max_scroll_x == 0
        labels = [c.label.plain for c in history.ordered_columns]
        assert labels == ["Reported", "Rate", "Status", "Effective", "Article", "Evidence"]
        for cell, tracked in zip(_cells(history, 0), tracker._history, strict=True):
            assert tracked.published is not None
            assert str(tracked.published.year) in cell  # the year is shown
        for cell, tracked in zip(_cells(history, 5), tracker._history, strict=True):
            evidence = tracked.row.evidence
            if cell != evidence:
                kept = cell.removesuffix("…")
                assert cell.endswith("…") and evidence.startswith(kept)
                assert evidence[len(kept)] in " ,.;:"  # cut between words
        for index, tracked in enumerate(tracker._history):
            history.move_cursor(row=index)
            await pilot.pause()
            shown = str(tracker.query_one("#tracker-detail", Static).render())
            assert " ".join(tracked.row.evidence.split()) in " ".join(shown.split())
            assert tracked.article_title in shown and tracked.feed_title in shown
            assert "2026" in shown

"""Sorting the tariffs pane: keys, header clicks, the border subtitle, and the evidence view."""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.widgets.data_table import ColumnKey

from tests.ui.conftest import AppFactory, caption, main, marked, settle, shown, started
from tui.core.models import TariffRow
from tui.ui.highlight import CURRENT_STYLE
from tui.ui.keys import MAIN_BINDINGS, all_bindings, describe, key_label
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.tariff_pane import TariffPane, TariffTable, sort_rows


def row(country: str, rate: float, status: str, effective: date | None) -> TariffRow:
    return TariffRow(country, "XX", rate, None, status, effective, f"{country} {rate}%")  # type: ignore[arg-type]


def test_sort_rows_is_stable_and_undated_rows_come_last() -> None:
    rows = (
        row("Vietnam", 20, "agreed", date(2026, 8, 1)),
        row("laos", 40, "imposed", None),
        row("Brazil", 50, "threatened", date(2026, 7, 9)),
        row("Vietnam", 46, "threatened", None),
    )
    assert sort_rows(rows, None) == [0, 1, 2, 3]
    assert sort_rows(rows, "country") == [2, 1, 0, 3]  # case-insensitive, then by rate
    assert sort_rows(rows, "rate", reverse=True) == [2, 3, 1, 0]
    assert sort_rows(rows, "status") == [0, 1, 2, 3]
    assert sort_rows(rows, "effective") == [2, 0, 1, 3]
    assert sort_rows(rows, "effective", reverse=True) == [0, 2, 1, 3]


def test_sort_keys_are_declared_with_ids_for_help_palette_and_keymap() -> None:
    # On the tariffs pane itself: Textual runs them, and the footer shows them, only there.
    ids = {b.id: b for b in TariffPane.BINDINGS if isinstance(b, Binding)}
    assert key_label(ids["sort_tariffs"].key) == "S"
    assert key_label(ids["reverse_tariff_sort"].key) == "I"
    keys = [k for b in MAIN_BINDINGS if isinstance(b, Binding) for k in b.key.split(",")]
    assert "S" not in keys and "I" not in keys  # no screen-wide key they would shadow
    listed = {b.id for _name, group in all_bindings() for b in group if isinstance(b, Binding)}
    assert {"sort_tariffs", "reverse_tariff_sort"} <= listed
    assert "country, rate" in describe(ids["sort_tariffs"])


def subtitle(pane: TariffPane) -> str | None:
    value = pane._border_subtitle
    return None if value is None else value.plain


def header(table: TariffTable, column: str) -> str:
    return table.columns[ColumnKey(column)].label.plain.strip()


def table_order(screen: MainScreen) -> list[tuple[str, float]]:
    """(country, rate) of each table row, read from the table itself."""
    table = screen.query_one(TariffTable)
    pane = screen.tariff_pane
    result = []
    for index in range(table.row_count):
        key = table.coordinate_to_cell_key((index, 0)).row_key.value
        assert key is not None
        tariff = pane.rows[int(key)]
        assert str(table.get_cell_at((index, 0))) == tariff.country
        result.append((tariff.country, tariff.rate_pct))
    return result


async def test_sorting_reorders_rows_and_enter_highlights_the_chosen_row(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        pane = screen.tariff_pane
        table = screen.query_one(TariffTable)
        article_order = [("Vietnam", 20.0), ("Vietnam", 46.0), ("Laos", 40.0)]
        assert table_order(screen) == article_order
        assert subtitle(pane) is None and header(table, "country") == "Country"
        assert "S" not in screen.active_bindings  # only in the tariffs pane

        await pilot.press("5")
        assert screen.active_bindings["S"].binding.id == "sort_tariffs"
        await pilot.press("S")
        assert table_order(screen) == [("Laos", 40.0), ("Vietnam", 20.0), ("Vietnam", 46.0)]
        assert subtitle(pane) == "sort: country ▲" and header(table, "country") == "Country ▲"
        await pilot.press("S")
        assert table_order(screen) == [("Vietnam", 20.0), ("Laos", 40.0), ("Vietnam", 46.0)]
        assert subtitle(pane) == "sort: rate ▲" and header(table, "country") == "Country"
        await pilot.press("I")
        assert table_order(screen) == [("Vietnam", 46.0), ("Laos", 40.0), ("Vietnam", 20.0)]
        assert subtitle(pane) == "sort: rate ▼" and header(table, "rate") == "Rate ▼"
        assert [r.rate_pct for r in pane.shown_rows] == [46.0, 40.0, 20.0]

        # enter on the first sorted row highlights that row's evidence, not the article's first
        await pilot.press("g", "enter")
        await pilot.pause()
        assert caption(screen) == "evidence for Vietnam 46%"
        evidence = marked(shown(screen))
        assert len(evidence) == 1 and evidence[0][1] == CURRENT_STYLE
        assert "threatened a 46% tariff" in evidence[0][0]

        # re-sorting keeps the cursor on the same row; enter still picks it
        await pilot.press("I")
        assert table_order(screen)[-1] == ("Vietnam", 46.0)
        assert table.cursor_row == 2
        await pilot.press("k", "enter")  # onto Laos, the middle row
        await pilot.pause()
        assert caption(screen) == "evidence for Laos 40%"
        assert marked(shown(screen))[0][0] == "Laos faces a 40% tariff, the White House said."

        # the steps wrap round to the article's own order
        await pilot.press("escape", "S", "S", "S")
        assert pane.sort_column is None and subtitle(pane) is None
        assert table_order(screen) == article_order


async def test_header_click_sorts_and_a_second_click_reverses(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        pane = screen.tariff_pane
        table = screen.query_one(TariffTable)
        status_x = sum(c.get_render_width(table) for c in table.ordered_columns[:2]) + 1
        await pilot.click(TariffTable, offset=(status_x, 0))
        await pilot.pause()
        assert pane.sort_column == "status" and not pane.sort_reverse
        # "had threatened a 46% tariff", then a deal: the 46% is superseded (DESIGN.md §8)
        assert [r.status for r in pane.shown_rows] == ["agreed", "imposed", "other"]
        await pilot.click(TariffTable, offset=(status_x, 0))
        await pilot.pause()
        assert pane.sort_reverse and subtitle(pane) == "sort: status ▼"
        assert [r.status for r in pane.shown_rows] == ["other", "imposed", "agreed"]


async def test_the_sort_is_kept_for_the_next_article_and_reachable_from_the_palette(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"sort the tariffs")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.tariff_pane.sort_column == "country"
        await pilot.press("2", "j")  # an article without tariff rows, then back
        await settle(app, pilot)
        assert screen.tariff_pane.rows == ()
        await pilot.press("k")
        await settle(app, pilot)
        assert table_order(screen)[0] == ("Laos", 40.0)
        assert subtitle(screen.tariff_pane) == "sort: country ▲"

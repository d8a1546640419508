"""Fitting table columns to a pane (tui.ui.columns): what shrinks, and how text is cut."""

from __future__ import annotations

from tui.ui.columns import Column, clip, fit


def test_fit_keeps_natural_widths_when_they_fit() -> None:
    columns = [Column(4, 4), Column(20, 8), Column(10, 10)]
    assert fit(columns, 40) == [4, 20, 10]


def test_fit_shrinks_only_the_shrinking_columns_most_spare_first() -> None:
    columns = [Column(4, 4), Column(30, 8), Column(12, 8), Column(10, 10)]
    widths = fit(columns, 40)
    assert sum(widths) == 40
    assert widths[0] == 4 and widths[3] == 10  # figures and statuses are never cut
    assert widths[1] >= widths[2] >= 8


def test_fit_stops_at_the_minimums() -> None:
    columns = [Column(4, 4), Column(30, 8), Column(10, 10)]
    assert fit(columns, 5) == [4, 8, 10]  # wider than asked: the table scrolls


def test_shrinking_column_is_never_narrower_than_its_label() -> None:
    column = Column.shrinking(["Vietnam", "United States"], "Country", 4)
    assert column == Column(13, 7)
    assert Column.shrinking([], "Evidence", 20) == Column(8, 8)


def test_clip_cuts_prose_at_a_word_boundary() -> None:
    text = "Laos faces a 40% tariff, the White House said."
    assert clip(text, 100) == text
    assert clip(text, 20) == "Laos faces a 40%…"
    for width in range(2, len(text)):
        cut = clip(text, width)
        assert len(cut) <= width and cut.endswith("…")
        kept = cut[:-1]
        assert text.startswith(kept)
        # at a word boundary, unless no space lies in the second half of the room
        last_space = text.rfind(" ", 0, width)
        assert text[len(kept)] in " ,." or last_space < (width - 1) // 2


def test_clip_names_anywhere_and_the_edges() -> None:
    assert clip("United States", 12, words=False) == "United Stat…"
    assert clip("United States", 12) == "United…"
    assert clip("Laos", 1) == "…" and clip("Laos", 0) == ""
    assert clip("東京都の関税", 5) == "東京…"  # wide characters count two cells

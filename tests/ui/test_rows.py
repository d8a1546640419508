"""Fitting text into list rows: whole words and an ellipsis, wide characters counted twice."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.content import Content

from tui.ui.rows import clip, clip_content, cursor_mark, pad


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Short title", 20, "Short title"),
        ("Short title", 11, "Short title"),
        ("Tariff talks in Geneva end without a deal", 30, "Tariff talks in Geneva end…"),
        ("Tariff talks in Geneva end without a deal", 27, "Tariff talks in Geneva end…"),
        # The room ends right after a word: that word stays.
        ("Tariff talks in Geneva", 14, "Tariff talks…"),
        # Punctuation left dangling before the ellipsis goes.
        ("Breaking: markets, bonds and oil", 18, "Breaking: markets…"),
        ("Breaking: markets, bonds and oil", 11, "Breaking…"),
        # One long word (no boundary late enough): cut inside it.
        ("Supercalifragilistic expialidocious", 10, "Supercali…"),
        ("a Supercalifragilistic", 10, "a Superca…"),
        ("anything", 1, "…"),
        ("anything", 0, ""),
    ],
)
def test_clip(text: str, width: int, expected: str) -> None:
    assert clip(text, width) == expected
    assert cell_len(clip(text, width)) <= width


def test_clip_counts_wide_characters_twice() -> None:
    title = "纽约时报中文网国际纵览"  # 11 characters, 22 cells, no spaces
    clipped = clip(title, 9)
    assert clipped == "纽约时报…" and cell_len(clipped) == 9


def test_clip_without_words_uses_all_the_room() -> None:
    assert clip("Daring Fireball Linked List", 12, words=False) == "Daring Fire…"
    assert clip("Daring Fireball Linked List", 12) == "Daring…"


def test_clip_content_keeps_the_styles() -> None:
    content = Content.assemble(("bold part", "bold"), " plain tail of the name")
    clipped = clip_content(content, 12)
    assert clipped.plain == "bold part…"
    assert clipped.spans[0].style == "bold" and clipped.spans[0].end == len("bold part")


def test_pad_and_mark() -> None:
    assert pad("纽约", 6) == "纽约  "
    assert cursor_mark(False, True) == " "
    assert cursor_mark(True, True) != cursor_mark(True, False)

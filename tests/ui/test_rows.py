"""List rows: styled names cut to fit, cells counted for wide characters, the cursor marks."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

from tui.ui.rows import clip_content, cursor_mark, pad


def test_clip_content_keeps_the_styles_of_what_stays() -> None:
    content = Content.assemble(("bold part", "bold"), " plain tail of the name")
    clipped = clip_content(content, 12)
    assert clipped.plain == "bold part…"
    assert clipped.spans[0].style == "bold" and clipped.spans[0].end == len("bold part")
    assert clip_content(content, 40) is content  # it fits: unchanged


def test_clip_content_counts_wide_characters_twice() -> None:
    clipped = clip_content(Content("纽约时报中文网国际纵览"), 9, words=False)
    assert clipped.plain == "纽约时报…" and cell_len(clipped.plain) == 9


def test_pad_and_marks() -> None:
    assert pad("纽约", 6) == "纽约  "
    assert cursor_mark(False, True) == " "
    assert cursor_mark(True, True) != cursor_mark(True, False)
    assert " " not in (cursor_mark(True, True), cursor_mark(True, False))

"""Counted nouns: one feed, two feeds."""

from __future__ import annotations

import pytest

from tui.core.wording import plural


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 feeds"), (1, "1 feed"), (2, "2 feeds"), (-1, "-1 feeds")]
)
def test_plural(count: int, expected: str) -> None:
    assert plural(count, "feed") == expected


def test_irregular_plural() -> None:
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(3, "entry", "entries") == "3 entries"

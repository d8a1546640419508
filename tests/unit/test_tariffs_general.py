"""Tariff forms the first blind set showed missing or misread on text the rules had not seen.

Round 2 of issue 13: each form below is stated in general, with several sentences written for
these tests (in the shapes news and official notices use, none taken from a story) and with
negative cases that must give no row, or keep their reading.
"""

from __future__ import annotations

from datetime import date

import pytest

from tui.core.tariffs import extract_tariffs

PUBLISHED = date(2025, 7, 20)

Row = tuple[str, float, str]


def _rows(text: str) -> list[Row]:
    return [(r.iso, r.rate_pct, r.status) for r in extract_tariffs(text, PUBLISHED)]


def _pairs(text: str) -> set[tuple[str, float]]:
    return {(r.iso, r.rate_pct) for r in extract_tariffs(text, PUBLISHED)}


# --- the target after the rate, past what the goods are ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sum of money names what is taxed, not who
        ("Duties are set at 15 percent on $40 billion worth of imports from Peru.", {("PE", 15)}),
        ("It put a 20% levy on US$12bn of Kenyan flowers and tea.", {("KE", 20)}),
        ("A 10% tariff on an $80 billion slice of Turkish exports took effect.", {("TR", 10)}),
        # goods named by list or schedule numbers
        ("A 25% duty on Schedule 2 and 3 Brazilian products stays in place.", {("BR", 25)}),
        # goods "of" or "from" a country, further on
        (
            "A further 10% duty on fuel or fuel processing products of Norway applies.",
            {("NO", 10)},
        ),
        (
            "The 30 per cent tariff on machinery and spare parts shipped from Chile stays.",
            {("CL", 30)},
        ),
        # "applied to", "imposed on" after a passive verb
        ("A 25% duty will be applied to all Peruvian goods.", {("PE", 25)}),
        ("A 12 per cent levy is to be imposed on Kenyan tea.", {("KE", 12)}),
    ],
)
def test_the_target_after_the_rate_past_what_is_taxed(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a country after words that are not about goods
        "A 25% tariff on steel is hurting talks with Peru.",
        "They set a 10% tariff on steel as talks with Kenya went on.",
        "A 15% duty on cars was applied to the talks with Norway.",
        # a sum of money with no country at all
        "Duties of 15 percent fall on $40 billion worth of imports.",
    ],
)
def test_no_target_far_after_the_rate_without_goods_of_a_country(text: str) -> None:
    assert _pairs(text) == set()


def test_a_rate_that_continues_to_be_levied_on_goods() -> None:
    text = "The 25% tariff will continue to be levied on List 1 and 2 Peruvian products."
    assert _rows(text) == [("PE", 25, "imposed")]

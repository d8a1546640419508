"""Round 9 of issue 13: the target outside the rate's sentence (tests/fixtures/tariffs/blind8/
ERRORS.md, the cause that repeats in sets 5, 6 and 8).

Sentences written for the round in the shapes news uses (none taken from a story): a rate on
"these two countries" (or "both countries" with no two parties in the story) takes the
countries the sentence before named; a rate whose sentence names no country takes those the
next sentence or the next list lines list; a deal as the subject of the rate's verb makes the
rate agreed. The controls keep baselines, negations, exemptions, counts that disagree and
countries that are not listed without a row, and never give the imposer one.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import PUBLISHED, statuses
from tui.core.tariffs import extract_tariffs


def _countries(text: str) -> set[str]:
    return {r.iso for r in extract_tariffs(text, PUBLISHED)}


# --- "these two countries", "both countries" --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rate", "expected"),
    [
        (
            "Most of the synthetic rubber the mills use comes from Canada and Japan. The "
            "ministry set anti-dumping duties of 18% on rubber from these two countries.",
            18,
            {"CA", "JP"},
        ),
        (
            "Inspectors examined shipments of cold-rolled steel from Vietnam, Thailand and "
            "Malaysia. Provisional duties of 27% will apply to coils from these three countries.",
            27,
            {"VN", "TH", "MY"},
        ),
        (
            "Japan and South Korea signed trade deals with Washington last month. Tariffs of 15% "
            "will apply to cars from both countries.",
            15,
            {"JP", "KR"},
        ),
    ],
)
def test_a_group_phrase_takes_the_countries_named_before(
    text: str, rate: float, expected: set[str]
) -> None:
    assert {iso for iso, pct in statuses(text) if pct == rate} == expected


@pytest.mark.parametrize(
    "text",
    [
        # the count disagrees with the countries named before
        "Canada, Mexico and Japan sell steel to India. India will impose a 12% tariff on "
        "steel from these two countries.",
        # a baseline is no rate on the group
        "Canada and Japan met the trade minister on Monday. These two countries will keep a "
        "10% baseline tariff on all imports.",
        # only one country named before
        "Peru ships most of the copper. A 9% duty applies to copper from these countries.",
    ],
)
def test_a_group_phrase_without_its_group_gives_no_row(text: str) -> None:
    assert not _countries(text) - {"IN"}


@pytest.mark.parametrize(
    "text",
    [
        "Australia buys most of its aluminium from China and India. Australia will impose a 14% "
        "duty on aluminium from these two countries.",
        "Most of Australia's aluminium comes from China and India. The government will impose "
        "a 14% duty on aluminium from these two countries.",
    ],
)
def test_a_group_phrase_never_falls_back_to_the_imposer(text: str) -> None:
    assert ("AU", 14) not in statuses(text)


# --- the rate, then the list -----------------------------------------------------------------


def test_a_rate_line_then_a_list_line_of_countries() -> None:
    text = (
        "Quota terms\n"
        "\n"
        "- The over-quota tariff will be 50%.\n"
        "- The quota applies to imports from Brazil, Argentina and Uruguay.\n"
    )
    assert {iso for iso, pct in statuses(text) if pct == 50} == {"BR", "AR", "UY"}


def test_a_rate_line_ending_with_a_colon_then_one_country_a_line() -> None:
    text = "A 25% tariff will apply to goods from:\n- Canada\n- Mexico\n- Peru\n"
    assert {iso for iso, pct in statuses(text) if pct == 25} == {"CA", "MX", "PE"}


def test_a_rate_then_a_sentence_listing_who_faces_it() -> None:
    text = (
        "A 30% duty on frozen shrimp will take effect next month. Ecuador, India and "
        "Indonesia would face the duty."
    )
    assert {iso for iso, pct in statuses(text) if pct == 30} == {"EC", "IN", "ID"}


@pytest.mark.parametrize(
    "text",
    [
        # countries named after the rate, but not as its list
        "A 25% tariff on cars took effect on Monday. Germany, Japan and South Korea are the "
        "largest car exporters.",
        # exempted
        "A 25% tariff on steel took effect on Monday. Canada and Mexico are exempt.",
        # a negation
        "A 10% baseline tariff applies to imports. The order does not modify the rates on "
        "China, Hong Kong and Macau.",
        # other countries, their own measures
        "The measure charges a 3% tax on digital revenues. Other countries including Spain, "
        "Italy and Britain are considering similar taxes.",
        # two countries, not one list
        "A 12% surtax applies to consumer goods. Canada's retailers warn about goods from "
        "anywhere but the US:",
    ],
)
def test_countries_after_a_rate_that_are_not_its_list_give_no_row(text: str) -> None:
    assert not _countries(text)


# --- a deal as the subject ------------------------------------------------------------------


def test_a_deal_that_imposes_the_rate_makes_it_agreed() -> None:
    text = (
        "Washington signed trade pacts with Peru and Chile this week. Both pacts set a 12% "
        "tariff on exports from these countries."
    )
    rows = statuses(text)
    assert rows.get(("PE", 12)) == "agreed"
    assert rows.get(("CL", 12)) == "agreed"


def test_a_government_that_imposes_the_rate_stays_imposed() -> None:
    text = "Vietnam and Thailand signed no deal. The ministry imposed a 19% tariff on both."
    assert "agreed" not in statuses(text).values()

"""Round 8 of issue 13: what the sixth blind set showed (tests/fixtures/tariffs/blind6/ERRORS.md).

Sentences written for the round in the shapes news uses (none taken from a story):
"threatening" followed by what a measure harms is no threat of a tariff; a relative clause with
no "that" after a pronoun, or with a time after its verb, names the rate's target; a wire
dateline that gives its day still gives its place. The negative cases keep real threats,
"threatened X with", and datelines that are no place.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import statuses
from tui.core.entities.datelines import dateline_places

# --- "threatening" + what is harmed --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (
            "Brazil now faces a 50% tariff on its goods, threatening the country's coffee "
            "exporters.",
            ("BR", 50),
        ),
        (
            "Under the order in force since Monday, Vietnam pays duties of 46%, threatening "
            "its garment industry.",
            ("VN", 46),
        ),
        (
            "Canadian steel faces a 25% tariff at the border, threatening jobs across Ontario.",
            ("CA", 25),
        ),
    ],
)
def test_threatening_what_is_harmed_is_no_threat(text: str, key: tuple[str, float]) -> None:
    assert statuses(text).get(key) == "imposed"


def test_a_list_after_a_harm_clause_keeps_the_lead_status() -> None:
    text = (
        "The duties, implemented under an emergency law, aim to cut the trade deficit.\n"
        "Exporting nations face tariffs of up to 49%, threatening global supply chains.\n"
        "Cambodia – 49%\n"
        "Laos – 48%\n"
    )
    found = statuses(text)
    assert found.get(("KH", 49)) == "imposed"
    assert found.get(("LA", 48)) == "imposed"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Trump threatened tariffs of 30% on Mexico if the talks fail.", ("MX", 30)),
        ("The White House is threatening Japanese carmakers with a 25% tariff.", ("JP", 25)),
        ("Trump threatened the European Union with a 30% levy on its goods.", ("EU", 30)),
        (
            "Trump is threatening a 50% tariff on Brazil, a move threatening its coffee trade.",
            ("BR", 50),
        ),
    ],
)
def test_real_threats_stay_threats(text: str, key: tuple[str, float]) -> None:
    assert statuses(text).get(key) == "threatened"


# --- a relative clause that names the target ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "status"),
    [
        # no "that" after a pronoun subject
        (
            "Washington has dropped the 25% tariff it imposed on India over its oil purchases.",
            ("IN", 25),
            "other",
        ),
        # a time between the verb and the target, and goods named by a demonym
        (
            "Beijing's new levy mirrors the 20% duty that the White House imposed last month "
            "on Chinese goods.",
            ("CN", 20),
            "imposed",
        ),
        (
            "The 145% tariffs he has imposed on Chinese imports hurt both sides.",
            ("CN", 145),
            "imposed",
        ),
    ],
)
def test_relative_clause_names_the_target(text: str, key: tuple[str, float], status: str) -> None:
    assert statuses(text).get(key) == status


def test_a_demonym_without_goods_is_no_target_of_the_clause() -> None:
    text = "The 15% rate that the ministry set for Chinese negotiators to accept was a surprise."
    assert ("CN", 15) not in statuses(text)


# --- wire datelines with a day -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("MOSCOW, July 6 (Reuters) - Russia said on Friday it would act.", "Moscow"),
        ("MEXICO CITY, Dec 10 (Reuters) - The lower house voted.", "Mexico City"),
        ("WASHINGTON, Jan. 22, 2019 (AP) — The administration said.", "Washington"),
        ("TURNBERRY, Scotland, July 27 (Reuters) - Trump said.", "Turnberry"),
    ],
)
def test_dateline_with_a_day_gives_its_place(text: str, place: str) -> None:
    assert place in {c.name for c in dateline_places(text)}


@pytest.mark.parametrize(
    "text",
    [
        "UPDATE, May 3 - Markets fell.",
        "BREAKING, Jan 22 (Reuters) - Stocks slid.",
    ],
)
def test_a_heading_with_a_day_is_no_place(text: str) -> None:
    assert dateline_places(text) == []


# --- a pause told after the rate -----------------------------------------------------------------


def test_a_pause_told_later_makes_the_rate_a_threat() -> None:
    text = (
        "On Saturday the president signed an executive order imposing a 25% tariff on imports "
        "from Mexico. On Monday he hit the pause button for 30 days on the tariffs against "
        "Mexico after a call with its president."
    )
    assert statuses(text).get(("MX", 25)) == "threatened"


@pytest.mark.parametrize(
    "text",
    [
        # the rate stays while higher ones are put off
        "Mexican goods remain taxed at 25% under the order. Trump announced a 90-day pause on "
        "higher tariffs for Mexico.",
        # another country's tariffs paused
        "Since March, imports from Mexico have been hit with a 25% tariff. On Monday Trump "
        "paused the tariffs on Canada for 30 days.",
    ],
)
def test_no_pause_of_the_rate_in_force(text: str) -> None:
    assert statuses(text).get(("MX", 25)) == "imposed"

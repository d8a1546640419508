"""Round 6 of issue 13: general forms behind the status errors of the four spent blind sets.

Each test states one category of `tests/fixtures/tariffs/blind4/ROUND6.md` with sentences written
for it (in the shapes news and official notices use, none taken from a story), with controls that
must keep their old reading beside the new ones. Round 6 is about status: the cases assert
(country, rate, status) rows.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import rows as _rows

# --- S1: an order in the lead whose act is to put the rates off -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        (
            "On March 3, the White House issued an executive order extending the April 1 deadline "
            "for the new tariff rates until May 1.\n\nAccording to the president's posts, the new "
            "rates would be:\n\n30% for Peru and Chile\n\n20% for Kenya"
        ),
        (
            "The president signed an executive order delaying the higher tariffs by a month. "
            "He has also announced a 20% tariff on goods from Peru."
        ),
    ],
)
def test_an_order_that_puts_rates_off_leaves_them_threatened(text: str) -> None:
    found = _rows(text)
    assert found
    assert {status for _iso, _rate, status in found} == {"threatened"}


@pytest.mark.parametrize(
    "text",
    [
        # an order that sets the rates keeps them imposed
        (
            "On March 3, the White House issued an executive order setting new tariff rates from "
            "May 1.\n\nThe rates will be:\n\n30% for Peru and Chile\n\n20% for Kenya"
        ),
        # an order that raises rates after a pause ended is not a delay
        "The president signed an executive order raising the tariff on Peru to 30% on Friday.",
    ],
)
def test_an_order_that_sets_rates_keeps_them_imposed(text: str) -> None:
    found = _rows(text)
    assert found
    assert {status for _iso, _rate, status in found} == {"imposed"}


# --- S2: an official decision, decree or notice in the rate's clause ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a decision with its date sets the rate, even from a later day
        (
            "With the cabinet's approval, Chile has decided to impose additional tariffs of 15% "
            "on Peruvian goods from 1 October.",
            [("PE", 15, "imposed")],
        ),
        # the decision announced in a sentence of its own, the rate in the next one
        (
            "The tariff commission announced the decision on Tuesday. Some 300 Peruvian products "
            "will be subjected to a 20% tariff from next month.",
            [("PE", 20, "imposed")],
        ),
        # a decree
        (
            "Under the decree, Chile will also raise tariffs on Peruvian wine to 40 percent.",
            [("PE", 40, "imposed")],
        ),
        # a notice the rate is given in
        (
            "The trade office said in a Federal Register notice that it would impose a 12% tariff "
            "on Kenyan flowers from March 1.",
            [("KE", 12, "imposed")],
        ),
    ],
)
def test_an_official_decision_sets_the_rate(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a decision reported in the lead does not make the story's later plans imposed
        (
            "Chile has decided to impose retaliatory tariffs on Peruvian goods, sources said.\n\n"
            "The finance ministry is expected to publish the details soon.\n\n"
            "The duty on Peruvian grapes will be increased to 40 per cent.",
            [("PE", 40, "threatened")],
        ),
        # a decision still to come is no decision
        (
            "Chile will decide next week whether to impose a 15% tariff on Peruvian goods.",
            [("PE", 15, "threatened")],
        ),
    ],
)
def test_decisions_still_open_keep_their_reading(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _rows(text) == expected


# --- S3: a story of an announcement tells its chart in the present tense ---------------------

_ANNOUNCED_LEAD = (
    "Chile's president unveiled a table of new import tariffs on Thursday. The highest rate of "
    "45% will be charged on Peruvian goods, the table shows.\n\n"
)


def test_present_tense_rates_in_a_story_of_an_announcement_are_threatened() -> None:
    text = _ANNOUNCED_LEAD + (
        "Among the countries on the table, Kenya faces a 20% rate, while Egypt and Morocco "
        "each see a 10% tariff."
    )
    assert _rows(text) == [
        ("PE", 45, "threatened"),
        ("KE", 20, "threatened"),
        ("EG", 10, "threatened"),
        ("MA", 10, "threatened"),
    ]


@pytest.mark.parametrize(
    "lead",
    [
        # the lead says the rates are in force
        "Chile's new import tariffs took effect on Thursday, a week after they were unveiled.\n\n",
        # the lead names no announcement at all
        "Chile's trade with its neighbours slowed last year, customs data show.\n\n",
    ],
)
def test_present_tense_rates_keep_their_reading_without_an_announced_lead(lead: str) -> None:
    text = lead + "Among Chile's trading partners, Kenya faces a 20% tariff."
    assert _rows(text) == [("KE", 20, "imposed")]


# --- S4: deals: rates a deal keeps, deals only neared, rates a deal ends --------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # where a rate first came from is no announcement now: the deal keeps it
        (
            "The new trade pacts keep tariffs announced earlier — 18% for Peru and Chile.",
            [("PE", 18, "agreed"), ("CL", 18, "agreed")],
        ),
        # a deal only neared: what it could bring is floated
        (
            "Chile and the US are nearing a trade deal that could lower tariffs on Chilean wine "
            "to 12%, people familiar with the talks said.",
            [("CL", 12, "proposed")],
        ),
        # goods that will no longer bear a rate: the rate is superseded for them
        (
            "Under the change, Peruvian textiles will no longer face the 30% tariff if they meet "
            "the rules of the free trade agreement.",
            [("PE", 30, "other")],
        ),
    ],
)
def test_what_a_deal_keeps_nears_and_ends(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an announcement now stays a threat
        (
            "The president announced a 30% tariff on Peruvian goods from next month.",
            [("PE", 30, "threatened")],
        ),
        # a deal struck sets its rate
        (
            "Chile and the US struck a trade deal that sets tariffs on Chilean wine at 12%.",
            [("CL", 12, "agreed")],
        ),
        # a rate still faced is in force
        ("Peruvian textiles still face a 30% tariff.", [("PE", 30, "imposed")]),
    ],
)
def test_announcements_deals_and_rates_in_force_keep_their_reading(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _rows(text) == expected


# --- S5: superseded rates told in the past perfect, and rates to be lifted --------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru, which the White House had previously threatened with tariffs of up to 40%, "
            "will face a 15% rate.",
            [("PE", 40, "other"), ("PE", 15, "threatened")],
        ),
        (
            "Chile had previously also been facing a 10% tariff on its copper, which was dropped "
            "last week.",
            [("CL", 10, "other")],
        ),
        (
            "The administration had previously set plans to impose a 12% tariff on Kenyan flowers.",
            [("KE", 12, "other")],
        ),
        (
            "From May 1, Chile will lift tariffs of up to 20% on Peruvian fruit.",
            [("PE", 20, "other")],
        ),
    ],
)
def test_superseded_rates_in_the_past_perfect(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a threat made and standing
        (
            "The White House threatened Peru with tariffs of up to 40% on Monday.",
            [("PE", 40, "threatened")],
        ),
        # a rate raised is no rate lifted
        (
            "From May 1, Chile will raise tariffs on Peruvian fruit to 20%.",
            [("PE", 20, "threatened")],
        ),
    ],
)
def test_threats_and_raises_keep_their_reading(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _rows(text) == expected


# --- S6: a threat that still hangs on a condition outlives a deal on other terms ------------


def test_a_threat_still_on_a_condition_outlives_a_deal() -> None:
    text = (
        "Kenya and the US struck a trade deal setting a 12% tariff on Kenyan goods. Kenyan tea "
        "now faces a 20% tariff, and this could rise to 35% if no deal is agreed on tea by June."
    )
    assert ("KE", 35, "threatened") in _rows(text)
    assert ("KE", 12, "agreed") in _rows(text)


def test_a_threat_whose_condition_the_deal_met_is_superseded() -> None:
    text = (
        "Kenya and the US struck a trade deal setting a 12% tariff on Kenyan goods. Earlier the "
        "president had said Kenya would face a 35% tariff if talks failed."
    )
    assert set(_rows(text)) == {("KE", 12, "agreed"), ("KE", 35, "other")}


# --- S6: a condition on what the target goes on doing ---------------------------------------


def test_a_raise_on_a_condition_of_what_the_target_does_is_threatened() -> None:
    text = (
        "The president signed a decision to raise tariffs on Peru from 10 to 40 percent if the "
        "country proceeds with the mining tax. The 10 percent rate on Peru remains in place."
    )
    assert set(_rows(text)) == {("PE", 10, "imposed"), ("PE", 40, "threatened")}


def test_a_raise_with_no_condition_keeps_its_reading() -> None:
    text = "The president signed an order to raise tariffs on Peru from 10 to 40 percent on Monday."
    assert set(_rows(text)) == {("PE", 10, "other"), ("PE", 40, "imposed")}


# --- S7: an announcement given immediate effect; a possibility is floated; "due to" ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sentence after an announcement says it applies at once
        (
            "Chile announced a 25 percent tariff on Peruvian wine on Friday. The government said "
            "the duties would go into effect immediately.",
            [("PE", 25, "imposed")],
        ),
        # a possibility asked about is floated, not imposed
        (
            "Officials asked the trade office about the possibility of imposing a 15% tariff on "
            "Kenyan flowers.",
            [("KE", 15, "proposed")],
        ),
    ],
)
def test_immediate_effect_and_possibilities(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an announcement whose start lies ahead stays a threat
        (
            "Chile announced a 25 percent tariff on Peruvian wine on Friday. The government said "
            "the duties would go into effect next month.",
            [("PE", 25, "threatened")],
        ),
        # "due to" as a schedule still reads as one
        (
            "A 15% tariff on Kenyan flowers is due to take effect in May.",
            [("KE", 15, "threatened")],
        ),
    ],
)
def test_later_starts_and_schedules_keep_their_reading(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _rows(text) == expected


# --- S8: a headline's present tense does not settle what the body words -------------------


def test_the_body_settles_a_rate_the_headline_tells_in_the_present() -> None:
    text = (
        "Chile slaps 20% tariff on Peruvian wine after border row\n\n"
        "Chile's president said on Sunday that his government would impose a 20 percent tariff "
        "on Peruvian wine from next month."
    )
    assert _rows(text) == [("PE", 20, "threatened")]


def test_a_headline_rate_the_body_does_not_word_keeps_its_reading() -> None:
    text = (
        "Chile slaps 20% tariff on Peruvian wine\n\n"
        "The row began when Lima closed a border crossing last month."
    )
    assert _rows(text) == [("PE", 20, "imposed")]


# --- S9: "already" of an unrelated clause is no measure in force -----------------------------


def test_already_become_a_battle_does_not_put_the_next_rate_in_force() -> None:
    text = (
        "Chile plans to go ahead with duties on Peruvian goods on Monday, an official said, "
        "escalating what has already become a bitter dispute. The government could announce "
        "on Monday that it will slap a 15 per cent tariff on the goods."
    )
    assert _rows(text) == [("PE", 15, "threatened")]


def test_goods_already_subject_to_a_rate_are_in_force() -> None:
    text = "Peruvian goods are already subject to a 15 per cent tariff."
    assert _rows(text) == [("PE", 15, "imposed")]

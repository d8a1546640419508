"""Round 4 of issue 13: general forms behind the second blind set's errors, by category.

Each test states one category of `tests/fixtures/tariffs/blind2/ROUND4.md` with sentences written
for it (in the shapes news and official notices use, none taken from a story), with cases that must
keep their old reading beside the new ones.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.tariff_rows import PUBLISHED, Row
from tests.tariff_rows import pairs as _pairs
from tests.tariff_rows import rows as _rows
from tui.core.tariffs import extract_tariffs

# --- S1: intentions are announced, recommendations floated; a start date makes a threat ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ottawa plans to impose a 15% tariff on US lumber.", [("US", 15, "threatened")]),
        (
            "The government is planning to levy a 12 percent duty on Peruvian fish.",
            [("PE", 12, "threatened")],
        ),
        (
            "Lima is planning to raise its tariff on Chilean wine to 30%.",
            [("CL", 30, "threatened")],
        ),
        ("The trade panel is recommending a 40% tariff on Chilean wine.", [("CL", 40, "proposed")]),
        # a plan as a thing, not an act: still floated
        ("A planned 15 percent levy on Kenyan tea is under review.", [("KE", 15, "proposed")]),
    ],
)
def test_an_intention_is_a_threat_and_a_recommendation_a_proposal(
    text: str, expected: list[Row]
) -> None:
    assert _rows(text) == expected


def test_a_floated_rate_given_a_start_date_is_a_threat() -> None:
    text = (
        "Lima published a list of US goods, proposing a 20 percent tariff on US wheat and 10 "
        "percent on US corn. The duties will take effect on September 1."
    )
    rows = extract_tariffs(text, PUBLISHED)
    assert [(r.iso, r.rate_pct, r.status) for r in rows] == [
        ("US", 20, "threatened"),
        ("US", 10, "threatened"),
    ]
    assert {r.effective for r in rows} == {date(2025, 9, 1)}


def test_a_floated_rate_stays_floated_without_a_start_date() -> None:
    text = "Chile proposed a 20% tariff on US wheat. Talks resume on September 1."
    assert _rows(text) == [("US", 20, "proposed")]


# --- S2: "deal" and "agree" that make no deal ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru will be hit with a 30% tariff and agreed on Monday to negotiate a deal.",
            [("PE", 30, "threatened")],
        ),
        (
            "The president said Kenya was hard to deal with and recommended a 25% tariff on "
            "Kenyan goods.",
            [("KE", 25, "proposed")],
        ),
        (
            "Washington hit Chile and Peru with 25% steel tariffs to press them to agree to its "
            "demands.",
            [("CL", 25, "imposed"), ("PE", 25, "imposed")],
        ),
        # a deal that is one keeps its reading
        (
            "Peru agreed to a 10% tariff on Peruvian goods under the new pact.",
            [("PE", 10, "agreed")],
        ),
    ],
)
def test_deal_words_that_make_no_deal(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


# --- S3: enactment wording ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru will apply a 60% tariff on Chilean wine with immediate effect.",
            [("CL", 60, "imposed")],
        ),
        # a relative clause on the rate says what became of it
        (
            "Trump threatened a further 40% duty on Chilean copper, which he imposed a week later.",
            [("CL", 40, "imposed")],
        ),
        (
            "Trump threatened a further 40% duty on Chilean copper, which Chile called unfair.",
            [("CL", 40, "threatened")],
        ),
        # a headline's "to face" is its future tense
        ("Peru to face 20% US tariff from August 1", [("PE", 20, "threatened")]),
        ("Peru will therefore be paying a 20% tariff.", [("PE", 20, "threatened")]),
    ],
)
def test_enactment_wording(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


# --- S4: postponed and removed rates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chile's retaliatory tariffs, including a 25% duty on US wine, were put on hold.",
            [("US", 25, "threatened")],
        ),
        ("Peru will remove the 15% tariff on US wheat.", [("US", 15, "other")]),
        ("Peru agreed to eliminate its 10% duty on US wheat.", [("US", 10, "other")]),
        # suspending a preference postpones no tariff
        (
            "Chile has suspended the US' preferential tariff treatment. Chile's government "
            "imposed a 20 percent tariff on US pork.",
            [("US", 20, "imposed")],
        ),
        (
            "Chile has suspended its tariffs on the US. Chile's government would impose a 20 "
            "percent tariff on US pork.",
            [("US", 20, "threatened")],
        ),
    ],
)
def test_postponed_and_removed_rates(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_a_floated_rate_becomes_a_threat_when_a_later_sentence_dates_it() -> None:
    text = (
        "Lima published a list of US goods, proposing a 20 percent tariff on US wheat. The list "
        "also names tariffs on beer and cheese. The countermeasures will take effect on "
        "September 1 and stay in place until Washington relents."
    )
    assert _rows(text) == [("US", 20, "threatened")]


def test_what_a_measure_threatens_is_no_threat_of_a_rate() -> None:
    text = "Peru is facing a 40% tariff on its exports. The move threatens Peru's fishing industry."
    assert _rows(text) == [("PE", 40, "imposed")]


# --- T1: the target outside the near window -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject that bears the rate, however long the clause before it
        (
            "Peru has become one of the hardest-hit economies under the new US tariffs, facing "
            "a 40% rate on most of its exports.",
            {("PE", 40)},
        ),
        # a list of countries as the subject of a passive "slapped with"
        (
            "Chile, Peru and Bolivia were among the first countries slapped with the 10% tariff.",
            {("CL", 10), ("PE", 10), ("BO", 10)},
        ),
        # a pair of parties as the subject: the US is the other party, not a target
        (
            "Kenya and the United States signed an agreement on Monday that lowers the tariffs "
            "to 12% from a threatened 30%.",
            {("KE", 12), ("KE", 30)},
        ),
        # the goods' origin after a longer list of goods
        (
            "Peru will impose a 15% tariff on imports of wheat, corn and soybeans (grains) from "
            "the US.",
            {("US", 15)},
        ),
        # the active "slapped Peru with" keeps Washington the imposer
        ("Washington slapped Peru with a 20% tariff.", {("PE", 20)}),
    ],
)
def test_the_target_outside_the_near_window(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the subject does not bear the rate: no bearer wording before it
        "Peru has become one of the hardest-hit economies under the new US tariffs, which rose "
        "to 40% on Monday.",
        # another country between the subject and the rate
        "Peru has become a big exporter to Chile since the tariffs, while Bolivia is facing a "
        "40% rate.",
    ],
)
def test_no_far_subject_without_a_bearer(text: str) -> None:
    assert ("PE", 40) not in _pairs(text)


def test_a_change_told_new_first_with_the_tariff_as_object() -> None:
    text = "The pact reduces blanket tariffs on Kenyan goods to 15% from a threatened 25%."
    assert set(_rows(text)) == {("KE", 15, "agreed"), ("KE", 25, "other")}


def test_a_new_first_change_takes_the_goods_after_the_pair() -> None:
    text = "Under the pact, Washington will lower tariffs to 5% from 12% on imports from Kenya."
    assert set(_rows(text)) == {("KE", 5, "agreed"), ("KE", 12, "other")}


# --- T4: destinations and importers are no targets ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "US imports from X": X's goods; from no country named: no row
        ("The order sets a 25 percent tariff on US imports from Peru.", {("PE", 25)}),
        (
            "The order sets tariffs ranging from 10 percent to 41 percent on US imports from "
            "dozens of countries.",
            set(),
        ),
        # goods entering a country go there
        ("Under the pact, Kenya will face a 12% tariff on goods entering the US.", {("KE", 12)}),
    ],
)
def test_destinations_and_importers_are_no_targets(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


def test_a_clause_that_names_its_place_gets_no_guessed_target() -> None:
    text = (
        "Peru imposes tariffs on Chilean wine. Growers said a 20 percent tariff ends their "
        "sales in Chile."
    )
    assert ("CL", 20) not in _pairs(text)


# --- T5: rates for an unnamed group ---------------------------------------------------------------


@pytest.mark.parametrize(
    "second",
    [
        "All of the remaining countries will pay a 15 percent tariff.",
        "Countries with a trade surplus will face a base 10 percent tariff.",
        "Other trading partners will pay a 15% tariff.",
    ],
)
def test_a_rate_for_an_unnamed_group_is_not_the_story_target(second: str) -> None:
    text = f"Trump sets a 35% tariff on Peruvian goods. {second}"
    assert _pairs(text) == {("PE", 35)}


# --- T2 and T6: targets through a possessive, a pronoun for the imposer, a coordinated rate ------


def test_its_goods_are_the_goods_of_the_country_named_before() -> None:
    text = "Washington announced a framework with Kenya, imposing a 12% tariff on its goods."
    assert _pairs(text) == {("KE", 12)}


def test_its_goods_with_no_country_before_give_no_row() -> None:
    assert _pairs("The order puts a 12% tariff on its goods.") == set()


def test_a_pronoun_for_the_imposer_keeps_the_goods_it_taxed() -> None:
    text = (
        "The US imposed 25 per cent tariffs on Peruvian copper in March. It then doubled the "
        "25% rate in May."
    )
    # (round 5: the doubled rate, given in words, is a row too, as the blind sets' gold reads
    # "halved the 20% rate")
    assert _pairs(text) == {("PE", 25), ("PE", 50)}


def test_a_pronoun_for_the_target_is_still_the_target() -> None:
    text = "Peru struck a deal with Washington. It will pay a 10% tariff on its exports."
    assert _pairs(text) == {("PE", 10)}


def test_a_second_rate_coordinated_with_the_first_shares_its_countries() -> None:
    text = "The US hit Peru and Chile with 25% copper tariffs and 10% wine tariffs on Monday."
    assert _pairs(text) == {("PE", 25), ("CL", 25), ("PE", 10), ("CL", 10)}


# --- T3: the bearer by its own verb -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya will shoulder a 10% tariff on all US shipments.", {("KE", 10)}),
        ("Under the deal, Peru faces a 15% duty on goods bound for the US.", {("PE", 15)}),
        # no bearer verb: the goods after the rate name the target
        ("Kenya will impose a 10% tariff on all US shipments.", {("US", 10)}),
        ("Kenyan buyers will pay a 10% tariff on US wheat.", {("US", 10)}),
    ],
)
def test_the_bearer_by_its_own_verb(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


# --- T1 and T8: a pronoun taking up a listed subject, a range with a bound in words ---------------


def test_a_pronoun_takes_up_the_listed_subject_past_an_exemption() -> None:
    text = (
        "Peru and Chile were spared the new levies because they are still subject to a 25% "
        "tariff on goods outside the pact."
    )
    assert _pairs(text) == {("PE", 25), ("CL", 25)}


def test_an_exempted_subject_without_a_pronoun_gets_no_row() -> None:
    text = "Peru was exempted from the new tariffs announced in April, facing a 40% rate."
    assert _pairs(text) == set()


def test_a_range_with_a_bound_in_words_and_its_target_after_a_count() -> None:
    rows = extract_tariffs(
        "Duties of between five and 10 percent will take effect on some 3 100 Peruvian "
        "products on Monday.",
        PUBLISHED,
    )
    assert [(r.iso, r.rate_pct, r.rate_max_pct) for r in rows] == [("PE", 5, 10)]


def test_take_effect_on_a_day_names_no_target() -> None:
    assert _pairs("A 10 percent tariff will take effect on Monday.") == set()


# --- a rate still to be avoided, a deal's terms by participle, imports of goods from X ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "to avoid" a rate: still pending; "avoided": never applied
        (
            "Without concessions Peru will not progress in talks to avoid additional 20% duties.",
            [("PE", 20, "threatened")],
        ),
        ("Peru avoided a 20% duty on its copper by agreeing to a deal.", [("PE", 20, "other")]),
        # a participle stating a deal's terms takes the deal's status
        (
            "Washington announced a framework with Kenya, imposing a 12% tariff on its goods.",
            [("KE", 12, "agreed")],
        ),
        (
            "Washington announced tariffs on Kenya, imposing a 12% tariff on its goods.",
            [("KE", 12, "imposed")],
        ),
        # "talks to reach a more comprehensive deal" is no deal made
        (
            "Peru is facing a 20% tariff while talks to reach a more comprehensive trade deal go "
            "on.",
            [("PE", 20, "imposed")],
        ),
    ],
)
def test_pending_avoidance_deal_terms_and_talks(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_imports_of_goods_from_a_country_are_its_goods() -> None:
    text = (
        "Lima announced tariffs of 25 percent affecting about $2 billion in Peruvian imports of "
        "pork and fruit from the United States."
    )
    assert _pairs(text) == {("US", 25)}

"""Tariff forms the first blind set showed missing or misread on text the rules had not seen.

Round 2 of issue 13: each form below is stated in general, with several sentences written for
these tests (in the shapes news and official notices use, none taken from a story) and with
negative cases that must give no row, or keep their reading.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import Row
from tests.tariff_rows import pairs as _pairs
from tests.tariff_rows import rows as _rows

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


# --- a condition governs its clause --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Duties on Peruvian copper already apply. If Peru does not open its market, these "
            "duties will rise to 30% in May.",
            [("PE", 30, "threatened")],
        ),
        (
            "Kenyan tea faces a levy of 10% for now, and unless talks succeed, it goes to 40 per "
            "cent in June.",
            [("KE", 10, "imposed"), ("KE", 40, "threatened")],
        ),
        (
            "Depending on the talks, Norway could see its salmon taxed at 15 percent.",
            [("NO", 15, "threatened")],
        ),
    ],
)
def test_a_condition_before_the_rate_makes_it_threatened(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the condition is about something else, after the rate
        (
            "A 25% tariff on Peruvian goods took effect in May, even if talks go on.",
            [("PE", 25, "imposed")],
        ),
        # "if anything" is no condition
        (
            "If anything, the 25% tariff on Peruvian goods has hurt US buyers more.",
            [("PE", 25, "imposed")],
        ),
    ],
)
def test_no_condition_keeps_the_status(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


# --- a sentence after the rates says when they apply ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kenya published a list of 15% duties on US wheat and corn. They took effect on "
            "Monday.",
            [("US", 15, "imposed")],
        ),
        (
            "Peru's list of 20 percent tariffs on American corn covers 40 items. The start date "
            "will depend on when Washington acts.",
            [("US", 20, "threatened")],
        ),
        (
            "Norway set out 10% duties on US whiskey. The countermeasures are now in force.",
            [("US", 10, "imposed")],
        ),
    ],
)
def test_a_follow_up_sentence_settles_rates_stated_without_wording(
    text: str, expected: list[Row]
) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the rate's own wording stands
        (
            "Peru has imposed a 20% tariff on US corn. Its duties on wheat will depend on talks.",
            [("US", 20, "imposed")],
        ),
        # the follow-up is about a measure by the rows' own target
        (
            "Kenya published a list of 15% duties on US wheat. The US tariffs on Kenyan tea took "
            "effect last week.",
            [("US", 15, "imposed")],
        ),
        # not the next sentence
        (
            "Kenya published a list of 15% duties on US wheat. Farmers protested. Officials met. "
            "The start date will depend on talks.",
            [("US", 15, "imposed")],
        ),
    ],
)
def test_a_follow_up_sentence_does_not_override_worded_or_distant_rows(
    text: str, expected: list[Row]
) -> None:
    assert _rows(text) == expected


# --- a party's own rate, named after it ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru's 30% rate compares badly with the 15% tariffs negotiated by the EU.",
            {("PE", 30), ("EU", 15)},
        ),
        ("A 19% tariff agreed by Jakarta last week set the pattern.", {("ID", 19)}),
        ("The 10% tariff that was secured by Britain is the lowest.", {("GB", 10)}),
    ],
)
def test_a_rate_negotiated_by_a_party_is_that_partys(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


def test_a_rate_imposed_by_a_country_is_not_its_own() -> None:
    assert _pairs("The 25% tariff imposed by the US took effect.") == set()


# --- an announcement, and wording that belongs to another rate -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump announced a 30% duty on Peruvian imports on Friday.", [("PE", 30, "threatened")]),
        (
            "Markets fell after Washington's announcement of 25% tariffs on Kenyan goods.",
            [("KE", 25, "threatened")],
        ),
        (
            "The White House unveiled a 20 percent tariff on Norwegian salmon.",
            [("NO", 20, "threatened")],
        ),
        # an instrument, or wording that the rate is in force, outweighs the announcement
        (
            "Trump announced an executive order that sets a 30% duty on Peruvian imports.",
            [("PE", 30, "imposed")],
        ),
        (
            "The 25% tariff on Kenyan goods announced in March took effect on Monday.",
            [("KE", 25, "imposed")],
        ),
    ],
)
def test_an_announced_rate_is_threatened(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The 39% rate on Peruvian goods contrasts with the 15% tariffs negotiated by the EU.",
            [("PE", 39, "imposed"), ("EU", 15, "agreed")],
        ),
        # wording after a comma frames both rates
        (
            "A 25% tariff on Kenyan steel and a 10% tariff on Kenyan tea, both announced in "
            "May, were imposed on Monday.",
            [("KE", 25, "imposed"), ("KE", 10, "imposed")],
        ),
    ],
)
def test_wording_right_after_another_rate_is_that_rates(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


# --- a retaliation in a story about an order -----------------------------------------------------


def test_a_retaliation_in_an_order_story_keeps_its_own_status() -> None:
    text = (
        "Trump signs executive order imposing tariffs on Peru and Chile\n"
        "The order sets a 25% duty on Peruvian goods. Peru will impose 20% tariffs on US "
        "wheat in return, its trade ministry said."
    )
    assert _rows(text) == [("PE", 25, "imposed"), ("US", 20, "threatened")]


def test_a_country_the_story_does_not_tax_acts_under_the_order() -> None:
    # the notice is China's own: its rates are imposed even where they "will" apply
    text = (
        "China's tariff commission issues notice on duties on US goods\n"
        "China will impose a 10% tariff on US coal, the notice said."
    )
    assert _rows(text) == [("US", 10, "imposed")]


# --- a section heading names the target ----------------------------------------------------------


def test_a_heading_names_the_target_of_its_section() -> None:
    text = (
        "The White House issued a fact sheet on the new duties on Friday.\n"
        "Tariffs on Peru\n"
        "The fact sheet says an additional 15% duty applies to all goods entered for "
        "consumption.\n"
        "Tariffs on Chile\n"
        "A 10% duty will apply to wine, the fact sheet says.\n"
        "What comes next\n"
        "A 5% fee will apply to all shipments."
    )
    assert _rows(text) == [("PE", 15, "imposed"), ("CL", 10, "imposed")]


@pytest.mark.parametrize(
    "heading",
    [
        "Peru and Chile",  # two countries
        "Peru Contrast and Fallout",  # no tariff word
        "US tariffs on the rise",  # the imposer
    ],
)
def test_no_section_target_from_other_headings(heading: str) -> None:
    text = f"{heading}\nAn additional 15% duty applies to all goods entered for consumption."
    assert _rows(text) == []


def test_a_name_with_a_curly_apostrophe() -> None:
    text = "A 10% duty applies to goods from the People’s Republic of China."
    assert _rows(text) == [("CN", 10, "imposed")]


# --- a total in the next sentence, past the imposer ---------------------------------------------


@pytest.mark.parametrize(
    "follow",
    [
        "This brings the combined duties imposed by the United States on its neighbour to 40%.",
        "That takes the total charged by Washington on the country to 40%.",
    ],
)
def test_a_total_in_the_next_sentence_past_the_imposer(follow: str) -> None:
    text = f"The order adds a further 20% tariff on goods from Peru. {follow}"
    assert _rows(text) == [("PE", 20, "imposed"), ("PE", 40, "imposed")]


def test_a_total_that_names_another_target_is_that_ones() -> None:
    text = "The order adds a further 20% tariff on goods from Peru. Chile's total rises to 40%."
    assert ("PE", 40) not in _pairs(text)


# --- a schedule of steps -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "steps",
    [
        "to 10% on May 1, to 15% on June 1, 2026, and to 20% on July 1",
        "to 10 percent on 1 May, to 15 percent on 1 June and then to 20 percent",
    ],
)
def test_a_schedule_of_steps_keeps_its_target(steps: str) -> None:
    text = (
        "The president will impose a 5% tariff on all goods from Peru. If Peru still ships "
        f"the crop into the United States, tariffs will rise {steps}."
    )
    assert _rows(text) == [
        ("PE", 5, "threatened"),
        ("PE", 10, "threatened"),
        ("PE", 15, "threatened"),
        ("PE", 20, "threatened"),
    ]


def test_a_country_near_before_a_rate_still_blocks_the_story_target() -> None:
    text = (
        "The president will impose a 5% tariff on all goods from Peru. Officials in Chile "
        "said a 10% duty was possible."
    )
    assert ("PE", 10) not in _pairs(text)


# --- a change whose subject is a tariff ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He said tariffs on $30 billion of Peruvian imports will jump from 10% to 25% on Friday.",
        "Duties on Kenyan tea and coffee are set to climb from 10 percent to 25 percent.",
    ],
)
def test_a_change_of_a_tariff_named_well_before_it(text: str) -> None:
    iso = "PE" if "Peru" in text else "KE"
    assert _pairs(text) == {(iso, 10), (iso, 25)}


@pytest.mark.parametrize(
    "text",
    [
        "Because of tariffs on Peruvian goods, prices will jump from 2% to 4% this year.",
        "Tariffs on Kenyan tea made its share of sales climb from 10 percent to 25 percent.",
    ],
)
def test_a_change_of_something_else_is_no_tariff(text: str) -> None:
    assert _pairs(text) == set()


def test_a_rate_only_a_threat_replaces_stays_in_force_when_the_text_says_so() -> None:
    text = (
        "Tariffs on $30 billion of Peruvian imports will jump from 10% to 25% on Friday. "
        "Last year the administration imposed 10% tariffs on those Peruvian imports."
    )
    assert _rows(text) == [("PE", 10, "imposed"), ("PE", 25, "threatened")]


def test_a_rate_a_threat_replaces_is_other_when_nothing_says_it_is_in_force() -> None:
    text = (
        "Tariffs on $30 billion of Peruvian imports will jump from 10% to 25% on Friday. "
        "A plan to charge 10% tariffs on Peruvian goods was floated in May."
    )
    assert _rows(text) == [("PE", 10, "other"), ("PE", 25, "threatened")]


# --- a rate called off, a rate changed far from its new value, a deal's list ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "Under the truce the US will not impose a 15% tariff on Peruvian textiles.",
        "The White House cancelled the 20% levy on Kenyan tea it had planned for May.",
        "Trump called off a 25% tariff on Norwegian salmon on Sunday.",
        "Officials scrapped a 10 percent duty on Chilean wine last week.",
    ],
)
def test_a_rate_called_off_is_other(text: str) -> None:
    assert [r[2] for r in _rows(text)] == ["other"]


def test_a_rate_that_is_not_called_off() -> None:
    # "not only" is no cancellation
    text = "The US did not only impose a 15% tariff on Peruvian textiles; it added quotas."
    assert [r[2] for r in _rows(text)] == ["imposed"]


def test_a_change_with_a_long_object() -> None:
    text = (
        "The deal will reduce the 20% tariffs on $50 billion of Peruvian goods that took "
        "effect on May 1 to 10%."
    )
    assert _rows(text) == [("PE", 20, "other"), ("PE", 10, "agreed")]


def test_a_line_naming_a_deal_opens_a_list_of_its_terms() -> None:
    text = (
        "Officials confirmed the terms of the agreement with Peru:\n"
        "- The US will lower the tariff on Peruvian goods to 12%.\n"
        "- Peru will buy more US wheat."
    )
    assert _rows(text) == [("PE", 12, "agreed")]


def test_a_line_ending_with_a_colon_without_a_deal_opens_no_deal_list() -> None:
    text = "Here is what happened next:\n- Peru will face a 12% tariff on its goods."
    assert _rows(text) == [("PE", 12, "threatened")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The duty on Peruvian goods rose on May 1 to 10%.", {("PE", 10)}),
        ("Peruvian goods face tariffs of 1 to 10% from June.", {("PE", 1)}),
    ],
)
def test_a_day_before_to_is_no_range(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


# --- averages, and qualified earlier rates ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The current US average effective tariff rate stands at 17.8%, a study said.",
        "Peru's weighted average tariff is 4.2% on farm goods.",
        "Chile's average duty on US goods was 6 per cent last year.",
    ],
)
def test_an_average_tariff_rate_is_a_statistic(text: str) -> None:
    assert _rows(text) == []


def test_a_country_total_called_effective_is_a_rate() -> None:
    text = (
        "Peruvian goods now face a 30% tariff, on top of the 10% duties put in place in May. "
        "Altogether, that brings the effective rate to 40%."
    )
    assert ("PE", 40) in _pairs(text)


@pytest.mark.parametrize(
    "qualified",
    ["previous levels of at least 60%", "a rate of up to 60%", "as much as 60%"],
)
def test_an_earlier_rate_with_a_qualifier_is_other(qualified: str) -> None:
    text = f"Officials agreed to cut tariffs on Peruvian imports to 30%, down from {qualified}."
    assert _rows(text) == [("PE", 30, "agreed"), ("PE", 60, "other")]


# --- a threat put off, a replaced rate, rates listed each for its own country ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "Trump had threatened a 30% tariff on Peruvian goods, which Lima now gets to stave off "
        "for three months.",
        "A 30% tariff on Peruvian goods, which Trump had threatened in May, was put off until "
        "October.",
        "Peru had been threatened with a 30 per cent tariff in a letter whose deadline the "
        "White House has since postponed.",
    ],
)
def test_a_threat_put_off_is_still_threatened(text: str) -> None:
    assert _rows(text) == [("PE", 30, "threatened")]


def test_a_threat_that_was_not_put_off_is_superseded() -> None:
    text = "Peru, which had been threatened with 30 per cent, now faces a 20% tariff."
    assert _rows(text) == [("PE", 30, "other"), ("PE", 20, "imposed")]


@pytest.mark.parametrize(
    ("text", "old"),
    [
        ("The 19% tariff on Peruvian goods replaces the interim 17% rate set in April.", 17),
        ("A 19% tariff on Peruvian goods supersedes the 24 per cent announced in May.", 24),
    ],
)
def test_a_replaced_rate_is_other(text: str, old: float) -> None:
    assert ("PE", old, "other") in _rows(text)


def test_the_rate_that_replaces_is_not_other() -> None:
    text = "The 17% tariff on Peruvian goods was replaced by a 19% rate under the deal."
    assert _rows(text) == [("PE", 17, "other"), ("PE", 19, "agreed")]


@pytest.mark.parametrize(
    "text",
    [
        "Trump earlier threatened tariffs of up to 30% on Peru and 20% on the Philippines.",
        "Duties of 30% on Peru, and 20% on the Philippines, were threatened in April.",
    ],
)
def test_rates_listed_each_for_its_own_country_share_their_wording(text: str) -> None:
    assert _rows(text) == [("PE", 30, "threatened"), ("PH", 20, "threatened")]


def test_working_towards_deals_is_no_deal() -> None:
    text = "Trump threatened a 30% tariff on Peru, shifting focus to reaching new trade deals."
    assert _rows(text) == [("PE", 30, "threatened")]


# --- rates with their country in brackets, comparisons, a story target found late ----------------


def test_rates_each_followed_by_its_country_in_brackets() -> None:
    text = (
        "Rivals negotiated tariffs of 15 percent (EU), 18 percent (Japan), and 10 percent "
        "(Britain) in their deals."
    )
    assert _rows(text) == [("EU", 15, "agreed"), ("JP", 18, "agreed"), ("GB", 10, "agreed")]


def test_a_bracket_that_is_no_country_names_no_target() -> None:
    assert _rows("Tariffs of 15 percent (on average) hit exporters.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru will face a 25 percent tariff from August. The rate for Peru is slightly "
            "higher than the 24 percent announced in April.",
            [("PE", 25, "threatened"), ("PE", 24, "other")],
        ),
        (
            "Peru's new 25% tariff is lower than the 30% rate it faced before the talks.",
            [("PE", 25, "imposed"), ("PE", 30, "other")],
        ),
    ],
)
def test_a_rate_compared_with_the_one_it_replaces(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_a_rate_compared_with_another_countrys_is_not_replaced() -> None:
    text = "Peru's 25% tariff is lower than the 30% rate Chile pays."
    assert ("PE", 30) not in _pairs(text)
    assert ("CL", 30, "other") not in _rows(text)


def test_a_story_learns_its_target_after_a_headline_and_subhead() -> None:
    text = (
        "Exporters reel after tariff blow\n"
        "A mission to Washington ends empty-handed\n"
        "The president announced a 39 percent duty on Peruvian imports on Friday.\n"
        "- The 39 percent tariff is higher than the previously threatened 31 percent rate."
    )
    assert _rows(text) == [("PE", 39, "threatened"), ("PE", 31, "other")]

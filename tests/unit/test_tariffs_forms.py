"""Tariff forms from real reporting that the blind set's tune half showed missing or misread.

Each form has a few sentences written for these tests in the shape wire stories, newspapers
and official statements use (none is copied from a story), and negative cases that must give
no row or keep their old reading.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import Row
from tests.tariff_rows import pairs as _pairs
from tests.tariff_rows import rows as _rows
from tui.core.sentences import split_sentences

# --- targets named later in the clause ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Last month a 25% tariff on steel and a 10% tariff on aluminium hitting Canada, "
            "Mexico and Japan took effect.",
            {("CA", 25), ("MX", 25), ("JP", 25), ("CA", 10), ("MX", 10), ("JP", 10)},
        ),
        (
            "Duties of 30 per cent on timber from several countries including Chile were "
            "imposed in May.",
            {("CL", 30)},
        ),
        (
            "A 15% levy on solar panels affecting trade partners Vietnam and Thailand was "
            "announced.",
            {("VN", 15), ("TH", 15)},
        ),
    ],
)
def test_countries_named_later_by_a_participle(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


def test_a_participle_past_another_country_names_no_later_target() -> None:
    text = "Brazil set a 20% tariff on wheat, hitting farmers hard in Argentina's south."
    assert ("AR", 20) not in _pairs(text)


# --- the country and its rate in brackets, and goods not from a country --------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He announced duties of 20% on imports from Peru, followed by Chile (18%) and "
            "Ecuador (22%).",
            {("PE", 20), ("CL", 18), ("EC", 22)},
        ),
        ("The tariff list was topped by Laos (48%).", {("LA", 48)}),
    ],
)
def test_a_country_with_its_rate_in_brackets(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He imposed duties of 25% on trucks not manufactured in the United States.",
        "A 30 per cent tariff applies to furniture not made in Canada.",
        "The 20% levy falls on cars built outside Japan.",
    ],
)
def test_goods_not_from_a_country_give_that_country_no_row(text: str) -> None:
    assert _rows(text) == []


# --- asides and relative clauses between a country and its rate --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peruvian goods—already hit by duties on copper since March—could face a 30% "
            "tariff if no agreement is reached.",
            [("PE", 30, "threatened")],
        ),
        (
            "Kenya (which exports mostly tea and flowers) will face a 10% tariff.",
            [("KE", 10, "threatened")],
        ),
        (
            "The order sets a 25% tariff on Mexican goods except Mexican potash, which would "
            "be subject to a lower 10% tariff.",
            [("MX", 25, "imposed"), ("MX", 10, "imposed")],
        ),
    ],
)
def test_asides_between_a_country_and_its_rate(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_an_excepted_country_without_its_own_rate_gives_no_row() -> None:
    assert _pairs("Every country except Canada, which has a deal, faces 10%.") == set()


# --- goods named by a hyphenated demonym, and a hyphenated imposer -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bourbon is among the American-made goods hit by the new EU-imposed 25 percent tariff.",
            {("US", 25)},
        ),
        ("Chinese-built cranes now carry a 100% tariff.", {("CN", 100)}),
    ],
)
def test_made_in_demonyms_and_hyphenated_imposers(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


# --- "to the cost of" ----------------------------------------------------------------------------


def test_a_rate_added_to_the_cost_of_goods() -> None:
    text = (
        "Ottawa's retaliatory duties took effect today. They add 25 per cent to the cost of US "
        "steel, and 10 per cent to consumer goods."
    )
    assert _rows(text) == [("US", 25, "imposed"), ("US", 10, "imposed")]


# --- rates listed together -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "India said it would impose additional 5% or 10% tariffs on American almonds.",
            [("US", 5, "threatened"), ("US", 10, "threatened")],
        ),
        (
            "Brazil put tariffs of 10%, 15% and 20% on Argentine wheat.",
            [("AR", 10, "imposed"), ("AR", 15, "imposed"), ("AR", 20, "imposed")],
        ),
        (
            "Goods from Peru would face a tariff rate of either 10 percent or 20 percent.",
            [("PE", 10, "threatened"), ("PE", 20, "threatened")],
        ),
    ],
)
def test_rates_listed_together_share_target_and_status(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_a_share_listed_with_a_rate_stays_a_statistic() -> None:
    assert _rows("Exports to Chile rose 5% or 10% in the year, the survey said.") == []


# --- the story's target, for rates whose sentence names no country --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru's retaliatory tariffs on US goods took effect on Sunday.\n\n"
            "The ministry said the measures cover 30 products. Duties on apples have been raised "
            "to 70% from 20%, and the levy on pears will be increased to 40%.",
            {("US", 70), ("US", 20), ("US", 40)},
        ),
        (
            "Washington doubles tariffs on Turkish steel and aluminium.\n\n"
            "The president said steel would now be taxed at 50%. Officials gave no date.",
            {("TR", 50)},
        ),
        (
            "Chile hits Argentine goods with new duties.\n\n"
            "Santiago placed tariffs on $2 billion worth of goods from Argentina on Monday. "
            "Another 15 percent tax was levied on wine and fruit.",
            {("AR", 15)},
        ),
    ],
)
def test_a_rate_without_a_country_takes_the_story_target(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a global sector duty the lead did not put on the story's country
        "Kenya strikes a trade deal with the US setting a 10% tariff.\n\n"
        "Steel and aluminium would still be subject to 50% tariffs.",
        # a baseline for everyone
        "Norway agrees a deal on tariffs on Norwegian salmon.\n\n"
        "The 10% baseline tariff on most other goods remains in place.",
        # a statistic
        "Tariffs on Swiss watches take effect.\n\n"
        "The average effective tariff rate is now about 18%.",
        # a story about two countries has no one target
        "Tariffs on Chilean and Peruvian copper take effect.\n\n"
        "A further 25% tariff was levied on wire.",
    ],
)
def test_no_story_target_for_sectors_baselines_statistics_or_two_countries(text: str) -> None:
    rows = _rows(text)
    assert all(rate not in (50, 18, 25) for _iso, rate, _s in rows)
    assert not any(iso == "NO" and rate == 10 for iso, rate, _s in rows)


def test_a_party_that_changes_its_own_tariff_taxes_the_other_party() -> None:
    text = (
        "GENEVA — The United States and Vietnam agreed on Monday to cut their tariffs.\n\n"
        "The US agreed to drop the 46% tax it imposed in April to 20%. Vietnam agreed to lower "
        "its tariff rate on US goods to 5% from 15%."
    )
    assert set(_rows(text)) == {
        ("VN", 20, "agreed"),
        ("VN", 46, "other"),
        ("US", 5, "agreed"),
        ("US", 15, "other"),
    }


def test_a_party_needs_a_two_party_story() -> None:
    text = (
        "Tariffs on Vietnamese goods take effect.\n\n"
        "The US agreed to drop the 46% tax it imposed in April to 20%."
    )
    assert ("US", 46) not in _pairs(text) and ("US", 20) not in _pairs(text)


def test_a_total_in_the_next_sentence_refers_back() -> None:
    text = (
        "Colombian exports now face a 40% tariff, on top of the 10% duties put in place in "
        "March. Altogether, that brings the tariff rate to 50%."
    )
    assert _rows(text) == [("CO", 40, "imposed"), ("CO", 10, "imposed"), ("CO", 50, "imposed")]


# --- status ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The president announced plans to impose a 40% tariff on Peruvian copper.",
            [("PE", 40, "threatened")],
        ),
        (
            "Kenya proposes a trade arrangement where its goods would be taxed at 10%.",
            [("KE", 10, "proposed")],
        ),
        (
            "The minister offered a compromise under which Chilean wine would pay a 12% tariff.",
            [("CL", 12, "proposed")],
        ),
        (
            "A 20% tariff on Bolivian tin was implemented last week.",
            [("BO", 20, "imposed")],
        ),
        (
            "Uruguay's retaliatory tariffs will take effect today. They add 15 per cent to the "
            "price of US beef.",
            [("US", 15, "imposed")],
        ),
        (
            "Economists warned that the jump from the current 10% tariff on Peruvian goods to "
            "50% could hurt trade.",
            [("PE", 10, "imposed"), ("PE", 50, "threatened")],
        ),
    ],
)
def test_status_forms(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_a_rate_stated_after_an_order_was_signed_is_imposed() -> None:
    text = (
        "The president spoke in the Rose Garden on Wednesday. Later, he signed the executive "
        "order. For imports from Laos, tariffs will be set at 40%."
    )
    assert _rows(text) == [("LA", 40, "imposed")]


def test_an_order_only_promised_leaves_the_rate_threatened() -> None:
    text = (
        "The president spoke in the Rose Garden on Wednesday. He said he will sign an order "
        "soon. For imports from Laos, tariffs will be set at 40%."
    )
    assert _rows(text) == [("LA", 40, "threatened")]


# --- one status per (country, rate) ---------------------------------------------------------------


def test_a_rate_carried_out_is_no_longer_threatened() -> None:
    text = (
        "Chile raised tariffs on US goods to 30% on Friday. On Thursday it had said it would "
        "raise tariffs on US goods to 30%."
    )
    assert _rows(text) == [("US", 30, "imposed")]


def test_a_superseded_rate_is_only_other() -> None:
    text = (
        "A 10% tariff on Peruvian goods due in May will be increased to 15%. Lima answered a "
        "plan to charge 10% tariffs on Peruvian goods with a protest."
    )
    assert ("PE", 10, "other") in _rows(text)
    assert [r for r in _rows(text) if r[:2] == ("PE", 10)] == [("PE", 10, "other")]


def test_a_deal_supersedes_an_earlier_threat_to_the_same_country() -> None:
    text = (
        "Kenya and the US struck a trade deal setting a 12% tariff on Kenyan goods. In a letter "
        "last month the president had warned Kenya of a 30% tariff if no deal was reached."
    )
    assert set(_rows(text)) == {("KE", 12, "agreed"), ("KE", 30, "other")}


# --- more forms: additions, postponements, proposals, measures, sector stories --------------------


def test_a_rate_added_before_factoring_in_another() -> None:
    text = (
        "Peruvian exports now face a 30% tariff, and that is before factoring in the 10% "
        "duties put in place in March."
    )
    assert _rows(text) == [("PE", 30, "imposed"), ("PE", 10, "imposed")]


def test_a_postponed_country_keeps_its_rates_threatened() -> None:
    text = (
        "The orders set tariffs on Chilean, Peruvian and Bolivian goods. Tariffs on imports "
        "from Chile and Peru have been postponed for 30 days.\n"
        "Chile: The executive order would impose a 25% tariff on Chilean products.\n"
        "Bolivia: The executive order would impose a 10% tariff on Bolivian products."
    )
    assert _rows(text) == [("CL", 25, "threatened"), ("BO", 10, "imposed")]


def test_a_postponed_country_whose_rate_took_effect_is_imposed() -> None:
    text = (
        "Tariffs on Chile were paused in May. A 10% tariff on Chilean copper took effect in "
        "June, the ministry said."
    )
    assert _rows(text) == [("CL", 10, "imposed")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The general proposes a trade arrangement where tariffs on Burmese goods would be "
            "set at 12%.",
            [("MM", 12, "proposed")],
        ),
        (
            "Under the deal, tariffs on Kenyan tea would fall to 10%.",
            [("KE", 10, "agreed")],
        ),
        # "would" with no act before it stays a threat
        ("Tariffs on Kenyan tea would rise to 30%.", [("KE", 30, "threatened")]),
    ],
)
def test_would_takes_the_status_of_the_act_that_frames_it(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_a_measure_stated_before_its_rates_sets_their_status() -> None:
    text = (
        "Colombia hit back at the US with tariffs on Monday. The retaliatory measures took "
        "effect at midnight. They will add 20 per cent to the cost of US corn."
    )
    assert _rows(text) == [("US", 20, "imposed")]


def test_a_sector_story_gives_its_sector_rates_to_its_country() -> None:
    text = (
        "The president has authorized higher tariffs on Peruvian copper and zinc.\n\n"
        "The president said tariffs would rise. Copper will now be 40% and zinc 30%."
    )
    assert _pairs(text) == {("PE", 40), ("PE", 30)}


def test_a_sector_the_lead_did_not_tax_gets_no_story_target() -> None:
    text = (
        "The president has authorized higher tariffs on Peruvian copper.\n\n"
        "The president said tariffs would rise. Steel will now be 50%."
    )
    assert _pairs(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A 10% tariff to be imposed on Peruvian goods in June will be increased to 15%.",
            [("PE", 10, "other"), ("PE", 15, "threatened")],
        ),
        (
            "The 25% duty already levied on Chilean wine stays.",
            [("CL", 25, "imposed")],
        ),
    ],
)
def test_a_participle_between_the_tariff_and_its_target(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_a_warning_before_does_not_turn_a_past_act_into_a_threat() -> None:
    text = (
        "- The president warned tariffs could return if no deals are reached.\n"
        "- Peru raised tariffs on US goods to 40% and called the move unfair."
    )
    assert _rows(text) == [("US", 40, "imposed")]


def test_a_story_rate_with_a_country_further_back_in_its_sentence() -> None:
    text = (
        "The president threatens a 50% tariff on all Kenyan imports.\n\n"
        "The US is Kenya's third-largest market after India, and analysts have long warned "
        "that the sharp jump from the current 10% rate to 50% would hurt farmers."
    )
    assert set(_rows(text)) == {("KE", 50, "threatened"), ("KE", 10, "imposed")}


def test_a_rate_on_any_country_that_does_something_is_no_story_rate() -> None:
    text = (
        "Tariffs on Kenyan tea take effect.\n\n"
        "The president said he was looking at a 25% tariff on any country that buys "
        "Iranian oil."
    )
    assert _pairs(text) == set()


def test_an_exporting_subject_across_a_long_clause() -> None:
    text = (
        "Kenya and the US strike a trade deal.\n\n"
        "  • Kenya will be able to export up to 50,000 tonnes of tea a year to the US at a "
        "10% tariff, down from the prevailing 25%."
    )
    assert set(_rows(text)) == {("KE", 10, "agreed"), ("KE", 25, "other")}


def test_a_short_intro_opens_a_list_in_a_deal_story() -> None:
    text = (
        "Kenya and the US strike a trade deal.\n\n"
        "Here are the details:\n"
        "- Kenyan coffee will pay a 5% tariff.\n"
        "- Kenyan flowers will pay a 12% tariff."
    )
    assert _rows(text) == [("KE", 5, "agreed"), ("KE", 12, "agreed")]


def test_a_short_intro_without_a_story_context_changes_nothing() -> None:
    text = "Here are the details:\n- Kenyan coffee will pay a 5% tariff."
    assert _rows(text) == [("KE", 5, "threatened")]


def test_the_current_rate_stays_imposed_when_the_new_one_is_only_threatened() -> None:
    text = "Peruvian goods will face a 30% tariff from August, up from the current 10%."
    assert set(_rows(text)) == {("PE", 30, "threatened"), ("PE", 10, "imposed")}


# --- round 3: an act that frames every hypothetical rate of its sentence -----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lima proposed an arrangement in which Peruvian copper would be taxed at 5-8%, "
            "while duties on American wheat would be cut to 2%.",
            {("PE", 5, "proposed"), ("US", 2, "proposed")},
        ),
        (
            "Both sides agreed a framework under which Thai rice would carry a 12% duty, whereas "
            "duties on US corn would be lowered to 3%.",
            {("TH", 12, "agreed"), ("US", 3, "agreed")},
        ),
    ],
)
def test_a_proposal_frames_each_would_rate_of_its_sentence(text: str, expected: set[Row]) -> None:
    assert set(_rows(text)) == expected


def test_a_would_rate_with_no_act_before_it_stays_threatened() -> None:
    text = (
        "Under the plan, Peruvian copper would be taxed at 25%, while Chilean copper would pay 15%."
    )
    assert set(_rows(text)) == {("PE", 25, "threatened"), ("CL", 15, "threatened")}


# --- round 3: a lead saying the measure is in force --------------------------------------------


def test_rates_of_a_measure_in_force_worded_in_the_future_are_imposed() -> None:
    text = (
        "Colombia's countermeasures against 40 products from the US come into effect, officials "
        "said on Sunday.\n\n"
        "The list was trimmed at the last minute.\n\n"
        "Duties on bourbon have been raised to 60% from 20%, and those on almonds will be "
        "increased to 45% while the levy on pears will go up to 35%."
    )
    assert set(_rows(text)) == {
        ("US", 60, "imposed"),
        ("US", 20, "other"),
        ("US", 45, "imposed"),
        ("US", 35, "imposed"),
    }


@pytest.mark.parametrize(
    "lead",
    [
        "Colombia's countermeasures against 40 products from the US will come into effect soon.",
        "Colombia's countermeasures against 40 products from the US are set to take effect.",
        "Colombia weighs countermeasures against 40 products from the US.",
    ],
)
def test_a_measure_not_yet_in_force_keeps_its_future_rates_threatened(lead: str) -> None:
    text = f"{lead}\n\nThe levy on pears will go up to 35%."
    assert _rows(text) == [("US", 35, "threatened")]


def test_a_rate_naming_its_own_country_keeps_its_wording() -> None:
    text = (
        "Colombia's countermeasures against 40 products from the US come into effect.\n\n"
        "Bogota also said duties on Ecuadorian rice will rise to 30%."
    )
    assert ("EC", 30, "threatened") in _rows(text)


# --- round 3: a rate told in the past tense in a deal story ------------------------------------


@pytest.mark.parametrize(
    "earlier",
    [
        "Before the agreement, Thai exports to the US were subject to a 36% levy.",
        "Under the April scheme, Thai goods had faced a 36% tariff.",
    ],
)
def test_a_past_rate_of_a_country_that_struck_a_deal_is_superseded(earlier: str) -> None:
    text = (
        "The United States has reached a trade agreement with Thailand that sets a 19% tariff "
        f"on Thai goods.\n\n{earlier}"
    )
    assert set(_rows(text)) == {("TH", 19, "agreed"), ("TH", 36, "other")}


def test_a_past_rate_without_a_deal_stays_imposed() -> None:
    text = "Thai exports to the US were subject to a 36% levy, officials said."
    assert _rows(text) == [("TH", 36, "imposed")]


def test_a_present_rate_beside_a_deal_is_not_superseded() -> None:
    text = (
        "The United States has reached a trade agreement with Thailand that sets a 19% tariff "
        "on Thai goods.\n\nThai steel remains subject to a 50% tariff."
    )
    assert ("TH", 50, "imposed") in _rows(text)


# --- round 3: goods as the subject, with a long modifier or a participle aside -----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peruvian goods not covered by the regional trade pact will face a 30% tariff.",
            [("PE", 30, "threatened")],
        ),
        (
            "Chilean products not listed in the free trade agreement will pay a 20% duty "
            "from next month.",
            [("CL", 20, "threatened")],
        ),
    ],
)
def test_goods_that_open_a_sentence_reach_a_distant_rate(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The levy on Norwegian salmon, announced in May at 22%, is due to start on Monday.",
            ("NO", 22),
        ),
        (
            "Duties on Thai rice that Washington raised last spring to 18% remain in force.",
            ("TH", 18),
        ),
    ],
)
def test_goods_are_taxed_by_the_verb_in_between(text: str, expected: tuple[str, float]) -> None:
    assert _pairs(text) == {expected}


def test_a_country_that_imposes_between_is_still_no_target() -> None:
    text = "Brazil, which announced a 15% levy on imports last week, is a member of the bloc."
    assert ("BR", 15) not in _pairs(text)


# --- round 3: a tariff that changes, told with the sum of goods it covers ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Duties on $80 billion of Korean goods will climb to 30% next month.",
            {("KR", 30, "threatened")},
        ),
        (
            "The tariff rate on the $80 billion of Korean goods will climb to 30% from 15% "
            "unless talks succeed.",
            {("KR", 30, "threatened"), ("KR", 15, "other")},
        ),
        (
            "Ottawa put 20% duties on C$12 billion of American goods, going up to 35% in a month.",
            {("US", 20, "imposed"), ("US", 35, "imposed")},
        ),
    ],
)
def test_a_tariff_that_rises_is_no_market_move(text: str, expected: set[Row]) -> None:
    assert set(_rows(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Shares of Korean carmakers climbed to 30% above their March lows.",
        "Korean exports rose to 30% of output from 15% a decade ago, despite tariffs.",
    ],
)
def test_a_market_move_near_a_tariff_word_stays_no_row(text: str) -> None:
    assert _rows(text) == []


def test_a_sum_in_euros_or_pounds_of_goods_keeps_the_target() -> None:
    text = (
        "Brussels imposed 25% duties on €4.1 billion of American products. "
        "London put a 10% levy on £900 million of Chinese goods."
    )
    assert _pairs(text) == {("US", 25), ("CN", 10)}


def test_the_same_change_for_other_goods_keeps_the_countries() -> None:
    text = (
        "Ankara raised tariffs on some Korean imports, lifting the duty on ships to 60% and on "
        "electronics to 45%."
    )
    assert _pairs(text) == {("KR", 60), ("KR", 45)}


def test_the_target_named_again_between_two_rates_still_carries() -> None:
    text = "The 12% tariff on Korean goods took effect in May, and was raised to 24% in June."
    assert _pairs(text) == {("KR", 12), ("KR", 24)}


# --- round 3: changes told new rate first, halving, and lists of goods with brands ------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Seoul lifted the duty on $9 billion worth of Japanese imports to 18 percent from "
            "8 percent.",
            {("JP", 18, "imposed"), ("JP", 8, "other")},
        ),
        (
            "Under the truce, Washington will halve the 20% tariff on $40 billion of Korean "
            "goods to 10%.",
            {("KR", 10, "agreed"), ("KR", 20, "other")},
        ),
    ],
)
def test_the_earlier_rate_of_a_change(text: str, expected: set[Row]) -> None:
    assert set(_rows(text)) == expected


def test_a_list_of_goods_with_brands_reaches_their_origin() -> None:
    text = (
        "Ottawa put 15% duties on Zamboni machines, maple syrup, canoes and boats made in the "
        "United States."
    )
    assert _pairs(text) == {("US", 15)}


def test_a_list_of_goods_without_an_origin_gives_no_row() -> None:
    text = "Ottawa put 15% duties on Zamboni machines, maple syrup, canoes and boats."
    assert _pairs(text) == set()


# --- round 3: removed rates, makers as goods, wording after a new-first change -----------------


@pytest.mark.parametrize(
    "text",
    [
        "Ottawa dropped its 20% counter-tariffs on American goods on Monday.",
        "Ottawa removed the 20% levy on American goods after the talks.",
        "Ottawa has rescinded its 20% duties on American goods.",
    ],
)
def test_a_removed_rate_is_superseded(text: str) -> None:
    assert _rows(text) == [("US", 20, "other")]


def test_a_rate_lifted_to_a_new_level_is_a_change_not_a_removal() -> None:
    text = "Ottawa lifted its 20% duties on American goods to 30% on Monday."
    assert set(_rows(text)) == {("US", 20, "other"), ("US", 30, "imposed")}


def test_makers_of_a_country_face_its_rate() -> None:
    text = "Korean carmakers, which face a 15% tariff, trimmed their forecasts by 10%."
    assert _pairs(text) == {("KR", 15)}


def test_wording_after_a_new_first_change_is_the_changes() -> None:
    text = "Duties on Korean goods were cut to 12% from 40% under the truce."
    assert set(_rows(text)) == {("KR", 12, "agreed"), ("KR", 40, "other")}


@pytest.mark.parametrize(
    ("first", "status"),
    [
        ("Seoul and Washington signed a trade agreement on Friday.", "agreed"),
        ("The president signed an executive order on Friday.", "imposed"),
        ("The president spoke to reporters on Friday.", "threatened"),
    ],
)
def test_under_it_refers_to_the_act_the_sentence_before_named(first: str, status: str) -> None:
    text = f"{first} Under it, most Korean goods will face a 15% tariff."
    assert _rows(text) == [("KR", 15, status)]


def test_under_that_with_a_noun_names_its_own_act() -> None:
    text = (
        "Seoul and Washington signed a trade agreement that sets a 15% tariff on Korean goods. "
        "Under that old plan, Korean goods were subject to a 25% tariff."
    )
    assert _rows(text) == [("KR", 15, "agreed"), ("KR", 25, "other")]


# --- round 3: rates listed "respectively" ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru and Chile will face tariffs of 30% and 20%, respectively, from next month.",
            {("PE", 30, "threatened"), ("CL", 20, "threatened")},
        ),
        (
            "Exporters in Peru, Chile and Bolivia now pay tariff rates of 30%, 20% and 15% "
            "respectively.",
            {("PE", 30, "imposed"), ("CL", 20, "imposed"), ("BO", 15, "imposed")},
        ),
    ],
)
def test_rates_listed_respectively_go_one_to_each_country(text: str, expected: set[Row]) -> None:
    assert set(_rows(text)) == expected


def test_respectively_with_unequal_lists_keeps_every_pair() -> None:
    text = "Peru and Chile will face tariffs of 30%, 20% and 10%, respectively."
    assert len(_pairs(text)) == 6


def test_an_offer_to_change_a_rate_is_a_proposal() -> None:
    text = "Lima offered on Monday to cut its tariffs on American wheat to 4%."
    assert _rows(text) == [("US", 4, "proposed")]


def test_a_numbered_list_after_a_sentence_without_rates() -> None:
    text = (
        "New duties take shape\n\n"
        "The president signed the executive order on Thursday.\n\n"
        "1. Peru — 25%\n2. Chile — 10%\n3. Bolivia — 20%"
    )
    assert _rows(text) == [("PE", 25, "imposed"), ("CL", 10, "imposed"), ("BO", 20, "imposed")]


def test_a_numbered_list_item_is_one_sentence() -> None:
    text = "Rates:\n1. Peru — 25%\n 12. Chile — 10%\nIt rose 3. Then it fell."
    parts = [text[start:end] for start, end in split_sentences(text)]
    assert parts == ["Rates:", "1. Peru — 25%", "12. Chile — 10%", "It rose 3.", "Then it fell."]


def test_a_change_listed_good_by_good_keeps_the_countries() -> None:
    text = "Ankara raised duties on Korean ships to 60%, steel to 45% and cars to 30%."
    assert _pairs(text) == {("KR", 60), ("KR", 45), ("KR", 30)}

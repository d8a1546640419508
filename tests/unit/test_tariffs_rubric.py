"""Tariff rows by the status rubric of DESIGN.md §8, on the forms real reporting uses.

Every sentence here is written for these tests, in the shapes wire stories, newspapers and
government fact sheets use; none is copied from a story.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tui.core.tariffs import extract_tariffs

PUBLISHED = date(2025, 7, 20)

Row = tuple[str, float, str]


def _rows(text: str, published: date | None = PUBLISHED) -> list[Row]:
    return [(r.country, r.rate_pct, r.status) for r in extract_tariffs(text, published)]


def _full(text: str) -> list[tuple[Any, ...]]:
    return [
        (r.country, r.rate_pct, r.rate_max_pct, r.status, r.effective)
        for r in extract_tariffs(text, PUBLISHED)
    ]


# --- status ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a letter, "will face", "would be taxed", a condition, a deadline
        (
            "In a letter posted on Monday, the president told Kenya its goods would face a 28% "
            "tariff.",
            [("Kenya", 28, "threatened")],
        ),
        (
            "Peru will face a 22% duty unless it reaches an agreement by August 1.",
            [("Peru", 22, "threatened")],
        ),
        ("Ghanaian cocoa would be taxed at 18 per cent.", [("Ghana", 18, "threatened")]),
        (
            "Colombia has until Friday's deadline before a 25% tariff hits its flowers.",
            [("Colombia", 25, "threatened")],
        ),
        # postponed and paused rates are threatened again
        (
            "The 50% tariff on EU goods was postponed until July 9.",
            [("European Union", 50, "threatened")],
        ),
        (
            "The White House paused the 34% levy on Chinese goods for 90 days.",
            [("China", 34, "threatened")],
        ),
        # an order, a proclamation: imposed, even before the date it applies from
        (
            "An executive order signed on Thursday sets a 41% tariff on Syrian goods.",
            [("Syria", 41, "imposed")],
        ),
        (
            "The proclamation raises the duty on Canadian goods to 35 per cent.",
            [("Canada", 35, "imposed")],
        ),
        (
            "Under the order, Laos will face a 40% tariff from next week.",
            [("Laos", 40, "imposed")],
        ),
        ("The 25% tariff on Mexican trucks took effect on Tuesday.", [("Mexico", 25, "imposed")]),
        ("A 15% levy on Norwegian salmon is now in force.", [("Norway", 15, "imposed")]),
        (
            "Customs has collected a 10% duty on Australian beef since April.",
            [("Australia", 10, "imposed")],
        ),
        (
            "Washington imposed a 20% tariff on Malaysian rubber gloves.",
            [("Malaysia", 20, "imposed")],
        ),
        # deals and frameworks
        ("Under the deal, Indonesian goods will pay a 19% tariff.", [("Indonesia", 19, "agreed")]),
        (
            "The Philippines agreed to a 19% tariff after a White House visit.",
            [("Philippines", 19, "agreed")],
        ),
        (
            "The framework caps the tariff on Korean cars at 15 per cent.",
            [("South Korea", 15, "agreed")],
        ),
        # floated, suggested, under consideration, "could"
        ("The commission floated a 12% levy on Turkish steel.", [("Turkey", 12, "proposed")]),
        ("Brazil could face a 10% tariff, an aide said.", [("Brazil", 10, "proposed")]),
        (
            "Lawmakers are considering a 35 per cent duty on Russian fertiliser.",
            [("Russia", 35, "proposed")],
        ),
        # superseded rates
        (
            "Swiss goods now face a 39% tariff, up from 31%.",
            [("Switzerland", 39, "imposed"), ("Switzerland", 31, "other")],
        ),
        (
            "The previous 34% tariff on Chinese goods no longer applies.",
            [("China", 34, "other")],
        ),
        (
            "Under the new deal, Japan will pay a 15% tariff rather than the 25% threatened in "
            "July.",
            [("Japan", 15, "agreed"), ("Japan", 25, "other")],
        ),
    ],
)
def test_status_by_the_rubric(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_a_deal_that_cuts_a_threatened_rate_gives_agreed_and_other() -> None:
    text = (
        "Thailand struck a trade deal on Tuesday that cuts the tariff on its goods from the "
        "threatened 36% to 19%."
    )
    assert sorted(_rows(text)) == [("Thailand", 19, "agreed"), ("Thailand", 36, "other")]


def test_the_rate_a_country_once_faced_is_other() -> None:
    text = (
        "Lesotho, once threatened with a 50 per cent tariff, now faces 15%, the order says. "
        "Cambodia, which had faced a 49% levy, will pay 19% under its agreement."
    )
    assert _rows(text) == [
        ("Lesotho", 50, "other"),
        ("Lesotho", 15, "imposed"),
        ("Cambodia", 49, "other"),
        ("Cambodia", 19, "agreed"),
    ]


def test_a_rate_stated_as_a_fact_is_imposed() -> None:
    assert _rows("The tariff on Peruvian grapes is 10 per cent.") == [("Peru", 10, "imposed")]


# --- document context ----------------------------------------------------------------------------

FACT_SHEET = """Fact sheet: the President adjusts reciprocal tariff rates
The order sets the following rates, effective August 7:
- Vietnam: 20%
- Cambodia: 19%
- Switzerland: 39%
- Laos: 40%
Goods from every other country will face the 10% baseline tariff.
"""


def test_a_fact_sheet_list_is_imposed_with_the_lead_date() -> None:
    assert _full(FACT_SHEET) == [
        ("Vietnam", 20, None, "imposed", date(2025, 8, 7)),
        ("Cambodia", 19, None, "imposed", date(2025, 8, 7)),
        ("Switzerland", 39, None, "imposed", date(2025, 8, 7)),
        ("Laos", 40, None, "imposed", date(2025, 8, 7)),
    ]


LETTER_LINES = """Seven more countries get tariff letters
The letters, posted on Wednesday, set out what each will pay from August 1.
Algeria — 30%
Brunei — 25%
Moldova: 25 percent
The Philippines: twenty per cent
"""


def test_a_letter_list_is_threatened() -> None:
    assert _full(LETTER_LINES) == [
        ("Algeria", 30, None, "threatened", date(2025, 8, 1)),
        ("Brunei", 25, None, "threatened", date(2025, 8, 1)),
        ("Moldova", 25, None, "threatened", date(2025, 8, 1)),
        ("Philippines", 20, None, "threatened", date(2025, 8, 1)),
    ]


def test_an_order_makes_will_face_imposed_but_a_stated_threat_stays_threatened() -> None:
    text = (
        "President signs order resetting tariffs on dozens of trading partners\n"
        "Canadian goods will face a 35% tariff from Friday. Brazil was separately threatened "
        "with a 50% levy."
    )
    assert _rows(text) == [("Canada", 35, "imposed"), ("Brazil", 50, "threatened")]


MARKDOWN_TABLE = """New tariff rates after the order
| Country | April rate | New rate |
|---|---|---|
| Vietnam | 46% | 20% |
| Thailand | 36% | 19% |
| European Union | 20% | 15% |

Officials said the rates apply from August 7.
"""


def test_a_markdown_table_with_old_and_new_columns() -> None:
    assert _rows(MARKDOWN_TABLE) == [
        ("Vietnam", 46, "other"),
        ("Vietnam", 20, "imposed"),
        ("Thailand", 36, "other"),
        ("Thailand", 19, "imposed"),
        ("European Union", 20, "other"),
        ("European Union", 15, "imposed"),
    ]


def test_a_markdown_table_of_one_rate_column_and_its_evidence() -> None:
    text = "The tariffs at a glance:\n| Country | Tariff |\n|:--|--:|\n| Chile | 10% |\n"
    rows = extract_tariffs(text, PUBLISHED)
    assert [(r.country, r.rate_pct, r.status) for r in rows] == [("Chile", 10, "imposed")]
    assert rows[0].evidence == "| Chile | 10% |"


def test_a_table_of_other_figures_gives_no_rows() -> None:
    text = (
        "Tariffs weigh on growth forecasts.\n\n| Country | GDP growth |\n|---|---|\n"
        "| Germany | 0.3% |\n| Japan | 1.1% |\n"
    )
    assert _rows(text) == []


@pytest.mark.parametrize(
    "item",
    ["- Vietnam: 20%", "* Vietnam — 20%", "1. Vietnam 20%", "Vietnam: 20 percent", "Vietnam — 20%"],
)
def test_list_item_shapes(item: str) -> None:
    text = f"The tariff letters set these rates:\n{item}\n"
    assert _rows(text) == [("Vietnam", 20, "threatened")]


def test_a_list_ends_at_the_next_paragraph() -> None:
    text = (
        "Rates set by the tariff order:\n- Laos: 40%\n"
        "Analysts were surprised.\n\nThe weather was fine.\nChile: 10%\n"
    )
    assert _rows(text) == [("Laos", 40, "imposed")]


# --- "additional" and the total --------------------------------------------------------------


def test_an_additional_rate_and_the_total_are_two_rows_of_the_same_status() -> None:
    # Decision: both rows carry the status of the act that adds the rate (an additional 10%
    # threatened makes a threatened total; one an order imposes, an imposed total).
    assert _rows(
        "China will face an additional 10% tariff next month, bringing the total to 20%."
    ) == [("China", 10, "threatened"), ("China", 20, "threatened")]
    assert _rows(
        "Brazilian goods will face an additional 40% duty, taking the total to 50%, the order said."
    ) == [("Brazil", 40, "imposed"), ("Brazil", 50, "imposed")]


# --- deals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vietnam agreed to a 20% tariff on its exports.", [("Vietnam", 20, "agreed")]),
        ("Jakarta will pay a 19% tariff under the trade deal.", [("Indonesia", 19, "agreed")]),
        (
            "The agreement cut the tariff on Japanese cars from 27.5% to 15%.",
            [("Japan", 27.5, "other"), ("Japan", 15, "agreed")],
        ),
        (
            "Under the pact, the levy on British beef was cut from 30 per cent in April to 10 "
            "per cent.",
            [("United Kingdom", 30, "other"), ("United Kingdom", 10, "agreed")],
        ),
    ],
)
def test_deal_sentences(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_a_range_from_to_stays_a_range() -> None:
    rows = _full("Tariffs ranging from 10% to 41% will hit Asian exporters, including Laos.")
    assert rows == [] or all(r[2] is not None for r in rows)
    assert _full("Laos faces a tariff ranging from 10% to 41%.") == [
        ("Laos", 10, 41, "imposed", None)
    ]


# --- the rate before the country -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "rate"),
    [
        ("A 46% levy on Vietnamese goods was announced in April.", "Vietnam", 46),
        ("A 10% tariff on goods from Chile applies from Monday.", "Chile", 10),
        ("A 25% duty on imports from South Korea hit carmakers.", "South Korea", 25),
        ("The 17% tariff on tomatoes grown in Mexico is in force.", "Mexico", 17),
        ("Officials set a 30 per cent duty against Indian shrimp.", "India", 30),
    ],
)
def test_the_rate_before_the_country(text: str, country: str, rate: float) -> None:
    assert [(r[0], r[1]) for r in _rows(text)] == [(country, rate)]


# --- rates in words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("Malaysia will face a tariff of twenty-five percent.", 25),
        ("Malaysia will face a 10 percent tariff.", 10),
        ("Malaysia will face a fifteen per cent tariff.", 15),
        ("Malaysia will face a Thirty Per Cent tariff.", 30),
        ("Malaysia will face a tariff of forty five percent.", 45),
        ("Malaysia will face a one hundred percent tariff.", 100),
    ],
)
def test_rates_in_words(text: str, rate: float) -> None:
    assert _rows(text) == [("Malaysia", rate, "threatened")]


def test_number_words_without_a_unit_are_not_rates() -> None:
    assert _rows("Twenty-five countries face a tariff on Malaysian goods.") == []


# --- capitals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Tokyo will face a 25% tariff from August 1.", "Japan"),
        ("Ottawa now faces a 35% tariff on goods outside the pact.", "Canada"),
        ("Trump raised tariffs on Beijing to 54%.", "China"),
        ("Seoul accepted a 15% tariff under the framework.", "South Korea"),
    ],
)
def test_a_capital_as_the_target(text: str, country: str) -> None:
    assert [r[0] for r in _rows(text)] == [country]


@pytest.mark.parametrize(
    "text",
    [
        "Negotiators held talks in Brussels on the 30% tariff threat.",
        "Officials in Tokyo said a 25% tariff on steel was likely.",
        "At a briefing in Ottawa, the minister called the 35% tariff unjustified.",
        "Washington imposed a 10% tariff on all imports.",
    ],
)
def test_a_capital_as_a_place_or_the_imposer_gives_no_row(text: str) -> None:
    assert _rows(text) == []


# --- pronouns across sentences --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vietnam signed a trade deal on Wednesday. It will pay a 20% tariff on most goods.",
            [("Vietnam", 20, "agreed")],
        ),
        (
            "On Monday, Switzerland received its letter. The country will face a 39% tariff.",
            [("Switzerland", 39, "threatened")],
        ),
        (
            "Ecuador was not named in the order. Its goods still face the 10% tariff.",
            [("Ecuador", 10, "imposed")],
        ),
        (
            "Tokyo ratified the agreement. Its cars will pay a 15% tariff from September.",
            [("Japan", 15, "agreed")],
        ),
    ],
)
def test_pronouns_across_sentences(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


# --- the EU and its members -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "EU goods will face a 15% tariff under the framework.",
            [("European Union", 15, "agreed")],
        ),
        (
            "The 27-member bloc will face a 30% tariff if talks fail.",
            [("European Union", 30, "threatened")],
        ),
        (
            "Talks with the European Union dragged on. Goods from the bloc face a 20% tariff.",
            [("European Union", 20, "imposed")],
        ),
        (
            "The EU, including France and Spain, faces a 15% tariff under the deal.",
            [("European Union", 15, "agreed")],
        ),
        (
            "European countries such as Germany and Italy will pay a 15% tariff under the deal.",
            [("European Union", 15, "agreed")],
        ),
        (
            "The EU faces a 15% tariff under the deal, while Ireland, singled out over its drug "
            "exports, would face 25%.",
            [("European Union", 15, "agreed"), ("Ireland", 25, "threatened")],
        ),
        (
            "Germany and France will each face a 20% tariff, the order said.",
            [("Germany", 20, "imposed"), ("France", 20, "imposed")],
        ),
    ],
)
def test_the_eu_and_its_members(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_the_bloc_is_not_the_eu_when_another_bloc_was_named_last() -> None:
    text = (
        "ASEAN ministers met in Kuala Lumpur on Thursday. Members of the bloc face tariffs of "
        "up to 40% from August 1."
    )
    assert _rows(text) == []


def test_the_eu_and_the_us_agreeing_gives_the_eu_row_only() -> None:
    text = "The EU and the US agreed a framework that sets a 15% tariff on most goods."
    assert _rows(text) == [("European Union", 15, "agreed")]


# --- no row --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # sector-only tariffs
        "A 25% tariff on steel took effect on Monday.",
        "The US put a 50% tariff on copper.",
        "Pharmaceuticals could face a 200% levy next year.",
        # universal baselines
        "A 10% baseline tariff applies to all imports.",
        "The US set a 10% baseline on all imports.",
        "Every trading partner faces a 10 per cent minimum tariff.",
        # the imposer
        "Washington imposed a 25% tariff on foreign cars.",
        "The US will raise its tariff on steel to 50%.",
        "US tariffs of 10% apply to most goods.",
        "The United States slapped a 25 per cent duty on imported trucks.",
        "America's average tariff rate is now about 17 per cent.",
        # statistics
        "Exports to the US make up 30 percent of Vietnam's output, exposing it to tariffs.",
        "Chinese exports grew 7 per cent despite the tariffs.",
        "Tariffs cut Japan's car exports by 12%.",
        "Some 30 percent of Mexico's exports face the new tariff.",
        "Canada's share of US steel imports is 25%, tariffs notwithstanding.",
        "Shares in Korean shipbuilders jumped 6% after the tariff deal.",
    ],
)
def test_no_row(text: str) -> None:
    assert _rows(text) == []


# --- more shapes from the 2018-2019 trade war and 2025 ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The US imposed 25% tariffs on $34 billion of Chinese goods on Friday.",
            [("China", 25, "imposed")],
        ),
        (
            "Beijing said it would impose tariffs of 5% to 10% on $60 billion of US goods.",
            [("United States", 5, "threatened")],
        ),
        (
            "Trump threatened to raise tariffs on $200 billion of Chinese goods to 25% from 10%.",
            [("China", 25, "threatened"), ("China", 10, "other")],
        ),
        (
            "Trump doubled tariffs on Turkish steel and aluminum to 50% and 20%.",
            [("Turkey", 50, "imposed"), ("Turkey", 20, "imposed")],
        ),
        (
            "Higher tariff rates hit about 60 nations, including 34% on China, 20% on the EU "
            "and 46% on Vietnam, under the order.",
            [
                ("China", 34, "imposed"),
                ("European Union", 20, "imposed"),
                ("Vietnam", 46, "imposed"),
            ],
        ),
        (
            "China will face a 34% reciprocal tariff, on top of the 20% already in place.",
            [("China", 34, "threatened"), ("China", 20, "imposed")],
        ),
        (
            "Both sides agreed to lower tariffs for 90 days: US tariffs on Chinese goods drop to "
            "30% from 145%, while Chinese tariffs on US goods fall to 10% from 125%.",
            [
                ("China", 30, "agreed"),
                ("China", 145, "other"),
                ("United States", 10, "agreed"),
                ("United States", 125, "other"),
            ],
        ),
        (
            "Trump to impose 30% tariffs on EU, Mexico",
            [("European Union", 30, "threatened"), ("Mexico", 30, "threatened")],
        ),
        ("Trump's 50% tariff on Brazil takes effect", [("Brazil", 50, "imposed")]),
        (
            "Switzerland, the country hit hardest in Europe, will face a 39% tariff.",
            [("Switzerland", 39, "threatened")],
        ),
        (
            "Japan avoided a 25% tariff by agreeing to a 15% rate.",
            [("Japan", 25, "other"), ("Japan", 15, "agreed")],
        ),
        ("The tariff on Indian goods is 50 pc after the penalty.", [("India", 50, "imposed")]),
        ("Officials imposed a 25-percent tariff on Canadian lumber.", [("Canada", 25, "imposed")]),
        (
            "Canada and Mexico face 25% tariffs, with Canadian energy at 10%.",
            [("Canada", 25, "imposed"), ("Mexico", 25, "imposed"), ("Canada", 10, "imposed")],
        ),
        (
            "Trump said tariffs on Indian goods would double to 50%.",
            [("India", 50, "threatened")],
        ),
        ("Korea faces a 25% tariff on its cars.", [("South Korea", 25, "imposed")]),
    ],
)
def test_trade_war_shapes(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mexico and Canada were exempted from the 25% steel tariffs.",
        "India raised tariffs on 28 US products, including almonds, by up to 120%.",
        "Trump said he would impose a 10% tariff on any country aligning with BRICS.",
        "Chinese exporters cut prices by 8% to absorb the tariff.",
    ],
)
def test_no_row_for_exemptions_changes_and_groups(text: str) -> None:
    assert _rows(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "once" as a conjunction does not mark a rate superseded
        (
            "Once the 25% tariff on Mexican goods takes effect, prices will climb.",
            [("Mexico", 25, "imposed")],
        ),
        # a deal not made is no deal
        (
            "India, which has not reached a deal, faces a 25% tariff.",
            [("India", 25, "imposed")],
        ),
        # a condition other than a deal
        ("Japan could face a 25% tariff if talks fail.", [("Japan", 25, "threatened")]),
        # a rate that stays
        (
            "The 10% tariff on British goods will remain in place.",
            [("United Kingdom", 10, "imposed")],
        ),
        # past perfect without a later rate: still in force
        (
            "Canada had imposed a 25% counter-tariff on US steel in March.",
            [("United States", 25, "imposed")],
        ),
        # no wording, but a start after the report: announced for the future
        (
            "The tariff on Brazilian coffee is 50% from August 1.",
            [("Brazil", 50, "threatened")],
        ),
        ("The tariff on Brazilian coffee is 50% since July 1.", [("Brazil", 50, "imposed")]),
    ],
)
def test_status_edge_cases(text: str, expected: list[Row]) -> None:
    assert _rows(text) == expected


def test_rates_from_to_without_a_change_are_a_range() -> None:
    assert _full("The order sets tariff rates from 10% to 50% on goods from Laos.") == [
        ("Laos", 10, 50, "imposed", None)
    ]

"""Round 6 of issue 13, recall: general forms behind the fourth blind set's misses, by category.

Each test states one category of `tests/fixtures/tariffs/blind4/ROUND6_RECALL.md` with sentences
written for it (in the shapes news and official notices use, none taken from a story), with
controls that must keep their old reading beside the new ones. The round is about recall: the
cases assert the (country, rate) pairs, not the status (a status round runs beside this one).
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import PUBLISHED
from tests.tariff_rows import pairs as _pairs
from tui.core.tariffs import extract_tariffs

# --- T1: "the tariffs" of a sentence before, which named whose goods they are on ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Washington will put duties on copper and nickel imports from Chile, Peru and the "
            "Philippines. The duties of 30 percent on copper and 15 percent on nickel start on "
            "Monday, officials said.",
            {("CL", 30), ("PE", 30), ("PH", 30), ("CL", 15), ("PE", 15), ("PH", 15)},
        ),
        (
            "Tariffs on Chinese and Indian goods rose again.\nAnkara said it would slap "
            "retaliatory tariffs on goods from the United States. The "
            "trade minister said the new tariffs range from 20 to 60 percent.",
            {("US", 20)},
        ),
        (
            "Tariffs on Chinese and Indian goods rose again.\nOttawa is putting levies on "
            "Japanese steel, it said. These levies of 12% apply from June.",
            {("JP", 12)},
        ),
    ],
)
def test_the_tariffs_a_sentence_before_named(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the sentence before gave a rate of its own: its countries go no further
        "Canada put a 10% tariff on US beef. The tariffs of 25 percent on steel start later.",
        # no definite reference: a rate of its own, on nobody named
        "Mexico will face tariffs on tomatoes. A 25 percent tariff on steel starts in May.",
        # a country in the rate's own clause wins
        "The EU put duties on US jeans. The duties of 25% on Brazilian sugar stay.",
    ],
)
def test_no_tariffs_carried_without_a_reference(text: str) -> None:
    found = _pairs(text)
    assert ("US", 25) not in found and ("MX", 25) not in found


# --- T2: goods phrases the rules did not read to their country ----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the goods' origin after their destination
        (
            "The senator wants a 30% tariff on every truck imported into the US from Mexico.",
            {("MX", 30)},
        ),
        (
            "He promised a 20 percent duty on any bicycle that comes into the United States from "
            "Taiwan.",
            {("TW", 20)},
        ),
        # a modal before the verb that applies the rate to its goods
        ("Under the pact, 12 percent US tariffs would apply to most Korean imports.", {("KR", 12)}),
        ("Canada said the 25% tariffs would apply to US steel only.", {("US", 25)}),
        # a finite verb that says which goods the tariffs cover
        (
            "The planned 20 percent tariffs cover some $40 billion in further products, nearly all "
            "imports from Vietnam.",
            {("VN", 20)},
        ),
        # a member of a list named as the EU's member countries
        (
            "Duties on chairs from Norway and member countries of the European Union would not "
            "exceed 12%.",
            {("NO", 12), ("EU", 12)},
        ),
    ],
)
def test_goods_phrases_read_to_their_country(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a destination alone is still no target
        ("The senator wants a 30% tariff on every truck imported into the US.", set()),
        ("A 25% tariff on goods shipped to Mexico from the port starts in May.", set()),
        # tariffs that cover goods named with no country
        ("The new 15 percent tariffs cover furniture and toys.", set()),
    ],
)
def test_destinations_and_plain_goods_keep_their_reading(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


# --- T3: a country's goods before the rate, past an aside or in the clause before ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # goods with a determiner open the sentence, and an aside stands before their verb
        (
            "Other US goods, from shoes to coffee to orange juice, will face a 40 percent tariff "
            "at the Brazilian border, as steel does.",
            {("US", 40)},
        ),
        # the goods of the first change, then a second change of the same tariffs
        (
            "Beijing said it will raise tariffs on $20 billion worth of US products and increase "
            "duty levels to 30 percent from the current 5 percent.",
            {("US", 30), ("US", 5)},
        ),
    ],
)
def test_goods_named_before_the_rate(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the country that imposes, not goods: still no target
        (
            "The United States will raise tariffs again and increase duty levels to 30 percent.",
            set(),
        ),
        # a country named without goods before an imposing verb
        ("Beijing said the US will raise tariffs to 30 percent from 5 percent.", set()),
    ],
)
def test_imposers_before_a_change_keep_their_reading(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


# --- T4: the parties of a deal named as one subject, the United States one of them --------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Last month, Norway and the US signed a memorandum to cut the extra tariffs from 35% "
            "to 15%.",
            {("NO", 35), ("NO", 15)},
        ),
        (
            "On Friday, the United States and Chile agreed a plan to lower the duties to 10%.",
            {("CL", 10)},
        ),
    ],
)
def test_the_other_party_of_a_pair_with_the_us(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # two parties without the United States: no guess which one's goods
        "On Friday, India and Chile agreed a plan to lower the duties to 10%.",
        # the US alone as the one that acts
        "On Friday, the US agreed a plan to lower the duties to 10%.",
    ],
)
def test_pairs_without_the_us_and_lone_imposers_give_no_row(text: str) -> None:
    assert _pairs(text) == set()


# --- T5: forms of the rate and the sentence -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range whose low end is written in words
        (
            "Ankara hit $2 billion of US goods with new tariffs ranging from ten to 40 percent.",
            {("US", 10)},
        ),
        # a full stop that lost its space: two sentences, the pronoun is the first one's subject
        (
            "Vietnam signed a trade deal with Washington on Friday.The country will pay a 20% "
            "tariff on most goods.",
            {("VN", 20)},
        ),
    ],
)
def test_forms_of_the_rate_and_the_sentence(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


def test_a_range_from_a_word_keeps_both_ends() -> None:
    rows = extract_tariffs(
        "Ankara hit US goods with new tariffs ranging from ten to 40 percent.", PUBLISHED
    )
    assert [(r.iso, r.rate_pct, r.rate_max_pct) for r in rows] == [("US", 10, 40)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word that only ends in a number word is no rate
        ("Someone to 25 percent of voters backed the US tariffs on steel.", set()),
        # abbreviations and initials glued to a word stay one sentence
        ("The U.S.Trade Representative set a 15% tariff on Thai rice.", {("TH", 15)}),
    ],
)
def test_look_alikes_of_those_forms(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


# --- F: false positives of the same set: imposers, shares of value, long statistics ------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country that cuts another country's rate is its imposer, not its target
        ("US Will Cut Vietnam Tariff Rate to 20% Under Deal", set()),
        ("Washington will cut Thailand's tariff rate to 19%.", {("TH", 19)}),
        # the country that will remove its own rate is not its target
        ("Canada also intends to eliminate 25% tariffs on steel and aluminum.", set()),
        ("Mexico will remove 10% duties on US corn.", {("US", 10)}),
        # a share of a good's value named by a country
        (
            "If customs finds that US content was overstated, the full 25 percent tariff applies.",
            set(),
        ),
        # an average whose name is long
        (
            "The US average applied Most Favored Nation (MFN) tariff on Japanese farm goods is 8%.",
            set(),
        ),
        # ... while a rate on a named country's goods stays
        ("The tariff on Brazilian ethanol is 18%.", {("BR", 18)}),
    ],
)
def test_imposers_shares_and_statistics_give_no_row(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected

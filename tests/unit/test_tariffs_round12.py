"""Round 12 of issue 13: a mechanism, not a wording. The largest stage of the misses of sets 8,
10 and 11 is a rate read as a tariff that no rule ties to a country (``Reading.untargeted``),
because words of ever-new shapes stand between the rate and its target. Round 12 adds a last
resort that runs after every other rule, for such rates only: the one country the rate's clause
names after it in no other role, or, when the clause names none after it, the one country whose
goods a tariff earlier in the clause taxes (tests/fixtures/tariffs/blind11/ROUND12.md).

Sentences written for the round in the shapes news uses (none taken from a story). The controls
keep untargeted what must stay so: the imposer, a partner after "with", a place, the country
that speaks, a group of countries, a baseline, a statistic, a sector rate with no country, a
country of another measure or of a subordinate clause.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import pairs, statuses

# --- the one country the clause names after the rate ----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The surcharge adds to older duties, among them the 22% countervailing levy that "
            "shipments from Ecuador already pay, a trade ministry note said.",
            {("EC", 22.0): "imposed"},
        ),
        (
            "Importers must also account for the 15% tariff Peru is already charged.",
            {("PE", 15.0): "imposed"},
        ),
        (
            "Ottawa imposed a 60 per cent duty, payable as a cash deposit at the border, on all "
            "Malaysian palm oil shipments from next month.",
            {("MY", 60.0): "imposed"},
        ),
        (
            "Basic tariffs of 10% are applied to nearly all remaining Kenyan goods.",
            {("KE", 10.0): "imposed"},
        ),
    ],
)
def test_the_one_country_named_after_the_rate(text: str, expected: dict) -> None:
    assert statuses(text) == expected


# --- the one country whose goods a tariff earlier in the clause taxes ------------------------


def test_a_rate_added_to_a_tariff_on_one_countrys_goods() -> None:
    text = (
        "The government has levied $2 billion in retaliatory tariffs on Argentine wheat and flour "
        "products including bakery mixes and pasta, as well as a 12 per cent surtax on a long "
        "list of dairy goods."
    )
    assert ("AR", 12.0) in pairs(text)


# --- controls: no country, or not this one --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # the place where goods are made or go
        "Officials said a 30% tariff would apply to trucks not assembled in the United States.",
        "He added that at least 12% tariffs would be charged on nearly all goods coming to Mexico.",
        # the partner after "with"
        "The president ordered a 20% tariff on any firm trading with Venezuela.",
        # the country that speaks
        "Imports will face a 95 percent anti-dumping duty, Peru's Ministry of Production said.",
        # a group of countries
        "The minister said he would apply a 15% import tax from March to goods from six Asian "
        "nations.",
        # a country of a subordinate clause with a subject of its own
        "Washington Cuts Tariffs to 12% as Sharif Vows to End Iranian Gas Imports",
        # a sector rate with no country
        "A 40 percent tariff will be levied on imported solar panels in the first year.",
    ],
)
def test_no_country_is_guessed(text: str) -> None:
    assert pairs(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        # the imposer acts on the rate: the goods' country is not restated after it
        "If either partner raises duties on Chilean goods in reply, Chile will add the increase "
        "to the 20 percent rate.",
        # a baseline for everyone, with one country named after it
        "Officials said a universal 10% tariff would follow the talks, among them Norway's.",
        # a statistic
        "The average tariff of 14% on imports from Vietnam is the highest in a decade.",
    ],
)
def test_controls_stay_untargeted(text: str) -> None:
    assert pairs(text) == set()

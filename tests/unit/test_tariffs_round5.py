"""Round 5 of issue 13: general forms behind the third blind set's misses, by category.

Each test states one category of `tests/fixtures/tariffs/blind3/ROUND5.md` with sentences written
for it (in the shapes news and official notices use, none taken from a story), with controls that
must keep their old reading beside the new ones. Round 5 is about recall: where a missed row's
status is not what the case is about, the case asserts the (country, rate) pairs only.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import PUBLISHED
from tests.tariff_rows import pairs as _pairs
from tests.tariff_rows import rows as _rows
from tui.core.tariffs import extract_tariffs

# --- R1: superseded rates of a change the rules read as a range or missed ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pair that runs downwards is a change, whatever the wording before it
        (
            "The new tariff rates are mostly lower. They fall for Peru (from 44% to 30%) and "
            "Chile (from 38% to 25%).",
            {("PE", 44), ("PE", 30), ("CL", 38), ("CL", 25)},
        ),
        (
            "Under the pact the duty on Kenyan tea drops from the previously announced 28% to 12%.",
            {("KE", 28), ("KE", 12)},
        ),
        # a change named as a noun, then the tariff, then the pair, far from its verb
        (
            "Lima announced an increase in the special tariff rate on all Chilean fruit shipped "
            "by sea to its ports from 15 to 45 percent.",
            {("CL", 15), ("CL", 45)},
        ),
        (
            "Most Peruvian shoes will stay subject to a 12% tariff, a decrease from the 30% tariff "
            "set in the spring.",
            {("PE", 12), ("PE", 30)},
        ),
        # the earlier rate named by a relative clause that says whom it was set for
        (
            "The change is a step down from the 33% tariff rate that the White House first set for "
            "Peru.",
            {("PE", 33)},
        ),
    ],
)
def test_superseded_rates_of_a_change(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


def test_a_downward_change_gives_the_earlier_rate_as_superseded() -> None:
    text = "The tariff on Peru is lower now (from 44% to 30%)."
    assert ("PE", 44, "other") in _rows(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a range given from its low end stays a range: one row, the low rate
        ("Tariffs on Peruvian goods will range from 10% to 40%.", {("PE", 10)}),
        ("Chile set duties on Peruvian fruit from 10 to 40 percent.", {("PE", 10)}),
        # a market's fall in brackets is no tariff
        ("Peru's exports fell sharply (from 44% to 30% of output).", set()),
        # a relative clause naming where a rate was set, not for whom
        ("The 20% tariff that Chile set in Lima was welcomed.", set()),
    ],
)
def test_ranges_and_other_pairs_keep_their_reading(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


# --- R2: goods that bear a rate from afar ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Officials said that from October 1, all Peruvian goods arriving at American ports "
            "would be subject to a 30% tariff.",
            {("PE", 30)},
        ),
        (
            "About $3 billion in Chilean products could be subject to new duties of up to 60%, "
            "the trade office said.",
            {("CL", 60)},
        ),
        (
            "Imports of Kenyan flowers, valued at some $400 million a year and shipped mostly by "
            "air, will face a 15 percent tariff.",
            {("KE", 15)},
        ),
    ],
)
def test_goods_that_bear_a_rate_from_afar(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a demonym that names no goods
        "Peruvian officials, who met their counterparts in a long session on Monday, said the "
        "country could be subject to a 30% tariff.",
        # goods whose country is a destination
        "All goods shipped to Chile from the port of Callao over the summer would be subject to "
        "a 30% tariff.",
        # a break between the goods and the rate
        "Chilean wine sold well this year, but the winemakers fear they will face a 30% tariff.",
    ],
)
def test_no_far_goods_without_a_bearer(text: str) -> None:
    assert _pairs(text) == set()


# --- R3: a rate whose imposer is named and whose target the story gives --------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the imposer of a retaliation story raises more rates: its target is the story's
        (
            "Peru has raised tariffs on some US imports, including wheat and corn. Peru will also "
            "raise duties to 70 percent on a range of other goods.",
            {("US", 70)},
        ),
        # the possessive of the one retaliating is no target
        (
            "Chile announced retaliatory tariffs against US exports last week. Goods on Chile's "
            "15% tariff retaliation list include nuts and wine.",
            {("US", 15)},
        ),
        # the target named later by the action taken against it
        (
            "Lima also imposed an 80 percent duty on imported pears in its toughest move yet "
            "against the United States.",
            {("US", 80)},
        ),
        # what a story's measure answers names no target of its own
        (
            "Peru slaps tariffs on US wheat in response to Washington's tariffs on Peruvian "
            "copper\n\nThe list also covers barley, which will be hit by a 15 percent tariff.",
            {("US", 15)},
        ),
        # the day a rate was announced between the rate and its goods
        (
            "Peru announced a 35 percent tariff Monday on US products ranging from wheat to nuts.",
            {("US", 35)},
        ),
        # ... nor does the one who answers it with its own tariffs
        (
            "In response to US tariffs on Peruvian copper, Peru imposed duties on US goods. The "
            "duties on wine are 25 percent.",
            {("US", 25)},
        ),
        # "effective" and a date is the date a rate applies from, not a statistic
        (
            "Chile retaliates against US tariffs, imposing duties on US goods\n\nThe tariffs on "
            "frozen pork are 15 percent effective May 3.",
            {("US", 15)},
        ),
    ],
)
def test_the_story_target_of_a_named_imposer(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the imposer is the story's own target: no row for it
        (
            "Washington raised tariffs on Peruvian copper this week. Peru will raise duties to 30 "
            "percent on some goods in return.",
            set(),
        ),
        # a third country that imposes, one the lead does not name, taxes someone else
        (
            "Peru raises tariffs on US wheat\n\nPeru raised tariffs on US wheat on Monday. "
            "Farmers protested. Prices rose. Separately, Kenya will raise duties to 30 percent "
            "on some goods.",
            set(),
        ),
        # "Japan's 15% tariff" is still the rate Japan's goods face
        ("Japan's 15% tariff took effect on Monday.", {("JP", 15)}),
        # a statistic named "effective" stays one
        (
            "Washington raised tariffs on Peruvian copper. The effective tariff rate is now 17 "
            "percent.",
            set(),
        ),
    ],
)
def test_imposers_and_statistics_keep_their_reading(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


# --- R4: an order's rates in sentences that say only "rate" -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The president signed an executive order that amends the annex of reciprocal "
            "tariff rates. It was published on Friday. Officials briefed reporters on it."
            "\n\nMost countries keep their earlier rate. Six countries will pay a rate above 30%, "
            "with the highest designated rates of 45% Peru, 42% Chile and Bolivia, 44% for goods "
            "from Kenya.",
            {("PE", 45), ("CL", 42), ("BO", 42), ("KE", 44)},
        ),
        # a list item: the rate, then the country, in a sentence with a tariff word
        (
            "The letters set tariffs of 31% Peru, 27% Chile and 22% Kenya.",
            {("PE", 31), ("CL", 27), ("KE", 22)},
        ),
    ],
)
def test_an_orders_rates_where_the_sentence_says_only_rate(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "rate" in a story with no order, letter, fact sheet or deal in its lead: no tariff
        (
            "Peru's central bank met on Monday. Its rate for Chile-linked loans rose to 45%.",
            set(),
        ),
        # another kind of rate in an order's text
        (
            "The president signed an executive order that sets new tariff rates. Officials "
            "spoke. Markets were calm. The tax rate of 21% applies to firms in Peru.",
            set(),
        ),
        # an unnamed group's rate in an order's text is no rate of the story's target
        (
            "The executive order raises tariffs on Peruvian copper. Many countries have a "
            "designated rate of 15%.",
            set(),
        ),
        # a country right after a rate that imposes it is no list item
        ("The order sets tariffs of 25% US and EU steel makers called unfair.", set()),
    ],
)
def test_rate_sentences_and_bare_countries_need_their_context(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


# --- R5: the addressees of a letter --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Monday the president sent a letter to Peru, as well as to Chile, setting a "
            "reciprocal tariff rate of 30%.",
            {("PE", 30), ("CL", 30)},
        ),
        (
            "The White House sent letters addressed to Kenya and Ghana that set a tariff rate "
            "of 18%.",
            {("KE", 18), ("GH", 18)},
        ),
    ],
)
def test_the_addressees_of_a_letter_are_its_targets(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


def test_a_letters_rate_is_threatened() -> None:
    text = "The president sent a letter to Peru, as well as to Chile, setting a tariff rate of 30%."
    assert _rows(text) == [("PE", 30, "threatened"), ("CL", 30, "threatened")]


@pytest.mark.parametrize(
    "text",
    [
        # goods sent to a country: a destination, as before
        "Exporters shipped more wine to Peru, as well as to Chile, ahead of a tariff of 30%.",
        # a letter sent by a country is not addressed to it
        "The letter from Peru to the WTO said a tariff rate of 30% was unfair.",
    ],
)
def test_destinations_and_senders_are_no_addressees(text: str) -> None:
    assert _pairs(text) == set()


# --- R6: a rate given in words of a change --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Washington imposed 30% tariffs on Peruvian goods in May. It then halved the 30% rate "
            "for ninety days.",
            {("PE", 30), ("PE", 15)},
        ),
        (
            "Under the deal the two sides agreed to reduce by half the 25 percent extra duty on "
            "Chilean cars, bringing the total to 17.5 percent.",
            {("CL", 25), ("CL", 12.5), ("CL", 17.5)},
        ),
        (
            "Lima tripled the 10% tariff on US wheat.",
            {("US", 10), ("US", 30)},
        ),
    ],
)
def test_a_rate_given_in_words_of_a_change(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


def test_the_rate_a_change_in_words_replaces_is_superseded() -> None:
    text = "Lima cut in half the 40% tariff on US wheat."
    assert ("US", 40, "other") in _rows(text)
    assert ("US", 20) in _pairs(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the number of goods doubled, not a rate
        ("Peru doubled the number of goods under its 20% tariff on US wheat.", {("US", 20)}),
        # a doubled effort, then the rate kept
        (
            "Peru said it would double the pressure, keeping the 30% tariff on Chilean copper.",
            {("CL", 30)},
        ),
    ],
)
def test_changes_of_other_things_give_no_derived_rate(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


# --- R7: single forms: currencies, goods imported from, the headline's imposer, "a 25% US tariff"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a currency names no country; the goods' origin comes later
        (
            "Lima will impose a tariff of 20% on about 3 billion U.S. dollars of goods imported "
            "from Chile.",
            {("CL", 20)},
        ),
        # the imposer's name between the rate and its noun
        ("The order sets a 25% US tariff on Chilean wine.", {("CL", 25)}),
        ("Lima put a 15% Peruvian tariff on US pork.", {("US", 15)}),
        # the headline's imposer is not the story's target while another country is taxed
        (
            "Peru will impose tariffs on some US products\n\nThe US set tariffs of 30% on goods "
            "from Peru. The decision says further goods will be subjected to a 25% tariff.",
            {("PE", 30), ("US", 25)},
        ),
    ],
)
def test_single_forms(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "won" is a verb as often as a currency
        ("Peru won a reprieve, keeping its current 25% tariff rate.", {("PE", 25)}),
        # the bearer before the rate stays its target when the imposer's name follows the rate
        ("Peru faces a 20% US tariff.", {("PE", 20)}),
    ],
)
def test_single_forms_controls(text: str, expected: set[tuple[str, float]]) -> None:
    assert _pairs(text) == expected


# --- R8: the set-2 leftovers of round 4: a rate coordinated after a bearer, "valid for" ---------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Under the terms, Peru will shoulder a 15% tariff on all US exports and a 35% tariff "
            "on goods routed through third countries.",
            {("PE", 15), ("PE", 35)},
        ),
        (
            # since round 12 the 10% is Chile's too: the one country its clause names
            "The duties stay at 10%, half of the previous 20% valid for Chile.",
            {("CL", 10), ("CL", 20)},
        ),
        (
            "A reduced tariff rate of 12% applicable to Kenyan tea takes effect on Monday.",
            {("KE", 12)},
        ),
        ("A 25% tariff applied to Peruvian goods took effect.", {("PE", 25)}),
    ],
)
def test_a_bearers_coordinated_rate_and_valid_for(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # goods sent to a country after "applied to" stay a destination
        ("A 25% tariff applied to wine shipped to Chile took effect.", set()),
        # a second bearer takes its own rate
        ("Peru faces a 20% tariff on steel and Chile a 30% tariff.", {("PE", 20), ("CL", 30)}),
        # a coordinated rate with its own country after it keeps that country
        (
            "Peru will shoulder a 15% tariff on US exports and a 35% tariff on Chilean wine.",
            {("PE", 15), ("CL", 35)},
        ),
    ],
)
def test_coordinated_rates_with_their_own_countries(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


# --- R9: a country's sellers and the rate their sales face -----------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The pact allows Peruvian fruit growers to ship up to 80,000 tonnes a year into the "
            "US at a reduced 8% tariff rate, down from the 22.5% they paid before.",
            {("PE", 8), ("PE", 22.5)},
        ),
        (
            "The quota lets Chile car makers sell 50,000 vehicles a year to the EU at a 12% "
            "tariff.",
            {("CL", 12)},
        ),
    ],
)
def test_a_countrys_sellers_and_the_rate_their_sales_face(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # sellers of no named country
        "The pact allows fruit growers to ship up to 80,000 tonnes a year into Peru at an 8% "
        "tariff rate.",
        # buyers, not sellers
        "The pact lets Peruvian companies buy up to 80,000 tonnes of wheat from farmers in the "
        "region, who pay an 8% tariff rate.",
    ],
)
def test_no_sellers_no_far_target(text: str) -> None:
    assert _pairs(text) == set()


def test_a_rate_of_nothing_is_no_row() -> None:
    """An absent tariff is not a rate (blind/README.md); the new rate beside it is one."""
    assert _pairs("Washington will raise tariffs on soybeans from Egypt to 10% from 0%.") == {
        ("EG", 10)
    }
    ranged = extract_tariffs("China will charge tariffs of 0-10% on Canadian canola.", PUBLISHED)
    assert [(r.iso, r.rate_pct, r.rate_max_pct) for r in ranged] == [("CA", 0.0, 10.0)]

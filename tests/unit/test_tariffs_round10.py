"""Round 10 of issue 13: two causes that repeat across the spent sets
(tests/fixtures/tariffs/blind9/ERRORS.md).

Sentences written for the round in the shapes news uses (none taken from a story):

- a government other than the United States that decides a rate on another country's goods,
  worded only in the future tense or from a later date ("surtaxes of 20% will apply to US
  steel"), has imposed it: sets 6, 8 and 9 read such decisions as imposed, the rules read a
  threat (17 status errors over the three sets);
- words between a rate and its target: a start date between "apply" and "to", a relative
  clause with a name and no "that", "currently applied to", and the same tariff's later step
  ("rising to 25% in June") after its list of countries.

The controls keep threats a threat (a head of government's "would", a condition, a suspension,
the United States' own announcement), a deal's future-tense terms agreed, and a later step
that another country's name separates from the list.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import statuses

# --- a government's decision, in the future tense ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ottawa published its countermeasures on Tuesday. The finance department said "
            "surtaxes of 20% will apply on US steel coils and wire.",
            {("US", 20.0): "imposed"},
        ),
        (
            "Chile's economy ministry said a provisional levy of 12% will be levied on "
            "Argentine wine.",
            {("AR", 12.0): "imposed"},
        ),
        (
            "The tariff commission in Beijing said the extra duties of 15% on American farm "
            "machinery take effect on December 20.",
            {("US", 15.0): "imposed"},
        ),
        (
            "India raised duties on almonds and apples from the United States. The new "
            "duties on pulses will be 30%, the trade ministry said.",
            {("US", 30.0): "imposed"},
        ),
    ],
)
def test_a_governments_decision_in_the_future_tense_is_imposed(
    text: str, expected: dict[tuple[str, float], str]
) -> None:
    assert statuses(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a head of government says what the country would do
        (
            "The prime minister said Ottawa would answer with 25% tariffs on US goods.",
            {("US", 25.0): "threatened"},
        ),
        # the United States announces for the future: a threat
        (
            "Trump said Brazil will face a 40% tariff from December 20.",
            {("BR", 40.0): "threatened"},
        ),
        # a government that will impose: the act announced, not its terms
        (
            "Chile will impose a provisional levy of 12% on Argentine wine, the economy "
            "ministry announced.",
            {("AR", 12.0): "threatened"},
        ),
        # a condition
        (
            "China will impose 10% on US soybeans if Washington raises its duties again.",
            {("US", 10.0): "threatened"},
        ),
        # a suspended rate is a threat
        (
            "The EU said its 25% duty on US motorcycles will be suspended for three months.",
            {("US", 25.0): "threatened"},
        ),
        # a deal's terms in the future tense stay agreed
        (
            "The two sides reached a trade deal on Monday. Under the deal, China's tariff on US "
            "goods will fall to 10%.",
            {("US", 10.0): "agreed"},
        ),
    ],
)
def test_threats_and_deals_keep_their_status(
    text: str, expected: dict[tuple[str, float], str]
) -> None:
    assert statuses(text) == expected


# --- words between a rate and its target --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The president said a 20% tariff will apply from December 20 to Chile, Peru and "
            "Ecuador.",
            {("CL", 20.0), ("PE", 20.0), ("EC", 20.0)},
        ),
        (
            "Seoul objected to the 25% duty Washington already imposed on Korean washing "
            "machines in a dispute over subsidies.",
            {("KR", 25.0)},
        ),
        (
            "Officials said the 15% tariffs currently applied to Mexican tomatoes remain in force.",
            {("MX", 15.0)},
        ),
        (
            "A 15% tariff will apply from December 20 to Chile and Peru, climbing to 30% in March.",
            {("CL", 15.0), ("PE", 15.0), ("CL", 30.0), ("PE", 30.0)},
        ),
        # (the older form, the date after the list, already carried the later step)
        (
            "A 10% tariff will apply to Chile and Peru from December 20, rising to 30% in March.",
            {("CL", 10.0), ("PE", 10.0), ("CL", 30.0), ("PE", 30.0)},
        ),
    ],
)
def test_words_between_the_rate_and_its_target(text: str, expected: set[tuple[str, float]]) -> None:
    assert set(statuses(text)) == expected


def test_a_rate_for_everyone_after_a_date_gets_no_row() -> None:
    assert statuses("A 20% tariff will apply from December 20 to most imports.") == {}


def test_another_countrys_rising_rate_is_not_the_lists() -> None:
    rows = statuses(
        "A 10% tariff will apply to Chile from December 20, while Peru's duty is rising to "
        "30% in March."
    )
    assert ("CL", 10.0) in rows
    assert ("CL", 30.0) not in rows

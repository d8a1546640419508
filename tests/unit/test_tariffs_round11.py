"""Round 11 of issue 13: causes that repeat across the spent sets 5, 6, 8, 9 and 10 and that no
earlier round took up (tests/fixtures/tariffs/blind10/ERRORS.md, its table of what repeats).

Sentences written for the round in the shapes news uses (none taken from a story):

- the imposer, a trading partner or a payee taken as the target: a government that "hits
  back" or "responds with" a rate imposes it; "25% more tariffs on" still ties the rate to the
  goods after it; a converted amount in brackets does not hide the goods' country; the partner
  of "trading with" and the payee of "pay" are not taxed; and the story's one target (the US,
  in a story on duties against US goods) is not given to a rate the US itself imposes;
- deal status: a deal that sets the rate by its own verb ("the pact ... imposes 12%") is
  agreed, and a deal the measure puts at risk is no deal of the measure;
- the old rate of a change: "current" before one rate words that rate, not the new one, and a
  change that is only possible ("could rise to 40% from 15%") leaves the old rate in force;
- two hedge-pattern slips: a plant is no plan, and "due to" a cause is no schedule.

The controls keep what must not move: a deal partner that bears the rate, a rate the US
announces in the future tense, "up from the current" beside a threat, a change announced in
reported speech ("said it would raise from 10% to 25%"), and a rate that takes effect "due to"
begin on a date.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import statuses

# --- the imposer, a partner or a payee is not the target ---------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peru strikes back with 30% more tariffs on Chilean fruit",
            {("CL", 30.0): "imposed"},
        ),
        (
            "Lima responded with 30% more tariffs on Chilean fruit and wine.",
            {("CL", 30.0): "imposed"},
        ),
        (
            "Canberra would respond with 15% tariffs on A$12bn (US$8bn) worth of New Zealand "
            "exports, the minister said.",
            {("NZ", 15.0): "threatened"},
        ),
        (
            "Any country trading with Venezuela is to be charged a 25% tariff on its goods "
            "sold in the US, the president wrote.",
            {},
        ),
        (
            "Under the accord, Brazil would pay the US 20 percent in tariffs on its steel.",
            {("BR", 20.0): "agreed"},
        ),
        (
            "India's tariffs on US almonds take effect on Monday, its trade ministry said.\n\n"
            "The Trump administration first imposed 25 percent duties a year ago.",
            {},
        ),
    ],
)
def test_the_imposer_partner_or_payee_is_not_the_target(
    text: str, expected: dict[tuple[str, float], str]
) -> None:
    assert statuses(text) == expected


# --- deal status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The pact with Peru imposes a 12 percent tariff on Peruvian exports.",
            {("PE", 12.0): "agreed"},
        ),
        (
            "The agreement with Ecuador, finalised after months of talks, imposes a 14% "
            "tariff on Ecuadorian shrimp.",
            {("EC", 14.0): "agreed"},
        ),
        (
            "Chile signed a trade deal with Washington imposing a 12% tariff on Chilean copper.",
            {("CL", 12.0): "agreed"},
        ),
        (
            "In a sudden announcement that could jeopardize a major trade deal, the "
            "president said Friday that he is slapping a 10% tariff on all Chilean imports.",
            {("CL", 10.0): "threatened"},
        ),
    ],
)
def test_a_deal_sets_its_rate_and_an_endangered_deal_is_no_deal(
    text: str, expected: dict[tuple[str, float], str]
) -> None:
    assert statuses(text) == expected


# --- the old rate of a change --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing proposed cutting tariffs on Australian barley to 5% from the current 40%.",
            {("AU", 5.0): "proposed", ("AU", 40.0): "imposed"},
        ),
        (
            "Under the plan floated by the senators, Korea could see its tariff rise to 40% "
            "from 15%.",
            {("KR", 40.0): "proposed", ("KR", 15.0): "imposed"},
        ),
        (
            "Analysts say Vietnam may see its tariff climb to 46% from 10%.",
            {("VN", 46.0): "proposed", ("VN", 10.0): "imposed"},
        ),
    ],
)
def test_current_words_its_own_rate_and_a_possible_change_keeps_the_old(
    text: str, expected: dict[tuple[str, float], str]
) -> None:
    assert statuses(text) == expected


# --- two hedge-pattern slips ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ottawa published its countermeasures on Tuesday. The finance department said "
            "surtaxes of 20% will apply on US plants and cut flowers.",
            {("US", 20.0): "imposed"},
        ),
        (
            "Brazil's 2023 imposition of a 35% duty on Chinese-made tyres, which Brazil "
            "called a shield against dumping due to Chinese state aid, was upheld.",
            {("CN", 35.0): "imposed"},
        ),
    ],
)
def test_a_plant_is_no_plan_and_due_to_a_cause_is_no_schedule(
    text: str, expected: dict[tuple[str, float], str]
) -> None:
    assert statuses(text) == expected


# --- controls ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deal's partner that bears the rate stays the target
        (
            "Washington struck a deal with Jakarta, imposing a 19% tariff on its goods.",
            {("ID", 19.0): "agreed"},
        ),
        # the US announcing for the future stays a threat
        (
            "Washington will put a 17% duty on Mexican tomatoes in August.",
            {("MX", 17.0): "threatened"},
        ),
        # "up from the current" beside a threat: the old rate in force
        (
            "Peru will face a 30% tariff from August 1, up from the current 10%.",
            {("PE", 30.0): "threatened", ("PE", 10.0): "imposed"},
        ),
        # reported speech with "would": the old rate superseded, as before
        (
            "Beijing announced that it would lift its duties on US goods from 34% to 84%.",
            {("US", 34.0): "other", ("US", 84.0): "threatened"},
        ),
        # a schedule's "due to" is still a schedule
        (
            "A 15% tariff on Canadian lumber is due to take effect next month.",
            {("CA", 15.0): "threatened"},
        ),
        # a response that names its target after the rate, with no "more"
        (
            "Peru hit back with a 20% tariff on Chilean wine.",
            {("CL", 20.0): "imposed"},
        ),
    ],
)
def test_controls_do_not_change(text: str, expected: dict[tuple[str, float], str]) -> None:
    assert statuses(text) == expected

"""Round 7 of issue 13: the document-level step (tui.core.tariff_carry and the lead's act).

Multi-sentence texts with a headline, written for the round in the shapes news uses (none taken
from a story): a rate that refers back to a measure takes the one country its paragraph taxed;
"both countries" names a two-party story's parties; a deal's rate told in the future tense is
agreed. The negative cases keep the carry from guessing: two candidates, the imposer, a
baseline, a statistic, a sector rate, a paragraph break, a rate given a country of its own.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import pairs as _pairs
from tests.tariff_rows import statuses

# --- the paragraph's country carried to "the taxes", "the tariff", "these duties" -------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ottawa hits back over lumber\n\n"
            "Canada has slapped a long list of American exports with tariffs. The taxes, which "
            "range from 10 to 25 percent, are a reply to the new US duties on softwood.",
            {("US", 10)},
        ),
        (
            "Seoul answers Washington\n\n"
            "South Korea raised tariffs on a list of US-made products on Friday. The duties "
            "run from 5 to 30 percent, the trade ministry said.",
            {("US", 5)},
        ),
        (
            "Beijing widens its retaliation\n\n"
            "China announced tariffs on beef and grain from Australia. Its finance ministry "
            "said these levies of 40 percent would start next month.",
            {("AU", 40)},
        ),
    ],
)
def test_a_rate_that_refers_back_takes_the_paragraphs_country(
    text: str, expected: set[tuple[str, float]]
) -> None:
    assert _pairs(text) == expected


def test_a_sentence_naming_only_the_imposer_keeps_the_carry() -> None:
    text = (
        "Ankara doubles duties on US goods\n\n"
        "Turkey raised tariffs on several American products by decree on Wednesday. Turkey "
        "increased tariffs on rice, coal and cosmetics. With the decree, the tariffs on "
        "spirits and tobacco reach 140 percent and 60 percent respectively."
    )
    assert _pairs(text) == {("US", 140), ("US", 60)}


def test_a_clause_that_opens_with_the_measure_takes_the_leads_country() -> None:
    text = (
        "US to tax Nicaraguan imports\n"
        "The United States will impose a 20% tariff on imports from Nicaragua, trade "
        "officials said on Monday. The tariff will be phased in over two years, starting at "
        "5% on Jan. 1, 2026, and rising to 20% on Jan. 1, 2027, the officials said."
    )
    assert ("NI", 5) in _pairs(text)


# --- no carry where it would be a guess ----------------------------------------------------------


# A lead that settles the story's own target (Mexico), so that what a later paragraph gives is
# the carry's doing alone.
_LEAD = (
    "Trump sets 30% tariff on Mexico\n"
    "The White House set a 30% tariff on Mexican goods on Friday, officials said.\n\n"
)


@pytest.mark.parametrize(
    ("text", "carried"),
    [
        # two candidate countries: no carry
        (
            "Brazil put tariffs on goods from Argentina and Chile. The tariffs, which range "
            "from 10 to 35 percent, start in June.",
            {("AR", 10), ("CL", 10)},
        ),
        # the carried country imposes in the rate's sentence
        (
            "Canada announced tariffs on American pork. The United States said the tariffs "
            "of 20 percent broke the trade pact.",
            {("US", 20)},
        ),
        # a paragraph break ends the carry
        (
            "Canada announced tariffs on American pork.\n\nExporters in Iowa were dismayed. "
            "The tariffs of 20 percent start on Monday, they said.",
            {("US", 20)},
        ),
        # a universal baseline is never carried
        (
            "The order put tariffs on goods from Laos. The tariffs include a baseline of 10 "
            "percent on all imports.",
            {("LA", 10)},
        ),
        # a statistic is not a rate
        (
            "The EU put tariffs on American whiskey. The tariffs cut sales by an average of "
            "20 percent, distillers said.",
            {("US", 20)},
        ),
        # a sector rate (the US's worldwide duties) does not carry to another country
        (
            "Trump announced tariffs on Japanese goods. The tariffs on steel of 50 percent "
            "are unchanged.",
            {("JP", 50)},
        ),
        # no reference back: a rate of its own
        (
            "The order sets tariffs on goods from Vietnam. Goods found to be transshipped "
            "face a 40% duty.",
            {("VN", 40)},
        ),
    ],
)
def test_no_carry_where_it_would_be_a_guess(text: str, carried: set[tuple[str, float]]) -> None:
    assert not _pairs(_LEAD + text) & carried


def test_the_same_paragraph_carries_where_the_negatives_do_not() -> None:
    # the control of the paragraph-break case above: without the break the rate is carried
    # (past a sentence that names no tariff)
    text = (
        "Canada announced tariffs on American pork. Exporters in Iowa were dismayed. The "
        "tariffs of 20 percent start on Monday, they said."
    )
    assert ("US", 20) in _pairs(_LEAD + text)


def test_a_rate_answering_another_measure_is_not_carried() -> None:
    text = (
        "EU strikes back\n\n"
        "The EU slapped tariffs on American motorcycles and jeans. The taxes, which range "
        "from 10 to 50 percent, are retaliation for the US decision to levy a 25 percent "
        "duty on steel from most countries."
    )
    found = _pairs(text)
    assert ("US", 10) in found
    assert ("US", 25) not in found  # the US's own duty, on goods from others


# --- "both countries" in a two-party story -------------------------------------------------------


def test_both_countries_names_the_two_parties() -> None:
    text = (
        "US and China agree to a truce\n"
        "The United States and China agreed on Monday to cut tariffs for 90 days. Both "
        "countries will keep a 10% tariff on each other's goods during the truce."
    )
    assert {("US", 10), ("CN", 10)} <= _pairs(text)


def test_both_countries_without_two_parties_gives_no_row() -> None:
    text = (
        "Trade talks stall\n"
        "Officials met in Geneva on Monday. Both countries will keep a 10% tariff during the "
        "talks."
    )
    assert _pairs(text) == set()


def test_both_countries_never_takes_a_universal_baseline() -> None:
    text = (
        "US and China agree to a truce\n"
        "The United States and China agreed on Monday to cut tariffs for 90 days. Both "
        "countries keep the 10% baseline on all imports from everyone else."
    )
    assert ("CN", 10) not in _pairs(text)


# --- the lead's act ------------------------------------------------------------------------------


def test_a_deals_rate_in_the_future_tense_is_agreed() -> None:
    text = (
        "US and China agree to cut tariffs\n"
        "The United States and China agreed on Monday to cut tariffs for 90 days. China's "
        "tariff on US goods will decrease from 125% to 10% next week."
    )
    assert statuses(text)[("US", 10)] == "agreed"


def test_a_threat_in_the_future_tense_stays_a_threat_after_an_imposing_lead() -> None:
    text = (
        "Washington imposes tariffs on Brazil\n"
        "The United States imposed a 10% tariff on goods from Brazil on Monday. Brazilian "
        "coffee will face a 50% tariff from August if talks fail."
    )
    assert statuses(text)[("BR", 50)] == "threatened"


def test_without_a_deal_in_the_lead_the_future_tense_is_a_threat() -> None:
    text = (
        "China warns of higher tariffs\n"
        "Beijing said on Monday it was studying new measures. China's tariff on US goods "
        "will rise from 10% to 25% next week."
    )
    assert statuses(text)[("US", 25)] == "threatened"

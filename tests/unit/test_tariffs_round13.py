"""Round 13 of issue 13: what a sentence's rows leave for the next one. A sentence that gives a
row ("Chile will cut its duty on US wine from 30 percent") used to end the paragraph's carry, so
the measure's next rate ("The levy will fall to 6 percent") found no country. Its rows' countries
now become the carried ones, under the carry's guards as before
(tests/fixtures/tariffs/blind12/ROUND13.md).

Sentences written for the round in the shapes news uses (none taken from a story). The controls
keep what must stay: a paragraph break still ends the carry, a rate of its own ("a 40% duty
added to goods found transshipped") and a sentence of two countries' rows carry nothing, and a
baseline or statistic takes no carried country.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import pairs

# A lead that taxes two countries, so that the story gives no single target to fall back on.
LEAD = "Washington raised tariffs on Canadian lumber and Mexican steel last week. Markets fell. "

# --- the rows of the sentence before carry to the measure's next rate ----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            LEAD
            + "Chile will cut its duty on American wine from the current 30 percent. The levy will "
            "fall to 6 percent over five years under the pact.",
            ("US", 6.0),
        ),
        (
            LEAD
            + "Ankara raised its tariff on Greek olive oil to 45%. The duty rises again to 60% in "
            "March, the ministry said.",
            ("GR", 60.0),
        ),
        (
            LEAD + "Seoul imposed a 20 per cent tariff on Vietnamese steel pipes on Monday. These "
            "duties will climb to 35 per cent if talks fail.",
            ("VN", 35.0),
        ),
    ],
)
def test_the_next_rate_of_a_measure_with_rows(text: str, expected: tuple[str, float]) -> None:
    assert expected in pairs(text)


# --- controls ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a paragraph break ends the carry (a lead of two taxed countries: no story target)
        (
            LEAD + "Chile will cut its duty on American wine from the current 30 percent.\n\n"
            "The levy will fall to 6 percent over five years under the pact.",
            ("US", 6.0),
        ),
        # a rate of its own: no wording refers back to the measure
        (
            LEAD
            + "Ankara raised its tariff on Greek olive oil to 45%. Penalties apply to transshipped "
            "cargo, with a 70% duty added to goods found relabelled.",
            ("GR", 70.0),
        ),
        # two countries' rows: the carry is ambiguous
        (
            "Seoul imposed a 20 per cent tariff on Vietnamese and Thai steel pipes. These duties "
            "will climb to 35 per cent if talks fail.",
            ("VN", 35.0),
        ),
        # a statistic
        (
            "Chile will cut its duty on American wine from the current 30 percent. The tariff "
            "was the highest in the region at 30 percent, ahead of the average of 12 percent.",
            ("US", 12.0),
        ),
    ],
)
def test_what_the_rows_do_not_carry(text: str, absent: tuple[str, float]) -> None:
    assert absent not in pairs(text)


def test_the_rows_of_the_sentence_stay() -> None:
    text = (
        "Chile will cut its duty on American wine from the current 30 percent. The levy will "
        "fall to 6 percent over five years under the pact."
    )
    assert ("US", 30.0) in pairs(text)

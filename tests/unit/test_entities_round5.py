"""Entities, round 5 (issue 13): the causes that repeated across blind sets 1-9.

Each case is a sentence written for this file in the shape wire and government copy takes;
the controls at the end must read as before.
"""

from __future__ import annotations

import pytest

from tui.core.entities import extract_entities

Pair = tuple[str, str]


def _pairs(text: str) -> set[Pair]:
    return {(e.name, e.label) for e in extract_entities(text)}


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # Well-known bodies keep the name the text gives them.
        (
            "Leaders left the G20 meeting in Osaka without a statement.",
            ("G20", "ORG"),
            ("Group of 20", "ORG"),
        ),
        ("Allies at NATO asked for more spending.", ("NATO", "ORG"), None),
        ("Lawmakers in Congress pushed back on the duties.", ("Congress", "ORG"), None),
        (
            "The Treasury Department named three more firms on Friday.",
            ("Treasury Department", "ORG"),
            ("US Treasury", "ORG"),
        ),
        ("He spoke to NBC News on Sunday.", ("NBC News", "ORG"), ("NBC", "ORG")),
        ("According to AP News, the levy starts soon.", ("Associated Press", "ORG"), None),
        # A country before a department says whose it is.
        (
            "A U.S. Department of Commerce review of steel imports began.",
            ("Department of Commerce", "ORG"),
            ("US Department of Commerce", "ORG"),
        ),
        (
            "The US Commerce Department set a date for its ruling.",
            ("Commerce Department", "ORG"),
            ("US Commerce Department", "ORG"),
        ),
        # A title with its portfolio: the portfolio is no part of the name.
        (
            "U.S. Secretary of Commerce Gina Raimondo met steel makers.",
            ("Gina Raimondo", "PERSON"),
            ("Commerce Gina Raimondo", "PERSON"),
        ),
        (
            "The Secretary of Agriculture, in a letter, asked for relief.",
            None,
            ("Agriculture", "PERSON"),
        ),
        (
            "EU Commissioner for Trade Maros Sefcovic flew to Washington.",
            ("Maros Sefcovic", "PERSON"),
            ("Trade Maros Sefcovic", "PERSON"),
        ),
        (
            "A deputy at the Bureau of Fisheries Policy Maxim Petrov told the press.",
            ("Maxim Petrov", "PERSON"),
            ("Bureau of Fisheries Policy Maxim Petrov", "ORG"),
        ),
        # Officials whose names hold a common word.
        ("The envoy met Vice Premier He Lifeng in London.", ("He Lifeng", "PERSON"), None),
        ("Talks with To Lam ended late.", ("To Lam", "PERSON"), None),
        # Datelines and their credits.
        ("SEOUL: Exports fell for a third month in March.", ("Seoul", "GPE"), None),
        ("LIMA (AP) —The copper levy was raised.", ("Lima", "GPE"), None),
        ("OTTAWA/BEIJING: The two sides met again.", ("Beijing", "GPE"), None),
        ("ROME (dpa-AFX) - Wine exporters braced for the levy.", ("dpa-AFX", "ORG"), None),
        ("NEW DELHI, May 2 (ANI): The cabinet met.", ("Asian News International", "ORG"), None),
        # Names split or joined.
        (
            "Shares of Acme Steel and Brill Steel rose on the news.",
            ("Acme Steel", "ORG"),
            ("Acme Steel and Brill Steel", "ORG"),
        ),
        (
            "The Communist Party of China held its plenum.",
            ("Communist Party of China", "ORG"),
            ("Communist Party", "ORG"),
        ),
        (
            "The Ministry of Trade of the Republic of Korea issued a notice.",
            ("Ministry of Trade", "ORG"),
            ("Ministry of Trade of the Republic of Korea", "ORG"),
        ),
        (
            "Premier Doug Ford spoke first. Ford said the province would respond.",
            ("Doug Ford", "PERSON"),
            ("Ford", "ORG"),
        ),
        ("A proclamation signed by Donald J. Trump took effect.", ("Donald Trump", "PERSON"), None),
        # One-word and suffixed bodies.
        (
            "The Federal Aviation Administration grounded the jets.",
            ("Federal Aviation Administration", "ORG"),
            None,
        ),
        (
            "The Harbour Grid Operator asked plants to cut output.",
            ("Harbour Grid Operator", "ORG"),
            None,
        ),
        ("She replied on X Tuesday that the talks had failed.", ("X", "ORG"), None),
        (
            "Brussels called the offer WTO-compatible.",
            ("World Trade Organization", "ORG"),
            None,
        ),
    ],
)
def test_round5_causes(text: str, present: Pair | None, absent: Pair | None) -> None:
    got = _pairs(text)
    if present is not None:
        assert present in got, got
    if absent is not None:
        assert absent not in got, got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Controls: these read the same before and after round 5.
        (
            "The Trump Administration defended the levy.",
            {("Donald Trump", "PERSON")},
        ),
        (
            "The U.S. Chamber of Commerce opposed the duties.",
            {("US Chamber of Commerce", "ORG")},
        ),
        (
            "The Australian Securities and Investments Commission fined the bank.",
            {("Australian Securities and Investments Commission", "ORG")},
        ),
        (
            "Secretary of State Marco Rubio flew to Panama.",
            {("Marco Rubio", "PERSON"), ("Panama", "GPE")},
        ),
        (
            "Ford cut its forecast as tariffs on parts rose.",
            {("Ford", "ORG")},
        ),
        ("An X-ray of the port showed nothing.", set()),
        ("The state-owned firm said nothing.", set()),
    ],
)
def test_round5_controls(text: str, expected: set[Pair]) -> None:
    assert _pairs(text) == expected

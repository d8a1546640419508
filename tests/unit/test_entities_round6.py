"""Entities, round 6 (issue 13): names recognised by their form and the words around them,
not by a list, so that a company or a town no list holds is still found.

Each case is a sentence written for this file in the shape business and wire copy takes; the
names are made up where the rule is about form. The controls at the end must stay out.
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
        # What business reporting says of a company.
        ("Shares of Velmora Textiles fell 6% in Taipei.", ("Velmora Textiles", "ORG"), None),
        ("Korvath's chief executive said orders had dried up.", ("Korvath", "ORG"), None),
        ("Korvath shares slid after the announcement.", ("Korvath", "ORG"), None),
        (
            "Brantico chief executive Liam Osgood said the duties would cost jobs.",
            ("Brantico", "ORG"),
            None,
        ),
        (
            '"Buyers are waiting," said Dana Whitlock, senior market analyst at Pellmark.',
            ("Pellmark", "ORG"),
            ("Pellmark", "PERSON"),
        ),
        (
            '"It hurts," said Tom Arden, chief operating officer for Hallow Solar.',
            ("Hallow Solar", "ORG"),
            None,
        ),
        (
            "The note came from an analyst at Tradewell.com on Friday.",
            ("Tradewell.com", "ORG"),
            None,
        ),
        # An appositive or a descriptor that calls it a company or a body.
        (
            "The order hit Ivan Sorokin, who controls KRZ, Russia's largest maker of buses.",
            ("KRZ", "ORG"),
            None,
        ),
        (
            "Brevik, the association for the timber and paper industries, welcomed the deal.",
            ("Brevik", "ORG"),
            None,
        ),
        (
            "The levies spare fashion labels such as Marcel Dupont and Orla Venn.",
            ("Marcel Dupont", "ORG"),
            ("Marcel Dupont", "PERSON"),
        ),
        (
            "A director at the Shanghai-based consultancy Lumen China said exporters would wait.",
            ("Lumen China", "ORG"),
            ("Shanghai-based", "ORG"),
        ),
        # Two companies joined by "and", each closed by its legal form or trade.
        (
            "Talks between Orsk Motor Group and Tavel Steel Corp resumed on Monday.",
            ("Tavel Steel Corp", "ORG"),
            ("Orsk Motor Group and Tavel Steel Corp", "ORG"),
        ),
        # A title-case headline: the verb ends the body's name.
        (
            "Department of Commerce Announces Review of Lumber Duties",
            ("Department of Commerce", "ORG"),
            ("Department of Commerce Announces Review of Lumber Duties", "ORG"),
        ),
        # A place by its kind.
        (
            "Containers piled up at the port of Puerto Valdren after the strike.",
            ("Puerto Valdren", "GPE"),
            ("Puerto Valdren", "PERSON"),
        ),
        ("Officials in the town of Kessaby said the plant would close.", ("Kessaby", "GPE"), None),
        # People: initials that open a name after a role; a role "of" a country after a name.
        (
            "Talks were led by trade adviser AK Habib Rahman, officials said.",
            ("AK Habib Rahman", "PERSON"),
            None,
        ),
        (
            "The question was put to Arvo Lindqvist, the visiting president of Finland.",
            ("Arvo Lindqvist", "PERSON"),
            None,
        ),
        # Well-known bodies.
        (
            "US Customs and Border Protection began collecting the duty on Thursday.",
            ("US Customs and Border Protection", "ORG"),
            None,
        ),
        (
            "The Executive Yuan will send the agreement to the Legislative Yuan for review.",
            ("Legislative Yuan", "ORG"),
            None,
        ),
        ("The deal was the second this month, USA Today reports.", ("USA Today", "ORG"), None),
    ],
)
def test_round6_case(text: str, present: Pair, absent: Pair | None) -> None:
    pairs = _pairs(text)
    assert present in pairs
    if absent is not None:
        assert absent not in pairs


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # Capitalised words that are not companies, whatever stands around them.
        ("Asian shares fell on Monday as investors waited.", ("Asian", "ORG")),
        ("Shares of the carmaker fell 3%.", ("Shares", "ORG")),
        ("The governor of Texas said the plant would stay open.", ("Texas", "ORG")),
        ("The Secretary of State said the talks would go on.", ("State", "GPE")),
        # A title-case headline and a sentence-initial word.
        ("Exporters Brace As Tariffs Take Effect", ("Exporters Brace", "ORG")),
        ("Analysts at the bank said the figures were weak.", ("Analysts", "ORG")),
        ("The US-made parts cost more.", ("US-made", "ORG")),
    ],
)
def test_round6_control(text: str, absent: Pair) -> None:
    assert absent not in _pairs(text)


def test_round6_controls_name_nothing_else() -> None:
    text = "Shares of the carmaker fell 3%. Analysts at the bank said the figures were weak."
    assert _pairs(text) == set()

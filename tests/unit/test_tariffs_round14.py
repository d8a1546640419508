"""Round 14 of issue 13: who is the target when a clause names the country that acts on a tariff.

A country before a rate was taken as its target unless the verb between was one of a few
imposing verbs ("imposed", "slapped"). The subject of any verb that applies, keeps, suspends or
cuts a tariff acts on it too ("the US is applying a 25% tariff", "saw Peru apply 20 per cent",
"Ankara will suspend its 30 percent duty", "Seoul will reduce duties from 40 to 10 percent");
so does the country of a person or office that speaks ("Brazil's trade envoy said", "the
president of Chile told reporters"), and the partner of a trade statistic ("a trade surplus with
the US") is not taxed. A country that labels its line ("Laos: Keeps a 40% tariff") is still the
line's target. Second, a list that follows a rate sentence may name its countries ("named",
"listed", with "the" inside the list), and "European countries" is a group, not the EU
(tests/fixtures/tariffs/blind12/ROUND14.md).

Sentences written for the round in the shapes news uses (none taken from a story); each case
failed on tariffs-15, the controls pass on both.
"""

from __future__ import annotations

import pytest

from tests.tariff_rows import pairs

# --- the country that acts on the tariff is not its target ---------------------------------


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Trade officials in Geneva confirmed the United States is applying a 25% tariff on "
            "aluminium from today.",
            ("US", 25.0),
        ),
        ("Ankara will suspend its 30 percent duty on cotton until the end of June.", ("TR", 30.0)),
        (
            "Under the accord, the United States will reduce duties on trucks from 40 percent "
            "to 10 percent.",
            ("US", 10.0),
        ),
        (
            "Officials said countries running a trade surplus with the United States were "
            "handed a 20 per cent levy.",
            ("US", 20.0),
        ),
        (
            "Brazil's trade envoy told reporters that the 50% tariff on coffee would stay.",
            ("BR", 50.0),
        ),
        (
            "The president of Chile warned that a 35 percent tariff on copper would hurt miners.",
            ("CL", 35.0),
        ),
    ],
)
def test_actor_is_not_the_target(text: str, absent: tuple[str, float]) -> None:
    assert absent not in pairs(text)


def test_the_imposer_excluded_the_goods_after_are_taxed() -> None:
    text = (
        "The quarrel two years ago saw Peru apply 20 per cent counter tariffs on Chinese "
        "imports worth $2 billion."
    )
    assert pairs(text) == {("CN", 20.0)}


# --- a list named in the next sentence ------------------------------------------------------


def test_a_named_list_with_articles_takes_the_rate() -> None:
    text = (
        "The White House said it would put a 15 per cent tariff on goods from five Asian "
        "economies in March. The president named Vietnam, Thailand, the Philippines, Malaysia "
        "and Indonesia."
    )
    assert pairs(text) == {("VN", 15.0), ("TH", 15.0), ("PH", 15.0), ("MY", 15.0), ("ID", 15.0)}


def test_european_countries_are_a_group_not_the_eu() -> None:
    text = (
        "Washington will charge a 12 percent levy on wine from four European countries, "
        "rising to 30 percent in May. It listed Italy, Spain, Portugal and the Netherlands."
    )
    found = pairs(text)
    assert ("EU", 12.0) not in found and ("EU", 30.0) not in found
    assert {("IT", 12.0), ("ES", 12.0), ("PT", 12.0), ("NL", 12.0)} <= found


# --- controls: what must stay ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the bearer of a rate by its own verb
        ("Vietnam will face a 20% tariff on its shoes from next month.", ("VN", 20.0)),
        # the goods after the rate still win over an imposer before it
        ("Ottawa will keep its 25 percent surtax on US steel.", ("US", 25.0)),
        # a country that labels its line is the line's target
        ("Laos: Keeps a 40% tariff, as announced in April.", ("LA", 40.0)),
        # "applies to" names the goods the tariff falls on
        ("The 18% duty applies to Kenyan tea.", ("KE", 18.0)),
    ],
)
def test_controls(text: str, expected: tuple[str, float]) -> None:
    assert expected in pairs(text)

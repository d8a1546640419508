"""The learned-row experiment's parts (tests/bench/train_tariff_rows.py): the candidates a text
gives, their features, how far apart a key's country and rate stand, and how keys are scored.
The texts are our own sentences in the shape real reporting uses."""

from __future__ import annotations

from tests.bench.tariff_row_features import Key, candidates, eligible, where
from tests.bench.train_tariff_rows import Score, Text
from tui.core.tariff_engine import read

TWO = (
    "The US will impose a 25% tariff on Mexican steel. "
    "Canada said it would answer.\nOttawa named 10% on US beef."
)


def test_every_country_and_rate_of_a_sentence_is_a_candidate_once() -> None:
    found = candidates(TWO, [("MX", 25.0)])
    # the first sentence pairs its 25% with the US and Mexico; the third, its 10% with Ottawa
    # (Canada, a capital) and the US
    assert set(found) == {("US", 25.0), ("MX", 25.0), ("CA", 10.0), ("US", 10.0)}
    mexico = found[("MX", 25.0)].features  # two words between: "tariff on"
    assert {"rules:yes", "order:rate_first", "kind:demonym", "dist:2-3", "tw:yes"} <= mexico
    us = found[("US", 25.0)].features
    assert {"rules:no", "order:country_first", "us:yes"} <= us
    assert "kind:capital" in found[("CA", 10.0)].features


def test_a_key_the_rules_gave_from_afar_is_a_candidate_alone() -> None:
    found = candidates(TWO, [("JP", 15.0)])
    assert found[("JP", 15.0)].features == {"alone:yes", "bias", "rules:yes", "dist:none"}


def test_where_says_how_far_apart_country_and_rate_stand() -> None:
    text = "Brazil is in talks. The 50% tariff starts Friday. Peru exports copper."
    found = where(text, [("BR", 50.0), ("PE", 50.0), ("BR", 10.0), ("CL", 50.0)])
    assert found == {
        ("BR", 50.0): "previous",
        ("PE", 50.0): "further",  # the sentence after the rate is not "previous"
        ("BR", 10.0): "no rate",
        ("CL", 50.0): "no country",
    }
    assert where(TWO, [("MX", 25.0)]) == {("MX", 25.0): "sentence"}


def test_keys_are_scored_once_each_and_a_gold_row_without_a_country_is_missed() -> None:
    text = Text("own", "x1", frozenset({("MX", 25.0), ("CA", 10.0)}), 1, frozenset())
    score = Score()
    score.add({("MX", 25.0), ("US", 25.0)}, text)
    assert (score.tp, score.predicted, score.gold) == (1, 2, 3)
    assert score.cell() == "0.500 0.333 0.400"


def _allowed(text: str, given: frozenset[tuple[str, float]] = frozenset()) -> set[Key]:
    return eligible(read(text).reading, given)


def test_the_hybrid_may_add_a_country_the_rules_tied_no_rate_to() -> None:
    # (with Brazil after "with": round 12's last-resort target does not take a partner)
    text = "Officials said a 30% tariff would now apply, with Brazil and its growers included."
    assert _allowed(text) == {("BR", 30.0)}
    assert _allowed(text, frozenset({("BR", 30.0)})) == set()  # the rules' own key stays theirs


def test_the_hybrid_keeps_the_rules_refusals() -> None:
    # imposer and destination, an exempted country, a rate that is a statistic, no tariff word
    assert _allowed("US tariffs of 25% were imposed, and shipments to Canada fell.") == set()
    assert (
        _allowed("A 40% tariff, officials said, now covers Chilean copper exempted in May.")
        == set()
    )
    assert (
        _allowed("Coffee shipments from Brazil rose 30% last month despite the tariffs.") == set()
    )
    assert _allowed("Peru's central bank kept its rate at 4.5% on Thursday.") == set()

"""The parse features of the learned-status experiment (tests/bench/tariff_parse_features.py)
and the reading of the unit tests' status cases (tests/bench/tariff_rubric_cases.py).

The sentences are written for these tests. The parse features need spaCy and its small English
model (the ``spacy`` extra, part of the test extras); where they are missing those tests skip.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from tests.bench.tariff_parse_features import (
    MODEL,
    Parser,
    load_parser,
    pair_features,
    parse_features,
)
from tests.bench.tariff_parse_features import rate_features as _rate_features
from tests.bench.tariff_rubric_cases import expected_of
from tui.core.tariff_engine import read


@cache
def _parser() -> Parser | None:
    try:
        return load_parser()
    except (ImportError, OSError):
        return None


@pytest.fixture
def parse() -> Parser:
    parser = _parser()
    if parser is None:
        pytest.skip(f"spaCy or its model {MODEL} is not installed (pip install -e '.[spacy]')")
    return parser


def _features(parse: Parser, sentence: str, rate: str) -> set[str]:
    start = sentence.index(rate)
    return _rate_features(parse(sentence), start, start + len(rate))


def test_future_and_present_differ(parse: Parser) -> None:
    future = _features(parse, "Chile will face a 30% tariff.", "30%")
    present = _features(parse, "Chile faces a 30% tariff.", "30%")
    assert {"gv:face", "ga:will", "gs:country"} <= future
    assert "ga:will" not in present
    assert "gt:VBZ" in present and "gt:VBZ" not in future


def test_the_verb_a_threat_hangs_from(parse: Parser) -> None:
    found = _features(
        parse, "The president threatened to impose a 40% tariff on Peruvian copper.", "40%"
    )
    assert {"gv:impose", "ga:to", "gh:xcomp>threaten", "gs:official", "gp:on"} <= found


def test_negation_passive_and_reported_speech(parse: Parser) -> None:
    sentence = "Officials said the 20% levy on Kenyan tea would not be lifted."
    found = _features(parse, sentence, "20%")
    assert {"gn:yes", "ga:would", "ga:pass", "gu:say"} <= found


def test_quoted_rate(parse: Parser) -> None:
    found = _features(parse, '"A 25% duty on Ghanaian cocoa is coming," the minister said.', "25%")
    assert "gq:in" in found
    assert "gq:in" not in _features(parse, "A 25% duty on Ghanaian cocoa is coming.", "25%")


def test_a_list_line_has_no_verb(parse: Parser) -> None:
    assert "gv:none" in _features(parse, "Laos: 40%", "40%")


def test_features_by_row(parse: Parser) -> None:
    found = read("Chile will face a 30% tariff.", date(2025, 7, 20))
    by_key = parse_features(parse, found.reading.text, found.settled)
    assert "ga:will" in by_key[("CL", 30.0)]


def _pair(parse: Parser, sentence: str, rate: str, country: str) -> set[str]:
    r, c = sentence.index(rate), sentence.index(country)
    return pair_features(parse(sentence), (r, r + len(rate)), (c, c + len(country)))


def test_the_way_from_a_rate_to_a_country(parse: Parser) -> None:
    assert {"yp:subj", "ym:rate_verb", "yc:no"} <= _pair(
        parse, "Peru will face a 30% tariff.", "30%", "Peru"
    )
    assert "yp:from" in _pair(
        parse, "Washington set a 20% tariff on goods from Vietnam.", "20%", "Vietnam"
    )
    # another clause's subject: the way crosses a clause boundary
    assert "yc:yes" in _pair(
        parse, "Canada, which faces a 35% tariff, said Mexico would respond.", "35%", "Mexico"
    )


def test_expected_statuses_of_a_case() -> None:
    names = ("text", "expected")
    assert expected_of(names, ("Peru will face a 22% duty.", [("Peru", 22, "threatened")])) == (
        ("Peru", 22.0, "threatened"),
    )
    # rows without a status, or an argument that is no text: nothing
    assert expected_of(names, ("Peru will face a 22% duty.", [("Peru", 22)])) == ()
    assert expected_of(("lead", "expected"), ("x", [("Peru", 22, "imposed")])) == ()
    assert expected_of(("text", "status"), ("Brazil would face a 50% tariff.", "threatened")) == (
        (None, None, "threatened"),
    )
    assert expected_of(("text", "key", "status"), ("x", ("IN", 25), "other")) == (
        ("IN", 25.0, "other"),
    )

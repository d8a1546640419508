"""The sentence-encoder status experiment's parts (tests/bench/tariff_embed_features.py): which
sentence states a (country, rate), and how an example's row is assembled.

The sentences are written for these tests. All of it is plain Python: the encoder's cache is
tested with a stand-in model, since the test suite does not install the ``embed`` extra.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.bench.tariff_embed_features import (
    Encoder,
    KeyText,
    assemble,
    key_sentences,
    vocabulary,
)
from tui.core.tariff_engine import read

DAY = date(2025, 7, 7)
TEXT = (
    "Trade talks with Tokyo stalled on Monday. Japanese goods will face a 25% tariff from "
    "August 1, the White House said.\n\n"
    "Separately, Brazil faces a   50% duty   on its coffee."
)


def _sentences(text: str) -> dict[tuple[str, float], KeyText]:
    found = read(text, DAY)
    return key_sentences(found.reading.text, found.settled, found.spans)


def test_the_rate_sentence_and_the_one_before_it() -> None:
    found = _sentences(TEXT)
    japan = found[("JP", 25.0)]
    assert japan.sentence.startswith("Japanese goods will face a 25% tariff")
    assert japan.before == "Trade talks with Tokyo stalled on Monday."
    assert japan.variant("sent") == japan.sentence
    assert japan.variant("prev") == f"{japan.before} {japan.sentence}"


def test_white_space_is_collapsed() -> None:
    brazil = _sentences(TEXT)[("BR", 50.0)]
    assert "50% duty on its coffee" in brazil.sentence
    assert "  " not in brazil.sentence
    assert brazil.before.startswith("Japanese goods will face")


def test_the_first_sentence_has_none_before_it() -> None:
    found = _sentences("Canada faces a 35% tariff on its exports to the United States.")
    canada = found[("CA", 35.0)]
    assert canada.before == ""
    assert canada.variant("prev") == canada.sentence


def test_an_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError):
        KeyText("A sentence.").variant("next")


def test_vocabulary_keeps_the_templates_asked_seen_often_enough() -> None:
    lists = [
        ["bias", "rule:imposed", "cs:threatened", "l:face"],
        ["bias", "rule:imposed", "cs:imposed"],
        ["bias", "rule:threatened", "cs:threatened", "cs:threatened"],
    ]
    vocab = vocabulary(lists, ["bias", "cs", "rule"], min_count=2)
    # sorted, numbered from 0; seen once (cs:imposed, rule:threatened) or not asked (l) dropped
    assert vocab == {"bias": 0, "cs:threatened": 1, "rule:imposed": 2}


def test_the_bias_is_kept_however_rare() -> None:
    assert vocabulary([["bias"]], ["bias"], min_count=5) == {"bias": 0}


def test_assemble_scales_the_embedding_and_sets_the_named_features() -> None:
    vocab = {"bias": 0, "rule:imposed": 1, "rule:threatened": 2}
    row = assemble([0.5, -0.25], 4.0, ["rule:threatened", "bias", "cs:other"], vocab)
    assert row == [2.0, -1.0, 1.0, 0.0, 1.0]


def test_assemble_with_no_named_features() -> None:
    assert assemble([0.1, 0.2, 0.3], 1.0, ["bias"], {}) == [0.1, 0.2, 0.3]


class _CountingModel:
    """Stands in for the sentence encoder: each text's vector is its length, and every batch
    asked for is kept."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def encode(self, texts: list[str], **_options: object) -> list[list[float]]:
        self.batches.append(list(texts))
        return [[float(len(t)), 0.0] for t in texts]


def test_the_encoder_encodes_each_new_text_once_in_sorted_order() -> None:
    """The cache and the batch order of `Encoder.embed` (the model itself is the embed extra's,
    measured by the experiment, not here: the test suite does not install torch)."""
    encoder = object.__new__(Encoder)
    model = _CountingModel()
    encoder.model = model
    encoder.cache = {}
    first = encoder.embed(["b text", "a", "b text"])
    assert first == {"a": [1.0, 0.0], "b text": [6.0, 0.0]}
    again = encoder.embed(["a", "ccc"])
    assert again == {"a": [1.0, 0.0], "ccc": [3.0, 0.0]}
    assert model.batches == [["a", "b text"], ["ccc"]]
    assert encoder.embed(["a"])["a"] is first["a"]

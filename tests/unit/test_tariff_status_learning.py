"""The learned-status experiment's parts (tests/bench/train_tariff_status.py): the rules'
reading it starts from, the features it reads off a row, and how it pairs rows with gold.
The texts are our own sentences in the shape real reporting uses."""

from __future__ import annotations

from collections import Counter
from datetime import date

from tests.bench.score_tariffs import Row
from tests.bench.tariff_status_features import TEMPLATES, key_features, template_of
from tests.bench.train_tariff_status import (
    SETS,
    Doc,
    Fold,
    Model,
    examples_of,
    fold_row,
    grid_head,
    score,
)
from tui.core.tariff_engine import extract, read
from tui.core.tariff_story import dedupe

DAY = date(2025, 7, 7)
LETTER = (
    "Trump sends a letter to Japan. In the letter, Japanese goods will face a 25% tariff "
    "from August 1."
)
DEAL = (
    "The United States and Vietnam reached a trade deal. Under the deal, Vietnamese goods will "
    "pay a 20% tariff, cut from 46%."
)
ORDER = "Trump signed an executive order imposing a 50% tariff on Brazilian goods."


def _features(text: str) -> dict[tuple[str, float], list[str]]:
    found = read(text, DAY)
    return key_features(found.reading, found.settled, found.spans)


def test_read_is_extract_before_dedupe() -> None:
    for text in (LETTER, DEAL, ORDER):
        assert dedupe(read(text, DAY).settled) == extract(text, DAY)


def test_a_letter_threat_is_read_as_one() -> None:
    features = _features(LETTER)[("JP", 25.0)]
    assert "rule:threatened" in features
    assert "hc:threatened/strong/source" in features  # the letter, in the headline
    assert "eff:later" in features  # August 1, after the report
    assert {"l:letter", "l:will", "l:face"} <= set(features)


def test_a_deal_and_the_rate_it_replaced() -> None:
    features = _features(DEAL)
    new, old = features[("VN", 20.0)], features[("VN", 46.0)]
    assert {"rule:agreed", "doc:agreed", "rank:min", "sib:later", "sibst:other:later"} <= set(new)
    assert {"rule:other", "rank:max", "sibst:agreed:earlier", "l1:from"} <= set(old)


def test_an_order_is_read_as_imposed() -> None:
    features = _features(ORDER)[("BR", 50.0)]
    assert {"rule:imposed", "cb:imposed/strong", "doc:imposed", "l:order"} <= set(features)


def test_every_feature_belongs_to_a_listed_template() -> None:
    for text in (LETTER, DEAL, ORDER):
        for features in _features(text).values():
            assert features == sorted(set(features))
            assert {template_of(f) for f in features} <= TEMPLATES.keys()


def _doc(text: str, gold: tuple[Row, ...]) -> Doc:
    found = read(text, DAY)
    rows = [Row(r.iso, r.rate_pct, r.rate_max_pct, r.status) for r in dedupe(found.settled)]
    return Doc("own", "x1", gold, rows, key_features(found.reading, found.settled, found.spans))


def test_examples_are_the_matched_pairs_with_the_gold_status() -> None:
    gold = (Row("VN", 20.0, None, "agreed"), Row("VN", 46.0, None, "threatened"))
    doc = _doc(DEAL, (*gold, Row("TH", 36.0, None, "threatened")))  # a miss: no example
    examples = examples_of([doc])
    assert [(e.key, e.gold, e.rule) for e in examples] == [
        (("VN", 20.0), "agreed", "agreed"),
        (("VN", 46.0), "threatened", "other"),
    ]


def test_out_of_set_rules_replace_the_rules_decision() -> None:
    # the rules before their tuning found the 20% (as imposed) but not the 46%
    found = read(DEAL, DAY)
    before = {("VN", 20.0): "imposed"}
    features = key_features(found.reading, found.settled, found.spans, before)
    assert "rule:imposed" in features[("VN", 20.0)]
    assert not any(f.startswith("rule:") for f in features[("VN", 46.0)])
    rows = [Row(r.iso, r.rate_pct, r.rate_max_pct, r.status) for r in dedupe(found.settled)]
    gold = (Row("VN", 20.0, None, "agreed"), Row("VN", 46.0, None, "other"))
    doc = Doc("own", "x1", gold, rows, features, before)
    assert [(e.key, e.gold, e.rule) for e in examples_of([doc])] == [
        (("VN", 20.0), "agreed", "imposed")
    ]


def test_the_model_scores_by_its_weights_and_is_set_beside_the_rules() -> None:
    model = Model(["bias", "l"], 1.0)
    model.classes = ["agreed", "imposed"]
    model.vocab = {"bias": 0, "l:deal": 1}
    model.coef = [[-1.0, 3.0], [1.0, 0.0]]
    assert model.predict(["bias", "l:deal", "r:ignored"]) == "agreed"
    assert model.predict(["bias", "l:order"]) == "imposed"
    doc = _doc(DEAL, (Row("VN", 20.0, None, "agreed"), Row("VN", 46.0, None, "other")))
    fold = score(model, examples_of([doc]), "own")
    # "deal" is among the six words before the 20% (agreed), not before the 46% (imposed)
    assert (fold.pairs, fold.rules_right, fold.model_right) == (2, 2, 1)
    assert fold.model_confusion[("other", "imposed")] == 1
    assert fold.rules_confusion[("other", "other")] == 1


def test_a_grid_row_has_the_header_s_columns_and_pools_the_folds() -> None:
    folds = [
        Fold(name, 10, 4 + i % 2, 5, Counter(), Counter()) for i, (name, _g, _t) in enumerate(SETS)
    ]
    head, rule = grid_head(["features", "C"]).split("\n")
    row = fold_row(["words", "0.1"], folds)
    assert head.count("|") == rule.count("|") == row.count("|")
    assert row.startswith("| words | 0.1 | 4 / 5 | 5 / 5 |")
    rules_right = sum(f.rules_right for f in folds)
    won = sum(1 for f in folds if f.model_right > f.rules_right)
    assert f"/{10 * len(SETS)})" in row and f"({rules_right}/" in row
    assert row.endswith(f" | {won} / 0 |")

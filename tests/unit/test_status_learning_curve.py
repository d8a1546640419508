"""The pure parts of the learning curve (tests/bench/status_learning_curve.py): drawing the
training subsets and pooling the runs."""

from __future__ import annotations

import math

import pytest

from tests.bench.status_learning_curve import Run, draw_subsets, pool

SETS = [f"s{n}" for n in range(11)]


def test_every_subset_in_order_when_there_are_few() -> None:
    assert draw_subsets(SETS, 11, 10, "x") == [tuple(SETS)]
    assert draw_subsets(["a", "b", "c"], 2, 10, "x") == [("a", "b"), ("a", "c"), ("b", "c")]


@pytest.mark.parametrize("k", [1, 2, 4, 6, 8])
def test_draws_are_distinct_subsets_of_the_right_size(k: int) -> None:
    drawn = draw_subsets(SETS, k, 10, f"seed/{k}")
    assert len(drawn) == min(10, math.comb(11, k))
    assert len(set(drawn)) == len(drawn)
    for subset in drawn:
        assert len(subset) == k
        assert list(subset) == sorted(subset, key=SETS.index)


def test_draws_depend_on_the_seed_only() -> None:
    assert draw_subsets(SETS, 4, 10, "a/4") == draw_subsets(SETS, 4, 10, "a/4")
    assert draw_subsets(SETS, 4, 10, "a/4") != draw_subsets(SETS, 4, 10, "b/4")


def test_a_size_beyond_the_items_is_refused() -> None:
    with pytest.raises(ValueError):
        draw_subsets(SETS, 12, 10, "x")
    with pytest.raises(ValueError):
        draw_subsets(SETS, 0, 10, "x")


def test_pool_counts_pairs_and_spreads_over_replicates() -> None:
    runs = [
        # draw 0: 6 + 1 of 10 + 5 pairs; draw 1: 4 + 4 of 10 + 5
        Run("h1", 0, 100, 10, 6, 5),
        Run("h2", 0, 120, 5, 1, 4),
        Run("h1", 1, 200, 10, 4, 5),
        Run("h2", 1, 180, 5, 4, 4),
    ]
    point = pool("2", runs)
    assert point.runs == 4
    assert point.mean_train_pairs == 150
    assert point.pooled == pytest.approx(15 / 30)
    assert (point.low, point.high) == (pytest.approx(7 / 15), pytest.approx(8 / 15))
    assert point.sd == pytest.approx(1 / 30)
    # the rules are scored once per held-out set, not once per draw
    assert point.rules == pytest.approx(9 / 15)

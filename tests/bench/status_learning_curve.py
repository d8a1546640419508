"""A learning curve for the learned tariff status: does accuracy still rise with the training
data (issue 13)?

    .venv/bin/pip install -e '.[train]'   (for --embed: torch==2.13.0 alone first, then '.[embed]')
    .venv/bin/python -m tests.bench.rules_out_of_set --out R.json
    .venv/bin/python -m tests.bench.status_learning_curve R.json [--embed] [--texts]

The examples are those of tests/bench/train_tariff_status.py with --out-of-set over its SETS
(the twelve spent blind sets; nothing else is read). For each set H held out and each size k in
SIZES, DRAWS random subsets of k of the other eleven sets are drawn (all of them where there are
no more than DRAWS; the draws are seeded by H and k, so a run prints the same bytes), the
configuration is trained on their pairs and scored on H's pairs. Per k the table gives the
pooled accuracy over every (H, draw) (pairs right / pairs), the spread of the pooled figure of
one replicate (draw i of every H: one whole leave-one-set-out run at that size) as min-max and
standard deviation, the mean number of training pairs, and the out-of-set rules on the same
pairs (the same for every k). `--texts` draws fractions of the other sets' texts instead of
whole sets (FRACTIONS). `--embed` adds EMBED_CANDIDATE of tests/bench/train_tariff_embed.py.

Result: learned_tariff_results.md, "Learning curve".
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TypeVar

from tests.bench.train_tariff_status import (
    FEATURE_SETS,
    IN_SAMPLE,
    SETS,
    Config,
    Example,
    examples_of,
    load_docs,
    missing_texts,
)

SIZES = (1, 2, 4, 6, 8, 11)  # training sets, of the eleven others
FRACTIONS = (0.25, 0.5, 0.75, 1.0)  # of the other sets' texts
DRAWS = 10
SEED = 13
CONFIGS = (Config("words", 0.1, False), Config("words-norules", 0.1, False))

T = TypeVar("T")
# Trains on the first examples, decides the status of the second.
Trainer = Callable[[Sequence[Example], Sequence[Example]], list[str]]


def draw_subsets(items: Sequence[T], k: int, draws: int, seed: str) -> list[tuple[T, ...]]:
    """``draws`` distinct subsets of ``k`` of ``items`` (each in the items' order), drawn with a
    generator seeded by ``seed``; every subset, in order, when there are no more than
    ``draws``."""
    if not 0 < k <= len(items):
        raise ValueError(f"cannot draw {k} of {len(items)}")
    if math.comb(len(items), k) <= draws:
        return list(combinations(items, k))
    rng = random.Random(seed)
    seen: list[tuple[int, ...]] = []
    while len(seen) < draws:
        chosen = tuple(sorted(rng.sample(range(len(items)), k)))
        if chosen not in seen:
            seen.append(chosen)
    return [tuple(items[i] for i in chosen) for chosen in seen]


@dataclass(frozen=True)
class Run:
    """One model trained on one draw and scored on one held-out set."""

    held: str
    draw: int
    train_pairs: int
    pairs: int
    model_right: int
    rules_right: int


@dataclass(frozen=True)
class Point:
    """One size of the curve, pooled over held-out sets and draws."""

    size: str
    runs: int
    mean_train_pairs: float
    pooled: float
    low: float
    high: float
    sd: float
    rules: float


def pool(size: str, runs: Sequence[Run]) -> Point:
    """Pairs right over pairs across every run; the spread is over replicates (the runs of one
    draw index, pooled over the held-out sets); the rules' figure counts each held-out set
    once."""
    replicates: dict[int, list[Run]] = {}
    for run in runs:
        replicates.setdefault(run.draw, []).append(run)
    figures = [
        sum(r.model_right for r in group) / sum(r.pairs for r in group)
        for group in replicates.values()
    ]
    once = {run.held: run for run in runs}.values()
    return Point(
        size,
        len(runs),
        statistics.fmean(r.train_pairs for r in runs),
        sum(r.model_right for r in runs) / sum(r.pairs for r in runs),
        min(figures),
        max(figures),
        statistics.pstdev(figures),
        sum(r.rules_right for r in once) / sum(r.pairs for r in once),
    )


def table(points: Sequence[Point], unit: str) -> str:
    lines = [
        f"| {unit} | runs | mean training pairs | model pooled | replicates min–max | sd | rules |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in points:
        lines.append(
            f"| {p.size} | {p.runs} | {p.mean_train_pairs:.0f} | {p.pooled:.3f} | "
            f"{p.low:.3f}–{p.high:.3f} | {p.sd:.3f} | {p.rules:.3f} |"
        )
    return "\n".join(lines)


def _run(
    trainer: Trainer, held: str, draw: int, train: Sequence[Example], test: Sequence[Example]
) -> Run:
    decided = trainer(train, test)
    return Run(
        held,
        draw,
        len(train),
        len(test),
        sum(ex.gold == d for ex, d in zip(test, decided, strict=True)),
        sum(ex.gold == ex.rule for ex in test),
    )


def by_sets(examples: Sequence[Example], trainer: Trainer) -> list[Point]:
    names = [name for name, _g, _t in SETS]
    points = []
    for k in SIZES:
        runs = []
        for held in names:
            test = [ex for ex in examples if ex.doc.set_name == held]
            others = [n for n in names if n != held]
            for draw, subset in enumerate(draw_subsets(others, k, DRAWS, f"{SEED}/{held}/{k}")):
                train = [ex for ex in examples if ex.doc.set_name in subset]
                runs.append(_run(trainer, held, draw, train, test))
        points.append(pool(str(k), runs))
    return points


def by_texts(examples: Sequence[Example], trainer: Trainer) -> list[Point]:
    """The same with a fraction of the other sets' texts (those with a pair) drawn at random."""
    names = [name for name, _g, _t in SETS]
    points = []
    for fraction in FRACTIONS:
        runs = []
        for held in names:
            test = [ex for ex in examples if ex.doc.set_name == held]
            texts = sorted(
                {(ex.doc.set_name, ex.doc.ident) for ex in examples if ex.doc.set_name != held}
            )
            k = round(fraction * len(texts))
            for draw, subset in enumerate(
                draw_subsets(texts, k, DRAWS, f"{SEED}/{held}/texts/{fraction}")
            ):
                chosen = set(subset)
                train = [ex for ex in examples if (ex.doc.set_name, ex.doc.ident) in chosen]
                runs.append(_run(trainer, held, draw, train, test))
        points.append(pool(f"{fraction:.0%}", runs))
    return points


def words_trainer(config: Config) -> Trainer:
    feature_sets = {
        name: [t for t in templates if t not in IN_SAMPLE]
        for name, templates in FEATURE_SETS.items()
    }

    def trainer(train: Sequence[Example], test: Sequence[Example]) -> list[str]:
        model = config.model(feature_sets).fit(train)
        return [model.predict(ex.features) for ex in test]

    return trainer


def embed_trainer(examples: Sequence[Example]) -> tuple[str, Trainer]:
    from tests.bench.tariff_embed_features import Encoder
    from tests.bench.train_tariff_embed import EMBED_CANDIDATE, EmbedModel, embed_examples

    if EMBED_CANDIDATE is None:
        raise SystemExit("status_learning_curve: no EMBED_CANDIDATE is fixed")
    config = EMBED_CANDIDATE
    vectors = embed_examples(Encoder(), examples)

    def trainer(train: Sequence[Example], test: Sequence[Example]) -> list[str]:
        return EmbedModel(config).fit(train, vectors).predict(test, vectors)

    return config.label(), trainer


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "out_of_set", type=Path, help="the rules' rows before their tuning (rules_out_of_set.py)"
    )
    parser.add_argument("--embed", action="store_true", help="also EMBED_CANDIDATE")
    parser.add_argument("--texts", action="store_true", help="also the curve by texts")
    args = parser.parse_args(argv)
    missing = missing_texts()
    if missing:
        print(f"status_learning_curve: no texts at {', '.join(missing)}; nothing to do (skipped)")
        return 0
    out_of_set = json.loads(args.out_of_set.read_text(encoding="utf-8"))
    examples = examples_of(load_docs(SETS, out_of_set))
    print(f"{len(examples)} matched pairs over {len(SETS)} sets; draws {DRAWS}, seed {SEED}")
    trainers: list[tuple[str, Trainer]] = [(c.label(), words_trainer(c)) for c in CONFIGS]
    if args.embed:
        trainers.append(embed_trainer(examples))
    for label, trainer in trainers:
        print()
        print(f"{label}, by training sets (k of the 11 others):")
        print()
        print(table(by_sets(examples, trainer), "k sets"), flush=True)
        if args.texts:
            print()
            print(f"{label}, by a fraction of the 11 other sets' texts:")
            print()
            print(table(by_texts(examples, trainer), "texts"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

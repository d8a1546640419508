"""A learned tariff status decision, measured leave-one-set-out against the rules (issue 13).

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python -m tests.bench.train_tariff_status [--json OUT]

The examples are the three annotated blind sets: the gold in tests/fixtures/tariffs/blind,
blind2 and blind3, the texts (other people's prose, never committed) in /work/blind-texts,
/work/blind-texts2 and /work/blind-texts3. Each text is cleaned as `newsreader extract FILE`
cleans it and read by the real rules in process (tui.core.tariff_engine.read); the rules' rows
are matched to the gold as the scorer (tests/bench/score_tariffs.py) matches them, and every
matched pair is one example: the features of the predicted (country, rate)
(tests/bench/tariff_status_features.py) -> the gold status. The model is a multinomial logistic
regression (scikit-learn, lbfgs: deterministic) over binary named features; features seen in
fewer than MIN_COUNT training examples are dropped.

Evaluation: for each set, a model trained on the other two decides the status of that set's
matched pairs, and its status accuracy is printed beside the rules' on the same pairs (matching
depends on (country, rate) only, and both give one status per (country, rate)), per fold and
pooled. Every feature set in FEATURE_SETS is tried with every strength in STRENGTHS; the
configuration chosen is the best pooled accuracy (ties: the simpler feature set, then the
stronger regularisation), and the pooled confusion matrices are printed for the rules, the
chosen configuration and the best one that uses more than the rules' decision.

Mind what the folds compare: the rules were tuned on the first two sets (their status accuracy
there is in-sample), so only the third fold pits rules and model against each other out of set.
The script lists the texts each fold trained on.

Result (December 2026, 96 texts, 310 matched pairs): no configuration beats the rules pooled;
the chosen one is the rules' decision alone. See the lead's report for the full grid.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tests.bench.score_tariffs import STATUSES, Row, load_gold, match_rows, unique_rows
from tests.bench.tariff_status_features import Key, key_features, template_of
from tui.core.tariff_engine import read
from tui.core.tariff_story import dedupe
from tui.core.tariffs import mentions_tariffs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tariffs"
SETS = (
    ("blind", FIXTURES / "blind", Path("/work/blind-texts")),
    ("blind2", FIXTURES / "blind2", Path("/work/blind-texts2")),
    ("blind3", FIXTURES / "blind3", Path("/work/blind-texts3")),
)
_CORE = ["bias", "rule"]
_WORDING = [*_CORE, "raw", "sents", "change", "cb", "ca", "cs", "pv", "nx", "doc", "eff", "line"]
_STORY = [*_WORDING, "hc", "sib", "rank"]
_WORDS = [*_STORY, "l", "l1", "r"]
_ALL = [*_WORDS, "h"]
# Feature sets, simplest first, and the regularisation strengths (C: larger is weaker).
FEATURE_SETS: dict[str, list[str]] = {
    "rules": _CORE,
    "wording": _WORDING,
    "story": _STORY,
    "words": _WORDS,
    "all": _ALL,
    "crossed": [*_STORY, "x"],
    "crossed-words": [*_WORDS, "x"],
    # the same without the rules' decisions ("rule", "raw"): wording only
    "wording-norules": [t for t in _WORDING if t not in ("rule", "raw")],
    "story-norules": [t for t in _STORY if t not in ("rule", "raw")],
    "words-norules": [t for t in _WORDS if t not in ("rule", "raw")],
    "all-norules": [t for t in _ALL if t not in ("rule", "raw")],
}
STRENGTHS = (0.03, 0.1, 0.3, 1.0, 3.0)
MIN_COUNT = 2  # a feature seen in fewer training examples than this is dropped


@dataclass(frozen=True)
class Doc:
    """One annotated text as the rules read it."""

    set_name: str
    ident: str
    gold: tuple[Row, ...]
    rows: list[Row]  # the rules' rows, as the scorer counts them
    features: dict[Key, list[str]]


@dataclass(frozen=True)
class Example:
    doc: Doc
    key: Key
    features: list[str]
    gold: str
    rule: str


def cleaned(path: Path) -> str:
    """The text as `newsreader extract FILE` cleans it (tui.cli.articles.extract)."""
    from tui.core.page import main_text_from_html
    from tui.core.text import clean_text, strip_boilerplate

    raw = path.read_bytes().decode("utf-8", errors="replace")
    head = raw.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or any(
        tag in head for tag in ("<p>", "<p ", "<div", "<body", "<article")
    ):
        return main_text_from_html(raw)
    return strip_boilerplate(clean_text(raw))


def load_docs(sets: Sequence[tuple[str, Path, Path]]) -> list[Doc]:
    docs = []
    for set_name, gold_dir, texts in sets:
        for gold in load_gold(gold_dir):
            path = texts / f"{gold.ident}.txt"
            if not path.is_file():
                print(f"missing text: {path}", file=sys.stderr)
                continue
            text = cleaned(path)
            published = date.fromisoformat(gold.published)
            rows: list[Row] = []
            features: dict[Key, list[str]] = {}
            if mentions_tariffs(text):
                found = read(text, published)
                features = key_features(found.reading, found.settled, found.spans)
                rows = unique_rows(
                    Row(r.iso, r.rate_pct, r.rate_max_pct, r.status) for r in dedupe(found.settled)
                )
            docs.append(Doc(set_name, gold.ident, gold.tariffs, rows, features))
    return docs


def _key(row: Row) -> Key:
    return (row.iso or "", row.rate)


def examples_of(docs: Iterable[Doc]) -> list[Example]:
    out = []
    for doc in docs:
        for gold, predicted in match_rows(doc.gold, doc.rows).pairs:
            key = _key(predicted)
            out.append(Example(doc, key, doc.features[key], gold.status, predicted.status))
    return out


def restatus(doc: Doc, decide: dict[Key, str]) -> list[Row]:
    """The doc's rows with the model's statuses (one per (country, rate))."""
    return unique_rows(
        Row(r.iso, r.rate, r.rate_max, decide.get(_key(r), r.status)) for r in doc.rows
    )


class Model:
    """A multinomial logistic regression over binary named features (scikit-learn)."""

    def __init__(self, templates: Sequence[str], strength: float) -> None:
        self.templates = set(templates)
        self.strength = strength
        self.vocab: dict[str, int] = {}
        self.classes: list[str] = []
        self.coef: list[list[float]] = []
        self.intercept: list[float] = []

    def _keep(self, features: Iterable[str]) -> list[str]:
        return [f for f in features if template_of(f) in self.templates]

    def fit(self, examples: Sequence[Example]) -> Model:
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression

        counts = Counter(f for ex in examples for f in set(self._keep(ex.features)))
        names = sorted(f for f, n in counts.items() if n >= MIN_COUNT or f == "bias")
        self.vocab = {name: i for i, name in enumerate(names)}
        matrix = self._matrix(examples, csr_matrix)
        labels = [ex.gold for ex in examples]
        # The bias is a feature (regularised like the rest), so no separate intercept.
        fitted = LogisticRegression(C=self.strength, max_iter=10000, fit_intercept=False)
        fitted.fit(matrix, labels)
        self.classes = [str(c) for c in fitted.classes_]
        coef = fitted.coef_
        if len(self.classes) == 2:  # binary: one row of coefficients, for classes_[1]
            coef = [[-x / 2 for x in coef[0]], [x / 2 for x in coef[0]]]
        self.coef = [[float(x) for x in row] for row in coef]
        return self

    def _matrix(self, examples: Sequence[Example], csr_matrix: Any) -> Any:
        data, indices, indptr = [], [], [0]
        for ex in examples:
            cols = sorted({self.vocab[f] for f in self._keep(ex.features) if f in self.vocab})
            indices.extend(cols)
            data.extend([1.0] * len(cols))
            indptr.append(len(indices))
        return csr_matrix((data, indices, indptr), shape=(len(examples), len(self.vocab)))

    def predict(self, features: Sequence[str]) -> str:
        cols = [self.vocab[f] for f in set(self._keep(features)) if f in self.vocab]
        scores = [sum(row[c] for c in cols) for row in self.coef]
        return self.classes[max(range(len(scores)), key=scores.__getitem__)]


@dataclass
class Fold:
    held: str
    pairs: int
    rules_right: int
    model_right: int
    rules_confusion: Counter[tuple[str, str]]
    model_confusion: Counter[tuple[str, str]]


def evaluate(docs: Sequence[Doc], templates: Sequence[str], strength: float) -> list[Fold]:
    folds = []
    for held, _gold, _texts in SETS:
        train = examples_of(d for d in docs if d.set_name != held)
        model = Model(templates, strength).fit(train)
        fold = Fold(held, 0, 0, 0, Counter(), Counter())
        for doc in (d for d in docs if d.set_name == held):
            decide = {key: model.predict(feats) for key, feats in doc.features.items()}
            rules = match_rows(doc.gold, doc.rows).pairs
            learned = match_rows(doc.gold, restatus(doc, decide)).pairs
            assert len(rules) == len(learned)  # the same pairs: matching is by key
            fold.pairs += len(rules)
            for gold, predicted in rules:
                fold.rules_right += gold.status == predicted.status
                fold.rules_confusion[(gold.status, predicted.status)] += 1
            for gold, predicted in learned:
                fold.model_right += gold.status == predicted.status
                fold.model_confusion[(gold.status, predicted.status)] += 1
        folds.append(fold)
    return folds


def _acc(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "–"


def confusion_table(title: str, table: Counter[tuple[str, str]]) -> str:
    lines = [title, "", "| gold \\ predicted | " + " | ".join(STATUSES) + " |"]
    lines.append("|---|" + "---|" * len(STATUSES))
    for g in STATUSES:
        lines.append(f"| {g} | " + " | ".join(str(table[(g, p)]) for p in STATUSES) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, metavar="OUT", help="write every figure here")
    args = parser.parse_args(argv)
    missing = [str(texts) for _n, _g, texts in SETS if not texts.is_dir()]
    if missing:
        print(f"train_tariff_status: no texts at {', '.join(missing)}; nothing to do (skipped)")
        return 0
    docs = load_docs(SETS)
    examples = examples_of(docs)
    print(f"{len(docs)} texts, {len(examples)} matched pairs (examples)")
    print("gold statuses:", dict(Counter(ex.gold for ex in examples)))
    print()
    heads = [f"{name} rules / model" for name, _g, _t in SETS]
    print("| feature set | C | " + " | ".join(heads) + " | pooled rules / model |")
    print("|---|---|" + "---|" * (len(SETS) + 1))
    results: list[dict[str, Any]] = []
    best: tuple[int, int, float, str] | None = None
    by_config: dict[tuple[str, float], list[Fold]] = {}
    for rank, (name, templates) in enumerate(FEATURE_SETS.items()):
        for strength in STRENGTHS:
            folds = evaluate(docs, templates, strength)
            by_config[(name, strength)] = folds
            pairs = sum(f.pairs for f in folds)
            rules = sum(f.rules_right for f in folds)
            model = sum(f.model_right for f in folds)
            cells = [
                f"{_acc(f.rules_right, f.pairs)} / {_acc(f.model_right, f.pairs)}" for f in folds
            ]
            print(
                f"| {name} | {strength:g} | "
                + " | ".join(cells)
                + f" | {_acc(rules, pairs)} / {_acc(model, pairs)} |"
            )
            results.append(
                {
                    "features": name,
                    "C": strength,
                    "folds": {
                        f.held: {"pairs": f.pairs, "rules": f.rules_right, "model": f.model_right}
                        for f in folds
                    },
                    "pooled": {"pairs": pairs, "rules": rules, "model": model},
                }
            )
            # best pooled; ties go to the simpler set, then the stronger regularisation
            candidate = (model, -rank, -strength, name)
            if best is None or candidate > best:
                best = candidate
    assert best is not None
    chosen = (best[3], -best[2])
    learned = max(
        (k for k in by_config if k[0] != "rules"),
        key=lambda k: (sum(f.model_right for f in by_config[k]), -list(FEATURE_SETS).index(k[0])),
    )
    folds = by_config[chosen]
    pairs = sum(f.pairs for f in folds)
    print()
    print(f"chosen by the pooled figure: features={chosen[0]} C={chosen[1]:g}")
    print(f"best using more than the rules' decision: features={learned[0]} C={learned[1]:g}")
    print(
        "pooled status accuracy: rules "
        + _acc(sum(f.rules_right for f in folds), pairs)
        + ", chosen "
        + _acc(sum(f.model_right for f in folds), pairs)
        + ", best learned "
        + _acc(sum(f.model_right for f in by_config[learned]), pairs)
    )
    for title, config, field in (
        ("Rules", chosen, "rules_confusion"),
        (f"Chosen ({chosen[0]}, C={chosen[1]:g})", chosen, "model_confusion"),
        (f"Best learned ({learned[0]}, C={learned[1]:g})", learned, "model_confusion"),
    ):
        pooled: Counter[tuple[str, str]] = Counter()
        for fold in by_config[config]:
            pooled.update(getattr(fold, field))
        print()
        print(confusion_table(f"{title}, pooled over the three folds:", pooled))
    print()
    for held, _g, _t in SETS:
        names = sorted({f"{d.ident}" for d in docs if d.set_name != held})
        print(f"fold {held}: trained on {len(names)} texts: {' '.join(names)}")
    if args.json:
        payload = {"results": results, "chosen": list(chosen), "best_learned": list(learned)}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

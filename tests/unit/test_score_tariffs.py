"""The blind-set scorer: row matching, the status confusion, entity names, and its skip path."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.bench import score_tariffs as st
from tests.bench.score_tariffs import Entity, Row


def test_rows_match_once_on_iso_and_rate_same_status_first() -> None:
    gold = [
        Row("JP", 15, None, "agreed"),
        Row("JP", 25, None, "other"),
        Row("GB", 10, None, "agreed"),
        Row("GB", 10, None, "imposed"),
    ]
    predicted = [
        Row("GB", 10, None, "imposed"),
        Row("JP", 15, None, "imposed"),
        Row("JP", 25, None, "other"),
        Row("FR", 20, None, "threatened"),
    ]
    m = st.match_rows(gold, predicted)
    assert sorted((g.label(), p.status) for g, p in m.pairs) == [
        ("GB 10% imposed", "imposed"),
        ("JP 15% agreed", "imposed"),
        ("JP 25% other", "other"),
    ]
    assert [g.label() for g in m.missed] == ["GB 10% agreed"]
    assert [p.label() for p in m.spurious] == ["FR 20% threatened"]
    assert st.prf(len(m.pairs), len(predicted), len(gold)) == (0.75, 0.75, 0.75)


def test_confusion_counts_gold_rows_against_predicted_columns() -> None:
    pairs = [
        (Row("JP", 15, None, "agreed"), Row("JP", 15, None, "imposed")),
        (Row("JP", 25, None, "other"), Row("JP", 25, None, "other")),
        (Row("CA", 35, None, "threatened"), Row("CA", 35, None, "imposed")),
    ]
    table = st.confusion(pairs)
    assert list(table) == list(st.STATUSES)
    assert table["agreed"]["imposed"] == 1
    assert table["threatened"]["imposed"] == 1
    assert table["other"]["other"] == 1
    assert sum(sum(row.values()) for row in table.values()) == 3


def test_rate_rounding_upper_bound_ignored_duplicates_and_missing_iso() -> None:
    gold = [Row("CN", 7.5, None, "agreed"), Row("US", 5, 10, "imposed")]
    predicted = st.unique_rows(
        [
            Row("CN", 7.50001, None, "agreed"),
            Row("CN", 7.5, None, "agreed"),
            Row("US", 5, None, "imposed"),
            Row(None, 30, None, "imposed"),
        ]
    )
    assert len(predicted) == 3
    m = st.match_rows(gold, predicted)
    assert len(m.pairs) == 2
    assert [p.label() for p in m.spurious] == ["?? 30% imposed"]
    assert not m.missed


def test_entity_names_are_normalised_and_a_surname_joins_a_full_name() -> None:
    assert st.normalise_name("U.S. Trade Representative") == st.normalise_name(
        "US Trade Representative"
    )
    assert st.normalise_name("Karin Keller\u2011Sutter") == "karin keller-sutter"
    assert st.normalise_name("Nestlé") == st.normalise_name("NESTLE")
    gold = [
        Entity("Trump", "PERSON"),
        Entity("European Union", "ORG"),
        Entity("Bern", "GPE"),
    ]
    predicted = [
        Entity("Donald Trump", "PERSON"),
        Entity("the European Union", "ORG"),
        Entity("Bern", "ORG"),
    ]
    m = st.match_entities(gold, predicted)
    assert m.matched == 2
    assert m.missed == [Entity("Bern", "GPE")]
    assert m.spurious == [Entity("Bern", "ORG")]


def test_missing_texts_folder_is_skipped_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert st.main(["--half", "tune", "--texts", str(tmp_path / "absent")]) == 0
    assert "nothing to score" in capsys.readouterr().out


def test_details_refused_for_the_heldout_half(tmp_path: Path) -> None:
    assert st.main(["--half", "heldout", "--details", "--texts", str(tmp_path)]) == 2


def test_scores_one_synthetic_text_through_the_installed_command(tmp_path: Path) -> None:
    if st.newsreader_command() is None:
        pytest.skip("the newsreader command is not installed in this environment")
    gold_dir, texts = tmp_path / "gold", tmp_path / "texts"
    gold_dir.mkdir()
    texts.mkdir()
    (texts / "b01.txt").write_text(
        "Ottawa said on Monday that the duties were unfair. Canada was hit with a 35% tariff "
        "that took effect on Friday, the finance ministry said.\n",
        encoding="utf-8",
    )
    gold = {
        "source": "synthetic",
        "published": "2025-08-04",
        "half": "tune",
        "tariffs": [
            {
                "country": "Canada",
                "iso": "CA",
                "rate_pct": 35,
                "rate_max_pct": None,
                "status": "imposed",
            }
        ],
        "entities": [{"name": "Ottawa", "label": "GPE"}, {"name": "Canada", "label": "GPE"}],
    }
    (gold_dir / "b01.json").write_text(json.dumps(gold), encoding="utf-8")
    out = tmp_path / "figures.json"
    args = ["--half", "tune", "--gold", str(gold_dir), "--texts", str(texts), "--json", str(out)]
    assert st.main(args) == 0
    fig = json.loads(out.read_text(encoding="utf-8"))
    assert fig["texts"] == 1 and fig["errors"] == 0
    assert fig["tariffs"]["gold_rows"] == 1
    assert fig["tariffs"]["matched"] + sum(fig["tariffs"]["missed_by_gold_status"].values()) == 1
    assert fig["entities"]["texts"] == 1 and fig["entities"]["gold"] == 2
    assert fig["time_ms"]["cli_wall_median"] > 0
    assert "details" not in fig


def test_committed_blind_gold_is_well_formed() -> None:
    docs = st.load_gold(st.BLIND)
    assert len(docs) >= 24
    halves = [d.half for d in docs]
    assert set(halves) == set(st.HALVES)
    assert abs(halves.count("tune") - halves.count("heldout")) <= 1
    for d in docs:
        assert d.source.startswith(("http://", "https://")), d.ident
        assert d.sha256 is not None and len(d.sha256) == 64, d.ident
        keys = [(r.iso, r.rate, r.status) for r in d.tariffs]
        assert len(keys) == len(set(keys)), d.ident
        for r in d.tariffs:
            assert r.status in st.STATUSES, d.ident
            assert r.iso is not None and len(r.iso) == 2 and r.iso.isupper(), d.ident
            assert r.rate_max is None or r.rate_max > r.rate, d.ident
        for e in d.entities or ():
            assert e.label in st.LABELS, d.ident
    with_entities = [d for d in docs if d.entities is not None]
    for half in st.HALVES:
        assert sum(1 for d in with_entities if d.half == half) >= 5


def test_gold_files_are_any_letter_and_digits(tmp_path: Path) -> None:
    row = {"country": "Japan", "iso": "JP", "rate_pct": 15, "rate_max_pct": None}
    for name, half in (("c01", "heldout"), ("b02", "tune"), ("figures", "tune")):
        gold = {
            "source": "synthetic",
            "published": "2025-07-23",
            "half": half,
            "tariffs": [{**row, "status": "agreed"}],
        }
        (tmp_path / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    assert [d.ident for d in st.load_gold(tmp_path)] == ["b02", "c01"]


def test_second_blind_set_is_well_formed_and_all_held_out() -> None:
    first = st.load_gold(st.BLIND)
    second = st.load_gold(st.BLIND.parent / "blind2")
    assert len(second) >= 30
    assert {d.half for d in second} == {"heldout"}
    assert all(d.ident.startswith("c") for d in second)
    sources = [d.source for d in second]
    assert len(sources) == len(set(sources))
    assert not set(sources) & {d.source for d in first}
    _assert_annotated(second)


def _assert_annotated(docs: list[st.GoldDoc]) -> None:
    """Each text has its address and hash, rows by the rubric's fields (one per key), and at
    least ten texts have entity gold."""
    for d in docs:
        assert d.source.startswith(("http://", "https://")), d.ident
        assert d.sha256 is not None and len(d.sha256) == 64, d.ident
        keys = [(r.iso, r.rate, r.status) for r in d.tariffs]
        assert len(keys) == len(set(keys)), d.ident
        for r in d.tariffs:
            assert r.status in st.STATUSES, d.ident
            assert r.iso is not None and len(r.iso) == 2 and r.iso.isupper(), d.ident
            assert r.rate_max is None or r.rate_max > r.rate, d.ident
        for e in d.entities or ():
            assert e.label in st.LABELS, d.ident
    assert sum(1 for d in docs if d.entities is not None) >= 10


def _domain(source: str) -> str:
    host = urlsplit(source.split()[0]).hostname or ""
    return host.removeprefix("www.")


@pytest.mark.parametrize(
    ("folder", "letter"),
    [(f"blind{n}", letter) for n, letter in zip(range(3, 16), "defghijklmnop", strict=True)],
)
def test_later_blind_sets_are_well_formed_new_and_all_held_out(folder: str, letter: str) -> None:
    """Each set from the third on: held out whole, its own letter, no address domain of any
    earlier set, one domain per text."""
    names = ["blind", "blind2", *(f"blind{n}" for n in range(3, 16))]
    earlier = [d for n in names[: names.index(folder)] for d in st.load_gold(st.BLIND.parent / n)]
    docs = st.load_gold(st.BLIND.parent / folder)
    assert len(docs) >= 24
    assert {d.half for d in docs} == {"heldout"}
    assert all(d.ident.startswith(letter) for d in docs)
    domains = {_domain(d.source) for d in docs}
    assert len(domains) == len(docs)
    assert not domains & {_domain(d.source) for d in earlier}
    _assert_annotated(docs)

"""Two annotations compared: Cohen's kappa, pairing by name, the row and entity sums."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bench import annotator_agreement as aa
from tests.bench.score_tariffs import STATUSES, Entity, GoldDoc, Row


def _table(cells: dict[tuple[str, str], int]) -> dict[str, dict[str, int]]:
    table = {a: dict.fromkeys(STATUSES, 0) for a in STATUSES}
    for (a, b), n in cells.items():
        table[a][b] = n
    return table


def _doc(ident: str, rows: list[Row], entities: list[Entity] | None = None) -> GoldDoc:
    return GoldDoc(
        ident=ident,
        source="",
        published="",
        half="heldout",
        sha256=None,
        tariffs=tuple(rows),
        entities=tuple(entities) if entities is not None else None,
    )


def test_kappa_of_a_two_label_table() -> None:
    # 50 pairs: observed agreement 35/50 = 0.7; the first says imposed 25 times, the second 30,
    # so chance agreement is (25*30 + 25*20) / 50^2 = 0.5 and kappa is (0.7-0.5)/(1-0.5) = 0.4.
    table = _table(
        {
            ("imposed", "imposed"): 20,
            ("imposed", "threatened"): 5,
            ("threatened", "imposed"): 10,
            ("threatened", "threatened"): 15,
        }
    )
    assert aa.cohen_kappa(table) == pytest.approx(0.4)


def test_kappa_is_one_for_full_agreement_and_below_zero_for_systematic_disagreement() -> None:
    full = _table({("imposed", "imposed"): 7, ("agreed", "agreed"): 3, ("other", "other"): 2})
    assert aa.cohen_kappa(full) == pytest.approx(1.0)
    swapped = _table({("imposed", "threatened"): 4, ("threatened", "imposed"): 4})
    assert aa.cohen_kappa(swapped) == pytest.approx(-1.0)


def test_kappa_is_undefined_for_an_empty_table_and_for_a_single_shared_label() -> None:
    assert aa.cohen_kappa(_table({})) is None
    assert aa.cohen_kappa(_table({("imposed", "imposed"): 9})) is None


def test_pairing_is_by_file_name_and_reports_the_unpaired() -> None:
    first = [_doc("m02", []), _doc("m01", []), _doc("m03", [])]
    second = [_doc("m03", []), _doc("m01", []), _doc("m04", [])]
    p = aa.pair_by_name(first, second)
    assert [(a.ident, b.ident) for a, b in p.both] == [("m01", "m01"), ("m03", "m03")]
    assert p.only_first == ["m02"]
    assert p.only_second == ["m04"]


def test_rows_match_within_a_text_only_and_entities_only_where_both_annotated() -> None:
    first = [
        _doc("l01", [Row("US", 25, None, "imposed"), Row("CN", 10, None, "other")]),
        _doc("l02", [Row("CA", 25, None, "threatened")], [Entity("Donald Trump", "PERSON")]),
    ]
    second = [
        # the CA 25 here is in the wrong text, so it cannot pair with l02's
        _doc("l01", [Row("US", 25, None, "threatened"), Row("CA", 25, None, "threatened")]),
        _doc(
            "l02",
            [Row("CA", 25, None, "threatened"), Row("CA", 25, None, "threatened")],
            [Entity("Trump", "PERSON"), Entity("Ottawa", "GPE")],
        ),
    ]
    a = aa.agreement(aa.pair_by_name(first, second))
    assert (a.texts, a.rows_first, a.rows_second) == (2, 3, 3)
    assert sorted((g.iso, g.status, s.status) for g, s in a.pairs) == [
        ("CA", "threatened", "threatened"),
        ("US", "imposed", "threatened"),
    ]
    assert (a.entity_texts, a.entities_first, a.entities_second, a.entities_matched) == (1, 1, 2, 1)


def test_main_prints_the_figures_for_two_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def write(folder: Path, rows: list[dict[str, object]]) -> None:
        folder.mkdir()
        doc = {"source": None, "published": None, "half": "heldout", "tariffs": rows}
        (folder / "x01.json").write_text(json.dumps(doc), encoding="utf-8")

    row = {"country": "Japan", "iso": "JP", "rate_pct": 15, "rate_max_pct": None}
    write(tmp_path / "a", [{**row, "status": "agreed"}])
    write(tmp_path / "b", [{**row, "status": "imposed"}])
    assert aa.main(["--first", str(tmp_path / "a"), "--second", str(tmp_path / "b")]) == 0
    out = capsys.readouterr().out
    assert "| tariffs | 1 | 1 | 1 | 100.0% | 100.0% | 100.0% |" in out
    assert "status agreement on matched pairs: 0/1 (0.0%)" in out
    assert "| agreed | 0 | 1 | 0 | 0 | 0 |" in out


def test_main_refuses_a_missing_folder(tmp_path: Path) -> None:
    assert aa.main(["--first", str(tmp_path / "none"), "--second", str(tmp_path)]) == 2

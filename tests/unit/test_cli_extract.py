"""`newsreader extract` and `newsreader tariffs`: the seed article, and the tracker export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, reply, serve
from tui.cli import run


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_seed_json(home: Path, seed_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))
    code, out, err = _run(
        capsys, "extract", str(seed_dir / "article.txt"), "--json", "--date", "2025-07-10"
    )
    assert code == 0, err
    result = json.loads(out)
    got = {(t["country"], t["rate_pct"], t["status"], t["effective"]) for t in result["tariffs"]}
    want = {(t["country"], t["rate_pct"], t["status"], t["effective"]) for t in expected["tariffs"]}
    optional = {
        (t["country"], t["rate_pct"], t["status"], "2025-08-01")
        for t in expected["also_acceptable"]["tariffs"]
    } | {
        (t["country"], t["rate_pct"], t["status"], None)
        for t in expected["also_acceptable"]["tariffs"]
    }
    assert want <= got
    assert got - want <= optional
    names = {(e["label"], e["name"]) for e in result["entities"]}
    for label, wanted in expected["entities"].items():
        for name in wanted:
            assert (label, name) in names
    assert all(isinstance(e["mentions"], int) and e["mentions"] > 0 for e in result["entities"])
    # The "You may also like" tail is dropped before extraction.
    assert not any("Meghan" in e["name"] or "Patna" in e["name"] for e in result["entities"])


def test_extract_text_drops_the_tail(
    home: Path, seed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "extract", str(seed_dir / "article.txt"), "--text")
    assert code == 0
    assert "Kuala Lumpur | US Secretary of State" in out
    assert "You may also like" not in out and "Patna" not in out


def test_extract_reads_stdin(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "sys.stdin",
        io.TextIOWrapper(io.BytesIO(b"Brazil faces a 50% tariff, President Lula da Silva said.")),
    )
    code, out, _ = _run(capsys, "extract", "-", "--json")
    assert code == 0
    rows = json.loads(out)["tariffs"]
    assert [(r["country"], r["iso"], r["rate_pct"]) for r in rows] == [("Brazil", "BR", 50)]


_CAFE = (
    "Caf\u00e9 owners in Z\u00fcrich said the United States imposed a 25% tariff on Swiss"
    " cheese \u2013 \u20ac5 billion of trade, said Jos\u00e9 Mart\u00ednez."
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        (
            "saved.html",
            f'<html><head><meta charset="windows-1252"></head><body><article><p>{_CAFE}</p>'
            "</article></body></html>".encode("cp1252"),
        ),
        ("notepad.txt", _CAFE.encode("utf-16")),
        ("bom.txt", _CAFE.encode("utf-8-sig")),
    ],
    ids=["windows-1252 page", "UTF-16 text", "UTF-8 text with a BOM"],
)
def test_extract_reads_a_file_in_its_own_encoding(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes
) -> None:
    """A page saved in windows-1252 or a UTF-16 text file was read as UTF-8: Caf\ufffd, and
    Jos\u00e9 Mart\u00ednez was no longer found (the same page fetched by URL was read right)."""
    source = tmp_path / name
    source.write_bytes(data)
    code, out, err = _run(capsys, "extract", str(source), "--text")
    assert code == 0, err
    assert out.strip() == _CAFE
    code, out, err = _run(capsys, "extract", str(source), "--json")
    assert code == 0, err
    assert ("PERSON", "Jos\u00e9 Mart\u00ednez") in {
        (e["label"], e["name"]) for e in json.loads(out)["entities"]
    }


def test_extract_of_a_text_served_as_text_plain_reads_it_as_the_file_is_read(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``extract URL`` of a .txt page said "no article text found": the text was handed to
    the HTML extractor, which finds no article without markup; the same file was read."""
    routes = {
        "/cafe.txt": reply(200, _CAFE.encode(), {"Content-Type": "text/plain; charset=utf-8"}),
        "/mislabelled": reply(
            200,
            f"<html><body><article><p>{_CAFE}</p></article></body></html>".encode(),
            {"Content-Type": "text/plain; charset=utf-8"},
        ),
    }
    with serve(routes=routes) as server:
        for path in ("cafe.txt", "mislabelled"):
            code, out, err = _run(capsys, "extract", server.url(path), "--text")
            assert (code, err, out.strip()) == (0, "", _CAFE)


def test_extract_of_a_binary_file_is_refused(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``extract /bin/ls`` printed "Organisations: ABC (8), Deutsche Welle (3)", names made of
    the bytes of a program, as if it were an article."""
    source = tmp_path / "picture.png"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR UN EU ABC DW " * 50)
    code, out, err = _run(capsys, "extract", str(source))
    assert (code, out) == (2, "")
    assert err == f"newsreader: {source} is not a text or HTML file (it holds binary data)\n"


def test_extract_without_the_configured_backend_uses_the_rules(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``entity_backend = "spacy"`` where spaCy cannot load: one line says so, the rules run."""
    import sys

    from tui.core.entities import backends
    from tui.paths import resolve

    monkeypatch.setattr(backends, "_BACKENDS", {})
    monkeypatch.setitem(sys.modules, "spacy", None)  # import fails even where spaCy exists
    config = resolve().config_file
    config.parent.mkdir(parents=True)
    config.write_text('entity_backend = "spacy"\n', encoding="utf-8")
    text = tmp_path / "article.txt"
    text.write_text("Brazil faces a 50% tariff, President Lula da Silva said.", encoding="utf-8")
    code, out, err = _run(capsys, "extract", str(text), "--json")
    assert code == 0
    assert err.count("\n") == 1 and "spaCy" in err and "using the built-in rules" in err
    names = {(e["label"], e["name"]) for e in json.loads(out)["entities"]}
    assert ("GPE", "Brazil") in names and ("PERSON", "Lula da Silva") in names


def test_tariffs_across_the_cache(
    home: Path, capsys: pytest.CaptureFixture[str], corpus_server: FeedServer
) -> None:
    for name in ("npr-news-2025-07-17.xml", "npr-news-2025-08-01.xml"):
        assert _run(capsys, "add", corpus_server.url(name))[0] == 0
    assert _run(capsys, "refresh")[0] == 0
    code, out, err = _run(capsys, "tariffs", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows, "the NPR tariff stories report rates"
    assert all(r["country"] and r["iso"] and float(r["rate_pct"]) > 0 for r in rows)
    assert all(r["evidence"] and r["article_title"] for r in rows)
    one = rows[0]["country"]
    code, out, _ = _run(capsys, "tariffs", "--format", "json", "--country", one)
    assert code == 0
    assert {r["country"] for r in json.loads(out)} == {one}
    code, out, _ = _run(capsys, "tariffs", "--since", "2030-01-01")
    assert "no tariff rates" in out

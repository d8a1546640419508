"""`newsreader tariffs` with nothing to show says why: no rates for that country, or none yet."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.cli import run
from tui.cli.tariff_changes import NONE_WATCHED
from tui.core.models import ParsedArticle
from tui.core.watching import Watch
from tui.paths import resolve
from tui.store.repository import Repository


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = run(list(argv))
    return code, capsys.readouterr().out


def _store(url: str, title: str, article: ParsedArticle) -> None:
    """A feed at ``url`` titled ``title`` with ``article`` stored, in the home's database."""
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        feed = repo.add_feed(url, title=title)
        repo.store_articles(feed.id, [article])
    finally:
        repo.close()


def _seed_brazil() -> None:
    _store(
        "http://127.0.0.1:9/trade.xml",
        "Trade Desk",
        ParsedArticle(
            guid="br",
            link="https://news.example.org/br",
            title="Brazil faces a 50% tariff",
            published=datetime(2025, 7, 10, 12, tzinfo=UTC),
            content_html="<p>Brazil faces a 50% tariff, President Lula da Silva said.</p>",
        ),
    )


def test_a_country_without_rates_is_named(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _seed_brazil()
    code, out = _run(capsys, "tariffs", "--country", "VN")
    assert code == 0
    assert out.strip() == "no rates for Vietnam"
    code, out = _run(capsys, "tariffs", "--country", "Brazil")
    assert code == 0 and "Brazil" in out and "50%" in out
    code, out = _run(capsys, "tariffs", "--country", "Brazil", "--since", "2026-01-01")
    assert out.strip() == "no tariff rates since 2026-01-01"


def test_an_empty_cache_says_so(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, "tariffs", "--country", "VN")
    assert code == 0
    assert (
        out.strip()
        == "no tariff rates from your feeds yet (the demo's fictional ones are left out)"
    )


def test_an_undated_report_keeps_the_table_in_its_columns(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A feed item without a date (common enough) is shown "?" and padded like a date."""
    _seed_brazil()
    _store(
        "http://127.0.0.1:9/undated.xml",
        "Undated Desk",
        ParsedArticle(guid="ca", title="Canada", content_html="<p>Canada faces a 35% tariff.</p>"),
    )
    code, out = _run(capsys, "tariffs")
    header, *rows = out.splitlines()
    assert code == 0 and len(rows) == 2
    column = header.index("country")
    assert sorted(row[column:].split()[0] for row in rows) == ["Brazil", "Canada"]


def test_watched_without_rates_says_so(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--watched with no watched country among the rows is not "none in the cache"; with no
    country watched at all it says that ("no rates of watched countries" sent the user
    looking for rates, not for the w key)."""
    _seed_brazil()
    for argv in (["tariffs", "--watched"], ["tariffs", "--changes", "--watched"]):
        code, out = _run(capsys, *argv)
        assert (code, out) == (0, NONE_WATCHED + "\n"), argv
    repo = Repository(resolve().database)
    try:
        repo.set_watched(Watch.country("Canada"), True)
    finally:
        repo.close()
    code, out = _run(capsys, "tariffs", "--watched")
    assert code == 0
    assert out.strip() == "no tariff rates of watched countries"
    code, out = _run(capsys, "tariffs", "--watched", "--since", "2025-01-01")
    assert out.strip() == "no tariff rates of watched countries since 2025-01-01"


def test_a_long_title_is_cut_to_the_columns_it_takes(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Titles were cut at 60 characters: 60 wide (CJK) characters took 120 columns and
    wrapped the row; a cut title now ends with "…" within 60 columns."""
    _store(
        "http://127.0.0.1:9/nikkei.xml",
        "Tokyo Desk",
        ParsedArticle(
            guid="jp",
            title="日本への関税は二十五パーセントに引き上げられると大統領が書簡で通知した" * 2,
            published=datetime(2025, 7, 8, 9, tzinfo=UTC),
            content_html="<p>Japan faces a 25% tariff from August 1, the letter said.</p>",
        ),
    )
    code, out = _run(capsys, "tariffs")
    header, row = out.splitlines()
    title = row[row.index("Japan") :].split("  ")[-1]
    assert code == 0 and title.endswith("…")
    assert cell_len(title) <= 60


def test_a_long_country_name_keeps_the_tables_in_their_columns(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The country column was 20 characters: a row for Bosnia and Herzegovina (22) pushed
    its rate, status and title two columns right of the header's and of the other rows'."""
    _seed_brazil()
    text = "<p>Bosnia and Herzegovina faces a 35% tariff, the White House said.</p>"
    _store(
        "http://127.0.0.1:9/balkans.xml",
        "Balkan Desk",
        ParsedArticle(
            guid="ba",
            title="Sarajevo braces",
            published=datetime(2025, 7, 12, 9, tzinfo=UTC),
            content_html=text,
        ),
    )
    code, out = _run(capsys, "tariffs")
    header, *rows = out.splitlines()
    assert code == 0 and len(rows) == 2
    assert {row.index("%") for row in rows} == {header.index("rate") + 3}
    code, out = _run(capsys, "tariffs", "--changes")
    assert code == 0 and len({row.index("->") for row in out.splitlines()}) == 1


def test_a_range_keeps_the_changes_in_their_columns(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old and new rates of tariffs --changes were padded to 16 characters: a range with
    its status ("10-25% threatened", 17) pushed the arrow and the source out of line."""
    _seed_brazil()
    text = (
        "<p>The United States will impose tariffs of between 10% and 25% on goods from"
        " Brazil from 1 March 2027, the White House said.</p>"
    )
    _store(
        "http://127.0.0.1:9/range.xml",
        "Range Desk",
        ParsedArticle(
            guid="range",
            title="Brazil faces a range",
            published=datetime(2025, 8, 12, 9, tzinfo=UTC),
            content_html=text,
        ),
    )
    code, out = _run(capsys, "tariffs", "--changes")
    rows = out.splitlines()
    assert code == 0 and len(rows) == 2 and "10-25% threatened" in rows[1]
    assert len({row.index("->") for row in rows}) == 1
    assert len({row.index("Desk") for row in rows}) == 1


@pytest.mark.parametrize("name", ["EU", "european union"])
def test_latest_finds_a_bloc_as_the_rows_do(
    home: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """tariffs --country EU listed the European Union's rows, but with --latest it said "no
    rates for EU": the latest rates were matched by their exact name, not as the rows are
    (the name or the code, in any case)."""
    text = "<p>The United States will impose a 30% tariff on goods from the European Union.</p>"
    _store(
        "http://127.0.0.1:9/brussels.xml",
        "Brussels Desk",
        ParsedArticle(
            guid="eu",
            title="Brussels braces",
            published=datetime(2025, 7, 12, 9, tzinfo=UTC),
            content_html=text,
        ),
    )
    code, rows = _run(capsys, "tariffs", "--country", name)
    assert code == 0 and "European Union" in rows
    code, latest = _run(capsys, "tariffs", "--country", name, "--latest")
    assert code == 0 and latest == rows

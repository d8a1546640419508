"""Tariff rows without extracting during a refresh: the cheap gate, the once-per-article check
(`extract_new_tariffs`, `catch_up_tariffs`) and `newsreader refresh` then `newsreader tariffs`."""

from __future__ import annotations

import html
import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import rss_feed
from tests.feedserver import reply, serve
from tui.cli import run
from tui.core.models import Extraction, ParsedArticle
from tui.core.tariffs import could_state_tariffs, extract_tariffs, is_target_name
from tui.core.text import article_text, html_to_text
from tui.services.extraction import catch_up_tariffs, extract_new_tariffs, extraction_for
from tui.services.versions import EXTRACTOR_VERSION, TARIFF_SCAN_VERSION
from tui.store.repository import Repository

TARIFF_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tariffs"

# Invented reports (not from any real outlet).
TARIFF_HTML = (
    "<p>Officials in the capital said on Monday that <b>Brazil</b> will face a 50% tariff on"
    " coffee from August 1.</p><p>Separately, Vietnam agreed to a 20&nbsp;per cent levy.</p>"
)
PLAIN_HTML = "<p>The harbour festival drew record crowds; 40% more boats than last year.</p>"
NO_COUNTRY_HTML = "<p>Tariff talk: a 25% duty on widgets, union and central bank say.</p>"


def _variants(text: str) -> Iterator[tuple[str, bool]]:
    """(body, is markup) forms of one plain text, as feeds carry it."""
    yield text, False
    paras = [p for p in text.split("\n\n") if p.strip()]
    yield "".join(f"<p>{html.escape(p)}</p>" for p in paras), True
    # Inline markup inside words and entities for the spaces, as CMSes produce.
    marked = html.escape(text).replace("%", "<b>%</b>").replace(" per cent", "&nbsp;per cent")
    marked = marked.replace("an", "a<span>n</span>").replace("\n\n", "</li><li>")
    yield f"<ul><li>{marked}</li></ul>", True
    yield html.escape(text).replace("\n\n", "<br><br>").replace("ia", "i\u00ada"), True


def test_the_gate_never_drops_an_article_that_states_a_rate() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(TARIFF_FIXTURES.glob("*.txt"))]
    assert len(texts) > 10
    checked = 0
    for text in texts:
        for body, markup in _variants(text):
            extracted = html_to_text(body) if markup else text
            if extract_tariffs(extracted):
                checked += 1
                assert could_state_tariffs(body, markup=markup), body[:200]
    assert checked >= len(texts)  # every fixture states some rate, in most of its forms


def test_the_gate_passes_little_else() -> None:
    assert could_state_tariffs(TARIFF_HTML)
    assert not could_state_tariffs(PLAIN_HTML)  # a rate, no tariff word
    assert not could_state_tariffs(NO_COUNTRY_HTML)  # no country ("union", "central" alone)
    assert not could_state_tariffs("<p>A tariff on Brazil, no figure given.</p>")
    assert not could_state_tariffs("")
    # Multi-word names need every word: "South" alone names nobody, "South Korea" does.
    assert not could_state_tariffs("<p>South coast duty of 5% on fish.</p>")
    assert could_state_tariffs("<p>South Korea faces a 25% duty.</p>")
    # Plain text is not read as markup: "<" starts no tag there.
    assert could_state_tariffs("a < b; Japan: 15% tariff > 10", markup=False)


def test_target_names() -> None:
    assert is_target_name("Brazil") and is_target_name("brazil")
    assert is_target_name("European Union") and is_target_name("EU") and is_target_name("eu")
    assert not is_target_name("Atlantis")


def _store(repo: Repository, bodies: list[str]) -> list[int]:
    feed = repo.add_feed("https://news.example.test/feed")
    when = datetime(2025, 7, 20, 9, tzinfo=UTC)
    articles = [
        ParsedArticle(guid=f"g{i}", title=f"Story {i}", link="", published=when, content_html=b)
        for i, b in enumerate(bodies)
    ]
    return repo.store_articles(feed.id, articles)


def test_each_article_is_checked_once(repo: Repository) -> None:
    tariff, plain, no_country = _store(repo, [TARIFF_HTML, PLAIN_HTML, NO_COUNTRY_HTML])
    assert set(repo.unextracted_ids(EXTRACTOR_VERSION)) == {tariff, plain, no_country}
    assert extract_new_tariffs(repo, [tariff, plain, no_country]) == 1
    rows = repo.tariff_history()
    assert {(t.row.country, t.row.rate_pct) for t in rows} == {("Brazil", 50.0), ("Vietnam", 20.0)}
    assert {t.article_id for t in rows} == {tariff}
    assert repo.unextracted_ids(EXTRACTOR_VERSION) == []  # all three are marked as checked
    assert repo.extraction_versions([tariff, plain]) == {
        tariff: TARIFF_SCAN_VERSION,
        plain: TARIFF_SCAN_VERSION,
    }
    assert extract_new_tariffs(repo, [tariff, plain, no_country]) == 0  # nothing to do again

    # Opening the article does the full extraction (entities too), replacing the mark; the
    # rows are the same, and a later check leaves that extraction alone.
    article = repo.article(tariff)
    assert article is not None
    full = extraction_for(repo, article)
    assert full.version == EXTRACTOR_VERSION and full.entities
    assert full.text == article_text(article)
    assert repo.extraction_versions([tariff]) == {tariff: EXTRACTOR_VERSION}
    assert {(t.row.country, t.row.rate_pct) for t in repo.tariff_history()} == {
        ("Brazil", 50.0),
        ("Vietnam", 20.0),
    }
    assert extract_new_tariffs(repo, [tariff]) == 0
    assert repo.extraction(tariff, EXTRACTOR_VERSION) == full


def test_a_scan_never_replaces_a_full_extraction(repo: Repository) -> None:
    [tariff] = _store(repo, [TARIFF_HTML])
    article = repo.article(tariff)
    assert article is not None
    full = extraction_for(repo, article)
    repo.save_tariff_scans([(tariff, ())], version=TARIFF_SCAN_VERSION, keep=EXTRACTOR_VERSION)
    assert repo.extraction(tariff, EXTRACTOR_VERSION) == full
    assert len(repo.tariff_history()) == 2
    repo.save_tariff_scans([(424242, ())], version=TARIFF_SCAN_VERSION, keep=EXTRACTOR_VERSION)


def test_catch_up_goes_through_everything_in_batches(repo: Repository) -> None:
    ids = _store(repo, [PLAIN_HTML] * 1200 + [TARIFF_HTML])
    assert catch_up_tariffs(repo, limit=10) == 1  # newest first: the tariff story is newest
    assert len(repo.unextracted_ids(EXTRACTOR_VERSION, limit=5000)) == len(ids) - 10
    assert catch_up_tariffs(repo) == 0
    assert repo.unextracted_ids(EXTRACTOR_VERSION) == []
    assert {t.article_id for t in repo.tariff_history()} == {ids[-1]}


def test_refresh_then_tariffs_shows_the_new_rows(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = reply(
        200, rss_feed([TARIFF_HTML] + [PLAIN_HTML] * 4), {"Content-Type": "application/rss+xml"}
    )
    with serve(routes={"/trade.xml": feed}) as server:
        assert run(["add", server.url("trade.xml")]) == 0
        assert run(["refresh", "--quiet"]) == 0
    capsys.readouterr()
    db = next(home.rglob("newsreader.db"))
    with sqlite3.connect(db) as conn:  # the refresh stored, and extracted nothing
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (5,)
        assert conn.execute("SELECT count(*) FROM extractions").fetchone() == (0,)
    assert run(["tariffs", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["country"], r["rate_pct"], r["article_title"]) for r in rows} == {
        ("Brazil", 50.0, "Report 0"),
        ("Vietnam", 20.0, "Report 0"),
    }
    assert run(["tariffs", "--country", "VN", "--format", "json"]) == 0
    assert [r["country"] for r in json.loads(capsys.readouterr().out)] == ["Vietnam"]
    with sqlite3.connect(db) as conn:  # each article checked once, marked
        assert conn.execute("SELECT count(*) FROM extractions").fetchone() == (5,)


def test_the_versions_name_both_extractors_and_mark_a_check_apart(repo: Repository) -> None:
    """A new version of either extractor makes stored extractions stale, and a tariff check is
    stored under a version of its own, which the store does not take for an entity extraction."""
    from tui.core.entities import ENTITIES_VERSION
    from tui.core.tariffs import TARIFFS_VERSION

    assert ENTITIES_VERSION in EXTRACTOR_VERSION and TARIFFS_VERSION in EXTRACTOR_VERSION
    assert TARIFF_SCAN_VERSION.startswith(EXTRACTOR_VERSION)
    assert TARIFF_SCAN_VERSION != EXTRACTOR_VERSION
    feed = repo.add_feed("https://versions.example/feed")
    checked, extracted = repo.store_articles(
        feed.id, [ParsedArticle(guid="a", title="A"), ParsedArticle(guid="b", title="B")]
    )
    repo.save_tariff_scans([(checked, ())], version=TARIFF_SCAN_VERSION, keep=EXTRACTOR_VERSION)
    repo.save_extraction(extracted, Extraction(version=EXTRACTOR_VERSION, text="B"))
    assert repo.entity_extracted([checked, extracted]) == {extracted}
    assert repo.unextracted_ids(EXTRACTOR_VERSION) == []

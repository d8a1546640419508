"""The tracker's reads (schema v8): each country's latest rate found through its deciding report
agrees with the one rule over every row (tui.core.tariff_latest), through extraction,
re-extraction, deletion and retention; a v7 database gets its rows' report order; a country's
history and timeline read by country."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import get_args

from tui.core.models import Extraction, ParsedArticle, TariffRow, TariffStatus
from tui.core.tariff_latest import latest_per_country
from tui.services.subscriptions import DEMO_FEED_URL
from tui.services.tracker import country_history, country_timeline, latest_rates, tracked_tariffs
from tui.store import db
from tui.store.repository import Repository

COUNTRIES = ("Brazil", "Chile", "Kenya", "Laos")
STATUSES: tuple[TariffStatus, ...] = get_args(TariffStatus)
BASE = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _row(rng: random.Random, country: str) -> TariffRow:
    effective = date(2025, rng.randint(1, 12), 1) if rng.random() < 0.4 else None
    return TariffRow(
        country=country,
        iso=country[:2].upper(),
        rate_pct=float(rng.choice((10, 20, 25, 46))),
        rate_max_pct=None,
        status=rng.choice(STATUSES),
        effective=effective,
        evidence=f"{country} rate {rng.random():.6f}",
    )


def _rows(rng: random.Random) -> list[TariffRow]:
    """Rows of one article: none, or a few, some countries more than once."""
    return [_row(rng, rng.choice(COUNTRIES)) for _ in range(rng.choice((0, 1, 1, 2, 3, 5)))]


def _store(repo: Repository, rng: random.Random, feed_id: int, n: int, tag: str) -> list[int]:
    """``n`` articles, dated on few days (so many share a date: ties go to the later id), some
    undated (their fetch time orders them)."""
    articles = [
        ParsedArticle(
            guid=f"{tag}-{i}",
            title=f"{tag} {i}",
            published=None if rng.random() < 0.1 else BASE + timedelta(days=rng.randint(0, 6)),
            summary_html="<p>text</p>",
        )
        for i in range(n)
    ]
    return repo.store_articles(feed_id, articles)


def _check(repo: Repository) -> None:
    """The tracker's reads against the rule over every row."""
    every = tracked_tariffs(repo)
    rates = latest_rates(repo)
    conn = repo._conn()
    counted = "SELECT country, count(*) FROM tariff_rows GROUP BY country"
    assert dict(conn.execute("SELECT * FROM tariff_countries").fetchall()) == dict(
        conn.execute(counted).fetchall()
    )
    assert [r.latest for r in rates] == latest_per_country(every)
    assert {r.country: r.reports for r in rates} == Counter(t.row.country for t in every)
    for rate in rates:
        of_country = [t for t in every if t.row.country == rate.country]
        assert country_history(repo, rate.country, limit=7) == of_country[::-1][:7]
        points = country_timeline(repo, rate.country)
        assert sum(p.reports for p in points) == sum(t.published is not None for t in of_country)


def test_the_stored_latest_agrees_with_the_rule_over_random_rows(repo: Repository) -> None:
    for seed in range(12):
        rng = random.Random(seed)
        feeds = [repo.add_feed(f"https://{seed}-{n}.test/feed").id for n in range(2)]
        demo = repo.add_feed(DEMO_FEED_URL).id if seed == 0 else None
        ids = [a for n, f in enumerate(feeds) for a in _store(repo, rng, f, 25, f"{seed}-{n}")]
        if demo is not None:
            demo_ids = _store(repo, rng, demo, 5, "demo")
            repo.save_tariff_scans(
                [(a, [_row(rng, "Laos")]) for a in demo_ids], version="t", keep="x"
            )
        repo.save_tariff_scans([(a, _rows(rng)) for a in ids], version="t", keep="x")
        _check(repo)
        # re-extraction: some articles' rows replaced (a full extraction, a new check version)
        for article_id in rng.sample(ids, 8):
            rows = tuple(_rows(rng))
            repo.save_extraction(article_id, Extraction(version="full", text="", tariffs=rows))
        repo.save_tariff_scans([(a, _rows(rng)) for a in rng.sample(ids, 8)], version="u", keep="v")
        _check(repo)
        # deletion: a feed goes with its articles; retention keeps the newest few per feed
        repo.remove_feed(feeds[0])
        _check(repo)
        assert repo.apply_retention(0, 6) > 0
        _check(repo)
        repo.remove_feed(feeds[1])
        if demo is not None:
            repo.remove_feed(demo)
        assert latest_rates(repo) == []


def test_a_superseded_rate_decides_only_without_a_live_one(repo: Repository) -> None:
    feed = repo.add_feed("https://a.test/feed").id
    older, newer = repo.store_articles(
        feed,
        [
            ParsedArticle(guid="old", title="old", published=BASE),
            ParsedArticle(guid="new", title="new", published=BASE + timedelta(days=3)),
        ],
    )
    repo.save_tariff_scans(
        [
            (older, [_status_row("Chile", 20, "agreed")]),
            (newer, [_status_row("Chile", 25, "other")]),
        ],
        version="t",
        keep="x",
    )
    (rate,) = latest_rates(repo)
    assert (rate.latest.row.rate_pct, rate.latest.article_id, rate.reports) == (20.0, older, 2)
    repo.save_tariff_scans([(older, [])], version="u", keep="x")  # re-checked: no live row left
    (rate,) = latest_rates(repo)
    assert (rate.latest.row.rate_pct, rate.latest.row.status, rate.reports) == (25.0, "other", 1)
    _check(repo)


def _status_row(country: str, rate: float, status: TariffStatus) -> TariffRow:
    return TariffRow(
        country=country, iso="CL", rate_pct=rate, rate_max_pct=None, status=status,
        effective=None, evidence=f"{rate} {status}",
    )  # fmt: skip


def test_a_v7_database_gets_its_rows_report_order(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    conn = db.connect(path)
    assert db.migrate(conn, target=7) == 7
    with db.transaction(conn):
        conn.execute("INSERT INTO feeds (id, url) VALUES (1, 'https://old.test/feed')")
        conn.executemany(
            "INSERT INTO articles (id, feed_id, guid, published, fetched_at, sort_key)"
            " VALUES (?, 1, ?, ?, 100, ?)",
            # article 2 is the newest report, though stored before article 3
            [(1, "g1", 1000, 1000), (2, "g2", 3000, 3000), (3, "g3", 2000, 2000)],
        )
        conn.executemany(
            "INSERT INTO tariff_rows (article_id, version, country, iso, rate_pct, status,"
            " evidence) VALUES (?, 't', 'Laos', 'LA', ?, ?, 'e')",
            [(1, 10.0, "imposed"), (2, 40.0, "threatened"), (3, 30.0, "agreed"), (2, 5.0, "other")],
        )
    conn.close()
    repo = Repository(path)
    try:
        stored = repo._conn().execute("SELECT rate_pct, at, published FROM tariff_rows")
        assert {r[0]: r[1:] for r in stored} == {
            10.0: (1000, 1000),
            40.0: (3000, 3000),
            30.0: (2000, 2000),
            5.0: (3000, 3000),
        }
        (rate,) = latest_rates(repo)
        assert (rate.latest.row.rate_pct, rate.latest.article_id, rate.reports) == (40.0, 2, 4)
        _check(repo)
        # rows written after the step get theirs from the trigger
        repo.save_tariff_scans([(1, [_status_row("Laos", 15, "imposed")])], version="u", keep="x")
        assert repo._conn().execute(
            "SELECT at FROM tariff_rows WHERE rate_pct = 15"
        ).fetchone() == (1000,)
        _check(repo)
    finally:
        repo.close()

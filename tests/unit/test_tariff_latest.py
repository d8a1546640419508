"""The one definition of a country's latest rate (tui.core.tariff_latest)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tui.core.models import TariffRow, TariffStatus, TrackedTariff
from tui.core.tariff_latest import STATUS_PRECEDENCE, latest_per_country


def tracked(
    country: str,
    rate: float,
    status: TariffStatus,
    article: int,
    effective: date | None = None,
) -> TrackedTariff:
    row = TariffRow(country, country[:2].upper(), rate, None, status, effective, f"{rate}%")
    when = datetime(2025, 7, article, tzinfo=UTC)
    return TrackedTariff(row, article, f"story {article}", "Wire", when)


def rates(rows: list[TrackedTariff]) -> dict[str, float]:
    return {t.row.country: t.row.rate_pct for t in latest_per_country(rows)}


def test_the_newest_report_wins() -> None:
    rows = [tracked("Vietnam", 46, "imposed", 1), tracked("Vietnam", 20, "proposed", 2)]
    assert rates(rows) == {"Vietnam": 20}  # a newer report, even of a weaker status


def test_within_one_article_the_current_state_wins() -> None:
    # every pair of statuses, in both text orders: the higher precedence wins
    statuses: list[TariffStatus] = ["imposed", "agreed", "threatened", "proposed", "other"]
    for high in statuses:
        for low in statuses:
            if STATUS_PRECEDENCE[high] <= STATUS_PRECEDENCE[low]:
                continue
            for pair in ((high, low), (low, high)):
                rows = [tracked("Vietnam", 10 + i, s, 1) for i, s in enumerate(pair)]
                winner = latest_per_country(rows)[0]
                assert winner.row.status == high, pair
    assert list(STATUS_PRECEDENCE) == statuses  # the documented order


def test_a_deal_beats_a_threat_in_one_article() -> None:
    rows = [tracked("Vietnam", 20, "agreed", 1), tracked("Vietnam", 46, "threatened", 1)]
    assert rates(rows) == {"Vietnam": 20}
    rows = [tracked("Vietnam", 46, "threatened", 1), tracked("Vietnam", 20, "agreed", 1)]
    assert rates(rows) == {"Vietnam": 20}


def test_ties_go_to_the_latest_effective_date_then_the_first_in_text() -> None:
    dated = [
        tracked("Canada", 10, "imposed", 1, date(2025, 4, 5)),
        tracked("Canada", 25, "imposed", 1, date(2025, 6, 1)),
        tracked("Canada", 35, "imposed", 1),
    ]
    assert rates(dated) == {"Canada": 25}
    same = [tracked("Canada", 30, "threatened", 1), tracked("Canada", 35, "threatened", 1)]
    assert rates(same) == {"Canada": 30}


def test_a_superseded_rate_never_wins_while_another_status_exists() -> None:
    rows = [tracked("Japan", 15, "agreed", 1), tracked("Japan", 25, "other", 2)]
    assert rates(rows) == {"Japan": 15}  # the newer article only says what it no longer is
    alone = [tracked("Japan", 24, "other", 1), tracked("Japan", 25, "other", 2)]
    assert rates(alone) == {"Japan": 25}  # nothing else known: the newest superseded one


def test_countries_are_independent_and_sorted() -> None:
    rows = [
        tracked("Vietnam", 46, "threatened", 1),
        tracked("Brazil", 50, "threatened", 2),
        tracked("Vietnam", 20, "agreed", 3),
    ]
    latest = latest_per_country(rows)
    assert [(t.row.country, t.row.rate_pct, t.article_id) for t in latest] == [
        ("Brazil", 50, 2),
        ("Vietnam", 20, 3),
    ]
    assert latest_per_country([]) == []

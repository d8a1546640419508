"""What changed (tui.core.tariff_changes): each report that moved a country's latest rate, by the
one latest rule (tui.core.tariff_latest), which the accumulator keeps as rows arrive."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from tui.core.models import TariffRow, TariffStatus, TrackedTariff
from tui.core.tariff_changes import rate_changes, same_rate
from tui.core.tariff_latest import CountryLatest, latest_per_country

STATUSES: list[TariffStatus] = ["imposed", "agreed", "threatened", "proposed", "other"]


def tracked(
    country: str, rate: float, status: TariffStatus, article: int, effective: date | None = None
) -> TrackedTariff:
    row = TariffRow(country, country[:2].upper(), rate, None, status, effective, f"{rate}%")
    when = datetime(2025, 7, 1, tzinfo=UTC).replace(day=article)
    return TrackedTariff(row, article, f"story {article}", "Wire", when)


def summary(rows: list[TrackedTariff]) -> list[tuple[str, float | None, float, str, int]]:
    return [
        (
            c.country,
            c.old.row.rate_pct if c.old else None,
            c.new.row.rate_pct,
            c.new.row.status,
            c.new.article_id,
        )
        for c in rate_changes(rows)
    ]


def test_the_first_report_is_a_new_rate_and_a_later_one_a_change() -> None:
    rows = [tracked("Vietnam", 46, "threatened", 2), tracked("Vietnam", 20, "agreed", 9)]
    assert summary(rows) == [
        ("Vietnam", None, 46, "threatened", 2),
        ("Vietnam", 46, 20, "agreed", 9),
    ]


def test_the_same_rate_again_is_no_change_but_a_new_status_is() -> None:
    rows = [
        tracked("Canada", 25, "threatened", 1),
        tracked("Canada", 25, "threatened", 2),  # repeated: nothing new
        tracked("Canada", 25, "imposed", 3),  # the threat carried out
    ]
    assert summary(rows) == [
        ("Canada", None, 25, "threatened", 1),
        ("Canada", 25, 25, "imposed", 3),
    ]


def test_a_superseded_rate_changes_nothing() -> None:
    rows = [tracked("Japan", 15, "agreed", 1), tracked("Japan", 25, "other", 2)]
    assert summary(rows) == [("Japan", None, 15, "agreed", 1)]


def test_one_article_with_several_rows_is_one_change_to_its_current_state() -> None:
    rows = [
        tracked("Vietnam", 46, "threatened", 1),
        tracked("Vietnam", 20, "agreed", 5),
        tracked("Vietnam", 46, "other", 5),
    ]
    assert summary(rows) == [
        ("Vietnam", None, 46, "threatened", 1),
        ("Vietnam", 46, 20, "agreed", 5),
    ]


def test_countries_interleave_and_come_out_in_report_order() -> None:
    rows = [
        tracked("Laos", 40, "threatened", 1),
        tracked("Vietnam", 46, "threatened", 2),
        tracked("Laos", 40, "imposed", 3),
        tracked("Vietnam", 20, "agreed", 4),
    ]
    assert [(c.country, c.new.article_id) for c in rate_changes(rows)] == [
        ("Laos", 1),
        ("Vietnam", 2),
        ("Laos", 3),
        ("Vietnam", 4),
    ]


def test_same_rate_compares_rate_range_and_status_not_dates() -> None:
    a = tracked("Chile", 10, "imposed", 1, date(2025, 8, 1))
    b = tracked("Chile", 10, "imposed", 2, date(2025, 9, 1))
    assert same_rate(a, b) and same_rate(None, None) and not same_rate(None, a)
    assert not same_rate(a, tracked("Chile", 10, "agreed", 2))


rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["Vietnam", "Laos", "Chile"]),
        st.sampled_from([10.0, 20.0, 25.0, 46.0]),
        st.sampled_from(STATUSES),
        st.integers(min_value=1, max_value=28),
        st.none() | st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31)),
    ),
    max_size=30,
)


@given(rows_strategy)
def test_the_accumulator_and_the_change_list_follow_the_one_latest_rule(
    raw: list[tuple[str, float, TariffStatus, int, date | None]],
) -> None:
    """Fed in report order, the accumulator gives what latest_per_country gives, and the last
    change of each country ends at that latest rate."""
    rows = sorted(
        (tracked(c, rate, s, article, eff) for c, rate, s, article, eff in raw),
        key=lambda t: t.article_id,
    )
    latest = {t.row.country: t for t in latest_per_country(rows)}
    for country, expected in latest.items():
        acc = CountryLatest()
        for t in rows:
            if t.row.country == country:
                acc.add(t)
        assert acc.latest() == expected
    last: dict[str, TrackedTariff] = {}
    for change in rate_changes(rows):
        assert not same_rate(last.get(change.country), change.new)
        last[change.country] = change.new
    assert {c: same_rate(last[c], latest[c]) for c in latest} == {c: True for c in latest}


def test_tariffs_changes_and_the_alert_word_a_rate_alike() -> None:
    """``tariffs --changes`` and the watch list's alert say a rate and a range the same way."""
    import io

    from tui.cli.tariff_changes import write_changes
    from tui.core.watching import tariff_message

    old = tracked("Vietnam", 46, "threatened", 2)
    ranged = TariffRow("Vietnam", "VI", 10, 25, "agreed", None, "10 to 25 per cent")
    new = TrackedTariff(ranged, 9, "story 9", "Wire", datetime(2025, 7, 9, tzinfo=UTC))
    out = io.StringIO()
    write_changes(rate_changes([old, new]), "table", out)
    assert "46% threatened -> 10-25% agreed" in out.getvalue()
    assert "46% threatened \u2192 10-25% agreed" in tariff_message(old, new)

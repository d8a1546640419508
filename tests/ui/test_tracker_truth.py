"""The tracker tells the truth: the same "latest" as `tariffs --latest`, and no demo fiction."""

from __future__ import annotations

import csv
import io
import json

import pytest
from textual.widgets import Input, Label

from tests.ui.conftest import (
    AppFactory,
    add_demo,
    main,
    reader_settings,
    screen_text,
    seed,
    settle,
    started,
)
from tui.cli import run
from tui.paths import resolve
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.screens.tracker import NO_RATES, TrackerScreen

# Countries only the bundled (fictional) demo stories give rates for.
DEMO_ONLY = {"Mexico", "Canada", "Bangladesh", "Sri Lanka", "Thailand", "Japan", "India"}


def _cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert run(["tariffs", "--format", "json", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert isinstance(data, list)
    return data


async def test_the_tracker_and_tariffs_latest_agree(
    make_app: AppFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seeded story gives Vietnam agreed 20% and threatened 46%: both say 20% agreed."""
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        shown = [
            (t.row.country, t.row.rate_pct, t.row.status, t.article_id) for t in tracker._latest
        ]
    cli = [
        (r["country"], r["rate_pct"], r["status"], r["article_id"])
        for r in _cli_json(capsys, "--latest")
    ]
    assert shown == cli
    assert ("Vietnam", 20.0, "agreed") in [s[:3] for s in shown]
    assert len(shown) == 2  # Laos and Vietnam: one row each


async def test_demo_rows_stay_out_of_the_tracker_but_show_in_their_pane(
    make_app: AppFactory,
    repo: Repository,
) -> None:
    app = make_app()
    demo_feed = add_demo(repo)
    async with started(app) as pilot:
        await pilot.press("t")
        await settle(app, pilot)  # the tracker checks every article, demo ones included
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        assert {t.row.country for t in tracker._latest} == {"Laos", "Vietnam"}
        assert not {r.country for r in tracker._rates} & DEMO_ONLY
        await pilot.press("escape")
        await settle(app, pilot)
        screen = main(app)
        demo_ids = [
            i
            for i in repo.article_ids(screen.scope)
            if (a := repo.article(i)) is not None and a.feed_id == demo_feed
        ]
        # the demo's rows were checked and stored: only the tracker's query leaves them out
        assert {t.row.country for t in repo.tariff_history()} & DEMO_ONLY
        for article_id in demo_ids:
            screen.show_article(article_id)
            await settle(app, pilot)
            if screen.tariff_pane.rows:
                break
        assert {r.country for r in screen.tariff_pane.rows} & DEMO_ONLY


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
@pytest.mark.parametrize("extra", [[], ["--latest"], ["--country", "Mexico"], ["--country", "VN"]])
def test_demo_rows_never_reach_tariffs(
    repo: Repository, capsys: pytest.CaptureFixture[str], fmt: str, extra: list[str]
) -> None:
    seed(repo)
    add_demo(repo)
    assert run(["tariffs", "--format", fmt, *extra]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    if fmt == "json":
        countries = {str(r["country"]) for r in json.loads(out)}
    elif fmt == "csv":
        countries = {r["country"] for r in csv.DictReader(io.StringIO(out))}
    else:  # the table's rows start with the report date
        countries = {
            line.split()[1] for line in out.splitlines() if line[:4].isdigit() and "  " in line
        }
    assert not countries & DEMO_ONLY
    expected = {"--country": {"Mexico": set(), "VN": {"Vietnam"}}}
    if extra and extra[0] == "--country":
        assert countries == expected["--country"][extra[1]]
    else:
        assert countries == {"Laos", "Vietnam"}
    assert "fiction" not in out


async def test_a_tracker_with_only_the_demo_says_why_it_is_empty(repo: Repository) -> None:
    """A new user has only the demo, whose Geneva story fills its tariffs pane: the tracker
    said "No tariff rates in the cache yet", as if the rules had found nothing."""
    add_demo(repo)
    app = NewsReaderApp(resolve(), reader_settings())
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen) and tracker._latest == []
        assert any(NO_RATES in line for line in screen_text(app))


async def test_a_filter_that_matches_no_country_says_so(make_app: AppFactory) -> None:
    """It said "No tariff rates in the cache yet" about a tracker full of rates; the filter
    is shown as typed, not as markup."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        tracker = app.screen
        assert isinstance(tracker, TrackerScreen)
        assert [t.row.country for t in tracker._latest] == ["Laos", "Vietnam"]
        assert not tracker.query_one("#tracker-empty", Label).display
        await pilot.press("slash", *"[b]zz")
        await settle(app, pilot)
        assert tracker.query_one("#tracker-filter", Input).value == "[b]zz"
        assert tracker._latest == []
        assert any("No country matches \u201c[b]zz\u201d" in line for line in screen_text(app))


async def test_the_empty_trackers_reason_fits_a_narrow_terminal(repo: Repository) -> None:
    """At 50×15 the reason was cut at the pane's edge ("the demo's fictio") under a stray
    scroll bar: the empty table's columns are wider than the pane."""
    add_demo(repo)
    app = NewsReaderApp(resolve(), reader_settings())
    async with started(app, size=(50, 15)) as pilot:
        await pilot.press("t")
        await settle(app, pilot)
        lines = screen_text(app)
        shown = " ".join(" ".join(line.strip("│ ") for line in lines).split())
        assert NO_RATES in shown
        assert not any("▎" in line for line in lines)

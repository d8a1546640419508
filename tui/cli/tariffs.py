"""Tariff rates across the cache: a table, CSV or JSON."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TextIO

from tui.cli.common import (
    EXIT_OK,
    UsageError,
    open_store,
)
from tui.cli.tariff_changes import (
    NONE_WATCHED,
    country_width,
    select_changes,
    watched_countries,
    write_changes,
)
from tui.config import Settings
from tui.core.models import TrackedTariff
from tui.core.text import clean_text
from tui.core.wording import rate_text
from tui.paths import Paths
from tui.terminal import writes_unicode
from tui.ui.columns import clip

if TYPE_CHECKING:  # imported lazily at run time: headless commands start without them
    from tui.core.countries import Country


def tariffs(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    country: str | None = None
    found: Country | None = None
    if args.country:
        from tui.core.countries import country_by_iso, country_by_name

        name = args.country.strip()
        found = country_by_name(name) or country_by_iso(name.upper())
        country = found.name if found else name  # rows may name a bloc, such as the EU
    if args.changes and args.latest:
        raise UsageError("--changes and --latest do not go together (see 'newsreader --help')")
    from tui.core.tariff_latest import latest_per_country
    from tui.core.tariffs import is_target_name
    from tui.services.extraction import catch_up_tariffs
    from tui.services.tracker import tracked_tariffs

    repo = open_store(paths)
    try:
        # A name that is no country, no tariff target and in no row yet is a usage error, said
        # before anything is written (the catch-up below writes).
        if (
            country is not None
            and found is None
            and not is_target_name(country)
            and not tracked_tariffs(repo, country=country)
        ):
            raise UsageError(f"unknown country: {args.country!r}")
        catch_up_tariffs(repo)  # articles refreshed since the last look: checked once each
        watched = watched_countries(repo) if args.watched else None
        if args.changes:
            # The whole history: a change since DATE is measured against the rate before it.
            changes = select_changes(tracked_tariffs(repo, country=country), args.since, watched)
            write_changes(changes, args.format, sys.stdout, since=args.since, watched=watched)
            return EXIT_OK
        if args.latest and args.since is None:
            # Each country's deciding report, found by an index (tui.services.tracker): the
            # same rule as over every row, without reading them all (seconds at 150,000 rows).
            from tui.services.tracker import latest_rates

            rates = latest_rates(repo)
            rows = [r.latest for r in rates if country is None or _names(r.latest, country)]
        else:
            rows = tracked_tariffs(repo, country=country, since=args.since)
            if args.latest:  # the latest among the reports since the date
                rows = latest_per_country(rows)
        if watched is not None:
            rows = [t for t in rows if t.row.country in watched]
        if not rows and args.format == "table":
            others = country is not None and bool(tracked_tariffs(repo, since=args.since))
            print(_no_rates(country if others else None, args.since, watched))
            return EXIT_OK
    finally:
        repo.close()
    _TARIFF_WRITERS[args.format](rows, sys.stdout)
    return EXIT_OK


def _names(tracked: TrackedTariff, country: str) -> bool:
    """Whether ``country`` (as typed: "EU", "european union") names the row's country, as
    the rows are matched: by the name or the code, in any case."""
    wanted = country.casefold()
    return wanted in (tracked.row.country.casefold(), tracked.row.iso.casefold())


_TARIFF_FIELDS = (
    "published",
    "country",
    "iso",
    "rate_pct",
    "rate_max_pct",
    "status",
    "effective",
    "article_id",
    "article_title",
    "source",
    "evidence",
)


def _tariff_record(t: TrackedTariff) -> dict[str, object]:
    record: dict[str, object] = {
        **t.row.to_dict(),
        "published": t.published.date().isoformat() if t.published else None,
        "article_id": t.article_id,
        "article_title": clean_text(t.article_title),
        "source": clean_text(t.feed_title),
        "evidence": clean_text(t.row.evidence),
    }
    return {name: record[name] for name in _TARIFF_FIELDS}


def _write_csv(rows: list[TrackedTariff], out: TextIO) -> None:
    from tui.core.csv_out import write_csv

    write_csv(out, _TARIFF_FIELDS, (_tariff_record(row) for row in rows))


def _write_json(rows: list[TrackedTariff], out: TextIO) -> None:
    json.dump(
        [_tariff_record(r) for r in rows], out, ensure_ascii=not writes_unicode(out), indent=2
    )
    print(file=out)


def _no_rates(country: str | None, since: date | None, watched: set[str] | None) -> str:
    """Why the table is empty: no country watched, none of the watched countries, no rates for
    this country (others have some), or none at all."""
    when = f" since {since.isoformat()}" if since else ""
    if watched is not None and not watched:
        return NONE_WATCHED
    if watched is not None:
        return f"no tariff rates of watched countries{when}"
    if country is not None:
        return f"no rates for {country}{when}"
    if since:
        return f"no tariff rates{when}"
    return "no tariff rates from your feeds yet (the demo's fictional ones are left out)"


def _write_table(rows: list[TrackedTariff], out: TextIO) -> None:
    buffer = io.StringIO()
    width = country_width(rows)
    for t in rows:
        published = t.published.date().isoformat() if t.published else "?"
        effective = t.row.effective.isoformat() if t.row.effective else "-"
        rate = rate_text(t.row.rate_pct, t.row.rate_max_pct)
        title = clip(clean_text(t.article_title), 60)  # columns: a wide character takes two
        buffer.write(
            f"{published:<10}  {t.row.country:<{width}} {rate:>8}  {t.row.status:<10} "
            f"{effective:<10}  {title}\n"
        )
    header = (
        f"{'published':<10}  {'country':<{width}} {'rate':>8}  {'status':<10} "
        f"{'effective':<10}  article"
    )
    print(header, file=out)
    out.write(buffer.getvalue())


_TARIFF_WRITERS: dict[str, Callable[[list[TrackedTariff], TextIO], None]] = {
    "csv": _write_csv,
    "json": _write_json,
    "table": _write_table,
}

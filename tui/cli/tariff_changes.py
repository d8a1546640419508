"""``newsreader tariffs --changes``: each report that moved a country's latest rate, one line each
(for cron and mail), or CSV (through the one CSV writer) or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TextIO

from tui.core.models import TrackedTariff
from tui.core.tariff_changes import TariffChange, rate_changes
from tui.core.text import clean_text
from tui.core.watching import rate_label
from tui.terminal import writes_unicode

if TYPE_CHECKING:
    from tui.store.repository import Repository

CHANGE_FIELDS = (
    "date",
    "country",
    "iso",
    "old_rate_pct",
    "old_rate_max_pct",
    "old_status",
    "rate_pct",
    "rate_max_pct",
    "status",
    "effective",
    "article_id",
    "article_title",
    "source",
)


def watched_countries(repo: Repository) -> set[str]:
    return {w.name for w in repo.watches() if w.kind == "country"}


NONE_WATCHED = "no countries are watched: w on a country in the tariffs pane or tracker does it"
"""What --watched prints when no country is watched (not "no rates of watched countries")."""


def select_changes(
    rows: Sequence[TrackedTariff], since: date | None, watched: set[str] | None
) -> list[TariffChange]:
    """The changes in ``rows`` (a whole history), reported on or after ``since``, of the
    ``watched`` countries (None: every country)."""
    changes = rate_changes(rows)
    if watched is not None:
        changes = [c for c in changes if c.country in watched]
    if since is not None:
        changes = [c for c in changes if c.new.published and c.new.published.date() >= since]
    return changes


def _reported(tracked: TrackedTariff) -> str | None:
    return tracked.published.date().isoformat() if tracked.published else None


def change_record(change: TariffChange) -> dict[str, object]:
    old, new = change.old, change.new
    return {
        "date": _reported(new),
        "country": new.row.country,
        "iso": new.row.iso,
        "old_rate_pct": old.row.rate_pct if old else None,
        "old_rate_max_pct": old.row.rate_max_pct if old else None,
        "old_status": old.row.status if old else None,
        "rate_pct": new.row.rate_pct,
        "rate_max_pct": new.row.rate_max_pct,
        "status": new.row.status,
        "effective": new.row.effective.isoformat() if new.row.effective else None,
        "article_id": new.article_id,
        "article_title": clean_text(new.article_title),
        "source": clean_text(new.feed_title),
    }


def country_width(rows: Sequence[TrackedTariff]) -> int:
    """The country column of a table: 20 characters, or the longest name ("Bosnia and
    Herzegovina") so that the columns after it stay in line."""
    return max([20, *(len(t.row.country) for t in rows)])


def _label(tracked: TrackedTariff | None) -> str:
    return "new" if tracked is None else rate_label(tracked.row)


def write_changes(
    changes: Sequence[TariffChange],
    fmt: str,
    out: TextIO,
    *,
    since: date | None = None,
    watched: set[str] | None = None,
) -> None:
    if fmt == "json":
        json.dump(
            [change_record(c) for c in changes], out, ensure_ascii=not writes_unicode(out), indent=2
        )
        print(file=out)
        return
    if fmt == "csv":
        from tui.core.csv_out import write_csv

        write_csv(out, CHANGE_FIELDS, (change_record(c) for c in changes))
        return
    if not changes and watched is not None and not watched:
        print(NONE_WATCHED, file=out)
        return
    if not changes:
        what = "no rate changes" + (" of watched countries" if watched is not None else "")
        print(what + (f" since {since.isoformat()}" if since else ""), file=out)
        return
    width = country_width([c.new for c in changes])
    old = max([16, *(len(_label(c.old)) for c in changes)])  # "10-25% threatened": 17
    now = max([16, *(len(_label(c.new)) for c in changes)])
    for change in changes:
        new = change.new
        line = (
            f"{_reported(new) or '?':<10}  {new.row.country:<{width}} "
            f"{_label(change.old):>{old}} -> {_label(new):<{now}}  {clean_text(new.feed_title)}"
        )
        print(line.rstrip(), file=out)

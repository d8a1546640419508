"""What the reader watches, the saved searches, and the alerts a refresh raises for them.

A watch is a tariff country (its canonical name, as the tariff rows give it) or an entity (its
label and canonical name, as the entities pane gives it); a saved search is watched through
its own flag. An alert is one (watch, article) pair: the article that changed the country's
latest rate, or a new article naming the entity or matching the search. Its ``key`` names the
watch, so the pair is stored once and each change alerts once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from tui.core.models import TariffRow, TrackedTariff
from tui.core.wording import rate_text

__all__ = [
    "Alert",
    "AlertKind",
    "SavedSearch",
    "Watch",
    "WatchKind",
    "alert_lines",
    "article_message",
    "rate_label",
    "search_key",
    "summary_line",
    "tariff_message",
]

WatchKind = Literal["country", "entity"]
AlertKind = Literal["tariff", "entity", "search"]


@dataclass(frozen=True, slots=True)
class Watch:
    """A watched country (``label`` empty) or entity (``label`` PERSON, ORG or GPE)."""

    kind: WatchKind
    name: str
    label: str = ""

    @property
    def key(self) -> str:
        """The alerts' name for this watch: ``country:Vietnam``, ``entity:PERSON:Ann Lee``."""
        if self.kind == "country":
            return f"country:{self.name}"
        return f"entity:{self.label}:{self.name}"

    @classmethod
    def country(cls, name: str) -> Watch:
        return cls("country", name)

    @classmethod
    def entity(cls, label: str, name: str) -> Watch:
        return cls("entity", name, label)


def search_key(search_id: int) -> str:
    """The alerts' name for a watched saved search."""
    return f"search:{search_id}"


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A saved search: shown in the feeds pane as a virtual feed with its ``unread`` count."""

    id: int
    name: str
    query: str
    watched: bool = False
    unread: int = 0


@dataclass(frozen=True, slots=True)
class Alert:
    """A watch a refresh brought news for: ``message`` is one line, ready to show."""

    key: str
    kind: AlertKind
    subject: str
    article_id: int
    message: str
    id: int = 0
    feed_id: int = 0
    notified: bool = False


def rate_label(row: TariffRow) -> str:
    """``20% agreed``, ``10-25% threatened``."""
    return f"{rate_text(row.rate_pct, row.rate_max_pct)} {row.status}"


def tariff_message(old: TrackedTariff | None, new: TrackedTariff) -> str:
    """The line of a rate change: ``Tariff Vietnam: 46% threatened -> 20% agreed (Wire)``."""
    change = f"new rate {rate_label(new.row)}"
    if old is not None:
        change = f"{rate_label(old.row)} \u2192 {rate_label(new.row)}"
    return f"Tariff {new.row.country}: {change} ({new.feed_title})"


def article_message(kind: AlertKind, subject: str, title: str, feed_title: str) -> str:
    """The line of a new article for a watched entity or search."""
    what = "Search" if kind == "search" else "Watch"
    return f"{what} {subject}: {title} ({feed_title})"


def alert_lines(alerts: Sequence[Alert]) -> list[str]:
    """One line per watch: its alert's message, or for several articles of one entity or
    search, how many and the newest (the last in ``alerts``)."""
    groups: dict[str, list[Alert]] = {}
    for alert in alerts:
        # Each rate change is a line of its own; the articles of one entity or search share one.
        name = f"{alert.key}#{alert.article_id}" if alert.kind == "tariff" else alert.key
        groups.setdefault(name, []).append(alert)
    lines = []
    for group in groups.values():
        last = group[-1]
        if len(group) == 1:
            lines.append(last.message)
            continue
        what = "Search" if last.kind == "search" else "Watch"
        newest = last.message.split(": ", 1)[-1]
        lines.append(f"{what} {last.subject}: {len(group)} new articles, newest: {newest}")
    return lines


def summary_line(lines: Iterable[str]) -> str:
    """One notification for several lines: the first, and how many more."""
    listed = list(lines)
    if len(listed) <= 1:
        return listed[0] if listed else ""
    return f"{listed[0]} (+{len(listed) - 1} more)"

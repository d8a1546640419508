"""The rows the tariff tracker and `newsreader tariffs` show: every real report in the cache.

The bundled demo feed's stories are fiction: their rows show in the article's own tariff pane,
never here, so an invented rate can never pass for the latest real one.
"""

from __future__ import annotations

from datetime import date

from tui.core.models import TrackedTariff
from tui.services.subscriptions import DEMO_FEED_URL
from tui.store.repository import Repository

__all__ = ["tracked_tariffs"]

_FICTION = (DEMO_FEED_URL,)


def tracked_tariffs(
    repo: Repository, *, country: str | None = None, since: date | None = None
) -> list[TrackedTariff]:
    """Tariff rows across the cache, oldest report first, the demo's left out."""
    return repo.tariff_history(country, since, exclude_feeds=_FICTION)

"""The one door to the database: feeds, articles, reading state, search, extraction cache,
enclosures and downloads.

:class:`Repository` is made of one part per table group, each in its own module over the
per-thread connections (:mod:`.connections`); :mod:`.rows` maps rows to the models by column
name.
"""

from __future__ import annotations

from tui.store.repository.alerts import Alerts
from tui.store.repository.articles import Articles
from tui.store.repository.downloads import Downloads
from tui.store.repository.enclosures import Enclosures
from tui.store.repository.extractions import Extractions, tariff_scan_version
from tui.store.repository.feeds import Feeds
from tui.store.repository.retention import Retention
from tui.store.repository.saved_searches import SavedSearchError, SavedSearches
from tui.store.repository.search import Search
from tui.store.repository.stories import Stories
from tui.store.repository.storing import Storing
from tui.store.repository.tariff_reports import TariffReports
from tui.store.repository.watches import Watches

__all__ = ["Repository", "SavedSearchError", "tariff_scan_version"]


class Repository(
    Feeds,
    Storing,
    Articles,
    Search,
    Extractions,
    TariffReports,
    Retention,
    Stories,
    Enclosures,
    Downloads,
    Watches,
    SavedSearches,
    Alerts,
):
    """Feeds, articles and their state in one SQLite file; safe to use from many threads."""

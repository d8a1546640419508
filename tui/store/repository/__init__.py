"""The one door to the database: feeds, articles, reading state, search, extraction cache,
stories, enclosures and downloads, the watch list and its alerts.

:class:`Repository` is made of one part per table group, each in its own module over the
per-thread connections (:mod:`.connections`); :mod:`.rows` maps rows to the models. The parts,
in the order data flows: :mod:`.feeds` (subscriptions and what each fetch brought),
:mod:`.storing` (a feed's new articles and their search rows) with :mod:`.enclosures`,
:mod:`.articles` (lists, one article, read and starred marks), :mod:`.search` (full text),
:mod:`.extractions` (entities and tariff rows by extractor version) and
:mod:`.tariff_reports` (the tracker's reads), :mod:`.stories`, :mod:`.retention` (the
key-value ``state`` table too), :mod:`.downloads`, and for the watch list :mod:`.watches`,
:mod:`.saved_searches` and :mod:`.alerts`.
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

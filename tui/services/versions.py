"""The extractor versions stored with extractions, named here and nowhere else.

Each extractor keeps its own version beside its code (``ENTITIES_VERSION`` in
:mod:`tui.core.entities`, ``TARIFFS_VERSION`` in :mod:`tui.core.tariffs`); a new version of
either makes every stored extraction stale, and articles are extracted again as they are opened
or checked.
"""

from __future__ import annotations

from tui.core.entities import ENTITIES_VERSION
from tui.core.tariffs import TARIFFS_VERSION
from tui.store.repository import tariff_scan_version

__all__ = ["EXTRACTOR_VERSION", "TARIFF_SCAN_VERSION"]

# Stored with every extraction (entities and tariff rows of an article).
EXTRACTOR_VERSION = f"e{ENTITIES_VERSION}-t{TARIFFS_VERSION}"
# Stored for an article only checked for tariff rows (its entities wait for its opening).
TARIFF_SCAN_VERSION = tariff_scan_version(EXTRACTOR_VERSION)

"""The ``entity_backend`` setting, loaded once, falling back to the rules with one clear line.

spaCy and its model take seconds to load: :meth:`ConfiguredBackend.get` is meant for a worker
thread, and loads on its first call only (the lock keeps two workers from loading it twice).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.config import EntityBackendName

if TYPE_CHECKING:
    from tui.core.entities import EntityBackend


def configured_backend(name: EntityBackendName) -> tuple[EntityBackend | None, str | None]:
    """The backend ``name`` names (None: the built-in rules, the default) and, when it cannot
    run here (spaCy or its model absent), None with the line saying so and that the rules are
    used instead."""
    if name == "rules":
        return None, None
    from tui.core.entities import BackendUnavailable, load_backend  # its tables: not at start-up

    try:
        return load_backend(name), None
    except BackendUnavailable as exc:
        return None, f"{exc}; using the built-in rules"


class ConfiguredBackend:
    """The configured backend, loaded on first use; its problem is reported once."""

    def __init__(self, name: EntityBackendName) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._loaded = False
        self._backend: EntityBackend | None = None

    def get(self, report: Callable[[str], object]) -> EntityBackend | None:
        """The backend (None: the rules); ``report`` gets the line saying why the configured one
        cannot run, on the first call only."""
        with self._lock:
            if not self._loaded:
                self._backend, problem = configured_backend(self.name)
                self._loaded = True
                if problem:
                    report(problem)
            return self._backend

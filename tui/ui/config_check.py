"""What config.toml asks of the app that only the app can check: theme names and binding ids.

`tui.config` validates everything else before the app starts, but it cannot know Textual's
themes or the ids of our bindings (it must not import Textual). An unknown name is reported in
the app as one line naming the file and the key, and the default is kept: nothing is lost.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from textual.binding import Binding

from tui.ui import keys


def binding_ids() -> set[str]:
    """Every binding id of the app, its screens and widgets (importing them on first use)."""
    ids = {b.id for _group, bindings in keys.all_bindings() for b in _bindings(bindings)}
    for package in ("tui.ui.screens", "tui.ui.widgets"):
        module = importlib.import_module(package)
        for info in pkgutil.iter_modules(module.__path__):
            child = importlib.import_module(f"{package}.{info.name}")
            for value in vars(child).values():
                if isinstance(value, type) and value.__module__ == child.__name__:
                    ids.update(b.id for b in _bindings(getattr(value, "BINDINGS", ())))
    return {i for i in ids if i}


def _bindings(items: Iterable[object]) -> Iterable[Binding]:
    return (b for b in items if isinstance(b, Binding))


def config_problems(
    config_file: Path, theme: str, themes: Collection[str], keymap: Mapping[str, str]
) -> list[str]:
    """One line per theme or keymap entry the app does not know."""
    problems = []
    if theme not in themes:
        known = ", ".join(sorted(themes))
        problems.append(
            f"{config_file}: theme: unknown theme {theme!r}, using the default; expected one of"
            f" {known}"
        )
    if keymap:
        known_ids = binding_ids()
        for binding_id in sorted(set(keymap) - known_ids):
            problems.append(
                f"{config_file}: keymap.{binding_id}: no binding has this id (press ? in the app"
                " for the list); ignored"
            )
    return problems

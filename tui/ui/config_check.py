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


def _bound_classes() -> Iterable[type]:
    """The screens and widgets of tui.ui.screens and tui.ui.widgets (imported on first use)."""
    for package in ("tui.ui.screens", "tui.ui.widgets"):
        module = importlib.import_module(package)
        for info in pkgutil.iter_modules(module.__path__):
            child = importlib.import_module(f"{package}.{info.name}")
            for value in vars(child).values():
                if isinstance(value, type) and value.__module__ == child.__name__:
                    yield value


def binding_ids() -> set[str]:
    """Every binding id of the app, its screens and widgets (importing them on first use)."""
    ids = {b.id for _group, bindings in keys.all_bindings() for b in _bindings(bindings)}
    for value in _bound_classes():
        ids.update(b.id for b in _bindings(getattr(value, "BINDINGS", ())))
    return {i for i in ids if i}


def _split(key_list: str) -> list[str]:
    return [k.strip() for k in key_list.split(",") if k.strip()]


def keymap_clashes(config_file: Path, keymap: Mapping[str, str]) -> list[str]:
    """One line per ``[keymap]`` entry that gives a binding a key another binding of the same
    widget or screen keeps. Textual gives the key to the remapped binding and takes it from
    the other without a word (its clash hook misses a binding the keymap does not name):
    ``star = "j"`` stars in the article list, where j no longer moves down."""
    lines: dict[tuple[str, str, str], str] = {}
    for cls in _bound_classes():
        # a widget's bindings are those of its class and the classes it derives from
        bound = [b for klass in cls.__mro__ for b in _bindings(vars(klass).get("BINDINGS", ()))]
        for binding_id, key_list in keymap.items():
            if not any(b.id == binding_id for b in bound):
                continue
            for key in _split(key_list):
                for other in bound:
                    other_keys = keymap.get(other.id or "", other.key)
                    if other.id == binding_id or key not in _split(other_keys):
                        continue
                    name = other.id or other.action
                    lines.setdefault(
                        (binding_id, key, name),
                        f"{config_file}: keymap.{binding_id}: {keys.key_label(key)} is also the"
                        f" key of {name} ({keys.describe(other)}) where {binding_id} is bound;"
                        f" {binding_id} takes it there",
                    )
    return list(lines.values())


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
        problems += keymap_clashes(config_file, keymap)
    return problems

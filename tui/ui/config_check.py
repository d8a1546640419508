"""What config.toml asks of the app that only the app can check: theme names, binding ids and
key names.

`tui.config` validates everything else before the app starts, but it cannot know Textual's
themes, key names or the ids of our bindings (it must not import Textual). An unknown name is
reported in the app as one line naming the file and the key, and the default is kept: nothing
is lost.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import Any

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import Keys, key_to_character
from textual.screen import Screen

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


_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
# The keys Textual names by a word: f1, pagedown, enter... (its modifiers' forms aside)
_NAMED_KEYS = frozenset(k.value.rpartition("+")[2] for k in Keys if not k.value.startswith("<"))


def key_name(given: str) -> str | None:
    """The key ``given`` names, spelt as Textual names it, or None when it names none.

    Textual matches a key by its exact name, lower case: ``help = "F1"`` (as the footer
    writes it) or ``"Ctrl+S"`` took help's ``?`` away and bound a key no keyboard sends. A
    letter keeps its case (``S`` is shift+s) unless ctrl is held (the terminal sends the same
    for both); a word must be a key's name (``esc`` is none: ``escape``)."""
    given = given.strip()
    if len(given) == 1:
        return given
    *modifiers, base = given.split("+")
    modifiers = [m.lower() for m in modifiers]
    if not set(modifiers) <= _MODIFIERS:
        return None
    if len(base) > 1 or "ctrl" in modifiers:
        base = base.lower()
    # A word that names a printable character (question_mark) names its key, but a
    # letter's or a digit's key is the character itself (a, not latin_small_letter_a).
    character = key_to_character(base) or ""
    named = base in _NAMED_KEYS or (
        len(character) == 1 and character.isprintable() and not character.isalnum()
    )
    if len(base) != 1 and not named:
        return None
    return "+".join([*modifiers, base])


def usable_keymap(keymap: Mapping[str, str]) -> dict[str, str]:
    """``keymap`` with its keys spelt as Textual names them, less those that name no key; a
    binding left with no key keeps its own (:func:`config_problems` names what was left out)."""
    usable = {}
    for binding_id, key_list in keymap.items():
        names = [name for name in map(key_name, _split(key_list)) if name]
        if names:
            usable[binding_id] = ",".join(dict.fromkeys(names))
    return usable


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
            had = {k for b in bound if b.id == binding_id for k in _split(b.key)}
            if not any(b.id == binding_id for b in bound):
                continue
            for key in _split(key_list):
                if key in had:
                    continue  # its own key before the keymap: any overlap was there already
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


def _bound(node: DOMNode, keymap: Mapping[str, str]) -> list[tuple[str, Binding]]:
    """(key, binding) for every key of every binding of ``node``'s class and the classes it
    derives from, as ``keymap`` has them."""
    return [
        (key, b)
        for klass in type(node).__mro__
        for b in _bindings(vars(klass).get("BINDINGS", ()))
        for key in _split(keymap.get(b.id or "", b.key))
    ]


def _given(key: str, name: str, keymap: Mapping[str, str], defaults: Mapping[str, str]) -> bool:
    """Whether the keymap gives binding ``name`` the key ``key`` (not one it had)."""
    return key in _split(keymap.get(name, "")) and key not in _split(defaults.get(name, ""))


def _place(widget: DOMNode) -> str:
    return widget.id or type(widget).__name__


def layer_clashes(config_file: Path, keymap: Mapping[str, str], screen: Screen[Any]) -> list[str]:
    """One line per ``[keymap]`` key that one layer of ``screen`` (a pane, the screen, the
    App) takes from another's binding, and where. Textual looks a key up from the focused
    widget outwards (priority bindings first, from the App inwards): with ``search = "j"``
    every list's j (down) is found first, and j never searches; with ``cursor_down = "t"``
    the lists' t keeps the screen's t (the tracker) from running anywhere on the screen.

    Named: a key the keymap gives a binding that another layer's takes somewhere; and a key
    the keymap gives that takes a binding of the screen's own layers everywhere it would run
    (an App binding taken on one screen still runs on the others: ``close_tracker = "q"``
    closes the tracker, and q quits elsewhere, as asked). The default keys share a key across
    layers only on purpose (one id for both, or an input's letters), so they are not named.
    """
    taken: dict[tuple[str, str, str], list[str]] = {}  # (key, taken, taker) -> places
    reach: dict[tuple[str, str], set[str]] = {}  # (key, binding) -> places it is in reach
    described: dict[str, str] = {}
    defaults: dict[str, str] = {}  # each binding's keys before the keymap
    app_level: set[str] = set()
    for widget in screen.query("*"):
        if not widget.can_focus:
            continue
        layers = [_bound(node, keymap) for node in widget.ancestors_with_self]
        for key in {key for layer in layers for key, _b in layer}:
            if widget.check_consume_key(key, key_to_character(key)):
                continue  # typed into an input, whatever the layers bind
            found = [(d, b) for d, layer in enumerate(layers) for k, b in layer if k == key]
            priority = [(d, b) for d, b in found if b.priority]
            depth, winner = max(priority, key=lambda f: f[0]) if priority else found[0]
            for other_depth, other in found:
                name = other.id or other.action
                if other.id or name not in described:  # (Textual's own have no id)
                    described[name] = keys.describe(other)
                    defaults[name] = other.key
                reach.setdefault((key, name), set()).add(_place(widget))
                if other_depth == len(layers) - 1:
                    app_level.add(name)
                if other_depth == depth or (winner.id and other.id == winner.id):
                    continue  # the same widget's (keymap_clashes), or the same binding
                where = taken.setdefault((key, name, winner.id or winner.action), [])
                if _place(widget) not in where:
                    where.append(_place(widget))
    lines = []
    for (key, lost, taker), where in taken.items():
        label, places = keys.key_label(key), ", ".join(where)
        if _given(key, lost, keymap, defaults):
            lines.append(
                f"{config_file}: keymap.{lost}: {label} is also the key of {taker}"
                f" ({described[taker]}), which takes it in {places}"
            )
        elif (
            _given(key, taker, keymap, defaults)
            and lost not in app_level
            and set(where) == reach[(key, lost)]
        ):
            lines.append(
                f"{config_file}: keymap.{taker}: {label} is also the key of {lost}"
                f" ({described[lost]}), which it takes everywhere {lost} would run: {places}"
            )
    return lines


_QUOTED_CHARS = 40


def _quoted(name: str) -> str:
    """``name`` quoted, cut to a line's worth: a 100,000-character theme filled the screen
    with its toast for half a minute."""
    shown = repr(name)
    return shown if len(shown) <= _QUOTED_CHARS else shown[: _QUOTED_CHARS - 1] + "…"


def config_problems(
    config_file: Path, theme: str, themes: Collection[str], keymap: Mapping[str, str]
) -> list[str]:
    """One line per theme, keymap id or key the app does not know."""
    problems = []
    if theme not in themes:
        known = ", ".join(sorted(themes))
        problems.append(
            f"{config_file}: theme: unknown theme {_quoted(theme)}, using the default; expected"
            f" one of {known}"
        )
    if keymap:
        known_ids = binding_ids()
        unknown_ids = sorted(set(keymap) - known_ids)
        if len(unknown_ids) == 1 and len(unknown_ids[0]) <= _QUOTED_CHARS:
            problems.append(
                f"{config_file}: keymap.{unknown_ids[0]}: no binding has this id (press ? in the"
                " app for the list); ignored"
            )
        elif unknown_ids:  # one line for them all: each its own toast covered the screen
            more = len(unknown_ids) - 5
            named = ", ".join(map(_quoted, unknown_ids[:5]))
            named += f" and {more} more" if more > 0 else ""
            problems.append(
                f"{config_file}: keymap: no binding has the id {named} (press ? in the app for"
                " the list); ignored"
            )
        usable = usable_keymap(keymap)
        for binding_id in sorted(set(keymap) & known_ids):
            unknown = [k for k in _split(keymap[binding_id]) if key_name(k) is None]
            if unknown:
                kept = "its own keys are kept" if binding_id not in usable else "ignored"
                named = ", ".join(map(_quoted, unknown))
                verb = "is not a key" if len(unknown) == 1 else "are not keys"
                problems.append(
                    f"{config_file}: keymap.{binding_id}: {named} {verb} (keys are named as f1,"
                    f" ctrl+s, pagedown, escape, question_mark); {kept}"
                )
        problems += keymap_clashes(config_file, usable)
    return problems

"""Each package's ``__init__`` docstring is a map of its modules (README: Layout of the code):
starting there and following the modules its docstring names, and the ones theirs name, a
newcomer reaches every module of the package. A module added without a line in the map, or
a map that names a module no longer there, fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "tui"
PACKAGES = sorted(p.parent for p in ROOT.rglob("__init__.py"))


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""


def _modules(package: Path) -> dict[str, Path]:
    """The package's modules and subpackages by name, each with the file its docstring is in."""
    found = {p.stem: p for p in package.glob("*.py") if p.name != "__init__.py"}
    found.update({p.parent.name: p for p in package.glob("*/__init__.py")})
    return found


def _named(text: str, name: str) -> bool:
    """Whether ``text`` names the module ``name`` as code: ``:mod:`.name```, ```name```,
    ``tui.core.name``, ``tui/core/name.py`` (not the word: "reading" or "sync" in prose)."""
    return re.search(rf"(?<=[.`/]){re.escape(name)}(?!\w)", text) is not None


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.relative_to(ROOT.parent).as_posix())
def test_the_map_leads_to_every_module(package: Path) -> None:
    modules = _modules(package)
    read = [_docstring(package / "__init__.py")]
    reached: set[str] = set()
    while read:
        text = read.pop()
        for name, path in modules.items():
            if name not in reached and _named(text, name):
                reached.add(name)
                read.append(_docstring(path))
    assert sorted(set(modules) - reached) == []


def test_the_map_names_only_modules_that_exist() -> None:
    # ":mod:`.name`" in a map points at a module of the package itself.
    stale = []
    for package in PACKAGES:
        text = _docstring(package / "__init__.py")
        for name in re.findall(r":mod:`\.([\w.]+)`", text):
            first = name.split(".")[0]
            if first not in _modules(package):
                stale.append(f"{package.relative_to(ROOT.parent)}: .{name}")
    assert stale == []

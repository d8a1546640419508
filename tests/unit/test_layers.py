"""DESIGN §4 layering: below the ui layer nothing loads textual; importing has no side effects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("module", ["tui.services", "tui.cli", "tui.store", "tui.core"])
def test_module_does_not_load_textual(module: str) -> None:
    # tui.services is a namespace for its modules: import every one of them.
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({module!r})\n"
        "for info in pkgutil.walk_packages(getattr(pkg, '__path__', []), pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"{module} loaded {out}"


def test_importing_the_package_creates_no_files(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = "import tui.cli, tui.services.refresh, tui.store.repository, tui.ui.app"
    env = {"NEWSREADER_HOME": str(home), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert not home.exists()

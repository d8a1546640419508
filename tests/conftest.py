"""Shared fixtures: the third-party corpus in ../shared (skipped when absent), a temp home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, serve

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (CI always has it); tests that need it skip, saying why."""
    if not (SHARED / "feeds").is_dir():
        pytest.skip(
            f"the shared corpus is not at {SHARED} (it is third-party text, not in the repo)"
        )
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    return shared_dir / "feeds"


@pytest.fixture(scope="session")
def seed_dir(shared_dir: Path) -> Path:
    return shared_dir / "seed"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh NEWSREADER_HOME, so no test reads or writes the user's files."""
    root = tmp_path / "home"
    root.mkdir()
    monkeypatch.setenv("NEWSREADER_HOME", str(root))
    return root


@pytest.fixture
def corpus_server(corpus_dir: Path) -> Iterator[FeedServer]:
    """The real feed corpus served on 127.0.0.1 with ETag and Last-Modified."""
    with serve(corpus_dir) as server:
        yield server

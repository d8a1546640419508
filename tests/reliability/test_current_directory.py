"""A ``tui`` folder in the directory newsreader is started from is never imported in place of
the installed package. Python puts the current directory first on the module path of
``python -c`` and ``python -m``: the refresh's parse workers (their forkserver starts with
``-c``) and the app's refresh child (``-m``) imported it, so a user whose project has a
``tui`` folder (or a checkout of another version) had its code run by ``newsreader refresh``,
and parsing fell back to a thread when it failed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.feedserver import reply, serve
from tests.reliability.conftest import NEWSREADER, child_env
from tests.reliability.faultserver import item, rss
from tui.config import Settings
from tui.services.background import Finished, RefreshJob, RefreshProcess
from tui.store.repository import Repository

RSS_TYPE = {"Content-Type": "application/rss+xml"}


def _decoy(folder: Path, marker: Path) -> None:
    """A ``tui`` package whose import leaves ``marker`` behind, in every module refresh loads."""
    code = f"open({str(marker)!r}, 'w').close()\n"
    for module in ("__init__.py", "services/__init__.py", "services/parsing.py"):
        path = folder / "tui" / module
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")


def _big_feed(n: int) -> bytes:
    """About 1 MB of feed: three of them start the refresh's parse workers."""
    words = "Tide tables, harbour works and the ferry timetable. " * 400
    return rss([item(f"cwd{n}-{k}", f"Harbour {n} story {k}", body=words) for k in range(50)])


@pytest.fixture
def decoy(tmp_path: Path) -> tuple[Path, Path]:
    """The folder the command starts in, and the marker its ``tui`` leaves when imported."""
    folder, marker = tmp_path / "project", tmp_path / "imported"
    _decoy(folder, marker)
    return folder, marker


def test_refresh_from_a_folder_with_a_tui_package_runs_the_installed_one(
    tmp_path: Path, decoy: tuple[Path, Path]
) -> None:
    folder, marker = decoy
    home = tmp_path / "home"
    routes = {f"/big{n}.xml": reply(200, _big_feed(n), RSS_TYPE) for n in range(3)}
    with serve(routes=routes) as server:
        for path in routes:
            added = subprocess.run(
                [str(NEWSREADER), "add", server.url(path)],
                env=child_env(home),
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert added.returncode == 0, added.stderr
        # the feeds changed: the refresh parses all three again, past the pool's threshold
        for n, path in enumerate(routes):
            server.routes[path] = reply(200, _big_feed(n + 10), RSS_TYPE)
        done = subprocess.run(
            [str(NEWSREADER), "refresh"],
            cwd=folder,
            env=child_env(home),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert "refreshed 3 feeds: 150 new articles" in done.stdout
    assert not marker.exists()
    log = home / "log" / "newsreader.log"
    assert "parse workers failed" not in (log.read_text() if log.exists() else "")


def test_the_apps_refresh_child_runs_the_installed_package(
    tmp_path: Path, decoy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, marker = decoy
    database = tmp_path / "news.db"
    with serve(routes={"/a.xml": reply(200, _big_feed(1), RSS_TYPE)}) as server:
        repo = Repository(database)
        try:
            repo.add_feed(server.url("a.xml"))
        finally:
            repo.close()
        monkeypatch.chdir(folder)  # where the user started the app
        process = RefreshProcess(RefreshJob(database, Settings(timeout_seconds=10)))
        process.start()
        events = list(process.events())
    assert isinstance(events[-1], Finished), events[-1]
    assert events[-1].summary.new_articles == 50
    assert not marker.exists()

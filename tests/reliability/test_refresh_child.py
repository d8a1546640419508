"""The refresh child process (issue 14, case 5) aborted with SIGABRT after every refresh in the
app: its stdin reader thread was still blocked in the buffered stdin at interpreter shutdown
("Fatal Python error: _enter_buffered_busy" in the log each time). It ends cleanly, whether the
refresh finishes or is stopped, and writes no fatal error to the log."""

from __future__ import annotations

import errno
import io
import sys
from pathlib import Path

import pytest

from tests.reliability.faultserver import fault_server, ok, small_feed
from tui.config import Settings
from tui.services import background
from tui.services.background import Failed, Finished, RefreshJob, RefreshProcess
from tui.store.errors import StoreUnavailable
from tui.store.repository import Repository


def _database(tmp_path: Path, urls: list[str]) -> Path:
    path = tmp_path / "news.db"
    repo = Repository(path)
    try:
        for url in urls:
            repo.add_feed(url)
    finally:
        repo.close()
    return path


def test_the_child_exits_cleanly_after_each_refresh(tmp_path: Path) -> None:
    log = tmp_path / "newsreader.log"
    with fault_server({"/a": ok(small_feed("a"))}, lifetime=60) as srv:
        database = _database(tmp_path, [srv.url("/a")])
        codes = []
        for _ in range(3):
            process = RefreshProcess(
                RefreshJob(database, Settings(timeout_seconds=5)), log_file=log
            )
            process.start()
            events = list(process.events())
            assert isinstance(events[-1], Finished)
            assert process._proc is not None
            codes.append(process._proc.wait(10))
    assert codes == [0, 0, 0]
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    assert "Fatal Python error" not in text, text[:500]


def test_a_stopped_child_exits_cleanly(tmp_path: Path) -> None:
    log = tmp_path / "newsreader.log"
    slow = ok(small_feed("s"))
    routes = {f"/{n}": slow for n in range(30)}
    with fault_server(routes, lifetime=60) as srv:
        database = _database(tmp_path, [srv.url(f"/{n}") for n in range(30)])
        process = RefreshProcess(RefreshJob(database, Settings(timeout_seconds=5)), log_file=log)
        process.start()
        for _ in process.events():
            process.stop(grace=10)  # after the first event: stop, and let it end by itself
            break
        assert process._proc is not None
        assert process._proc.wait(10) == 0
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    assert "Fatal Python error" not in text, text[:500]


def test_a_database_deleted_while_the_app_runs_is_not_made_again_empty(tmp_path: Path) -> None:
    """`rm newsreader.db` (to start the cache afresh) while the app ran: its next refresh child
    made a new, empty database there, which the next start took for a first run: it subscribed
    to the default feeds and wrote them over the subscriptions copy. The refresh now fails in
    one line, and the next start restores the subscriptions from the copy."""
    from tui.paths import resolve
    from tui.services.storage import open_store
    from tui.services.subscriptions import write_backup

    paths = resolve({"NEWSREADER_HOME": str(tmp_path)})
    repo, _ = open_store(paths)
    try:
        repo.add_feed("https://gazette.example/feed.xml")
        write_backup(repo, paths.subscriptions_backup)
    finally:
        repo.close()
    for file in paths.data_dir.glob("newsreader.db*"):
        file.unlink()
    process = RefreshProcess(RefreshJob(paths.database, Settings()))
    process.start()
    events = list(process.events())
    assert isinstance(events[-1], Failed)
    assert events[-1].message.startswith(f"the database {paths.database} is gone"), events
    assert not paths.database.exists()
    repo, notice = open_store(paths)
    try:
        assert [f.url for f in repo.feeds()] == ["https://gazette.example/feed.xml"]
        assert notice is not None and "1 subscription restored" in notice
    finally:
        repo.close()


class _FullDisk(io.TextIOBase):
    """The log file on a full disk: every write fails."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failure_on_a_full_disk_still_reaches_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the disk full, the refresh failed, the child's traceback could not be written to
    the log (its stderr) and the child died of that before telling the app why: the app said
    "the refresh process ended unexpectedly (exit status 1)". It says the refresh's reason."""
    reason = "cannot write the database: the disk is full"

    def fails(*args: object) -> None:
        raise StoreUnavailable(reason)

    monkeypatch.setattr(background, "run_job", fails)
    monkeypatch.setattr(sys, "stderr", _FullDisk())
    job = RefreshJob(tmp_path / "news.db", Settings())
    stdin = io.BytesIO(job.to_json().encode("utf-8") + b"\n")
    stdout = io.BytesIO()
    assert background.child_main(stdin, stdout) == 1
    events = [background.decode(line) for line in stdout.getvalue().decode().splitlines()]
    assert events == [Failed(reason)]

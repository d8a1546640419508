"""The refresh child process (issue 14, case 5) aborted with SIGABRT after every refresh in the
app: its stdin reader thread was still blocked in the buffered stdin at interpreter shutdown
("Fatal Python error: _enter_buffered_busy" in the log each time). It ends cleanly, whether the
refresh finishes or is stopped, and writes no fatal error to the log."""

from __future__ import annotations

from pathlib import Path

from tests.reliability.faultserver import fault_server, ok, small_feed
from tui.config import Settings
from tui.services.background import Failed, Finished, RefreshJob, RefreshProcess
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

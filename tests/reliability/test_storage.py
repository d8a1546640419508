"""A damaged database is moved aside and rebuilt from the OPML copy; a read-only or full data
folder gives one clear line and loses nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.conftest import FAST, NEWSREADER, child_env, integrity
from tests.reliability.faultserver import fault_server, small_feed
from tui.core.models import ArticleScope, Subscription
from tui.core.opml import write_opml
from tui.paths import Paths
from tui.services.refresh import refresh_feeds
from tui.services.storage import StoreUnavailable, open_store
from tui.store import db
from tui.store.repository import Repository

SUBS = [
    Subscription(url="https://one.example/feed.xml", title="One", folder="News"),
    Subscription(url="https://two.example/atom", title="Two", folder=""),
]


def make_paths(root: Path) -> Paths:
    return Paths(root / "config", root / "data", root / "cache", root / "log")


def populated(paths: Paths) -> None:
    """A real database with the two subscriptions and some articles, and its OPML copy."""
    paths.ensure()
    repo = Repository(paths.database)
    try:
        repo.add_subscriptions(SUBS)
        from tui.core.parse import parse_feed

        feed = repo.feed_by_url(SUBS[0].url)
        assert feed is not None
        repo.store_articles(feed.id, parse_feed(small_feed("s", 200)).articles)
    finally:
        repo.close()
    paths.subscriptions_backup.write_text(write_opml(SUBS), encoding="utf-8")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database " * 3000)


def damage_pages(path: Path) -> None:
    """Keep the 100-byte header (so SQLite opens the file), overwrite the pages after page 1."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    data[page:] = b"\xde\xad" * ((len(data) - page) // 2)
    path.write_bytes(bytes(data))


def damage_truncated_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:50])


def damage_emptied(path: Path) -> None:
    """Truncated to nothing (a full disk, a copy that failed): SQLite would start afresh."""
    path.write_bytes(b"")


@pytest.mark.parametrize(
    "damage", [damage_garbage, damage_pages, damage_truncated_header, damage_emptied]
)
def test_damaged_database_is_moved_aside_and_rebuilt(tmp_path: Path, damage: object) -> None:
    paths = make_paths(tmp_path)
    populated(paths)
    # Fold the WAL into the file first, as after a clean exit.
    assert integrity(paths.database) == "ok"
    for side in ("-wal", "-shm"):
        paths.database.with_name(paths.database.name + side).unlink(missing_ok=True)
    damage(paths.database)  # type: ignore[operator]
    damaged = digest(paths.database)

    repo, notice = open_store(paths)
    try:
        assert notice is not None and "\n" not in notice
        assert "damaged" in notice and "2 subscriptions restored from subscriptions.opml" in notice
        assert set(repo.subscriptions()) == set(SUBS)
        assert repo.count_articles(ArticleScope()) == 0
        kept = [
            p
            for p in paths.data_dir.glob("newsreader.db.damaged-*")
            if not p.name.endswith(("-wal", "-shm"))
        ]
        assert len(kept) == 1 and kept[0].name in notice
        assert digest(kept[0]) == damaged  # moved, not changed: nothing more is lost
    finally:
        repo.close()
    assert integrity(paths.database) == "ok"
    # The next start is an ordinary one.
    again, second = open_store(paths)
    again.close()
    assert second is None


def _list(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``newsreader list`` run as a user runs it, on the home under ``tmp_path``."""
    return subprocess.run(
        [str(NEWSREADER), "list"],
        env=child_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_damaged_database_via_the_cli(tmp_path: Path) -> None:
    """Needs open_store wired into the CLI: ``newsreader list`` on a damaged database says so
    in one line, lists the subscriptions restored from the OPML copy, and exits 0."""
    paths = make_paths(tmp_path)
    populated(paths)
    assert integrity(paths.database) == "ok"
    damage_garbage(paths.database)
    damaged = digest(paths.database)
    done = _list(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("newsreader: ") and done.stderr.count("\n") == 1, done.stderr
    assert "damaged" in done.stderr and "2 subscriptions restored" in done.stderr
    assert all(sub.url in done.stdout for sub in SUBS)
    kept = [p for p in paths.data_dir.glob("newsreader.db.damaged-*") if "-wal" not in p.name]
    assert len(kept) == 1 and digest(kept[0]) == damaged
    assert integrity(paths.database) == "ok"


def test_damaged_database_without_a_backup(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    paths.ensure()
    damage_garbage(paths.database)
    repo, notice = open_store(paths)
    try:
        assert notice is not None and "no subscriptions copy" in notice
        assert repo.feeds() == []
        repo.add_feed("https://fresh.example/feed")  # the new database works
    finally:
        repo.close()


def test_healthy_database_opens_without_a_notice(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    populated(paths)
    before = digest(paths.database)
    repo, notice = open_store(paths)
    repo.close()
    assert notice is None and repo.path == paths.database
    assert len(list(paths.data_dir.glob("*.damaged-*"))) == 0
    assert digest(paths.database) == before or integrity(paths.database) == "ok"


def removed(paths: Paths) -> None:
    """The database deleted with its WAL files (by hand, to start the cache afresh)."""
    for side in ("", "-wal", "-shm"):
        paths.database.with_name(paths.database.name + side).unlink(missing_ok=True)


def test_a_deleted_database_starts_from_the_subscriptions_copy(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    populated(paths)
    removed(paths)
    repo, notice = open_store(paths)
    try:
        assert notice is not None and "\n" not in notice
        assert "no database" in notice and "2 subscriptions restored" in notice
        assert set(repo.subscriptions()) == set(SUBS)
    finally:
        repo.close()
    again, second = open_store(paths)
    again.close()
    assert second is None


def test_a_deleted_database_beside_an_empty_copy_is_a_first_run(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    paths.ensure()
    paths.subscriptions_backup.write_text(write_opml([]), encoding="utf-8")
    repo, notice = open_store(paths)
    try:
        assert notice is None and repo.feeds() == []
    finally:
        repo.close()


def test_a_deleted_database_keeps_the_subscriptions_via_the_cli(tmp_path: Path) -> None:
    """``newsreader list`` after the database was deleted lists the subscriptions of the copy
    (not the default feeds) and leaves the copy as it was."""
    paths = make_paths(tmp_path)
    populated(paths)
    copy = paths.subscriptions_backup.read_bytes()
    removed(paths)
    done = _list(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 subscriptions restored" in done.stderr and done.stderr.count("\n") == 1
    assert all(sub.url in done.stdout for sub in SUBS)
    assert len(done.stdout.strip().splitlines()) == len(SUBS)
    assert paths.subscriptions_backup.read_bytes() == copy


def _without_override(argv: list[str]) -> list[str]:
    """``argv`` run so that file modes bind it: as root, with every capability dropped (root
    without CAP_DAC_OVERRIDE obeys a folder's mode like anyone else)."""
    if os.getuid() != 0:
        return argv
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a folder read-only")
    return [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--", *argv]


def _readonly(paths: Paths) -> None:
    for folder in (paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir):
        folder.chmod(0o555)
    paths.database.chmod(0o444)


def _writable(paths: Paths) -> None:
    for folder in (paths.data_dir, paths.config_dir, paths.cache_dir, paths.log_dir):
        folder.chmod(0o755)


OPEN_STORE = """
import sys
from tui.paths import resolve
from tui.services.storage import StoreUnavailable, open_store
try:
    repo, notice = open_store(resolve())
except StoreUnavailable as exc:
    print(exc)
    sys.exit(3)
print("opened", notice)
"""


def test_read_only_data_folder_is_one_clear_error(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    populated(paths)
    assert integrity(paths.database) == "ok"
    before = digest(paths.database)
    _readonly(paths)
    try:
        run = subprocess.run(
            _without_override([sys.executable, "-c", OPEN_STORE]),
            env=child_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        _writable(paths)
    assert run.returncode == 3, (run.stdout, run.stderr)
    message = run.stdout.strip()
    assert "\n" not in message and str(paths.data_dir) in message and "read-only" in message
    assert digest(paths.database) == before


def test_read_only_data_folder_via_the_cli(tmp_path: Path) -> None:
    """Needs open_store wired into the CLI: one line, no traceback, nothing changed."""
    paths = make_paths(tmp_path)
    populated(paths)
    assert integrity(paths.database) == "ok"
    before = digest(paths.database)
    _readonly(paths)
    try:
        run = subprocess.run(
            _without_override([str(NEWSREADER), "list"]),
            env=child_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        _writable(paths)
    assert run.returncode != 0
    assert run.stderr.startswith("newsreader: ") and run.stderr.count("\n") == 1, run.stderr
    assert "read-only" in run.stderr and "unexpected" not in run.stderr
    assert digest(paths.database) == before


FULL_DISK = """
import resource, subprocess, sys
limit = int(sys.argv[1])
def cap():
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(subprocess.run(sys.argv[2:], preexec_fn=cap).returncode)
"""


def test_full_disk_during_a_refresh_loses_nothing(tmp_path: Path) -> None:
    """Files may not grow past a limit (RLIMIT_FSIZE: writes fail as on a full disk) while
    ``newsreader refresh`` stores 30 feeds: one clear error, the database intact, every article
    and its read/star state that was there before still there, no feed half stored."""
    home = tmp_path / "home"
    paths = make_paths(home)
    populated(paths)
    routes = {f"/f{i}": _ok(small_feed(f"f{i}", 60)) for i in range(30)}
    with fault_server(routes, lifetime=120) as srv:
        repo = Repository(paths.database)
        try:
            for path in routes:
                repo.add_feed(srv.url(path))
            ids = repo.article_ids(ArticleScope())
            repo.set_read(ids[:50])
            repo.set_starred(ids[60], True)
            before = _snapshot(repo)
        finally:
            repo.close()
        assert integrity(paths.database) == "ok"  # checkpoints the WAL into the file
        limit = paths.database.stat().st_size + 64 * 1024
        run = subprocess.run(
            [sys.executable, "-c", FULL_DISK, str(limit), str(NEWSREADER), "refresh", "--quiet"],
            env=child_env(home),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode != 0
    assert "Traceback" not in run.stderr
    # One line naming the problem (needs StoreError caught in cli.run, see the report).
    assert run.stderr.startswith("newsreader: cannot write the database"), run.stderr
    assert run.stderr.count("\n") == 1 and "disk" in run.stderr
    assert integrity(paths.database) == "ok"
    repo = Repository(paths.database)
    try:
        after = _snapshot(repo)
        assert {k: after[k] for k in before} == before
        for feed in repo.feeds():
            assert feed.total in (0, 60) or feed.url in (SUBS[0].url,), (feed.url, feed.total)
    finally:
        repo.close()


def _ok(body: bytes):  # noqa: ANN202 - a Fault
    from tests.reliability.faultserver import ok

    return ok(body)


def _snapshot(repo: Repository) -> dict[int, tuple[str, bool, bool]]:
    rows = repo._conn().execute("SELECT id, title, read, starred FROM articles")
    return {r[0]: (r[1], bool(r[2]), bool(r[3])) for r in rows}


def test_unwritable_database_stops_a_refresh_with_store_unavailable(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process: a refresh whose writes fail stops with StoreUnavailable (one line)."""
    with fault_server({"/f": _ok(small_feed("w", 300))}, lifetime=60) as srv:
        repo.add_feed(srv.url("/f"))
        # A full disk for every connection (the refresh stores from a thread of its own): no
        # page may be added to the file, so every write that needs one fails with SQLITE_FULL.
        pages = repo._conn().execute("PRAGMA page_count").fetchone()[0]
        connect = db.connect

        def full_disk(path: Path) -> sqlite3.Connection:
            conn = connect(path)
            conn.execute(f"PRAGMA max_page_count = {pages}")
            return conn

        monkeypatch.setattr(db, "connect", full_disk)
        repo._conn().execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(StoreUnavailable, match="the disk is full") as caught:
            refresh_feeds(repo, settings=FAST)
    assert "\n" not in str(caught.value)
    assert repo.count_articles(ArticleScope()) == 0


@pytest.mark.parametrize("argv", [["remove", "1"], ["tariffs"], ["stories"]])
def test_a_database_another_process_holds_is_one_line(
    home: Path,
    argv: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A write lock held past the busy timeout (an sqlite3 shell, a backup, a long write of
    another process): the command that must write says so in one line and changes nothing."""
    from tui.cli import run
    from tui.paths import resolve

    paths = resolve()
    populated(paths)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(paths.database, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        assert run(argv) == 1
    finally:
        holder.close()
    out, err = capsys.readouterr()
    assert err == (
        f"newsreader: the database {paths.database} is busy: another process has held it for"
        " more than 0.2 s; nothing was changed, try again\n"
    )
    assert not paths.log_file.exists()  # no crash to report
    repo = Repository(paths.database)
    try:
        assert {s.url for s in repo.subscriptions()} == {s.url for s in SUBS}
    finally:
        repo.close()

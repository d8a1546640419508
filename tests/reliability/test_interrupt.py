"""Stopping a command that takes time: Ctrl+C, SIGTERM or SIGHUP give one line and exit status
130, 143 or 129, no traceback; no process it started is left running, even when it is killed.

A terminal's Ctrl+C sends SIGINT to the whole foreground process group, so each command runs
here in a process group of its own (as a shell's job does) and the group is interrupted, with
every process the command started in it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, reply, serve
from tests.reliability.conftest import NEWSREADER, child_env, integrity
from tests.reliability.faultserver import item, rss

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def _group(pgid: int) -> dict[int, tuple[int, str]]:
    """The processes of process group ``pgid``: pid -> (parent pid, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        if int(fields[2]) == pgid:
            found[int(entry.name)] = (int(fields[1]), cmdline)
    return found


def _parse_workers(pgid: int) -> list[int]:
    """Parse workers of the refresh leading ``pgid``: the forkserver's children."""
    group = _group(pgid)
    servers = {pid for pid, (_, cmd) in group.items() if "forkserver" in cmd}
    return [pid for pid, (parent, _) in group.items() if parent in servers]


def _wait_until(check: Callable[[], object], what: str, timeout: float = 30.0) -> None:
    """Poll ``check`` until it is true (a wait, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened")
        time.sleep(0.05)


def _as_a_foreground_job() -> None:
    """In the child: the signals a shell's foreground job has. A test run started in the
    background (``nohup``, ``cmd &`` in a script) passes SIGHUP and SIGINT on ignored, and a
    command rightly leaves an ignored signal alone."""
    for signum in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


def _start(home: Path, *args: str) -> subprocess.Popen[str]:
    """``newsreader ARGS`` as a shell's foreground job: the leader of its own process group."""
    return subprocess.Popen(
        [str(NEWSREADER), *args],
        env=child_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_as_a_foreground_job,
    )


def _interrupt(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """Ctrl+C to the command's process group; its exit status and standard error."""
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


@pytest.fixture
def held() -> Iterator[threading.Event]:
    """Released at the end of the test: a route waiting on it answers only then."""
    release = threading.Event()
    yield release
    release.set()


def _big_feed(n: int) -> bytes:
    """About 1 MB of feed: two of them start the refresh's parse workers."""
    words = "Ferries, ports and kelp farms along the coast. " * 400
    return rss([item(f"big{n}-{k}", f"Big {n} story {k}", body=words) for k in range(50)])


def _subscribe(home: Path, server: FeedServer, paths: list[str]) -> None:
    opml = home / "feeds.opml"
    outlines = "".join(f'<outline type="rss" text="{p}" xmlUrl="{server.url(p)}"/>' for p in paths)
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>',
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(NEWSREADER), "import", str(opml)],
        env=child_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def big_refresh(tmp_path: Path, held: threading.Event) -> Iterator[subprocess.Popen[str]]:
    """``newsreader refresh`` with its parse workers running, waiting for its last feed."""

    def hang(h: BaseHTTPRequestHandler) -> None:
        held.wait(60)  # the refresh is still running when the signal comes
        reply(200, _big_feed(4))(h)

    routes = {f"/big{n}.xml": reply(200, _big_feed(n)) for n in range(4)}
    routes["/hang.xml"] = hang
    with serve(routes=routes) as server:
        _subscribe(tmp_path, server, [*routes])
        proc = _start(tmp_path, "refresh")
        try:
            _wait_until(lambda: _parse_workers(proc.pid), "a parse worker starting")
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()


def _ended_cleanly(proc: subprocess.Popen[str], home: Path) -> None:
    """No process of the command's group is left, and the database is whole."""
    _wait_until(lambda: not _group(proc.pid), "the parse workers ending")
    assert integrity(home / "data" / "newsreader.db") == "ok"


def test_ctrl_c_during_a_big_refresh_is_one_line(
    tmp_path: Path, big_refresh: subprocess.Popen[str]
) -> None:
    status, err = _interrupt(big_refresh)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip().splitlines()[-1] == "newsreader: interrupted", err
    assert status == 130
    _ended_cleanly(big_refresh, tmp_path)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["term", "hup"])
def test_sigterm_or_sighup_during_a_refresh_stops_it_as_ctrl_c_does(
    tmp_path: Path, big_refresh: subprocess.Popen[str], signum: signal.Signals
) -> None:
    os.kill(big_refresh.pid, signum)  # as `kill PID` does
    _, err = big_refresh.communicate(timeout=60)
    # one line: no worker's traceback, no resource tracker's warning of leaked semaphores
    assert err == f"newsreader: stopped by {signum.name}\n"
    assert big_refresh.returncode == 128 + signum
    _ended_cleanly(big_refresh, tmp_path)


def test_a_parse_worker_lost_is_logged_not_printed(
    tmp_path: Path, big_refresh: subprocess.Popen[str], held: threading.Event
) -> None:
    killed: list[int] = []

    def kill_workers() -> list[int]:
        for worker in _parse_workers(big_refresh.pid):
            # A process listed may be gone by the kill (ProcessLookupError under load, once)
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker, signal.SIGKILL)  # as the OOM killer does
                killed.append(worker)
        return killed

    _wait_until(kill_workers, "a parse worker killed")
    held.set()  # the last feed comes, and is parsed in a thread instead
    out, err = big_refresh.communicate(timeout=60)
    assert big_refresh.returncode == 0, err
    assert err == ""  # cron mails nothing
    assert "parse workers failed" in (tmp_path / "log" / "newsreader.log").read_text()
    _ended_cleanly(big_refresh, tmp_path)


def test_a_killed_refresh_leaves_no_parse_worker_behind(
    tmp_path: Path, big_refresh: subprocess.Popen[str]
) -> None:
    """SIGKILL (the OOM killer; the app ending its refresh child that did not stop in time)
    left the forkserver and its workers running for good: each worker waits on its queue and
    holds the forkserver's pipe open, so neither ever saw the refresh go."""
    big_refresh.kill()
    big_refresh.wait(timeout=60)
    _ended_cleanly(big_refresh, tmp_path)
    big_refresh.communicate(timeout=60)  # its pipes close with the last of its processes


def test_a_parse_worker_ignores_ctrl_c_from_its_first_instruction(tmp_path: Path) -> None:
    """The terminal sends Ctrl+C to the whole process group: a parse worker still starting,
    before its initializer ignored SIGINT, printed a KeyboardInterrupt traceback under the
    refresh's one line (a loaded machine, once in a full run). A worker started with no
    initializer at all ignores it from its start."""
    code = (
        "import signal\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from tui.services.refresh import parse_context\n"
        "with ProcessPoolExecutor(1, mp_context=parse_context()) as pool:\n"
        "    print(pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        preexec_fn=_as_a_foreground_job,
        check=False,
    )
    assert result.stdout.strip() == "True", result.stderr

"""Refresh in a child process, so the reader's UI process keeps its GIL for keys and frames.

The same child runs the tracker's tariff catch-up (``JobKind.CATCH_UP``): the check of every
article a refresh from cron stored unchecked, or of the whole cache after the extractor's
version changed (minutes at 50,000 articles), reported as ``progress`` in articles; and, for a
feed just added (``JobKind.AFTER_ADDING``), what a refresh does after storing, for the articles the
fetch that found it stored.

A refresh (fetch, parse, store, tariff extraction of new articles, stories, retention) is CPU
work in Python; run in a thread of the app it held the GIL against the UI thread (a key took up to
200 ms to show while 200 feeds came in). :class:`RefreshProcess` runs the same services in
``python -m tui.services.background`` instead, and reads what happens as events.

The protocol is JSON lines, one object each:

- parent -> child, on stdin: the :class:`RefreshJob` first; then ``stop`` (or end of file)
  asks the child to finish the feed it is storing and start no other. The parent going away
  closes the pipe, so a child never outlives the app.
- child -> parent, on stdout: ``started``, ``progress`` per feed, then ``finished`` or
  ``failed`` (one line of text, never a traceback). The child's stderr goes to the log file.

Every feed is stored in one transaction, so stopping or even killing the child at any moment
leaves no half-written feed. This module never imports textual.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tui.config import Settings, SyncSettings
from tui.core.models import FeedRefresh, RefreshSummary
from tui.services.pipeline import one_line

if TYPE_CHECKING:
    from tui.store.repository import Repository

MODULE = "tui.services.background"
STOP = "stop"


class JobKind(StrEnum):
    """What the child does."""

    REFRESH = "refresh"
    """Fetch and store the feeds (or sync with the server), then the steps after storing."""
    CATCH_UP = "catch_up"
    """No fetch: the tariff check of the articles not checked yet (:func:`run_catch_up_job`)."""
    AFTER_ADDING = "after_adding"
    """No fetch: the steps after storing for the articles of feeds just added, stored by the
    fetch that found them (:func:`run_added_job`)."""


@dataclass(frozen=True, slots=True)
class RefreshJob:
    """What the child runs: ``feed_ids`` None means every fetchable feed."""

    database: Path
    settings: Settings
    feed_ids: tuple[int, ...] | None = None
    kind: JobKind = JobKind.REFRESH

    @classmethod
    def tariff_catch_up(cls, database: Path) -> RefreshJob:
        """The catch-up of ``database`` (it needs no settings)."""
        return cls(database, Settings(), kind=JobKind.CATCH_UP)

    def to_json(self) -> str:
        return json.dumps(
            {
                "database": str(self.database),
                "settings": asdict(self.settings),
                "feed_ids": None if self.feed_ids is None else list(self.feed_ids),
                "kind": self.kind.value,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> RefreshJob:
        data = json.loads(text)
        known = {f.name for f in fields(Settings)}
        values = {k: v for k, v in data["settings"].items() if k in known}
        if isinstance(values.get("sync"), dict):
            values["sync"] = SyncSettings.from_mapping(values["sync"])
        settings = Settings(**values)
        ids = data.get("feed_ids")
        return cls(
            Path(data["database"]),
            settings,
            None if ids is None else tuple(ids),
            JobKind(data.get("kind", JobKind.REFRESH)),
        )


@dataclass(frozen=True, slots=True)
class Started:
    """The refresh of ``total`` feeds began (a sync counts items: ``unit`` says which)."""

    total: int
    unit: str = "feed"


@dataclass(frozen=True, slots=True)
class Progress:
    """One more feed is done (stored, when it had something new); a sync's progress counts
    the server's items stored here (``unit``)."""

    done: int
    total: int
    result: FeedRefresh
    unit: str = "feed"


@dataclass(frozen=True, slots=True)
class Finished:
    """The refresh ended; ``removed`` articles went to retention. ``problem``: the one line of a
    step after storing that failed (story grouping, retention, the watch check); what was
    stored stays."""

    summary: RefreshSummary
    removed: int = 0
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Failed:
    """The refresh failed as a whole: ``message`` is one line for the user."""

    message: str


RefreshEvent = Started | Progress | Finished | Failed


# -- the protocol --------------------------------------------------------------------------


def encode(event: RefreshEvent) -> str:
    """One JSON line (without the newline) for ``event``."""
    data: dict[str, Any]
    if isinstance(event, Started):
        data = {"event": "started", "total": event.total, "unit": event.unit}
    elif isinstance(event, Progress):
        data = {
            "event": "progress",
            "done": event.done,
            "total": event.total,
            "result": asdict(event.result),
            "unit": event.unit,
        }
    elif isinstance(event, Finished):
        data = {
            "event": "finished",
            "results": [asdict(r) for r in event.summary.results],
            "removed": event.removed,
            "problem": event.problem,
        }
    else:
        data = {"event": "failed", "message": event.message}
    return json.dumps(data, ensure_ascii=False)


def decode(line: str) -> RefreshEvent:
    """The event of one line written by :func:`encode` (ValueError when it is not one)."""
    try:
        data = json.loads(line)
        kind = data["event"]
        if kind == "started":
            return Started(int(data["total"]), str(data.get("unit", "feed")))
        if kind == "progress":
            result = FeedRefresh(**data["result"])
            unit = str(data.get("unit", "feed"))
            return Progress(int(data["done"]), int(data["total"]), result, unit)
        if kind == "finished":
            results = tuple(FeedRefresh(**r) for r in data["results"])
            return Finished(RefreshSummary(results), int(data["removed"]), data.get("problem"))
        if kind == "failed":
            return Failed(str(data["message"]))
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a refresh event: {line[:80]!r}") from exc
    raise ValueError(f"unknown refresh event: {kind!r}")


# -- the work (in the child) ---------------------------------------------------------------


def _open(job: RefreshJob) -> Repository:
    """The job's database, which must be there. One deleted while the app runs (to start the
    cache afresh) was made again here, empty, and the next start took that for a first run: it
    subscribed to the default feeds and wrote them over the subscriptions copy. Left missing,
    the next start makes it from the copy (:func:`tui.services.storage.open_store`)."""
    from tui.store.errors import StoreUnavailable
    from tui.store.repository import Repository

    if not job.database.exists():
        raise StoreUnavailable(
            f"the database {job.database} is gone: quit and start newsreader again to start"
            " a new one from the subscriptions copy"
        )
    return Repository(job.database)


def run_job(
    job: RefreshJob, emit: Callable[[RefreshEvent], None], should_stop: Callable[[], bool]
) -> None:
    """Run the refresh pipeline (:func:`tui.services.pipeline.run_refresh`, with the tariff
    check of new articles) and report through ``emit``. With ``[sync]`` set, the refresh is a
    sync with the server (:func:`run_sync_job`).

    Runs in the child process (:func:`child_main`), but needs nothing from it: any thread can
    call it. Exceptions propagate (the child turns them into :class:`Failed`).
    """
    if job.kind is JobKind.CATCH_UP:
        run_catch_up_job(job, emit, should_stop)
        return
    if job.kind is JobKind.AFTER_ADDING:
        run_added_job(job, emit, should_stop)
        return
    if job.settings.sync is not None:
        run_sync_job(job, emit, should_stop)
        return
    from tui.services.pipeline import run_refresh

    def progress(done: int, total: int, result: FeedRefresh) -> None:
        emit(Progress(done, total, result))

    repo = _open(job)
    try:
        outcome = run_refresh(
            repo,
            job.settings,
            job.feed_ids,
            check_tariffs=True,
            on_start=lambda total: emit(Started(total)),
            on_progress=progress,
            should_stop=should_stop,
        )
        problem = outcome.step_error or outcome.watch_error
        emit(Finished(outcome.summary, outcome.removed, problem))
    finally:
        repo.close()


def run_added_job(
    job: RefreshJob, emit: Callable[[RefreshEvent], None], should_stop: Callable[[], bool]
) -> None:
    """For feeds just added (``a``), whose articles the fetch that found them stored: the
    tariff check, the watch check, the grouping and retention a refresh gives what it stores
    (:func:`tui.services.pipeline.after_adding`), reported as that refresh would be."""
    from tui.services.pipeline import after_adding

    feed_ids = job.feed_ids or ()
    repo = _open(job)
    try:
        emit(Started(len(feed_ids)))
        outcome = after_adding(
            repo, job.settings, feed_ids, check_tariffs=True, should_stop=should_stop
        )
        problem = outcome.step_error or outcome.watch_error
        emit(Finished(outcome.summary, outcome.removed, problem))
    finally:
        repo.close()


def run_catch_up_job(
    job: RefreshJob, emit: Callable[[RefreshEvent], None], should_stop: Callable[[], bool]
) -> None:
    """The tariff catch-up (:func:`tui.services.extraction.catch_up_tariffs`): ``started``
    with the articles due, ``progress`` per batch (``new_articles``: those that stated rates so
    far), ``finished`` with no feed results. Stopping keeps the batches done."""
    from tui.services.extraction import catch_up_tariffs

    repo = _open(job)
    started = [False]

    def progress(done: int, total: int, found: int) -> None:
        if not started[0]:
            started[0] = True
            emit(Started(total, "article"))
        result = FeedRefresh(feed_id=0, url="", new_articles=found)
        emit(Progress(done, total, result, "article"))

    try:
        catch_up_tariffs(repo, on_progress=progress, should_stop=should_stop)
        emit(Finished(RefreshSummary(())))
    finally:
        repo.close()


def run_sync_job(
    job: RefreshJob, emit: Callable[[RefreshEvent], None], should_stop: Callable[[], bool]
) -> None:
    """:func:`run_job` for ``[sync]``: every feed comes from the server, whatever
    ``job.feed_ids`` asks. A failure of the sync as a whole (credentials, a server down, slow
    or answering garbage) is one :class:`Failed` line; what was stored before stays."""
    from tui.services.extraction import extract_new_tariffs
    from tui.services.pipeline import after_refresh
    from tui.services.sync.engine import sync
    from tui.services.sync.remote import SyncError

    repo = _open(job)
    new = [0]  # articles stored since the last progress event
    stored: list[int] = []  # every article the sync stored, for the watch list
    started = [False]
    try:

        def progress(done: int, total: int) -> None:
            if not started[0]:
                started[0] = True
                emit(Started(total, "item"))
            result = FeedRefresh(feed_id=0, url="", new_articles=new[0])
            new[0] = 0
            emit(Progress(done, total, result, "item"))

        def new_articles(feed_id: int, ids: list[int]) -> None:
            new[0] += len(ids)
            stored.extend(ids)
            extract_new_tariffs(repo, ids)

        try:
            summary = sync(
                repo,
                job.settings,
                on_progress=progress,
                on_new_articles=new_articles,
                should_stop=should_stop,
            )
        except SyncError as exc:
            emit(Failed("Sync failed: " + " ".join(str(exc).split())))
            return
        after = after_refresh(repo, job.settings, stored, should_stop)
        emit(Finished(summary.as_refresh(), after.removed, after.error or after.watch_error))
    finally:
        repo.close()


def child_main(stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """The child: read the job, refresh, write events; stop on ``stop`` or end of input."""
    stop = threading.Event()
    lock = threading.Lock()

    def emit(event: RefreshEvent) -> None:
        with lock:
            try:
                stdout.write(encode(event).encode("utf-8") + b"\n")
                stdout.flush()
            except (BrokenPipeError, ValueError):  # the app went away: stop fetching
                stop.set()

    first = stdin.readline()
    if not first.strip():
        return 0  # nothing asked (the parent closed the pipe at once)
    try:
        job = RefreshJob.from_json(first.decode("utf-8"))
    except (ValueError, KeyError, TypeError) as exc:
        emit(Failed(f"bad refresh job: {one_line(exc)}"))
        return 2

    def watch_input() -> None:
        for line in stdin:
            if line.strip() == STOP.encode():
                break
        stop.set()

    threading.Thread(target=watch_input, name="refresh-stdin", daemon=True).start()
    try:
        run_job(job, emit, stop.is_set)
    except Exception as exc:  # one line to the app; the traceback to stderr (the log)
        import traceback

        emit(Failed(one_line(exc)))
        with contextlib.suppress(OSError):  # the log on a full disk: the app knows why
            traceback.print_exc()
        return 1
    return 0


def _child() -> int:
    # The protocol owns the real stdout; whatever a library prints goes to stderr (the log).
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    with contextlib.suppress(OSError):
        os.nice(10)  # background work: the reader's keys come first on a busy machine
    # Unbuffered: the thread watching for "stop" is still blocked in a read when the refresh
    # ends, and a read of the buffered sys.stdin holds its lock, which the interpreter's
    # shutdown then cannot take (a SIGABRT: "Fatal Python error: _enter_buffered_busy").
    stdin = os.fdopen(os.dup(sys.stdin.fileno()), "rb", buffering=0)
    return child_main(stdin, out)


# -- the parent side -----------------------------------------------------------------------


class RefreshProcess:
    """One refresh in a child process; iterate :meth:`events` (in a thread), :meth:`stop` to end.

    ``log_file``: where the child's stderr goes (appended); None discards it. Never the
    terminal: the app owns it.
    """

    def __init__(self, job: RefreshJob, *, log_file: Path | None = None) -> None:
        self.job = job
        self.log_file = log_file
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopping = False
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        return None if self._proc is None else self._proc.pid

    def start(self) -> None:
        """Start the child and hand it the job (raises OSError when it cannot start)."""
        log: IO[bytes] | int = subprocess.DEVNULL
        if self.log_file is not None:
            try:
                self.log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                log = self.log_file.open("ab")
            except OSError:
                log = subprocess.DEVNULL
        try:
            self._proc = subprocess.Popen(
                # -P: this installation's package, never a "tui" folder where the app started
                [sys.executable, "-P", "-m", MODULE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                start_new_session=True,  # no terminal signals, no access to the app's tty
                close_fds=True,
            )
        finally:
            if not isinstance(log, int):
                log.close()
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(self.job.to_json().encode("utf-8") + b"\n")
            self._proc.stdin.flush()
        except BrokenPipeError:
            pass  # it died at once: events() reports how it ended

    def events(self) -> Iterator[RefreshEvent]:
        """The child's events as they come (blocking); ends with Finished or Failed.

        A child that ends without saying how (killed, crashed) yields one Failed, unless it
        was asked to stop.
        """
        proc = self._proc
        if proc is None or proc.stdout is None:
            raise RuntimeError("the refresh process was not started")
        ended = False
        for raw in proc.stdout:
            try:
                event = decode(raw.decode("utf-8", "replace"))
            except ValueError:
                continue  # not ours: ignore rather than fail the refresh
            ended = ended or isinstance(event, Finished | Failed)
            yield event
        code = proc.wait()
        proc.stdout.close()
        with self._lock:
            if proc.stdin is not None and not proc.stdin.closed:
                with contextlib.suppress(OSError):
                    proc.stdin.close()
        if not ended and not self._stopping:
            yield Failed(f"the refresh process ended unexpectedly (exit status {code})")

    def stop(self, grace: float = 0.5) -> None:
        """Ask the child to stop; after ``grace`` seconds end it (each feed is one transaction,
        so nothing is half-written either way). Returns once the child is gone."""
        with self._lock:
            self._stopping = True
            proc = self._proc
            if proc is None or proc.poll() is not None:
                return
            try:
                if proc.stdin is not None and not proc.stdin.closed:
                    proc.stdin.write(STOP.encode() + b"\n")
                    proc.stdin.close()
            except (BrokenPipeError, OSError, ValueError):
                pass
        try:
            proc.wait(grace)
            return
        except subprocess.TimeoutExpired:
            proc.terminate()
        try:
            proc.wait(2.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    sys.exit(_child())

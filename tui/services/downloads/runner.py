"""Run the download queue: the pending downloads, a few at a time, until none is left.

Synchronous to its callers (the app runs it in a thread worker, ``newsreader download`` in its
own process) and asynchronous inside: one event loop and one feed fetcher for every download
of the run. Progress goes to ``on_progress`` (a few times a second per download) and to the
database (once a second, where the other process sees it); how each ended goes to
``on_finished`` and the database. ``should_stop()`` turning true ends the run within a tenth of
a second: each running download goes back to the queue with its bytes kept, to resume.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Collection
from pathlib import Path

import httpx

from tui.core.models import Download
from tui.services.deadline import StopCheck
from tui.services.downloads.files import (
    Busy,
    PartFile,
    file_in_the_way,
    part_path,
    place,
    remove_part,
)
from tui.services.downloads.transfer import (
    Cancelled,
    DownloadError,
    DownloadSettings,
    Progress,
    TooLarge,
    Transfer,
)
from tui.services.fetcher import Fetcher, HopCheck
from tui.services.fulltext import HostCheck, InternalAddress, check_host
from tui.store.repository import Repository

__all__ = ["PARALLEL", "DownloadRunner", "cancel_download"]

PARALLEL = 2
"""Downloads at a time."""
_POLL = 0.1
_log = logging.getLogger(__name__)

ProgressCallback = Callable[[Progress], object]
FinishedCallback = Callable[[Download], object]


def cancel_download(repo: Repository, download_id: int) -> bool:
    """Cancel a queued or running download and delete its partial file (a process that is
    downloading it stops, and deletes it, at its next progress write)."""
    download = repo.download(download_id)
    if download is None or not repo.cancel_download(download_id):
        return False
    remove_part(download)
    return True


class DownloadRunner:
    """Downloads what is pending (of ``only``, when given), :data:`PARALLEL` at a time.

    ``allow_internal`` is the ``internal_links`` rule (None: every host); a download's own
    ``approved_host`` (the user said yes when queuing it) is allowed besides.
    """

    def __init__(
        self,
        repo: Repository,
        settings: DownloadSettings,
        *,
        allow_internal: HostCheck | None = None,
        on_progress: ProgressCallback | None = None,
        on_finished: FinishedCallback | None = None,
        only: Collection[int] | None = None,
        parallel: int = PARALLEL,
    ) -> None:
        self._repo = repo
        self._settings = settings
        self._allow_internal = allow_internal
        self._on_progress = on_progress
        self._on_finished = on_finished
        self._only = None if only is None else frozenset(only)
        self._parallel = max(1, parallel)
        self._lock = threading.Lock()
        self._cancelled: set[int] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: dict[int, asyncio.Task[Download | None]] = {}

    def cancel(self, download_id: int) -> bool:
        """Cancel a download (from any thread): one this run downloads stops at once and
        deletes its partial file; False when it was not pending."""
        download = self._repo.download(download_id)
        if download is None or not self._repo.cancel_download(download_id):
            return False
        with self._lock:
            self._cancelled.add(download_id)
            loop, task = self._loop, self._tasks.get(download_id)
        if loop is not None and task is not None:
            loop.call_soon_threadsafe(task.cancel)
        else:
            remove_part(download)
        return True

    def run(self, should_stop: StopCheck | None = None) -> list[Download]:
        """Download until nothing is pending (or ``should_stop()``); returns how each download
        of this run ended. Call from a thread that runs no event loop."""
        return asyncio.run(self._main(should_stop))

    async def _main(self, should_stop: StopCheck | None) -> list[Download]:
        ended: list[Download] = []
        skipped: set[int] = set()  # busy in another process: not asked again this run
        with self._lock:
            self._loop = asyncio.get_running_loop()
        try:
            async with Fetcher(self._settings.fetch) as fetcher:
                while True:
                    if should_stop is not None and should_stop():
                        for task in self._tasks.values():
                            task.cancel()
                    elif len(self._tasks) < self._parallel:
                        self._start_pending(fetcher, skipped)
                    if not self._tasks:
                        break
                    done, _ = await asyncio.wait(set(self._tasks.values()), timeout=_POLL)
                    for download_id, task in list(self._tasks.items()):
                        if task not in done:
                            continue
                        with self._lock:
                            del self._tasks[download_id]
                        result = task.result()
                        if result is None or result.state in ("queued", "running"):
                            skipped.add(download_id)
                        if result is not None:
                            ended.append(result)
                            if self._on_finished is not None:
                                self._on_finished(result)
        finally:
            with self._lock:
                self._loop = None
        return ended

    def _start_pending(self, fetcher: Fetcher, skipped: set[int]) -> None:
        for item in self._repo.pending_downloads():
            if len(self._tasks) >= self._parallel:
                return
            if item.id in self._tasks or item.id in skipped:
                continue
            if self._only is not None and item.id not in self._only:
                continue
            task = asyncio.create_task(self._one(fetcher, item))
            with self._lock:
                # Pending again: a cancel this run saw before is over (r retried it). One that
                # comes later finds the task; one in between makes the claim fail.
                self._cancelled.discard(item.id)
                self._tasks[item.id] = task

    def _check(self, download: Download) -> HopCheck | None:
        rule = self._allow_internal
        if rule is None:
            return None
        approved = download.approved_host.lower()

        def allowed(host: str) -> bool:
            return bool(approved) and host.lower() == approved or rule(host)

        async def check(url: str) -> None:
            await check_host(url, allowed)

        return check

    async def _one(self, fetcher: Fetcher, item: Download) -> Download | None:
        """Download one; its row as it ended (None: another process has it, or it is no
        longer pending)."""
        try:
            part = PartFile(part_path(item))
        except Busy:
            return None
        except OSError as exc:
            if self._repo.claim_download(item.id) is None:
                return None
            where = exc.filename or item.directory
            in_the_way = file_in_the_way(Path(item.directory))  # "File exists" says too little
            reason = f"{in_the_way} is a file, not a folder" if in_the_way else exc.strerror
            error = f"cannot write in {where}: {reason or exc}"
            self._repo.finish_download(item.id, "failed", received=0, error=error)
            return self._repo.download(item.id)
        try:
            claimed = self._repo.claim_download(item.id)
            if claimed is None:
                return None
            await self._transfer(fetcher, claimed, part)
        finally:
            part.close()
        return self._repo.download(item.id)

    async def _transfer(self, fetcher: Fetcher, download: Download, part: PartFile) -> None:
        repo, download_id = self._repo, download.id
        last_store = time.monotonic()

        async def report(progress: Progress) -> bool:
            nonlocal last_store
            if download_id in self._cancelled:
                return False
            if self._on_progress is not None:
                self._on_progress(progress)
            now = time.monotonic()
            if now - last_store < self._settings.store_every:
                return True
            last_store = now
            return repo.record_download_progress(download_id, progress.received)

        def on_response(name: str, total: int | None, etag: str, last_modified: str) -> None:
            repo.record_download_response(
                download_id, name=name, total=total, etag=etag, last_modified=last_modified
            )

        @contextlib.asynccontextmanager
        async def opener(
            url: str, headers: dict[bytes, bytes], check: HopCheck | None
        ) -> AsyncIterator[tuple[str, httpx.Response]]:
            async with fetcher.open(url, headers, check=check) as opened:
                yield opened.url, opened.response

        transfer = Transfer(
            download,
            part,
            self._settings,
            check=self._check(download),
            report=report,
            on_response=on_response,
        )
        try:
            await transfer.run(opener)
            part.finish()
            path = place(part.path, Path(download.directory), transfer.name or "download")
            repo.finish_download(
                download_id, "done", received=part.size, path=str(path), name=path.name
            )
        except asyncio.CancelledError:
            if download_id in self._cancelled:
                self._end_cancelled(download_id, part)
            else:  # the run is stopping (the app quits, Ctrl+C): back to the queue, bytes kept
                repo.finish_download(download_id, "queued", received=part.size)
        except Cancelled:  # here, or by another process (its row is no longer running)
            self._end_cancelled(download_id, part)
        except TooLarge as exc:
            part.close(delete=True)
            repo.finish_download(download_id, "failed", received=0, error=str(exc))
        except DownloadError as exc:
            repo.finish_download(download_id, "failed", received=part.size, error=str(exc))
        except InternalAddress as exc:
            repo.finish_download(
                download_id, "failed", received=part.size, error=f"{exc} (internal_links)"
            )
        except OSError as exc:
            error = f"cannot write {exc.filename or part.path}: {exc.strerror or exc}"
            repo.finish_download(download_id, "failed", received=part.size, error=error)
        except Exception as exc:  # a bug must not take the other downloads down
            _log.exception("download %s failed", download_id)
            error = f"unexpected error: {type(exc).__name__}: {exc}"
            repo.finish_download(download_id, "failed", received=part.size, error=error)

    def _end_cancelled(self, download_id: int, part: PartFile) -> None:
        part.close(delete=True)
        self._repo.finish_download(download_id, "cancelled", received=0)

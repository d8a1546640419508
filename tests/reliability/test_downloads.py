"""Downloads against a real server on 127.0.0.1 serving a real-size file (5 MB, a fixed seed):
a dropped connection, a restart of the downloader, a server without ranges, a file that changed,
cancel, the size cap, slow and bad servers, hostile names, internal addresses, two processes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mediaserver import MediaServer, media_bytes, serve_media, sha256
from tui.core.models import Download
from tui.services.downloads.files import PartFile, part_path
from tui.services.downloads.runner import DownloadRunner, cancel_download
from tui.services.downloads.transfer import DownloadSettings, Progress
from tui.services.fetcher import FetchSettings
from tui.store.repository import Repository

SIZE = 5_000_000
BODY = media_bytes(SIZE)


def settings(**changes: object) -> DownloadSettings:
    base: dict[str, object] = {
        "fetch": FetchSettings(timeout=5.0),
        "retry_delays": (0.05, 0.05, 0.05),
        "progress_every": 0.02,
        "store_every": 0.05,
    }
    base.update(changes)
    return DownloadSettings(**base)  # type: ignore[arg-type]


@pytest.fixture
def media() -> Iterator[MediaServer]:
    with serve_media(MediaServer(BODY)) as server:
        yield server


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "downloads"


def queue(repo: Repository, url: str, folder: Path) -> Download:
    download, queued = repo.queue_download(url, directory=str(folder), title="Episode 7")
    assert queued
    return download


def run(repo: Repository, **options: object) -> list[Download]:
    runner = DownloadRunner(repo, options.pop("config", None) or settings(), **options)  # type: ignore[arg-type]
    return runner.run()


def finished(repo: Repository, download_id: int) -> Download:
    download = repo.download(download_id)
    assert download is not None
    return download


def test_a_dropped_connection_resumes_and_the_file_is_byte_identical(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    media.drops, media.drop_at = 1, 2_000_000
    item = queue(repo, media.url(), folder)
    progress: list[Progress] = []
    run(repo, on_progress=progress.append)
    done = finished(repo, item.id)
    assert done.state == "done", done.error
    data = Path(done.path).read_bytes()
    assert len(data) == SIZE and sha256(data) == sha256(BODY)
    assert Path(done.path) == folder / "episode.mp3"
    assert not part_path(done).exists()
    first, second = media.requests
    assert (first.range, first.status, first.sent) == (None, 200, 2_000_000)
    # From the bytes that arrived (the last few the server wrote may be lost with the
    # connection under load), validated by the ETag.
    assert second.range is not None and second.if_range == '"v1"'
    kept = int(second.range.removeprefix("bytes=").removesuffix("-"))
    assert 1_500_000 < kept <= 2_000_000
    assert (second.status, second.sent) == (206, SIZE - kept)
    assert progress[-1].resumed == 2_000_000 and progress[-1].received == SIZE
    assert (done.total, done.received) == (SIZE, SIZE)


def test_a_restart_of_the_downloader_resumes_where_it_stopped(
    repo: Repository, media: MediaServer, folder: Path, database: Path
) -> None:
    media.delay = 0.01  # about 6 MB/s: time to stop it midway
    item = queue(repo, media.url(), folder)
    stop = threading.Event()

    def watch(progress: Progress) -> None:
        if progress.received >= 1_000_000:
            stop.set()

    DownloadRunner(repo, settings(), on_progress=watch).run(should_stop=stop.is_set)
    stopped = finished(repo, item.id)
    assert stopped.state == "queued"  # back in the queue, to resume
    kept = part_path(stopped).stat().st_size
    assert 1_000_000 <= kept < SIZE
    media.delay = 0.0
    again = Repository(database)  # as a new process would
    try:
        ended = DownloadRunner(again, settings()).run()
    finally:
        again.close()
    assert [d.state for d in ended] == ["done"]
    assert sha256(Path(ended[0].path).read_bytes()) == sha256(BODY)
    last = media.requests[-1]
    assert (last.range, last.status, last.sent) == (f"bytes={kept}-", 206, SIZE - kept)


def test_a_server_without_ranges_starts_again_cleanly(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    media.ranges = False
    media.drops, media.drop_at = 1, 3_000_000
    item = queue(repo, media.url(), folder)
    run(repo)
    done = finished(repo, item.id)
    assert done.state == "done", done.error
    assert sha256(Path(done.path).read_bytes()) == sha256(BODY)
    first, second = media.requests
    # The resume asks from the bytes that arrived before the drop (under load, the last few
    # kilobytes the server wrote may be lost with the connection), and gets the whole file.
    assert second.range is not None and second.range.startswith("bytes=")
    assert 2_000_000 < int(second.range.removeprefix("bytes=").removesuffix("-")) <= 3_000_000
    assert (second.status, second.sent) == (200, SIZE)


def test_a_file_that_changed_is_fetched_whole_again(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    media.drops, media.drop_at = 1, 1_500_000
    item = queue(repo, media.url(), folder)
    run(repo, config=settings(retry_delays=()))
    failed = finished(repo, item.id)
    assert failed.state == "failed" and "retry to resume" in (failed.error or "")
    media.body, media.etag = media_bytes(SIZE, seed=22), '"v2"'  # replaced on the server
    assert repo.retry_download(item.id)
    run(repo)
    done = finished(repo, item.id)
    assert done.state == "done"
    assert sha256(Path(done.path).read_bytes()) == sha256(media.body)
    last = media.requests[-1]
    assert (last.if_range, last.status) == ('"v1"', 200)


def test_a_download_can_be_cancelled(repo: Repository, media: MediaServer, folder: Path) -> None:
    media.delay = 0.01
    item = queue(repo, media.url(), folder)
    runner: DownloadRunner

    def watch(progress: Progress) -> None:
        if progress.received >= 500_000:
            threading.Thread(target=runner.cancel, args=(item.id,)).start()

    runner = DownloadRunner(repo, settings(), on_progress=watch)
    ended = runner.run()
    assert [d.state for d in ended] == ["cancelled"]
    assert not part_path(item).exists()
    assert not any(folder.iterdir())
    assert media.requests[0].sent < SIZE


def test_cancelling_a_queued_download_removes_its_bytes(repo: Repository, folder: Path) -> None:
    item = queue(repo, "http://127.0.0.1:9/never.mp3", folder)
    folder.mkdir()
    part_path(item).write_bytes(b"x" * 100)
    assert cancel_download(repo, item.id)
    assert finished(repo, item.id).state == "cancelled"
    assert not part_path(item).exists()
    assert not cancel_download(repo, item.id)  # no longer pending


def test_the_size_cap_stops_a_download_and_keeps_nothing(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    item = queue(repo, media.url(), folder)
    run(repo, config=settings(max_bytes=1_000_000))
    failed = finished(repo, item.id)
    assert failed.state == "failed"
    assert failed.error == (
        "the file is 5.0 MB, more than the 1.0 MB allowed (max_download_megabytes)"
    )
    assert media.requests[0].sent < SIZE
    assert not any(folder.iterdir())


def test_the_size_cap_holds_without_a_content_length(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    media.length = False
    item = queue(repo, media.url(), folder)
    run(repo, config=settings(max_bytes=2_000_000))
    failed = finished(repo, item.id)
    assert failed.state == "failed" and "more than the 2.0 MB allowed" in (failed.error or "")
    assert not any(folder.iterdir())


def test_without_a_content_length_the_file_ends_with_the_connection(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    media.length = False
    item = queue(repo, media.url(), folder)
    run(repo)
    done = finished(repo, item.id)
    assert done.state == "done" and sha256(Path(done.path).read_bytes()) == sha256(BODY)


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("http://127.0.0.1:1/episode.mp3", "cannot connect"),
        ("ftp://127.0.0.1/episode.mp3", "not an http(s) URL: 'ftp://127.0.0.1/episode.mp3'"),
        ("http://[::1/episode.mp3", "not a valid URL"),
    ],
)
def test_a_bad_url_fails_with_one_line(
    repo: Repository, folder: Path, url: str, error: str
) -> None:
    item = queue(repo, url, folder)
    run(repo)
    failed = finished(repo, item.id)
    assert failed.state == "failed" and error in (failed.error or ""), failed.error
    assert "\n" not in (failed.error or "")


@pytest.mark.parametrize(("status", "error"), [(404, "HTTP 404 Not Found"), (503, "HTTP 503")])
def test_an_http_error_fails_with_its_status(
    repo: Repository, media: MediaServer, folder: Path, status: int, error: str
) -> None:
    media.status = status
    item = queue(repo, media.url(), folder)
    run(repo)
    failed = finished(repo, item.id)
    assert failed.state == "failed" and error in (failed.error or "")
    # A 404 is not tried again; a 503 is, as a dropped connection is.
    assert len(media.requests) == (1 if status == 404 else 4)


def test_a_failure_before_any_byte_does_not_promise_a_resume(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    """A 503 on every try said "what arrived is kept: retry to resume" when nothing had
    arrived; a failure part way through still says so."""
    media.status = 503
    empty = queue(repo, media.url("empty.mp3"), folder)
    run(repo)
    error = finished(repo, empty.id).error or ""
    assert error.startswith("HTTP 503") and error.endswith("(4 tries)"), error
    media.status, media.drops, media.drop_at = 0, 10, 100_000
    partial = queue(repo, media.url("partial.mp3"), folder)
    run(repo, config=settings(min_bytes=10_000_000))
    error = finished(repo, partial.id).error or ""
    assert error.endswith("(4 tries; what arrived is kept: retry to resume)"), error


def test_a_server_that_drips_is_given_up_on(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    media.chunk, media.delay = 100, 0.05  # 2 KB a second
    item = queue(repo, media.url(), folder)
    config = settings(
        fetch=FetchSettings(timeout=1.0, deadline=0.5), min_bytes=50_000, retry_delays=(0.01,)
    )
    run(repo, config=config)
    failed = finished(repo, item.id)
    assert failed.state == "failed"
    assert "too slow" in (failed.error or "") and "in 0.5 s" in (failed.error or "")


def test_hostile_file_names_stay_in_the_folder_and_are_numbered(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    media.disposition = 'attachment; filename="../../\x1b[31m.bashrc"'
    first = queue(repo, media.url("a.mp3"), folder)
    second = queue(repo, media.url("b.mp3"), folder)
    run(repo)
    paths = [Path(finished(repo, d.id).path) for d in (first, second)]
    assert sorted(p.name for p in paths) == ["bashrc (2).mp3", "bashrc.mp3"]
    assert all(p.parent == folder for p in paths)
    assert sorted(p.name for p in folder.iterdir()) == ["bashrc (2).mp3", "bashrc.mp3"]


def test_an_internal_address_is_refused_unless_allowed(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    item = queue(repo, media.url(), folder)
    run(repo, allow_internal=lambda host: False)
    failed = finished(repo, item.id)
    assert failed.state == "failed"
    assert failed.error == "127.0.0.1 is an internal address: not fetched (internal_links)"
    assert media.requests == []
    approved, _ = repo.queue_download(
        media.url("ok.mp3"), directory=str(folder), approved_host="127.0.0.1"
    )
    run(repo, allow_internal=lambda host: False)
    assert finished(repo, approved.id).state == "done"


def test_a_download_another_process_holds_is_left_to_it(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    item = queue(repo, media.url(), folder)
    held = PartFile(part_path(item))
    try:
        assert run(repo) == []
        assert finished(repo, item.id).state == "queued"
        assert media.requests == []
    finally:
        held.close()
    run(repo)
    assert finished(repo, item.id).state == "done"


def test_a_cancel_by_another_process_stops_the_runner(
    repo: Repository, media: MediaServer, folder: Path, database: Path
) -> None:
    media.delay = 0.01
    item = queue(repo, media.url(), folder)
    other = Repository(database)

    def watch(progress: Progress) -> None:
        if progress.received >= 500_000 and other.download(item.id).state == "running":  # type: ignore[union-attr]
            threading.Thread(target=other.cancel_download, args=(item.id,)).start()

    try:
        ended = DownloadRunner(repo, settings(), on_progress=watch).run()
    finally:
        other.close()
    assert [d.state for d in ended] == ["cancelled"]
    assert not part_path(item).exists()


def test_a_whole_partial_file_is_completed_without_its_bytes_again(
    repo: Repository, media: MediaServer, folder: Path
) -> None:
    """Stopped after its last byte but before it took its name: the server's 416 for a range
    past the end says the file is whole."""
    item = queue(repo, media.url(), folder)
    folder.mkdir()
    part_path(item).write_bytes(BODY)
    run(repo)
    done = finished(repo, item.id)
    assert done.state == "done" and sha256(Path(done.path).read_bytes()) == sha256(BODY)
    assert [(r.range, r.status, r.sent) for r in media.requests] == [(f"bytes={SIZE}-", 416, 0)]


def test_the_part_files_size_counts_the_bytes_still_buffered(tmp_path: Path) -> None:
    """A resume asks for the bytes after ``size``: bytes written but still in the buffer
    must count, or they are written twice once the buffer reaches the disk."""
    part = PartFile(tmp_path / "episode.mp3.part")
    try:
        part.write(BODY[:1_000])
        part.write(BODY[1_000:2_500])
        assert part.size == 2_500
        part.write(BODY[2_500:3_000])
        part.finish()
    finally:
        part.close()
    assert (tmp_path / "episode.mp3.part").read_bytes() == BODY[:3_000]

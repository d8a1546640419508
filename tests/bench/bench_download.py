"""Downloads from 127.0.0.1: a real-size file (``--megabytes``, a fixed seed) fetched whole,
fetched through a dropped connection (cut at ``--drop-at`` of it, resumed with Range), and
fetched across a restart of the downloader (stopped at the same point, resumed by a new one;
its time includes the first run's, throttled to 13 MB/s so that the stop lands in time).
Each row: the size, the wall time, the bytes resumed rather than fetched again, the bytes the
server sent in all, and whether the file is byte-identical (sha256).

    .venv/bin/python -m tests.bench.bench_download --out /tmp/bench
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.bench.bench_util import emit, fmt, md_table
from tests.mediaserver import MediaServer, media_bytes, serve_media, sha256
from tui.services.downloads.runner import DownloadRunner
from tui.services.downloads.transfer import DownloadSettings, Progress
from tui.services.fetcher import FetchSettings
from tui.store.repository import Repository


def _settings() -> DownloadSettings:
    return DownloadSettings(FetchSettings(timeout=10.0), retry_delays=(0.2, 0.5, 1.0))


@dataclass(frozen=True)
class Figures:
    case: str
    bytes: int
    seconds: float
    resumed_bytes: int
    sent_bytes: int
    requests: int
    identical: bool


def _case(name: str, body: bytes, drop_at: int, root: Path) -> Figures:
    """One download of ``body``: ``whole``, ``dropped`` (cut once at ``drop_at``) or
    ``restart`` (the runner stopped at ``drop_at``, a new one resumes)."""
    folder = root / name
    repo = Repository(root / f"{name}.db")
    resumed = 0
    try:
        with serve_media(MediaServer(body)) as server:
            if name == "dropped":
                server.drops, server.drop_at = 1, drop_at
            download, _ = repo.queue_download(server.url(f"{name}.mp3"), directory=str(folder))
            started = time.perf_counter()
            if name == "restart":
                server.delay = 0.005  # at most 13 MB/s: the stop lands before the end
                stop = threading.Event()

                def watch(progress: Progress) -> None:
                    if progress.received >= drop_at:
                        stop.set()

                DownloadRunner(repo, _settings(), on_progress=watch).run(should_stop=stop.is_set)
                server.delay = 0.0
            last: list[Progress] = []
            DownloadRunner(repo, _settings(), on_progress=last.append).run()
            seconds = time.perf_counter() - started
            resumed = last[-1].resumed if last else 0
            sent = sum(r.sent for r in server.requests)
            requests = len(server.requests)
        done = repo.download(download.id)
        assert done is not None and done.state == "done", done
        identical = sha256(Path(done.path).read_bytes()) == sha256(body)
    finally:
        repo.close()
    return Figures(name, len(body), seconds, resumed, sent, requests, identical)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--drop-at", type=float, default=0.4, help="fraction of the file")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    body = media_bytes(args.megabytes * 1_000_000)
    drop_at = int(len(body) * args.drop_at)
    with tempfile.TemporaryDirectory() as tmp:
        rows = [_case(name, body, drop_at, Path(tmp)) for name in ("whole", "dropped", "restart")]
    table = md_table(
        ["case", "MB", "seconds", "MB/s", "resumed MB", "sent MB", "requests", "sha256 same"],
        [
            [
                r.case,
                fmt(r.bytes / 1e6, 1),
                fmt(r.seconds, 2),
                fmt(r.bytes / 1e6 / r.seconds, 1),
                fmt(r.resumed_bytes / 1e6, 2),
                fmt(r.sent_bytes / 1e6, 2),
                r.requests,
                "yes" if r.identical else "NO",
            ]
            for r in rows
        ],
    )
    emit(args.out, "download", table, {"rows": [asdict(r) for r in rows], "drop_at": drop_at})


if __name__ == "__main__":
    main()

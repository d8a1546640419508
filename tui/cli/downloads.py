"""Downloads from the command line: list them, and download an article's enclosures (or the
queue the app left) in the foreground, for cron."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from tui.cli.common import EXIT_FAILED, EXIT_OK, UsageError, fail, open_store
from tui.config import Settings
from tui.core.enclosures import format_amount, format_remaining, format_size, format_speed
from tui.core.models import Download
from tui.core.text import clean_line, clean_text
from tui.core.wording import plural
from tui.paths import Paths
from tui.terminal import escapes_work, unsanitised, writes_unicode

if TYPE_CHECKING:  # imported when a command downloads
    from tui.services.downloads.transfer import Progress
    from tui.store.repository import Repository


def _received(download: Download) -> int:
    """Bytes in so far: the partial file's size for one not running here (the row lags)."""
    from tui.services.downloads.queue import partial_bytes

    if download.state in ("queued", "failed"):
        return partial_bytes(download) or download.received
    return download.received


def _state(download: Download) -> str:
    """Its state, as the downloads screen shows it: "missing" for a done download whose file
    was deleted or moved."""
    from tui.services.downloads.queue import file_missing

    return "missing" if file_missing(download) else download.state


def _as_json(download: Download) -> dict[str, Any]:
    return {
        "id": download.id,
        "state": _state(download),
        "url": download.url,
        "article_id": download.article_id,
        "title": download.title,
        "name": download.name,
        "path": download.path or None,
        "media_type": download.media_type,
        "total": download.total,
        "received": _received(download),
        "error": download.error,
        "queued_at": download.queued_at.isoformat() if download.queued_at else None,
        "finished_at": download.finished_at.isoformat() if download.finished_at else None,
    }


def _percent(received: int, total: int | None) -> str:
    if not total:
        return "  — "
    return f"{min(100, received * 100 // total):>3}%"


def list_downloads(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    repo = open_store(paths)
    try:
        downloads = repo.downloads()
    finally:
        repo.close()
    if args.json:
        json.dump(
            [_as_json(d) for d in downloads],
            sys.stdout,
            ensure_ascii=not writes_unicode(sys.stdout),
            indent=2,
        )
        print()
        return EXIT_OK
    if not downloads:
        print("no downloads: D on an article in the reader, or newsreader download ID")
    for d in downloads:
        received = _received(d)
        where = d.path or d.url
        state = _state(d)
        percent = _percent(0, None) if state == "missing" else _percent(received, d.total)
        line = (
            f"{d.id:>4}  {state:<9}  {percent}"
            f"  {format_amount(received, d.total):<20}  {clean_line(d.label)}  <{where}>"
        )
        if d.error:
            line += f"  [{d.error}]"
        print(clean_text(line))
    return EXIT_OK


def download(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """``download ID``: queue the article's enclosures and download them; ``download`` alone:
    download what is queued. Exit 1 when one failed."""
    from tui.services.downloads.runner import DownloadRunner
    from tui.services.downloads.transfer import DownloadSettings
    from tui.services.fulltext import internal_rule

    show_progress = escapes_work(sys.stderr)
    terminal = unsanitised(sys.stderr)  # the progress line is ours: \r and erase-line

    def progress(report: Progress) -> None:
        parts = [
            clean_line(report.name)[:40],
            f"{round((report.fraction or 0) * 100)}%" if report.total else "",
            format_amount(report.received, report.total),
            format_speed(report.speed),
            format_remaining(report.remaining),
        ]
        line = "  ".join(p for p in parts if p)
        print(f"\r\033[K{line}", end="", file=terminal, flush=True)

    repo = open_store(paths)
    try:
        wanted = _queue(repo, args.id, paths, settings)
        runner = DownloadRunner(
            repo,
            DownloadSettings.from_settings(settings),
            # No one to ask here: "ask" downloads from no internal address.
            allow_internal=internal_rule(settings.internal_links, {}),
            on_progress=progress if show_progress else None,
            only=wanted,
        )
        try:
            ended = runner.run()
        finally:
            if show_progress:
                print("\r\033[K", end="", file=terminal, flush=True)
        if wanted is not None:  # those done before too
            ended = [d for i in sorted(wanted) if (d := repo.download(i)) is not None]
    finally:
        repo.close()
    return _report(ended)


def _queue(
    repo: Repository, article_id: int | None, paths: Paths, settings: Settings
) -> set[int] | None:
    """The ids to download: the article's enclosures, queued now (None: the whole queue)."""
    from tui.services.downloads.queue import queue_enclosures

    if article_id is None:
        return None
    article = repo.article(article_id)
    if article is None:
        raise UsageError(f"no article with id {article_id}")
    if not article.enclosures:
        raise UsageError(f"article {article_id} has no enclosures (no podcast or file)")
    folder = paths.download_dir(settings.download_dir)
    return {d.id for d, _ in queue_enclosures(repo, article, folder)}


def _report(downloads: list[Download]) -> int:
    failed = 0
    for d in downloads:
        if d.state == "done":
            size = f" ({format_size(d.received)})" if d.received else ""
            print(clean_text(f"downloaded {d.path}{size}"))
        elif d.state == "failed":
            failed += 1
            fail(f"{d.label}: {d.error or 'failed'}")
        elif d.state == "cancelled":
            print(clean_text(f"cancelled: {d.label}"))
        else:  # still queued: another process has it
            print(clean_text(f"being downloaded by another newsreader: {d.label}"))
    if failed:
        fail(f"{plural(failed, 'download')} failed")
    return EXIT_FAILED if failed else EXIT_OK

"""``newsreader sync``: sync with the aggregator server of ``[sync]`` (README: Sync)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, fail, open_store
from tui.config import Settings
from tui.core.text import clean_line
from tui.core.wording import plural
from tui.paths import Paths
from tui.terminal import escapes_work, unsanitised

if TYPE_CHECKING:
    from tui.services.sync.engine import SyncSummary


def sync(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Sync with the server: one line per failure, exit 1 when the sync failed, 2 when there
    is no [sync] or the password cannot be had (a setting to fix)."""
    if settings.sync is None:
        raise UsageError(f"{paths.config_file}: no [sync] table (the README says how to set one)")
    from tui.cli.alerts import tell_alerts
    from tui.services.pipeline import after_refresh
    from tui.services.sync.credentials import CredentialError
    from tui.services.sync.engine import sync as sync_with_server
    from tui.services.sync.remote import SyncError

    show_progress = not args.quiet and escapes_work(sys.stderr)
    terminal = unsanitised(sys.stderr)  # the progress line is ours: \r and erase-line

    def progress(done: int, total: int) -> None:
        if show_progress:
            print(f"\r{done}/{plural(total, 'item')}", end="", file=terminal, flush=True)

    stored: list[int] = []  # the new articles, for the watch list

    def new_articles(feed_id: int, ids: list[int]) -> None:
        stored.extend(ids)

    repo = open_store(paths)
    try:
        try:
            summary = sync_with_server(
                repo, settings, on_progress=progress, on_new_articles=new_articles
            )
        except SyncError as exc:
            fail(f"sync: {exc}")
            return EXIT_USAGE if isinstance(exc, CredentialError) else EXIT_FAILED
        finally:
            if show_progress:
                print("\r\033[K", end="", file=terminal, flush=True)
        # Like `refresh` from cron: stories are grouped by the app's refresh and `stories`.
        after = after_refresh(repo, settings, stored, group_stories=False)
        for problem in (after.error, after.watch_error):
            if problem:
                fail(problem)
        _report(args, summary)
        told = tell_alerts(repo, settings, after.alerts)
    finally:
        repo.close()
    return EXIT_FAILED if after.error or after.watch_error or not told else EXIT_OK


def _report(args: argparse.Namespace, summary: SyncSummary) -> None:
    if not args.quiet:
        for feed in summary.removed_feeds:
            print(f"{clean_line(feed.display_title)}: no longer on the server (kept here)")
        parts = [plural(summary.new_articles, "new article")]
        if summary.sent:
            parts.append(f"{plural(summary.sent, 'change')} sent")
        if summary.dropped:
            parts.append(f"{plural(summary.dropped, 'change')} dropped (item gone from the server)")
        if summary.state.total:
            parts.append(f"{plural(summary.state.total, 'change')} from the server")
        print(f"synced {plural(len(summary.results), 'feed')}: {', '.join(parts)}")

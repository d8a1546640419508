"""``newsreader sync``: sync with the aggregator server of ``[sync]`` (README: Sync)."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, fail, open_store
from tui.config import Settings
from tui.core.text import clean_text
from tui.core.wording import plural
from tui.paths import Paths
from tui.terminal import unsanitised


def sync(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Sync with the server: one line per failure, exit 1 when the sync failed, 2 when there
    is no [sync] or the password cannot be had (a setting to fix)."""
    if settings.sync is None:
        raise UsageError(f"{paths.config_file}: no [sync] table (the README says how to set one)")
    from tui.services.pipeline import after_refresh
    from tui.services.sync.credentials import CredentialError
    from tui.services.sync.engine import sync as sync_with_server
    from tui.services.sync.remote import SyncError

    show_progress = not args.quiet and sys.stderr.isatty()
    terminal = unsanitised(sys.stderr)  # the progress line is ours: \r and erase-line

    def progress(done: int, total: int) -> None:
        if show_progress:
            print(f"\r{done}/{plural(total, 'item')}", end="", file=terminal, flush=True)

    repo = open_store(paths)
    try:
        try:
            summary = sync_with_server(repo, settings, on_progress=progress)
        except SyncError as exc:
            fail(f"sync: {exc}")
            return EXIT_USAGE if isinstance(exc, CredentialError) else EXIT_FAILED
        finally:
            if show_progress:
                print("\r\033[K", end="", file=terminal, flush=True)
        _removed, step_error = after_refresh(repo, settings)
    finally:
        repo.close()
    if step_error:
        fail(step_error)
    if not args.quiet:
        for feed in summary.removed_feeds:
            print(f"{clean_text(feed.display_title)}: no longer on the server (kept here)")
        parts = [plural(summary.new_articles, "new article")]
        if summary.sent:
            parts.append(f"{plural(summary.sent, 'change')} sent")
        if summary.dropped:
            parts.append(f"{plural(summary.dropped, 'change')} dropped (item gone from the server)")
        if summary.state.total:
            parts.append(f"{plural(summary.state.total, 'change')} from the server")
        print(f"synced {plural(len(summary.results), 'feed')}: {', '.join(parts)}")
    return EXIT_FAILED if step_error else EXIT_OK

"""Subscriptions from the command line: add, remove, list, refresh, import and export."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandFailed,
    UsageError,
    fail,
    fetch_settings,
    open_store,
    read_input,
    shown_name,
)
from tui.config import Settings
from tui.core.models import FeedRefresh
from tui.core.text import clean_line, clean_text
from tui.core.urls import shown_url, typed_url
from tui.core.wording import plural
from tui.paths import Paths
from tui.terminal import escapes_work, unsanitised, writes_unicode

if TYPE_CHECKING:  # imported when a command opens the store
    from tui.store.repository import Repository


@contextmanager
def _subscriptions(
    paths: Paths, errors: tuple[type[Exception], ...], prefix: str = ""
) -> Iterator[Repository]:
    """The store, for a command that changes the subscriptions: the backup copy is written
    after the change, ``errors`` become usage errors, the store is closed either way.

    A copy that cannot be written fails the command (exit status 1) after the change is made
    and said, in one line naming the copy: it was "unexpected error: IsADirectoryError(21,
    'Is a directory')", as if nothing had been done."""
    from tui.services.subscriptions import write_backup

    repo = open_store(paths)
    try:
        try:
            yield repo
        except errors as exc:
            raise UsageError(f"{prefix}{exc}") from exc
        try:
            write_backup(repo, paths.subscriptions_backup)
        except OSError as exc:
            raise CommandFailed(
                f"cannot write the copy of the subscriptions {paths.subscriptions_backup}:"
                f" {exc.strerror or exc} (the change is made; the next one writes the copy)"
            ) from exc
    finally:
        repo.close()


def _not_with_sync(settings: Settings) -> None:
    from tui.services.subscriptions import SubscriptionError, refuse_with_sync

    try:
        refuse_with_sync(settings)
    except SubscriptionError as exc:
        raise UsageError(str(exc)) from None


def add(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.subscriptions import SubscriptionError, check_feed_url, subscribe

    _not_with_sync(settings)
    url = typed_url(args.url)
    try:
        check_feed_url(url)
    except SubscriptionError as exc:
        raise UsageError(str(exc)) from exc
    with _subscriptions(paths, (SubscriptionError,)) as repo:
        feed = subscribe(repo, url, fetch_settings(settings), folder=args.folder, title=args.title)
        fetched = f" ({plural(feed.total, 'article')})" if feed.last_fetched else ""
        print(f"added feed {feed.id}: {shown_url(feed.url)}{fetched}")
        if not feed.last_fetched:
            return EXIT_OK
        # Read in part (cut at max_feed_megabytes, or malformed): added with what was read,
        # and said as `refresh` says it, exit status 1
        if feed.last_error:
            fail(f"{shown_url(feed.url)}: {feed.last_error}")
        # its articles are stored: what `refresh` does after storing
        after = _after_adding(repo, settings, feed.id)
    return EXIT_FAILED if feed.last_error else after


def _after_adding(repo: Repository, settings: Settings, feed_id: int) -> int:
    """The steps `refresh` takes after storing, for the articles the add stored: the watch
    check (its alerts told as `refresh` tells them) and retention; the tariff check and story
    grouping wait for `tariffs`, `stories` and the app, as after `refresh`. A step that failed
    is exit status 1, as for `refresh`: the feed is added all the same."""
    from tui.cli.alerts import tell_alerts
    from tui.services.pipeline import after_adding

    outcome = after_adding(repo, settings, [feed_id], check_tariffs=False, group_stories=False)
    problems = [p for p in (outcome.step_error, outcome.watch_error) if p]
    for problem in problems:
        fail(problem)
    told = tell_alerts(repo, settings, outcome.alerts)
    return EXIT_FAILED if problems or not told else EXIT_OK


def remove(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.subscriptions import SubscriptionError, find_feed

    with _subscriptions(paths, (SubscriptionError,)) as repo:
        feed = find_feed(repo, args.feed)
        comes_back = settings.sync is not None and _on_server(repo, feed.id)
        repo.remove_feed(feed.id)
        line = f"removed feed {feed.id}: {shown_url(feed.url)}"
        if comes_back:  # the server has the subscriptions (and no API call to unsubscribe)
            line += " (still on the sync server: the next sync brings it back; unsubscribe there)"
        print(line)
    return EXIT_OK


def _on_server(repo: Repository, feed_id: int) -> bool:
    from tui.store.sync import SyncStore

    with SyncStore(repo.path) as store:
        return store.on_server(feed_id)


def list_feeds(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    repo = open_store(paths)
    try:
        feeds = repo.feeds()
    finally:
        repo.close()
    if args.json:
        rows = [
            {
                "id": f.id,
                "url": shown_url(f.url),
                "title": f.title,
                "folder": f.folder,
                "unread": f.unread,
                "total": f.total,
                "last_status": f.last_status,
                "last_error": f.last_error,
                "last_fetched": f.last_fetched.isoformat() if f.last_fetched else None,
                "disabled": f.disabled,
            }
            for f in feeds
        ]
        json.dump(rows, sys.stdout, ensure_ascii=not writes_unicode(sys.stdout), indent=2)
        print()
        return EXIT_OK
    if not feeds and settings.sync is not None:
        print("no feeds: newsreader sync brings the server's subscriptions")
    elif not feeds:
        print("no feeds: newsreader add URL subscribes to one, import FILE.opml to a list")
    for f in feeds:
        state = "disabled" if f.disabled else (f"error: {f.last_error}" if f.last_error else "ok")
        if f.last_status is None and not f.last_error and not f.disabled:
            state = "not fetched yet"
        title, url = clean_line(f.display_title), shown_url(f.url)
        print(f"{f.id:>4}  {f.unread:>5}/{f.total:<5}  {title}  <{url}>  [{clean_text(state)}]")
    return EXIT_OK


def refresh(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    # The app's refresh pipeline, less the tariff check of new articles and story grouping:
    # `tariffs`, the tracker and `stories` catch up before they show anything, and the app's
    # next refresh groups in its background process, so a refresh from cron only fetches and
    # stores (and checks the new articles' rates when a country is watched: the alerts need them).
    if settings.sync is not None:  # the server has the feeds, as r and R in the app
        from tui.cli.sync import sync

        return sync(args, paths, settings)
    from tui.services.pipeline import run_refresh

    show_progress = not args.quiet and escapes_work(sys.stderr)
    terminal = unsanitised(sys.stderr)  # the progress line is ours: \r and erase-line

    def progress(done: int, total: int, result: FeedRefresh) -> None:
        if show_progress:
            print(f"\r{done}/{plural(total, 'feed')}", end="", file=terminal, flush=True)

    from tui.cli.alerts import tell_alerts

    repo = open_store(paths)
    try:
        try:
            outcome = run_refresh(
                repo, settings, check_tariffs=False, group_stories=False, on_progress=progress
            )
        finally:
            if show_progress:
                print("\r\033[K", end="", file=terminal, flush=True)
        summary = outcome.summary
        for failed in summary.failed:
            url = shown_url(failed.url)
            print(f"newsreader: {url}: {clean_text(failed.error or '')}", file=sys.stderr)
        for problem in (outcome.step_error, outcome.watch_error):
            if problem:
                fail(problem)
        if not args.quiet:
            failed_part = f", {len(summary.failed)} failed" if summary.failed else ""
            print(
                f"refreshed {plural(len(summary.results), 'feed')}: "
                f"{plural(summary.new_articles, 'new article')}{failed_part}"
            )
        told = tell_alerts(repo, settings, outcome.alerts)
    finally:
        repo.close()
    after_failed = outcome.step_error or outcome.watch_error or not told
    return EXIT_FAILED if summary.failed or after_failed else EXIT_OK


def import_file(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.cli.watches import import_watches_only, read_watches_beside, save_watches_copy
    from tui.core.opml import MAX_OPML_BYTES, OpmlError
    from tui.services.subscriptions import import_opml

    if settings.sync is not None and (found := read_watches_beside(args.file)) is not None:
        copied = import_watches_only(found, paths, shown_url(settings.sync.url))
        return EXIT_OK if copied else EXIT_FAILED
    _not_with_sync(settings)
    data = read_input(str(args.file), MAX_OPML_BYTES)
    found = read_watches_beside(args.file)  # checked before anything is changed
    source = "standard input" if str(args.file) == "-" else shown_name(args.file)  # not "-"
    with _subscriptions(paths, (OpmlError,), prefix=f"{source}: ") as repo:
        added, moved, opml = import_opml(repo, data)
        watched, copied = 0, True
        if found is not None:
            from tui.services.watch_file import apply_watches

            watched = apply_watches(repo, found[1])
            copied = save_watches_copy(repo, paths)
        print(f"imported {plural(added, 'new feed')} from {source}")
        if moved:
            print(f"moved {plural(moved, 'feed')} into the file's folders")
        if opml.unusable or opml.duplicates:
            kinds = [
                f"{opml.unusable} without an http(s) feed URL" if opml.unusable else "",
                plural(opml.duplicates, "duplicate") if opml.duplicates else "",
            ]
            skipped = plural(opml.unusable + opml.duplicates, "entry", "entries")
            print(f"skipped {skipped}: {', '.join(k for k in kinds if k)}")
        if found is not None:
            watches_file = shown_name(found[0])
            print(f"imported {plural(watched, 'new watch', 'new watches')} from {watches_file}")
    return EXIT_OK if copied else EXIT_FAILED


def export_file(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.subscriptions import export_opml
    from tui.services.watch_file import export_watches, watches_file_for

    repo = open_store(paths)
    try:
        document = export_opml(repo)
        watches = export_watches(repo)
    finally:
        repo.close()
    if args.file is None or str(args.file) == "-":
        if not writes_unicode(sys.stdout):
            document = document.encode("ascii", "xmlcharrefreplace").decode("ascii")
        sys.stdout.write(document)
        return EXIT_OK
    # A pipe or a device (/dev/stdout) gets the OPML only: the watches file would go into /dev.
    if args.file.exists() and not args.file.is_file():
        try:
            args.file.write_text(document, encoding="utf-8")
        except OSError as exc:
            return _cannot_write(args.file, exc)
        return EXIT_OK
    return _write_together([(args.file, document), (watches_file_for(args.file), watches)])


def _write_together(files: list[tuple[Path, str]]) -> int:
    """Each path holds its text whole, or what it held before, and the files change together:
    every text is written beside its file first, then moved over it with the old file's
    permissions, so a disk that fills midway leaves yesterday's OPML and watches as they were
    (a symbolic link keeps pointing at its file). Only a move that fails after another was
    made (rare: the disk is not written then) leaves them apart, and the line says so."""
    import errno
    import os
    import shutil

    staged: list[tuple[Path, Path, Path]] = []  # (as given, temporary, target)
    written: list[Path] = []
    current = files[0][0]
    try:
        for current, text in files:
            target = current.resolve()
            temporary = target.with_name(f".{target.name}.newsreader-tmp")
            if target.is_dir():  # the move would fail, after the other file's
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            staged.append((current, temporary, target))
            temporary.write_text(text, encoding="utf-8")
            if target.exists():
                shutil.copymode(target, temporary)
        for current, temporary, target in staged:
            os.replace(temporary, target)
            written.append(current)
    except BaseException as exc:  # an interrupt too leaves no temporary file behind
        for _, temporary, _ in staged:
            with suppress(OSError):
                temporary.unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
        return _cannot_write(current, exc, written)
    return EXIT_OK


def _cannot_write(path: Path, exc: OSError, written: Sequence[Path] = ()) -> int:
    """One line, and the exit status: 1 when the disk failed (full, over quota, a file size
    limit, an I/O error), as for output that cannot be written anywhere else, or when a file
    was written all the same; 2 when the path cannot be written to (a folder that is not
    there, a folder in the file's place, no permission): bad input, and nothing changed."""
    import errno

    done = f" ({', '.join(map(shown_name, written))} written)" if written else ""
    fail(f"cannot write {shown_name(path)}: {exc.strerror or exc}{done}")
    disk = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO)
    return EXIT_FAILED if disk or written else EXIT_USAGE

"""The command line: headless subcommands, and the start of the app.

Every user error ends with one line on stderr and exit status 2, before anything is changed; a
refresh in which a feed failed exits 1. Textual is imported only when the app starts.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from tui import __version__
from tui.config import ConfigError, Settings, load_settings
from tui.core.models import Extraction, FeedRefresh, TrackedTariff
from tui.core.text import clean_line, clean_text
from tui.core.wording import plural
from tui.paths import Paths, PathsError, resolve
from tui.store.errors import StoreError
from tui.terminal import original_output, sanitised_output, unsanitised

if TYPE_CHECKING:  # imported lazily at run time: headless commands start without them
    from tui.core.countries import Country
    from tui.core.entities import EntityBackend
    from tui.services.fetcher import FetchSettings
    from tui.store.repository import Repository

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


_MAX_ID = 2**63 - 1  # SQLite's largest integer


def _id_arg(value: str) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an id (a whole number): {value!r}") from exc
    if not 0 < number <= _MAX_ID:
        raise argparse.ArgumentTypeError(f"no such id: {value!r}")
    return number


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsreader",
        description="A terminal news reader: feeds, articles, the entities they name and the "
        "tariff rates they report. With no command, opens the reader.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.add_parser("tui", help="open the reader (the default)")
    p = sub.add_parser("add", help="subscribe to a feed, or to the feeds a web page links")
    p.add_argument("url")
    p.add_argument("--folder", default="")
    p.add_argument("--title", default="")
    p = sub.add_parser("remove", help="unsubscribe from a feed (by URL or id)")
    p.add_argument("feed", metavar="URL|ID")
    p = sub.add_parser("list", help="list feeds with unread counts and last status")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser("refresh", help="fetch every feed, or sync with [sync] (cron: --quiet)")
    p.add_argument("--quiet", action="store_true", help="print only failures")
    p = sub.add_parser("sync", help="sync with the aggregator server of [sync] in config.toml")
    p.add_argument("--quiet", action="store_true", help="print only failures")
    p = sub.add_parser("import", help="subscribe to the feeds of an OPML file")
    p.add_argument("file", type=Path, metavar="FILE.opml")
    p = sub.add_parser("export", help="write the subscriptions as OPML (stdout by default)")
    p.add_argument("file", type=Path, nargs="?", metavar="FILE.opml")
    p = sub.add_parser("show", help="print an article as text")
    p.add_argument("id", type=_id_arg)
    p = sub.add_parser("extract", help="entities and tariff rates of a text or HTML file or page")
    p.add_argument("source", metavar="FILE|URL|-")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--text", action="store_true", help="print the cleaned main text")
    mode.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--date", type=_date_arg, help="the article's date (YYYY-MM-DD), for dates without a year"
    )
    p = sub.add_parser("tariffs", help="tariff rates reported across the cache")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--country", help="only this country (name, alias or ISO code)")
    p.add_argument("--since", type=_date_arg, help="only articles published since YYYY-MM-DD")
    p.add_argument("--latest", action="store_true", help="only the latest rate per country")
    sub.add_parser("paths", help="print where newsreader keeps its files")
    return parser


def run(argv: Sequence[str]) -> int:
    """Run the command line; returns the exit status. Everything it writes to stdout and
    stderr is sanitised on the way (tui.terminal): feed text is untrusted."""
    with sanitised_output():
        return _run(argv)


def _run(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(list(argv))
        paths = resolve()
        command = args.command or "tui"
        if command == "paths":
            return _paths(paths)
        settings = load_settings(paths.config_file)
        handler = _COMMANDS[command]
        return handler(args, paths, settings)
    except (UsageError, ConfigError, PathsError) as exc:
        _fail(str(exc))
        return EXIT_USAGE
    except StoreError as exc:
        _fail(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`newsreader list | head`): not an error. Point
        # stdout at devnull so the interpreter's final flush does not complain again.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last guard: no traceback reaches the user
        log = _log_crash(exc)
        _fail(f"unexpected error: {exc!r}" + (f" (details in {log})" if log else ""))
        return EXIT_FAILED


def _log_crash(exc: BaseException) -> Path | None:
    """Append the traceback to the log file; returns its path, or None when it cannot be written."""
    import traceback
    from datetime import UTC, datetime

    try:
        log = resolve().log_file
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(UTC).isoformat()}\n")
            handle.write("".join(traceback.format_exception(exc)))
        return log
    except Exception:  # noqa: BLE001 - the last guard must not fail in its turn
        return None


def _fail(message: str) -> None:
    """One line on stderr: a message that quotes the user's input may hold line breaks."""
    print(f"newsreader: {clean_line(message)}", file=sys.stderr)


def _open(paths: Paths) -> Repository:
    """The store, rebuilt when damaged (the notice goes to stderr and the command carries on)."""
    from tui.services.storage import open_store

    repo, notice = open_store(paths)
    if notice:
        _fail(notice)
    try:
        paths.ensure()
    except OSError as exc:
        repo.close()
        raise UsageError(f"cannot create {exc.filename}: {exc.strerror}") from exc
    return repo


def _paths(paths: Paths) -> int:
    width = max(len(k) for k in paths.as_dict())
    for name, path in paths.as_dict().items():
        print(f"{name:<{width}}  {path}")
    return EXIT_OK


def _tui(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.storage import open_store

    repo, notice = open_store(paths)  # the app shows the notice: stderr is hidden behind it
    try:
        # The first start sets up here only when the first screen would be empty otherwise
        # (nothing subscribed). With feeds already there (imported from the command line), the
        # app loads the demo after its first frame, and the first frame does not wait for the
        # parser and extractor imports.
        if not repo.feeds():
            from tui.services.subscriptions import first_run, write_backup

            if first_run(repo, defaults=settings.sync is None):
                write_backup(repo, paths.subscriptions_backup)
    finally:
        repo.close()
    from tui.ui.app import NewsReaderApp

    app = NewsReaderApp(paths, settings, notice=notice)
    with original_output():
        app.run()
    return app.return_code or EXIT_OK


def _fetch_settings(settings: Settings) -> FetchSettings:
    from tui.services.fetcher import FetchSettings

    return FetchSettings.from_settings(settings)


def _add(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.subscriptions import (
        SubscriptionError,
        check_feed_url,
        subscribe,
        write_backup,
    )

    try:
        check_feed_url(args.url)
    except SubscriptionError as exc:
        raise UsageError(str(exc)) from exc
    repo = _open(paths)
    try:
        feed = subscribe(
            repo, args.url, _fetch_settings(settings), folder=args.folder, title=args.title
        )
        write_backup(repo, paths.subscriptions_backup)
    except SubscriptionError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        repo.close()
    fetched = f" ({plural(feed.total, 'article')})" if feed.last_fetched else ""
    print(f"added feed {feed.id}: {feed.url}{fetched}")
    return EXIT_OK


def _remove(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.subscriptions import SubscriptionError, find_feed, write_backup

    repo = _open(paths)
    try:
        feed = find_feed(repo, args.feed)
        repo.remove_feed(feed.id)
        write_backup(repo, paths.subscriptions_backup)
    except SubscriptionError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        repo.close()
    print(f"removed feed {feed.id}: {feed.url}")
    return EXIT_OK


def _list(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    repo = _open(paths)
    try:
        feeds = repo.feeds()
    finally:
        repo.close()
    if args.json:
        rows = [
            {
                "id": f.id,
                "url": f.url,
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
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    for f in feeds:
        state = "disabled" if f.disabled else (f"error: {f.last_error}" if f.last_error else "ok")
        if f.last_status is None and not f.last_error and not f.disabled:
            state = "not fetched yet"
        title = clean_text(f.display_title)
        print(f"{f.id:>4}  {f.unread:>5}/{f.total:<5}  {title}  <{f.url}>  [{clean_text(state)}]")
    return EXIT_OK


def _refresh(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    # No tariff extraction here: `tariffs` and the tracker check new articles before they show
    # rows (tui.services.extraction.catch_up_tariffs), so a refresh only fetches and stores.
    if settings.sync is not None:
        return _sync(args, paths, settings)  # the server has the feeds, as in the app
    from tui.services.refresh import refresh_feeds
    from tui.services.subscriptions import is_fetchable

    repo = _open(paths)
    try:
        feeds = [f for f in repo.feeds() if is_fetchable(f)]
        show_progress = not args.quiet and sys.stderr.isatty()

        terminal = unsanitised(sys.stderr)  # the progress line is ours: \r and erase-line

        def progress(done: int, total: int, result: FeedRefresh) -> None:
            if show_progress:
                print(f"\r{done}/{plural(total, 'feed')}", end="", file=terminal, flush=True)

        summary = refresh_feeds(
            repo,
            feeds,
            settings=_fetch_settings(settings),
            on_progress=progress,
        )
        if show_progress:
            print("\r\033[K", end="", file=terminal, flush=True)
        if settings.retention_days or settings.retention_per_feed:
            repo.apply_retention(settings.retention_days, settings.retention_per_feed)
    finally:
        repo.close()
    for failed in summary.failed:
        print(f"newsreader: {failed.url}: {clean_text(failed.error or '')}", file=sys.stderr)
    if not args.quiet:
        failed_part = f", {len(summary.failed)} failed" if summary.failed else ""
        print(
            f"refreshed {plural(len(summary.results), 'feed')}: "
            f"{plural(summary.new_articles, 'new article')}{failed_part}"
        )
    return EXIT_FAILED if summary.failed else EXIT_OK


def _sync(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """Sync with the server: one line per failure, exit 1 when the sync failed, 2 when the
    password cannot be had (a setting to fix)."""
    if settings.sync is None:
        raise UsageError(f"{paths.config_file}: no [sync] table (the README says how to set one)")
    from tui.services.sync.credentials import CredentialError
    from tui.services.sync.engine import sync
    from tui.services.sync.remote import SyncError

    show_progress = not args.quiet and sys.stderr.isatty()
    terminal = unsanitised(sys.stderr)  # the progress line is ours: \r and erase-line

    def progress(done: int, total: int) -> None:
        if show_progress:
            print(f"\r{done}/{plural(total, 'item')}", end="", file=terminal, flush=True)

    repo = _open(paths)
    try:
        try:
            summary = sync(repo, settings, on_progress=progress)
        except SyncError as exc:
            _fail(f"sync: {exc}")
            return EXIT_USAGE if isinstance(exc, CredentialError) else EXIT_FAILED
        finally:
            if show_progress:
                print("\r\033[K", end="", file=terminal, flush=True)
        if settings.retention_days or settings.retention_per_feed:
            repo.apply_retention(settings.retention_days, settings.retention_per_feed)
    finally:
        repo.close()
    if not args.quiet:
        for feed in summary.removed_feeds:
            print(f"{clean_text(feed.display_title)}: no longer on the server (kept here)")
        parts = [plural(summary.new_articles, "new article")]
        if summary.sent:
            parts.append(f"{plural(summary.sent, 'change')} sent")
        if summary.state.total:
            parts.append(f"{plural(summary.state.total, 'change')} from the server")
        print(f"synced {plural(len(summary.results), 'feed')}: {', '.join(parts)}")
    return EXIT_OK


_MAX_EXTRACT_BYTES = 20_000_000


def _read_input(source: str, limit: int) -> bytes:
    """The bytes of a file (or stdin for ``-``), read to ``limit`` and no further: a device or
    a pipe that never ends is a usage error, not a process that eats the memory."""
    try:
        if source == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(source, "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise UsageError(f"{source}: larger than {limit / 1_000_000:g} MB")
    return data


def _import(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.core.opml import MAX_OPML_BYTES, OpmlError
    from tui.services.subscriptions import import_opml, write_backup

    data = _read_input(str(args.file), MAX_OPML_BYTES)
    repo = _open(paths)
    try:
        added = import_opml(repo, data)
        write_backup(repo, paths.subscriptions_backup)
    except OpmlError as exc:
        raise UsageError(f"{args.file}: {exc}") from exc
    finally:
        repo.close()
    print(f"imported {plural(added, 'new feed')} from {args.file}")
    return EXIT_OK


def _export(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.subscriptions import export_opml

    repo = _open(paths)
    try:
        document = export_opml(repo)
    finally:
        repo.close()
    if args.file is None:
        sys.stdout.write(document)
        return EXIT_OK
    try:
        args.file.write_text(document, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {args.file}: {exc.strerror or exc}") from exc
    return EXIT_OK


def _show(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.core.text import html_to_markdown
    from tui.services.fulltext import FullTextError, InternalAddress
    from tui.services.reading import internal_rule, load_full_text, needs_full_text

    repo = _open(paths)
    try:
        article = repo.article(args.id)
        if article is None:
            raise UsageError(f"no article with id {args.id}")
        if needs_full_text(article, settings.fulltext):
            try:
                article = load_full_text(
                    repo,
                    article,
                    cache_dir=paths.cache_dir,
                    timeout=settings.timeout_seconds,
                    # No one to ask here: "ask" fetches no internal address.
                    allow_internal=internal_rule(settings.internal_links, {}),
                )
            except InternalAddress as exc:
                _fail(f"full text not fetched, showing the feed text: {exc} (internal_links)")
            except FullTextError as exc:
                _fail(f"full text not fetched, showing the feed text: {exc}")
    finally:
        repo.close()
    out = sys.stdout
    print(clean_text(article.title), file=out)
    meta = [article.feed_title, article.author]
    if article.published:
        meta.append(article.published.strftime("%Y-%m-%d %H:%M UTC"))
    print(clean_text(" · ".join(m for m in meta if m)), file=out)
    if article.link:
        print(clean_text(article.link), file=out)
    print(file=out)
    if article.full_text:
        print(clean_text(article.full_text), file=out)
    else:
        body = html_to_markdown(article.best_html, article.link)
        print(clean_text(body.markdown), file=out)
        if body.links:
            print(file=out)
            for number, link in enumerate(body.links, 1):
                print(f"[{number}] {clean_text(link)}", file=out)
    return EXIT_OK


def _extract(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.core.page import main_text_from_html
    from tui.core.text import strip_boilerplate
    from tui.services.extraction import extract_text

    source: str = args.source
    if source.strip().lower().startswith(("http://", "https://")):  # HTTP:// is a URL too
        from tui.services.fulltext import FullTextError, fetch_full_text

        try:
            text = fetch_full_text(source, timeout=settings.timeout_seconds)
        except FullTextError as exc:
            raise UsageError(str(exc)) from exc
    else:
        raw = _read_input(source, _MAX_EXTRACT_BYTES).decode("utf-8", errors="replace")
        if _looks_like_html(raw):
            text = main_text_from_html(raw)
        else:
            text = strip_boilerplate(clean_text(raw))
    if args.text:
        print(text)
        return EXIT_OK
    backend = _entity_backend(settings)
    extraction = extract_text(text, args.date, backend)
    if args.json:
        json.dump(_extraction_json(extraction), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_extraction(extraction, sys.stdout)
    return EXIT_OK


def _entity_backend(settings: Settings) -> EntityBackend:
    from tui.core.entities import BackendUnavailable, load_backend

    try:
        return load_backend(settings.entity_backend)
    except BackendUnavailable as exc:
        _fail(f"{exc}; using the built-in rules")
        return load_backend("rules")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or any(
        tag in head for tag in ("<p>", "<p ", "<div", "<body", "<article")
    )


def _extraction_json(extraction: Extraction) -> dict[str, object]:
    return {
        "entities": [
            {"name": e.name, "label": e.label, "mentions": e.count} for e in extraction.entities
        ],
        "tariffs": [
            {
                "country": t.country,
                "iso": t.iso,
                "rate_pct": t.rate_pct,
                "rate_max_pct": t.rate_max_pct,
                "status": t.status,
                "effective": t.effective.isoformat() if t.effective else None,
                "evidence": t.evidence,
            }
            for t in extraction.tariffs
        ],
    }


_LABELS = {"PERSON": "People", "ORG": "Organisations", "GPE": "Places"}


def _print_extraction(extraction: Extraction, out: TextIO) -> None:
    for label, heading in _LABELS.items():
        names = [e for e in extraction.entities if e.label == label]
        if names:
            print(heading, file=out)
            for entity in names:
                print(f"  {clean_text(entity.name)} ({entity.count})", file=out)
    if extraction.tariffs:
        print("Tariffs", file=out)
        for t in extraction.tariffs:
            effective = f", from {t.effective.isoformat()}" if t.effective else ""
            print(
                f"  {t.country} ({t.iso}): {_rate(t.rate_pct, t.rate_max_pct)}, "
                f"{t.status}{effective}",
                file=out,
            )
    if not extraction.entities and not extraction.tariffs:
        print("nothing found", file=out)


def _rate(low: float, high: float | None) -> str:
    text = f"{low:g}%"
    return f"{low:g}-{high:g}%" if high is not None else text


def _tariffs(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    country: str | None = None
    found: Country | None = None
    if args.country:
        from tui.core.countries import country_by_iso, country_by_name

        name = args.country.strip()
        found = country_by_name(name) or country_by_iso(name.upper())
        country = found.name if found else name  # rows may name a bloc, such as the EU
    from tui.core.tariff_latest import latest_per_country
    from tui.core.tariffs import is_target_name
    from tui.services.extraction import catch_up_tariffs
    from tui.services.tracker import tracked_tariffs

    repo = _open(paths)
    try:
        # A name that is no country, no tariff target and in no row yet is a usage error, said
        # before anything is written (the catch-up below writes).
        if (
            country is not None
            and found is None
            and not is_target_name(country)
            and not tracked_tariffs(repo, country=country)
        ):
            raise UsageError(f"unknown country: {args.country!r}")
        catch_up_tariffs(repo)  # articles refreshed since the last look: checked once each
        rows = tracked_tariffs(repo, country=country, since=args.since)
        if not rows and args.format == "table":
            others = country is not None and bool(tracked_tariffs(repo, since=args.since))
            print(_no_rates(country if others else None, args.since))
            return EXIT_OK
    finally:
        repo.close()
    if args.latest:
        rows = latest_per_country(rows)
    _TARIFF_WRITERS[args.format](rows, sys.stdout)
    return EXIT_OK


_TARIFF_FIELDS = (
    "published",
    "country",
    "iso",
    "rate_pct",
    "rate_max_pct",
    "status",
    "effective",
    "article_id",
    "article_title",
    "source",
    "evidence",
)


def _tariff_record(t: TrackedTariff) -> dict[str, object]:
    return {
        "published": t.published.date().isoformat() if t.published else None,
        "country": t.row.country,
        "iso": t.row.iso,
        "rate_pct": t.row.rate_pct,
        "rate_max_pct": t.row.rate_max_pct,
        "status": t.row.status,
        "effective": t.row.effective.isoformat() if t.row.effective else None,
        "article_id": t.article_id,
        "article_title": clean_text(t.article_title),
        "source": clean_text(t.feed_title),
        "evidence": clean_text(t.row.evidence),
    }


def _write_csv(rows: list[TrackedTariff], out: TextIO) -> None:
    from tui.core.csv_out import write_csv

    write_csv(out, _TARIFF_FIELDS, (_tariff_record(row) for row in rows))


def _write_json(rows: list[TrackedTariff], out: TextIO) -> None:
    json.dump([_tariff_record(r) for r in rows], out, ensure_ascii=False, indent=2)
    print(file=out)


def _no_rates(country: str | None, since: date | None) -> str:
    """Why the table is empty: no rates for this country (others have some), or none at all."""
    when = f" since {since.isoformat()}" if since else ""
    if country is not None:
        return f"no rates for {country}{when}"
    return f"no tariff rates{when}" if since else "no tariff rates in the cache yet"


def _write_table(rows: list[TrackedTariff], out: TextIO) -> None:
    buffer = io.StringIO()
    for t in rows:
        published = t.published.date().isoformat() if t.published else "?"
        effective = t.row.effective.isoformat() if t.row.effective else "-"
        rate = _rate(t.row.rate_pct, t.row.rate_max_pct)
        title = clean_text(t.article_title)[:60]
        buffer.write(
            f"{published}  {t.row.country:<20} {rate:>8}  {t.row.status:<10} {effective:<10}  "
            f"{title}\n"
        )
    header = (
        f"{'published':<10}  {'country':<20} {'rate':>8}  {'status':<10} {'effective':<10}  article"
    )
    print(header, file=out)
    out.write(buffer.getvalue())


_TARIFF_WRITERS: dict[str, Callable[[list[TrackedTariff], TextIO], None]] = {
    "csv": _write_csv,
    "json": _write_json,
    "table": _write_table,
}

_COMMANDS: dict[str, Callable[[argparse.Namespace, Paths, Settings], int]] = {
    "tui": _tui,
    "add": _add,
    "remove": _remove,
    "list": _list,
    "refresh": _refresh,
    "sync": _sync,
    "import": _import,
    "export": _export,
    "show": _show,
    "extract": _extract,
    "tariffs": _tariffs,
}

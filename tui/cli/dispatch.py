"""The command line: the parser, and the dispatch to a headless command or to the app.

Every user error ends with one line on stderr and exit status 2, before anything is changed; a
refresh in which a feed failed exits 1. Textual is imported only when the app starts.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.cli import articles, downloads, feeds, stories, sync, tariffs
from tui.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandFailed,
    UsageError,
    fail,
    shown_name,
)
from tui.cli.logfile import log_to_file
from tui.cli.signals import Stopped, stop_on_signals
from tui.config import ConfigError, Settings, load_settings
from tui.paths import Paths, PathsError, resolve
from tui.store.errors import StoreError
from tui.terminal import (
    OutputError,
    escapes_work,
    original_output,
    sanitised_output,
    utf8_screen,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


_MAX_ID = 2**63 - 1  # SQLite's largest integer


def _id_arg(value: str) -> int:
    """An id, in ASCII digits: int() also reads 1_0 as 10 and other scripts' digits (\uff12)
    as 2, so a typo named another article."""
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"not an id (a whole number): {value!r}")
    number = int(digits)
    if not 0 < number <= _MAX_ID:
        raise argparse.ArgumentTypeError(f"no such id: {value!r}")
    return number


def _text_arg(value: str) -> str:
    """Text the store keeps or looks up. Bytes of an argument that are not UTF-8 arrive as
    lone surrogates, which SQLite cannot take (a file name may hold them: FILE is no text)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise argparse.ArgumentTypeError(f"not UTF-8 text: {value!r}") from exc
    return value


def _name_arg(value: str) -> str:
    """A name to look for: a blank one (an unset variable) names nothing, and was read as no
    filter at all (``--country "$C"`` printed every country's rows)."""
    if not value.strip():
        raise argparse.ArgumentTypeError(f"no name given: {value!r}")
    return _text_arg(value)


def _source_arg(value: str) -> str:
    """A file, a URL or ``-``; an empty one (an unset variable) is none ("cannot read : No
    such file or directory" said nothing of what was wrong)."""
    if not value.strip():
        raise argparse.ArgumentTypeError(f"no file name or URL: {value!r}")
    return value


def _file_arg(value: str) -> Path:
    """A file name; an empty one (an unset variable) is no name, not the current folder."""
    if not value:
        raise argparse.ArgumentTypeError("no file name: ''")
    return Path(value)


def _port_arg(value: str) -> int:
    if not (value.isascii() and value.isdigit()) or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"not a port (1-65535): {value!r}")
    return int(value)


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
        epilog="Exit status: 0 done; 1 something failed, one line each on stderr (a feed, a "
        "download, or the watch check or retention after add, refresh or sync: the rest is "
        "done; the output; the database); 2 bad input, nothing changed.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.add_parser("tui", help="open the reader (the default)")
    p = sub.add_parser("add", help="subscribe to a feed, or to the feeds a web page links")
    p.add_argument(
        "url",
        type=_text_arg,
        help="a feed's address, or a page that links one (with no scheme: https://)",
    )
    p.add_argument("--folder", type=_text_arg, default="", help="the folder (a/b: nested)")
    p.add_argument("--title", type=_text_arg, default="", help="the title (else the feed's)")
    p = sub.add_parser("remove", help="unsubscribe from a feed (by URL or id)")
    p.add_argument(
        "feed", type=_text_arg, metavar="URL|ID", help="the feed's address or id, as list shows"
    )
    p = sub.add_parser("list", help="list feeds with unread counts and last status")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser("refresh", help="fetch every feed, or sync with [sync] (cron: --quiet)")
    p.add_argument("--quiet", action="store_true", help="print only failures")
    p = sub.add_parser("sync", help="sync with the aggregator server of [sync] in config.toml")
    p.add_argument("--quiet", action="store_true", help="print only failures")
    p = sub.add_parser("import", help="subscribe to the feeds of an OPML file")
    p.add_argument(
        "file",
        type=_file_arg,
        metavar="FILE.opml",
        help="the OPML file (-: standard input); FILE.watches.json beside it is read too",
    )
    p = sub.add_parser(
        "export", help="write the subscriptions as OPML (to stdout without FILE, or with -)"
    )
    p.add_argument(
        "file",
        type=_file_arg,
        nargs="?",
        metavar="FILE.opml",
        help="the file to write (-: standard output); FILE.watches.json is written beside it",
    )
    p = sub.add_parser("show", help="print an article as text")
    p.add_argument(
        "id", type=_id_arg, help="the article's id (in tariffs --format json, stories --json)"
    )
    p = sub.add_parser("extract", help="entities and tariff rates of a text or HTML file or page")
    p.add_argument(
        "source",
        type=_source_arg,
        metavar="FILE|URL|-",
        help="a text or HTML file, a page's address, or - for standard input",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--text", action="store_true", help="print the cleaned main text")
    mode.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument(
        "--date", type=_date_arg, help="the article's date (YYYY-MM-DD), for dates without a year"
    )
    p = sub.add_parser("tariffs", help="tariff rates reported across the cache")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--country", type=_name_arg, help="only this country (name, alias or ISO code)")
    p.add_argument("--since", type=_date_arg, help="only articles published since YYYY-MM-DD")
    p.add_argument("--latest", action="store_true", help="only the latest rate per country")
    p.add_argument(
        "--changes",
        action="store_true",
        help="what changed: each report that moved a country's latest rate (old -> new)",
    )
    p.add_argument("--watched", action="store_true", help="only the countries you watch (w)")
    p = sub.add_parser("stories", help="stories across feeds, each with its articles")
    p.add_argument("--since", type=_date_arg, help="only stories with an article since YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser("downloads", help="list the downloads (podcasts, files) and their state")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser(
        "download",
        help="download an article's enclosures (for cron; no ID: what is queued)",
        description="Download the enclosures of article ID into download_dir, resuming what "
        "was downloaded before; with no ID, download every queued download. Exit status 1 "
        "when one failed.",
    )
    p.add_argument("id", type=_id_arg, nargs="?", metavar="ID")
    sub.add_parser("paths", help="print where newsreader keeps its files")
    p = sub.add_parser(
        "serve",
        help="serve the reader to a web browser (no login: see README)",
        description="The reader in a web page (textual-serve). There is no login: whoever "
        "reaches the port runs the reader as you, so it listens on loopback; from another "
        "computer, forward the port: ssh -L 8000:127.0.0.1:8000 HOST",
    )
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on (127.0.0.1)")
    p.add_argument("--port", type=_port_arg, default=8000, help="the port (8000)")
    p.add_argument(
        "--public",
        action="store_true",
        help="allow a --host other than loopback: anyone who reaches it runs the reader as you",
    )
    p.add_argument(
        "--public-url", metavar="URL", help="the address browsers open, if not http://HOST:PORT"
    )
    return parser


def run(argv: Sequence[str]) -> int:
    """Run the command line; returns the exit status. Everything it writes to stdout and
    stderr is sanitised on the way (tui.terminal): feed text is untrusted."""
    with sanitised_output():
        return _run(argv)


def _run(argv: Sequence[str]) -> int:
    try:
        status = _dispatch(argv)
        sys.stdout.flush()  # here, where a full disk is reported, not after the guard
        return status
    except (UsageError, ConfigError, PathsError) as exc:
        fail(str(exc))
        return EXIT_USAGE
    except (StoreError, CommandFailed) as exc:
        fail(str(exc))
        return EXIT_FAILED
    except OutputError as exc:
        fail(str(exc))  # on standard error, unless that is the stream that failed
        return EXIT_FAILED
    except Stopped as stopped:
        fail(f"stopped by {stopped.name}")
        return 128 + stopped.signum  # what a shell reports for a process the signal ended
    except KeyboardInterrupt:
        fail("interrupted")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`newsreader list | head`): not an error. (The
        # stream now writes to devnull: the interpreter's last flush does not complain again.)
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last guard: no traceback reaches the user
        failure = _database_failure(exc)
        if failure is not None:
            fail(failure)
            return EXIT_FAILED
        log = _log_crash(exc)
        fail(f"unexpected error: {exc!r}" + (f" (details in {log})" if log else ""))
        return EXIT_FAILED


def _dispatch(argv: Sequence[str]) -> int:
    try:
        args = build_parser().parse_args(list(argv))
    except SystemExit as done:  # --help or --version printed (usage errors raise UsageError)
        return EXIT_OK if not done.code else EXIT_USAGE
    paths = resolve()
    log_to_file(paths.log_file)
    command = args.command or "tui"
    if command == "paths":
        return _paths(paths)
    settings = load_settings(paths.config_file)
    if command in ("tui", "serve"):  # the app and the server stop in their own way
        return _COMMANDS[command](args, paths, settings)
    with stop_on_signals():
        return _COMMANDS[command](args, paths, settings)


def _database_failure(exc: Exception) -> str | None:
    """A read of the database that failed for its disk (full under a sort's temporary file,
    failing), as one line like a write's; None for anything else."""
    import sqlite3

    if not isinstance(exc, sqlite3.Error):
        return None
    from tui.store.db import unwritable

    failure = unwritable(exc, resolve().database, doing="use")
    return None if failure is None else str(failure)


def _log_crash(exc: BaseException) -> Path | None:
    """Append the traceback to the log file; returns its path, or None when it cannot be written."""
    import traceback
    from datetime import UTC, datetime

    try:
        log = resolve().log_file
        log.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(UTC).isoformat()}\n")
            handle.write("".join(traceback.format_exception(exc)))
        return log
    except Exception:  # noqa: BLE001 - the last guard must not fail in its turn
        return None


def _paths(paths: Paths) -> int:
    """Printed even when config.toml is broken (the downloads folder is then the default,
    and stderr says why)."""
    try:
        download_dir = load_settings(paths.config_file).download_dir
    except ConfigError as exc:
        fail(f"{exc} (the downloads folder shown is the default)")
        download_dir = ""
    places = paths.as_dict(download_dir)
    width = max(len(k) for k in places)
    for name, path in places.items():
        print(f"{name:<{width}}  {shown_name(path)}")
    return EXIT_OK


def _tui(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.storage import open_store

    _check_terminal()
    repo, notice = open_store(paths)  # the app shows the notice: stderr is hidden behind it
    try:
        # The first start sets up here only when the first screen would be empty otherwise
        # (nothing subscribed). With feeds already there (imported from the command line), the
        # app loads the demo after its first frame, and the first frame does not wait for the
        # parser and extractor imports.
        if not repo.has_feeds():
            from tui.services.subscriptions import first_run, write_backup

            if first_run(repo, defaults=settings.sync is None):
                write_backup(repo, paths.subscriptions_backup)
    finally:
        repo.close()
    from tui.ui.app import NewsReaderApp

    app = NewsReaderApp(paths, settings, notice=notice)
    with original_output(), utf8_screen():
        app.run()
    return app.return_code or EXIT_OK


def _check_terminal() -> None:
    """The reader draws on a terminal and reads its keys: without one (from cron, a script's
    pipe, ``ssh host newsreader`` without -t) it drew into the pipe and ran until killed, and
    on one that cannot move its cursor (TERM=dumb) it drew escape sequences as text.
    textual-serve runs it on pipes with its own driver (TEXTUAL_DRIVER), for a browser."""
    import os

    if os.environ.get("TEXTUAL_DRIVER"):
        return
    streams = {"input": sys.stdin, "output": sys.stdout}
    missing = [name for name, stream in streams.items() if stream is None or not stream.isatty()]
    if missing:
        raise UsageError(
            f"the reader needs a terminal: standard {' and '.join(missing)}"
            f" {'is not one' if len(missing) == 1 else 'are not'}"
            " (ssh -t for a terminal over SSH; for scripts and cron, the commands of"
            " 'newsreader --help')"
        )
    if not escapes_work(sys.stdout):  # TERM=dumb: the screen was drawn as escape sequences
        raise UsageError(
            "the reader needs a terminal that can draw a screen, and TERM=dumb cannot (Emacs'"
            " shell, say: use a terminal emulator, or M-x term); the commands of"
            " 'newsreader --help' work here"
        )


def _serve(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.ui.serve import ServeError, plan, serve

    try:
        serve(plan(args.host, args.port, public=args.public, public_url=args.public_url))
    except ServeError as exc:
        raise UsageError(str(exc)) from exc
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace, Paths, Settings], int]] = {
    "tui": _tui,
    "add": feeds.add,
    "remove": feeds.remove,
    "list": feeds.list_feeds,
    "refresh": feeds.refresh,
    "sync": sync.sync,
    "import": feeds.import_file,
    "export": feeds.export_file,
    "show": articles.show,
    "extract": articles.extract,
    "tariffs": tariffs.tariffs,
    "stories": stories.stories,
    "downloads": downloads.list_downloads,
    "download": downloads.download,
    "serve": _serve,
}

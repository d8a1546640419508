"""What every command shares: exit codes, usage errors as one line, the store, input files."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from typing import TYPE_CHECKING

from tui.config import Settings
from tui.core.text import clean_line
from tui.paths import Paths
from tui.terminal import OutputError

if TYPE_CHECKING:  # imported lazily at run time: headless commands start without them
    from tui.services.fetcher import FetchSettings
    from tui.store.repository import Repository


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


class CommandFailed(Exception):
    """A step after the command's work failed (the work is done and said): printed as one
    line, exit status 1."""


_LINE_HEAD, _LINE_TAIL = 600, 300


def fail(message: str) -> None:
    """One line on stderr: a message that quotes the user's input may hold line breaks.

    A line of an argument 100,000 characters long was that long (two thousand lines of a
    terminal): its middle is left out, the start and the end (which says why) stay.
    With standard error closed (``2>&-``) the line goes nowhere: the exit status tells."""
    line = clean_line(message)
    if len(line) > _LINE_HEAD + _LINE_TAIL:
        line = f"{line[:_LINE_HEAD]} … {line[-_LINE_TAIL:]}"
    with suppress(OutputError):
        print(f"newsreader: {line}", file=sys.stderr)


def shown_name(name: object) -> str:
    """A file name as a message shows it: bytes that are not UTF-8 (a Latin-1 name, read as
    lone surrogates) as ``\\xe9``. The output drops such characters, so "caf\\xe9.opml"
    was named "caf.opml", a file that is not there."""
    return os.fsencode(str(name)).decode("utf-8", "backslashreplace")


def open_store(paths: Paths) -> Repository:
    """The store, rebuilt when damaged (the notice goes to stderr and the command carries on)."""
    from tui.services.storage import open_store as open_or_rebuild

    repo, notice = open_or_rebuild(paths)
    if notice:
        fail(notice)
    try:
        paths.ensure()
    except OSError as exc:
        repo.close()
        raise UsageError(f"cannot create {exc.filename}: {exc.strerror}") from exc
    return repo


def fetch_settings(settings: Settings) -> FetchSettings:
    """The feed fetcher's settings (its module is imported only when a command fetches)."""
    from tui.services.fetcher import FetchSettings

    return FetchSettings.from_settings(settings)


MAX_EXTRACT_BYTES = 20_000_000


def read_input(source: str, limit: int) -> bytes:
    """The bytes of a file (or stdin for ``-``), read to ``limit`` and no further: a device or
    a pipe that never ends is a usage error, not a process that eats the memory."""
    try:
        if source == "-":
            if sys.stdin is None:  # closed when the command started (<&-)
                raise UsageError("cannot read standard input: it is closed")
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(source, "rb") as handle:
                data = handle.read(limit + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {shown_name(source)}: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise UsageError(f"{shown_name(source)}: larger than {limit / 1_000_000:g} MB")
    return data

"""What the command line writes reaches a terminal: every write is sanitised on its way out.

Feed titles, URLs, errors and article text are untrusted. Rather than clean each value at each
``print`` (and miss one), the headless commands run with ``sys.stdout`` and ``sys.stderr``
wrapped in :class:`SafeStream`, which passes every write through
:func:`tui.core.text.clean_text`: escape sequences with their payloads, C0 and C1 controls
(but tab, newline and a CRLF line end), bidi and zero-width characters never reach the
terminal. The CLI's own
escape sequences (the progress line) go to :func:`unsanitised`.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TextIO

from tui.core.text import clean_text

__all__ = [
    "OutputError",
    "SafeStream",
    "escapes_work",
    "original_output",
    "sanitised_output",
    "unsanitised",
    "utf8_screen",
    "writes_unicode",
]


class OutputError(Exception):
    """What a command writes cannot be written (the message is one line)."""


class SafeStream(io.TextIOBase):
    """A text stream that writes ``clean_text`` of everything written to it into ``stream``.

    ``stream`` is None when the process started with that descriptor closed (``>&-``): a
    write then raises :class:`OutputError`, and a command that writes nothing there is fine.
    """

    def __init__(self, stream: TextIO | None, name: str = "the output") -> None:
        super().__init__()
        self.stream = stream
        self.name = name

    def write(self, text: str) -> int:
        if self.stream is None:
            raise OutputError(f"cannot write to {self.name}: it is closed")
        # CRLF is a line end (the CSV writer's), harmless to a terminal; a lone CR, which can
        # overwrite what a line showed, becomes a newline.
        if "\r\n" in text:
            cleaned = "\r\n".join(clean_text(part) for part in text.split("\r\n"))
        else:
            cleaned = clean_text(text)
        with self._reported():
            try:
                self.stream.write(cleaned)
            except UnicodeEncodeError:  # a terminal or locale that is not UTF-8: LANG=en_US
                encoding = self.stream.encoding  # it encodes before it writes: none written
                self.stream.write(cleaned.encode(encoding, "replace").decode(encoding))
        return len(text)

    def flush(self) -> None:
        if self.stream is not None:
            with self._reported():
                self.stream.flush()

    @contextmanager
    def _reported(self) -> Iterator[None]:
        """An error of the stream underneath (a full disk) as :class:`OutputError`; a reader
        that went away (BrokenPipeError) stays itself: the CLI ends quietly on that.

        Either way what is still buffered can never be written, and a failed flush keeps it:
        the descriptor is pointed at devnull, so the flushes after this one (the CLI's last,
        the interpreter's at exit) do not fail again with a traceback."""
        try:
            yield
        except OSError as exc:
            self._discard()
            if isinstance(exc, BrokenPipeError):
                raise
            raise OutputError(f"cannot write to {self.name}: {exc.strerror or exc}") from exc

    def _discard(self) -> None:
        with suppress(OSError, ValueError, AttributeError):  # a stream with no descriptor
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.fileno())
            os.close(devnull)

    def isatty(self) -> bool:
        return self.stream is not None and self.stream.isatty()

    def fileno(self) -> int:
        if self.stream is None:
            raise io.UnsupportedOperation(f"{self.name} is closed")
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Nothing to close: the stream underneath stays the process's (and is not flushed
        here, where a reader that went away would raise from a finaliser)."""


def escapes_work(stream: TextIO) -> bool:
    """Whether escape sequences written to ``stream`` reach a terminal that acts on them (the
    progress line's ``\\r`` and erase-line, a notification): not off a terminal, nor on one
    whose TERM is ``dumb`` (Emacs's shell, a serial console), which shows them as ``^[[K``."""
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def writes_unicode(stream: TextIO) -> bool:
    """Whether ``stream`` can write every character: its encoding is UTF-8 (or another
    Unicode one), or it holds text (a StringIO). Under a non-UTF-8 locale it cannot, and a
    document written for programs (JSON, OPML) goes out with its own escapes (``\\u00e9``,
    ``&#233;``) instead: lossless, valid and ASCII, where ``?`` for each unwritable character
    lost names and a Latin-1 byte in a UTF-8 document made it unreadable to its parser."""
    import codecs

    encoding = getattr(unsanitised(stream), "encoding", None)
    if not encoding:
        return True
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def unsanitised(stream: TextIO) -> TextIO:
    """The stream under a :class:`SafeStream` (for the CLI's own escape sequences, written
    only to a terminal, so never to a closed stream)."""
    if isinstance(stream, SafeStream):
        return stream.stream if stream.stream is not None else stream
    return stream


@contextmanager
def sanitised_output() -> Iterator[None]:
    """``sys.stdout`` and ``sys.stderr`` sanitised for the duration of the block."""
    saved = sys.stdout, sys.stderr
    # sys.stdout or sys.stderr is None when its descriptor was closed when Python started.
    streams: tuple[TextIO | None, TextIO | None] = saved
    sys.stdout = SafeStream(streams[0], "standard output")
    sys.stderr = SafeStream(streams[1], "standard error")
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, SafeStream):
                # The CLI flushed what a command that succeeded wrote, and reported a failure:
                # here is only what a command that failed left (its exit status says so).
                with suppress(OutputError, BrokenPipeError):
                    stream.flush()
        sys.stdout, sys.stderr = saved


@contextmanager
def original_output() -> Iterator[None]:
    """The streams under the :class:`SafeStream` wrappers, for the block (the app draws its
    own screen, from text it has made safe itself)."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = unsanitised(saved[0]), unsanitised(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextmanager
def utf8_screen() -> Iterator[None]:
    """The app's screen written in UTF-8 for the block, whatever the locale's encoding.

    Textual reads the keys as UTF-8 and draws with box-drawing characters that no legacy
    encoding has, but writes through ``sys.__stderr__`` in the locale's encoding: under a
    non-UTF-8 locale (``LANG=en_US.ISO-8859-1`` on an older server, reached over SSH from a
    UTF-8 terminal) every line came out as ``\\u256d\\u2500`` escapes. Python itself writes
    UTF-8 under the C locale for the same reason. The streams get their encoding back after
    the block, for the one-line messages the CLI may still write."""
    streams = [s for s in (sys.__stdout__, sys.__stderr__) if isinstance(s, io.TextIOWrapper)]
    saved = [(stream, stream.encoding, stream.errors) for stream in streams]
    for stream in streams:
        if stream.encoding.replace("-", "").lower() != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        yield
    finally:
        for stream, encoding, errors in saved:
            with suppress(OSError, ValueError):  # a terminal gone with the app: nothing to write
                stream.reconfigure(encoding=encoding, errors=errors)

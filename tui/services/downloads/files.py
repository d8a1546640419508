"""The files of a download: its partial file, the lock on it, and the finished file's place.

A download writes ``.newsreader-ID.part`` in its folder and holds an exclusive lock on it
(``flock``), so the app and a ``newsreader download`` from cron never write one file together.
The finished file gets a name no other file in the folder has (``episode (2).mp3``), taken with
an exclusive create: two downloads finishing at once cannot overwrite each other, nor a file the
user already had.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import BinaryIO

from tui.core.filenames import numbered
from tui.core.models import Download

try:  # POSIX; elsewhere downloads run without the cross-process lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["Busy", "PartFile", "file_in_the_way", "part_path", "place", "remove_part"]

_MAX_NUMBER = 10_000


class Busy(Exception):
    """Another process is downloading this file (it holds the partial file's lock)."""


def part_path(download: Download) -> Path:
    """Where the download's bytes gather until it is complete."""
    return Path(download.directory) / f".newsreader-{download.id}.part"


def file_in_the_way(folder: Path) -> Path | None:
    """The file that stands where ``folder``, or a folder above it, should be (None: none)."""
    for step in (folder, *folder.parents):
        if step.exists():
            return None if step.is_dir() else step
    return None


class PartFile:
    """The partial file of a download, open for appending and locked (raises :class:`Busy`
    when another process holds it, OSError when it cannot be made)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.handle: BinaryIO = open(path, "a+b")  # noqa: SIM115 - closed in close()
        if fcntl is not None:
            try:
                fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.handle.close()
                raise Busy(str(path)) from None

    @property
    def size(self) -> int:
        """The bytes written so far. Flushed first: a resume that asked for the bytes after
        what the disk held, with a buffer still to come, wrote that buffer twice."""
        self.handle.flush()
        return os.fstat(self.handle.fileno()).st_size

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def restart(self) -> None:
        """Empty it, to start again from the first byte."""
        self.handle.flush()
        self.handle.truncate(0)

    def finish(self) -> None:
        """Flush it to the disk (before it is moved into place)."""
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def close(self, *, delete: bool = False) -> None:
        with contextlib.suppress(OSError):
            self.handle.close()
        if delete:
            self.path.unlink(missing_ok=True)


def remove_part(download: Download) -> None:
    """Delete a download's partial file, unless another process is writing it (that one
    deletes it when it sees the download cancelled)."""
    path = part_path(download)
    if not path.exists():
        return
    try:
        part = PartFile(path)
    except (Busy, OSError):
        return
    part.close(delete=True)


def place(part: Path, directory: Path, name: str) -> Path:
    """Move the finished ``part`` into ``directory`` as ``name``, or ``name (2)``, ``(3)``...
    when taken; returns where it went."""
    for number in range(1, _MAX_NUMBER):
        candidate = directory / numbered(name, number)
        if candidate.parent != directory:  # the name is sanitised; this is the last guard
            raise OSError(f"file name {name!r} leaves {directory}")
        try:
            os.close(os.open(candidate, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            continue
        try:
            os.replace(part, candidate)
        except OSError:
            candidate.unlink(missing_ok=True)
            raise
        return candidate
    raise OSError(f"{_MAX_NUMBER} files named {name!r} already in {directory}")

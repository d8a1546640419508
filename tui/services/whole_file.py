"""Rewrite a small file so that it is always whole: the copies of the subscriptions and of the
watch list beside the database, which the app and the commands rewrite at any time."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file of this writer's own, moved over it:
    a crash leaves the old file, and several writers at once leave one whole file. (A temporary
    name shared by all let one writer move another's file away under it: FileNotFoundError.)"""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

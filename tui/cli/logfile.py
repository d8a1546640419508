"""Where the internals' log records go: the log file, never the command's standard error.

Nothing configured logging, so logging's last resort printed each warning on stderr: a parse
worker lost to the OOM killer or a signal ("parse workers failed (...); parsing in a thread"),
or a download's unexpected error with its traceback, reached the user (and cron's mail) as raw
lines under the command's own. The refresh child's stderr already is the log file.
"""

from __future__ import annotations

import logging
from pathlib import Path


class _LogFile(logging.FileHandler):
    """Appends to the log file, made (with its folder) at the first record; a log that cannot
    be written loses the record, never the command (nor prints logging's own traceback)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def _open(self):  # type: ignore[no-untyped-def]  # logging's own signature
        Path(self.baseFilename).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def log_to_file(path: Path) -> None:
    """Send warnings and errors of every logger to ``path`` (instead of an earlier one)."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _LogFile)]:
        root.removeHandler(old)
        old.close()
    handler = _LogFile(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    root.addHandler(handler)

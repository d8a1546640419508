"""The command line (``newsreader COMMAND``): :mod:`.dispatch` parses and runs a command (or
starts the app); the commands are in :mod:`.feeds` (add, remove, list, refresh, import,
export), :mod:`.articles` (show, extract), :mod:`.tariffs` (with :mod:`.tariff_changes` for
``--changes``), :mod:`.stories`, :mod:`.downloads` and :mod:`.sync`; :mod:`.alerts` tells the
watch list's alerts after a refresh, :mod:`.watches` reads and writes the watches file beside an
OPML file, and :mod:`.common` holds what every command shares; :mod:`.signals` makes SIGTERM
and SIGHUP stop a command as Ctrl+C does, and :mod:`.logfile` sends the internals' warnings to
the log file, not to the command's stderr."""

from __future__ import annotations

from tui.cli.dispatch import build_parser, run

__all__ = ["build_parser", "run"]

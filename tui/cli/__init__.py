"""The command line (``newsreader COMMAND``): :mod:`.dispatch` parses and runs a command;
:mod:`.feeds`, :mod:`.articles` and :mod:`.tariffs` hold the commands, :mod:`.common` what they
share."""

from __future__ import annotations

from tui.cli.dispatch import build_parser, run

__all__ = ["build_parser", "run"]

"""The one CSV writer: every CSV newsreader writes goes through :func:`write_csv`.

Cells hold feed text, and a spreadsheet runs a cell that starts like a formula (``=HYPERLINK``,
``+cmd|...``, DDE). As OWASP recommends against CSV injection, a text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote in front: the
spreadsheet shows the text and runs nothing. Numbers are written as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

__all__ = ["TRIGGERS", "neutralise", "write_csv"]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` safe for a spreadsheet cell: text that starts a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value


def write_csv(out: TextIO, fields: Sequence[str], rows: Iterable[Mapping[str, object]]) -> None:
    """A header of ``fields``, then one line per row (missing and None cells empty), lines
    ended by CRLF as RFC 4180 says: a cell holding a lone CR is quoted then, not cut in two."""
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: neutralise(row.get(name)) for name in fields})

"""Turning untrusted feed text into display-safe strings, for the Rich ``Text`` and Textual
``Content`` the widgets build, and the dates and rates they show beside it.

Feed text is never parsed as markup (the widgets build ``Text`` and ``Content`` objects from
these strings, never markup strings), and any control character that survived parsing is shown
as its visible Unicode "control picture" (ESC becomes ``␛``) so it can never reach the terminal
as an escape sequence.
"""

from __future__ import annotations

import re
from datetime import datetime

from tui.core.text.sanitise import drop_invisible

# C0 controls (except none: even \t and \n are flattened on one-line fields), DEL and C1 controls.
# Bidi controls and zero-width tricks are removed outright (the list is the sanitiser's).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_UNSURE_WIDTH = re.compile("[\ufe0f\U0001f3fb-\U0001f3ff]")
"""Characters Textual and terminals count differently, which the display leaves out.

Variation selector 16 asks for a character's emoji form (⚠️ ❤️ ☀️): Textual counts two
columns, tmux (3.3) and many terminals one. A skin tone (🏻 to 🏿) after an emoji (👋🏽): tmux
joins the two in two columns, Textual counts four. Either way each row holding one was drawn
short, its right border lost or a redraw beside it leaving a stray border behind. Without
them the character shows in its text form and the emoji in its plain colour, the same width
everywhere."""


def steady_width(value: str) -> str:
    """``value`` without the characters whose width Textual and terminals count differently."""
    return _UNSURE_WIDTH.sub("", value)


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀..␟, e.g. ESC -> ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(value: str) -> str:
    """One line of feed text with controls made visible and invisible tricks removed."""
    value = value.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return steady_width(drop_invisible(_CONTROL.sub(_picture, value)))


def visible_block(value: str) -> str:
    """Several lines of feed text: like :func:`visible`, but line breaks are kept."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    value = steady_width(value)
    return "\n".join(drop_invisible(_CONTROL.sub(_picture, line)) for line in value.split("\n"))


def _local(when: datetime) -> datetime:
    """``when`` in the local time zone; as it is when that would leave the calendar (a date
    near year 1 or 9999 from a database written before dates were range-checked)."""
    try:
        return when.astimezone()
    except (OverflowError, ValueError, OSError):
        return when


def format_time(when: datetime | None) -> str:
    """A fixed-width local time stamp for list rows: ``27 Nov 10:42`` (12 columns)."""
    if when is None:
        return " " * 12
    return _local(when).strftime("%d %b %H:%M")


def format_date(when: datetime | None) -> str:
    """A long date for the article header."""
    if when is None:
        return ""
    return _local(when).strftime("%a %d %b %Y %H:%M")


def format_rate(rate: float, rate_max: float | None) -> str:
    def pct(value: float) -> str:
        return f"{value:g}%"

    return pct(rate) if rate_max is None else f"{rate:g}–{pct(rate_max)}"

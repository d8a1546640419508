"""The greys of NO_COLOR: each colour becomes the grey of its luminance, so text keeps the
contrast it has in colour.

Textual's own filter for NO_COLOR (``Monochrome``) weighs the sRGB values as they are, without
undoing their gamma, which makes a saturated colour far darker than it looks: the feeds pane's
red ``!``, the status line's "N feeds failing" and the body's blue headings came out nearly
the grey of their background. :func:`grey` weighs linear light (WCAG's relative luminance) and
encodes the result back, so a grey is exactly as light as the colour it replaces.

Under a theme of the terminal's own colours (ansi-dark) NO_COLOR leaves no colour at all
(:class:`Uncoloured`), and what a background alone marked (a table's highlighted row, the
body's current evidence) is shown reversed: Textual's ``NoColor`` left it plain.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

__all__ = ["Greyscale", "Uncoloured", "grey"]


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _encoded(light: float) -> int:
    value = light * 12.92 if light <= 0.0031308 else 1.055 * light ** (1 / 2.4) - 0.055
    return round(value * 255)


def grey(color: Color) -> Color:
    """The grey as light as ``color`` (its alpha kept)."""
    red, green, blue = color.rgb
    level = _encoded(0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue))
    return Color(level, level, level, color.a)


@lru_cache(1024)
def _grey_style(style: Style) -> Style:
    foreground = None if style.color is None else grey(Color.from_rich_color(style.color))
    background = None if style.bgcolor is None else grey(Color.from_rich_color(style.bgcolor))
    return style + Style.from_color(
        None if foreground is None else foreground.rich_color,
        None if background is None else background.rich_color,
    )


class Greyscale(LineFilter):
    """Every colour as the grey of its luminance (in place of Textual's ``Monochrome``)."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None else _grey_style(style), None)
            for text, style, _ in segments
        ]


_DEFAULT_COLOURS = Style.from_color(RichColor.default(), RichColor.default())
_REVERSED = Style(reverse=True)


@lru_cache(1024)
def _uncoloured_style(style: Style) -> Style:
    marked = style.bgcolor is not None and not style.bgcolor.is_default
    return style + _DEFAULT_COLOURS + (_REVERSED if marked else Style())


class Uncoloured(LineFilter):
    """The terminal's own colours only; a background other than its own shown reversed."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None else _uncoloured_style(style), None)
            for text, style, _ in segments
        ]

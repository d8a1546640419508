"""An OptionList whose selected row carries a mark in a one-cell gutter on its left.

The highlight colour alone is lost under NO_COLOR, can vanish in a 16-colour palette and is
not in a screen capture; the mark (``▸`` in the focused list, ``▹`` otherwise) is.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events, on
from textual.strip import Strip
from textual.widgets import OptionList

from tui.ui.rows import cursor_mark


class MarkedOptionList(OptionList):
    """The feeds, stories, entities and links lists."""

    # j and k stop at the ends, as in the article list and the tables: Textual's OptionList
    # wraps round, so holding j in the feeds pane went past the last feed back to All (and
    # listed All again), k on the first entity to the last.
    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            if direction > 0:
                super().action_cursor_down()  # the first enabled row
            else:
                super().action_cursor_up()  # the last enabled row
            return
        index = self.highlighted + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction

    @on(events.Resize)
    def _keep_highlight_in_view(self) -> None:
        """A shorter pane (the terminal shrank) keeps the highlighted row in sight."""
        self.scroll_to_highlight()

    def _get_left_gutter_width(self) -> int:
        # OptionList's hook for a gutter (SelectionList draws its check boxes there): the
        # options render one cell narrower and render_line adds the mark.
        return 1

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            index, line = self._lines[self.scroll_offset.y + y]
        except IndexError:  # past the last option: a blank line of the full width already
            return strip
        style = next(iter(strip), Segment("")).style or self.rich_style
        mark = cursor_mark(index == self.highlighted and line == 0, self.has_focus)
        return Strip.join([Strip([Segment(mark, style)], 1), strip])

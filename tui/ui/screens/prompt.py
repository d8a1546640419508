"""The base of the dialogs that ask for a line of text (search, add feed, rename)."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.screen import ModalScreen
from textual.widgets import Input

from tui.ui.widgets.line_input import LineInput

ResultT = TypeVar("ResultT")


class PromptScreen(ModalScreen[ResultT]):
    """A dialog around one input, which gets the letters typed before it had focus.

    Textual pushes a screen at once but composes it later, in the screen's own task: a key
    that comes in between goes to the screen itself, which takes it once composed, its input
    focused by then. A letter goes into the input here (the input stops every letter it
    takes, so none comes here twice); enter, backspace and the like run their binding here,
    as the input (a :class:`LineInput`) runs it, so they act in the order typed.
    """

    async def on_key(self, event: events.Key) -> None:
        field = self.focused
        if not isinstance(field, Input):
            return
        if not event.is_printable:
            if isinstance(field, LineInput):  # its binding now, in the order typed
                await field.run_binding(event)
            return
        assert event.character is not None
        event.stop()
        selection = field.selection
        if selection.is_empty:
            field.insert_text_at_cursor(event.character)
        else:
            field.replace(event.character, *selection)

"""The one-line input of the dialogs and the tracker's filter: its keys act in the order typed."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class LineInput(Input):
    """An :class:`Input` that runs a key's binding (backspace, ctrl+u, enter, its dialog's esc
    and ctrl+s) when it takes the key, as it inserts a letter.

    Textual's Input inserts a letter when the key comes, but leaves every other key to a
    binding the App looks up when the key comes back to it unhandled, after the input has
    taken the keys typed behind it. Keys that arrive together (typed fast, or over SSH in
    one packet) then act out of order: "tariffx", backspace, "s", enter searched "tariffx".
    """

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            await self.run_binding(event)

    async def run_binding(self, event: events.Key) -> bool:
        """Run now the binding ``event``'s key has here (the input's, then its screen's), as
        the App would when the key came back to it; False when it has none."""
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.binding.priority or not active.enabled:
            return False  # a priority binding ran before the key came; the App says the rest
        event.stop()
        event.prevent_default()
        await self.app.run_action(active.binding.action, active.node)
        return True

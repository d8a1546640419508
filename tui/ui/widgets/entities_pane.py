"""The entities pane: PEOPLE / ORGANISATIONS / PLACES with mention counts.

For a story (:meth:`EntitiesPane.show_story`) it lists the union over the story's articles:
each entity with how many sources name it and, under it, which.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.models import Entity
from tui.core.story_union import SourcedEntity
from tui.ui.display import visible
from tui.ui.keys import ENTITIES_PANE_KEYS, LIST_BINDINGS
from tui.ui.rows import LabelCount
from tui.ui.story_rows import WithSources
from tui.ui.widgets.marked_list import MarkedOptionList

GROUPS: tuple[tuple[str, str], ...] = (
    ("PERSON", "PEOPLE"),
    ("ORG", "ORGANISATIONS"),
    ("GPE", "PLACES"),
)


def _entity_row(entity: Entity) -> LabelCount:
    """The name (cut to fit the pane) and the mention count (always shown)."""
    return LabelCount(Content(" " + visible(entity.name)), str(entity.count), count_style="")


class EntitiesPane(MarkedOptionList):
    """Set ``entities``; enter posts ``EntityChosen``; the empty state says why it is empty."""

    BINDINGS = [*LIST_BINDINGS, *ENTITIES_PANE_KEYS]

    entities: reactive[tuple[Entity, ...]] = reactive((), always_update=True, init=False)
    empty_text: reactive[str] = reactive("No article selected", init=False)

    @dataclass
    class EntityChosen(Message):
        """The user pressed enter on an entity (again: the next mention)."""

        entity: Entity

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._by_option: dict[str, Entity] = {}
        self._sources: dict[Entity, tuple[str, ...]] = {}
        self._story_sources = 0

    def show_story(self, entities: tuple[SourcedEntity, ...], sources: int) -> None:
        """List the union over a story of ``sources`` sources (setting ``entities`` again shows
        one article's)."""
        self._sources = {e.entity: e.sources for e in entities}
        self._story_sources = sources
        self.set_reactive(EntitiesPane.entities, tuple(e.entity for e in entities))
        self._rebuild()

    def on_mount(self) -> None:
        self._rebuild()

    def watch_entities(self) -> None:
        self._sources = {}
        self._rebuild()

    def watch_empty_text(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        options: list[Option] = []
        self._by_option = {}
        for label, heading in GROUPS:
            group = [e for e in self.entities if e.label == label]
            if not group:
                continue
            options.append(Option(Text(heading, style="bold"), disabled=True))
            for entity in group:
                key = f"{label}:{len(self._by_option)}"
                self._by_option[key] = entity
                options.append(Option(self._row(entity), id=key))
        if not options:
            options.append(Option(Text(self.empty_text, style="dim"), disabled=True))
        self.border_subtitle = (
            Text(f"story · {self._story_sources} sources") if self._sources else None
        )
        highlighted = self.highlighted
        self.set_options(options)
        if self._by_option:
            first = next(i for i, o in enumerate(options) if not o.disabled)
            self.highlighted = highlighted if highlighted is not None else first

    def _row(self, entity: Entity) -> LabelCount | WithSources:
        sources = self._sources.get(entity)
        if sources is None:
            return _entity_row(entity)
        count = LabelCount(Content(" " + visible(entity.name)), str(len(sources)), count_style="")
        return WithSources(count, sources, self._story_sources)

    @property
    def entity(self) -> Entity | None:
        option = self.highlighted_option
        return self._by_option.get(option.id or "") if option is not None else None

    def move_to(self, entity: Entity) -> bool:
        """Put the cursor on ``entity``; False when the pane does not list it."""
        for index in range(self.option_count):
            if self._by_option.get(self.get_option_at_index(index).id or "") == entity:
                self.highlighted = index
                return True
        return False

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self._by_option.get(event.option.id or "")
        if entity is not None:
            self.post_message(self.EntityChosen(entity))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

"""The main screen's frame: its panes, status line and footer, and focus between them."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.worker import Worker

from tui.config import Settings
from tui.core.models import (
    ArticleScope,
    Extraction,
    Feed,
)
from tui.core.wording import plural
from tui.services.entity_backend import ConfiguredBackend
from tui.services.reader_view import (
    ArticleView,
    FirstScreen,
)
from tui.store.repository import Repository
from tui.ui.highlight import Highlight
from tui.ui.internal_hosts import InternalHosts
from tui.ui.keys import MAIN_BINDINGS
from tui.ui.widgets.article_body import ArticleBody
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.entities_pane import EntitiesPane
from tui.ui.widgets.feed_list import FeedList
from tui.ui.widgets.story_list import StoryList
from tui.ui.widgets.tariff_pane import TariffPane
from tui.ui.worker_errors import report_failure

PANES: dict[str, str] = {
    "feeds": "#feeds",
    "articles": "#articles",
    "body": "#body",
    "entities": "#entities",
    "tariffs": "#tariff-table",
}


class PanesScreen(Screen[None]):
    """The five panes, the status line and the footer: composition, the panes by name,
    which pane has focus and moving between them, the highlight shown in the body."""

    BINDINGS = MAIN_BINDINGS
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    AUTO_FOCUS = "#articles"
    PREVIEW_DELAY = 0.12
    """Seconds the cursor must rest on an article before it is previewed (0: at once)."""

    def on_resize(self, event: events.Resize) -> None:
        """The layout's class for the new width, before Textual lays the screen out at it.

        Textual lays a resized screen out first and applies its breakpoint classes after, a
        second layout: the first one, at 80 columns with the wide layout's widths, wrapped the
        article at 8 columns (two seconds for a 2 MB article) only to wrap it again. Handlers
        of this class run before Textual's, which then finds the classes already set.
        """
        width = event.size.width
        names = [name for least, name in sorted(self.HORIZONTAL_BREAKPOINTS) if width >= least]
        current = names[-1:]
        self.update_classes(
            {name: name in current for _, name in self.HORIZONTAL_BREAKPOINTS}, animate=False
        )

    def __init__(
        self,
        repo: Repository,
        settings: Settings,
        *,
        cache_dir: Path,
        internal_hosts: InternalHosts,
        first: FirstScreen | None = None,
    ) -> None:
        """``first``: the first screen's data, loaded by the App before it pushes this screen,
        applied when it mounts: start-up paints one full screen, not an empty one filled in a
        moment later. ``internal_hosts`` is the App's: one question per host for both."""
        super().__init__()
        self._repo = repo
        self._settings = settings
        self._cache_dir = cache_dir
        self._internal_hosts = internal_hosts
        self._entity_backend = ConfiguredBackend(settings.entity_backend)
        self._first = first
        self.scope = ArticleScope()
        self.results_label: str | None = None
        self.view: ArticleView | None = None
        self.extraction: Extraction | None = None
        self._feeds: tuple[Feed, ...] = ()
        self._status_scope = Text()
        self._articles_status = Text()
        """The scope part of the status line for the article list, kept while the stories
        view shows its own count (``v``)."""
        self._refresh_status = ""
        self._open_when_highlighted: int | None = None
        self._shown_when_highlighted: int | None = None  # the body has it: no preview
        self._preview_timer: Timer | None = None
        self._painted = first is None
        """Whether the first frame is on the terminal (see ReadingScreen._show_first_screen)."""
        self._preview_after_paint: int | None = None
        self._whole_list_after_paint = False
        """Whether the first frame shows only the head of a long list (the rest is read after)."""

    # -- composition ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Titles set here, not on mount: the first screen's data, applied on mount
        # (ReadingScreen), puts the scope into the articles pane's title.
        with Horizontal(id="panes"):
            yield _titled(FeedList(id="feeds", classes="pane"), "1 Feeds")
            with Vertical(id="center"):
                yield _titled(ArticleList(id="articles", classes="pane"), "2 Articles")
                yield _titled(StoryList(id="stories", classes="pane"), "2 Stories")
                yield _titled(ArticleBody(id="body", classes="pane"), "3 Article")
            with Vertical(id="side"):
                yield _titled(EntitiesPane(id="entities", classes="pane"), "4 Entities")
                yield _titled(TariffPane(id="tariffs", classes="pane"), "5 Tariffs")
        yield Static(id="status")
        yield Footer(compact=True, show_command_palette=False)

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    @property
    def feed_list(self) -> FeedList:
        return self.query_one(FeedList)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def story_list(self) -> StoryList:
        return self.query_one(StoryList)

    @property
    def stories_mode(self) -> bool:
        """Whether the articles pane shows stories across feeds (``v``)."""
        return self.has_class("-stories")

    @property
    def body(self) -> ArticleBody:
        return self.query_one(ArticleBody)

    @property
    def entities_pane(self) -> EntitiesPane:
        return self.query_one(EntitiesPane)

    @property
    def tariff_pane(self) -> TariffPane:
        return self.query_one(TariffPane)

    # -- status line -----------------------------------------------------------------------

    def set_refresh_status(self, text: str) -> None:
        self._refresh_status = text
        self._update_status()

    def _update_status(self) -> None:
        parts: list[Content | tuple[str, str]] = [Content.from_rich_text(self._status_scope)]
        failing = sum(1 for f in self._feeds if f.failing)
        if failing:  # the theme's error text: pure red was 3.3:1 on the dark theme's panel
            parts.append((f"  ! {plural(failing, 'feed')} failing (E)", "bold $text-error"))
        if self._refresh_status:
            parts.append(("  " + self._refresh_status, "italic"))
        # One row, fixed height: no layout pass for it (a layout per refresh tick re-rendered
        # every pane, scroll bars included, and kept keys waiting during a refresh). The row
        # is cut with an ellipsis by its CSS.
        self.query_one("#status", Static).update(Content.assemble(*parts), layout=False)

    # -- focus and layout ------------------------------------------------------------------

    def focused_pane(self) -> str | None:
        node: Widget | None = self.focused
        while node is not None:
            if node.id == "stories":
                return "articles"
            for name, selector in PANES.items():
                if node.id == selector[1:]:
                    return name
            node = node.parent if isinstance(node.parent, Widget) else None
        return None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane = self.focused_pane()
        self.set_class(pane in ("entities", "tariffs"), "-side-focus")
        self.set_class(pane in ("body", "entities", "tariffs"), "-reading")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``]`` and ``[`` only while the body highlights more than one span."""
        if action == "step_highlight":
            highlight = self.body.highlight
            return highlight is not None and len(highlight.spans) > 1
        return True

    def action_focus_pane(self, name: str) -> None:
        selector = PANES.get(name)
        if selector is None:
            return
        if name == "articles" and self.stories_mode:
            selector = "#stories"
        if name in ("entities", "tariffs"):
            self.add_class("-side-focus")
            self.remove_class("-side-hidden")  # hidden with x: going there shows them again
        elif name == "feeds":
            self.remove_class("-side-shown")  # narrow: x showed the side panes in their place
        # At once, not after the queued messages as focus() does: keys typed ahead (arriving
        # together over SSH) go to the pane the key before them chose.
        self.set_focus(self.query_one(selector))

    def action_cycle_pane(self, step: int) -> None:
        """The next (or previous) of the five panes. Not Textual's focus chain: at 80 columns
        the side panes are folded away (not displayed), and it would skip them."""
        names = list(PANES)
        current = self.focused_pane()
        index = names.index(current) if current in names else -step
        self.action_focus_pane(names[(index + step) % len(names)])

    def action_toggle_side(self) -> None:
        """Hide or show the side panes. Hidden from one of them, the focus goes to the
        articles: at 80 columns a focused side pane is shown whatever ``-side-shown`` says."""
        side_focused = self.focused_pane() in ("entities", "tariffs")
        if "-wide" in self.classes:
            self.toggle_class("-side-hidden")
            hiding = self.has_class("-side-hidden")
        else:
            hiding = side_focused or self.has_class("-side-shown")
            self.set_class(not hiding, "-side-shown")
        if hiding and side_focused:
            self.remove_class("-side-focus")
            self.action_focus_pane("articles")

    def action_page_body(self, direction: int) -> None:
        self.body.page(direction)

    # -- highlight view (entity mentions, tariff evidence) -----------------------------------

    def set_highlight(self, highlight: Highlight | None) -> None:
        """Show ``highlight`` in the body (None: the article again)."""
        if highlight is None and self.body.highlight is None:
            return
        self.body.highlight = highlight
        self.refresh_bindings()


def _titled(pane: Widget, title: str) -> Widget:
    pane.border_title = title
    return pane

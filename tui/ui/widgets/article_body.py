"""The article pane: title, a meta line, the body as Markdown and the numbered links."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Markdown, Static

from tui.core.models import Article
from tui.ui.display import format_date, visible
from tui.ui.keys import BODY_BINDINGS


@dataclass(frozen=True)
class ArticleView:
    """An article ready to show: its Markdown body (already sanitised) and links."""

    article: Article
    markdown: str
    links: tuple[str, ...] = ()
    minutes: int = 0
    full_text: bool = False


def meta_line(view: ArticleView) -> Text:
    """``source · author · date · N min read`` (as plain Text, never markup)."""
    article = view.article
    parts = [
        visible(article.feed_title),
        visible(article.author),
        format_date(article.published),
        f"{view.minutes} min read" if view.minutes else "",
    ]
    text = Text(" · ".join(p for p in parts if p), style="dim")
    if view.full_text:
        text.append(" · full text", style="dim italic")
    if article.starred:
        text.append(" ★", style="yellow")
    return text


def links_text(links: tuple[str, ...]) -> Text:
    text = Text()
    for number, url in enumerate(links, 1):
        if number > 1:
            text.append("\n")
        text.append(f"[{number}] ", style="bold")
        text.append(visible(url), style="underline")
    return text


class ArticleBody(VerticalScroll, can_focus=True):
    """Shows one :class:`ArticleView` (set ``view``); scrolls with j/k, space/b, g/G."""

    BINDINGS = BODY_BINDINGS

    view: reactive[ArticleView | None] = reactive(None, always_update=True, init=False)

    _markdown_source = ""

    def compose(self) -> ComposeResult:
        yield Static(Text("Select an article", style="dim"), id="body-title")
        yield Static("", id="body-meta")
        yield Markdown("", id="body-markdown")
        yield Static("", id="body-links")

    def watch_view(self, view: ArticleView | None) -> None:
        title = self.query_one("#body-title", Static)
        meta = self.query_one("#body-meta", Static)
        links = self.query_one("#body-links", Static)
        if view is None:
            title.update(Text("Select an article", style="dim"))
            meta.update("")
            links.update("")
            self._set_markdown("")
            return
        title.update(Text(visible(view.article.title) or "(untitled)", style="bold"))
        meta.update(meta_line(view))
        self._set_markdown(view.markdown)
        links.update(links_text(view.links))
        links.display = bool(view.links)
        self.scroll_home(animate=False)

    def _set_markdown(self, source: str) -> None:
        # Markdown.update() is asynchronous: two overlapping updates (the same article shown
        # again after a star toggle) would interleave their blocks, so skip unchanged text.
        if source == self._markdown_source:
            return
        self._markdown_source = source
        self.query_one("#body-markdown", Markdown).update(source)

    def page(self, direction: int) -> None:
        if direction > 0:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)

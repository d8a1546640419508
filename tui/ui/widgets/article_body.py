"""The article pane: title, a meta line, the enclosures (podcasts, files), the body as Markdown
and the numbered links.

The Markdown is one Static showing one Visual (:mod:`tui.ui.markdown_body`), not
Textual's Markdown widget with its widget per block: a new article is one update and one layout
however long it is, which keeps keys quick while a refresh keeps the main thread busy.

Setting ``highlight`` swaps the Markdown for the highlight view (the extracted text with entity
mentions or a tariff's evidence marked) and scrolls the current span into view; setting it back
to None restores the article where the reader left it.
"""

from __future__ import annotations

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.reactive import reactive
from textual.widgets import Static

from tui.core.enclosures import describe
from tui.core.filenames import url_name
from tui.core.models import Enclosure
from tui.services.reader_view import ArticleView
from tui.ui.display import format_date, steady_width, visible
from tui.ui.highlight import Highlight, current_lines, highlight_content
from tui.ui.keys import ARTICLE_KEYS, BODY_BINDINGS


def title_text(view: ArticleView) -> Text:
    """The article's title over its body (as plain Text, never markup)."""
    return Text(visible(view.article.title) or "(untitled)", style="bold")


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


SHOWN_ENCLOSURES = 3
"""Enclosures listed under the meta line; the others are in the links list (l)."""


def enclosures_text(enclosures: tuple[Enclosure, ...]) -> Text:
    """One line per enclosure: its file name and what the feed says of it (type, size,
    duration), then the keys for it."""
    text = Text(end="")
    for index, enclosure in enumerate(enclosures[:SHOWN_ENCLOSURES]):
        if index:
            text.append("\n")
        text.append("▶ ", style="bold")
        text.append(visible(url_name(enclosure.url) or enclosure.url), style="bold")
        about = describe(enclosure)
        if about:
            text.append(f" · {about}")
    hidden = len(enclosures) - SHOWN_ENCLOSURES
    more = f" · {hidden} more in the links list (l)" if hidden > 0 else ""
    text.append(f"\nD download · P play · L downloads{more}", style="dim")
    return text


def links_text(links: tuple[str, ...]) -> Text:
    text = Text()
    for number, url in enumerate(links, 1):
        if number > 1:
            text.append("\n")
        text.append(f"[{number}] ", style="bold")
        text.append(visible(url), style="underline")
    return text


def highlight_hint(highlight: Highlight) -> Text:
    """The line under the title in the highlight view: what is marked and the keys."""
    if highlight.kind == "evidence":
        text = Text(f"The evidence for {visible(highlight.name)} is highlighted", style="dim")
    else:
        count = len(highlight.spans)
        plural = "s" if count != 1 else ""
        text = Text(f"{count} mention{plural} of {visible(highlight.name)}", style="dim")
        if count > 1:
            text.append(" · ] next · [ previous", style="dim")
    text.append(" · esc back to the article", style="dim")
    return text


class ArticleBody(VerticalScroll, can_focus=True):
    """Shows one :class:`ArticleView` (set ``view``); scrolls with j/k, space/b, g/G.

    Set ``highlight`` to show the highlight view instead of the Markdown, None to leave it.
    """

    BINDINGS = [*BODY_BINDINGS, *ARTICLE_KEYS]

    view: reactive[ArticleView | None] = reactive(None, always_update=True, init=False)
    highlight: reactive[Highlight | None] = reactive(None, always_update=True, init=False)

    _markdown_source = ""
    _shown_id: int | None = None
    _saved_scroll: float | None = None
    """Where the article was scrolled to when the highlight view replaced it."""

    def compose(self) -> ComposeResult:
        yield Static(Text("Select an article", style="dim"), id="body-title")
        yield Static("", id="body-meta")
        enclosures = Static("", id="body-enclosures")
        enclosures.display = False
        yield enclosures
        markdown = Static("", id="body-markdown")
        markdown.auto_links = False  # its links are text: no pass over every line per redraw
        yield markdown
        yield Static("", id="body-links")
        highlighted = Static(Content(""), id="body-highlight")
        highlighted.display = False
        yield highlighted

    @property
    def highlight_view(self) -> Content | None:
        """The Content the highlight view shows (None in the normal view)."""
        if self.highlight is None:
            return None
        content = self.query_one("#body-highlight", Static).content
        return content if isinstance(content, Content) else None

    def watch_view(self, view: ArticleView | None) -> None:
        title = self.query_one("#body-title", Static)
        links = self.query_one("#body-links", Static)
        if view is None:
            title.update(Text("Select an article", style="dim"))
            self.query_one("#body-enclosures", Static).display = False
            links.update("")
            self._set_markdown("")
            self._shown_id = None
            self._show_meta()
            return
        title.update(title_text(view))
        enclosures = self.query_one("#body-enclosures", Static)
        enclosures.update(enclosures_text(view.article.enclosures))
        enclosures.display = bool(view.article.enclosures)
        new_text = self._set_markdown(view.markdown)
        links.update(links_text(view.links))
        links.display = bool(view.links) and self.highlight is None
        self._show_meta()
        # A star toggle keeps the reader's place; another article (or its full text) starts at
        # the top.
        if new_text or view.article.id != self._shown_id:
            self._shown_id = view.article.id
            self._saved_scroll = None
            if self.highlight is None:
                self.scroll_home(animate=False)

    def _show_meta(self) -> None:
        meta = self.query_one("#body-meta", Static)
        if self.highlight is not None:
            meta.update(highlight_hint(self.highlight))
        elif self.view is not None:
            meta.update(meta_line(self.view))
        else:
            meta.update("")

    def watch_highlight(self, highlight: Highlight | None) -> None:
        marked = self.query_one("#body-highlight", Static)
        markdown = self.query_one("#body-markdown", Static)
        links = self.query_one("#body-links", Static)
        self._show_meta()
        if highlight is None:
            if not marked.display:
                return
            marked.display = False
            marked.update(Content(""))
            markdown.display = True
            links.display = self.view is not None and bool(self.view.links)
            self.border_subtitle = None
            # Back where the reader was; at the top when the text changed meanwhile (full text).
            saved, self._saved_scroll = self._saved_scroll, None
            self.call_after_refresh(self._restore_scroll, self._shown_id, saved or 0.0)
            return
        if not marked.display:
            self._saved_scroll = self.scroll_y
        marked.update(highlight_content(highlight))
        marked.display = True
        markdown.display = False
        links.display = False
        self.border_subtitle = Content(highlight.caption)  # Content: never markup
        self.call_after_refresh(self.scroll_to_current)

    def _restore_scroll(self, article_id: int | None, y: float) -> None:
        # Only if the same article is still shown (leaving the view for another article
        # scrolls that one to its top instead).
        if self.highlight is None and article_id == self._shown_id:
            self.scroll_to(y=y, animate=False, immediate=True)

    def scroll_to_current(self) -> None:
        """Scroll the current highlighted span into view, with some text around it."""
        if self.highlight is None:
            return
        marked = self.query_one("#body-highlight", Static)
        content = marked.content
        if not isinstance(content, Content):
            return
        width = marked.size.width or self.scrollable_content_region.width
        lines = current_lines(content, width)
        if lines is None:
            return
        first, last = lines
        top = marked.virtual_region.y
        region = Region(0, top + first, max(1, width), last - first + 1)
        # A long sentence that cannot be centred starts at the top of the pane instead.
        tall = region.height >= self.scrollable_content_region.height
        self.scroll_to_region(region, animate=False, center=not tall, top=tall, immediate=True)

    def _set_markdown(self, source: str) -> bool:
        """Show ``source``; False when it is the text already shown (a star toggle)."""
        if source == self._markdown_source:
            return False
        self._markdown_source = source
        markdown = self.query_one("#body-markdown", Static)
        if source:
            from tui.ui.markdown_body import BodyMarkdown  # markdown-it: after the first frame

            markdown.update(BodyMarkdown(steady_width(source), self.app))
        else:
            markdown.update("")
        return True

    # Each scroll key moves on from where the key before it left the body. Textual's own
    # scrolls wait for the next frame and start from where the last frame drew the body, so
    # keys that arrive together (j held over SSH, two spaces) scrolled as one.
    def action_scroll_down(self) -> None:
        self._scroll_by(1)

    def action_scroll_up(self) -> None:
        self._scroll_by(-1)

    def page(self, direction: int) -> None:
        self._scroll_by(direction * self.scrollable_content_region.height)

    def _scroll_by(self, lines: int) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()  # nothing to scroll: the key goes on to other bindings
        self.scroll_relative(y=lines, animate=False, immediate=True)

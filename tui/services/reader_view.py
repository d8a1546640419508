"""What the reader shows, computed below the UI: the first screen's data, the window of an
article list around one article, where the reader was, and an article rendered for reading.

Everything here runs in the UI's worker threads and imports no Textual: the same functions
serve a test, a benchmark or another front end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.core.models import Article, ArticleScope, ArticleSummary, Feed, ScopeKind
from tui.core.watching import SavedSearch

if TYPE_CHECKING:
    from tui.config import FullTextMode
    from tui.store.repository import Repository

WINDOW = 80
"""Summaries loaded together with a list's ids, so the first screenful needs no second trip."""

STATE_SCOPE = "ui.scope"
STATE_ARTICLE = "ui.article"
"""Where the reader was (the scope, the article opened last), restored on the next start."""


def scope_key(scope: ArticleScope) -> str:
    """A stable key for a scope: the feeds pane's option id, and how the last scope is saved."""
    if scope.kind is ScopeKind.FEED:
        return f"feed:{scope.feed_id}"
    if scope.kind is ScopeKind.FOLDER:
        return f"folder:{scope.folder}"
    if scope.kind is ScopeKind.SEARCH:
        return f"search:{scope.search_id}"
    return str(scope.kind.value)


def scope_from_key(key: str) -> ArticleScope | None:
    kind, _, rest = key.partition(":")
    if kind == "feed" and rest.isdigit():
        return ArticleScope(ScopeKind.FEED, feed_id=int(rest))
    if kind == "folder" and rest:
        return ArticleScope(ScopeKind.FOLDER, folder=rest)
    if kind == "search" and rest.isdigit():
        return ArticleScope(ScopeKind.SEARCH, search_id=int(rest))
    if kind == "all":
        return ArticleScope()
    if kind == "starred":
        return ArticleScope(ScopeKind.STARRED)
    return None


def scope_title(
    scope: ArticleScope, feeds: Sequence[Feed], searches: Sequence[SavedSearch] = ()
) -> str:
    """What the article list and the status line call ``scope``."""
    if scope.kind is ScopeKind.ALL:
        return "All"
    if scope.kind is ScopeKind.STARRED:
        return "Starred"
    if scope.kind is ScopeKind.FOLDER:
        return scope.folder or ""
    if scope.kind is ScopeKind.SEARCH:
        search = next((s for s in searches if s.id == scope.search_id), None)
        return search.name if search else "Saved search"
    feed = next((f for f in feeds if f.id == scope.feed_id), None)
    return feed.display_title if feed else "Feed"


def empty_scope_text(scope: ArticleScope, feeds: Sequence[Feed]) -> str:
    """What the article list (or the stories) says when ``scope`` has no article: why, and
    what to do about it when something can be done."""
    if scope.kind is ScopeKind.STARRED:
        return "Nothing starred yet: s stars the article shown"
    if scope.kind is ScopeKind.SEARCH:
        return "Nothing found yet: new finds are listed here"
    feed = next((f for f in feeds if f.id == scope.feed_id), None)
    if scope.kind is not ScopeKind.FEED or feed is None:
        return "No articles here yet"
    if feed.disabled:
        return "No articles: disabled (E says why, r tries again)"
    if feed.last_error:
        return "No articles: its last refresh failed (E says why)"
    if feed.last_fetched is None:
        return "No articles yet: r fetches the feed"
    return "The feed has no articles"


def scope_feeds(scope: ArticleScope, feeds: Sequence[Feed]) -> list[Feed] | None:
    """The feeds ``scope`` is made of (None: All or Starred, which are of every feed)."""
    if scope.kind is ScopeKind.FEED:
        return [f for f in feeds if f.id == scope.feed_id]
    if scope.kind is ScopeKind.FOLDER:
        return [f for f in feeds if f.folder == scope.folder]
    return None


def article_window(
    repo: Repository, scope: ArticleScope, around: int | None = None
) -> tuple[list[int], list[ArticleSummary]]:
    """The ids of ``scope``'s articles, and the summaries of a window of them centred on
    ``around`` (from the top when it is None or not in the scope)."""
    ids = repo.article_ids(scope)
    return ids, _window(repo, ids, around)


@dataclass(frozen=True)
class FirstScreen:
    """What the first frame shows: feeds with counts, the saved scope's ids and first rows.

    ``ids`` may be only the head of a long list (``total`` says how long it is): the screen
    reads the rest after the first frame.
    """

    feeds: tuple[Feed, ...]
    starred: int
    scope: ArticleScope
    article_id: int | None
    ids: list[int]
    summaries: list[ArticleSummary]
    searches: tuple[SavedSearch, ...] = ()
    alert_feeds: frozenset[int] = frozenset()
    alert_keys: frozenset[str] = frozenset()
    total: int = 0

    @property
    def complete(self) -> bool:
        return len(self.ids) >= self.total


HEAD = 4 * WINDOW
"""Ids the first screen reads of a long list: more than any terminal shows at once."""


def _first_ids(repo: Repository, scope: ArticleScope, around: int | None) -> tuple[list[int], int]:
    """The first screen's ids and the scope's length.

    200,000 ids take 50-100 ms to read, a count and the head a few ms: when the saved
    article is in the head (or none is saved), the head is enough for the first frame. A
    saved search's count costs its whole query, so it reads everything at once.
    """
    if scope.kind is not ScopeKind.SEARCH:
        head = repo.article_ids(scope, limit=HEAD)
        if len(head) < HEAD:
            return head, len(head)
        if around is None or around in head:
            return head, repo.count_articles(scope)
    ids = repo.article_ids(scope)
    return ids, len(ids)


def _window(repo: Repository, ids: list[int], around: int | None) -> list[ArticleSummary]:
    """The summaries of a window of ``ids`` centred on ``around`` (from the top without it)."""
    start = 0
    if around is not None and around in ids:
        start = max(0, ids.index(around) - WINDOW // 2)
    return repo.summaries(ids[start : start + WINDOW])


def load_first_screen(repo: Repository) -> FirstScreen:
    """The queries of the first screen, all index walks.

    The saved scope and article come back; the window of summaries is centred on that article
    (None when it is gone, removed by retention say).
    """
    scope = scope_from_key(repo.get_state(STATE_SCOPE) or "") or ArticleScope()
    saved = repo.get_state(STATE_ARTICLE)
    article_id = int(saved) if saved and saved.isdigit() else None
    feeds = tuple(repo.feeds())
    starred = repo.count_articles(ArticleScope(ScopeKind.STARRED))
    ids, total = _first_ids(repo, scope, article_id)
    summaries = _window(repo, ids, article_id)
    if article_id not in ids:
        article_id = None
    searches = tuple(repo.saved_searches())
    alert_feeds, alert_keys = repo.alert_marks()
    return FirstScreen(
        feeds, starred, scope, article_id, ids, summaries, searches, alert_feeds, alert_keys, total
    )


def save_position(repo: Repository, scope: ArticleScope, article_id: int | None) -> None:
    """Remember the scope, and the article when one was opened, for the next start."""
    repo.set_state(STATE_SCOPE, scope_key(scope))
    if article_id is not None:
        repo.set_state(STATE_ARTICLE, str(article_id))


@dataclass(frozen=True)
class ArticleView:
    """An article ready to show: its Markdown body (already sanitised) and links."""

    article: Article
    markdown: str
    links: tuple[str, ...] = ()
    minutes: int = 0
    full_text: bool = False


def has_web_page(article: Article, feeds: Sequence[Feed]) -> bool:
    """Whether ``article`` links to a page worth fetching: an http(s) link, and not a story of
    the bundled demo (fictional: its example.org links lead nowhere, and opening one greeted a
    new user with an error)."""
    if not article.link.startswith(("http://", "https://")):
        return False
    from tui.services.subscriptions import DEMO_FEED_URL

    return not any(f.id == article.feed_id and f.url == DEMO_FEED_URL for f in feeds)


def wants_full_text(article: Article, feeds: Sequence[Feed], mode: FullTextMode) -> bool:
    """Whether opening ``article`` fetches its page, by the ``fulltext`` setting."""
    from tui.services.fulltext import needs_full_text  # the fetcher: not at start-up

    return has_web_page(article, feeds) and needs_full_text(article, mode)


NO_TEXT = "*This article has no text in the feed: press f for the full text.*"


def render_article(article: Article) -> ArticleView:
    """Sanitised Markdown, links and reading time for ``article``: of its full text when fetched
    (the links still come from the feed's HTML, which has them), else of the feed's text."""
    from tui.core.text import html_to_markdown, reading_minutes  # markdownify: not at start-up

    if article.full_text:
        import html

        paragraphs = [p for p in article.full_text.split("\n\n") if p.strip()]
        source = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        links = html_to_markdown(article.best_html, article.link).links
        markdown = html_to_markdown(source, article.link).markdown
    else:
        body = html_to_markdown(article.best_html, article.link)
        markdown, links = body.markdown, body.links
    return ArticleView(
        article=article,
        markdown=markdown or NO_TEXT,
        links=links,
        minutes=reading_minutes(markdown),
        full_text=bool(article.full_text),
    )

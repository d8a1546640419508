"""Reading an article: when to fetch its full text, and fetching it into the store."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from tui.config import FullTextMode, InternalLinks, Settings
from tui.core.models import Article
from tui.core.text import html_to_text
from tui.services.deadline import StopCheck
from tui.services.fetcher import FetchSettings
from tui.services.fulltext import HostCheck, fetch_full_text
from tui.store.repository import Repository

# A feed body shorter than this many words is taken for a summary and the page is fetched.
SUMMARY_WORDS = 150


def needs_full_text(article: Article, mode: FullTextMode) -> bool:
    """Whether opening ``article`` should fetch the linked page, given the ``fulltext`` setting."""
    if article.full_text or mode == "never" or not article.link.startswith(("http://", "https://")):
        return False
    if mode == "always":
        return True
    return len(html_to_text(article.best_html).split()) < SUMMARY_WORDS


def internal_rule(mode: InternalLinks, answers: Mapping[str, bool]) -> HostCheck | None:
    """The ``internal_links`` setting as the host check of :func:`fetch_full_text`: "allow"
    fetches any host; "refuse" no internal one; "ask" those the user said yes to (``answers``,
    host -> yes or no, kept by the app for its session)."""
    if mode == "allow":
        return None
    if mode == "refuse":
        return _never
    return lambda host: answers.get(host.lower(), False)


def _never(host: str) -> bool:
    return False


def load_full_text(
    repo: Repository,
    article: Article,
    *,
    settings: Settings,
    cache_dir: Path,
    allow_internal: HostCheck | None = None,
    should_stop: StopCheck | None = None,
) -> Article:
    """Fetch, store and return the article with its full text, as the feed fetcher fetches
    with ``settings`` (raises FullTextError, and InternalAddress for a page on an internal
    address ``allow_internal`` refuses)."""
    text = fetch_full_text(
        article.link,
        FetchSettings.from_settings(settings),
        cache_dir=cache_dir,
        allow_internal=allow_internal,
        should_stop=should_stop,
    )
    repo.set_full_text(article.id, text)
    return repo.article(article.id) or article

"""Reading an article: when to fetch its full text, and fetching it into the store."""

from __future__ import annotations

from pathlib import Path

from tui.config import FullTextMode
from tui.core.models import Article
from tui.core.text import html_to_text
from tui.services.fulltext import fetch_full_text
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


def load_full_text(
    repo: Repository, article: Article, *, cache_dir: Path, timeout: float = 20.0
) -> Article:
    """Fetch, store and return the article with its full text (raises FullTextError)."""
    text = fetch_full_text(article.link, timeout=timeout, cache_dir=cache_dir)
    repo.set_full_text(article.id, text)
    return repo.article(article.id) or article

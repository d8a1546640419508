"""Entities and tariff rows for an article or any text, cached in the store by extractor version."""

from __future__ import annotations

from datetime import date

from tui.core.entities import ENTITIES_VERSION, EntityBackend, extract_entities
from tui.core.models import Article, Extraction
from tui.core.tariffs import TARIFFS_VERSION, extract_tariffs, mentions_tariffs
from tui.core.text import article_text
from tui.store.repository import Repository

# Stored with every extraction: a new version of either extractor re-extracts lazily on open.
EXTRACTOR_VERSION = f"e{ENTITIES_VERSION}-t{TARIFFS_VERSION}"


def extract_text(
    text: str, published: date | None = None, backend: EntityBackend | None = None
) -> Extraction:
    """Run both extractors over already cleaned text."""
    tariffs = extract_tariffs(text, published) if mentions_tariffs(text) else ()
    return Extraction(
        version=EXTRACTOR_VERSION,
        text=text,
        entities=extract_entities(text, backend),
        tariffs=tariffs,
    )


def extract_article(article: Article, backend: EntityBackend | None = None) -> Extraction:
    published = article.published.date() if article.published else None
    return extract_text(article_text(article), published, backend)


def extraction_for(
    repo: Repository, article: Article, backend: EntityBackend | None = None
) -> Extraction:
    """The stored extraction when it is current, else a fresh one (stored for next time)."""
    cached = repo.extraction(article.id, EXTRACTOR_VERSION)
    if cached is not None:
        return cached
    extraction = extract_article(article, backend)
    repo.save_extraction(article.id, extraction)
    return extraction


def extract_new_tariffs(repo: Repository, article_ids: list[int]) -> int:
    """During refresh: extract new articles that pass the cheap tariff keyword test.

    Articles without tariff words are left for extraction on open, so unrelated news costs nothing.
    Returns how many articles were extracted.
    """
    done = 0
    for article_id in article_ids:
        article = repo.article(article_id)
        # The keyword test on the raw markup first: cleaning the text costs far more than it.
        if article is None or not mentions_tariffs(
            f"{article.title}\n{article.full_text or article.best_html}"
        ):
            continue
        text = article_text(article)
        if not mentions_tariffs(text):
            continue
        published = article.published.date() if article.published else None
        repo.save_extraction(article_id, extract_text(text, published))
        done += 1
    return done

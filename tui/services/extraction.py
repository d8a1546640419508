"""Entities and tariff rows for an article or any text, cached in the store by extractor version."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tui.core.entities import EntityBackend, extract_entities
from tui.core.models import Article, Extraction, TariffRow
from tui.core.tariffs import could_state_tariffs, extract_tariffs
from tui.core.text import article_text
from tui.services.versions import EXTRACTOR_VERSION, TARIFF_SCAN_VERSION
from tui.store.repository import Repository

_BATCH = 200  # articles read and marked per transaction


def extract_text(
    text: str, published: date | None = None, backend: EntityBackend | None = None
) -> Extraction:
    """Run both extractors over already cleaned text (the tariff rules only when the text
    mentions a tariff: :func:`tui.core.tariffs.extract_tariffs` tests that first)."""
    return Extraction(
        version=EXTRACTOR_VERSION,
        text=text,
        entities=extract_entities(text, backend),
        tariffs=extract_tariffs(text, published),
    )


def extract_article(article: Article, backend: EntityBackend | None = None) -> Extraction:
    published = article.published.date() if article.published else None
    return extract_text(article_text(article), published, backend)


def extraction_for(
    repo: Repository, article: Article, backend: EntityBackend | None = None
) -> Extraction:
    """The stored extraction when it is current, else a fresh one (stored for next time).

    It is of the text the reader shows: the full text once fetched (storing one drops the
    extraction of the feed's text, see :meth:`Repository.set_full_text`), else the feed's.
    """
    extraction, fresh = current_extraction(repo, article, backend)
    if fresh:
        store_extraction(repo, article, extraction)
    return extraction


def current_extraction(
    repo: Repository, article: Article, backend: EntityBackend | None = None
) -> tuple[Extraction, bool]:
    """What :func:`extraction_for` returns, and whether it is fresh: not stored yet (the reader
    shows it first and stores it after, with :func:`store_extraction`, as a refresh may hold
    the database's write lock meanwhile)."""
    cached = repo.extraction(article.id, EXTRACTOR_VERSION)
    if cached is not None:
        return cached, False
    return extract_article(article, backend), True


def store_extraction(repo: Repository, article: Article, extraction: Extraction) -> None:
    repo.save_extraction(article.id, extraction, from_full_text=bool(article.full_text))


def extract_new_tariffs(repo: Repository, article_ids: list[int]) -> int:
    """Tariff rows for articles not extracted yet; returns how many articles stated some.

    Each article is checked once per extractor version and marked as checked: most fail the
    cheap test on their raw body (:func:`tui.core.tariffs.could_state_tariffs`) and cost next to
    nothing; the others have their text extracted and only the tariff rules run over it
    (entities wait until the article is opened, when :func:`extraction_for` does the full
    extraction and replaces the mark). Articles already extracted or checked are skipped.
    """
    found = 0
    for start in range(0, len(article_ids), _BATCH):
        chunk = article_ids[start : start + _BATCH]
        known = repo.extraction_versions(chunk)
        todo = [i for i in chunk if known.get(i) not in (EXTRACTOR_VERSION, TARIFF_SCAN_VERSION)]
        scans: list[tuple[int, tuple[TariffRow, ...]]] = []
        full: list[int] = []
        for article in repo.articles(todo):
            if article.full_text:
                full.append(article.id)
            rows: tuple[TariffRow, ...] = ()
            body = article.full_text or article.best_html
            if could_state_tariffs(body, markup=not article.full_text):
                published = article.published.date() if article.published else None
                rows = extract_tariffs(article_text(article), published)
            found += bool(rows)
            scans.append((article.id, rows))
        if scans:
            repo.save_tariff_scans(
                scans, version=TARIFF_SCAN_VERSION, keep=EXTRACTOR_VERSION, from_full_text=full
            )
    return found


def tariffs_to_check(repo: Repository) -> bool:
    """Whether some article is neither extracted nor checked for tariff rows by the current
    version (a refresh from cron stored it, or the extractor changed since)."""
    return bool(repo.unextracted_ids(EXTRACTOR_VERSION, limit=1))


def catch_up_tariffs(
    repo: Repository,
    *,
    limit: int | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Check every article not extracted nor checked yet for tariff rows (newest first, at most
    ``limit``); returns how many stated some.

    A refresh from cron stores articles without extracting them, and a new extractor version
    makes every article due again: this runs before tariff rows are shown by ``newsreader
    tariffs``, and for the tracker in a child process (:mod:`tui.services.background`), never
    in the app's. It costs little for articles already checked. ``on_progress(done, total,
    found)`` follows each batch (``total``: the articles due when it started, counted only when
    asked); once ``should_stop()`` turns true no batch is started (each one is stored whole).
    """
    found = 0
    done = 0
    total = repo.unextracted_count(EXTRACTOR_VERSION) if on_progress is not None else 0
    if limit is not None:
        total = min(total, limit)
    left = limit
    last: list[int] = []
    while left is None or left > 0:
        if should_stop is not None and should_stop():
            break
        size = _BATCH * 5 if left is None else min(left, _BATCH * 5)
        pending = repo.unextracted_ids(EXTRACTOR_VERSION, limit=size)
        if not pending or pending == last:  # the second: another writer keeps undoing marks
            break
        last = pending
        found += extract_new_tariffs(repo, pending)
        done += len(pending)
        if on_progress is not None:
            on_progress(done, max(total, done), found)
        if left is not None:
            left -= len(pending)
    return found

"""The entity pivot: the articles that name an entity (`e` on the entities pane).

Articles whose entities were extracted answer from the entity table (canonical name and label).
The others, most of a large cache (articles are extracted when opened), are found by a phrase
search and then read: an occurrence counts only when the entity extractor, reading its sentence,
finds the same entity there (tui.core.entity_mentions), so "New Mexico" does not count for
Mexico. The walk goes newest first and stops at ``limit`` articles, so its cost follows the
number shown, not the size of the cache.
"""

from __future__ import annotations

from tui.core.entities import aliases_for
from tui.core.entity_mentions import names_entity
from tui.core.models import ArticleSummary, Entity
from tui.store.repository import Repository

__all__ = ["articles_naming"]

_BATCH = 200  # articles whose texts are read per query
# Texts the extractor may read per pivot: past them, an occurrence that may be part of a longer
# name is decided by its neighbours alone, so a pivot that finds few articles among many
# candidates stays under a second on 50,000 articles.
_EXTRACTOR_TEXTS = 500


def articles_naming(repo: Repository, entity: Entity, limit: int = 500) -> list[ArticleSummary]:
    """The newest ``limit`` articles naming ``entity``, newest first."""
    names = aliases_for(entity) or (entity.name,)
    known = repo.articles_with_entity(entity.label, entity.name)
    candidates = known | repo.name_matches(names)
    found: list[int] = []
    read = 0
    careful = True
    if not candidates:
        return []
    for page in repo.pages_newest_first():
        listed = [i for i in page if i in candidates]
        for start in range(0, len(listed), _BATCH):
            batch = listed[start : start + _BATCH]
            unsure = [i for i in batch if i not in known]
            decided = repo.entity_extracted(unsure)  # extracted, and the entity not among them
            texts = repo.indexed_texts([i for i in unsure if i not in decided], names)
            for article_id in batch:
                text = texts.get(article_id)
                if text is not None:
                    read += 1
                    careful = read <= _EXTRACTOR_TEXTS
                if article_id in known or (
                    text is not None and names_entity(text, entity, names, extractor=careful)
                ):
                    found.append(article_id)
                    if len(found) >= limit:
                        return repo.summaries(found)
    return repo.summaries(found)

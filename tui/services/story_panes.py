"""What the entities and tariffs panes show for a story: the union over its articles.

Each article's extraction is the one the reader sees when opening it (:func:`extraction_for`:
the stored one when current, else made and stored), so the union and the articles' own panes
never disagree. Sources are the articles' feeds, by their display titles.
"""

from __future__ import annotations

from tui.core.entities import EntityBackend
from tui.core.story_union import StoryUnion, story_union
from tui.services.extraction import extraction_for
from tui.store.repository import Repository

__all__ = ["story_panes"]


def story_panes(
    repo: Repository, story_id: int, shown_id: int, backend: EntityBackend | None = None
) -> StoryUnion | None:
    """The union over story ``story_id``'s articles, ``shown_id`` being the one in the body;
    None when the story is gone or has one article only (its own panes say it all)."""
    members = repo.story_articles(story_id)
    if len(members) < 2 or shown_id not in {m.id for m in members}:
        return None
    members.reverse()  # oldest first (they come newest first): the first report leads
    source = {m.id: m.feed_title for m in members}
    articles = repo.articles([m.id for m in members])
    reports = [(source[a.id], extraction_for(repo, a, backend)) for a in articles]
    shown = next(i for i, a in enumerate(articles) if a.id == shown_id)
    return story_union(reports, shown)

"""The watch list, saved searches and alerts in the store (schema step v7): real SQLite files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.core.models import ArticleScope, ParsedArticle, ScopeKind
from tui.core.watching import Alert, Watch, search_key
from tui.store import db
from tui.store.repository import Repository, SavedSearchError
from tui.store.schema import MIGRATIONS, SCHEMA_VERSION


def articles(titles: list[str], start: int = 0) -> list[ParsedArticle]:
    return [
        ParsedArticle(
            guid=f"g{start + n}",
            link=f"https://news.example.test/{start + n}",
            title=title,
            author="",
            published=datetime(2025, 7, 1 + start + n, tzinfo=UTC),
            content_html=f"<p>{title}.</p>",
        )
        for n, title in enumerate(titles)
    ]


def test_watches_are_added_listed_and_removed(repo: Repository) -> None:
    vietnam, lee = Watch.country("Vietnam"), Watch.entity("PERSON", "Ann Lee")
    repo.set_watched(vietnam, True)
    repo.set_watched(lee, True)
    repo.set_watched(lee, True)  # twice: still one
    assert repo.watches() == [vietnam, lee]
    assert repo.is_watched(vietnam) and not repo.is_watched(Watch.entity("GPE", "Vietnam"))
    repo.set_watched(vietnam, False)
    assert repo.watches() == [lee]
    assert repo.add_watches([vietnam, lee]) == 1


def test_a_saved_search_is_a_feed_with_an_unread_count(repo: Repository) -> None:
    feed = repo.add_feed("https://news.example.test/feed", title="Wire")
    repo.store_articles(feed.id, articles(["Steel tariff rises", "Rain in Oslo"]))
    saved = repo.save_search("steel OR aluminium")
    assert (saved.name, saved.query, saved.unread, saved.watched) == (
        "steel OR aluminium",
        "steel OR aluminium",
        1,
        False,
    )
    scope = ArticleScope(ScopeKind.SEARCH, search_id=saved.id)
    assert [s.title for s in repo.summaries(repo.article_ids(scope))] == ["Steel tariff rises"]

    # New articles arrive: the count follows.
    repo.store_articles(
        feed.id, articles(["Aluminium smelter closes", "Steel output falls", "Tea"], start=2)
    )
    assert repo.search_unread(saved.id) == 3
    assert [s.unread for s in repo.saved_searches()] == [3]

    # Reading them: the count follows, and marking the virtual feed read marks its articles.
    ids = repo.article_ids(scope)
    repo.set_read(ids[:1], True)
    assert repo.search_unread(saved.id) == 2
    assert repo.mark_scope_read(scope) == 2
    assert repo.search_unread(saved.id) == 0
    assert repo.count_articles(ArticleScope(unread_only=True)) == 2  # Oslo and Tea untouched
    repo.set_read(ids[:1], False)
    assert repo.saved_search(saved.id) is not None
    assert repo.search_unread(saved.id) == 1


def test_saving_renaming_and_deleting(repo: Repository) -> None:
    first = repo.save_search("tariff")
    assert repo.save_search("  tariff ").id == first.id  # the same query: the same search
    second = repo.save_search("tariff*", name="tariff")
    assert second.name == "tariff (2)"  # a name in use gets a number
    with pytest.raises(SavedSearchError, match="already called"):
        repo.rename_search(second.id, "tariff")
    repo.rename_search(second.id, "Tariffs, any form")
    with pytest.raises(SavedSearchError, match="nothing to search for"):
        repo.save_search('"" ***')
    repo.set_search_watched(second.id, True)
    assert repo.watched_searches() == [(second.id, "Tariffs, any form")]
    repo.delete_search(first.id)
    assert [s.name for s in repo.saved_searches()] == ["Tariffs, any form"]
    gone = ArticleScope(ScopeKind.SEARCH, search_id=first.id)
    assert repo.article_ids(gone) == [] and repo.count_articles(gone) == 0


def test_an_alert_is_stored_once_and_shown_once(repo: Repository) -> None:
    feed = repo.add_feed("https://news.example.test/feed", title="Wire")
    (one, two) = repo.store_articles(feed.id, articles(["Steel", "Steel again"]))
    key = search_key(7)
    alert = Alert(key, "search", "Steel", one, "Search Steel: Steel (Wire)")
    stored = repo.add_alerts([alert, Alert(key, "search", "Steel", two, "second")])
    assert [a.article_id for a in stored] == [one, two] and all(a.id for a in stored)
    assert repo.add_alerts([alert]) == []  # the same (watch, article): no second alert
    assert repo.add_alerts([Alert(key, "search", "Steel", 999_999, "gone")]) == []
    assert repo.alert_marks() == (frozenset({feed.id}), frozenset({key}))
    claimed = repo.claim_unshown()
    assert [a.article_id for a in claimed] == [one, two] and not claimed[0].notified
    assert repo.claim_unshown() == []  # a second reader finds nothing left to show
    repo.mark_notified([claimed[0].id])
    assert [a.notified for a in repo.recent_alerts()] == [False, True]  # newest first
    repo.set_read([one, two], True)
    assert repo.alert_marks() == (frozenset(), frozenset())  # read: no mark
    repo.remove_feed(feed.id)
    assert repo.recent_alerts() == []  # gone with their articles


def test_the_watch_step_migrates_a_database_of_the_step_before(tmp_path: Path) -> None:
    """The step (``_watches``, wherever it sits among the steps) keeps what was there."""
    before = [m.__name__ for m in MIGRATIONS].index("_watches")
    path = tmp_path / "old.db"
    conn = db.connect(path)
    assert db.migrate(conn, target=before) == before
    conn.execute("INSERT INTO feeds (id, url) VALUES (1, 'https://old.test/feed')")
    conn.commit()
    conn.close()
    repo = Repository(path)
    try:
        assert db.user_version(repo._conn()) == SCHEMA_VERSION
        assert repo.watches() == [] and repo.saved_searches() == []
        assert repo.claim_unshown() == []
        assert repo.feed(1) is not None
    finally:
        repo.close()

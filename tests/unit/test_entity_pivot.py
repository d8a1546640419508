"""The entity pivot finds the entity, not the word (real SQLite in a temporary folder)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tui.core.entity_mentions import names_entity
from tui.core.models import Entity, ParsedArticle
from tui.services.entity_search import articles_naming
from tui.services.extraction import extract_new_tariffs, extraction_for
from tui.store.repository import Repository

MEXICO = Entity("Mexico", "GPE")
US = Entity("United States", "GPE")
MEXICO_NAMES = ("Mexico", "United Mexican States")

# Invented sentences: (guid, day, html). The day orders them (higher: newer).
ARTICLES = [
    ("mexico", 1, "<p>Mexico raised duties on Chinese steel on Monday, officials said.</p>"),
    ("new-mexico", 2, "<p>Voters in New Mexico went to the polls on Tuesday.</p>"),
    ("mexico-city", 3, "<p>Mexico City was shaken by a strong earthquake overnight.</p>"),
    ("gulf", 4, "<p>Ships waited in the Gulf of Mexico as the storm passed.</p>"),
    ("bank", 5, "<p>The Bank of Mexico held its main rate at 9 per cent.</p>"),
    ("both", 6, "<p>Officials from New Mexico travelled to Mexico for talks.</p>"),
    ("us-word", 7, "<p>Tell us what you think of the new bridge.</p>"),
    ("us-name", 8, "<p>The U.S. and Canada agreed on lumber quotas.</p>"),
    ("mexico-opened", 9, "<p>Mexico and Canada face tariffs from August, the letter said.</p>"),
    ("nm-opened", 10, "<p>New Mexico lawmakers passed a water bill on Friday.</p>"),
]


def _store(repo: Repository) -> dict[str, int]:
    feed = repo.add_feed("https://news.example.test/feed")
    parsed = [
        ParsedArticle(
            guid=guid,
            title=f"Story {guid}",
            link="",
            published=datetime(2025, 7, day, 9, tzinfo=UTC),
            content_html=html,
        )
        for guid, day, html in ARTICLES
    ]
    ids = dict(zip([a[0] for a in ARTICLES], repo.store_articles(feed.id, parsed), strict=True))
    # Two were opened (fully extracted); the rest only went through the tariff check, which
    # extracts no entities: they are decided by reading their text.
    for guid in ("mexico-opened", "nm-opened"):
        article = repo.article(ids[guid])
        assert article is not None
        extraction_for(repo, article)
    extract_new_tariffs(repo, list(ids.values()))
    return ids


def _guids(repo: Repository, ids: dict[str, int], entity: Entity) -> list[str]:
    names = {v: k for k, v in ids.items()}
    return [names[s.id] for s in articles_naming(repo, entity)]


def test_mexico_is_not_new_mexico_nor_mexico_city(repo: Repository) -> None:
    ids = _store(repo)
    assert _guids(repo, ids, MEXICO) == ["mexico-opened", "both", "mexico"]  # newest first


def test_the_united_states_is_not_the_word_us(repo: Repository) -> None:
    ids = _store(repo)
    assert _guids(repo, ids, US) == ["us-name"]


def test_extracted_articles_answer_from_their_entities(repo: Repository) -> None:
    ids = _store(repo)
    assert repo.articles_with_entity("GPE", "New Mexico") == {ids["nm-opened"]}
    assert repo.articles_with_entity("GPE", "Mexico") == {ids["mexico-opened"]}
    assert _guids(repo, ids, Entity("New Mexico", "GPE")) == ["nm-opened", "both", "new-mexico"]
    # the full text replaces the extraction, and so its entities
    repo.set_full_text(ids["mexico-opened"], "Canada faces a new tariff from August.")
    assert repo.articles_with_entity("GPE", "Mexico") == set()
    assert "mexico-opened" not in _guids(repo, ids, MEXICO)


def test_the_limit_keeps_the_newest(repo: Repository) -> None:
    ids = _store(repo)
    assert [s.id for s in articles_naming(repo, MEXICO, limit=2)] == [
        ids["mexico-opened"],
        ids["both"],
    ]


def test_deleting_an_article_deletes_its_entities(repo: Repository) -> None:
    ids = _store(repo)
    repo.remove_feed(repo.feeds()[0].id)
    assert repo.articles_with_entity("GPE", "Mexico") == set()
    assert ids  # stored before


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Tariffs hit Mexico on Monday.", True),
        ("Trade With Mexico Slows As Tariffs Bite", True),  # a title-case headline
        ("Mexico, Canada and China face tariffs.", True),
        ("Voters in New Mexico went to the polls.", False),
        ("Mexico City was shaken overnight.", False),
        ("The Bank of Mexico held rates.", False),
        ("The University of New Mexico said so.", False),
        ("mexico is a word here only in lower case", False),
        ("Ships waited in the Gulf of Mexico as the storm passed.", False),
        ("In Mexico, officials counted the votes.", True),
        ("Canada and Mexico face a 25% tariff.", True),
        ("Trade talks: Mexico.", True),
        ("", False),
    ],
)
def test_names_entity(text: str, named: bool) -> None:
    assert names_entity(text, MEXICO, MEXICO_NAMES) is named


def test_the_walk_pages_through_every_article_in_list_order(repo: Repository) -> None:
    from tui.core.models import ArticleScope

    _store(repo)
    pages = list(repo.pages_newest_first(size=3))
    assert [len(p) for p in pages] == [3, 3, 3, 1]
    assert [i for p in pages for i in p] == repo.article_ids(ArticleScope())


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Tariffs hit Mexico on Monday.", True),
        ("In Mexico, officials counted the votes.", True),
        ("Voters in New Mexico went to the polls.", False),
        ("Mexico City was shaken overnight.", False),
        ("Ships waited in the Gulf of Mexico.", False),
    ],
)
def test_names_entity_by_neighbours_alone(text: str, named: bool) -> None:
    assert names_entity(text, MEXICO, MEXICO_NAMES, extractor=False) is named


def test_a_pivot_past_its_extractor_budget_still_skips_longer_names(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.services.entity_search as entity_search

    ids = _store(repo)
    monkeypatch.setattr(entity_search, "_EXTRACTOR_TEXTS", 0)
    assert _guids(repo, ids, MEXICO) == ["mexico-opened", "both", "mexico"]

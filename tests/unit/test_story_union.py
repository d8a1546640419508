"""The union of a story's entities and tariff rates, each with its sources (issue 18)."""

from __future__ import annotations

from datetime import date

from tests.bench.score_stories import load_items
from tests.stories_data import store_items
from tui.core.models import ArticleScope, Entity, Extraction, TariffRow
from tui.core.story_union import story_union
from tui.services.extraction import extraction_for
from tui.services.stories import group_new_articles
from tui.services.story_panes import story_panes
from tui.store.repository import Repository
from tui.ui.story_rows import sources_line


def _row(country: str, iso: str, rate: float, status: str = "imposed", **kw: object) -> TariffRow:
    return TariffRow(
        country=country,
        iso=iso,
        rate_pct=rate,
        rate_max_pct=None,
        status=status,  # type: ignore[arg-type]
        effective=kw.get("effective"),  # type: ignore[arg-type]
        evidence=f"{country} {rate}%",
        evidence_span=(5, 15),
    )


def _extraction(entities: list[Entity], tariffs: list[TariffRow]) -> Extraction:
    return Extraction("v", "x" * 40, tuple(entities), tuple(tariffs))


TRUMP = Entity("Donald Trump", "PERSON", ((0, 5), (9, 14)))
LAM = Entity("To Lam", "PERSON", ((20, 26),))
VIETNAM = Entity("Vietnam", "GPE", ((30, 37),))


def test_entities_are_merged_by_name_with_their_sources() -> None:
    union = story_union(
        [
            ("Reuters", _extraction([TRUMP, VIETNAM], [])),
            ("BBC News", _extraction([Entity("donald trump", "PERSON", ((1, 3),)), LAM], [])),
            ("CNBC", _extraction([VIETNAM, TRUMP], [])),
        ],
        shown=0,
    )
    assert union.sources == ("Reuters", "BBC News", "CNBC")
    by_name = {e.entity.name: e for e in union.entities}
    assert set(by_name) == {"Donald Trump", "Vietnam", "To Lam"}
    assert by_name["Donald Trump"].sources == ("Reuters", "BBC News", "CNBC")
    assert by_name["Donald Trump"].mentions == 5
    assert by_name["To Lam"].sources == ("BBC News",)
    # Most sources first; the shown article's own entity keeps its offsets, another's has none.
    assert [e.entity.name for e in union.entities] == ["Donald Trump", "Vietnam", "To Lam"]
    assert by_name["Donald Trump"].entity.mentions == TRUMP.mentions
    assert by_name["To Lam"].entity.mentions == ()


def test_the_shown_article_leads_and_keeps_its_offsets() -> None:
    reports = [("Reuters", _extraction([TRUMP], [])), ("BBC News", _extraction([LAM], []))]
    union = story_union(reports, shown=1)
    assert union.sources == ("BBC News", "Reuters")
    by_name = {e.entity.name: e.entity for e in union.entities}
    assert by_name["To Lam"].mentions == LAM.mentions
    assert by_name["Donald Trump"].mentions == ()


def test_rates_that_differ_between_sources_stand_together_and_are_marked() -> None:
    union = story_union(
        [
            (
                "Reuters",
                _extraction([], [_row("Vietnam", "VN", 20, "agreed"), _row("Laos", "LA", 40)]),
            ),
            ("BBC News", _extraction([], [_row("Vietnam", "VN", 46, "threatened")])),
            (
                "CNBC",
                _extraction([], [_row("Laos", "LA", 40), _row("Vietnam", "VN", 20, "agreed")]),
            ),
        ]
    )
    shown = [(t.row.country, t.row.rate_pct, t.sources, t.differs) for t in union.tariffs]
    assert shown == [
        ("Vietnam", 20, ("Reuters", "CNBC"), True),
        ("Vietnam", 46, ("BBC News",), True),
        ("Laos", 40, ("Reuters", "CNBC"), False),
    ]
    # The shown article's rows point into its text; another's evidence is found by its words.
    assert union.tariffs[0].row.evidence_span == (5, 15)
    assert union.tariffs[1].row.evidence_span == (0, 0)


def test_one_source_giving_two_rates_for_a_country_is_no_disagreement() -> None:
    rows = [_row("Canada", "CA", 35, "threatened"), _row("Canada", "CA", 25, "imposed")]
    union = story_union([("Reuters", _extraction([], rows)), ("DW", _extraction([], rows))])
    assert [(t.row.rate_pct, t.differs) for t in union.tariffs] == [(35, False), (25, False)]
    assert all(t.sources == ("Reuters", "DW") for t in union.tariffs)


def test_a_status_or_date_told_otherwise_is_a_row_of_its_own() -> None:
    union = story_union(
        [
            ("Reuters", _extraction([], [_row("Japan", "JP", 25, "threatened")])),
            (
                "NPR",
                _extraction(
                    [], [_row("Japan", "JP", 25, "threatened", effective=date(2025, 8, 1))]
                ),
            ),
        ]
    )
    assert [(t.row.effective, t.sources, t.differs) for t in union.tariffs] == [
        (None, ("Reuters",), False),
        (date(2025, 8, 1), ("NPR",), False),
    ]


def test_an_empty_story_has_an_empty_union() -> None:
    union = story_union([])
    assert union.sources == () and union.entities == () and union.tariffs == ()


def test_sources_are_named_as_far_as_they_fit() -> None:
    names = ["Reuters", "BBC News", "The Guardian", "CNBC"]
    assert sources_line(names[:2], 4, 30) == "Reuters · BBC News"
    assert sources_line(names, 5, 30) == "Reuters · BBC News +2"
    assert sources_line(names, 4, 30) == "all 4 sources"
    hostile = sources_line(["[b]Evil[/b]\x1b[31m"], 2, 30)
    assert hostile.startswith("[b]Evil[/b]") and "\x1b" not in hostile
    assert len(sources_line(["An outlet with a very long name", "DW"], 3, 12)) <= 12


def test_a_long_first_source_keeps_the_count_of_the_others() -> None:
    """Three of four sources gave a rate and the first's name filled the line: the pane said
    "Hostile Feed wi…", as if one source alone gave it; the count of the others stays."""
    names = ["Hostile Feed with a very long name", "Reuters", "CNBC"]
    assert sources_line(names, 4, 27) == "Hostile Feed with a ver… +2"
    assert sources_line(names, 4, 4) == "3 s…"
    assert sources_line(names[:1], 4, 12) == "Hostile Fee…"


def test_the_service_unites_a_stored_story(repo: Repository) -> None:
    items = [i for i in load_items() if i.event in ("letters-14-countries", "delta-earnings")]
    store_items(repo, items)
    group_new_articles(repo)
    stories = repo.story_summaries(repo.story_ids(ArticleScope()))
    story = max(stories, key=lambda s: s.articles)
    assert story.articles >= 5
    union = story_panes(repo, story.id, story.lead_id)
    assert union is not None
    members = repo.story_articles(story.id)
    lead = next(m for m in members if m.id == story.lead_id)
    assert union.sources[0] == lead.feed_title
    assert set(union.sources) == {m.feed_title for m in members}
    entities = {(e.entity.label, e.entity.name.casefold()): e.sources for e in union.entities}
    for member in members:
        article = repo.article(member.id)
        assert article is not None
        extraction = extraction_for(repo, article)
        for entity in extraction.entities:
            assert member.feed_title in entities[(entity.label, entity.name.casefold())]
        for row in extraction.tariffs:
            assert any(
                (t.row.iso, t.row.rate_pct, t.row.status, t.row.effective)
                == (row.iso, row.rate_pct, row.status, row.effective)
                and member.feed_title in t.sources
                for t in union.tariffs
            )
    assert any(t.differs for t in union.tariffs)  # the outlets give Japan different rates
    # A story of one article, or an article not in the story: its own panes say it all.
    single = next(s for s in stories if s.articles == 1)
    assert story_panes(repo, single.id, single.lead_id) is None
    assert story_panes(repo, story.id, single.lead_id) is None

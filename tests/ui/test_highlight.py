"""The highlight view: entity mentions and tariff evidence marked in the article body."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from tests.ui.conftest import (
    AppFactory,
    caption,
    contrast_of,
    main,
    marked,
    settle,
    shown,
    started,
    styles_of,
)
from tui.core.models import Entity, ParsedArticle, TariffRow
from tui.store.repository import Repository
from tui.ui.highlight import (
    CURRENT_STYLE,
    MENTION_STYLE,
    Highlight,
    current_lines,
    entity_highlight,
    evidence_highlight,
    highlight_content,
    valid_spans,
)
from tui.ui.keys import MAIN_BINDINGS, all_bindings, key_label
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.entities_pane import EntitiesPane
from tui.ui.widgets.tariff_pane import TariffPane, TariffTable

# -- the pure part: spans and Content ---------------------------------------------------------


def test_spans_are_sorted_clipped_and_never_overlap() -> None:
    text = "0123456789"
    assert valid_spans(text, [(6, 8), (0, 2), (1, 3), (5, 5), (9, 12), (-1, 1)]) == (
        (0, 2),
        (6, 8),
    )


def test_content_marks_every_span_and_the_current_one_more_strongly() -> None:
    text = "Vietnam and Laos.\n\nVietnam again."
    highlight = Highlight(text, ((0, 7), (19, 26)), "Vietnam", current=1)
    content = highlight_content(highlight)
    assert content.plain == text  # paragraphs kept
    assert marked(content) == [("Vietnam", MENTION_STYLE), ("Vietnam", CURRENT_STYLE)]
    assert current_lines(content, 40) == (2, 2)
    assert highlight.caption == "mention 2/2 of Vietnam"
    assert highlight.step(1).current == 0 and highlight.step(-1).current == 0


def test_feed_text_in_the_highlight_view_is_never_markup_or_escapes() -> None:
    # An ESC sequence and a zero-width space before the mention: the span must still cover it.
    text = "[bold red]x[/] \x1b[31m\u200bLaos [link=y]z[/link]"
    start = text.index("Laos")
    entity = Entity("Laos", "GPE", ((start, start + 4),))
    highlight = entity_highlight(text, entity)
    assert highlight is not None
    content = highlight_content(highlight)
    assert "[bold red]x[/]" in content.plain and "[link=y]z[/link]" in content.plain
    assert "\x1b" not in content.plain and "\u200b" not in content.plain
    assert "\u241b[31m" in content.plain  # ESC shown as its control picture
    assert marked(content) == [("Laos", CURRENT_STYLE)]


def test_evidence_is_found_by_its_words_when_the_span_is_missing() -> None:
    text = "Intro. Laos faces a 40% tariff. End."
    row = TariffRow("Laos", "LA", 40.0, None, "threatened", None, "Laos faces a 40% tariff.")
    highlight = evidence_highlight(text, row)
    assert highlight is not None
    assert [text[a:b] for a, b in highlight.spans] == ["Laos faces a 40% tariff."]
    assert highlight.caption == "evidence for Laos 40%"
    assert entity_highlight(text, Entity("Nowhere", "GPE", ((90, 99),))) is None


def test_the_highlight_keys_are_bound_with_ids_for_help_and_palette() -> None:
    ids = {b.id: b for b in MAIN_BINDINGS if isinstance(b, Binding)}
    assert key_label(ids["next_mention"].key) == "]"
    assert key_label(ids["previous_mention"].key) == "["
    listed = {b.id for _name, group in all_bindings() for b in group if isinstance(b, Binding)}
    assert {"next_mention", "previous_mention"} <= listed
    # n and p keep their DESIGN meaning (next/previous unread)
    assert ids["next_unread"].key == "n" and ids["previous_unread"].key == "p"


# -- in the app ---------------------------------------------------------------------------------


def entity_named(screen: MainScreen, name: str) -> Entity:
    return next(e for e in screen.entities_pane.entities if e.name == name)


async def test_choosing_an_entity_highlights_and_steps_through_its_mentions(
    make_app: AppFactory,
) -> None:
    app = make_app()
    chosen: list[Message] = []
    async with started(app, message_hook=collect(chosen)) as pilot:
        screen = main(app)
        assert screen.extraction is not None
        text = screen.extraction.text
        assert not screen.check_action("step_highlight", (1,))  # hidden until something is lit
        await pilot.press("4")
        vietnam = entity_named(screen, "Vietnam")
        assert vietnam.count == 2
        assert screen.entities_pane.move_to(vietnam)
        await pilot.press("enter")
        await pilot.pause()

        assert chosen == [EntitiesPane.EntityChosen(vietnam)]  # what the user did
        body = screen.body
        assert body.query_one("#body-highlight", Static).display
        assert not body.query_one("#body-markdown", Static).display
        assert marked(shown(screen)) == [("Vietnam", CURRENT_STYLE), ("Vietnam", MENTION_STYLE)]
        assert shown(screen).plain == text
        assert caption(screen) == "mention 1/2 of Vietnam"
        assert screen.check_action("step_highlight", (1,))
        assert screen.focused_pane() == "entities"  # enter again steps on

        await pilot.press("right_square_bracket")
        assert caption(screen) == "mention 2/2 of Vietnam"
        assert marked(shown(screen)) == [("Vietnam", MENTION_STYLE), ("Vietnam", CURRENT_STYLE)]
        await pilot.press("enter")  # the same entity again: the next mention (wraps round)
        assert caption(screen) == "mention 1/2 of Vietnam"
        await pilot.press("left_square_bracket")
        assert caption(screen) == "mention 2/2 of Vietnam"

        await pilot.press("escape")
        await pilot.pause()
        assert body.highlight is None and caption(screen) is None
        assert body.query_one("#body-markdown", Static).display
        assert not body.query_one("#body-highlight", Static).display
        assert screen.focused_pane() == "entities"  # esc left the view, not the pane
        assert not screen.check_action("step_highlight", (1,))


async def test_choosing_a_tariff_row_highlights_its_evidence_sentence(
    make_app: AppFactory,
) -> None:
    app = make_app()
    chosen: list[Message] = []
    async with started(app, message_hook=collect(chosen)) as pilot:
        screen = main(app)
        await pilot.press("5")
        table = screen.query_one(TariffTable)
        rows = screen.tariff_pane.rows
        laos = next(i for i, r in enumerate(rows) if r.country == "Laos")
        table.move_cursor(row=laos)
        await pilot.press("enter")
        await pilot.pause()
        assert chosen == [TariffPane.RowChosen(rows[laos])]
        highlight = screen.body.highlight
        assert highlight is not None and highlight.kind == "evidence"
        assert marked(shown(screen)) == [
            ("Laos faces a 40% tariff, the White House said.", CURRENT_STYLE)
        ]
        assert caption(screen) == "evidence for Laos 40%"
        # another row replaces it; leaving the article leaves the view
        vietnam = next(i for i, r in enumerate(rows) if r.rate_pct == 20)
        table.move_cursor(row=vietnam)
        await pilot.press("enter")
        assert caption(screen) == "evidence for Vietnam 20%"
        assert marked(shown(screen))[0][0].startswith("Hanoi | Vietnam agreed")
        await pilot.press("2", "j")
        await settle(app, pilot)
        assert screen.body.highlight is None
        assert screen.view is not None and screen.view.article.title.startswith("Rubio")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_highlighted_evidence_and_mentions_are_readable_in_each_theme(
    make_app: AppFactory, theme: str
) -> None:
    """The current span was drawn ``reverse $accent``: the pane's background colour on the
    accent. On a light theme that is light grey on orange (contrast 1.4:1): the evidence the
    reader asked to see could not be read."""
    app = make_app(theme=theme)
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("5")
        table = screen.query_one(TariffTable)
        rows = screen.tariff_pane.rows
        table.move_cursor(row=next(i for i, r in enumerate(rows) if r.country == "Laos"))
        await pilot.press("enter")
        await settle(app, pilot)
        assert contrast_of(app, "Laos faces a 40% tariff") >= 4.5
        await pilot.press("4")
        assert screen.entities_pane.move_to(entity_named(screen, "Vietnam"))
        await pilot.press("enter")
        await settle(app, pilot)
        assert marked(shown(screen))[1] == ("Vietnam", MENTION_STYLE)
        assert contrast_of(app, "Vietnam agreed") >= 4.5  # the current mention
        assert contrast_of(app, "Vietnam in April") >= 4.5  # the other one


async def test_without_colour_on_a_16_colour_terminal_the_current_evidence_stays_marked(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR on a terminal of 16 colours (its own colours, then none at all): the current
    span, marked by its background alone, was plain text among the reversed mentions."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = make_app()
    async with started(app) as pilot:
        await pilot.press("5")
        table = main(app).query_one(TariffTable)
        rows = main(app).tariff_pane.rows
        table.move_cursor(row=next(i for i, r in enumerate(rows) if r.country == "Laos"))
        await pilot.press("enter")
        await settle(app, pilot)
        styles = styles_of(app, "Laos faces a 40% tariff")
        assert styles and all(s.underline or s.reverse for s in styles), styles


LONG_TEXT = (
    ["<p>Officials in Vietnam opened the long meeting early on Monday.</p>"]
    + [
        f"<p>Paragraph {n}: the committee went through the schedule at length.</p>"
        for n in range(30)
    ]
    + ["<p>By the evening the delegates from Vietnam had signed the plan.</p>"]
)


def add_long_article(repo: Repository) -> None:
    feed = repo.add_feed("http://127.0.0.1:9/long.xml", title="Long Reads")
    article = ParsedArticle(
        guid="long1",
        link="https://news.example.org/long1",
        title="A very long meeting",
        author="",
        published=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
        content_html="".join(LONG_TEXT),
    )
    repo.store_articles(feed.id, [article])


def current_line_visible(screen: MainScreen) -> bool:
    body = screen.body
    marked_view = body.query_one("#body-highlight", Static)
    lines = current_lines(shown(screen), marked_view.size.width)
    assert lines is not None
    y = marked_view.virtual_region.y + lines[0]
    return body.scroll_y <= y < body.scroll_y + body.scrollable_content_region.height


async def test_the_current_mention_is_scrolled_into_view(
    make_app: AppFactory, repo: Repository
) -> None:
    app = make_app()
    add_long_article(repo)
    async with started(app, size=(80, 24)) as pilot:
        screen = main(app)
        assert screen.view is not None and screen.view.article.title == "A very long meeting"
        await pilot.press("3", "space")  # the reader is some way down the article
        await pilot.pause()
        reading = screen.body.scroll_y
        assert reading > 0
        await pilot.press("4")
        assert screen.entities_pane.move_to(entity_named(screen, "Vietnam"))
        await pilot.press("enter")
        await pilot.pause()
        assert caption(screen) == "mention 1/2 of Vietnam"
        assert current_line_visible(screen)
        top = screen.body.scroll_y
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert caption(screen) == "mention 2/2 of Vietnam"
        assert screen.body.scroll_y > top + 10  # the last paragraph, far below
        assert current_line_visible(screen)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.body.scroll_y == top and current_line_visible(screen)
        # esc goes back to the article where the reader was
        await pilot.press("escape")
        await pilot.pause()
        assert screen.body.highlight is None and screen.body.scroll_y == reading


async def test_stepping_with_nothing_highlighted_says_what_to_do(make_app: AppFactory) -> None:
    app = make_app()
    async with started(app) as pilot:
        screen = main(app)
        screen.action_step_highlight(1)  # the palette calls the action directly
        await pilot.pause()
        assert any("highlight" in n.message for n in app._notifications)
        assert screen.body.highlight is None


def collect(into: list[Message]) -> Callable[[Message], None]:
    """A message hook keeping what the entities and tariffs panes post."""

    def hook(message: Message) -> None:
        chosen = isinstance(message, EntitiesPane.EntityChosen | TariffPane.RowChosen)
        if chosen and not any(m is message for m in into):  # seen again as it bubbles up
            into.append(message)

    return hook

"""UI fixtures and the helpers the Pilot tests share.

The fixtures: ``repo``, the temporary home's real SQLite database; ``make_app``, which seeds it
with invented articles and builds the app on it. Everything is deterministic: fixed dates, UTC,
no refresh on start, no animations, a fixed theme in true colours, and ``webbrowser.open``
recorded instead of run. The helpers: :func:`started` runs the app with its start-up work
done, :func:`settle` waits for the workers, and the others read the main screen.
"""

from __future__ import annotations

import io
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.color import Color as RichColor
from rich.console import Console
from rich.style import Style as RichStyle
from textual.app import App
from textual.content import Content
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.config import Settings
from tui.core.models import ParsedArticle
from tui.paths import resolve
from tui.services.subscriptions import DEMO_FEED_URL, load_demo
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.highlight import CURRENT_STYLE, MENTION_STYLE
from tui.ui.screens.main import MainScreen

TARIFF_HTML = (
    "<p>Hanoi | Vietnam agreed a trade deal with the United States on Tuesday that sets a "
    "20% tariff on Vietnamese exports, officials said.</p>"
    "<p>President Donald Trump had threatened a 46% tariff on goods from Vietnam in April. "
    "The agreement takes effect on 1 August, according to the Ministry of Industry and "
    "Trade.</p><p>Laos faces a 40% tariff, the White House said. Read the "
    '<a href="https://news.example.org/deal-text">full text of the deal</a> and the '
    '<a href="https://news.example.org/analysis">analysis</a>.</p>'
)

ARTICLES: dict[str, list[tuple[str, str, str, str]]] = {
    # feed title -> (guid, title, author, html)
    "World Desk": [
        ("w1", "Vietnam deal sets 20% tariff on exports", "Mai Tran", TARIFF_HTML),
        (
            "w2",
            "Rubio meets Lavrov in Kuala Lumpur",
            "Ana Silva",
            "<p>Kuala Lumpur | US Secretary of State Marco Rubio met Russian Foreign Minister "
            "Sergei Lavrov on the sidelines of the ASEAN meeting on Thursday.</p>"
            "<p>Rubio said the talks were frank. Lavrov did not comment.</p>",
        ),
        (
            "w3",
            "Floods close schools across the river delta",
            "",
            "<p>Heavy rain closed schools in twelve districts, the education ministry said.</p>",
        ),
    ],
    "Market Wire": [
        (
            "m1",
            "Shares fell 3 per cent as chip makers slid",
            "Lee Park",
            "<p>Shares fell 3 per cent in Seoul on Monday as chip makers slid.</p>",
        ),
        (
            "m2",
            "Central bank holds rates steady",
            "Lee Park",
            "<p>The central bank held its main rate at 4.25 per cent.</p>",
        ),
    ],
}

HOSTILE_TITLE = "[bold red]markup[/] and \x1b[31mESC red\x1b[0m title"


def when(day: int, hour: int) -> datetime:
    """A fixed time in November 2026 (UTC)."""
    return datetime(2026, 11, day, hour, 30, tzinfo=UTC)


def seed(repo: Repository, *, hostile: bool = False, failing: bool = True) -> None:
    """Invented feeds and articles with fixed dates (newest: the tariff story)."""
    hour = 20
    for index, (feed_title, items) in enumerate(ARTICLES.items()):
        folder = "News" if index == 0 else "Business"
        feed = repo.add_feed(
            f"http://127.0.0.1:9/{feed_title.lower().replace(' ', '-')}.xml",
            title=feed_title,
            folder=folder,
        )
        parsed = []
        for guid, title, author, html in items:
            parsed.append(
                ParsedArticle(
                    guid=guid,
                    link=f"https://news.example.org/{guid}",
                    title=title,
                    author=author,
                    published=when(26, hour),
                    content_html=html,
                )
            )
            hour -= 1
        repo.store_articles(feed.id, parsed)
    if failing:
        broken = repo.add_feed("http://127.0.0.1:9/gone.xml", title="Broken Times", folder="")
        repo.record_fetch(broken.id, status=500, error="HTTP 500 Internal Server Error")
    if hostile:
        evil = repo.add_feed("http://127.0.0.1:9/evil.xml", title="[red]Evil[/red] Feed")
        repo.store_articles(
            evil.id,
            [
                ParsedArticle(
                    guid="x1",
                    link="javascript:alert(1)",
                    title=HOSTILE_TITLE,
                    author="[b]Mallory[/b]",
                    published=when(27, 9),
                    content_html="<p>Body with [bold red]markup[/] and [link=x]y[/link].</p>",
                )
            ],
        )
    repo.set_state("initialised", "1")  # keeps first_run() from adding the default feeds


@pytest.fixture(autouse=True)
def _deterministic(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)
    # A terminal of true colours, whatever terminal runs the tests: on one of 16 colours the
    # app draws its default theme in the terminal's own colours.
    monkeypatch.setenv("COLORTERM", "truecolor")
    opened: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    monkeypatch.setenv("BROWSER", "recorded-by-tests")
    # Preview at once (no debounce timer), so waiting for the workers is enough to settle.
    monkeypatch.setattr(MainScreen, "PREVIEW_DELAY", 0)
    # No idle work (the tracker built ahead, the tariff check of unchecked articles in a child
    # process) unless a test asks for it: the seeded articles are unchecked, and a child
    # process checking them in every test would cost the suite minutes.
    monkeypatch.setattr(NewsReaderApp, "IDLE_WORK_AFTER", None)
    yield opened
    time.tzset()


@pytest.fixture
def opened_urls(_deterministic: list[str]) -> list[str]:
    return _deterministic


def reader_settings(**changes: object) -> Settings:
    """Settings for a deterministic app: no refresh, no full text, a fixed theme."""
    base: dict[str, object] = {
        "refresh_on_start": False,
        "refresh_minutes": 0,
        "fulltext": "never",
        "theme": "textual-dark",
    }
    base.update(changes)
    return Settings(**base)  # type: ignore[arg-type]


AppFactory = Callable[..., NewsReaderApp]


@pytest.fixture
def repo(home: Path) -> Iterator[Repository]:
    """The temporary home's database; the app opens its own connection to the same file."""
    paths = resolve()
    paths.ensure()
    repository = Repository(paths.database)
    try:
        yield repository
    finally:
        repository.close()


@pytest.fixture
def make_app(repo: Repository) -> AppFactory:
    """Seed the temporary home's database, then build the app on it."""

    def factory(
        *, hostile: bool = False, failing: bool = True, **settings: object
    ) -> NewsReaderApp:
        seed(repo, hostile=hostile, failing=failing)
        return NewsReaderApp(resolve(), reader_settings(**settings))

    return factory


# -- helpers ----------------------------------------------------------------------------------


async def workers_done(app: App[Any]) -> None:
    """Wait for the app's workers. One that a newer worker of its group replaced (an exclusive
    load, as the feeds pane's) ends cancelled, which is the app working, not a failure: waiting
    with ``wait_for_complete`` raised it (seen under load in CI)."""
    for worker in list(app.workers):
        with suppress(WorkerCancelled):
            await worker.wait()


async def settle(app: App[Any], pilot: Pilot[Any]) -> None:
    """Let workers finish and their results land (several rounds: loads start loads)."""
    for _ in range(4):
        await workers_done(app)
        await pilot.pause()


@asynccontextmanager
async def started(
    app: NewsReaderApp, size: tuple[int, int] = (120, 40), **options: Any
) -> AsyncIterator[Pilot[None]]:
    """The app running headless at ``size``, its first screen loaded and its workers done;
    ``options`` go to ``run_test`` (a ``message_hook``, say)."""
    async with app.run_test(size=size, **options) as pilot:
        await settle(app, pilot)
        yield pilot


def main(app: NewsReaderApp) -> MainScreen:
    """The app's main screen (pushed once its first data is in)."""
    assert app.main_screen is not None
    return app.main_screen


def titles(app: NewsReaderApp) -> list[str]:
    """The titles the article list holds, in order."""
    articles = main(app).article_list
    return [s.title for i in articles.ids if (s := articles.summary(i)) is not None]


def feed_id(repo: Repository, title: str) -> int:
    return next(f.id for f in repo.feeds() if f.title == title)


def add_demo(repo: Repository) -> int:
    """The bundled demo feed (fictional stories, some with tariff rates); returns its id."""
    load_demo(repo)
    feed = repo.feed_by_url(DEMO_FEED_URL)
    assert feed is not None and feed.total > 0
    return feed.id


def screen_text(app: NewsReaderApp) -> list[str]:
    """The screen as plain text, as `tmux capture-pane -p` shows it: no colour, no styles."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False).splitlines()


def _luminance(red: int, green: int, blue: int) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def _rgb(color: RichColor | None, default: tuple[int, int, int]) -> tuple[int, int, int]:
    """``color`` as RGB (the 16 ANSI ones in Rich's palette), ``default`` for the terminal's."""
    if color is None or color.is_default:
        return default
    red, green, blue = color.get_truecolor()
    return red, green, blue


def contrast_of(app: NewsReaderApp, needle: str) -> float:
    """WCAG 2's contrast ratio of the first cells on the screen that show ``needle`` (the
    lowest of its characters), in the colours the terminal is sent, after the app's filters
    (NO_COLOR's among them)."""
    # The terminal's own colours, as a terminal set for the theme (dark or light) has them.
    terminal = ((229, 229, 229), (0, 0, 0)) if app.current_theme.dark else ((0, 0, 0), (255,) * 3)
    update = app.screen._compositor.render_update(full=True)
    for row in update.strips:
        cells = [(char, seg.style) for strip in row for seg in strip for char in seg.text]
        start = "".join(char for char, _ in cells).find(needle)
        if start < 0:
            continue
        ratios = []
        for char, style in cells[start : start + len(needle)]:
            if char.isspace():
                continue
            assert style is not None
            fore = _rgb(style.color, terminal[0])
            back = _rgb(style.bgcolor, terminal[1])
            if style.reverse:
                fore, back = back, fore
            light, dark = sorted((_luminance(*fore), _luminance(*back)), reverse=True)
            ratios.append((light + 0.05) / (dark + 0.05))
        return min(ratios)
    raise AssertionError(f"{needle!r} is not on the screen:\n" + "\n".join(screen_text(app)))


def styles_of(app: NewsReaderApp, needle: str) -> list[RichStyle]:
    """The styles the first cells on the screen showing ``needle`` are drawn in."""
    for row in app.screen._compositor.render_update(full=True).strips:
        cells = [(char, seg.style) for strip in row for seg in strip for char in seg.text]
        start = "".join(char for char, _ in cells).find(needle)
        if start >= 0:
            return [style for _, style in cells[start : start + len(needle)] if style]
    return []


def marked(content: Content) -> list[tuple[str, str]]:
    """(text, style) of every span the highlight view marks, in order."""
    return [
        (content.plain[span.start : span.end], str(span.style))
        for span in content.spans
        if span.style in (MENTION_STYLE, CURRENT_STYLE)
    ]


def caption(screen: MainScreen) -> str | None:
    """The body's border caption in the highlight view (None outside it)."""
    subtitle = screen.body._border_subtitle
    return None if subtitle is None else subtitle.plain


def shown(screen: MainScreen) -> Content:
    """What the body's highlight view shows."""
    content = screen.body.highlight_view
    assert content is not None
    return content


STORY_EVENTS = ("canada-35", "eu-mexico-30", "delta-earnings")
"""The labelled events of the stories fixture: two reported by seven outlets, one by one."""


@pytest.fixture
def stories(repo: Repository) -> Repository:
    """The seeded feeds and the labelled reports of three events, grouped into stories."""
    from tests.bench.score_stories import load_items
    from tests.stories_data import store_items
    from tui.services.stories import group_new_articles

    store_items(repo, [i for i in load_items() if i.event in STORY_EVENTS])
    group_new_articles(repo)
    return repo

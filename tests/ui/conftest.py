"""UI fixtures: a real SQLite repository seeded with invented articles, and an app factory.

Everything is deterministic: fixed dates, UTC, no refresh on start, no animations, fixed theme,
and ``webbrowser.open`` recorded instead of run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.config import Settings
from tui.core.models import ParsedArticle
from tui.paths import resolve
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
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


def _when(day: int, hour: int) -> datetime:
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
                    published=_when(26, hour),
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
                    published=_when(27, 9),
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
    opened: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    monkeypatch.setenv("BROWSER", "recorded-by-tests")
    # Preview at once (no debounce timer), so waiting for the workers is enough to settle.
    monkeypatch.setattr(MainScreen, "PREVIEW_DELAY", 0)
    yield opened
    time.tzset()


@pytest.fixture
def opened_urls(_deterministic: list[str]) -> list[str]:
    return _deterministic


def test_settings(**changes: object) -> Settings:
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
def make_app(home: Path) -> AppFactory:
    """Seed the temp home's database, then build the app on it."""

    def factory(
        *, hostile: bool = False, failing: bool = True, **settings: object
    ) -> NewsReaderApp:
        paths = resolve()
        paths.ensure()
        repo = Repository(paths.database)
        try:
            seed(repo, hostile=hostile, failing=failing)
        finally:
            repo.close()
        return NewsReaderApp(paths, test_settings(**settings))

    return factory

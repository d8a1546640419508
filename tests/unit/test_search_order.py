"""Search results are the newest ``limit`` matches, newest first, whichever plan finds them.

``Repository._match`` sorts few matches and walks the date index for many (cutting the match
set to recent ids when articles arrived in date order). Every plan is forced here on a few
thousand real rows and compared with a brute-force reference: every FTS match, sorted in Python.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tui.core.models import ParsedArticle
from tui.store.fts import fts_query
from tui.store.repository import Repository

NOW = datetime.now(UTC).replace(microsecond=0)
QUERIES = (
    "common",  # every article
    "often",  # ~60 %
    "sometimes",  # ~10 %
    "seldom",  # ~1 %
    "nowhere",  # none
    '"raise duties on steel"',  # a phrase; the same words also appear shuffled
    "raise duties steel",  # the words ANDed
    "semicond*",  # a prefix
    "seldom OR sometimes",
    "often sometimes",
)


def _body(rng: random.Random) -> str:
    words = ["common"]
    for word, share in (("often", 0.6), ("sometimes", 0.1), ("seldom", 0.01)):
        if rng.random() < share:
            words.append(word)
    if rng.random() < 0.2:
        words.append("they raise duties on steel")
    elif rng.random() < 0.2:
        words.append("steel duties raise on")
    if rng.random() < 0.05:
        words.append(rng.choice(["semiconductor", "semiconductors", "semicondo"]))
    rng.shuffle(words)
    return "<p>" + " filler ".join(words) + "</p>"


def _article(rng: random.Random, guid: str, published: datetime | None) -> ParsedArticle:
    return ParsedArticle(
        guid=guid,
        link=f"https://example.test/{guid}",
        title=f"Item {guid}",
        published=published,
        summary_html=_body(rng),
    )


def reference(repo: Repository, query: str, limit: int) -> list[int]:
    """Brute force: every match, sorted by (sort_key, id) descending in Python."""
    conn = repo._conn()
    expression = fts_query(query)
    assert expression is not None
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT rowid FROM article_fts WHERE article_fts MATCH ?", (expression,)
        )
    ]
    keys = dict(conn.execute("SELECT id, sort_key FROM articles").fetchall())
    return sorted(ids, key=lambda i: (keys[i], i), reverse=True)[:limit]


def _open(path: Path) -> Repository:
    return Repository(path)


@pytest.fixture(scope="module")
def backlog_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Like a cold refresh: feed after feed, each with a year of backlog, so ids are not in
    date order. Hours are whole, so many articles share a sort_key (ties go by id); some
    articles have no date or a future one (both sort at the fetch time); the last feed
    brings only old articles, inserted after everything else."""
    path = tmp_path_factory.mktemp("backlog") / "news.db"
    rng = random.Random(8)
    repo = _open(path)
    try:
        for f in range(12):
            feed = repo.add_feed(f"https://feed{f}.test/rss", title=f"Feed {f}")
            items = []
            for k in range(250):
                roll = rng.random()
                if roll < 0.02:
                    published = None
                elif roll < 0.04:
                    published = NOW + timedelta(days=3)
                else:
                    published = NOW - timedelta(hours=rng.randint(1, 24 * 365))
                items.append(_article(rng, f"{f}-{k}", published))
            repo.store_articles(feed.id, items)
        late = repo.add_feed("https://archive.test/rss", title="Archive")
        repo.store_articles(
            late.id,
            [
                _article(rng, f"old-{k}", NOW - timedelta(days=400 + rng.randint(0, 900)))
                for k in range(300)
            ],
        )
    finally:
        repo.close()
    return path


@pytest.fixture
def backlog(backlog_db: Path) -> Iterator[Repository]:
    repo = _open(backlog_db)
    yield repo
    repo.close()


@pytest.mark.parametrize("few", [0, 3, 2000])
@pytest.mark.parametrize("limit", [1, 7, 500, 5000])
def test_backlog_matches_the_reference(
    backlog: Repository, monkeypatch: pytest.MonkeyPatch, few: int, limit: int
) -> None:
    monkeypatch.setattr(backlog, "_FEW_MATCHES", few)
    for query in QUERIES:
        got = [s.id for s in backlog.search(query, limit)]
        assert got == reference(backlog, query, limit), query


def test_common_word_gives_exactly_the_newest_limit(backlog: Repository) -> None:
    every = reference(backlog, "common", 10_000)
    assert len(every) == 3300
    got = backlog.search("common", limit=500)
    assert [s.id for s in got] == every[:500]
    dates = [s.published for s in got if s.published is not None]
    assert dates and all(a <= NOW + timedelta(days=3) for a in dates)


@pytest.mark.parametrize("few", [0, 2000])
def test_old_articles_inserted_late_sort_below_new_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, few: int
) -> None:
    repo = _open(tmp_path / "news.db")
    monkeypatch.setattr(repo, "_FEW_MATCHES", few)
    rng = random.Random(1)
    fresh = repo.add_feed("https://fresh.test/rss")
    new_ids = repo.store_articles(
        fresh.id, [_article(rng, f"n{k}", NOW - timedelta(hours=k)) for k in range(5)]
    )
    archive = repo.add_feed("https://archive.test/rss")
    old_ids = repo.store_articles(
        archive.id, [_article(rng, f"o{k}", NOW - timedelta(days=30 + k)) for k in range(5)]
    )
    assert [s.id for s in repo.search("common")] == new_ids + old_ids
    assert [s.id for s in repo.search("common", limit=6)] == [*new_ids, old_ids[0]]
    repo.close()


@pytest.fixture
def steady(tmp_path: Path) -> Iterator[Repository]:
    """Like regular refreshes: articles arrive in date order, so recent ids are the newest
    articles, and the walk cuts the match set to them. "vintage" is dense among the first
    (oldest) articles and rare later; a last batch of old articles arrives late."""
    rng = random.Random(3)
    repo = _open(tmp_path / "news.db")
    feed = repo.add_feed("https://steady.test/rss")
    for batch in range(40):
        items = []
        for k in range(50):
            art = _article(rng, f"{batch}-{k}", NOW - timedelta(days=40 - batch, minutes=k))
            if rng.random() < (0.9 if batch < 10 else 0.01):
                art = ParsedArticle(
                    guid=art.guid,
                    title="vintage " + art.title,
                    published=art.published,
                    summary_html=art.summary_html,
                )
            items.append(art)
        repo.store_articles(feed.id, items)
    repo.store_articles(
        feed.id,
        [
            _article(rng, f"late-{k}", NOW - timedelta(days=60 + k, minutes=rng.randint(0, 9)))
            for k in range(30)
        ],
    )
    yield repo
    repo.close()


def _windows(repo: Repository, query: str, limit: int) -> tuple[list[int], int]:
    """The search's ids and how many date windows its walk tried (traced statements)."""
    statements: list[str] = []
    conn = repo._conn()
    conn.set_trace_callback(statements.append)
    try:
        ids = [s.id for s in repo.search(query, limit)]
    finally:
        conn.set_trace_callback(None)
    return ids, sum("OFFSET" in s for s in statements)


def test_recent_window_cuts_the_walk(steady: Repository, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(steady, "_FEW_MATCHES", 10)
    for limit in (1, 30, 100):
        ids, windows = _windows(steady, "common", limit)
        assert ids == reference(steady, "common", limit)
        assert windows == 1
    # Dense among the oldest ids, so the first window is narrow and too few match in it: the
    # walk widens, and the answer is still exactly the reference.
    ids, windows = _windows(steady, "vintage", 40)
    assert ids == reference(steady, "vintage", 40)
    assert windows >= 2
    for query in QUERIES:
        for limit in (1, 25, 400, 5000):
            got = [s.id for s in steady.search(query, limit)]
            assert got == reference(steady, query, limit), (query, limit)

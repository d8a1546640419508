"""Stories placed refresh after refresh equal the stories of one grouping from scratch (issue 18).

Ten outlets serve the labelled items over real HTTP on 127.0.0.1, each feed growing between
refreshes the way a news feed does; every refresh runs the one pipeline (`newsreader refresh`
and the app both run it), which places the new articles into the stories of the cache.
"""

from __future__ import annotations

import email.utils
import html
from pathlib import Path

from tests.bench.score_stories import Item, load_items, score
from tests.feedserver import serve
from tui.config import Settings
from tui.core.models import ArticleScope
from tui.core.story_features import features_for
from tui.core.story_grouping import TermStats, group
from tui.services.pipeline import run_refresh
from tui.store.repository import Repository

# Items revealed before each refresh (in the order they were published): the first refresh
# makes the term statistics (40 articles), the later ones place their articles with them.
ROUNDS = (40, 25, 31, 19, 40)


def _slug(outlet: str) -> str:
    return outlet.lower().replace(" ", "-")


def _write_feeds(root: Path, items: list[Item], outlets: list[str]) -> None:
    """One RSS file per outlet with its items among ``items`` (every outlet has a file)."""
    for outlet in outlets:
        entries = "".join(
            f"<item><title>{html.escape(i.title)}</title><guid>{i.guid}</guid>"
            f"<link>https://news.example.test/{i.guid}</link>"
            f"<pubDate>{email.utils.formatdate(i.at, usegmt=True)}</pubDate>"
            f"<description>{html.escape(f'<p>{i.summary}</p>')}</description></item>"
            for i in items
            if i.outlet == outlet
        )
        (root / f"{_slug(outlet)}.xml").write_text(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{html.escape(outlet)}</title><link>https://{_slug(outlet)}.example.test/"
            f"</link>{entries}</channel></rss>",
            encoding="utf-8",
        )


def test_refresh_after_refresh_gives_the_stories_of_one_grouping(
    repo: Repository, tmp_path: Path
) -> None:
    items = sorted(load_items(), key=lambda i: (i.at, i.id))
    assert sum(ROUNDS) == len(items)
    outlets = sorted({i.outlet for i in items})
    root = tmp_path / "feeds"
    root.mkdir()
    _write_feeds(root, [], outlets)
    placed: list[int] = []
    with serve(root=root) as server:
        for outlet in outlets:
            repo.add_feed(server.url(f"{_slug(outlet)}.xml"), outlet)
        shown = 0
        for size in ROUNDS:
            shown += size
            _write_feeds(root, items[:shown], outlets)
            before = repo.grouped_count()
            outcome = run_refresh(repo, Settings(), check_tariffs=False)
            assert outcome.summary.new_articles == size
            placed.append(repo.grouped_count() - before)
    assert placed == list(ROUNDS)
    docs, df, _version = repo.story_terms()
    assert docs == ROUNDS[0]  # the statistics of the first refresh, used by every later one

    # The same articles grouped at once, with the same statistics.
    by_guid = {i.guid: i for i in items}
    feed_of = {f.title: f.id for f in repo.feeds()}
    article_of: dict[str, int] = {}
    in_store: dict[int, int] = {}
    for story in repo.story_ids(ArticleScope()):
        for member in repo.story_articles(story):
            in_store[member.id] = story
            article = repo.article(member.id)
            assert article is not None
            article_of[article.guid] = member.id
    assert set(article_of) == set(by_guid)
    features = [
        features_for(article_of[i.guid], i.at, i.title, i.summary, feed_id=feed_of[i.outlet])
        for i in items
    ]
    scratch = group(features, TermStats(docs, df))
    assert in_store == scratch
    stories = {by_guid[g].id: in_store[a] for g, a in article_of.items()}
    assert len(set(stories.values())) < len(items) / 2  # most events have several reports
    assert score(items, stories).recall >= 0.85  # the labelled events, found as they arrive

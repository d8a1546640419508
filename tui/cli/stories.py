"""`newsreader stories [--since DATE] [--json]`: the stories across feeds, each with its
articles (id, feed, title)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from tui.cli.common import EXIT_OK, open_store
from tui.config import Settings
from tui.core.wording import plural
from tui.paths import Paths
from tui.terminal import writes_unicode


def stories(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    from tui.services.stories import group_new_articles

    since = None
    if args.since is not None:
        since = int(
            datetime(args.since.year, args.since.month, args.since.day, tzinfo=UTC).timestamp()
        )
    repo = open_store(paths)
    try:
        group_new_articles(repo)  # articles stored since the last refresh: placed once each
        ids = repo.stories_since(since)
        summaries = repo.story_summaries(ids)
        listed = [(s, repo.story_articles(s.id)) for s in summaries]
    finally:
        repo.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": s.id,
                        "title": s.title,
                        "sources": s.sources,
                        "newest": s.newest.isoformat() if s.newest else None,
                        "articles": [
                            {"id": a.id, "feed": a.feed_title, "title": a.title} for a in members
                        ],
                    }
                    for s, members in listed
                ],
                ensure_ascii=not writes_unicode(sys.stdout),
                indent=1,
            )
        )
        return EXIT_OK
    if not listed:
        print("no stories since " + args.since.isoformat() if args.since else "no stories yet")
        return EXIT_OK
    for s, members in listed:
        when = s.newest.strftime("%Y-%m-%d %H:%M") if s.newest else "undated"
        print(f"{when}  {plural(s.sources, 'source')}  {s.title}")
        for a in members:
            print(f"    {a.id:>7}  {a.feed_title}: {a.title}")
    return EXIT_OK

"""Story placement speed: 1,000 new articles into a cache of 50,000 (issue 18).

    .venv/bin/python -m tests.bench.bench_stories [--cache 50000] [--new 1000] [--runs 5]

The cache is a real SQLite database in a temporary NEWSREADER_HOME, filled with generated
reports of generated events (:func:`reports`): each event has its own actor, verb, things,
made-up names and numbers, drawn from pools about as varied as a day of news, and is reported
by one to six of ten outlets within hours in one of three wordings. The cache (60 days) is
grouped once; then, in each run, a copy of it gets 1,000 new articles of the last day and the
refresh's own step places them (:func:`tui.services.stories.group_new_articles`), in a fresh
process, as the app's refresh child is. Printed:
every run's time, split into feature extraction and the rest, and the median, with the
processor time (on a machine shared with other work, the wall time counts theirs too: the load
average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.core.models import ArticleScope, ParsedArticle
from tui.core.story_features import StoryFeatures
from tui.paths import resolve
from tui.services import stories as service
from tui.store.repository import Repository


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


START = datetime(2025, 5, 1, tzinfo=UTC)
DAYS = 60
OUTLETS = (
    "Reuters",
    "BBC News",
    "CNBC",
    "DW",
    "France 24",
    "NPR",
    "Al Jazeera",
    "The Guardian",
    "Nikkei Asia",
    "AP",
)
COUNTRIES = _words(
    "Vietnam Japan Canada Mexico Brazil India Indonesia Kenya Nigeria Egypt Turkey Poland Chile"
    " Peru Colombia Argentina Thailand Malaysia Philippines Pakistan Bangladesh Ghana Morocco"
    " Spain Italy France Germany Sweden Norway Finland Greece Portugal Ireland Austria Hungary"
    " Romania Ukraine Serbia Israel Jordan Iraq Iran Qatar Oman Nepal Laos Cambodia Myanmar"
)
SYLLABLES = _words(
    "ka lo ren vi sta mor de lin ar to su mi ga bel ro na tel quin dor sa ve ni pa hu zel"
    " bra cor fen gil ith jor lum nev ost pri rav sel tor ul var wen yor zan"
)
FIRMS = _words("Group Holdings Motors Energy Bank Systems Foods Airlines Telecom Mining")
VERBS = _words(
    "raises cuts blocks backs rejects delays approves launches halts expands warns targets"
    " probes fines sues buys sells closes opens signs ends extends suspends doubles freezes"
    " eases tightens unveils scraps revives boosts curbs bans lifts slashes hikes weighs"
    " resumes postpones confirms denies seeks wins loses plans orders recalls"
)
NOUNS = _words(
    "tariffs rates prices wages jobs exports imports output profits losses debt bonds loans"
    " taxes subsidies fuel grain rice wheat coffee cocoa sugar cotton copper steel nickel"
    " lithium gas oil power coal rail ports flights shipping tourism housing rents pensions"
    " budget spending reform ceasefire sanctions aid troops border visas asylum election"
    " vote protest strike merger takeover listing shares stake bid contract licence patent"
    " vaccine hospital schools floods drought wildfire storm quake harvest factory mine plant"
    " bridge dam pipeline satellite rocket chips batteries robots software data privacy"
)
ADJECTIVES = _words(
    "new record higher lower sharp surprise emergency temporary permanent fresh major"
    " planned disputed controversial landmark interim full partial"
)
CONNECT = _words("over on after amid despite for against")


def _name(rng: random.Random, parts: int = 2) -> str:
    """A made-up proper noun ("Velinor"): names are what tells one event from another, and
    the news has many."""
    return "".join(rng.choice(SYLLABLES) for _ in range(parts + rng.randrange(2))).title()


def _person(rng: random.Random) -> str:
    return f"{_name(rng)} {_name(rng)}"


def _event(rng: random.Random) -> list[tuple[str, str]]:
    """An event's (title, summary) wordings, one per outlet that may report it: who (a
    country, a person, a firm), what (a verb, a thing, a second thing), a number, a place,
    each drawn from pools as varied as a day of news, then said in three ways."""
    country = rng.choice(COUNTRIES)
    actor = rng.choice((country, _person(rng), f"{_name(rng)} {rng.choice(FIRMS)}"))
    verb, noun, other = rng.choice(VERBS), rng.choice(NOUNS), rng.choice(NOUNS)
    adjective, connect = rng.choice(ADJECTIVES), rng.choice(CONNECT)
    place, speaker = _name(rng), _person(rng)
    n = rng.randint(2, 95)
    return [
        (
            f"{actor} {verb} {adjective} {noun} {connect} {other}",
            f"{actor} {verb} {noun} by {n}% in {place}, {speaker} said, as {other} weighed.",
        ),
        (
            f"{noun.title()}: {actor} {verb} {n}% {connect} {other} in {country}",
            f"In {place}, {actor} said on Tuesday it {verb} {adjective} {noun}; {speaker} spoke.",
        ),
        (
            f"{speaker} says {actor} {verb} {noun}, {other} next",
            f"{actor} {verb} {noun} in {country} {connect} {other}, a {n}% change.",
        ),
    ]


def reports(
    n: int, start: datetime, days: float, rng: random.Random
) -> Iterator[tuple[str, ParsedArticle]]:
    """``n`` reports (outlet, article) of generated events from ``start`` over ``days``."""
    made = 0
    while made < n:
        when = start + timedelta(days=rng.random() * days)
        wordings = _event(rng)
        for outlet in rng.sample(OUTLETS, rng.choice((1, 1, 2, 3, 4, 6))):
            if made >= n:
                break
            title, summary = rng.choice(wordings)
            made += 1
            yield (
                outlet,
                ParsedArticle(
                    guid=f"g{made}-{rng.getrandbits(40):x}",
                    link=f"https://news.example.test/{made}",
                    title=title,
                    published=when + timedelta(minutes=rng.randint(0, 600)),
                    summary_html=f"<p>{summary}</p>",
                ),
            )


def fill(repo: Repository, items: Iterator[tuple[str, ParsedArticle]]) -> None:
    feeds = {f.title: f.id for f in repo.feeds()}
    batch: dict[str, list[ParsedArticle]] = {}
    for outlet, article in items:
        if outlet not in feeds:
            slug = outlet.lower().replace(" ", "-")
            feeds[outlet] = repo.add_feed(f"https://{slug}.example.test/rss", outlet).id
        batch.setdefault(outlet, []).append(article)
    for outlet, articles in batch.items():
        for i in range(0, len(articles), 1000):
            repo.store_articles(feeds[outlet], articles[i : i + 1000])


def place_once(
    database: Path, new: list[tuple[str, ParsedArticle]]
) -> tuple[float, float, float, int]:
    """Store ``new`` in ``database`` and place them: (seconds, of which features, processor
    seconds, placed)."""
    repo = Repository(database)
    try:
        fill(repo, iter(new))
        features_time = 0.0
        real = service._features

        def timed(raw: list[tuple[int, int, int, str, str]]) -> list[StoryFeatures]:
            nonlocal features_time
            t0 = time.perf_counter()
            out = real(raw)
            features_time += time.perf_counter() - t0
            return out

        service._features = timed
        try:
            t, cpu = time.perf_counter(), time.process_time()
            placed = service.group_new_articles(repo)
            total, cpu = time.perf_counter() - t, time.process_time() - cpu
        finally:
            service._features = real
        return total, features_time, cpu, placed
    finally:
        repo.close()


def _place_in_child(database: Path, new: int, seed: int) -> tuple[float, float, float, int]:
    """:func:`place_once` in a fresh interpreter, as the app's refresh runs in a child process
    (not in this one, whose heap holds what the grouping of the cache left)."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench.bench_stories",
            "--place",
            str(database),
            "--new",
            str(new),
            "--seed",
            str(seed),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total, features, cpu, placed = json.loads(out.strip().splitlines()[-1])
    return float(total), float(features), float(cpu), int(placed)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cache", type=int, default=50_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--place", type=Path, help=argparse.SUPPRESS)  # one run, in the child
    args = parser.parse_args()
    if args.place is not None:
        last_day = START + timedelta(days=DAYS - 1)
        batch = list(reports(args.new, last_day, 1, random.Random(args.seed)))
        print(json.dumps(place_once(args.place, batch)))
        return
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSREADER_HOME"] = tmp
        paths = resolve()
        paths.ensure()
        repo = Repository(paths.database)
        fill(repo, reports(args.cache, START, DAYS, rng))
        t = time.perf_counter()
        service.group_new_articles(repo)
        grouping = time.perf_counter() - t
        stories = len(repo.story_ids(ArticleScope()))
        repo.close()
        print(
            f"cache: {args.cache} articles, {stories} stories; grouped from scratch in"
            f" {grouping:.1f} s",
            flush=True,
        )
        times, cpu_times = [], []
        for run in range(args.runs):
            copy = Path(tmp) / f"run{run}.db"
            shutil.copyfile(paths.database, copy)
            total, features, cpu, placed = _place_in_child(copy, args.new, args.seed + 1 + run)
            times.append(total)
            cpu_times.append(cpu)
            print(
                f"run {run + 1}: placed {placed} in {total:.3f} s"
                f" (features {features:.3f} s, the rest {total - features:.3f} s;"
                f" processor {cpu:.3f} s)",
                flush=True,
            )
            copy.unlink()
        print(
            f"median of {args.runs} runs: {statistics.median(times):.3f} s to place"
            f" {args.new} new articles into {args.cache}"
            f" (processor time {statistics.median(cpu_times):.3f} s)"
        )
        print(f"load average during the runs: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

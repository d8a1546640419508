"""Build a NEWSREADER_HOME holding N synthetic cached articles, quickly, through the Repository.

The text is invented here (no feed text is copied): titles of 6-14 words and ~2 KB HTML bodies of
paragraphs drawn from a Zipf-weighted vocabulary, with people, organisations, places and a share
of tariff sentences, so full-text search and extraction see realistic token statistics.

    .venv/bin/python -m tests.bench.bench_cache --home /tmp/nr-50k --articles 50000

A finished home is marked with ``.bench-built-<N>`` and reused by later runs.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tui.core.models import ArticleScope, ParsedArticle
from tui.paths import resolve
from tui.store.repository import Repository

CONFIG = """\
# written by tests/bench/bench_cache.py: start-up must not refresh
refresh_on_start = false
refresh_minutes = 0
"""


def _split(text: str) -> list[str]:
    return text.split()


_COMMON = _split(
    """the of and to in a is that for on was with he it as at by from this have are be
not but had his they you were their one all we can her has there been if more when will would
who so no she other its may these about than into them could only new some two time very after
most also made over did many before must through back years where much your way well down should
because each just those people how too little state good very make world still own see men work
long get here between both life being under never day same another know while last might us great
old year off come since against go came right used take three"""
)

_CONTENT = _split(
    """council budget harbour market river railway bridge school hospital election vote
minister report company factory shipment export import tariff duty customs steel aluminium grain
soybeans copper lumber solar panels batteries vehicles chips textiles coffee cocoa rice wheat
fisheries pipeline refinery airport port warehouse union strike wages inflation interest rates
bank central currency bond shares investors quarter profit revenue forecast drought flood storm
heatwave wildfire vaccine clinic research university study scientists satellite launch telescope
museum festival concert novel film season league match stadium coach transfer contract treaty
summit talks negotiators sanctions border ceasefire parliament senate court ruling appeal judge
police investigation mayor governor president chancellor premier spokesperson committee agency
regulator data software network outage security breach privacy platform app update device phone
laptop server cloud startup funding acquisition merger layoffs hiring retail prices consumers
housing rent mortgage construction permits zoning transit buses trams cycling lanes parking"""
)

_PEOPLE = """Maren Tollefsen|Idris Okonkwo-Bailey|Lucía Ferreira Daza|Tomasz Wielgosz|
Hana Kuroda|Priya Raghunathan|Elliot Marchbanks|Sofia Lindqvist|Kwame Asante-Mensah|
Juliette Beaumarchais|Dmitri Volkonsky|Aroha Ngata|Rafael Quintanilla|Ingrid Solberg|
Chen Weiming|Nadia Haddad|Oskar Brennholt|Yusuf Demirtaş|Camille Duret|Mateo Salgado""".replace(
    "\n", ""
).split("|")

_ORGS = """Northwind Freight|Halvorsen Steelworks|the Meridian Bank|Cobalt Ridge Mining|
the Harbour Authority|Lumen Semiconductors|the Federation of Grain Exporters|Brightwater Energy|
the National Statistics Office|Keystone Motors|the Trade Ministry|Atlas Shipping Lines|
the World Commerce Council|Pinecrest Pharmaceuticals|the Coastal Farmers Union""".replace(
    "\n", ""
).split("|")

_PLACES = """Brazil|Canada|China|Mexico|India|Japan|Vietnam|Germany|France|South Korea|
Australia|Indonesia|Turkey|Chile|Norway|Kenya|Argentina|Poland|Thailand|Egypt|Oslo|Lyon|
Valparaíso|Osaka|Rotterdam|Nairobi|Gdańsk|Porto Alegre|Busan|Izmir""".replace("\n", "").split("|")

_GOODS = [
    "steel",
    "aluminium",
    "soybeans",
    "electric vehicles",
    "solar panels",
    "lumber",
    "copper",
    "wine",
    "semiconductors",
    "textiles",
    "beef",
    "coffee",
]

_FEED_NAMES = """Gazette|Courier|Ledger|Herald|Dispatch|Observer|Review|Journal|Bulletin|
Chronicle|Times|Post|Digest|Wire|Monitor|Record|Tribune|Standard|Notes|Weekly""".replace(
    "\n", ""
).split("|")
_FEED_PREFIX = """Harbour|Valley|Northern|Metro|Coastal|Prairie|Summit|Riverside|Capital|Lakeside|
Frontier|Island|Highland|Delta|Union""".replace("\n", "").split("|")
_FOLDERS = ["", "News", "Business", "Tech", "Science", "Trade", "Local"]


def _pseudo_words(rng: random.Random, n: int) -> list[str]:
    """Rare invented words: the long tail of a real vocabulary."""
    syll = ["ka", "lo", "ren", "ti", "mar", "os", "vel", "an", "dri", "su", "qu", "ber", "ix", "no"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(syll) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@dataclass
class Corpus:
    """Deterministic article generator."""

    seed: int = 8

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        self.rng = rng
        vocab = _COMMON + _CONTENT + _pseudo_words(rng, 2000)
        # Zipf-like weights: rank r gets 1/r, the common words first.
        self.vocab = vocab
        self.cum: list[float] = []
        total = 0.0
        for rank in range(1, len(vocab) + 1):
            total += 1.0 / rank
            self.cum.append(total)

    def words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def sentence(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.12:
            s = (
                # The target named as the goods' origin: the rubric never gives the imposer a
                # row ("Brazil will raise tariffs on steel" names no target).
                f"Washington will raise tariffs on {rng.choice(_GOODS)} "
                f"from {rng.choice(_PLACES)} to "
                f"{rng.choice([10, 15, 20, 25, 30, 45])}% from {rng.choice([0, 5, 7.5, 10])}%, "
                f"{rng.choice(_PEOPLE)} said on {rng.choice(['Monday', 'Tuesday', 'Friday'])}"
            )
        elif kind < 0.35:
            s = (
                f"{rng.choice(_PEOPLE)} of {rng.choice(_ORGS)} told reporters in "
                f"{rng.choice(_PLACES)} that " + " ".join(self.words(rng.randint(6, 14)))
            )
        else:
            s = " ".join(self.words(rng.randint(10, 22)))
        return s[0].upper() + s[1:] + "."

    def title(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            return (
                f"{rng.choice(_PLACES)} {rng.choice(['weighs', 'announces', 'delays'])} "
                + " ".join(self.words(rng.randint(4, 10)))
            )
        words = self.words(rng.randint(6, 14))
        return " ".join(words).capitalize()

    def body(self, size: int = 2048) -> str:
        parts: list[str] = []
        length = 0
        while length < size:
            para = " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))
            if self.rng.random() < 0.15:
                para += f' <a href="https://example.org/{self.rng.randint(1, 99999)}">more</a>'
            html = f"<p>{para}</p>"
            parts.append(html)
            length += len(html)
        return "".join(parts)


@dataclass
class CacheInfo:
    home: Path
    articles: int
    feeds: int
    build_s: float
    first_feed: str
    newest_title: str


def write_config(home: Path) -> None:
    paths = resolve({"NEWSREADER_HOME": str(home)})
    paths.ensure()
    paths.config_file.write_text(CONFIG, encoding="utf-8")


def _first_run(repo: Repository) -> None:
    """What the app does on its first start (default feeds when empty, the demo feed)."""
    try:
        from tui.services.subscriptions import first_run
    except ImportError as exc:  # a checkout where the services are still being written
        print(f"bench_cache: first run skipped ({exc})")
        return
    first_run(repo)


def info(home: Path, build_s: float = 0.0) -> CacheInfo:
    repo = Repository(resolve({"NEWSREADER_HOME": str(home)}).database)
    try:
        feeds = repo.feeds()
        total = repo.count_articles(ArticleScope())
        page = repo.article_page(ArticleScope(), 0, 1)
    finally:
        repo.close()
    return CacheInfo(
        home=home,
        articles=total,
        feeds=len(feeds),
        build_s=build_s,
        first_feed=feeds[0].display_title if feeds else "",
        newest_title=page[0].title if page else "",
    )


def build_demo_home(home: Path) -> CacheInfo:
    """A home as after the very first start: the default subscriptions and the demo feed."""
    marker = home / ".bench-built-demo"
    if marker.exists():
        return info(home)
    t0 = time.perf_counter()
    write_config(home)
    repo = Repository(resolve({"NEWSREADER_HOME": str(home)}).database)
    try:
        _first_run(repo)
    finally:
        repo.close()
    marker.touch()
    return info(home, time.perf_counter() - t0)


def build_home(home: Path, n_articles: int, n_feeds: int = 200, seed: int = 8) -> CacheInfo:
    """A home with ``n_articles`` spread over ``n_feeds`` feeds, ~70 % of them read.

    The feeds' URLs are not http(s) (``bench:feed-0001``), so a refresh leaves them alone, as it
    leaves the demo feed: a refresh started on this home fetches only what is added to it.
    """
    marker = home / f".bench-built-v3-{n_articles}"
    if marker.exists():
        return info(home)
    t0 = time.perf_counter()
    write_config(home)
    db = resolve({"NEWSREADER_HOME": str(home)}).database
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    corpus = Corpus(seed)
    rng = corpus.rng
    now = datetime.now(UTC).replace(microsecond=0)
    repo = Repository(db)
    try:
        per_feed = [n_articles // n_feeds] * n_feeds
        for i in range(n_articles % n_feeds):
            per_feed[i] += 1
        read_ids: list[int] = []
        for f in range(n_feeds):
            title = f"{_FEED_PREFIX[f % len(_FEED_PREFIX)]} {_FEED_NAMES[f % len(_FEED_NAMES)]}"
            title += f" {f // (len(_FEED_PREFIX) * len(_FEED_NAMES)) + 1}" if f >= 300 else ""
            feed = repo.add_feed(
                f"bench:feed-{f:04d}",
                title=f"{title} {f:03d}",
                folder=_FOLDERS[f % len(_FOLDERS)],
                site_url=f"https://feed{f}.example.org/",
            )
            articles = []
            for k in range(per_feed[f]):
                # Spread over the last 365 days; a feed's items are newest first.
                age = timedelta(seconds=rng.randint(60, 365 * 86400))
                articles.append(
                    ParsedArticle(
                        guid=f"bench-{f}-{k}",
                        link=f"https://feed{f}.example.org/{k}",
                        title=corpus.title(),
                        author=rng.choice(_PEOPLE),
                        published=now - age,
                        summary_html=corpus.body(2048),
                    )
                )
            articles.sort(key=lambda a: a.published or now, reverse=True)
            ids = repo.store_articles(feed.id, articles)
            # Older ones read: everything but the newest ~30 % of each feed.
            read_ids.extend(ids[int(len(ids) * 0.3) :])
        repo.set_read(read_ids, True)
        _first_run(repo)
    finally:
        repo.close()
    marker.touch()
    return info(home, time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=10_000, help="0 = demo data only")
    parser.add_argument("--feeds", type=int, default=200)
    args = parser.parse_args()
    if args.articles:
        result = build_home(args.home, args.articles, args.feeds)
    else:
        result = build_demo_home(args.home)
    print(
        f"{result.home}: {result.articles} articles in {result.feeds} feeds "
        f"(built in {result.build_s:.1f} s)"
    )


if __name__ == "__main__":
    main()

"""Which articles report the same event: pairs that agree, and stories as their closure.

Two articles are *linked* when they were published within two days of each other, the
entities their titles name are found in each other (their main entities agree), and their
words agree closely. Words are compared as sets of terms, each weighted by how rare it is in
the cache (its inverse document frequency, smoothed: :meth:`TermStats.weight`), so a
shared "Lavrov" says more than a shared "tariff". The agreement of two term sets is their
weighted Dice coefficient (the share of their weight they have in common), taken for title
and summary together and for the titles alone. Articles of one feed need a closer agreement
than articles of two. A story is a set of articles connected by links.

A link depends on the two articles and on the term statistics only (never on which other
articles are there, nor on the order they came in), so placing new articles into the existing
stories, refresh after refresh, gives the stories that grouping everything at once would give.
That is why the statistics are a snapshot (:class:`TermStats`), replaced only together with a
regrouping of the whole cache.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tui.core.story_features import COUNTRY, PERSON, StoryFeatures

__all__ = [
    "WINDOW_SECONDS",
    "Placement",
    "TermStats",
    "entity_agreement",
    "group",
    "linked",
    "place",
]

WINDOW_SECONDS = 2 * 86_400
"""Articles further apart than this are never linked."""

MIN_DOCS = 100
"""Below this many articles the statistics say nothing: no term counts as frequent."""
PRIOR_DOCS = 50
"""The articles added to the count, none with the term, when a term's weight is computed: in a
cache of 15 articles, 7 of them on one event, that event's words are not common words."""
FREQUENT_SHARE = 0.05
FREQUENT_FLOOR = 20
"""A term in more than this share of the articles, and in more than the floor (so that the
terms of one big event are not taken for common words in a small cache), is *frequent*: it
still counts in the agreement of two articles (with its low weight), but sharing only frequent
terms never links two (so the index of terms that finds the candidates leaves them out)."""

# The agreement a link needs (word agreement in 0..100, entity agreement in 0..1), chosen on
# the labelled set in tests/fixtures/stories (see its README) and checked on the real feeds of
# ../shared/feeds (tests/bench/stories_corpus.py).
MIN_ENTITY_AGREEMENT = 0.5
TITLE_WEIGHT = 0.5
ENTITY_WEIGHT = 40.0
LINK_SCORE = 72.0
SAME_FEED_MARGIN = 10.0
_SLACK = 1e-6  # rounding: the bound of :meth:`_Index.candidates` sums in another order
"""Two articles of one feed need this much more: an outlet's own articles share its place
names, series titles and stock phrases ("Western New York", "wellness calendar"), which say
nothing of the event."""


@dataclass(frozen=True, slots=True, eq=False)
class TermStats:
    """How many articles each term was in, over ``docs`` articles (a snapshot)."""

    docs: int
    df: Mapping[str, int]
    frequent: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        frequent: frozenset[str] = frozenset()
        if self.docs >= MIN_DOCS:
            limit = max(self.docs * FREQUENT_SHARE, FREQUENT_FLOOR)
            frequent = frozenset(t for t, n in self.df.items() if n > limit)
        object.__setattr__(self, "frequent", frequent)

    @classmethod
    def of(cls, features: Iterable[StoryFeatures]) -> TermStats:
        """The statistics of ``features``."""
        df: dict[str, int] = defaultdict(int)
        docs = 0
        for f in features:
            docs += 1
            for term in f.terms:
                df[term] += 1
        return cls(docs, dict(df))

    def weight(self, term: str) -> float:
        """How much sharing ``term`` says: the more, the rarer the term is (a term the snapshot
        never saw is the rarest)."""
        docs = 1 + self.docs + PRIOR_DOCS
        return math.log(docs / (1 + self.df.get(term, 0))) + 1.0


class _Weighted:
    """A set of terms with their weights."""

    __slots__ = ("terms", "total", "weights")

    def __init__(self, terms: Iterable[str], stats: TermStats) -> None:
        self.weights = {t: stats.weight(t) for t in terms}
        self.terms = self.weights.keys()
        self.total = sum(self.weights.values())

    def agreement(self, other: _Weighted) -> float:
        """The weighted Dice coefficient of the two sets, 0..1."""
        total = self.total + other.total
        if not total:
            return 0.0
        weights = self.weights
        return 2.0 * sum(weights[t] for t in self.terms & other.terms) / total


class _Prepared:
    """An article's features with their term weights (computed once per run), and what
    :meth:`_Index.candidates` reads of them, as plain attributes (it reads them very often)."""

    __slots__ = (
        "at",
        "features",
        "feed_id",
        "frequent_weight",
        "indexed",
        "terms",
        "title",
        "title_in_terms",
    )

    def __init__(self, features: StoryFeatures, stats: TermStats) -> None:
        self.features = features
        self.at = features.at
        self.feed_id = features.feed_id
        self.terms = _Weighted(features.terms, stats)
        self.title = _Weighted(features.title_terms, stats)
        frequent = stats.frequent
        self.indexed = [t for t in features.terms if t not in frequent]
        self.frequent_weight = self.terms.total - sum(self.terms.weights[t] for t in self.indexed)
        self.title_in_terms = features.term_set.issuperset(features.title_terms)


@dataclass(frozen=True, slots=True)
class _Coverage:
    share: float
    """The share of one title's main entities that the other article names."""
    beyond_country: bool
    """Whether one of those found is more than a country."""
    who_missing: bool
    """Whether a country or a person of the title is not named by the other article."""


def _coverage(a: StoryFeatures, b: StoryFeatures) -> _Coverage:
    found = 0
    beyond_country = who_missing = False
    for names, kind in a.main:
        if any(b.mentions(n) for n in names):
            found += 1
            beyond_country = beyond_country or kind != COUNTRY
        elif kind in (COUNTRY, PERSON):
            who_missing = True
    return _Coverage(found / len(a.main), beyond_country, who_missing)


def entity_agreement(a: StoryFeatures, b: StoryFeatures) -> float:
    """How far the two agree on who and where: the share of the main entities of each title
    found in the other (the lower one, when both titles name some); when neither title names
    anyone, the share of the entities of the article naming fewer that the other names too.

    Sharing a country is not enough: when only countries are found in common, each title's
    must all be in the other. And two titles that each name a country or a person the other
    article does not ("Rubio meets Lavrov", "Wang Yi meets Rubio"; "US and Russian diplomats
    meet", "Vietnam and US diplomats meet") are two events.
    """
    coverages = [_coverage(x, y) for x, y in ((a, b), (b, a)) if x.main]
    if coverages:
        if len(coverages) == 2 and all(c.who_missing for c in coverages):
            return 0.0
        agreement = min(c.share for c in coverages)
        beyond_country = any(c.beyond_country for c in coverages)
        return agreement if beyond_country or agreement == 1.0 else 0.0
    if not a.keys or not b.keys:
        return 0.0
    return len(a.keys & b.keys) / min(len(a.keys), len(b.keys))


def _words_score(a: _Prepared, b: _Prepared) -> float:
    """The part of the link score the words give (the entities add the rest)."""
    text = a.terms.agreement(b.terms) * 100
    title = a.title.agreement(b.title) * 100
    return text + TITLE_WEIGHT * title


def _links(a: _Prepared, b: _Prepared) -> bool:
    """Whether the link score reaches the bar; the words are weighed first, as they are cheap:
    when even a full agreement on the entities cannot lift them to the bar, the entities are
    not compared (the answer is the same, only sooner)."""
    fa, fb = a.features, b.features
    if abs(fa.at - fb.at) > WINDOW_SECONDS:
        return False
    bar = LINK_SCORE + (SAME_FEED_MARGIN if fa.feed_id == fb.feed_id else 0.0)
    words = _words_score(a, b)
    if words + ENTITY_WEIGHT < bar:
        return False
    agreement = entity_agreement(fa, fb)
    return agreement >= MIN_ENTITY_AGREEMENT and words + ENTITY_WEIGHT * agreement >= bar


def linked(a: StoryFeatures, b: StoryFeatures, stats: TermStats) -> bool:
    """Whether ``a`` and ``b`` report the same event: they share a term that is not frequent
    (as the index finds candidates) and their agreement reaches the link score."""
    pa, pb = _Prepared(a, stats), _Prepared(b, stats)
    return not set(pa.indexed).isdisjoint(pb.indexed) and _links(pa, pb)


class _Index:
    """Articles by their (infrequent) terms, to find the few that can link to one."""

    def __init__(self) -> None:
        self._postings: dict[str, list[_Prepared]] = defaultdict(list)

    def add(self, p: _Prepared) -> None:
        for term in p.indexed:
            self._postings[term].append(p)

    def candidates(self, p: _Prepared) -> list[_Prepared]:
        """Indexed articles within the window sharing a term that is not frequent with ``p``
        (a link needs one), each once, that could reach the link score with it.

        Whether they could is a bound, never below the score, from the weight of the terms
        that are not frequent they share (summed here, as the index is walked): their words
        agree at most as far as those and every frequent term of the one with fewer would make
        them, their titles at most that again (a title's terms are among its article's), and
        their entities may agree fully. Most candidates fall short of it, and the comparison of
        their entities and terms, which costs far more, is skipped: the links are the same,
        found sooner.
        """
        shared: dict[_Prepared, float] = {}  # by identity: one object per article
        get = shared.get
        at = p.at
        weights = p.terms.weights
        for term in p.indexed:
            weight = weights[term]
            for other in self._postings.get(term, ()):
                if abs(other.at - at) <= WINDOW_SECONDS:
                    shared[other] = get(other, 0.0) + weight
        shared.pop(p, None)
        frequent, total, title_total = p.frequent_weight, p.terms.total, p.title.total
        title_in_terms = p.title_in_terms
        bar = LINK_SCORE - ENTITY_WEIGHT - _SLACK
        out: list[_Prepared] = []
        for other, weight in shared.items():
            other_frequent = other.frequent_weight
            most = weight + (frequent if frequent < other_frequent else other_frequent)
            both = total + other.terms.total
            text = 200.0 * most / both if both else 0.0
            other_title = other.title.total
            title_shared = title_total if title_total < other_title else other_title
            if title_in_terms and other.title_in_terms and most < title_shared:
                title_shared = most
            both = title_total + other_title
            title = 200.0 * title_shared / both if both else 0.0
            need = bar + (SAME_FEED_MARGIN if other.feed_id == p.feed_id else 0.0)
            if text + TITLE_WEIGHT * title >= need:
                out.append(other)
        return out


class _Components:
    """Union-find over ids; each component is named by its smallest id."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def add(self, node: int) -> None:
        self._parent.setdefault(node, node)

    def find(self, node: int) -> int:
        parent = self._parent
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id becomes the root: a component's root is its smallest id.
            if rb < ra:
                ra, rb = rb, ra
            self._parent[rb] = ra


def group(features: Sequence[StoryFeatures], stats: TermStats) -> dict[int, int]:
    """Stories from scratch: each article id -> its story id (the smallest article id in it)."""
    return place(features, [], {}, stats).stories


@dataclass(frozen=True, slots=True)
class Placement:
    """Where new articles went: ``stories`` maps each new article to its story, ``merged``
    each existing story that a new article joined to another to the story it is now part of."""

    stories: dict[int, int]
    merged: dict[int, int]


def place(
    new: Sequence[StoryFeatures],
    window: Sequence[StoryFeatures],
    story_of: Mapping[int, int],
    stats: TermStats,
) -> Placement:
    """Place ``new`` articles among the ``window`` ones (all existing articles within
    :data:`WINDOW_SECONDS` of any new one), whose stories ``story_of`` gives.

    A story's id is the smallest article id in it, so an existing story keeps its id unless a
    new article joins it to a story of a smaller id, or has a smaller id itself.
    """
    components = _Components()
    index = _Index()
    for f in window:
        story = story_of[f.article_id]
        components.add(story)
        index.add(_Prepared(f, stats))
    prepared = [_Prepared(f, stats) for f in sorted(new, key=lambda f: (f.at, f.article_id))]
    for p in prepared:
        node = p.features.article_id
        components.add(node)
        for other in index.candidates(p):
            if _links(p, other):
                other_id = other.features.article_id
                components.union(node, story_of.get(other_id, other_id))
        index.add(p)
    stories = {p.features.article_id: components.find(p.features.article_id) for p in prepared}
    merged: dict[int, int] = {}
    for story in {story_of[f.article_id] for f in window}:
        root = components.find(story)
        if root != story:
            merged[story] = root
    return Placement(stories, merged)

"""Domain objects shared by every layer: frozen dataclasses, no behaviour beyond derivations
(and one dict form of a tariff row, for JSON)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Literal, cast

from tui.core.urls import shown_url

EntityLabel = Literal["PERSON", "ORG", "GPE"]
TariffStatus = Literal["threatened", "imposed", "agreed", "proposed", "other"]
DownloadState = Literal["queued", "running", "done", "failed", "cancelled", "forgotten"]
"""``forgotten``: done, then removed from the list (x) with its file left: P still plays it."""


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription as stored, with its fetch state and article counts."""

    id: int
    url: str
    title: str = ""
    site_url: str = ""
    folder: str = ""
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None
    last_error: str | None = None
    last_fetched: datetime | None = None
    disabled: bool = False
    unread: int = 0
    total: int = 0

    @property
    def display_title(self) -> str:
        return self.title or shown_url(self.url)

    @property
    def failing(self) -> bool:
        return bool(self.last_error) or self.disabled


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed as listed in OPML or the default subscriptions: what is needed to subscribe."""

    url: str
    title: str = ""
    folder: str = ""
    site_url: str = ""


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file an item carries (a podcast episode, a video, a document): an RSS ``<enclosure>``,
    an Atom ``link rel="enclosure"``, a JSON Feed attachment."""

    url: str
    media_type: str = ""  # "audio/mpeg", as the feed declares it ("" when it does not)
    length: int | None = None  # bytes, when the feed gives a size
    duration: int | None = None  # seconds (itunes:duration, a JSON Feed attachment's)


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """One item of a feed as parsed, before it is stored (no ids, no reading state)."""

    guid: str
    link: str = ""
    title: str = ""
    author: str = ""
    published: datetime | None = None  # always UTC-aware when present
    summary_html: str = ""
    content_html: str = ""
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """The result of parsing one feed document."""

    title: str = ""
    site_url: str = ""
    articles: tuple[ParsedArticle, ...] = ()
    error: str | None = None  # set when the document was broken (items before the break are kept)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What an article list row needs: small, so tens of thousands stay cheap."""

    id: int
    feed_id: int
    feed_title: str
    title: str
    published: datetime | None
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article with everything the body pane shows."""

    id: int
    feed_id: int
    guid: str
    link: str
    title: str
    author: str
    published: datetime | None
    summary_html: str
    content_html: str
    full_text: str | None
    read: bool
    starred: bool
    fetched_at: datetime
    feed_title: str = ""
    enclosures: tuple[Enclosure, ...] = ()

    @property
    def best_html(self) -> str:
        """The richest body the feed carried: content when present, else the summary."""
        return self.content_html or self.summary_html


@dataclass(frozen=True, slots=True)
class Download:
    """An enclosure queued for download, and how far it got."""

    id: int
    url: str
    article_id: int | None  # None once the article is gone (retention, a deleted feed)
    title: str  # the article's title when it was queued
    media_type: str
    state: DownloadState
    directory: str  # the download_dir in force when it was queued: it finishes there
    name: str = ""  # the file name, once known
    path: str = ""  # the finished file ("" until done)
    total: int | None = None  # bytes, once the server (or the feed) said
    received: int = 0
    error: str | None = None
    etag: str = ""  # validators of the partial file, for a resume (If-Range)
    last_modified: str = ""
    approved_host: str = ""  # an internal host the user said yes to when queuing it
    queued_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed", "cancelled")

    @property
    def label(self) -> str:
        """What a list calls it: the file name when known, else the article's title."""
        return self.name or self.title or self.url


class ScopeKind(StrEnum):
    ALL = "all"
    STARRED = "starred"
    FOLDER = "folder"
    FEED = "feed"
    SEARCH = "search"  # a saved search: a virtual feed of the articles matching it


@dataclass(frozen=True, slots=True)
class ArticleScope:
    """Which articles a list shows: everything, starred, one folder, one feed or the articles
    of one saved search."""

    kind: ScopeKind = ScopeKind.ALL
    feed_id: int | None = None
    folder: str | None = None
    unread_only: bool = False
    search_id: int | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place named in a text, with where each mention sits."""

    name: str
    label: EntityLabel
    mentions: tuple[tuple[int, int], ...] = ()  # (start, end) offsets into the extracted text

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class TariffRow:
    """One tariff rate a text reports for one country."""

    country: str
    iso: str
    rate_pct: float
    rate_max_pct: float | None
    status: TariffStatus
    effective: date | None
    evidence: str
    # Offsets of the evidence sentence in the extracted text.
    evidence_span: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict[str, Any]:
        """The row as JSON-ready values (the date as ISO text, the span as a list): the one
        form the store's payloads and the command line's JSON and CSV are made from."""
        return {
            "country": self.country,
            "iso": self.iso,
            "rate_pct": self.rate_pct,
            "rate_max_pct": self.rate_max_pct,
            "status": self.status,
            "effective": self.effective.isoformat() if self.effective else None,
            "evidence": self.evidence,
            "evidence_span": list(self.evidence_span),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TariffRow:
        """The row of :meth:`to_dict` (raises KeyError, TypeError or ValueError for a damaged
        one; a missing span or maximum reads as none)."""
        span = data.get("evidence_span") or (0, 0)
        rate_max = data.get("rate_max_pct")
        effective = data.get("effective")
        return cls(
            country=str(data["country"]),
            iso=str(data["iso"]),
            rate_pct=float(data["rate_pct"]),
            rate_max_pct=None if rate_max is None else float(rate_max),
            status=cast(TariffStatus, data["status"]),
            effective=date.fromisoformat(effective) if effective else None,
            evidence=str(data["evidence"]),
            evidence_span=(int(span[0]), int(span[1])),
        )


@dataclass(frozen=True, slots=True)
class Extraction:
    """Entities and tariffs of one text, with the extractor version that made them."""

    version: str
    text: str  # the cleaned text the offsets refer to
    entities: tuple[Entity, ...] = ()
    tariffs: tuple[TariffRow, ...] = ()


@dataclass(frozen=True, slots=True)
class TrackedTariff:
    """A tariff row from the cache, with the article it came from (the tracker's unit)."""

    row: TariffRow
    article_id: int
    article_title: str
    feed_title: str
    published: datetime | None


@dataclass(frozen=True, slots=True)
class FeedRefresh:
    """What one feed's refresh did."""

    feed_id: int
    url: str
    status: int | None = None  # HTTP status, None when no response came
    not_modified: bool = False
    new_articles: int = 0
    new_url: str | None = None  # set when a permanent redirect moved the feed
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class RefreshSummary:
    """The outcome of refreshing a set of feeds."""

    results: tuple[FeedRefresh, ...] = field(default_factory=tuple)

    @property
    def failed(self) -> tuple[FeedRefresh, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def new_articles(self) -> int:
        return sum(r.new_articles for r in self.results)


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story (articles of several feeds on one event) as a list row shows it: the title of
    its first report (the lead), how many feeds and articles it has, its newest time."""

    id: int
    lead_id: int
    title: str
    feed_title: str
    """The lead article's feed (what a one-article story shows instead of a count)."""
    sources: int
    articles: int
    unread: int
    newest: datetime | None

"""The watch check a refresh runs on the articles it stored (tui.services.pipeline).

For each watched country whose rate a new article reports, the country's latest rate (the one
rule of tui.core.tariff_latest) is taken without the new articles and with them: when they
differ in rate or status, the article that made the difference raises an alert. For each watched
entity, a new article naming it does (read as the entity pivot reads an unopened article, see
tui.services.entity_search); for each watched saved search, a new article it finds does.
Alerts are stored once per (watch, article), so a change alerts once, whichever process (the
app's refresh, ``newsreader refresh`` from cron) finds it.

What it costs follows what is watched and what names it, not the size of the refresh: the
full-text index finds the candidates among the new articles (their ids are the newest, a range
the index seeks to), and only those are read.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import cast

from tui.core.models import Entity, EntityLabel, TrackedTariff
from tui.core.tariff_changes import same_rate
from tui.core.tariff_latest import CountryLatest
from tui.core.watching import (
    Alert,
    AlertKind,
    Watch,
    article_message,
    search_key,
    tariff_message,
)
from tui.store.repository import Repository

__all__ = ["MAX_ALERTS_PER_WATCH", "check_watches", "know_rates_of"]

MAX_ALERTS_PER_WATCH = 50
"""Articles one watch alerts for in one refresh at most (the newest): a first refresh of a
backlog may bring thousands naming a country, and the notification says how many anyway."""
_BATCH = 100  # candidate texts read per query
_WALK = 500  # older articles naming a newly watched country checked for its rate, at most
_EXTRACTOR_TEXTS = 200  # texts per watch the entity extractor reads, as in the pivot
_SCANNED = "watch.tariff_scan"
"""State: for each watched country, the newest article when it was last checked (the articles
naming it up to there have their tariff rows known, as far as its latest rate needs them)."""


def check_watches(repo: Repository, new_ids: Sequence[int]) -> list[Alert]:
    """Store the alerts the articles ``new_ids`` (just stored by a refresh) raise for the watch
    list; returns those stored now (none that an earlier check stored)."""
    if not new_ids:
        return []
    watches = repo.watches()
    searches = repo.watched_searches()
    if not watches and not searches:
        return []
    new = set(new_ids)
    after = min(new) - 1  # the new articles' ids are above it (with few others, if any)
    alerts: list[Alert] = []
    countries = [w for w in watches if w.kind == "country"]
    if countries:
        _know_rates(repo, countries, new)
        alerts += _tariff_alerts(repo, countries, new)
    titles: dict[int, tuple[str, str]] = {}
    for watch in watches:
        if watch.kind == "entity":
            found = _naming(repo, watch, new, after)
            alerts += _article_alerts(repo, "entity", watch.key, watch.name, found, titles)
    for search_id, name in searches:
        found = repo.in_report_order(repo.search_matches(search_id, after) & new)
        alerts += _article_alerts(repo, "search", search_key(search_id), name, found, titles)
    return repo.add_alerts(alerts)


def _country_names(name: str) -> tuple[str, ...]:
    """How an article names a country: its name, aliases and demonyms ("Vietnamese goods")."""
    from tui.core.countries import country_by_name

    country = country_by_name(name)
    if country is None:  # a bloc or a territory the tariff rows name ("European Union")
        from tui.core.entities import aliases_for

        return aliases_for(Entity(name, "GPE")) or (name,)
    return (country.name, *country.aliases, *country.demonyms)


def _checked(repo: Repository) -> dict[str, int]:
    try:
        state = json.loads(repo.get_state(_SCANNED) or "{}")
        return {str(k): int(v) for k, v in state.items()}
    except (ValueError, TypeError, AttributeError):
        return {}


def know_rates_of(repo: Repository, country: str, new: Collection[int] = ()) -> None:
    """Check for tariff rows the articles naming ``country`` (but ``new``), newest report
    first, until one states a rate for it: older ones cannot change its latest rate. At most
    :data:`_WALK` articles: a country no article gives a rate for is not worth reading the
    whole cache for (the tracker's catch-up checks the rest when it opens).

    The app runs it when the user watches a country (``w``), so the refresh after finds the
    rate it had; a refresh that finds a country watched another way (an imported watch list)
    runs it then, once.
    """
    from tui.services.extraction import extract_new_tariffs

    newest = repo.newest_article_id()
    older = repo.in_report_order(repo.phrase_matches(_country_names(country)) - set(new))
    for start in range(0, min(len(older), _WALK), _BATCH):
        batch = older[start : start + _BATCH]
        extract_new_tariffs(repo, batch)  # skips those checked already
        if country in repo.tariff_countries_in(batch, live=True):
            break
    checked = _checked(repo)
    checked[country] = newest
    repo.set_state(_SCANNED, json.dumps(checked))


def _know_rates(repo: Repository, countries: list[Watch], new: set[int]) -> None:
    """Make sure the tariff rows the latest rule needs are known: those of the articles since
    the last check that name a watched country (the app's refresh checked the new ones as it
    stored them; a refresh from cron did not), and, for a country not checked before, those of
    the older articles that :func:`know_rates_of` reads."""
    from tui.services.extraction import extract_new_tariffs

    checked = _checked(repo)
    newest = repo.newest_article_id()
    for watch in countries:
        since = checked.get(watch.name)
        if since is None:
            know_rates_of(repo, watch.name, new)
            since = min(new) - 1
        recent = repo.phrase_matches(_country_names(watch.name), since)
        extract_new_tariffs(repo, sorted(recent, reverse=True))  # skips those checked
        checked[watch.name] = newest
    repo.set_state(_SCANNED, json.dumps(checked))


def _tariff_alerts(repo: Repository, countries: list[Watch], new: set[int]) -> list[Alert]:
    from tui.services.subscriptions import DEMO_FEED_URL

    touched = repo.tariff_countries_in(sorted(new))
    alerts = []
    for watch in countries:
        if watch.name not in touched:
            continue
        fiction = (DEMO_FEED_URL,)  # the demo's rates never enter the tracker, nor alert
        before_ids = repo.newest_reports(watch.name, new, exclude_feeds=fiction)
        rows = repo.country_reports(watch.name, before_ids | new, exclude_feeds=fiction)
        before, after = _latest([t for t in rows if t.article_id not in new]), _latest(rows)
        if after is None or same_rate(before, after) or after.article_id not in new:
            continue
        message = tariff_message(before, after)
        alerts.append(Alert(watch.key, "tariff", watch.name, after.article_id, message))
    return alerts


def _latest(rows: list[TrackedTariff]) -> TrackedTariff | None:
    latest = CountryLatest()
    for tracked in rows:
        latest.add(tracked)
    return latest.latest()


def _naming(repo: Repository, watch: Watch, new: set[int], after: int) -> list[int]:
    """The new articles that name the watched entity, newest first, at most the cap: those the
    index finds by one of its names, read newest first until the cap is reached."""
    from tui.core.entities import aliases_for
    from tui.core.entity_mentions import names_entity

    entity = Entity(watch.name, cast(EntityLabel, watch.label))
    names = aliases_for(entity) or (entity.name,)
    candidates = repo.in_report_order(repo.phrase_matches(names, after) & new)
    found: list[int] = []
    read = 0
    for start in range(0, len(candidates), _BATCH):
        batch = candidates[start : start + _BATCH]
        texts = repo.indexed_texts(batch, names)
        for article_id in batch:
            text = texts.get(article_id)
            if text is None:
                continue
            read += 1  # past the limit, a possible longer name is judged by its neighbours
            if names_entity(text, entity, names, extractor=read <= _EXTRACTOR_TEXTS):
                found.append(article_id)
                if len(found) >= MAX_ALERTS_PER_WATCH:
                    return found
    return found


def _article_alerts(
    repo: Repository,
    kind: AlertKind,
    key: str,
    subject: str,
    found: list[int],
    titles: dict[int, tuple[str, str]],
) -> list[Alert]:
    """An alert per article of ``found`` (newest first, at most the cap), oldest first."""
    chosen = found[:MAX_ALERTS_PER_WATCH]
    missing = [i for i in chosen if i not in titles]
    titles.update((s.id, (s.title, s.feed_title)) for s in repo.summaries(missing))
    return [
        Alert(key, kind, subject, i, article_message(kind, subject, *titles[i]))
        for i in reversed(chosen)
        if i in titles
    ]

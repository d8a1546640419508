"""The watch check a refresh runs on the articles it stored (tui.services.pipeline).

For each watched country whose rate a new article reports, the country's latest rate (the one
rule of tui.core.tariff_latest) is taken without the new articles and with them: when they
differ in rate or status, the article that made the difference raises an alert. For each watched
entity, a new article naming it does (read as the entity pivot reads an unopened article, see
tui.services.entity_search); for each watched saved search, a new article it finds does.
Alerts are stored once per (watch, article), so a change alerts once, whichever process (the
app's refresh, ``newsreader refresh`` from cron) finds it.
"""

from __future__ import annotations

from collections.abc import Sequence
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

__all__ = ["MAX_ALERTS_PER_WATCH", "check_watches"]

MAX_ALERTS_PER_WATCH = 50
"""Articles one watch alerts for in one refresh at most (the newest): a first refresh of a
backlog may bring thousands naming a country, and the notification says how many anyway."""
_EXTRACTOR_TEXTS = 500  # texts read with the entity extractor per watch, as in the pivot


def check_watches(repo: Repository, new_ids: Sequence[int]) -> list[Alert]:
    """Store the alerts the articles ``new_ids`` (just stored by a refresh) raise for the watch
    list; returns those stored now (none that an earlier check stored).

    When a country is watched, every article not checked for tariff rows yet is checked first
    (:func:`tui.services.extraction.catch_up_tariffs`: the new ones, when the refresh did not
    check them, and older ones a refresh from cron stored), so the rate before the new articles
    is known; when none is, the check costs a query.
    """
    if not new_ids:
        return []
    watches = repo.watches()
    searches = repo.watched_searches()
    if not watches and not searches:
        return []
    ids = sorted(set(new_ids), reverse=True)  # newest first: the ones kept past the cap
    alerts: list[Alert] = []
    countries = [w for w in watches if w.kind == "country"]
    if countries:
        # The rate before the new articles needs the rows of every older one too: those a
        # refresh without the check stored (cron) are checked now, once each.
        from tui.services.extraction import catch_up_tariffs

        catch_up_tariffs(repo)
        alerts += _tariff_alerts(repo, countries, set(ids))
    titles: dict[int, tuple[str, str]] = {}
    for watch in watches:
        if watch.kind == "entity":
            found = _naming(repo, watch, ids)
            alerts += _article_alerts(repo, "entity", watch.key, watch.name, found, titles)
    for search_id, name in searches:
        found = sorted(repo.search_matches(search_id, ids), reverse=True)
        alerts += _article_alerts(repo, "search", search_key(search_id), name, found, titles)
    return repo.add_alerts(alerts)


def _tariff_alerts(repo: Repository, countries: list[Watch], new: set[int]) -> list[Alert]:
    from tui.services.tracker import tracked_tariffs

    touched = repo.tariff_countries_in(sorted(new))
    alerts = []
    for watch in countries:
        if watch.name not in touched:
            continue
        rows = [t for t in tracked_tariffs(repo, country=watch.name) if t.row.country == watch.name]
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


def _naming(repo: Repository, watch: Watch, ids: list[int]) -> list[int]:
    """Those of ``ids`` (newest first) that name the watched entity, newest first."""
    from tui.core.entities import aliases_for
    from tui.core.entity_mentions import names_entity

    entity = Entity(watch.name, cast(EntityLabel, watch.label))
    names = aliases_for(entity) or (entity.name,)
    texts = repo.indexed_texts(ids, names)
    found = []
    for read, article_id in enumerate(i for i in ids if i in texts):
        if names_entity(texts[article_id], entity, names, extractor=read < _EXTRACTOR_TEXTS):
            found.append(article_id)
            if len(found) >= MAX_ALERTS_PER_WATCH:
                break
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

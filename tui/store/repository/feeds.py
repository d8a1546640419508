"""Feeds: subscribing, listing with counts, and recording what each fetch brought."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import Any, cast

from tui.core import limits
from tui.core.limits import cap, folder_path
from tui.core.models import Feed, Subscription
from tui.core.text import clean_line
from tui.store.errors import DuplicateFeedError
from tui.store.repository.connections import Connections
from tui.store.repository.rows import (
    FEED_COLUMNS,
    FEED_TITLE,
    feed_from_row,
    from_epoch,
    named,
    now,
    to_epoch,
)


def _feed_url(url: str) -> str:
    if len(url) > limits.URL:
        raise ValueError(f"feed URL longer than {limits.URL} characters")
    return url


_COUNTS = "coalesce(c.total, 0) AS total, coalesce(c.unread, 0) AS unread"
_WITH_COUNTS = "LEFT JOIN feed_counts c ON c.feed_id = f.id"


class Feeds(Connections):
    """The feeds table."""

    def add_feed(self, url: str, title: str = "", folder: str = "", site_url: str = "") -> Feed:
        try:
            with self._write() as conn:
                cur = conn.execute(
                    "INSERT INTO feeds (url, title, folder, site_url) VALUES (?, ?, ?, ?)",
                    (
                        _feed_url(url),
                        cap(clean_line(title), limits.TITLE),  # a title given: one line
                        folder_path(folder),
                        limits.link(site_url),
                    ),
                )
        except sqlite3.IntegrityError as exc:
            raise DuplicateFeedError(url) from exc
        feed = self.feed(int(cast(int, cur.lastrowid)))
        assert feed is not None
        return feed

    def add_subscriptions(self, subs: Iterable[Subscription]) -> int:
        """Subscribe to every URL not yet known (one transaction); returns how many were added.
        A URL longer than the store keeps is skipped."""
        added = 0
        with self._write() as conn:
            for sub in subs:
                if len(sub.url) > limits.URL:
                    continue
                cur = conn.execute(
                    "INSERT OR IGNORE INTO feeds (url, title, folder, site_url)"
                    " VALUES (?, ?, ?, ?)",
                    (
                        sub.url,
                        cap(sub.title, limits.TITLE),
                        folder_path(sub.folder),
                        limits.link(sub.site_url),
                    ),
                )
                added += cur.rowcount
        return added

    def move_to_folders(self, subs: Iterable[Subscription]) -> int:
        """Put each subscribed feed of ``subs`` that is given a folder into that folder (one
        transaction); returns how many moved. A feed given no folder stays where it is."""
        moved = 0
        with self._write() as conn:
            for sub in subs:
                folder = folder_path(sub.folder)
                if folder:
                    moved += conn.execute(
                        "UPDATE feeds SET folder = ? WHERE url = ? AND folder != ?",
                        (folder, sub.url, folder),
                    ).rowcount
        return moved

    def remove_feed(self, feed_id: int) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def has_feeds(self) -> bool:
        """Whether anything is subscribed (without :meth:`feeds`' counts: 30-40 ms at 200,000
        articles, on the way to the app's first frame)."""
        return self._conn().execute("SELECT 1 FROM feeds LIMIT 1").fetchone() is not None

    def feeds(self) -> list[Feed]:
        """Every feed with its unread/total counts (kept by triggers in ``feed_counts``),
        ordered by folder then title."""
        rows = named(
            self._conn(),
            f"SELECT {FEED_COLUMNS}, {_COUNTS} FROM feeds f {_WITH_COUNTS}"
            f" ORDER BY f.folder COLLATE NOCASE, lower({FEED_TITLE}), f.id",
        )
        return [feed_from_row(row, unread=row["unread"], total=row["total"]) for row in rows]

    def feed(self, feed_id: int) -> Feed | None:
        return self._one_feed("f.id = ?", feed_id)

    def feed_by_url(self, url: str) -> Feed | None:
        return self._one_feed("f.url = ?", url)

    def _one_feed(self, where: str, value: object) -> Feed | None:
        row = named(
            self._conn(),
            f"SELECT {FEED_COLUMNS}, {_COUNTS} FROM feeds f {_WITH_COUNTS} WHERE {where}",
            (value,),
        ).fetchone()
        if row is None:
            return None
        return feed_from_row(row, unread=row["unread"], total=row["total"])

    def subscriptions(self) -> list[Subscription]:
        rows = named(
            self._conn(),
            "SELECT url, title, folder, site_url FROM feeds f"
            f" ORDER BY folder COLLATE NOCASE, lower({FEED_TITLE}), id",
        )
        return [
            Subscription(url=r["url"], title=r["title"], folder=r["folder"], site_url=r["site_url"])
            for r in rows
        ]

    def set_folder(self, feed_id: int, folder: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE feeds SET folder = ? WHERE id = ?", (folder_path(folder), feed_id))

    def set_feed_title(self, feed_id: int, title: str) -> None:
        """A title from elsewhere (a sync server's rename): one line, as ``add_feed`` keeps it."""
        with self._write() as conn:
            conn.execute(
                "UPDATE feeds SET title = ? WHERE id = ?",
                (cap(clean_line(title), limits.TITLE), feed_id),
            )

    def record_fetch(
        self,
        feed_id: int,
        *,
        status: int | None,
        error: str | None,
        etag: str | None = None,
        last_modified: str | None = None,
        new_url: str | None = None,
        disabled: bool | None = None,
        title: str | None = None,
        site_url: str | None = None,
        retry_after: datetime | None = None,
    ) -> None:
        """Record the outcome of one fetch.

        ``status`` and ``error`` are always written (``error=None`` clears an old error). For the
        other fields None means "leave as is"; an empty ``etag``/``last_modified`` clears it.
        ``retry_after`` (extra to the contract) is when the feed may be fetched again after a
        429/503; any fetch that is not told to wait clears it. A ``new_url`` that another feed
        already uses is not applied (the two feeds stay apart).
        """
        sets = ["last_status = ?", "last_error = ?", "last_fetched = ?", "retry_after = ?"]
        error = None if error is None else cap(error, limits.ERROR)
        params: list[Any] = [status, error, now(), to_epoch(retry_after)]
        for column, value in (("etag", etag), ("last_modified", last_modified)):
            if value is not None:
                sets.append(f"{column} = ?")
                # A validator cut short would never match: one too long is not kept at all.
                params.append(value if 0 < len(value) <= limits.VALIDATOR else None)
        for column, text in (
            ("title", None if title is None else cap(title, limits.TITLE)),
            ("site_url", None if site_url is None else limits.link(site_url)),
        ):
            if text is not None:
                sets.append(f"{column} = ?")
                params.append(text)
        if new_url is not None and len(new_url) > limits.URL:
            new_url = None
        if disabled is not None:
            sets.append("disabled = ?")
            params.append(int(disabled))
        with self._write() as conn:
            conn.execute(f"UPDATE feeds SET {', '.join(sets)} WHERE id = ?", (*params, feed_id))
            if new_url:
                taken = conn.execute(
                    "SELECT 1 FROM feeds WHERE url = ? AND id <> ?", (new_url, feed_id)
                ).fetchone()
                if taken is None:
                    conn.execute("UPDATE feeds SET url = ? WHERE id = ?", (new_url, feed_id))

    def set_disabled(self, feed_id: int, disabled: bool) -> None:
        with self._write() as conn:
            conn.execute("UPDATE feeds SET disabled = ? WHERE id = ?", (int(disabled), feed_id))

    def retry_after(self, feed_id: int) -> datetime | None:
        """When a feed that answered 429/503 may be fetched again (None: any time)."""
        row = self._conn().execute("SELECT retry_after FROM feeds WHERE id = ?", (feed_id,))
        found = row.fetchone()
        return from_epoch(found[0]) if found else None

"""The download queue: enclosures queued for download, their progress and their outcome.

A row is claimed (``running``) by the process that downloads it and written back as it goes, so
the app, ``newsreader downloads`` and a ``newsreader download`` from cron see one truth; a row
whose state was changed under a runner (cancelled in the app while cron downloads it) tells that
runner to stop at its next progress write.
"""

from __future__ import annotations

import sqlite3
from typing import cast

from tui.core import limits
from tui.core.limits import cap
from tui.core.models import Download, DownloadState
from tui.store.repository.connections import Connections
from tui.store.repository.rows import from_epoch, named, now

_COLUMNS = (
    "id, url, article_id, title, media_type, state, directory, name, path, total, received,"
    " error, etag, last_modified, approved_host, queued_at, finished_at"
)


def _from_row(row: sqlite3.Row) -> Download:
    return Download(
        id=row["id"],
        url=row["url"],
        article_id=row["article_id"],
        title=row["title"],
        media_type=row["media_type"],
        state=cast(DownloadState, row["state"]),
        directory=row["directory"],
        name=row["name"],
        path=row["path"],
        total=row["total"],
        received=row["received"],
        error=row["error"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        approved_host=row["approved_host"],
        queued_at=from_epoch(row["queued_at"]),
        finished_at=from_epoch(row["finished_at"]),
    )


class Downloads(Connections):
    """Queued, running and finished downloads."""

    def queue_download(
        self,
        url: str,
        *,
        directory: str,
        article_id: int | None = None,
        title: str = "",
        media_type: str = "",
        total: int | None = None,
        approved_host: str = "",
    ) -> tuple[Download, bool]:
        """Queue ``url`` (once: a URL has one row). Returns the row and whether it was queued
        now: a failed or cancelled one is queued again (a failed one with bytes resumes where
        it stopped, in its own folder; one without, as one that failed for its folder, goes
        to ``directory``); a queued, running or finished one is left as it is."""
        with self._write() as conn:
            row = named(conn, f"SELECT {_COLUMNS} FROM downloads WHERE url = ?", (url,)).fetchone()
            if row is not None:
                if row["state"] == "forgotten":  # asked for again: back on the list
                    row = named(
                        conn,
                        f"UPDATE downloads SET state = 'done' WHERE id = ? RETURNING {_COLUMNS}",
                        (row["id"],),
                    ).fetchone()
                if row["state"] not in ("failed", "cancelled"):
                    return _from_row(row), False
                resumes = row["state"] == "failed" and row["received"] > 0
                folder = row["directory"] if resumes else directory
                row = named(
                    conn,
                    "UPDATE downloads SET state = 'queued', error = NULL, finished_at = NULL,"
                    " directory = ?, approved_host = ? WHERE id = ?"
                    f" RETURNING {_COLUMNS}",
                    (folder, approved_host or row["approved_host"], row["id"]),
                ).fetchone()
                return _from_row(row), True
            row = named(
                conn,
                "INSERT INTO downloads (url, article_id, title, media_type, directory, total,"
                " approved_host, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                f" RETURNING {_COLUMNS}",
                (
                    url,
                    article_id,
                    cap(title, limits.TITLE),
                    media_type,
                    directory,
                    total,
                    approved_host,
                    now(),
                ),
            ).fetchone()
            return _from_row(row), True

    def download(self, download_id: int) -> Download | None:
        row = named(
            self._conn(), f"SELECT {_COLUMNS} FROM downloads WHERE id = ?", (download_id,)
        ).fetchone()
        return None if row is None else _from_row(row)

    def download_for_url(self, url: str) -> Download | None:
        row = named(
            self._conn(), f"SELECT {_COLUMNS} FROM downloads WHERE url = ?", (url,)
        ).fetchone()
        return None if row is None else _from_row(row)

    def downloads(self) -> list[Download]:
        """Every download on the list (not those forgotten), the latest queued first."""
        rows = named(
            self._conn(),
            f"SELECT {_COLUMNS} FROM downloads WHERE state != 'forgotten' ORDER BY id DESC",
        )
        return [_from_row(r) for r in rows]

    def pending_downloads(self) -> list[Download]:
        """Queued downloads and those left running (by a process that stopped), oldest first."""
        rows = named(
            self._conn(),
            f"SELECT {_COLUMNS} FROM downloads WHERE state IN ('queued', 'running') ORDER BY id",
        )
        return [_from_row(r) for r in rows]

    def claim_download(self, download_id: int) -> Download | None:
        """Mark a pending download running; None when it is no longer pending."""
        with self._write() as conn:
            row = named(
                conn,
                "UPDATE downloads SET state = 'running', error = NULL"
                " WHERE id = ? AND state IN ('queued', 'running')"
                f" RETURNING {_COLUMNS}",
                (download_id,),
            ).fetchone()
        return None if row is None else _from_row(row)

    def record_download_response(
        self,
        download_id: int,
        *,
        name: str,
        total: int | None,
        etag: str,
        last_modified: str,
    ) -> None:
        """What the server said of the file: its name, size and validators."""
        with self._write() as conn:
            conn.execute(
                "UPDATE downloads SET name = ?, total = ?, etag = ?, last_modified = ?"
                " WHERE id = ?",
                (
                    name,
                    total,
                    cap(etag, limits.VALIDATOR),
                    cap(last_modified, limits.VALIDATOR),
                    download_id,
                ),
            )

    def record_download_progress(self, download_id: int, received: int) -> bool:
        """Store how many bytes are in; False when the download is no longer running (it was
        cancelled or removed meanwhile, here or by another process): its runner stops."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE downloads SET received = ? WHERE id = ? AND state = 'running'",
                (received, download_id),
            )
            return cursor.rowcount > 0

    def finish_download(
        self,
        download_id: int,
        state: DownloadState,
        *,
        received: int,
        path: str = "",
        name: str | None = None,
        error: str | None = None,
    ) -> None:
        """Record how a running download ended (``queued``: it stopped and will resume).
        A download cancelled meanwhile stays cancelled."""
        finished_at = now() if state in ("done", "failed", "cancelled") else None
        with self._write() as conn:
            conn.execute(
                "UPDATE downloads SET state = ?, received = ?, path = ?,"
                " name = coalesce(?, name), error = ?, finished_at = ?"
                " WHERE id = ? AND (state = 'running' OR ? = 'cancelled')",
                (
                    state,
                    received,
                    path,
                    name,
                    cap(error, limits.ERROR) if error else None,
                    finished_at,
                    download_id,
                    state,
                ),
            )

    def cancel_download(self, download_id: int) -> bool:
        """Cancel a queued or running download; False when it was not pending."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE downloads SET state = 'cancelled', finished_at = ?"
                " WHERE id = ? AND state IN ('queued', 'running')",
                (now(), download_id),
            )
            return cursor.rowcount > 0

    def queue_done_again(self, download_id: int, directory: str) -> Download | None:
        """Queue a finished download again, from its first byte, into ``directory`` (its file
        was deleted or moved); None when it is not finished."""
        with self._write() as conn:
            row = named(
                conn,
                "UPDATE downloads SET state = 'queued', received = 0, path = '', error = NULL,"
                " finished_at = NULL, directory = ? WHERE id = ? AND state = 'done'"
                f" RETURNING {_COLUMNS}",
                (directory, download_id),
            ).fetchone()
            return None if row is None else _from_row(row)

    def retry_download(self, download_id: int) -> bool:
        """Queue a failed or cancelled download again; False when it was neither."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE downloads SET state = 'queued', error = NULL, finished_at = NULL"
                " WHERE id = ? AND state IN ('failed', 'cancelled')",
                (download_id,),
            )
            return cursor.rowcount > 0

    def forget_download(self, download_id: int) -> bool:
        """Drop a finished download from the list (its file stays); False when it is pending.
        A done one is kept as ``forgotten``: the player still finds its file by its URL."""
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE downloads SET state = 'forgotten' WHERE id = ? AND state = 'done'",
                (download_id,),
            )
            if cursor.rowcount:
                return True
            cursor = conn.execute(
                "DELETE FROM downloads WHERE id = ? AND state IN ('failed', 'cancelled')",
                (download_id,),
            )
            return cursor.rowcount > 0

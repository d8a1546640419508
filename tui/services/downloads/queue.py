"""What the reader and the command line ask of the download queue: queue an article's
enclosures, retry, forget, and what to hand the player."""

from __future__ import annotations

from pathlib import Path

from tui.core.models import Article, Download, Enclosure
from tui.services.downloads.files import part_path, remove_part
from tui.store.repository import Repository

__all__ = ["file_missing", "forget_download", "play_target", "queue_enclosures", "retry_download"]


def queue_enclosures(
    repo: Repository,
    article: Article,
    directory: Path,
    enclosures: tuple[Enclosure, ...] | None = None,
    *,
    approved_host: str = "",
) -> list[tuple[Download, bool]]:
    """Queue the article's enclosures (or those given) for download into ``directory``; each
    with whether it was queued now (False: queued, running or done already, its file there).
    A download done whose file is gone (deleted once heard, or moved) is queued again."""
    chosen = article.enclosures if enclosures is None else enclosures
    results = []
    for enclosure in chosen:
        download, queued = repo.queue_download(
            enclosure.url,
            directory=str(directory),
            article_id=article.id,
            title=article.title,
            media_type=enclosure.media_type,
            total=enclosure.length,
            approved_host=approved_host,
        )
        if download.state == "done" and not Path(download.path).is_file():
            again = repo.queue_done_again(download.id, str(directory))
            download, queued = (again, True) if again is not None else (download, queued)
        results.append((download, queued))
    return results


def retry_download(repo: Repository, download_id: int) -> bool:
    """Queue a failed or cancelled download again (a failed one resumes from its bytes)."""
    return repo.retry_download(download_id)


def forget_download(repo: Repository, download_id: int) -> bool:
    """Drop a finished download from the list: the file stays, a failed one's bytes go."""
    download = repo.download(download_id)
    if download is None or not repo.forget_download(download_id):
        return False
    if download.state != "done":
        remove_part(download)
    return True


def play_target(download: Download) -> str:
    """What the player plays: the file when the download is done and the file is there, else
    the stream at its URL (done and then removed from the list: the file is still there)."""
    if download.state in ("done", "forgotten") and download.path and Path(download.path).is_file():
        return download.path
    return download.url


def file_missing(download: Download) -> bool:
    """Whether the download is done but its file is no longer there (deleted or moved)."""
    return download.state == "done" and not (download.path and Path(download.path).is_file())


def partial_bytes(download: Download) -> int:
    """Bytes of the download on the disk so far (0 when none)."""
    try:
        return part_path(download).stat().st_size
    except OSError:
        return 0

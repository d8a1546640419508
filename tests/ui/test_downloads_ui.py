"""Enclosures in the reader, through Pilot against a real server on 127.0.0.1: the body lists
them, `l` details them, D downloads (asking first for an internal address), the downloads
screen shows the progress, cancels, and plays the file with the player command."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.mediaserver import MediaServer, media_bytes, serve_media, sha256
from tests.ui.conftest import main, reader_settings, screen_text, seed, started, when
from tui.core.models import Enclosure, ParsedArticle
from tui.paths import resolve
from tui.services.downloads.files import part_path
from tui.services.downloads.transfer import Progress
from tui.store.repository import Repository
from tui.ui.app import NewsReaderApp
from tui.ui.messages import DownloadProgress
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.downloads import DownloadsScreen, DownloadsTable
from tui.ui.screens.links import LinksScreen

BODY = media_bytes(2_000_000, seed=9)


@pytest.fixture
def media() -> Iterator[MediaServer]:
    with serve_media(MediaServer(BODY)) as server:
        yield server


def pod_article(repo: Repository, url: str) -> int:
    """A podcast episode, newer than every seeded article (the first row of All)."""
    feed = repo.add_feed("http://127.0.0.1:9/pod.xml", title="Pod Desk", folder="Pods")
    enclosure = Enclosure(url, "audio/mpeg", 2_000_000, 2710)
    (article_id,) = repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid="ep1",
                link="https://pod.example/ep1",
                title="Episode 1: tariffs explained",
                published=when(28, 9),
                content_html="<p>This week: what a tariff is.</p>",
                enclosures=(enclosure,),
            )
        ],
    )
    return article_id


def recording_player(tmp_path: Path) -> tuple[str, Path]:
    """A player command (a Python script standing in for mpv) and the file it writes its
    arguments to."""
    script, out = tmp_path / "player.py", tmp_path / "played.txt"
    script.write_text(
        f"import sys, pathlib\npathlib.Path({str(out)!r}).write_text('\\n'.join(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", out


async def wait_for(pilot: Pilot[None], ready: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


def file_sha256(path: str) -> str:
    return sha256(Path(path).read_bytes())


def delete(path: str) -> None:
    Path(path).unlink()


def state(repo: Repository, url: str) -> str | None:
    download = repo.download_for_url(url)
    return None if download is None else download.state


def app_with(tmp_path: Path, **settings: object) -> NewsReaderApp:
    return NewsReaderApp(resolve(), reader_settings(download_dir=str(tmp_path / "dl"), **settings))


async def test_d_downloads_and_the_downloads_screen_plays_the_file(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    seed(repo)
    url = media.url("ep1.mp3")
    pod_article(repo, url)
    player, played = recording_player(tmp_path)
    app = app_with(tmp_path, internal_links="allow", player=player)
    async with started(app) as pilot:
        screen = main(app)
        assert screen.view is not None and screen.view.article.title.startswith("Episode 1")
        shown = "\n".join(screen_text(app))
        assert "▶ ep1.mp3 · audio/mpeg · 2.0 MB · 45:10" in shown
        assert "D download · P play · L downloads" in shown
        await pilot.press("D")
        await wait_for(pilot, lambda: state(repo, url) == "done")
        download = repo.download_for_url(url)
        assert download is not None
        assert Path(download.path) == tmp_path / "dl" / "ep1.mp3"
        assert file_sha256(download.path) == sha256(BODY)
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        table = app.screen.query_one(DownloadsTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        row = [cell.plain for cell in table.get_row_at(0)]
        assert row[0] == "done" and row[1].endswith("100%") and row[5] == "ep1.mp3"
        await pilot.press("P")
        await wait_for(pilot, played.exists)
        assert played.read_text() == download.path
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        played.unlink()
        await pilot.press("P")  # on the article: its file, now that it is downloaded
        await wait_for(pilot, played.exists)
        assert played.read_text() == download.path


async def test_the_downloads_screen_shows_progress_and_cancels(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    seed(repo)
    media.delay = 0.05  # about a megabyte a second: time to look, then cancel
    url = media.url("ep1.mp3")
    pod_article(repo, url)
    app = app_with(tmp_path, internal_links="allow")
    async with started(app) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: state(repo, url) == "running")
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        table = app.screen.query_one(DownloadsTable)

        def cells() -> list[str]:
            return [c.plain for c in table.get_row_at(0)] if table.row_count else []

        await wait_for(pilot, lambda: bool(cells()) and cells()[2].endswith("of 2.0 MB"))
        row = cells()
        assert row[0] == "running" and "%" in row[1] and row[3].endswith("/s")
        await pilot.press("c")
        await wait_for(pilot, lambda: state(repo, url) == "cancelled")
        await wait_for(pilot, lambda: cells()[0] == "cancelled")
        download = repo.download_for_url(url)
        assert download is not None and not part_path(download).exists()
        assert not (tmp_path / "dl" / "ep1.mp3").exists()
        assert media.requests[0].sent < len(BODY)


async def test_an_internal_enclosure_asks_once_and_the_answer_goes_with_it(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    seed(repo)
    url = media.url("ep1.mp3")
    pod_article(repo, url)
    app = app_with(tmp_path)  # internal_links = "ask"
    async with started(app) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "127.0.0.1" in "\n".join(screen_text(app))
        await pilot.press("y")
        await wait_for(pilot, lambda: state(repo, url) == "done")
        download = repo.download_for_url(url)
        assert download is not None and download.approved_host == "127.0.0.1"


async def test_refused_internal_enclosure_is_not_queued(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    seed(repo)
    url = media.url("ep1.mp3")
    pod_article(repo, url)
    app = app_with(tmp_path, internal_links="refuse")
    async with started(app) as pilot:
        await pilot.press("D")
        await pilot.pause(0.3)
        assert state(repo, url) is None and media.requests == []
        assert any("internal address" in str(n.message) for n in app._notifications)


async def test_l_lists_the_enclosures_with_their_details(repo: Repository, tmp_path: Path) -> None:
    seed(repo)
    pod_article(repo, "https://pod.example/ep1.mp3")
    app = app_with(tmp_path)
    async with started(app) as pilot:
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LinksScreen))
        assert app.screen.links[-1] == "https://pod.example/ep1.mp3"
        lines = "\n".join(screen_text(app))
        assert "https://pod.example/ep1.mp3  audio/mpeg · 2.0 MB · 45:10" in lines


async def test_an_article_without_enclosures_says_so(repo: Repository, tmp_path: Path) -> None:
    seed(repo)
    app = app_with(tmp_path)
    async with started(app) as pilot:
        await pilot.press("D")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert "This article has no podcast or file to download" in messages
        assert repo.downloads() == []


def test_progress_ticks_of_one_download_coalesce() -> None:
    def tick(download_id: int, received: int) -> DownloadProgress:
        return DownloadProgress(Progress(download_id, "ep.mp3", received, 100, 1.0))

    assert tick(1, 20).can_replace(tick(1, 10))
    assert not tick(2, 20).can_replace(tick(1, 10))


async def test_quitting_mid_download_keeps_its_bytes_and_the_next_start_resumes(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    seed(repo)
    media.delay = 0.05
    url = media.url("ep1.mp3")
    pod_article(repo, url)

    def partial() -> int:
        download = repo.download_for_url(url)
        path = part_path(download) if download is not None else None
        return path.stat().st_size if path is not None and path.exists() else 0

    async with started(app_with(tmp_path, internal_links="allow")) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: partial() > 200_000)
    deadline = time.monotonic() + 10
    while state(repo, url) != "queued":  # the worker puts it back as the app closes
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    kept = partial()
    assert 200_000 < kept < len(BODY)
    media.delay = 0.0
    async with started(app_with(tmp_path, internal_links="allow")) as pilot:
        await wait_for(pilot, lambda: state(repo, url) == "done")
    download = repo.download_for_url(url)
    assert download is not None and file_sha256(download.path) == sha256(BODY)
    assert media.requests[-1].range == f"bytes={kept}-"
    assert media.requests[-1].status == 206


@asynccontextmanager
async def _three_downloads(
    app: NewsReaderApp, repo: Repository, size: tuple[int, int]
) -> AsyncIterator[tuple[Pilot[None], DownloadsScreen, DownloadsTable]]:
    """The downloads screen (``L``) at ``size`` over the snapshots' three downloads, its table
    within the screen's width (no sideways scroll bar)."""
    from tests.ui.test_snapshots import _downloads

    seed(repo)
    _downloads(repo)
    async with started(app, size=size) as pilot:
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        screen = app.screen
        assert isinstance(screen, DownloadsScreen)
        table = screen.query_one(DownloadsTable)
        await wait_for(pilot, lambda: table.row_count == 3)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        yield pilot, screen, table


async def _running_download_detail(
    app: NewsReaderApp,
    repo: Repository,
    pilot: Pilot[None],
    screen: DownloadsScreen,
    table: DownloadsTable,
) -> str:
    """The detail lines of a fourth download, running at 500 KB/s, highlighted."""
    download = repo.queue_download("https://pod.example/new.mp3", directory="/srv")[0]
    repo.claim_download(download.id)
    screen.reload()
    await wait_for(pilot, lambda: table.row_count == 4)
    screen.show_progress(Progress(download.id, "new.mp3", 1_000_000, 4_000_000, 500_000.0))
    table.move_cursor(row=table.get_row_index(str(download.id)))
    await pilot.pause()
    return "\n".join(screen_text(app)[-4:])


async def test_the_downloads_screen_names_each_download_at_80_columns(
    repo: Repository, tmp_path: Path
) -> None:
    """At 80 columns the fixed columns took 85 cells: the File column was off to the right,
    behind a sideways scroll bar, and nothing said which row was which download."""
    app = app_with(tmp_path)
    async with _three_downloads(app, repo, (80, 24)) as (pilot, screen, table):
        text = "\n".join(screen_text(app))
        for name in ("atp311.mp3", "atp310.mp3", "An interview in video"):
            assert name in text
        # A running download's speed and time left, which have no column here: on the
        # detail line of the highlighted row.
        detail = await _running_download_detail(app, repo, pilot, screen, table)
        assert "500 KB/s · 0:06 left" in detail


async def test_a_running_downloads_detail_does_not_call_it_queued(
    repo: Repository, tmp_path: Path
) -> None:
    """Wide enough for the speed column, a running download's detail line said "queued
    <date>", as if it had not started."""
    app = app_with(tmp_path)
    async with _three_downloads(app, repo, (120, 30)) as (pilot, screen, table):
        detail = await _running_download_detail(app, repo, pilot, screen, table)
        assert "new.mp3" in detail and "added " in detail and "queued" not in detail


async def test_the_downloads_screen_does_not_scroll_sideways_at_40_columns(
    repo: Repository, tmp_path: Path
) -> None:
    """At 40 columns the state, progress and size columns took 62 cells: the file names were
    behind a sideways scroll bar. The size and the progress give way to the file's name,
    the detail line showing the highlighted download's size."""
    app = app_with(tmp_path)
    async with _three_downloads(app, repo, (40, 24)):
        text = "\n".join(screen_text(app))
        for name in ("atp311.mp3", "atp310.mp3", "An interview in"):
            assert name in text
        assert "An interview in video  310 MB" in "\n".join(screen_text(app)[-4:])  # its size


async def test_p_plays_the_file_of_a_download_x_removed_from_the_list(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    """x removes a finished download from the list and leaves its file: P on the article then
    streamed the URL, the file on the disk forgotten with the row."""
    seed(repo)
    url = media.url("ep1.mp3")
    pod_article(repo, url)
    player, played = recording_player(tmp_path)
    app = app_with(tmp_path, internal_links="allow", player=player)
    async with started(app) as pilot:
        screen = main(app)
        await pilot.press("D")
        await wait_for(pilot, lambda: state(repo, url) == "done")
        download = repo.download_for_url(url)
        assert download is not None
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        table = app.screen.query_one(DownloadsTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        await pilot.press("x")
        await wait_for(pilot, lambda: table.row_count == 0)
        assert repo.downloads() == []
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen)
        await pilot.press("P")
        await wait_for(pilot, played.exists)
        assert played.read_text() == download.path
        await pilot.press("D")  # again: back on the list, its file there, nothing fetched
        await wait_for(pilot, lambda: len(repo.downloads()) == 1)
        assert state(repo, url) == "done"


async def test_the_downloads_list_does_not_say_done_for_a_deleted_file(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    seed(repo)
    url = media.url("ep1.mp3")
    pod_article(repo, url)
    app = app_with(tmp_path, internal_links="allow")
    async with started(app) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: state(repo, url) == "done")
        download = repo.download_for_url(url)
        assert download is not None
        delete(download.path)
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        table = app.screen.query_one(DownloadsTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        row = [cell.plain for cell in table.get_row_at(0)]
        assert row[0] == "missing" and not row[1].endswith("100%")
        assert "file missing" in "\n".join(screen_text(app))


async def test_the_empty_downloads_screen_says_it_whole_on_a_narrow_terminal(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    """At 50 columns (a phone's SSH client) the hint was cut: "... with a podcas"."""
    app = make_app()
    async with started(app, size=(50, 15)) as pilot:
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, DownloadsScreen)
        text = " ".join(" ".join(line.strip("│ ").split()) for line in screen_text(app))
        assert "D on an article with a podcast or a file queues one" in text


async def test_r_retries_a_cancelled_download_while_another_downloads(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    """r on a download cancelled while another was still downloading did nothing: the running
    downloader remembered the cancel and cancelled it again as it started."""
    seed(repo)
    media.delay = 0.15  # a few seconds each: the second is still downloading at the retry
    urls = (media.url("ep1.mp3"), media.url("ep2.mp3"))
    feed = repo.add_feed("http://127.0.0.1:9/pod.xml", title="Pod Desk")
    enclosures = tuple(Enclosure(url, "audio/mpeg", len(BODY), 60) for url in urls)
    repo.store_articles(
        feed.id,
        [
            ParsedArticle(
                guid="two", title="Two files", published=when(28, 9), enclosures=enclosures
            )
        ],
    )
    app = app_with(tmp_path, internal_links="allow")
    async with started(app) as pilot:
        await pilot.press("D")
        await wait_for(pilot, lambda: all(state(repo, url) == "running" for url in urls))
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        table = app.screen.query_one(DownloadsTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        await pilot.press("c")
        await wait_for(pilot, lambda: any(state(repo, url) == "cancelled" for url in urls))
        (cancelled,) = [url for url in urls if state(repo, url) == "cancelled"]
        (other,) = [url for url in urls if url != cancelled]
        assert state(repo, other) == "running"
        await pilot.press("r")
        await wait_for(pilot, lambda: state(repo, cancelled) == "done", seconds=30)
        download = repo.download_for_url(cancelled)
        assert download is not None and file_sha256(download.path) == sha256(BODY)


async def test_the_downloads_screen_follows_a_download_from_cron(
    repo: Repository, media: MediaServer, tmp_path: Path
) -> None:
    """A `newsreader download` (cron) while the screen was open: the screen never listed it,
    and once opened again showed it running at the share it had then, after it had ended."""
    seed(repo)
    media.delay = 0.02
    url = media.url("ep1.mp3")
    article_id = pod_article(repo, url)
    config = resolve().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'internal_links = "allow"\ndownload_dir = "{tmp_path / "dl"}"\n')
    app = app_with(tmp_path)
    async with started(app) as pilot:
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        table = app.screen.query_one(DownloadsTable)
        cron = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tui",
            "download",
            str(article_id),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await asyncio.wait_for(cron.communicate(), timeout=120)
        assert cron.returncode == 0, err
        await wait_for(pilot, lambda: table.row_count == 1)
        await wait_for(pilot, lambda: table.get_row_at(0)[0].plain == "done")
        assert table.get_row_at(0)[1].plain.endswith("100%")


async def test_a_failed_download_with_a_long_address_shows_why_at_80_columns(
    repo: Repository, tmp_path: Path
) -> None:
    """The detail under the list had three lines: a podcast's address (tracking redirects
    make them long) wrapped onto the third and pushed the error off the screen, so a failed
    download did not say why."""
    seed(repo)
    url = "https://dts.podtrac.com/redirect.mp3/chrt.fm/track/ABC123/traffic.megaphone.fm/" + (
        "GLT1234567890.mp3?updated=1700000000&source=rss&episode=a-rather-long-episode-name"
    )
    download, _ = repo.queue_download(url, directory="/srv", title="An episode " * 40)
    repo.claim_download(download.id)
    error = "cannot connect: the server refused the connection (6 tries)"
    repo.finish_download(download.id, "failed", received=0, error=error)
    app = app_with(tmp_path)
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        table = app.screen.query_one(DownloadsTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        await pilot.pause()
        shown = " ".join(line.strip() for line in screen_text(app)[-6:])
        assert error in shown


async def test_every_key_of_the_empty_downloads_screen_answers(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    """On the empty list P said "No download selected" and c, r and x, shown in the footer
    beside it, did nothing at all."""
    app = make_app()
    async with started(app, size=(80, 24)) as pilot:
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, DownloadsScreen))
        for key in ("P", "c", "r", "x"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert [n.message for n in app._notifications] == ["No download selected"], key

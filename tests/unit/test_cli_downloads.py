"""`newsreader download [ID]` and `newsreader downloads [--json]`, in process, against a real
server on 127.0.0.1: exit codes like refresh, one line per failure, no progress off a tty."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mediaserver import MediaServer, media_bytes, serve_media, sha256
from tui.cli import run
from tui.core.models import Enclosure, ParsedArticle
from tui.paths import resolve
from tui.store.repository import Repository

BODY = media_bytes(1_500_000, seed=5)


@pytest.fixture
def media() -> Iterator[MediaServer]:
    with serve_media(MediaServer(BODY)) as server:
        yield server


def _article(home: Path, *urls: str) -> int:
    """An article with enclosures at ``urls`` in the home's database; its id."""
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        feed = repo.add_feed("https://pod.example/feed.xml", title="Pod")
        enclosures = tuple(Enclosure(url, "audio/mpeg", 1_500_000, 60) for url in urls)
        (article_id,) = repo.store_articles(
            feed.id, [ParsedArticle(guid="1", title="Episode 1", enclosures=enclosures)]
        )
    finally:
        repo.close()
    return article_id


def _config(text: str) -> None:
    config = resolve().config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text, encoding="utf-8")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_download_an_articles_enclosure_then_list_it(
    home: Path, media: MediaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _config('internal_links = "allow"\n')
    article_id = _article(home, media.url("ep1.mp3"))
    code, out, err = _run(capsys, "download", str(article_id))
    target = home / "downloads" / "ep1.mp3"
    assert (code, err) == (0, "")  # no progress line: stderr is no terminal
    assert out == f"downloaded {target} (1.5 MB)\n"
    assert sha256(target.read_bytes()) == sha256(BODY)
    code, out, _ = _run(capsys, "downloads")
    assert code == 0
    assert out.split() == [
        "1",
        "done",
        "100%",
        "1.5",
        "MB",
        "of",
        "1.5",
        "MB",
        "ep1.mp3",
        f"<{target}>",
    ]
    code, out, _ = _run(capsys, "downloads", "--json")
    (row,) = json.loads(out)
    assert (row["state"], row["path"], row["received"], row["total"]) == (
        "done",
        str(target),
        1_500_000,
        1_500_000,
    )
    assert row["article_id"] == article_id and row["title"] == "Episode 1"
    # Again: nothing is fetched, it is there.
    requests = len(media.requests)
    code, out, _ = _run(capsys, "download", str(article_id))
    assert code == 0 and out == f"downloaded {target} (1.5 MB)\n"
    assert len(media.requests) == requests


def test_a_download_whose_file_was_deleted_is_downloaded_again(
    home: Path, media: MediaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Listened to and deleted, then asked for again: it said "downloaded PATH" for a file
    that is not there (and the app "Already downloaded"), and nothing fetched it."""
    _config('internal_links = "allow"\n')
    article_id = _article(home, media.url("ep1.mp3"))
    assert _run(capsys, "download", str(article_id))[0] == 0
    target = home / "downloads" / "ep1.mp3"
    target.unlink()
    code, out, err = _run(capsys, "download", str(article_id))
    assert (code, out, err) == (0, f"downloaded {target} (1.5 MB)\n", "")
    assert sha256(target.read_bytes()) == sha256(BODY)
    (row,) = json.loads(_run(capsys, "downloads", "--json")[1])
    assert (row["id"], row["state"], row["received"]) == (1, "done", 1_500_000)


def test_a_download_that_failed_for_its_folder_goes_where_the_config_now_says(
    home: Path, tmp_path: Path, media: MediaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """download_dir named a file: the download failed, and once the setting was put right it
    failed again and again in the old place (a failed download resumes in its own folder,
    even with no byte there to resume), with no command to drop it."""
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file\n", encoding="utf-8")
    _config(f'internal_links = "allow"\ndownload_dir = "{not_a_folder}"\n')
    article_id = _article(home, media.url("ep1.mp3"))
    code, _, err = _run(capsys, "download", str(article_id))
    assert code == 1 and str(not_a_folder) in err
    folder = tmp_path / "podcasts"
    _config(f'internal_links = "allow"\ndownload_dir = "{folder}"\n')
    code, out, err = _run(capsys, "download", str(article_id))
    assert (code, out, err) == (0, f"downloaded {folder / 'ep1.mp3'} (1.5 MB)\n", "")


def test_a_failed_download_exits_1_with_one_line(
    home: Path, media: MediaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    _config('internal_links = "allow"\n')
    media.status = 404
    article_id = _article(home, media.url("gone.mp3"))
    code, out, err = _run(capsys, "download", str(article_id))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "newsreader: Episode 1: HTTP 404 Not Found",
        "newsreader: 1 download failed",
    ]
    media.status = 0
    code, out, _ = _run(capsys, "download")  # the queue: it was failed, so nothing is pending
    assert (code, out) == (0, "")
    code, out, _ = _run(capsys, "download", str(article_id))  # asked again: retried
    assert code == 0 and out.startswith("downloaded ")


def test_an_internal_address_is_refused_from_cron_by_default(
    home: Path, media: MediaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _article(home, media.url("ep1.mp3"))
    code, _, err = _run(capsys, "download", str(article_id))
    assert code == 1
    assert "127.0.0.1 is an internal address: not fetched (internal_links)" in err
    assert media.requests == []


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["download", "99"], "no article with id 99"),
        (["download", "x"], "not an id"),
        (["download", "1"], "article 1 has no enclosures"),
        (["downloads", "--csv"], "unrecognized arguments"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str], error: str
) -> None:
    _article(home)  # article 1, without enclosures
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("newsreader: ") and err.count("\n") == 1 and error in err


def test_show_lists_the_enclosures(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _config('fulltext = "never"\n')
    article_id = _article(home, "https://pod.example/ep1.mp3")
    code, out, _ = _run(capsys, "show", str(article_id))
    assert code == 0
    assert "enclosure: https://pod.example/ep1.mp3 (audio/mpeg · 1.5 MB · 1:00)" in out


@pytest.mark.parametrize("below", ["", "podcasts"], ids=["the-file", "a-folder-in-it"])
def test_a_download_dir_that_names_a_file_says_so(
    home: Path,
    tmp_path: Path,
    media: MediaServer,
    capsys: pytest.CaptureFixture[str],
    below: str,
) -> None:
    """ "cannot write in X: File exists" did not say what was wrong with the setting."""
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file\n", encoding="utf-8")
    setting = not_a_folder / below if below else not_a_folder
    _config(f'internal_links = "allow"\ndownload_dir = "{setting}"\n')
    article_id = _article(home, media.url("ep1.mp3"))
    code, out, err = _run(capsys, "download", str(article_id))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"newsreader: Episode 1: cannot write in {setting}: {not_a_folder} is a file, not a folder"
    )
    assert not_a_folder.read_text(encoding="utf-8") == "a file\n"


def test_the_list_says_missing_for_a_deleted_file_as_the_app_does(
    home: Path, media: MediaServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Listened to and deleted: the downloads screen says "missing", `downloads` said "done
    100%" with the path of a file that is not there."""
    _config('internal_links = "allow"\n')
    article_id = _article(home, media.url("ep1.mp3"))
    assert _run(capsys, "download", str(article_id))[0] == 0
    target = home / "downloads" / "ep1.mp3"
    target.unlink()
    code, out, _ = _run(capsys, "downloads")
    assert code == 0
    assert out.split()[:3] == ["1", "missing", "—"]
    (row,) = json.loads(_run(capsys, "downloads", "--json")[1])
    assert (row["state"], row["path"]) == ("missing", str(target))

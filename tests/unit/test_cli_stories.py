"""`newsreader stories`: stories with their articles, as text and JSON, --since, bad dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bench.score_stories import load_items
from tests.stories_data import store_items
from tui.cli import run
from tui.paths import resolve
from tui.store.repository import Repository


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(home: Path) -> dict[int, int]:
    items = [i for i in load_items() if i.event in ("canada-35", "eu-mexico-30", "delta-earnings")]
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        return store_items(repo, items)
    finally:
        repo.close()


def test_stories_json_lists_each_story_with_its_articles(
    stored: dict[int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "stories", "--json")
    assert code == 0, err
    stories = json.loads(out)
    assert sorted(len(s["articles"]) for s in stories) == [1, 7, 7]
    eu = next(s for s in stories if "EU" in s["title"])
    assert eu["sources"] == 7
    assert {a["feed"] for a in eu["articles"]} >= {"Reuters", "BBC News", "DW"}
    assert all(set(a) == {"id", "feed", "title"} for a in eu["articles"])
    newest = [s["newest"] for s in stories]
    assert newest == sorted(newest, reverse=True)


def test_stories_text_and_since(stored: dict[int, int], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "stories")
    assert code == 0
    assert "7 sources  Trump sets 30% tariffs on EU and Mexico from Aug. 1" in out
    code, out, _ = _run(capsys, "stories", "--since", "2025-07-12")
    assert code == 0
    assert "EU and Mexico" in out and "Canada" not in out
    code, out, _ = _run(capsys, "stories", "--since", "2030-01-01")
    assert out.strip() == "no stories since 2030-01-01"


def test_stories_bad_date_is_one_line(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "stories", "--since", "yesterday")
    assert code == 2
    assert err.startswith("newsreader: ") and err.count("\n") == 1

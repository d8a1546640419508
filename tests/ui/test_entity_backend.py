"""The app honours ``entity_backend``: the configured backend extracts the entities pane, and
when it cannot run here the app says so once (the CLI's line) and uses the rules."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from tests.ui.conftest import AppFactory, main, settle, started
from tui.core.entities import backends

RULES_INSTEAD = "; using the built-in rules"


def _warnings(app: Any) -> list[str]:
    return [n.message for n in app._notifications if RULES_INSTEAD in n.message]


async def test_spacy_absent_is_said_once_and_the_rules_extract(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)  # the import fails even where spaCy exists
    monkeypatch.setattr(backends, "_BACKENDS", {})
    app = make_app(entity_backend="spacy")
    async with started(app) as pilot:
        screen = main(app)
        (line,) = _warnings(app)
        assert line.startswith("the spaCy entity backend needs spaCy") and "pip install" in line
        assert {"Vietnam", "Donald Trump"} <= {e.name for e in screen.entities_pane.entities}
        await pilot.press("j")  # another article, extracted again: no second message
        await settle(app, pilot)
        assert screen.view is not None and screen.view.article.title.startswith("Rubio")
        assert {e.name for e in screen.entities_pane.entities} >= {"Marco Rubio"}
        assert len(_warnings(app)) == 1


class _Entity:
    def __init__(self, text: str, start: int, label: str) -> None:
        self.text, self.start_char, self.label_ = text, start, label


class _StandInSpacy:
    """Stands in for spaCy, which is not installed here: its model finds only Laos, which the
    rules would find among several others."""

    def load(self, model: str) -> object:
        def nlp(text: str) -> object:
            found = [_Entity("Laos", text.index("Laos"), "GPE")] if "Laos" in text else []
            return type("Doc", (), {"ents": found})()

        return nlp


async def test_the_configured_backend_extracts_the_entities_pane(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "spacy", _StandInSpacy())
    monkeypatch.setattr(backends, "_BACKENDS", {})
    app = make_app(entity_backend="spacy")
    async with started(app):
        screen = main(app)
        assert [e.name for e in screen.entities_pane.entities] == ["Laos"]
        assert _warnings(app) == []
        assert {r.country for r in screen.tariff_pane.rows} == {"Vietnam", "Laos"}  # unchanged

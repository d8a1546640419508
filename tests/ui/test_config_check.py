"""Theme names and keymap ids config.toml gives the app: unknown ones are named, not ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory, started
from tui.ui.config_check import binding_ids, config_problems, usable_keymap


def test_binding_ids_cover_every_screen() -> None:
    ids = binding_ids()
    # one id from the shared lists, the main screen, and screens imported only on use
    assert {"quit", "cursor_down", "focus_feeds", "close_help", "links_open"} <= ids


def test_known_names_give_no_problem() -> None:
    assert config_problems(Path("c.toml"), "nord", {"nord"}, {"quit": "q,ctrl+q"}) == []


def test_unknown_theme_and_keymap_ids_are_named() -> None:
    problems = config_problems(
        Path("/x/config.toml"), "solarised", {"nord", "textual-dark"}, {"qiut": "x", "quit": "q"}
    )
    assert len(problems) == 2
    assert problems[0].startswith("/x/config.toml: theme: unknown theme 'solarised'")
    assert "nord, textual-dark" in problems[0]
    assert problems[1].startswith("/x/config.toml: keymap.qiut: no binding has this id")


async def test_the_app_says_so_and_keeps_the_defaults(make_app: AppFactory) -> None:
    app = make_app(theme="solarised", keymap={"qiut": "x", "help": "f1"})
    async with started(app) as pilot:
        shown = [n.message for n in app._notifications]
        assert any("theme: unknown theme 'solarised'" in m for m in shown)
        assert any("keymap.qiut" in m for m in shown)
        assert app.theme == "textual-dark"
        await pilot.press("f1")  # the known id was still remapped
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"


def test_keys_are_spelt_as_textual_names_them_and_a_word_that_is_no_key_is_named() -> None:
    keymap = {"help": "F1, ?", "quit": "esc,[b]x[/b]", "star": "Ctrl+S,S,zz"}
    assert usable_keymap(keymap) == {"help": "f1,?", "star": "ctrl+s,S"}
    problems = config_problems(Path("/x/config.toml"), "nord", {"nord"}, keymap)
    assert problems == [
        "/x/config.toml: keymap.quit: 'esc', '[b]x[/b]' are not keys (keys are named as f1,"
        " ctrl+s, pagedown, escape, question_mark); its own keys are kept",
        "/x/config.toml: keymap.star: 'zz' is not a key (keys are named as f1, ctrl+s,"
        " pagedown, escape, question_mark); ignored",
    ]


def test_names_are_quoted_a_line_at_most_and_unknown_ids_in_one_line() -> None:
    """A 100,000-character theme or key filled the screen with its toast for half a minute,
    and each of a hundred unknown ids had a toast of its own."""
    keymap = {f"nosuch{n}": "x" for n in range(100)} | {"help": "q" * 100_000}
    problems = config_problems(Path("/c.toml"), "t" * 100_000, {"nord"}, keymap)
    assert [len(p) < 300 for p in problems] == [True, True, True]
    assert problems[0].startswith(f"/c.toml: theme: unknown theme '{'t' * 38}…, using")
    assert problems[1] == (
        "/c.toml: keymap: no binding has the id 'nosuch0', 'nosuch1', 'nosuch10', 'nosuch11',"
        " 'nosuch12' and 95 more (press ? in the app for the list); ignored"
    )
    assert problems[2].startswith(f"/c.toml: keymap.help: '{'q' * 38}… is not a key")


async def test_a_key_written_as_the_footer_writes_it_works(make_app: AppFactory) -> None:
    """``help = "F1"`` (the footer's spelling) bound a key Textual never sends and took ``?``
    away: help could not be opened at all, and nothing said why."""
    app = make_app(keymap={"help": "F1"})
    async with started(app) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"


async def test_a_binding_given_no_key_keeps_its_own(make_app: AppFactory) -> None:
    app = make_app(keymap={"help": "esc"})
    async with started(app) as pilot:
        assert any("keymap.help: 'esc' is not a key" in n.message for n in app._notifications)
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"


async def test_a_key_remapped_onto_another_bindings_key_is_named_once(
    make_app: AppFactory,
) -> None:
    """``star = "j"``: in the article list j stars (the remapped binding takes the key, as
    Textual does it) and no longer moves down, and nothing said so."""
    app = make_app(keymap={"star": "j"})
    async with started(app) as pilot:
        await pilot.press("2", "j", "j")
        await pilot.pause()
        shown = [n.message for n in app._notifications if "keymap.star" in n.message]
        assert len(shown) == 1
        assert "j" in shown[0] and "cursor_down" in shown[0]
        assert shown[0].startswith(str(app.paths.config_file))


@pytest.mark.parametrize(
    ("keymap", "named", "other", "places"),
    [
        # a screen key onto a pane's: in the pane, the pane's binding is looked up first
        ({"refresh_all": "r"}, "refresh_all", "refresh", ("feeds", "articles", "stories")),
        # a pane key onto a screen's: the screen's never runs there
        ({"cursor_down": "t"}, "cursor_down", "tracker", ("feeds", "articles", "body")),
    ],
)
async def test_a_key_remapped_onto_a_key_of_another_layer_is_named(
    make_app: AppFactory, keymap: dict[str, str], named: str, other: str, places: tuple[str, ...]
) -> None:
    """``refresh_all = "r"``: R refreshed everything; r now does only where no pane has r,
    in the body and the side panes: the feeds and articles panes refresh their feed, and
    nothing said why. Named once, with where."""
    app = make_app(keymap=keymap)
    async with started(app):
        shown = [n.message for n in app._notifications if f"keymap.{named}" in n.message]
        assert len(shown) == 1, shown
        assert f" {other} (" in shown[0]
        for place in places:
            assert place in shown[0]


async def test_keys_remapped_without_a_clash_are_not_named(make_app: AppFactory) -> None:
    """add_feed is bound in the feeds pane and on the screen with one id: they move together;
    ctrl+f clashes with nothing; j,down,ctrl+n keeps cursor_down's keys, where the lists'
    down overrides Textual's own (OptionList's cursor_down, ScrollView's scroll_down): that
    was named four times, as if the keymap had made it."""
    app = make_app(
        keymap={
            "add_feed": "ctrl+a",
            "search": "ctrl+f",
            "quit": "q,ctrl+q",
            # keys added to the defaults: the lists' down was Textual's down already
            "cursor_down": "j,down,ctrl+n",
        }
    )
    async with started(app):
        assert not [n.message for n in app._notifications if "keymap." in n.message]

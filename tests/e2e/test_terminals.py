"""The installed ``newsreader`` in the terminal settings users have on remote servers:
locales that are not UTF-8, terminals of few colours, windows resized while it runs."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.e2e.conftest import NEWSREADER, Tmux, subscribe
from tests.feedserver import FeedServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def latin1_locale(tmp_path: Path) -> dict[str, str]:
    """An ISO-8859-1 locale, as older servers set (built into a private LOCPATH)."""
    if shutil.which("localedef") is None or not Path("/usr/share/i18n/locales/en_US").exists():
        pytest.skip("localedef and the en_US locale source are needed to build the locale")
    locales = tmp_path / "locales"
    locales.mkdir()
    built = subprocess.run(
        ["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(locales / "en_US.ISO-8859-1")],
        capture_output=True,
        text=True,
        check=False,
    )
    if not (locales / "en_US.ISO-8859-1").exists():
        pytest.skip(f"localedef could not build en_US.ISO-8859-1: {built.stderr.strip()}")
    return {"LOCPATH": str(locales), "LANG": "en_US.ISO-8859-1", "LC_ALL": "en_US.ISO-8859-1"}


def cells(text: str) -> int:
    """The columns ``text`` takes in tmux: two for a wide character, none for a mark nor for
    a skin tone (tmux joins it to the emoji before it)."""
    return sum(
        0
        if unicodedata.category(c) in ("Mn", "Me") or "\U0001f3fb" <= c <= "\U0001f3ff"
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


def misdrawn(screen: str, width: int) -> list[str]:
    """The lines of the panes that do not end at the screen's right edge in one border."""
    return [
        line
        for line in screen.splitlines()
        if line[:1] in ("│", "╭", "╰") and (cells(line) != width or line[-2] in "│╮╯")
    ]


def test_the_reader_draws_its_screen_under_a_latin1_locale(
    tmux: Tmux, feed_server: FeedServer, latin1_locale: dict[str, str]
) -> None:
    subscribe(tmux, feed_server.url("text_shapes.xml"))
    tmux.env.update(latin1_locale)
    tmux.start([str(NEWSREADER)])
    screen = tmux.wait_for("Articles")
    tmux.wait_for("ferry timetable")
    screen = tmux.screen()
    assert "\\u" not in screen, screen
    assert "╭─ 1 Feeds" in screen
    assert "港口の新しい時刻表" in screen
    assert "Naïve crêpe stall" in screen
    tmux.keys("q")
    tmux.wait_exit()


def test_documents_written_under_a_latin1_locale_keep_every_name(
    tmux: Tmux, feed_server: FeedServer, latin1_locale: dict[str, str], tmp_path: Path
) -> None:
    """`newsreader list --json > feeds.json` and `export > feeds.opml` on such a server wrote
    ``?`` for each letter Latin-1 lacks and Latin-1 bytes into a UTF-8 document."""
    subscribe(tmux, feed_server.url("text_shapes.xml"))
    env = {**tmux.env, **latin1_locale}

    def run(*args: str) -> bytes:
        done = subprocess.run([str(NEWSREADER), *args], env=env, capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    name = "Café Révue 港口日報 ☀️"
    assert json.loads(run("list", "--json").decode("utf-8"))[0]["title"] == name
    stories = {s["title"] for s in json.loads(run("stories", "--json").decode("utf-8"))}
    assert "港口の新しい時刻表 🚢 ferry timetable for the café quay" in stories
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(run("export"))
    other = {**env, "NEWSREADER_HOME": str(tmp_path / "elsewhere")}
    imported = subprocess.run(
        [str(NEWSREADER), "import", str(opml)], env=other, capture_output=True, timeout=60
    )
    assert imported.returncode == 0, imported.stderr
    listed = subprocess.run(
        [str(NEWSREADER), "list", "--json"], env=other, capture_output=True, timeout=60
    )
    assert json.loads(listed.stdout.decode("utf-8"))[0]["title"] == name


def test_emoji_made_wide_by_a_selector_keep_the_panes_in_line(
    tmux: Tmux, feed_server: FeedServer
) -> None:
    """An emoji with U+FE0F (⚠️ ❤️ ☀️) is one column in tmux and two for Textual: each row
    holding one was drawn a column short, and a redraw of the pane beside it left a stray
    border (``│││``) and half-cleared rows behind. An emoji with a skin tone (👋🏽) is two
    columns in tmux and four for Textual: its row lost its right border."""
    subscribe(tmux, feed_server.url("text_shapes.xml"))
    tmux.start([str(NEWSREADER)])
    tmux.wait_for("Storm warning")
    tmux.keys("1", "j", "j")  # the feed with ☀️ in its name
    tmux.wait_for("Articles · Café")
    tmux.keys("2", "j", "j")  # the articles pane, down to the ⚠️ row
    screen = tmux.wait_for("harbour master")
    assert misdrawn(screen, 80) == [], screen


def test_y_copies_the_link_inside_tmux_with_its_default_settings(
    tmux: Tmux, feed_server: FeedServer
) -> None:
    """tmux drops an application's OSC 52 unless set-clipboard is on (its default is
    external): y said "Link copied" and nothing was, in tmux's buffer or the clipboard."""
    subscribe(tmux, feed_server.url("text_shapes.xml"))
    tmux.start([str(NEWSREADER)])
    tmux.wait_for("Naïve crêpe stall")
    # The feed's own list: All gains the demo's articles above it after the first frame (the
    # first start loads the demo then), and a j typed after they came lands elsewhere.
    tmux.keys("1", "j", "j")
    tmux.wait_for("Articles · Café")
    tmux.keys("2", "j")  # the feed's second article
    tmux.wait_for("crêpe stall by the pier")
    tmux.keys("y")
    tmux.wait_for("Link copied")
    assert tmux.buffer() == "http://127.0.0.1/ts-2"


def test_esc_then_a_key_typed_quickly_in_tmux_does_both(
    tmux: Tmux, feed_server: FeedServer
) -> None:
    """tmux (escape-time, 500 ms by default) sends an esc and the key typed right after it
    together, which reads as alt+key: esc then j left the help open and the j lost."""
    subscribe(tmux, feed_server.url("text_shapes.xml"))
    tmux.start([str(NEWSREADER)])
    tmux.wait_for("Naïve crêpe stall")
    tmux.keys("2")
    tmux.wait_for("▸●  26 Nov")
    tmux.keys("?")
    tmux.wait_for("To change a key")
    tmux.keys_together("Escape", "j")
    screen = tmux.wait_for("▸●  25 Nov")
    assert "To change a key" not in screen


def test_a_dumb_terminal_is_told_why_the_reader_cannot_draw_there(tmux: Tmux) -> None:
    """TERM=dumb (Emacs' shell) has no cursor motion: the reader started and drew its screen
    there as a stream of escape sequences. It says why in one line and exits 2."""
    tmux.env["TERM"] = "dumb"
    tmux.start(["sh", "-c", f"'{NEWSREADER}; echo exit=$?'"])
    screen = tmux.wait_for("exit=")  # its first line may be scrolled off by tmux's "Pane is dead"
    assert "use a terminal emulator, or M-x term" in screen and "exit=2" in screen, screen

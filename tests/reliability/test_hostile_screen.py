"""Hostile feed text on the real screen: a feed served on 127.0.0.1 carries Rich/Textual markup,
ANSI and OSC sequences (window title, clipboard write, hyperlink spoofing), bidi overrides, NUL
bytes and javascript:/data:/file: links; after a real refresh the real app shows each article.
Markup must appear literally, no escape or control character may reach the rendered screen, no
rendered hyperlink may point anywhere but a safe http(s) URL, and no unsafe link is opened or
copied."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.segment import Segment

from tests.conftest import CSI, OSC8, SCREEN_FORBIDDEN
from tests.reliability.conftest import FAST
from tests.reliability.faultserver import fault_server, ok
from tests.ui.conftest import workers_done
from tui.config import Settings
from tui.paths import resolve
from tui.services.refresh import refresh_feeds
from tui.store.repository import Repository

ESC, BEL, NUL = "\x1b", "\x07", "\x00"
EVIL_TITLE = (
    "[bold red]markup[/] [link=https://evil.example/]click[/link]"
    f" {ESC}]0;PWNED-TITLE{BEL}{ESC}]52;c;Q0xJUEJPQVJE{BEL}"
    f" \u202eRTL-OVERRIDE\u202c NUL{NUL}BYTE {ESC}[2J{ESC}[31mred{ESC}[0m"
)
EVIL_BODY = (
    "<p>[b]bold markup[/b] and [@click=app.quit]quit[/]"
    f" {ESC}]8;;https://evil.example/{ESC}\\SPOOFED{ESC}]8;;{ESC}\\"
    " <a href='javascript:alert(1)'>js-link</a>"
    " <a href='data:text/html;base64,PHNjcmlwdD4='>data-link</a>"
    " <a href='file:///etc/passwd'>file-link</a>"
    " <a href='https://ok.example/page'>ok-link</a>"
    f" \u2066isolate\u2069 \x9b2J{ESC}P1$r{ESC}\\ c1 \u200bzero</p>"
)
AS_REFS = {ESC: "&#x1b;", BEL: "&#x7;", NUL: "&#0;"}


def _escape_xml(text: str, refs: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if refs:
        for char, ref in AS_REFS.items():
            text = text.replace(char, ref)
    return text


def hostile_feed() -> bytes:
    """Two hostile items: control characters as raw bytes, and as character references."""
    items = []
    for n, (refs, link) in enumerate(
        [(False, "javascript:alert(document.cookie)"), (True, "data:text/html,hi")]
    ):
        body = EVIL_BODY.replace("]]>", "")
        items.append(
            f"<item><guid>evil-{n}</guid><title>{_escape_xml(EVIL_TITLE, refs)} #{n}</title>"
            f"<link>{link}</link><author>[i]Mallory[/i]{ESC}[5m</author>"
            f"<pubDate>Mon, 0{n + 1} Sep 2025 10:00:00 GMT</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>"
        )
    items.append(
        "<item><guid>evil-file</guid><title>File link [dim]x[/dim]</title>"
        "<link>file:///etc/passwd</link><description>plain</description></item>"
    )
    doc = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>[red]Evil[/red] {ESC}]0;FEED-PWN{BEL}Feed</title>"
        "<link>javascript:alert(2)</link>" + "".join(items) + "</channel></rss>"
    )
    return doc.encode("utf-8")


def rendered(app: object) -> tuple[str, str, list[Segment]]:
    """The current screen as plain text, as terminal output, and as Rich segments."""
    size = app.size  # type: ignore[attr-defined]
    console = Console(
        width=size.width,
        height=size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True))  # type: ignore[attr-defined]
    segments = list(console._record_buffer)
    raw = console.file.getvalue()  # type: ignore[attr-defined]
    return console.export_text(styles=False), raw, segments


def assert_safe(text: str, raw: str, segments: list[Segment]) -> None:
    bad = SCREEN_FORBIDDEN.findall(text)
    assert not bad, f"control characters on screen: {bad!r}"
    for secret in ("PWNED-TITLE", "FEED-PWN", "Q0xJUEJPQVJE", "1$r"):
        assert secret not in text
    for segment in segments:
        link = segment.style.link if segment.style else None
        assert link is None or link.startswith(("https://ok.example/", "http", "mailto:")), link
        assert link is None or "evil" not in link
    # The terminal output: only the renderer's own CSI sequences and safe OSC 8 links.
    for target in OSC8.findall(raw):
        assert target == "" or target.startswith("https://ok.example/"), target
    leftover = OSC8.sub("", CSI.sub("", raw))
    assert ESC not in leftover and BEL not in leftover, repr(leftover[:200])


@pytest.fixture
def hostile_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("NEWSREADER_HOME", str(home))
    monkeypatch.delenv("TMUX", raising=False)  # a copy would go into the user's tmux buffer
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    paths = resolve()
    paths.ensure()
    repo = Repository(paths.database)
    try:
        with fault_server({"/evil.xml": ok(hostile_feed())}, lifetime=60) as srv:
            repo.add_feed(srv.url("/evil.xml"))
            summary = refresh_feeds(repo, settings=FAST)
        assert summary.new_articles == 3
        repo.set_state("initialised", "1")
    finally:
        repo.close()
    return home


async def test_hostile_text_never_reaches_the_screen_as_effects(
    hostile_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.ui.app import NewsReaderApp

    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: bool(opened.append(url)) or True)
    monkeypatch.setenv("BROWSER", "recorded-by-tests")
    settings = Settings(refresh_on_start=False, refresh_minutes=0, fulltext="never")
    app = NewsReaderApp(resolve(), settings)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    shown: list[str] = []
    async with app.run_test(size=(140, 45)) as pilot:

        async def settle() -> None:
            for _ in range(4):
                await workers_done(app)
                await pilot.pause()

        await settle()
        text, raw, segments = rendered(app)
        assert_safe(text, raw, segments)
        assert "[red]Evil[/red]" in text  # the feed title, literally
        for _ in range(3):
            await pilot.press("enter")  # open the article in the body pane
            await settle()
            text, raw, segments = rendered(app)
            assert_safe(text, raw, segments)
            assert app.main_screen is not None and app.main_screen.view is not None
            guid = app.main_screen.view.article.guid
            shown.append(guid)
            if guid.startswith("evil-") and guid != "evil-file":
                for literal in (
                    "[bold red]markup[/]",
                    "[link=https://evil.example/]click[/link]",
                    "[b]bold markup[/b]",
                    "[@click=app.quit]quit[/]",
                    "[i]Mallory[/i]",
                    "RTL-OVERRIDE",
                    "ok-link",
                ):
                    assert literal in text, (guid, literal)
            else:
                assert "File link [dim]x[/dim]" in text
            await pilot.press("o", "y")  # open and copy the article's link
            await settle()
            await pilot.press("l")  # the numbered links of the article
            await settle()
            text, raw, segments = rendered(app)
            assert_safe(text, raw, segments)
            for scheme in ("javascript:", "data:", "file:"):
                assert scheme not in text
            await pilot.press("escape")
            await settle()
            await pilot.press("2", "j")  # back to the list, next article
            await settle()
        assert app.is_running  # no [@click=app.quit] ran
    assert sorted(shown) == ["evil-0", "evil-1", "evil-file"]
    assert opened == [] and copied == []

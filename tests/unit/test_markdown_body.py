"""The body's Markdown renderable: feed text stays text, lines are kept per width."""

from __future__ import annotations

from rich.console import Console

from tui.ui.markdown_body import BodyMarkdown


def render(source: str | BodyMarkdown, width: int = 40) -> tuple[str, Console]:
    console = Console(width=width, record=True, color_system="truecolor", force_terminal=True)
    body = source if isinstance(source, BodyMarkdown) else BodyMarkdown(source)
    console.print(body)
    return console.export_text(styles=False), console


def test_markup_and_escapes_in_feed_text_are_shown_as_text() -> None:
    text, console = render("Body with [bold red]markup[/] and [link=x]y[/link].")
    assert "[bold red]markup[/]" in text
    assert "[link=x]y[/link]" in text


def test_a_markdown_link_stays_visible_text_not_a_terminal_hyperlink() -> None:
    text, console = render("See [the deal](https://evil.example/x) now.")
    assert "https://evil.example/x" in " ".join(text.split())  # the target is shown
    out = console.export_text(styles=True)
    assert "\x1b]8;" not in out  # no OSC 8 hyperlink


def test_headings_are_flush_left_and_lines_wrap_at_the_width() -> None:
    body = BodyMarkdown("# Big news\n\n" + "word " * 30)
    text, _ = render(body, width=30)
    lines = text.splitlines()
    assert lines[0].startswith("Big news")
    assert all(len(line.rstrip()) <= 30 for line in lines)
    narrow, _ = render(body, width=20)  # another width: wrapped again, not the cached lines
    assert max(len(line.rstrip()) for line in narrow.splitlines()) <= 20
    assert len(narrow.splitlines()) > len(lines)

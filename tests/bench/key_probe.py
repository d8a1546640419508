"""Programs that bench_keys runs in a terminal (not part of the app).

``python -m tests.bench.key_probe app LOG [newsreader arguments]`` runs the installed app with
a probe: for each move of the article list's cursor, one line is appended to LOG with three
``time.monotonic()`` stamps (the cursor moved, the first frame after it was handed to the
terminal writer) and whether a refresh was running, ``1`` or ``0``. The monotonic clock is the
system's, so bench_keys compares the stamps with the time it wrote the key.

``python -m tests.bench.key_probe echo`` is the smallest program that answers a key: it
rewrites one line per key read. In tmux it measures the harness's own round trip (send-keys,
the terminal, capture-pane), the floor under any app's figure.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, TextIO


def run_app(log_path: str, argv: list[str]) -> int:
    from textual.app import App
    from textual.screen import Screen

    from tui.__main__ import main
    from tui.ui.widgets.article_list import ArticleList

    log: TextIO = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115
    moved = 0.0
    watch_cursor = ArticleList.watch_cursor
    display = App._display

    def probed_watch(self: ArticleList, old: int, new: int) -> None:
        nonlocal moved
        moved = moved or time.monotonic()
        watch_cursor(self, old, new)

    def probed_display(self: App[Any], screen: Screen[Any], renderable: Any) -> None:
        nonlocal moved
        display(self, screen, renderable)
        if moved and renderable is not None:
            refreshing = int(bool(getattr(self, "_refreshing", False)))
            log.write(f"{moved:.6f} {time.monotonic():.6f} {refreshing}\n")
            moved = 0.0

    ArticleList.watch_cursor = probed_watch  # type: ignore[method-assign]
    App._display = probed_display  # type: ignore[method-assign]
    return main(argv)


def run_echo() -> int:
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    out = sys.stdout
    # two lines at the bottom: bench_keys leaves a screen's last two lines (status, footer) out
    out.write("\x1b[2J\x1b[999;1H\x1b[Afooter\r\nfooter")
    out.flush()
    count = 0
    try:
        while (key := os.read(fd, 1)) not in (b"q", b""):
            count += 1
            out.write(f"\x1b[5;1Hkey {count} {key!r}   ")
            out.flush()
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["echo"]:
        raise SystemExit(run_echo())
    if sys.argv[1:2] == ["app"] and len(sys.argv) >= 3:
        raise SystemExit(run_app(sys.argv[2], sys.argv[3:]))
    raise SystemExit("usage: python -m tests.bench.key_probe app LOG [ARGS] | echo")

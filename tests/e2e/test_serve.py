"""``newsreader serve`` in a real browser: Debian's chromium, headless, driven by Playwright.

Playwright's own browser download cannot work here, so it drives ``/usr/bin/chromium`` through
``executable_path``; `.ci/run` installs chromium when it is missing. The browser reaches nothing
but the server on 127.0.0.1: every other request (textual-serve's page asks for a web font) is
aborted, and the host resolver answers no name.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Route, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.mediaserver import MediaServer, media_bytes, serve_media
from tui.core.models import Enclosure, ParsedArticle
from tui.paths import resolve
from tui.store.repository import Repository

pytestmark = pytest.mark.e2e

NEWSREADER = Path(sys.executable).parent / "newsreader"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",  # as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
GENEVA_LINK = "https://example.org/newsreader-demo/geneva-tariff-talks"

# textual.js draws xterm.js's rows on a canvas, so the DOM holds no text, and it keeps its
# Terminal in a `terminal` property of its own object. A setter on Object.prototype notes the
# Terminal when it is assigned (and makes the property an ordinary one again); the test then
# reads the screen through xterm.js's public buffer API.
SCREEN_READER = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.buffer.active) window.__xterm = value;
  },
});
window.__screen = () => {
  const term = window.__xterm;
  if (!term) return "";
  const buffer = term.buffer.active;
  const rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
};
"""


@dataclass
class Served:
    url: str
    port: int
    env: dict[str, str]
    home: Path
    output: Path
    process: subprocess.Popen[bytes]


@dataclass
class Browser:
    context: BrowserContext
    page: Page
    refused: list[str] = field(default_factory=list)

    def screen(self) -> str:
        return str(self.page.evaluate("window.__screen ? window.__screen() : ''"))

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        """Wait in the page until ``text`` is on the terminal (a wait, not a timing assertion)."""
        try:
            self.page.wait_for_function(
                "text => window.__screen && window.__screen().includes(text)",
                arg=text,
                timeout=timeout * 1000,
            )
        except PlaywrightTimeout:
            raise AssertionError(
                f"{text!r} never appeared; the screen was:\n{self.screen()}"
            ) from None
        return self.screen()

    def press(self, key: str, timeout: float = 10.0) -> str:
        """Press ``key`` in the terminal and wait until the screen changes."""
        before = self.screen()
        self.page.keyboard.press(key)
        try:
            self.page.wait_for_function(
                "before => window.__screen() !== before", arg=before, timeout=timeout * 1000
            )
        except PlaywrightTimeout:
            raise AssertionError(f"the screen did not react to {key!r}:\n{before}") from None
        return self.screen()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(home: Path) -> dict[str, str]:
    return {
        "NEWSREADER_HOME": str(home),
        "TEXTUAL_ANIMATIONS": "none",
        "TZ": "UTC",
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
    }


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    if not NEWSREADER.exists():
        pytest.skip(f"the newsreader command is not installed at {NEWSREADER}")
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    # No refresh: the served reader shows the bundled demo and fetches nothing.
    (home / "config" / "config.toml").write_text("refresh_on_start = false\nrefresh_minutes = 0\n")
    port = _free_port()
    env = _environment(home)
    output = tmp_path / "serve.out"
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [str(NEWSREADER), "serve", "--port", str(port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    served = Served(f"http://127.0.0.1:{port}", port, env, home, output, process)
    try:
        _wait_listening(served)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    log = home / "log" / "newsreader.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    assert "Fatal Python error" not in text, text[-2000:]


def _wait_listening(served: Served, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if served.process.poll() is not None:
            raise AssertionError(f"serve exited: {served.output.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", served.port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError("serve never listened") from None
            time.sleep(0.1)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),  # a new, empty profile
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 800},
        )
        refused: list[str] = []

        def loopback_only(route: Route) -> None:
            if route.request.url.startswith("http://127.0.0.1:"):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        context.route("**/*", loopback_only)
        context.add_init_script(SCREEN_READER)
        try:
            yield Browser(context, context.new_page(), refused)
        finally:
            context.close()


def test_the_reader_in_a_browser(served: Served, browser: Browser, tmp_path: Path) -> None:
    page = browser.page
    page.goto(served.url, wait_until="domcontentloaded")
    screen = browser.wait_for("Welcome to newsreader")
    for title in ("1 Feeds", "2 Articles", "3 Article", "4 Entities", "5 Tariffs"):
        assert title in screen, screen
    assert "newsreader demo" in screen  # the demo of the temporary NEWSREADER_HOME

    page.focus(".xterm-helper-textarea")  # xterm.js takes the keys here
    browser.press("2")
    browser.press("j")
    browser.press("Enter")  # the second story: the first is the welcome
    browser.wait_for("Geneva | Trade ministers")
    browser.wait_for("Helen Carver")  # the entities pane
    browser.wait_for("threatened")  # the tariffs pane
    page.screenshot(path=str(tmp_path / "serve.png"))

    with browser.context.expect_page(timeout=10_000):  # `o`: the link opens in a new tab
        browser.press("o")
    deadline = time.monotonic() + 10
    while GENEVA_LINK not in browser.refused and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # lets Playwright run the route handler meanwhile
    assert GENEVA_LINK in browser.refused, browser.refused  # and is aborted: loopback only
    page.bring_to_front()
    page.focus(".xterm-helper-textarea")

    browser.press("t")
    browser.wait_for("Latest rate per country")
    browser.press("Escape")
    screen = browser.wait_for("1 Feeds")
    assert "Latest rate per country" not in screen

    page.keyboard.press("q")
    page.wait_for_selector("body.-closed", timeout=15_000)  # textual-serve's "Session ended."

    # A new tab's reader, then Ctrl+C on the server: it stops at once, and so does the reader.
    page.reload(wait_until="domcontentloaded")
    browser.wait_for("Welcome to newsreader")
    readers = _descendants(served.process.pid)
    assert readers, "no reader process under the server"
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=15) == 0
    page.wait_for_selector("body.-closed", timeout=15_000)
    assert not [pid for pid in readers if _alive(pid)], readers
    output = served.output.read_text(errors="replace")
    assert "Traceback" not in output, output

    # The served reader wrote to the temporary home: the opened article is read there.
    listed = subprocess.run(
        [str(NEWSREADER), "list", "--json"],
        env=served.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    demo = next(feed for feed in json.loads(listed.stdout) if feed["folder"] == "Demo")
    assert demo["unread"] < demo["total"], demo


def _descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (Linux /proc): the shell and the reader of each tab."""
    found: list[int] = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in map(int, children):
        found += [child, *_descendants(child)]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended


def _handshake(port: int, host: str, origin: str) -> int:
    """The status of a websocket upgrade request to ``/ws`` with these headers."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", "/ws", skip_host=True)
        for name, value in (
            ("Host", host),
            ("Origin", origin),
            ("Upgrade", "websocket"),
            ("Connection", "Upgrade"),
            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
            ("Sec-WebSocket-Version", "13"),
        ):
            connection.putheader(name, value)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_websocket_refuses_other_sites(served: Served) -> None:
    here = f"127.0.0.1:{served.port}"
    # A page of another site that the user visits (cross-site websocket hijacking).
    assert _handshake(served.port, here, "https://news.example") == 403
    # A site whose name was made to resolve to 127.0.0.1 (DNS rebinding): same origin as itself.
    rebound = f"rebound.example:{served.port}"
    assert _handshake(served.port, rebound, f"http://{rebound}") == 403


def _page_status(port: int, host: str) -> int:
    """The status of a plain request for the page, addressed to ``host``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", "/", skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_page_answers_only_loopback_names(served: Served) -> None:
    assert _page_status(served.port, f"127.0.0.1:{served.port}") == 200
    assert _page_status(served.port, f"localhost:{served.port}") == 200
    # DNS rebinding: the page, not only its websocket, is refused to a name that is no loopback
    assert _page_status(served.port, f"rebound.example:{served.port}") == 403


def test_non_loopback_host_needs_public(tmp_path: Path) -> None:
    if not NEWSREADER.exists():
        pytest.skip(f"the newsreader command is not installed at {NEWSREADER}")
    port = _free_port()
    env = _environment(tmp_path / "home")
    for host in ("0.0.0.0", "192.0.2.10", "::"):
        result = subprocess.run(
            [str(NEWSREADER), "serve", "--host", host, "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 2, result
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and "--public" in lines[0] and "no login" in lines[0], lines
    with socket.socket() as probe:  # nothing was left listening
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_p_in_a_browser_plays_the_episode_there(
    served: Served, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    """P started the player on the server's machine (mpv, or a 'no such command'), far from
    the browser: the browser plays it, in a new tab: the stream at its URL, a downloaded file
    delivered by the server."""
    with serve_media(MediaServer(media_bytes(200_000))) as media:
        url = media.url("episode-7.mp3")
        config = served.home / "config" / "config.toml"
        config.write_text(config.read_text() + 'internal_links = "allow"\nplayer = "mpv"\n')
        monkeypatch.setenv("NEWSREADER_HOME", str(served.home))
        paths = resolve()
        paths.ensure()
        repo = Repository(paths.database)
        try:
            feed = repo.add_feed(f"http://127.0.0.1:{media.port}/pod.xml", title="Pod Desk")
            enclosure = Enclosure(url, "audio/mpeg", 200_000, 60)
            (article_id,) = repo.store_articles(
                feed.id, [ParsedArticle(guid="ep7", title="Episode 7", enclosures=(enclosure,))]
            )
        finally:
            repo.close()
        page = browser.page
        page.goto(served.url, wait_until="domcontentloaded")
        browser.wait_for("Episode 7")
        page.focus(".xterm-helper-textarea")
        browser.press("2")
        with browser.context.expect_page(timeout=15_000) as opened:
            page.keyboard.press("P")
        assert opened.value.url == url  # the stream, played by the browser
        page.bring_to_front()
        page.focus(".xterm-helper-textarea")
        subprocess.run(
            [str(NEWSREADER), "download", str(article_id)],
            env=served.env,
            capture_output=True,
            timeout=60,
            check=True,
        )
        requests = len(media.requests)
        with browser.context.expect_page(timeout=15_000) as opened:
            page.keyboard.press("P")
        delivered = opened.value
        assert delivered.url.startswith(f"{served.url}/download/")  # the file, from the server
        assert len(media.requests) == requests  # not fetched again

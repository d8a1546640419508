"""A real coldsweat (a Fever API server from PyPI, on Flask and SQLite) for the sync tests.

It is installed once into a virtual environment of its own, cached under the temporary
folder by version (its pins may clash with ours), and runs on 127.0.0.1 on feeds served from
127.0.0.1. Its HTTP(S)_PROXY points at a closed local port, so the favicons it tries to fetch
from outside never leave the machine.

:meth:`Coldsweat.call` is another Fever client (the phone), used to change state on the
server and to read what it holds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import httpx

VERSION = "0.10.2"
EMAIL = "reader@example.org"
PASSWORD = "correct horse battery staple"  # coldsweat wants 12 characters or more
API_KEY = hashlib.md5(f"{EMAIL}:{PASSWORD}".encode()).hexdigest()


class Unavailable(Exception):
    """coldsweat cannot be installed or started here (the message says why)."""


def install(root: Path | None = None) -> Path:
    """The ``bin`` folder of a virtual environment holding coldsweat (made on first use, by
    one process at a time: pytest-xdist workers wait for each other)."""
    base = root or Path(tempfile.gettempdir())
    venv = base / f"newsreader-test-coldsweat-{VERSION}"
    ready = venv / ".installed"
    base.mkdir(parents=True, exist_ok=True)
    with (base / f"newsreader-test-coldsweat-{VERSION}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            for command in (
                [sys.executable, "-m", "venv", "--clear", str(venv)],
                [
                    str(venv / "bin" / "python"),
                    "-m",
                    "pip",
                    "install",
                    "-q",
                    f"coldsweat=={VERSION}",
                ],
            ):
                done = subprocess.run(command, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
                    raise Unavailable(f"cannot install coldsweat {VERSION}: {last[0]}")
            ready.touch()
    return venv / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def opml(groups: dict[str, Sequence[str]], path: Path) -> Path:
    """An OPML file with the feed URLs of each group ('' for none)."""
    lines = ['<?xml version="1.0"?>', '<opml version="1.0"><head><title>t</title></head><body>']
    for group, urls in groups.items():
        feeds = [
            f'<outline type="rss" text={quoteattr(name)} xmlUrl={quoteattr(url)}/>'
            for url in urls
            if (name := url.rsplit("/", 1)[-1])
        ]
        if group:
            lines.append(f"<outline text={quoteattr(group)} title={quoteattr(group)}>")
            lines += feeds
            lines.append("</outline>")
        else:
            lines += feeds
    lines.append("</body></opml>")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@dataclass
class Coldsweat:
    """One coldsweat server with its own database in ``workdir``."""

    bin_dir: Path
    workdir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/fever/"

    @property
    def log(self) -> Path:
        return self.workdir / "coldsweat.log"

    def env(self) -> dict[str, str]:
        closed = f"http://127.0.0.1:{free_port()}"
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update(
            FLASK_DATABASE_URL=f"sqlite:///{self.workdir / 'coldsweat.db'}",
            HTTP_PROXY=closed,
            HTTPS_PROXY=closed,
            http_proxy=closed,
            https_proxy=closed,
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
        )
        return env

    def command(self, *args: str, timeout: float = 600) -> None:
        done = subprocess.run(
            [str(self.bin_dir / "coldsweat"), *args],
            env=self.env(),
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise Unavailable(f"coldsweat {args[0]} failed: {done.stderr.strip()[-300:]}")

    def setup(self, feeds: Path) -> None:
        """Create the user and import (and fetch) the feeds of the OPML file ``feeds``."""
        self.command("setup", EMAIL, "-p", PASSWORD)
        self.command("import", str(feeds), EMAIL, "-f")

    def fetch(self) -> None:
        """Fetch every feed again (new items arrive on the server). coldsweat skips a feed
        checked in the last three minutes: its check times are cleared first, as if those
        minutes had passed."""
        db = sqlite3.connect(self.workdir / "coldsweat.db", timeout=30)
        try:
            with db:
                db.execute("UPDATE feeds SET last_checked_on = NULL")
        finally:
            db.close()
        self.command("fetch")

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(self.bin_dir / "coldsweat"), "run", "-p", str(self.port)],
                env=self.env(),
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Unavailable(f"coldsweat run exited with status {self.process.returncode}")
            try:
                httpx.get(f"{self.url}?api", timeout=1.0)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise Unavailable("coldsweat did not start listening within 30 s")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    # -- another client of the same account ------------------------------------------------------

    def call(self, query: str = "", **form: str) -> dict[str, Any]:
        url = f"{self.url}?api" + (f"&{query}" if query else "")
        answer = httpx.post(url, data={"api_key": API_KEY, **form}, timeout=30)
        answer.raise_for_status()
        data: dict[str, Any] = answer.json()
        assert data["auth"] == 1
        return data

    def mark(self, item_id: int, as_: str) -> None:
        self.call(mark="item", **{"as": as_}, id=str(item_id))

    def ids(self, kind: str) -> set[int]:
        """``unread`` or ``saved``: the ids the server lists."""
        text = self.call(f"{kind}_item_ids")[f"{kind}_item_ids"]
        return {int(i) for i in text.split(",") if i}

    def total_items(self) -> int:
        return int(self.call("items&since_id=0")["total_items"])

    def items_per_feed(self) -> dict[int, int]:
        """feed id -> how many items the server holds for it, read by id (this server's ids
        are dense: 1 to the number of items)."""
        counts: dict[int, int] = {}
        total = self.total_items()
        for start in range(1, total + 51, 50):
            wanted = ",".join(str(i) for i in range(start, start + 50))
            for item in self.call(f"items&with_ids={wanted}")["items"]:
                counts[item["feed_id"]] = counts.get(item["feed_id"], 0) + 1
        assert sum(counts.values()) == total
        return counts

    def feeds(self) -> list[dict[str, Any]]:
        data: list[dict[str, Any]] = self.call("feeds")["feeds"]
        return data

    def folders(self) -> dict[int, str]:
        """feed id -> the title of its group."""
        data = self.call("groups")
        titles = {g["id"]: g["title"] for g in data["groups"]}
        return {
            int(feed): titles[link["group_id"]]
            for link in data["feeds_groups"]
            for feed in str(link["feed_ids"]).split(",")
            if feed
        }

    def mark_requests(self) -> int:
        """Write requests the server has logged (each mark is one POST to ``?api`` alone)."""
        return self.log.read_text(encoding="utf-8", errors="replace").count(
            '"POST /fever/?api HTTP/1.1" 200'
        )


def start_server(bin_dir: Path, workdir: Path, groups: dict[str, Iterable[str]]) -> Coldsweat:
    workdir.mkdir(parents=True, exist_ok=True)
    server = Coldsweat(bin_dir, workdir)
    server.setup(opml({g: list(u) for g, u in groups.items()}, workdir / "feeds.opml"))
    server.start()
    return server

"""A real Tiny Tiny RSS (Debian's tt-rss package) for the sync tests: PostgreSQL in a
temporary cluster, the PHP code served by ``php -S 127.0.0.1:PORT``.

What the fixture changes from a stock install, and why:

- its own copy of the web folder, with a config.php of its own (ports, folders, database);
- feeds are fetched through ``_HTTP_PROXY`` (tt-rss's own setting), a server of ours on
  127.0.0.1 that answers with the corpus files. tt-rss refuses to fetch from loopback
  addresses and ports other than 80 and 443, so the feeds are subscribed under a TEST-NET
  address (198.51.100.7) that no request ever reaches: every fetch goes to the proxy, and
  nothing leaves the machine;
- the admin user gets a password of the test's and API access.

A session builds one template database (schema, user, feeds fetched); each server is a copy
of it (``CREATE DATABASE ... TEMPLATE``) with its own ``php -S``.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import itertools
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.feedserver import FeedServer, Route, reply, serve
from tests.sync.coldsweat import Unavailable, free_port

WWW = Path("/usr/share/tt-rss/www")
SCHEMA = Path("/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql")
FEED_HOST = "198.51.100.7"  # TEST-NET-2: only ever reached through the proxy
USER, PASSWORD = "admin", "a long tt-rss test password"
TEMPLATE = "ttrss_template"
_ROOT = os.geteuid() == 0
_copies = itertools.count()


def _tool(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if found is None:
        raise Unavailable(f"{name} not found (apt-get install postgresql)")
    return found


def check() -> None:
    """Raise Unavailable, saying what to install, when tt-rss cannot run here."""
    if not (WWW / "api" / "index.php").is_file() or not SCHEMA.is_file():
        raise Unavailable("Tiny Tiny RSS is not installed (apt-get install tt-rss)")
    php = shutil.which("php")
    if php is None:
        raise Unavailable("php is not installed (apt-get install php-cli php-pgsql php-curl)")
    modules = subprocess.run([php, "-m"], capture_output=True, text=True, check=False).stdout
    if "pgsql" not in modules:
        raise Unavailable("PHP has no PostgreSQL driver (apt-get install php-pgsql)")
    for name in ("initdb", "pg_ctl", "psql"):
        _tool(name)


def _as(user: str, command: Sequence[str]) -> list[str]:
    """``command`` run as ``user`` when the tests run as root (PostgreSQL and tt-rss refuse
    root), as it is otherwise."""
    return ["runuser", "-u", user, "--", *command] if _ROOT else list(command)


def _run(command: Sequence[str], **kwargs: Any) -> str:
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, **kwargs
    )
    if done.returncode != 0:
        raise Unavailable(f"{Path(command[0]).name} failed: {(done.stderr or done.stdout)[-300:]}")
    return done.stdout


def _give(path: Path, user: str) -> None:
    if _ROOT:
        shutil.chown(path, user)


@dataclass
class Cluster:
    """A PostgreSQL cluster on 127.0.0.1 in a folder of its own, with the template database."""

    root: Path
    port: int = field(default_factory=free_port)

    def psql(self, database: str, sql: str) -> str:
        return _run(
            [
                _tool("psql"),
                "-X",
                "-q",
                "-t",
                "-A",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "ttrss",
                "-d",
                database,
                "-c",
                sql,
            ]
        )

    def start(self) -> None:
        data = self.root / "pg"
        data.mkdir()
        _give(data, "postgres")
        _run(
            _as(
                "postgres",
                [_tool("initdb"), "-D", str(data), "--auth=trust", "-U", "ttrss", "-E", "UTF8"],
            )
        )
        options = f"-p {self.port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run(
            _as(
                "postgres",
                [
                    _tool("pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(data / "log"),
                    "-o",
                    options,
                    "-w",
                    "start",
                ],
            )
        )

    def stop(self) -> None:
        data = self.root / "pg"
        subprocess.run(
            _as("postgres", [_tool("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
            timeout=60,
        )

    def create(self, name: str, template: str | None = None) -> None:
        copy = f" TEMPLATE {template}" if template else ""
        self.psql("postgres", f"CREATE DATABASE {name}{copy}")


@dataclass
class TinyTinyRSS:
    """One tt-rss: its database (a copy of the template), web folder and ``php -S``."""

    cluster: Cluster
    proxy: FeedServer
    database: str
    root: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    _sid: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def www(self) -> Path:
        return self.root / "www"

    def install(self) -> None:
        """The web folder: tt-rss's own files, its links made absolute, our config.php."""
        shutil.copytree(WWW, self.www, symlinks=True)
        for link in [p for p in self.www.rglob("*") if p.is_symlink()]:
            original = WWW / link.relative_to(self.www)
            link.unlink()
            if link.name not in ("config.php", "feed-icons"):
                link.symlink_to(original.resolve())
        writable = [self.root / "lock", self.www / "feed-icons"]
        writable += [self.root / "cache" / d for d in ("", "images", "upload", "export", "js")]
        for folder in writable:
            folder.mkdir(parents=True, exist_ok=True)
            _give(folder, "www-data")
        settings = {
            "DB_TYPE": "pgsql",
            "DB_HOST": "127.0.0.1",
            "DB_PORT": str(self.cluster.port),
            "DB_USER": "ttrss",
            "DB_NAME": self.database,
            "DB_PASS": "",
            "MYSQL_CHARSET": "UTF8",
            "SELF_URL_PATH": self.url,
            "SINGLE_USER_MODE": False,
            "SIMPLE_UPDATE_MODE": False,
            "PHP_EXECUTABLE": shutil.which("php") or "php",
            "LOCK_DIRECTORY": str(self.root / "lock"),
            "CACHE_DIR": str(self.root / "cache"),
            "ICONS_DIR": str(self.www / "feed-icons"),
            "ICONS_URL": "feed-icons",
            "AUTH_AUTO_CREATE": True,
            "AUTH_AUTO_LOGIN": True,
            "FORCE_ARTICLE_PURGE": 0,
            "ENABLE_REGISTRATION": False,
            "REG_NOTIFY_ADDRESS": "root@localhost",
            "REG_MAX_USERS": 1,
            "SESSION_COOKIE_LIFETIME": 86400,
            "SMTP_FROM_NAME": "tt-rss",
            "SMTP_FROM_ADDRESS": "root@localhost",
            "DIGEST_SUBJECT": "-",
            "CHECK_FOR_UPDATES": False,
            "ENABLE_GZIP_OUTPUT": False,
            "PLUGINS": "auth_internal",
            "LOG_DESTINATION": "",
            "CONFIG_VERSION": 26,
            "_HTTP_PROXY": f"127.0.0.1:{self.proxy.port}",
        }
        lines = ["<?php"] + [f"define('{k}', {_php(v)});" for k, v in settings.items()]
        (self.www / "config.php").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def start(self) -> None:
        with (self.root / "php.log").open("ab") as log:
            self.process = subprocess.Popen(
                _as("www-data", ["php", "-S", f"127.0.0.1:{self.port}"]),
                cwd=self.www,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.post(f"{self.url}api/", json={"op": "getApiLevel"}, timeout=1.0)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise Unavailable("php -S did not start listening within 30 s")

    def stop(self) -> None:
        process, self.process = self.process, None
        self._sid = None
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def update(self) -> None:
        """Fetch every feed now (tt-rss's own updater)."""
        _run(_as("www-data", ["php", "update.php", "--feeds", "--force"]), cwd=self.www)

    # -- another client of the same account (the phone) --------------------------------------

    def call(self, op: str, **params: Any) -> Any:
        if self._sid is None:
            self._sid = self._post({"op": "login", "user": USER, "password": PASSWORD})[
                "session_id"
            ]
        return self._post({"op": op, "sid": self._sid, **params})

    def _post(self, body: dict[str, Any]) -> Any:
        answer = httpx.post(f"{self.url}api/", json=body, timeout=60).json()
        assert answer["status"] == 0, answer
        return answer["content"]

    def ids(self, feed_id: int = -4, view_mode: str = "all_articles") -> set[int]:
        found: set[int] = set()
        for offset in itertools.count(0, 200):
            page = self.call(
                "getHeadlines", feed_id=feed_id, view_mode=view_mode, limit=200, skip=offset
            )
            found.update(int(h["id"]) for h in page)
            if len(page) < 200:
                return found
        raise AssertionError("unreachable")

    def unread(self) -> set[int]:
        return self.ids(view_mode="unread")

    def starred(self) -> set[int]:
        return self.ids(feed_id=-1)

    def mark(self, item_id: int, field: int, mode: int) -> None:
        self.call("updateArticle", article_ids=str(item_id), field=field, mode=mode)


def _php(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def feed_routes(corpus: Path, names: Sequence[str]) -> dict[str, Route]:
    """The proxy's answers: each corpus file at http://FEED_HOST/NAME."""
    routes: dict[str, Route] = {}
    for name in names:
        body = (corpus / name).read_bytes()
        routes[f"http://{FEED_HOST}/{name}"] = reply(200, body, {"Content-Type": "application/xml"})
    return routes


@contextlib.contextmanager
def template(
    corpus: Path, groups: dict[str, Sequence[str]]
) -> Iterator[tuple[Cluster, FeedServer]]:
    """A cluster holding the template database: tt-rss's schema, the test user with API
    access, and the feeds of ``groups`` (category -> corpus file names) fetched."""
    check()
    root = Path(tempfile.mkdtemp(prefix="newsreader-ttrss-"))
    root.chmod(0o755)  # PostgreSQL and PHP run as their own users and must reach their folders
    names = [n for files in groups.values() for n in files]
    with serve(routes=feed_routes(corpus, names)) as proxy:
        cluster = Cluster(root)
        cluster.start()
        try:
            cluster.create(TEMPLATE)
            _run(
                [
                    _tool("psql"),
                    "-X",
                    "-q",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(cluster.port),
                    "-U",
                    "ttrss",
                    "-d",
                    TEMPLATE,
                    "-f",
                    str(SCHEMA),
                ]
            )
            digest = hashlib.sha1(PASSWORD.encode()).hexdigest()
            cluster.psql(
                TEMPLATE,
                f"UPDATE ttrss_users SET pwd_hash = 'SHA1:{digest}', salt = '' WHERE id = 1;"
                " INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value)"
                " VALUES (1, 'ENABLE_API_ACCESS', 'true')",
            )
            server = TinyTinyRSS(cluster, proxy, TEMPLATE, root / "template")
            server.install()
            server.start()
            try:
                for category, files in groups.items():
                    cat_id = 0
                    if category:
                        cat_id = int(
                            cluster.psql(
                                TEMPLATE,
                                "INSERT INTO ttrss_feed_categories (owner_uid, title)"
                                f" VALUES (1, '{category}') RETURNING id",
                            ).split()[0]
                        )
                    for name in files:
                        status = server.call(
                            "subscribeToFeed",
                            feed_url=f"http://{FEED_HOST}/{name}",
                            category_id=cat_id,
                        )["status"]
                        assert status["code"] == 1, status
                server.update()
            finally:
                server.stop()
            yield cluster, proxy
        finally:
            cluster.stop()
            shutil.rmtree(root, ignore_errors=True)


def server_from(cluster: Cluster, proxy: FeedServer) -> TinyTinyRSS:
    """A running tt-rss on a fresh copy of the template database."""
    name = f"ttrss_{os.getpid()}_{next(_copies)}"
    cluster.create(name, TEMPLATE)
    server = TinyTinyRSS(cluster, proxy, name, cluster.root / name)
    server.install()
    server.start()
    return server

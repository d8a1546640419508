"""``newsreader serve``: the reader in a web browser, through Textualize's textual-serve.

textual-serve starts one reader process per browser tab, as the user who runs the server, and has
no login: whoever can reach its port reads and changes that user's feeds. So it listens on
loopback unless ``--public`` says otherwise, and its websocket (the one way to drive the reader)
turns away two kinds of request a browser can be tricked into sending:

- from a page of another site (cross-site websocket hijacking: any page the user visits could
  otherwise connect to ``ws://127.0.0.1:8000/ws``, drive the reader and read its screen);
- on loopback, by a host name that is not a loopback one (DNS rebinding: a site whose name is
  made to resolve to 127.0.0.1 is the same origin as itself, and would pass the first check);
  on loopback the page and its downloads answer only loopback names too.

This module imports textual-serve (and so aiohttp) only in :func:`serve`: the other commands
start without it.
"""

from __future__ import annotations

import asyncio
import ipaddress
import shlex
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = [
    "ServeError",
    "ServeOptions",
    "host_allowed",
    "origin_allowed",
    "plan",
    "reader_command",
    "serve",
]

_WILDCARDS = frozenset({"0.0.0.0", "::", ""})
_QUIT_SECONDS = 10  # how long a stopping server waits for the readers of open tabs to quit


class ServeError(ValueError):
    """The server cannot be started as asked (the message is one line)."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Where the server listens, and the address browsers open (its pages point there)."""

    host: str
    port: int
    public_url: str

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """``localhost``, 127.0.0.0/8 or ::1 (with or without the brackets of a URL)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    """A host as it stands in a URL: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def plan(
    host: str, port: int, *, public: bool = False, public_url: str | None = None
) -> ServeOptions:
    """Check the options of ``serve``; raises :class:`ServeError` with the reason."""
    host = host.strip()
    if not host:
        raise ServeError("--host is empty: give an address to listen on, such as 127.0.0.1")
    # The host goes into the page's address unless --public-url is given: a name or an address
    # (an IPv6 one with or without its brackets), nothing a URL would read otherwise.
    name = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not name or any(c.isspace() or c in "[]/?#@\"'<>\\`" for c in name):
        raise ServeError(f"--host is not a host name or address: {host!r}")
    if not public and not is_loopback(host):
        raise ServeError(
            f"--host {host} would let anyone who can reach it run the reader as you (there is "
            "no login): add --public to mean it, or keep 127.0.0.1 and forward the port "
            "over SSH (see the README)"
        )
    if public_url is None:
        if host.strip("[]") in _WILDCARDS:
            raise ServeError(
                f"--host {host} listens on every address: add --public-url "
                f"http://NAME:{port}, the address your browser will open"
            )
        public_url = f"http://{_url_host(host)}" + ("" if port == 80 else f":{port}")
    else:
        try:
            parts = urlsplit(public_url.strip())
        except ValueError:  # "Invalid IPv6 URL"
            raise ServeError(f"--public-url is not an http(s) address: {public_url!r}") from None
        # The URL goes into the page textual-serve writes, unescaped: plain URL characters only
        unsafe = any(c.isspace() or c in "\"'<>\\`" for c in public_url.strip())
        if unsafe or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ServeError(f"--public-url is not an http(s) address: {public_url!r}")
        public_url = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
    return ServeOptions(host=host, port=port, public_url=public_url)


def reader_command() -> str:
    """The shell command textual-serve runs for each browser tab: this installation's reader.

    The same interpreter runs the ``tui`` package it has installed (``-P``: not a ``tui``
    folder in the current directory); the environment, and so ``NEWSREADER_HOME`` and the
    config, is inherited from the server.
    """
    return shlex.join([sys.executable, "-P", "-m", "tui", "tui"])


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def host_allowed(options: ServeOptions, host_header: str | None) -> bool:
    """Is a request addressed to this ``Host`` answered? On loopback, only by a loopback name or
    the public URL's (DNS rebinding); on another address, by any."""
    if not options.loopback:
        return True
    host = (host_header or "").strip().lower()
    host_name = urlsplit(f"//{host}").hostname or ""
    return is_loopback(host_name) or host == urlsplit(options.public_url).netloc.lower()


def origin_allowed(options: ServeOptions, origin: str | None, host_header: str | None) -> bool:
    """May a websocket request with these ``Origin`` and ``Host`` headers drive the reader?

    No ``Origin``: not a browser page, so no page tricked into it. Otherwise the page must come
    from this server: the public URL's origin, or the one the request was addressed to; on
    loopback, any loopback page (``localhost`` and ``127.0.0.1`` are one server), and only by a
    loopback host name or the public URL's.
    """
    if not host_allowed(options, host_header):
        return False
    host = (host_header or "").strip().lower()
    if origin is None:
        return True
    page = origin.strip().lower()
    if page in (_origin(options.public_url), f"http://{host}", f"https://{host}"):
        return True
    if options.loopback:
        parts = urlsplit(page)
        return parts.scheme in ("http", "https") and is_loopback(parts.hostname or "")
    return False


def check_address(options: ServeOptions) -> None:
    """Bind the address for a moment, so a port in use or an address of another machine is one
    line before textual-serve starts (its own failure comes after its banner)."""
    import os
    import socket

    host = options.host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        socket.create_server((host, options.port), family=family).close()
    except OSError as exc:
        # create_server's message names the address again: the system's words are enough
        errno = exc.errno or 0
        reason = os.strerror(errno) if errno > 0 else (exc.strerror or str(exc))
        raise ServeError(f"cannot listen on {options.host} port {options.port}: {reason}") from exc


def serve(options: ServeOptions) -> None:
    """Serve the reader until Ctrl+C (or SIGTERM); raises :class:`ServeError` when it cannot."""
    try:
        from aiohttp import web
        from textual_serve.server import Server
    except ImportError as exc:
        raise ServeError(
            f"textual-serve is not installed ({exc.name}): pip install 'textual-serve>=1.1.3'"
        ) from exc
    check_address(options)
    sessions: set[asyncio.Task[object]] = set()  # one per open tab: its websocket's handler

    class GuardedServer(Server):
        """textual-serve's server, whose websocket checks where its request comes from, and
        which ends the open tabs' readers when it stops."""

        async def on_startup(self, app: web.Application) -> None:
            print(f"newsreader: serving the reader on {options.public_url} (Ctrl+C stops it)")
            sys.stdout.flush()

        async def on_shutdown(self, app: web.Application) -> None:
            # aiohttp would wait a minute for the open websockets, then close the event loop
            # under their readers: cancelled, each handler tells its reader to quit, and waits.
            for task in sessions:
                task.cancel()
            if sessions:
                await asyncio.wait(sessions, timeout=_QUIT_SECONDS)

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            # textual-serve's own is wrapped by aiohttp_jinja2's template: it returns the page
            if not host_allowed(options, request.host):
                raise web.HTTPForbidden(text="newsreader: not served by this host name\n")
            return await super().handle_index(request)

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            if not host_allowed(options, request.host):
                raise web.HTTPForbidden(text="newsreader: not served by this host name\n")
            return await super().handle_download(request)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if not origin_allowed(options, request.headers.get("Origin"), request.host):
                raise web.HTTPForbidden(text="newsreader: this page may not drive the reader\n")
            task = asyncio.current_task()
            if task is not None:
                sessions.add(task)
            try:
                return await super().handle_websocket(request)
            finally:
                sessions.discard(task)

    GuardedServer(
        reader_command(),
        host=options.host.strip("[]"),
        port=options.port,
        title="newsreader",
        public_url=options.public_url,
    ).serve()

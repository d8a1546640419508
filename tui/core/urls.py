"""The URL rules every input shares: what a feed URL may be, which hosts are internal, and how a
redirect's ``Location`` becomes a URL that is safe to store and print.

One rule for ``add``, ``import``, the app's add-feed box and the redirects a refresh follows, so a
URL one of them refuses is refused by all. Nothing here touches the network: a host name is
internal by its spelling (``localhost``, an IP literal in any form a resolver accepts, a
single-label or local-only name); what a public-looking name resolves to is checked where the
page is fetched (:mod:`tui.services.fulltext`).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from tui.core.limits import URL as MAX_URL
from tui.core.text import clean_line, is_safe_link

__all__ = [
    "MAX_URL",
    "BadUrl",
    "check_feed_url",
    "is_internal_address",
    "is_internal_host",
    "location_url",
    "shown_url",
    "typed_url",
]

FEED_SCHEMES = frozenset({"http", "https"})
# Names that only ever resolve inside the local network (RFC 6761, RFC 6762, RFC 8375, and the
# suffixes routers and cloud providers hand out for their own hosts).
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa", ".localdomain")
# What a URL may hold unescaped: the reserved and unreserved characters of RFC 3986, and ``%``
# (an escape already made is kept as it is).
_URL_SAFE = ":/?#[]@!$&()*+,;=%~-._"


class BadUrl(ValueError):
    """Not a usable feed URL; the message is one line for the user."""


def check_feed_url(raw: str) -> str:
    """``raw`` as a feed URL (trimmed, ``feed:`` mapped to http, the scheme in lower case, no
    ``#fragment``: it never goes over HTTP, so ``feed#top`` is the same feed as ``feed``), or
    :class:`BadUrl`: an http(s) URL with a host and a valid port, at most :data:`MAX_URL`
    characters, free of spaces, quotes and control or invisible characters."""
    url = raw.strip()
    lower = url.lower()
    if lower.startswith("feed://"):
        url = "http://" + url[len("feed://") :]
    elif lower.startswith("feed:"):
        url = url[len("feed:") :]
    shown = clean_line(url)[:200]
    if len(url) > MAX_URL:
        raise BadUrl(f"URL longer than {MAX_URL} characters: {shown!r}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is no number or out of range
    except ValueError:
        raise BadUrl(f"not a valid URL: {shown!r}") from None
    if parts.scheme.lower() not in FEED_SCHEMES or not parts.hostname:
        raise BadUrl(f"not an http(s) URL: {shown!r}")
    url = urlunsplit(parts._replace(scheme=parts.scheme.lower(), fragment=""))
    if not is_safe_link(url):
        raise BadUrl(f"URL with spaces, quotes or control characters: {shown!r}")
    return url


def typed_url(raw: str) -> str:
    """``raw`` as a person types an address: with no scheme (``example.com/feed``), as an
    address bar reads it, https:// (http:// for a host that is internal by its spelling, such
    as ``localhost:8080``: a local server seldom has a certificate). For what a user types,
    not for a file's or a server's URLs, which must say what they are."""
    text = raw.strip()
    if not text or "://" in text or text.lower().startswith("feed:"):
        return text
    try:
        host = urlsplit("//" + text).hostname or ""
    except ValueError:  # "[::1": check_feed_url says what is wrong with it
        host = ""
    return ("http://" if is_internal_host(host) else "https://") + text


def shown_url(url: str) -> str:
    """``url`` as it is shown and printed: the password of a login it carries
    (``user:password@host``, how a private feed is often subscribed) hidden as ``***``. The
    stored URL keeps it: the fetcher sends it."""
    try:
        scheme, netloc, path, query, fragment = urlsplit(url)
    except ValueError:  # no URL (a stored one always is one)
        return url
    login, at, host = netloc.rpartition("@")
    user, colon, password = login.partition(":")
    if not (at and colon and password):
        return url
    return urlunsplit((scheme, f"{user}:***@{host}", path, query, fragment))


def location_url(base: str, location: str) -> str | None:
    """Where a redirect's ``Location`` points, as a URL safe to store and print, or None when it
    is no http(s) URL with a host. Spaces, control characters and non-ASCII bytes a server sends
    raw are percent-encoded, as browsers do."""
    try:
        target = urljoin(base, location.strip())
    except ValueError:
        return None
    try:
        return check_feed_url(quote(target, safe=_URL_SAFE))
    except BadUrl:
        return None


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host name spells, in every form a resolver reads: dotted, short (``127.1``),
    decimal (``2130706433``), hex or octal parts, IPv6 (with a zone, or an IPv4-mapped one)."""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        if not host or any(c not in "0123456789abcdefx." for c in host):
            return None
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_internal_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, private, link-local, shared, reserved or unspecified: not a public address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def is_internal_host(host: str) -> bool:
    """Whether a URL's host names this machine or the local network by its spelling alone."""
    name = host.strip().strip("[]").rstrip(".").lower()
    if not name:
        return False
    if name in _LOCAL_NAMES or name.endswith(_LOCAL_SUFFIXES):
        return True
    address = _ip(name)
    if address is not None:
        return is_internal_address(address)
    return "." not in name  # a single label resolves through the local search domains

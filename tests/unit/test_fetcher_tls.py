"""HTTPS feeds against a real TLS server on 127.0.0.1, with a certificate made for the test.

The fetcher loads the CA certificates on its first HTTPS request (not when it is made): these
tests check that verification is still on, that ``SSL_CERT_FILE`` is honoured as httpx honours
it, and that a certificate setting that cannot be read fails the HTTPS feeds with a clear
message while plain-HTTP feeds are fetched as before.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, reply, serve
from tests.unit.conftest import SMALL
from tui.services.fetcher import Fetcher, FetchSettings

FAST = FetchSettings(timeout=2.0, deadline=4.0, max_bytes=1_000_000)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key (made by the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def https_server(certificate: tuple[Path, Path]) -> Iterator[FeedServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with serve(routes={"/f": reply(200, SMALL)}, tls=context) as srv:
        yield srv


async def test_an_untrusted_certificate_is_refused(
    https_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    async with Fetcher(FAST) as fetcher:
        result = await fetcher.fetch(https_server.url("/f"))
    assert result.body is None
    assert result.error is not None and "certificate verify failed" in result.error


async def test_ssl_cert_file_is_trusted(
    https_server: FeedServer, certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    async with Fetcher(FAST) as fetcher:
        results = [await fetcher.fetch(https_server.url("/f")) for _ in range(2)]
    assert [(r.status, r.body, r.error) for r in results] == [(200, SMALL, None)] * 2


async def test_unreadable_certificates_fail_only_https(
    https_server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-bundle.pem"
    monkeypatch.setenv("SSL_CERT_FILE", str(missing))
    with serve(routes={"/f": reply(200, SMALL)}) as plain:
        async with Fetcher(FAST) as fetcher:
            over_http = await fetcher.fetch(plain.url("/f"))
            over_https = [await fetcher.fetch(https_server.url("/f")) for _ in range(2)]
    assert (over_http.status, over_http.body, over_http.error) == (200, SMALL, None)
    for result in over_https:
        assert result.body is None and result.error is not None
        assert result.error.startswith("cannot connect: cannot load the CA certificates of")
        assert str(missing) in result.error


async def test_a_proxy_over_https_loads_them_for_plain_http_feeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """httpx reaches an https:// proxy over TLS even for an http:// feed, so the certificates
    are loaded then too (here: a bundle that cannot be read, so the fetch says so)."""
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "no-such-bundle.pem"))
    monkeypatch.setenv("HTTP_PROXY", "https://127.0.0.1:9/")
    monkeypatch.delenv("ALL_PROXY", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with Fetcher(FAST) as fetcher:
        result = await fetcher.fetch("http://feeds.invalid/f")
    assert result.error is not None
    assert result.error.startswith("cannot connect: cannot load the CA certificates of")


async def test_sslkeylogfile_is_honoured(
    https_server: FeedServer,
    certificate: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As with httpx's default context: the session keys go to SSLKEYLOGFILE (for debugging)."""
    keylog = tmp_path / "keys.log"
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    monkeypatch.setenv("SSLKEYLOGFILE", str(keylog))
    async with Fetcher(FAST) as fetcher:
        result = await fetcher.fetch(https_server.url("/f"))
    assert result.status == 200
    assert "CLIENT_" in keylog.read_text()  # CLIENT_RANDOM (TLS 1.2), CLIENT_..._SECRET (1.3)

"""Unbounded reads (issue 14, case 7): ``import /dev/zero`` and ``extract /dev/urandom`` read
until memory ran out, and the OPML size limit was checked after reading. Every file or stream the
CLI reads is read up to its limit and no further: one clear line, exit 2, in bounded memory.
Found by the probe in the same class: a compressed full-text page was inflated whole."""

from __future__ import annotations

import functools
import gzip
import resource
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.reliability.conftest import NEWSREADER, child_env
from tests.reliability.faultserver import fault_server, status

# Far above what the command needs, far below what reading a device to the end takes.
MEMORY = 1_500_000_000


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["import", "/dev/zero"], None),
        (["import", "/dev/urandom"], None),
        (["extract", "/dev/urandom"], None),
        (["extract", "/dev/zero", "--text"], None),
        (["extract", "-"], "/dev/zero"),
        (["import", "-"], "/dev/zero"),
    ],
)
def test_endless_input_is_read_to_its_limit_only(
    tmp_path: Path, argv: list[str], stdin: str | None
) -> None:
    home = tmp_path / "home"
    with open(stdin or "/dev/null", "rb") as feed_in:
        done = subprocess.run(
            [str(NEWSREADER), *argv],
            env=child_env(home),
            stdin=feed_in,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_limited,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("newsreader: ") and done.stderr.count("\n") == 1, done.stderr
    assert "larger than" in done.stderr
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr


def test_a_config_file_that_never_ends(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").symlink_to("/dev/zero")
    done = subprocess.run(
        [str(NEWSREADER), "list"],
        env=child_env(home),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "config.toml" in done.stderr, done.stderr


@functools.cache
def _double_gzip_bomb() -> bytes:
    """A 7 KB body that is 2 GB of zeros gzipped twice (``Content-Encoding: gzip, gzip``)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    megabyte = b"\0" * (1 << 20)
    inner = b"".join(packer.compress(megabyte) for _ in range(2048)) + packer.flush()
    return gzip.compress(inner, 9)


@pytest.mark.parametrize("encoding", ["gzip", "gzip, gzip"])
def test_a_compressed_page_is_inflated_to_its_limit_only(tmp_path: Path, encoding: str) -> None:
    """Full-text pages were inflated by httpx, a chunk or a whole nested layer at a time: a
    7 KB page of ``gzip, gzip`` asked for 2 GB (MemoryError, "unexpected error")."""
    body = _double_gzip_bomb() if encoding == "gzip, gzip" else gzip.compress(b"\0" * 50_000_000)
    headers = {"Content-Type": "text/html", "Content-Encoding": encoding}
    with fault_server({"/bomb": status(200, body, headers)}, lifetime=120) as srv:
        done = subprocess.run(
            [str(NEWSREADER), "extract", srv.url("/bomb")],
            env=child_env(tmp_path / "home"),
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=_limited,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("newsreader: ") and done.stderr.count("\n") == 1, done.stderr
    assert "unexpected" not in done.stderr

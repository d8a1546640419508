"""A private sshd on 127.0.0.1 with throwaway keys, to drive newsreader over real SSH."""

from __future__ import annotations

import getpass
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SSHD = Path("/usr/sbin/sshd")


@dataclass(frozen=True)
class SshServer:
    port: int
    user: str
    identity: Path
    known_hosts: Path

    def command(self, remote: str) -> list[str]:
        """An ``ssh -tt`` command line that runs ``remote`` on this server with a terminal."""
        return [
            "ssh",
            "-tt",
            "-p",
            str(self.port),
            "-i",
            str(self.identity),
            "-o",
            f"UserKnownHostsFile={self.known_hosts}",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            f"{self.user}@127.0.0.1",
            remote,
        ]


def available() -> str | None:
    """Why an SSH test cannot run here, or None when it can."""
    if not SSHD.exists():
        return "sshd is not installed (.ci/run installs openssh-server)"
    for tool in ("ssh", "ssh-keygen", "tmux"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_sshd(folder: Path) -> Iterator[SshServer]:
    """Start sshd in the foreground on a free loopback port; stop it when the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    host_key = folder / "host_ed25519"
    user_key = folder / "user_ed25519"
    for key in (host_key, user_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    authorized = folder / "authorized_keys"
    authorized.write_text(user_key.with_suffix(".pub").read_text())
    authorized.chmod(0o600)
    Path("/run/sshd").mkdir(exist_ok=True)  # privilege separation directory
    port = _free_port()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
        f"AuthorizedKeysFile {authorized}\nPidFile {folder / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
        "PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\nPrintMotd no\n"
        "AcceptEnv LANG LC_*\n"
    )
    proc = subprocess.Popen(
        [str(SSHD), "-D", "-e", "-f", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=(folder / "sshd.log").open("wb"),
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if proc.poll() is not None:
                raise RuntimeError((folder / "sshd.log").read_text())
            time.sleep(0.05)
        yield SshServer(port, getpass.getuser(), user_key, folder / "known_hosts")
    finally:
        proc.terminate()
        proc.wait(timeout=10)

"""The sync password: from ``password_command`` (run without a shell) or ``password_env``.

The password is never written anywhere by newsreader: not to the database, the log, the
terminal, nor into an error message. The command's output and its error output are kept
from the terminal (they could hold the password); a failure is told by its exit status.
"""

from __future__ import annotations

import os
import shlex
import subprocess

from tui.config import SyncSettings
from tui.services.sync.remote import SyncError

COMMAND_TIMEOUT = 60.0  # seconds: long enough to type a passphrase into an agent's prompt
_MAX_OUTPUT = 65_536


class CredentialError(SyncError):
    """The password cannot be had: a setting to fix, not a server to wait for."""


def password(settings: SyncSettings, *, timeout: float = COMMAND_TIMEOUT) -> str:
    """The password for ``settings`` (raises CredentialError with one line saying why not)."""
    if settings.password_env is not None:
        value = os.environ.get(settings.password_env)
        if not value:
            raise CredentialError(
                f"[sync] password_env: the environment variable {settings.password_env} is not set"
            )
        return value
    command = settings.password_command or ""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise CredentialError(f"[sync] password_command cannot be read ({exc})") from None
    if not argv:
        raise CredentialError("[sync] password_command is empty")
    try:
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise CredentialError(f"[sync] password_command: {argv[0]!r} not found") from None
    except PermissionError:
        raise CredentialError(f"[sync] password_command: {argv[0]!r} cannot be run") from None
    except subprocess.TimeoutExpired:
        raise CredentialError(
            f"[sync] password_command did not finish within {timeout:g} s"
        ) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CredentialError(f"[sync] password_command cannot be run ({reason})") from None
    if done.returncode != 0:
        raise CredentialError(
            f"[sync] password_command failed with exit status {done.returncode}"
            " (run it yourself to see why)"
        )
    first = done.stdout[:_MAX_OUTPUT].decode("utf-8", "replace").splitlines()
    if not first or not first[0]:
        raise CredentialError("[sync] password_command printed no password")
    return first[0]

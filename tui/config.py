"""Settings from config.toml: read with tomllib, validated, with errors that name file, key and fix.

A missing file means defaults. Every key is optional; an unknown key or a bad value raises
:class:`ConfigError` whose message is one line a user can act on.
"""

from __future__ import annotations

import shlex
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, time
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

FullTextMode = Literal["auto", "always", "never"]
EntityBackendName = Literal["rules", "spacy"]
InternalLinks = Literal["ask", "allow", "refuse"]
NotifyMode = Literal["osc9", "osc777", "bell", "off"]
SyncService = Literal["fever", "ttrss"]

_CHOICES: dict[str, tuple[str, ...]] = {
    "fulltext": ("auto", "always", "never"),
    "entity_backend": ("rules", "spacy"),
    "internal_links": ("ask", "allow", "refuse"),
    "notify": ("osc9", "osc777", "bell", "off"),
}
# Inclusive bounds for the numeric settings.
_RANGES: dict[str, tuple[float, float]] = {
    "refresh_minutes": (0, 10_080),
    "retention_days": (0, 36_500),
    "retention_per_feed": (0, 1_000_000),
    "max_connections": (1, 64),
    "per_host_connections": (1, 16),
    "timeout_seconds": (1, 300),
    "max_feed_megabytes": (1, 200),
    "max_download_megabytes": (1, 1_000_000),
}


_MAX_BYTES = 1_000_000


class ConfigError(ValueError):
    """A config file that cannot be used; the message is the one line shown to the user."""


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """The ``[sync]`` table: an aggregator server to read from instead of fetching feeds.

    The password is never in the file: ``password_command`` is run (without a shell) and the
    first line of its output is the password, or ``password_env`` names the environment
    variable holding it. Exactly one of the two is set.
    """

    service: SyncService
    url: str
    user: str
    password_command: str | None = None
    password_env: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> SyncSettings:
        """Rebuild settings already validated (as :func:`dataclasses.asdict` wrote them)."""
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


_SYNC_SERVICES = ("fever", "ttrss")
_SYNC_KEYS = ("service", "url", "user", "password_command", "password_env")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a user can set in config.toml (all keys optional)."""

    refresh_on_start: bool = True
    refresh_minutes: int = 30  # 0 turns the periodic refresh off
    fulltext: FullTextMode = "auto"
    entity_backend: EntityBackendName = "rules"
    retention_days: int = 0  # 0 keeps everything
    retention_per_feed: int = 0  # 0 keeps everything
    max_connections: int = 16
    per_host_connections: int = 4
    timeout_seconds: float = 20.0
    max_feed_megabytes: int = 10
    theme: str = "textual-dark"
    # Opening or fetching an article link to a loopback or private address (a feed could
    # point the reader at the router or a local service): ask once per host, allow, refuse.
    internal_links: InternalLinks = "ask"
    # Alerts for the watch list reach the terminal as a notification (tui.core.notify): OSC 9,
    # OSC 777, the bell, or nothing; notify_command is run with the message as its last
    # argument (split like a shell would, never run by one). "" runs nothing.
    notify: NotifyMode = "osc9"
    notify_command: str = ""
    # Opening a story (enter on its row in the stories view) marks all its articles read.
    story_marks_read: bool = True
    # Where enclosures are downloaded ("": the user's downloads folder, tui.paths).
    download_dir: str = ""
    max_download_megabytes: int = 2_000
    # The command that plays a downloaded file or a stream: run without a shell, the file's
    # path or the stream's URL as its last argument ("": none).
    player: str = "mpv"
    # binding id -> keys, e.g. quit = "q,ctrl+q"
    keymap: Mapping[str, str] = field(default_factory=dict)
    # [sync]: read from an aggregator server (DESIGN section 13); None fetches feeds directly
    sync: SyncSettings | None = None


def _check(path: Path, key: str, value: Any, default: Any) -> Any:
    where = f"{path}: {key}"
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false, not {_shown(value)}")
        return value
    if isinstance(default, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where} must be a number, not {_shown(value)}")
        if isinstance(default, int) and not isinstance(value, int):
            raise ConfigError(f"{where} must be a whole number, not {_shown(value)}")
        low, high = _RANGES[key]
        if not low <= value <= high:
            raise ConfigError(f"{where} must be between {low} and {high}, not {_shown(value)}")
        return value
    if key == "keymap":
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in value.items()
        ):
            raise ConfigError(
                f'{where} must be a table of binding id = "keys", e.g. [keymap] quit = "q,ctrl+q"'
            )
        return dict(value)
    if not isinstance(value, str):
        raise ConfigError(f"{where} must be a string, not {_shown(value)}")
    _check_no_nul(where, value)
    if key == "download_dir" and value.strip():
        _check_folder(where, value.strip())
    if key in ("player", "notify_command"):
        try:
            words = shlex.split(value)
        except ValueError as exc:
            raise ConfigError(f"{where} is not a command line ({exc}): {_shown(value)}") from exc
        if not words:  # " " or "''" runs nothing, as "" does: every alert failed on it
            return ""
    choices = _CHOICES.get(key)
    if choices and value not in choices:
        raise ConfigError(f"{where} must be one of {', '.join(choices)}, not {_shown(value)}")
    return value


def _sync(path: Path, value: Any) -> SyncSettings:
    where = f"{path}: [sync]"
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table ([sync] with service, url, user)")
    if "password" in value:
        raise ConfigError(
            f"{where} password: no password in config.toml; set password_command (a command"
            " that prints it) or password_env (the environment variable that holds it)"
        )
    for key in value:
        if key not in _SYNC_KEYS:
            known = ", ".join(_SYNC_KEYS)
            raise ConfigError(f"{where} unknown key {_shown(key)} (known keys: {known})")
    for key, item in value.items():
        if not isinstance(item, str) or not item.strip():
            raise ConfigError(f"{where} {key} must be a non-empty string, not {_shown(item)}")
        _check_no_nul(f"{where} {key}", item)
    for key in ("service", "url", "user"):
        if key not in value:
            raise ConfigError(f"{where} {key} is missing")
    if value["service"] not in _SYNC_SERVICES:
        services = ", ".join(_SYNC_SERVICES)
        raise ConfigError(
            f"{where} service must be one of {services}, not {_shown(value['service'])}"
        )
    url = value["url"].strip()
    if not _is_web_address(url):
        raise ConfigError(f"{where} url must be an http:// or https:// address, not {_shown(url)}")
    given = [k for k in ("password_command", "password_env") if k in value]
    if len(given) != 1:
        raise ConfigError(f"{where} needs exactly one of password_command and password_env")
    return SyncSettings(
        service=value["service"],
        url=url,
        user=value["user"],
        password_command=value.get("password_command"),
        password_env=value.get("password_env"),
    )


def _is_web_address(url: str) -> bool:
    """An http(s) URL with a host (and a port that is one): an unclosed IPv6 bracket or port
    99999 would fail every sync with an unexpected error."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


_SHOWN_CHARS = 60


def _shown(value: Any) -> str:
    """A value as the message quotes it: as TOML writes it (``true``, ``2024-01-01``,
    ``["osc9"]``; it said ``True`` and ``datetime.date(2024, 1, 1)``), a string as Python
    quotes it (so its invisible characters show), and at most a line's worth of it (a
    megabyte of text made a megabyte-long line)."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, date | time):  # datetime is a date
        text = value.isoformat()
    elif isinstance(value, list):
        text = "[" + ", ".join(_shown(item) for item in value) + "]"
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k} = {_shown(v)}" for k, v in value.items()) + "}"
    else:
        text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _check_no_nul(where: str, value: str) -> None:
    """TOML allows \\u0000 in a string; no path, command line or address can hold it."""
    if "\x00" in value:
        raise ConfigError(f"{where} must not contain a NUL character, not {_shown(value)}")


def _check_folder(where: str, value: str) -> None:
    """A folder setting: absolute, or starting with ``~`` (of a user that exists)."""
    try:
        absolute = Path(value).expanduser().is_absolute()
    except RuntimeError as exc:  # "~name" of no user
        raise ConfigError(f"{where}: {exc} ({_shown(value)})") from None
    if not absolute:
        raise ConfigError(
            f"{where} must be an absolute folder (or start with ~), not {_shown(value)}"
        )


def settings_from_mapping(data: Mapping[str, Any], path: Path) -> Settings:
    """Validate a parsed TOML document into :class:`Settings`."""
    known = {f.name: f for f in fields(Settings)}
    defaults = Settings()
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(
                f"{path}: unknown key {_shown(key)} (known keys: {', '.join(sorted(known))})"
            )
        if key == "sync":
            values[key] = _sync(path, value)
            continue
        values[key] = _check(path, key, value, getattr(defaults, key))
    return Settings(**values)


def load_settings(path: Path) -> Settings:
    """Read ``path``; a missing file gives the defaults."""
    try:
        if stat.S_ISFIFO(path.stat().st_mode):  # opening it would wait for a writer, for good
            raise ConfigError(f"{path}: is a pipe, not a file")
        with path.open("rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)  # no further: the path may name a device
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > _MAX_BYTES:
        raise ConfigError(f"{path}: larger than {_MAX_BYTES // 1_000_000} MB, not a config file")
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))  # without the BOM some editors write
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: is not valid TOML ({exc})") from exc
    except RecursionError as exc:  # tomllib recurses into nested arrays and tables
        raise ConfigError(f"{path}: is not valid TOML (nested too deep)") from exc
    return settings_from_mapping(data, path)

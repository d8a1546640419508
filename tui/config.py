"""Settings from config.toml: read with tomllib, validated, with errors that name file, key and fix.

A missing file means defaults. Every key is optional; an unknown key or a bad value raises
:class:`ConfigError` whose message is one line a user can act on.
"""

from __future__ import annotations

import shlex
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

FullTextMode = Literal["auto", "always", "never"]
EntityBackendName = Literal["rules", "spacy"]
InternalLinks = Literal["ask", "allow", "refuse"]

_CHOICES: dict[str, tuple[str, ...]] = {
    "fulltext": ("auto", "always", "never"),
    "entity_backend": ("rules", "spacy"),
    "internal_links": ("ask", "allow", "refuse"),
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
    # Where enclosures are downloaded ("": the user's downloads folder, tui.paths).
    download_dir: str = ""
    max_download_megabytes: int = 2_000
    # The command that plays a downloaded file or a stream: run without a shell, the file's
    # path or the stream's URL as its last argument ("": none).
    player: str = "mpv"
    # binding id -> keys, e.g. quit = "q,ctrl+q"
    keymap: Mapping[str, str] = field(default_factory=dict)


def _check(path: Path, key: str, value: Any, default: Any) -> Any:
    where = f"{path}: {key}"
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false, not {value!r}")
        return value
    if isinstance(default, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where} must be a number, not {value!r}")
        if isinstance(default, int) and not isinstance(value, int):
            raise ConfigError(f"{where} must be a whole number, not {value!r}")
        low, high = _RANGES[key]
        if not low <= value <= high:
            raise ConfigError(f"{where} must be between {low:g} and {high:g}, not {value!r}")
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
        raise ConfigError(f"{where} must be a string, not {value!r}")
    if key == "download_dir" and value.strip():
        _check_folder(where, value.strip())
    if key == "player":
        try:
            shlex.split(value)
        except ValueError as exc:
            raise ConfigError(f"{where} is not a command line ({exc}): {value!r}") from exc
    choices = _CHOICES.get(key)
    if choices and value not in choices:
        raise ConfigError(f"{where} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _check_folder(where: str, value: str) -> None:
    """A folder setting: absolute, or starting with ``~`` (of a user that exists)."""
    try:
        absolute = Path(value).expanduser().is_absolute()
    except RuntimeError as exc:  # "~name" of no user
        raise ConfigError(f"{where}: {exc} ({value!r})") from None
    if not absolute:
        raise ConfigError(f"{where} must be an absolute folder (or start with ~), not {value!r}")


def settings_from_mapping(data: Mapping[str, Any], path: Path) -> Settings:
    """Validate a parsed TOML document into :class:`Settings`."""
    known = {f.name: f for f in fields(Settings)}
    defaults = Settings()
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(
                f"{path}: unknown key {key!r} (known keys: {', '.join(sorted(known))})"
            )
        values[key] = _check(path, key, value, getattr(defaults, key))
    return Settings(**values)


def load_settings(path: Path) -> Settings:
    """Read ``path``; a missing file gives the defaults."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(_MAX_BYTES + 1)  # no further: the path may name a device
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > _MAX_BYTES:
        raise ConfigError(f"{path}: larger than {_MAX_BYTES // 1_000_000} MB, not a config file")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: is not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: is not valid TOML ({exc})") from exc
    except RecursionError as exc:  # tomllib recurses into nested arrays and tables
        raise ConfigError(f"{path}: is not valid TOML (nested too deep)") from exc
    return settings_from_mapping(data, path)

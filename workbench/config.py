"""Typed settings of the workbench, read from layered sources.

Later sources win: the defaults, then the settings file (``paths.config_file()``, TOML),
then environment variables (``WORKBENCH_THEME``), then what a front end passes in (a CLI
flag). A file that cannot be read or parsed, or holds a value of the wrong type, never stops
the app: each problem becomes one warning line and that setting keeps its default.

Decisions:
- TOML, read with the standard library's ``tomllib``: nothing to install, cheap to import at
  start-up, and easy to edit by hand. The file is flat (``key = value``), so the writer below
  needs no TOML library.
- Saving merges into what the file holds, keeping the plain ``key = value`` lines this
  version does not know (a newer workbench's settings survive an older one), and writes
  atomically (temporary file +
  replace). A file that does not parse is moved aside to ``config.toml.broken`` before it is
  replaced, so nothing the user wrote is lost silently.
- No Textual here: which theme names exist is the TUI's business; it checks the name.
"""

from __future__ import annotations

import json
import os
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from workbench import paths

ENVIRONMENT = {"theme": "WORKBENCH_THEME"}
"""Setting -> the environment variable that overrides the file."""

HEADER = "# SRE Workbench settings. The app rewrites this file when you change a setting.\n"

_save_lock = threading.Lock()


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    """Name of the Textual theme to start with (None: Textual's default)."""


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    path: Path
    warnings: tuple[str, ...] = ()


def _text_setting(name: str, value: object, source: str) -> tuple[str | None, str | None]:
    """(value, None) for a usable text value, else (None, a warning)."""
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return None, f"{source}: {name} must be a name in quotes, e.g. {name} = \"high-contrast\"; " \
                  "using the default"


def read_file(path: Path) -> tuple[dict[str, object], str | None]:
    """The raw settings of ``path`` ({} when it does not exist), and a warning if it could not
    be read or parsed."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"Could not read the settings file {path}: {exc.strerror or exc}; " \
                   "using the defaults"
    try:
        return tomllib.loads(raw.decode("utf-8")), None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return {}, f"Ignoring the settings file {path}: {reason}; using the defaults"


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None,
                  **overrides: object) -> LoadedSettings:
    """Settings from the defaults, the file, the environment and ``overrides`` (None values
    in ``overrides`` are skipped), with a warning for each source that was not usable."""
    path = path or paths.config_file()
    environ = os.environ if environ is None else environ
    raw, problem = read_file(path)
    warnings = [problem] if problem else []
    values: dict[str, object] = {}
    for field in fields(Settings):
        name = field.name
        if name in raw:
            value, warning = _text_setting(name, raw[name], str(path))
            if warning:
                warnings.append(warning)
            elif value is not None:
                values[name] = value
        env_value = environ.get(ENVIRONMENT.get(name, ""), "").strip()
        if env_value:  # an empty variable counts as not set
            values[name] = env_value
        if overrides.get(name) is not None:
            values[name] = overrides[name]
    return LoadedSettings(replace(Settings(), **values), path, tuple(warnings))


def _toml_value(value: object) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are valid TOML basic-string escapes
        return json.dumps(value, ensure_ascii=False)
    return None


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "")
    return key if bare.isascii() and bare.isalnum() else json.dumps(key, ensure_ascii=False)


def save_settings(path: Path | None = None, **changes: str | None) -> Path:
    """Merge ``changes`` into the settings file (a None value removes the key) and write it
    atomically. Raises ``OSError`` when the folder cannot be written."""
    path = path or paths.config_file()
    with _save_lock:  # two quick changes from worker threads must not interleave
        try:
            raw: dict[str, object] = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raw = {}
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            os.replace(path, path.with_name(path.name + ".broken"))
            raw = {}
        for key, value in changes.items():
            if value is None:
                raw.pop(key, None)
            else:
                raw[key] = value
        lines = [HEADER]
        for key, value in raw.items():
            text = _toml_value(value)
            if text is not None:  # tables and lists of a newer version: not ours to keep
                lines.append(f"{_toml_key(key)} = {text}\n")
        paths.write_text_atomically(path, "".join(lines))
    return path

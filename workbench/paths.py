"""Every file location the workbench uses, in one place.

Data lives in the user's data directory and settings in the user's config directory
(platformdirs) unless ``WORKBENCH_HOME`` points elsewhere: then both live in that one folder,
so a test or a demo never touches the user's own files. The database URL comes from
``--db``, then ``WORKBENCH_DB``, then the last used database, then
``sqlite:///<home>/workbench.db``.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

APP_NAME = "sre-workbench"
_PACKAGE_DIR = Path(__file__).resolve().parent


def home() -> Path:
    override = os.environ.get("WORKBENCH_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Folder of the settings file (``WORKBENCH_HOME`` when set, like the data folder)."""
    override = os.environ.get("WORKBENCH_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The settings file (read by ``workbench.config``): the chosen theme and the like."""
    return config_dir() / "config.toml"


def default_db_url() -> str:
    return f"sqlite:///{home() / 'workbench.db'}"


def state_file() -> Path:
    return home() / "state.json"


def user_models_dir() -> Path:
    """Folder where coaches drop their own assessment model files."""
    return home() / "assessments"


def user_templates_root() -> Path:
    """Folder holding one folder of template overrides per workspace
    (``workbench.export.templates.user_templates_dir`` names them)."""
    return home() / "templates"


def _bundled(name: str) -> Path:
    # A wheel carries the folders under workbench/_data; a source checkout (editable install)
    # keeps them at the top of the repository.
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / name


def templates_dir() -> Path:
    return _bundled("templates")


def assessments_dir() -> Path:
    return _bundled("assessments")


def read_state() -> dict:
    try:
        return json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then replace ``path`` with it: a
    crash or a full disk leaves the old file whole, never a truncated one. The file is
    readable by the user only (the state file may hold a database password)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp gives each writer its own temporary file, so two writers never mix their bytes
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_state(**changes: object) -> None:
    """Merge ``changes`` into the state file; written atomically so a crash never truncates it."""
    state = read_state()
    if all(key in state and state[key] == value for key, value in changes.items()):
        return  # every command remembers its database: skip the write (and its fsync)
    state.update(changes)
    write_text_atomically(state_file(), json.dumps(state, indent=2, sort_keys=True))


def resolve_db_url(cli_value: str | None = None) -> str:
    return (
        cli_value
        or os.environ.get("WORKBENCH_DB")
        or read_state().get("last_db")
        or default_db_url()
    )

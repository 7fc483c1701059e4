"""Every file location the workbench uses, in one place.

Data lives in the user's data directory (platformdirs) unless ``WORKBENCH_HOME`` points
elsewhere; the database URL comes from ``--db``, then ``WORKBENCH_DB``, then the last used
database, then ``sqlite:///<home>/workbench.db``.
"""

from __future__ import annotations

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


def default_db_url() -> str:
    return f"sqlite:///{home() / 'workbench.db'}"


def state_file() -> Path:
    return home() / "state.json"


def user_models_dir() -> Path:
    """Folder where coaches drop their own assessment model files."""
    return home() / "assessments"


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


def write_state(**changes: object) -> None:
    """Merge ``changes`` into the state file; written atomically so a crash never truncates it."""
    state = read_state()
    state.update(changes)
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    # The last database URL may carry a password: keep the file private to the user.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(state, indent=2, sort_keys=True))
    os.replace(tmp, path)


def resolve_db_url(cli_value: str | None = None) -> str:
    return (
        cli_value
        or os.environ.get("WORKBENCH_DB")
        or read_state().get("last_db")
        or default_db_url()
    )

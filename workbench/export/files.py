"""Writing export files: prepare the output folder and replace files atomically, so a crash
or a full disk never leaves a half-written file where a good one was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from workbench.errors import UsageError


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def prepare_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents) if needed and return it resolved; one-line
    ``UsageError`` if it is a file or cannot be created."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"cannot export to {folder}: it is a file, not a folder; choose a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create export folder {folder}: {_reason(exc)}") from None
    return folder.resolve()


def check_folder(folder: Path) -> None:
    """Fail early, before any work, if ``folder`` is an existing file."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"cannot export to {folder}: it is a file, not a folder; choose a folder")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with ``\\n`` line endings via a temporary file in the same folder
    and ``os.replace``. Raises a one-line ``UsageError`` on any file-system error."""
    data = text.encode("utf-8")
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise UsageError(f"cannot write {path}: a folder with that name is in the way")
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {_reason(exc)}") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

"""Writing export files: prepare the output folder and replace files atomically, so a crash
or a full disk never leaves a half-written file where a good one was."""

from __future__ import annotations

import contextlib
import os
import shutil
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


def _flush_to_disk(paths: list[Path]) -> None:
    """Make written files durable: one ``sync()`` where the OS has it (cheaper than one
    ``fsync`` per file for a large tree), else an ``fsync`` of each."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:  # pragma: no cover - Windows
        with open(path, "rb+") as handle:
            os.fsync(handle.fileno())


def write_tree(folder: Path, files: list[tuple[tuple[str, ...], str]]) -> list[Path]:
    """Write ``files`` (relative path parts, text) under ``folder``, all or nothing: every
    file is first written into a staging folder beside it and flushed to disk once, then
    moved into place (the whole folder in one rename when it does not exist yet, else file
    by file, each replace atomic). A failure before the moves leaves ``folder`` untouched.
    Returns the target paths in the order given."""
    targets = [folder.joinpath(*parts) for parts, _ in files]
    for target in targets:
        if target.is_dir():
            raise UsageError(f"cannot write {target}: a folder with that name is in the way")
    parent = folder.parent
    try:
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.export-"))
    except OSError as exc:
        raise UsageError(f"cannot write into {parent}: {_reason(exc)}") from None
    staged: list[Path] = []
    try:
        for parts, text in files:
            path = staging.joinpath(*parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(text.encode("utf-8"))
            os.chmod(path, 0o644)
            staged.append(path)
        _flush_to_disk(staged)
        if not folder.exists():
            os.chmod(staging, 0o755)
            os.rename(staging, folder)
            return targets
        for path, target in zip(staged, targets, strict=True):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
        return targets
    except OSError as exc:
        raise UsageError(f"cannot write the export to {folder}: {_reason(exc)}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)

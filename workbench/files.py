"""Reading a user's input file: the one place that turns file-system problems into one-line
errors that say how to fix them (used by the CLI and the TUI alike)."""

from __future__ import annotations

from pathlib import Path

from workbench.errors import UsageError


def read_text_file(path: Path | str, *, what: str = "a file") -> str:
    """The file as UTF-8 text, or a ``UsageError`` naming the path and the fix."""
    raw = str(path).strip()
    if not raw:
        raise UsageError(f"no path given; type the path of {what}")
    file = Path(raw).expanduser()
    try:
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{raw}: no such file; check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{raw}: is a folder; give the path of {what}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{raw}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise UsageError(f"{raw}: cannot read it: {exc.strerror}") from None

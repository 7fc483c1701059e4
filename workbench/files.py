"""Reading a user's input file: the one place that turns file-system problems into one-line
errors that say how to fix them (used by the CLI and the TUI alike).

Decisions:
- Only regular files are read. The file is opened without blocking, so a named pipe or a
  device (``/dev/zero``) is refused at once instead of hanging or reading forever.
- Every file has a size limit; callers that expect bigger files pass ``max_bytes``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbench.errors import UsageError

MAX_BYTES = 8 * 1024 * 1024
WORKSPACE_DOCUMENT_BYTES = 64 * 1024 * 1024
"""For files that hold a whole workspace's artifacts of one kind (the native SLO document of
a 300-team practice, with its daily counts, is about 15 MiB)."""


def read_text_file(path: Path | str, *, max_bytes: int = MAX_BYTES,
                   what: str = "a file") -> str:
    """A regular file's UTF-8 text, refusing folders, devices, pipes and sockets (never
    blocking on them) and files larger than ``max_bytes``; ``UsageError`` naming the path
    and the fix otherwise."""
    raw = str(path).strip()
    if not raw:
        raise UsageError(f"no path given; type the path of {what}")
    file = Path(raw).expanduser()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(file, flags)
    except FileNotFoundError:
        raise UsageError(f"{raw}: no such file; check the path") from None
    except IsADirectoryError:
        raise UsageError(f"{raw}: is a folder; give the path of {what}") from None
    except OSError as exc:
        raise UsageError(f"{raw}: cannot read it: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(f"{raw}: is a folder; give the path of {what}")
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(f"{raw}: is not a regular file (a device, pipe or socket); "
                             f"give the path of {what}")
        too_big = UsageError(f"{raw}: is larger than {_size(max_bytes)}; that is more than "
                             f"{what} holds, check that this is the right file")
        if info.st_size > max_bytes:
            raise too_big
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise too_big
    except OSError as exc:
        raise UsageError(f"{raw}: cannot read it: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{raw}: not UTF-8 text; save it as UTF-8") from None


def _size(count: int) -> str:
    return f"{count / 1048576:g} MiB" if count >= 1048576 else f"{count} bytes"

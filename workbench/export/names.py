"""Safe file names for exported files: slugs from user text, and paths that cannot escape
the export folder. Exported names come from workspaces, teams and services that anyone can
name, so nothing a user types may pick where a file lands."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath, PureWindowsPath

from workbench.errors import UsageError

MAX_SLUG_LENGTH = 64

# Letters NFKD does not split into an ASCII base letter plus accents.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH",
    "\u0131": "i",  # dotless i
})
# Device names Windows refuses as file or folder names, with or without an extension.
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# What an exporter may call a file or folder: a slug, optionally with dotted extensions.
_FILE_PART = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9]+)*")


def ascii_text(text: str | None) -> str:
    """``text`` in ASCII: accents dropped ("Über" -> "Uber") and other scripts transliterated
    with anyascii ("支付" -> "ZhiFu", "Оплата" -> "Oplata"). Symbols and emoji become spaces,
    so they never turn into words (anyascii would spell a rocket as ``:rocket:``)."""
    from anyascii import anyascii

    kept = "".join(ch if unicodedata.category(ch)[0] in "LMN" or ch.isascii() else " "
                   for ch in (text or "").translate(_TRANSLITERATE))
    decomposed = unicodedata.normalize("NFKD", kept)
    return anyascii(decomposed)


def short_hash(text: str, length: int = 8) -> str:
    """A stable hex digest of ``text`` (SHA-256, first ``length`` digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def bounded(slug: str, max_length: int) -> str:
    """``slug`` cut to ``max_length`` with a stable hash of the whole slug appended when it is
    longer, so two long names with the same beginning still get different slugs."""
    if len(slug) <= max_length:
        return slug
    suffix = "-" + short_hash(slug)
    return slug[: max_length - len(suffix)].rstrip("-") + suffix


def slugify(text: str | None, *, fallback: str = "untitled",
            max_length: int = MAX_SLUG_LENGTH) -> str:
    """``text`` as a portable file name: lowercase ASCII letters, digits and single hyphens,
    at most ``max_length`` characters (a longer one ends in a stable hash of the whole).
    Accents are dropped ("Über" -> "uber") and other scripts transliterated ("支付" ->
    "zhifu"); text with nothing usable left (only emoji or punctuation) becomes
    ``fallback``."""
    if max_length < 12:
        raise ValueError("max_length must be at least 12")
    if not _SLUG.fullmatch(fallback) or len(fallback) > max_length:
        raise ValueError(f"fallback {fallback!r} is not itself a slug")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text(text).lower()).strip("-")
    slug = bounded(slug, max_length) or fallback
    if slug in WINDOWS_RESERVED:
        slug = f"{slug}-0"
    return slug


def unique_slugs(names: Iterable[str], *, fallback: str = "untitled",
                 max_length: int = MAX_SLUG_LENGTH) -> list[str]:
    """One slug per name, in order; clashes ("A b" and "a-b") get -2, -3, ... appended."""
    taken: set[str] = set()
    result: list[str] = []
    for name in names:
        base = slugify(name, fallback=fallback, max_length=max_length)
        slug, number = base, 1
        while slug in taken:
            number += 1
            suffix = f"-{number}"
            slug = base[: max_length - len(suffix)].rstrip("-") + suffix
        taken.add(slug)
        result.append(slug)
    return result


def is_clean_file_part(part: str) -> bool:
    """Whether an exporter-chosen file or folder name is safe on every platform."""
    stem = part.split(".", 1)[0]
    return (bool(_FILE_PART.fullmatch(part)) and len(part) <= 120
            and stem not in WINDOWS_RESERVED)


def safe_path(out_dir: Path, *parts: str) -> Path:
    """``out_dir`` joined with ``parts``, resolved; raises ``UsageError`` unless the result is
    strictly inside ``out_dir`` (no absolute parts, no ``..`` or symlink escapes)."""
    if not parts:
        raise UsageError("no file name given to write inside the export folder")
    for part in parts:
        if not isinstance(part, str) or not part.strip():
            raise UsageError(f"refusing to write a file with an empty name in {out_dir}")
        if "\0" in part:
            raise UsageError(f"refusing to write {part!r}: the name contains a NUL character")
        if (PurePosixPath(part).is_absolute() or PureWindowsPath(part).drive
                or PureWindowsPath(part).is_absolute()):
            raise UsageError(f"refusing to write {part!r}: it is an absolute path")
    base = Path(out_dir).resolve()
    target = base.joinpath(*parts).resolve()
    if target == base or not target.is_relative_to(base):
        shown = "/".join(parts)
        raise UsageError(f"refusing to write {shown!r}: it points outside {base}")
    return target

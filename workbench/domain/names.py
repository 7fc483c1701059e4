"""Rules for the names users give to workspaces, teams, services and people."""

from __future__ import annotations

MAX_NAME_LENGTH = 80


def clean_name(raw: str, what: str) -> str:
    """Return ``raw`` trimmed, or raise ``ValueError`` saying how to fix it."""
    name = " ".join((raw or "").split())
    if not name:
        raise ValueError(f"{what} name is empty; give a name such as 'Checkout'")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            f"{what} name is {len(name)} characters long; use at most {MAX_NAME_LENGTH}"
        )
    if any(ord(ch) < 32 for ch in name):
        raise ValueError(f"{what} name contains control characters; use printable text")
    return name


def lookup_key(text: str | None) -> str:
    """How a typed name is matched against stored ones: spaces folded, case ignored.
    Never raises, so lookups of a mistyped or empty name simply find nothing."""
    return " ".join((text or "").split()).casefold()


def name_key(name: str) -> str:
    """Names are unique without regard to case: 'Checkout' and 'checkout' are the same team."""
    return clean_name(name, "the").casefold()

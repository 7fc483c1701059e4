"""Rules for the names users give to workspaces, teams, services and people.

Decisions:
- Spaces, tabs and line breaks inside a name fold into single spaces (a pasted name keeps
  working). Every other control character (Unicode category Cc: C0, DEL and C1) is refused:
  it cannot be seen, breaks files written from the name (an assessment blank), and often
  comes from a stray key. Lone surrogates, which is how Python hands over bytes that were
  not valid UTF-8, are refused too: they cannot be stored or printed.
- The check is here, in the one function every repository calls, so the CLI, the TUI and
  the importers refuse the same names with the same message.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_LENGTH = 80

# Control characters a name may carry in from a paste; they fold into spaces.
_FOLDED = frozenset(" \t\n\r")


def unusable_character(text: str) -> str | None:
    """Why ``text`` cannot be a name because of one character in it, or None."""
    for position, ch in enumerate(text, start=1):
        category = unicodedata.category(ch)
        if category == "Cs":
            return (f"contains a character that is not valid UTF-8 text (U+{ord(ch):04X} at "
                    f"position {position}); type the name again in UTF-8")
        if category == "Cc" and ch not in _FOLDED:
            return (f"contains an invisible control character (U+{ord(ch):04X} at position "
                    f"{position}); delete it and type the name again")
    return None


def clean_name(raw: str, what: str) -> str:
    """Return ``raw`` trimmed, or raise ``ValueError`` saying how to fix it."""
    problem = unusable_character(raw or "")
    if problem:
        raise ValueError(f"{what} name {problem}")
    name = " ".join((raw or "").split())
    if not name:
        raise ValueError(f"{what} name is empty; give a name such as 'Checkout'")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(
            f"{what} name is {len(name)} characters long; use at most {MAX_NAME_LENGTH}"
        )
    return name


def lookup_key(text: str | None) -> str:
    """How a typed name is matched against stored ones: spaces folded, case ignored.
    Never raises, so lookups of a mistyped or empty name simply find nothing."""
    return " ".join((text or "").split()).casefold()


def name_key(name: str) -> str:
    """Names are unique without regard to case: 'Checkout' and 'checkout' are the same team."""
    return clean_name(name, "the").casefold()

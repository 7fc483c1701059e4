"""How many terminal columns a text takes, the one rule for padding text into columns.

Decisions:
- Combining marks that sit on the letter before them (categories Mn and Me) and format
  characters (Cf, e.g. a zero-width joiner) take no column; East Asian Wide and Fullwidth
  characters (Chinese, Japanese, Korean, fullwidth forms, most emoji) take two; every other
  character takes one. That includes the spacing vowel signs of Indic scripts (category Mc,
  e.g. the ``ा`` and ``ी`` of ``भुगतान टीम``): ``rich.cells.cell_len`` counts them as zero,
  but terminals (tmux, xterm, VTE) draw them one column wide, so a table padded with
  ``cell_len`` ends two columns short on a row of Hindi.
- Pure standard library (``unicodedata``), so every layer may use it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ELLIPSIS = "…"
_NO_COLUMN = frozenset({"Mn", "Me", "Cf"})


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns one character takes: 0, 1 or 2."""
    if unicodedata.category(char) in _NO_COLUMN:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (one line)."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def pad_right(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` columns (unchanged when wider)."""
    return text + " " * max(0, width - display_width(text))


def truncate(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending in ``…`` when it was cut. A
    character of two columns that would end one column past the edge is left out whole;
    the combining marks of a character kept stay with it."""
    if display_width(text) <= width:
        return text
    if width <= 0:
        return ""
    room = width - display_width(ELLIPSIS)
    kept, used = [], 0
    for char in text:
        size = char_width(char)
        if used + size > room:
            break
        kept.append(char)
        used += size
    return "".join(kept) + ELLIPSIS


def fit(text: str, width: int) -> str:
    """``text`` cut (``truncate``) and padded (``pad_right``) to exactly ``width`` columns."""
    return pad_right(truncate(text, width), width)

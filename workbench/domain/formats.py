"""Parsing and writing the small values every front end shows or reads: dates, whole
numbers and durations. One rule each, so the CLI, the TUI and the exports agree.

Decisions:
- Dates are strictly ``YYYY-MM-DD`` with ASCII digits. (``date.fromisoformat`` also takes
  ``20261102`` and ``2026-W48-1``, which nobody types on purpose.)
- Whole numbers are ASCII digits only: ``str.isdigit()`` also accepts ``²`` and other
  digits ``int()`` cannot read.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EXAMPLE_DATE = "2026-11-02"


def parse_iso_date(text: str) -> date:
    """``YYYY-MM-DD`` -> date; ValueError says what is wrong and shows an example."""
    raw = (text or "").strip()
    if not _DATE.fullmatch(raw):
        shown = repr(raw) if raw else "an empty date"
        raise ValueError(f"{shown} is not a date; use YYYY-MM-DD, e.g. {EXAMPLE_DATE}")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"{raw!r} is not a day of the calendar; use YYYY-MM-DD, e.g. "
                         f"{EXAMPLE_DATE}") from None


def is_ascii_digits(text: str) -> bool:
    return bool(text) and text.isascii() and text.isdigit()


def parse_whole(text: str, what: str) -> int:
    """A whole number of 0 or more written with ASCII digits."""
    raw = (text or "").strip()
    if raw.startswith("-") and is_ascii_digits(raw[1:]):
        raise ValueError(f"{what} {raw} is negative; use 0 or more")
    if not is_ascii_digits(raw):
        raise ValueError(f"{what} {raw!r} is not a whole number; use digits 0-9")
    return int(raw)


def round_half_up(value: Decimal, places: int) -> Decimal:
    """The one rounding rule for figures people read: 1.125 -> 1.13 at two places."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def compact_span(minutes: int) -> str:
    """A window as tools write it: ``1d``, ``6h``, ``30m``."""
    for unit, size in (("d", 1440), ("h", 60)):
        if minutes and minutes % size == 0:
            return f"{minutes // size}{unit}"
    return f"{minutes}m"


def days_hours_minutes(minutes: Decimal | int) -> str:
    """``2 d 19 h 12 min``, ``5 h``, ``12 min``, ``0 min`` (whole minutes, rounded down)."""
    whole = int(minutes)
    days, rest = divmod(whole, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "",
             f"{mins} min" if mins else ""]
    return " ".join(p for p in parts if p) or "0 min"

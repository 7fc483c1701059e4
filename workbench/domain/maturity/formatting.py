"""Scores, percentages and deltas as text: the one way every front end writes them (TUI,
CLI, exports), so the same run never shows 1.12 in one place and 1.13 in another.

Decisions:
- Every figure is rounded by ``scoring.display``: half-up (halves away from zero) on the
  exact value. Levels and means get two places, percentages one place unless asked
  otherwise; a whole-level delta (an ``int``) is written without places (``+1``).
- A missing value (nothing assessed) is written as ``missing`` ("-" by default; the CLI
  passes "—").
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from workbench.domain.maturity.scoring import display

Number = Fraction | Decimal | int | float


def score_text(value: Number | None, places: int = 2, *, missing: str = "-") -> str:
    """A level or mean: ``1.13`` (for 9/8), ``2.00``."""
    return missing if value is None else str(display(value, places))


def percent_text(value: Number | None, places: int = 1, *, missing: str = "-",
                 sign: bool = True) -> str:
    """A percentage: ``56.3%`` (for 56.25), ``56%`` with ``places=0``."""
    if value is None:
        return missing
    return f"{display(value, places)}{'%' if sign else ''}"


def delta_text(value: Number | None, places: int = 2) -> str:
    """``+1`` / ``-1`` for a whole-level change, ``+0.50`` / ``-0.13`` for a change of a
    mean; empty when there is no delta."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:+d}"
    rounded = display(value, places)
    return f"+{rounded}" if rounded >= 0 else str(rounded)


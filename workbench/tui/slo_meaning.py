"""Plain-language meaning of an SLO target and the figures of a budget, for the SLO screens.

Nothing here draws or touches the database: the dialog calls ``target_meaning`` on every key
press, the screens format ``BudgetStatus`` figures with the helpers below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from workbench.domain.formats import days_hours_minutes
from workbench.domain.slo import (
    TargetError,
    allowed_downtime_minutes,
    decimal_text,
    exact_budget_events,
    parse_target,
)
from workbench.domain.slo.records import SloKind, parse_percent, target_warnings
from workbench.domain.slo.sli import parse_threshold_ms

MILLION = 1_000_000


def number(value: Decimal | int, places: int = 6) -> str:
    """``1000`` -> ``1,000``; ``40.320`` -> ``40.32``; exact up to ``places`` decimals."""
    return format(Decimal(decimal_text(Decimal(value), places)), ",f")


def percent(value: Decimal | None, places: int = 2) -> str:
    """A percentage rounded for a table cell: ``87.5%``; ``-`` when unknown."""
    if value is None:
        return "-"
    return f"{decimal_text(value, places)}%"


def duration_text(minutes: Decimal) -> str:
    """``40.32 min``; longer spans also as days/hours: ``4,032 min (≈ 2 d 19 h 12 min)``."""
    text = f"{number(minutes)} min"
    if minutes < 60:
        return text
    return f"{text} (≈ {days_hours_minutes(minutes)})"


@dataclass(frozen=True)
class Meaning:
    """What a target means, or why it is not valid (``error``), plus warnings."""

    lines: tuple[str, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n".join(self.lines if self.error is None else (self.error,))


def target_meaning(target: str, kind: str = "availability", threshold_ms: str = "",
                   historical: str = "") -> Meaning:
    """Allowed bad events per million requests; for an availability SLO also the downtime
    allowed per four weeks and per 30 days (a latency SLO's bad events are slow answers,
    not outages, so no downtime follows from it)."""
    if not target.strip():
        return Meaning(error="Type a target, e.g. 99.9 (or press F2 for the book's defaults)")
    try:
        goal = parse_target(target)
    except TargetError as exc:
        return Meaning(error=str(exc))
    per_million = exact_budget_events(goal, MILLION)
    slo_kind = SloKind.LATENCY if kind == SloKind.LATENCY.value else SloKind.AVAILABILITY
    if slo_kind is SloKind.LATENCY:
        try:
            bad = f"slower than {number(parse_threshold_ms(threshold_ms.strip()))} ms"
        except ValueError:
            bad = "slower than the threshold"
        first = f"Allows {number(per_million)} per million requests {bad}"
    else:
        first = f"Allows {number(per_million)} per million requests to fail"
    lines: tuple[str, ...] = (first + f" ({number(Decimal(100) - goal)}% budget)",)
    if slo_kind is SloKind.AVAILABILITY:  # downtime is what an availability budget allows
        lines += (
            f"Downtime allowed: {duration_text(allowed_downtime_minutes(goal, '4w'))} "
            "per 4 weeks",
            f"                  {duration_text(allowed_downtime_minutes(goal, '30d'))} "
            "per 30 days",
        )
    warnings: tuple[str, ...] = ()
    if historical.strip():
        try:
            past = parse_percent(historical)
        except ValueError as exc:
            warnings = (f"historical attainment: {exc}",)
        else:
            warnings = tuple(target_warnings(goal, past, slo_kind))
    return Meaning(lines=lines, warnings=warnings)

"""The compliance periods an SLO has been through: in which did it use up its budget?

For a four-week SLO the periods are the ISO periods (see ``periods``), for a rolling 28-day
SLO consecutive 28-day windows ending on the day asked for. Each row has the period's valid
and bad events, the SLI achieved, the budget consumed, whether the SLO was met, and the
worst day (the day with the most bad events, the earliest of equal days). The newest period
may still be running: its consumption is worked out as the budget screen does (the events so
far extrapolated to the whole period), and it is neither met nor missed yet.

Counts are those the budget uses: with maintenance windows and corrections applied.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from workbench.domain.slo.budget import budget_status
from workbench.domain.slo.periods import four_week_period
from workbench.domain.slo.records import DailyCount, SloDefinition

DEFAULT_PERIODS = 13
MAX_PERIODS = 130


@dataclass(frozen=True)
class PeriodRecord:
    label: str
    """``2026 P12`` for an ISO period, ``28 days to 2026-11-25`` for a rolling window."""
    start: date
    end: date  # inclusive
    running: bool
    total: int
    bad: int
    allowed_bad: int
    sli_percent: Decimal | None  # None: no valid events
    consumed_percent: Decimal | None
    worst_day: date | None
    worst_day_bad: int = 0

    @property
    def met(self) -> bool | None:
        """True or False for a finished period with events; None while running or empty."""
        if self.running or self.total == 0:
            return None
        return self.bad <= self.allowed_bad

    @property
    def verdict(self) -> str:
        if self.total == 0:
            return "no data"
        if self.running:
            return "running"
        return "met" if self.met else "missed"


def period_spans(period: str, as_of: date, count: int) -> list[tuple[str, date, date]]:
    """(label, first day, last day) of the ``count`` periods up to the one holding
    ``as_of``, oldest first."""
    if not 1 <= count <= MAX_PERIODS:
        raise ValueError(f"periods must be 1 to {MAX_PERIODS}, not {count}")
    spans = []
    if period.strip().lower() == "28d":
        end = as_of
        for _ in range(count):
            start = end - timedelta(days=27)
            spans.append((f"28 days to {end.isoformat()}", start, end))
            end = start - timedelta(days=1)
    else:
        day = as_of
        for _ in range(count):
            found = four_week_period(day)
            spans.append((f"{found.iso_year} P{found.index:02d}", found.start, found.end))
            day = found.start - timedelta(days=1)
    return spans[::-1]


def period_history(slo: SloDefinition, counts: Iterable[DailyCount], as_of: date,
                   periods: int = DEFAULT_PERIODS) -> list[PeriodRecord]:
    """The last ``periods`` compliance periods of ``slo`` up to ``as_of``, oldest first.
    Counts after ``as_of`` are ignored."""
    spans = period_spans(slo.period, as_of, periods)
    first = spans[0][1]
    by_day: dict[date, DailyCount] = {c.day: c for c in counts if first <= c.day <= as_of}
    records = []
    for label, start, end in spans:
        inside = [by_day[d] for d in sorted(by_day) if start <= d <= end]
        total = sum(c.total for c in inside)
        bad = sum(c.bad for c in inside)
        running = as_of < end
        worst = max(inside, key=lambda c: (c.bad, -c.day.toordinal()), default=None)
        length = timedelta(days=(end - start).days + 1)
        elapsed = timedelta(days=(min(as_of, end) - start).days + 1)
        if total:
            status = budget_status(slo.target, total, bad, length=length, elapsed=elapsed)
            sli, consumed, allowed = status.sli_percent, status.consumed_percent, \
                status.allowed_bad
        else:
            sli, consumed, allowed = None, None, 0
        records.append(PeriodRecord(
            label=label, start=start, end=end, running=running, total=total, bad=bad,
            allowed_bad=allowed, sli_percent=sli, consumed_percent=consumed,
            worst_day=worst.day if worst is not None and worst.bad else None,
            worst_day_bad=worst.bad if worst is not None else 0))
    return records

"""Budget figures of stored SLOs, from their daily counts, for the evaluator.

Decisions:
- The store keeps daily counts, so a window is the last N whole days up to and including the
  as-of day (24h = the as-of day, 7d = it and the six days before). A window that is not a
  whole number of days cannot be computed from daily counts and is left out (the conditions
  that need it are then unknown; a status file can give such windows).
- Counts do not say which dependency caused the bad events, so stored figures carry no
  dependency data.
- A four-week period's counts are extrapolated to the whole period, as for the SLO screens
  (elapsed = days from the period start up to and including the as-of day); a rolling
  window is always complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from workbench.domain.policy.evaluate import SloFigures, WindowFigures
from workbench.domain.policy.model import Policy
from workbench.domain.slo.records import DailyCount, SloDefinition, period_bounds

DAY = timedelta(days=1)


def policy_windows(policy: Policy) -> tuple[timedelta, ...]:
    return tuple(sorted({c.window for c in policy.conditions if c.window is not None}))


def figures_from_counts(slo: SloDefinition, counts: Iterable[DailyCount], as_of: date,
                        windows: Sequence[timedelta] = ()) -> SloFigures | None:
    """The SLO's figures for the period containing ``as_of``; None when it has no counts in
    that period up to ``as_of``."""
    counts = list(counts)  # read more than once (the period, then each window)
    start, end = period_bounds(slo.period, as_of)
    rows = [c for c in counts if start <= c.day <= as_of]
    if not rows:
        return None
    length = timedelta(days=(end - start).days + 1)
    rolling = slo.period.strip().lower() == "28d"
    elapsed = length if rolling else timedelta(days=(as_of - start).days + 1)
    found = []
    for window in windows:
        if window % DAY or window > length:
            continue
        first = as_of - timedelta(days=window // DAY - 1)
        inside = [c for c in counts if first <= c.day <= as_of]
        found.append(WindowFigures(window, sum(c.total for c in inside),
                                   sum(c.bad for c in inside)))
    return SloFigures(
        slo=slo.name, service=slo.service_name, target=slo.target,
        total=sum(c.total for c in rows), bad=sum(c.bad for c in rows), length=length,
        elapsed=elapsed, windows=tuple(found), period_start=start, period_end=end)


def earlier_days(slo: SloDefinition, as_of: date) -> list[date]:
    """The days of the current period before ``as_of`` (for conditions that fired earlier)."""
    start, _end = period_bounds(slo.period, as_of)
    return [start + timedelta(days=n) for n in range((as_of - start).days)]

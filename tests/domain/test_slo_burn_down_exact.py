"""The burn-down's daily remaining budget is worked out once per SLO and period (issue 16)
and must equal, exactly, the full budget status of each day."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from workbench.domain.slo.budget import budget_status
from workbench.domain.slo.records import DailyCount, SloDefinition, SloKind, slo_budget


@pytest.mark.parametrize(("target", "period"), [("99.9", "4w"), ("95", "28d"),
                                                 ("99.95", "4w"), ("80", "28d")])
def test_each_burn_down_point_equals_that_day_s_full_status(target, period):
    slo = SloDefinition(id=1, name="s", kind=SloKind.AVAILABILITY, target=Decimal(target),
                        period=period)
    as_of = date(2026, 11, 25)
    counts = [DailyCount(as_of - timedelta(days=n), 1000 + 37 * n, (n * 7) % 23)
              for n in range(40)] + [DailyCount(as_of - timedelta(days=45), 0, 0)]
    budget = slo_budget(slo, counts, as_of)
    assert len(budget.burn_down) >= 20
    total = bad = 0
    for point in budget.burn_down:
        total, bad = point.total, point.bad
        elapsed = timedelta(days=(point.day - budget.start).days + 1)
        length = timedelta(days=(budget.end - budget.start).days + 1)
        full = budget_status(slo.target, total, bad, length=length, elapsed=elapsed)
        assert point.remaining_percent == full.remaining_percent
    assert bad > 0


def test_without_the_burn_down_the_status_is_the_same():
    slo = SloDefinition(id=1, name="s", kind=SloKind.AVAILABILITY, target=Decimal("99.9"))
    as_of = date(2026, 11, 25)
    counts = [DailyCount(as_of - timedelta(days=n), 5000, n % 9) for n in range(30)]
    full = slo_budget(slo, counts, as_of)
    short = slo_budget(slo, counts, as_of, burn_down=False)
    assert short.burn_down == () and full.burn_down
    assert short.status == full.status and (short.start, short.end) == (full.start, full.end)

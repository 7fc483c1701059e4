"""Period history: in which compliance periods did an SLO use up its budget?

Hand-computed on a 99% four-week SLO with 1,000 valid events a day (budget: 1% of 28,000 =
280 bad events per period), as of 2026-11-25 (2026 P12 runs 2026-11-02 .. 2026-11-29).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from workbench.domain.slo.period_history import period_history, period_spans
from workbench.domain.slo.records import DailyCount, SloDefinition, SloKind

AS_OF = date(2026, 11, 25)


def slo(period: str = "4w") -> SloDefinition:
    return SloDefinition(id=1, name="checkout", kind=SloKind.AVAILABILITY,
                         target=Decimal("99"), period=period)


def days(first: date, last: date, bad: int) -> list[DailyCount]:
    return [DailyCount(first + timedelta(days=i), 1_000 - bad, bad)
            for i in range((last - first).days + 1)]


@pytest.fixture
def counts() -> list[DailyCount]:
    p10 = days(date(2026, 9, 7), date(2026, 10, 4), 20)
    p10[13] = DailyCount(date(2026, 9, 20), 950, 50)  # the worst day of P10
    p11 = days(date(2026, 10, 5), date(2026, 11, 1), 5)
    p12 = days(date(2026, 11, 2), AS_OF, 10)
    later = days(AS_OF + timedelta(days=1), AS_OF + timedelta(days=2), 999)  # ignored
    return p10 + p11 + p12 + later


def test_finished_and_running_periods(counts):
    p09, p10, p11, p12 = period_history(slo(), counts, AS_OF, periods=4)
    assert [r.label for r in (p09, p10, p11, p12)] == [
        "2026 P09", "2026 P10", "2026 P11", "2026 P12"]
    # P09 has no counts.
    assert (p09.verdict, p09.sli_percent, p09.consumed_percent, p09.worst_day) == (
        "no data", None, None, None)
    # P10: 27 x 20 + 50 = 590 bad of 28,000: 590 / 280 = 210.71% of the budget.
    assert (p10.total, p10.bad, p10.allowed_bad) == (28_000, 590, 280)
    assert p10.verdict == "missed" and p10.met is False
    assert p10.consumed_percent.quantize(Decimal("0.01")) == Decimal("210.71")
    assert p10.sli_percent.quantize(Decimal("0.0001")) == Decimal("97.8929")
    assert (p10.worst_day, p10.worst_day_bad) == (date(2026, 9, 20), 50)
    # P11: 28 x 5 = 140 bad: half the budget, met; equal days: the earliest is the worst.
    assert (p11.bad, p11.consumed_percent, p11.sli_percent) == (140, Decimal(50),
                                                               Decimal("99.5"))
    assert p11.verdict == "met" and p11.worst_day == date(2026, 10, 5)
    # P12 so far: 24 days, 240 bad; 24,000 events extrapolate to 28,000 for the period,
    # so 240 / 280 = 85.71% is spent and the period is still running; later days ignored.
    assert (p12.running, p12.total, p12.bad, p12.verdict) == (True, 24_000, 240, "running")
    assert p12.consumed_percent.quantize(Decimal("0.01")) == Decimal("85.71")
    assert p12.met is None


def test_a_53_week_year_has_a_five_week_period_13():
    [(label, start, end)] = period_spans("4w", date(2026, 12, 28), 1)
    assert (label, start, end) == ("2026 P13", date(2026, 11, 30), date(2027, 1, 3))
    spans = period_spans("4w", date(2027, 1, 4), 2)
    assert [s[0] for s in spans] == ["2026 P13", "2027 P01"]
    assert spans[1][1] == date(2027, 1, 4)


def test_rolling_windows_are_consecutive_28_days_ending_on_the_day():
    spans = period_spans("28d", AS_OF, 2)
    assert spans == [("28 days to 2026-10-28", date(2026, 10, 1), date(2026, 10, 28)),
                     ("28 days to 2026-11-25", date(2026, 10, 29), AS_OF)]
    counts = days(date(2026, 10, 1), AS_OF, 2)
    older, newest = period_history(slo("28d"), counts, AS_OF, periods=2)
    assert (older.bad, newest.bad, newest.verdict) == (56, 56, "met")


@pytest.mark.parametrize("periods", [0, 131])
def test_the_number_of_periods_is_bounded(periods):
    with pytest.raises(ValueError, match="periods must be 1 to 130"):
        period_spans("4w", AS_OF, periods)

"""Budget figures of stored SLOs from their daily counts (``figures_from_counts``).

Period 12 of ISO year 2026 runs from Monday 2026-11-02 to Sunday 2026-11-29 (28 days).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from workbench.domain.policy import (
    Condition,
    Outcome,
    Policy,
    Trigger,
    check_condition,
    earlier_days,
    figures_from_counts,
    policy_windows,
)
from workbench.domain.slo.records import DailyCount, SloDefinition, SloKind

START = date(2026, 11, 2)
END = date(2026, 11, 29)
DAY = timedelta(days=1)


def slo(period: str = "4w") -> SloDefinition:
    return SloDefinition(id=1, name="upi-payments", kind=SloKind.AVAILABILITY,
                         target=Decimal("99.9"), period=period, service_name="payments")


def days(first: date, last: date, good: int = 49_950, bad: int = 50) -> list[DailyCount]:
    return [DailyCount(first + timedelta(days=n), good, bad)
            for n in range((last - first).days + 1)]


def test_four_week_period_is_extrapolated_from_the_days_so_far():
    # 14 days (11-02 .. 11-15) of 50,000 events with 50 bad: 700,000 events, 700 bad.
    # Counts before the period and after the as-of day do not count.
    counts = (days(date(2026, 10, 30), date(2026, 11, 1), bad=999)
              + days(START, date(2026, 11, 15))
              + days(date(2026, 11, 16), date(2026, 11, 20), bad=999))
    fig = figures_from_counts(slo(), counts, date(2026, 11, 15))
    assert fig is not None
    assert (fig.slo, fig.service, fig.target) == ("upi-payments", "payments", Decimal("99.9"))
    assert (fig.total, fig.bad) == (700_000, 700)
    assert (fig.period_start, fig.period_end) == (START, END)
    assert fig.length == timedelta(days=28)
    assert fig.elapsed == timedelta(days=14)
    # expected 700,000 x 28 / 14 = 1,400,000 events, budget 1,400; 700 / 1,400 = 50%
    assert fig.budget_events == Fraction(1400)
    assert fig.consumed == Fraction(50)
    assert fig.expected_total is None
    assert fig.dependencies is None


def test_the_last_day_of_a_four_week_period_is_complete():
    fig = figures_from_counts(slo(), days(START, END), END)
    assert fig is not None
    assert fig.elapsed == fig.length == timedelta(days=28)
    # 28 x 50,000 = 1,400,000 events, budget 1,400; 28 x 50 = 1,400 bad = 100%
    assert fig.consumed == Fraction(100)


def test_a_rolling_period_is_always_complete():
    # 28d ending 2026-11-25 starts 2026-10-29; only those 28 days count
    counts = days(date(2026, 10, 1), date(2026, 11, 30), good=9_990, bad=10)
    fig = figures_from_counts(slo("28d"), counts, date(2026, 11, 25))
    assert fig is not None
    assert (fig.period_start, fig.period_end) == (date(2026, 10, 29), date(2026, 11, 25))
    assert fig.elapsed == fig.length == timedelta(days=28)
    # 28 x 10,000 = 280,000 events, budget 280 events; 280 bad = 100%
    assert (fig.total, fig.bad) == (280_000, 280)
    assert fig.budget_events == Fraction(280)


def test_windows_are_whole_days_ending_at_the_as_of_day():
    counts = [DailyCount(START + timedelta(days=n), 10_000 - n, n) for n in range(28)]
    as_of = date(2026, 11, 15)   # day index 13
    fig = figures_from_counts(slo(), counts, as_of, [DAY, timedelta(days=7),
                                                     timedelta(hours=48)])
    assert fig is not None
    one = fig.window(DAY)
    assert one is not None
    # 24h = the as-of day alone: bad 13, total 10,000
    assert (one.total, one.bad) == (10_000, 13)
    week = fig.window(timedelta(days=7))
    assert week is not None
    # 7d = days 7 .. 13: bad 7 + 8 + ... + 13 = 70, total 7 x 10,000
    assert (week.total, week.bad) == (70_000, 70)
    two = fig.window(timedelta(hours=48))
    assert two is not None and (two.total, two.bad) == (20_000, 25)


def test_a_window_may_reach_back_before_the_period():
    # as of 11-04 (day 3 of the period) a 7-day window starts 10-29, in the previous period
    counts = days(date(2026, 10, 29), date(2026, 11, 1), bad=100) + days(START, date(2026, 11, 4))
    fig = figures_from_counts(slo(), counts, date(2026, 11, 4), [timedelta(days=7)])
    assert fig is not None
    assert fig.bad == 150                      # 3 days x 50 in the period
    window = fig.window(timedelta(days=7))
    assert window is not None
    assert window.bad == 4 * 100 + 3 * 50     # 550: the burn rate sees the whole week
    # consumed within 7d counts only this period's 150 bad events of its budget
    # (150,000 x 28 / 3 = 1,400,000 expected -> budget 1,400): 150 / 1,400 = 10.71...%
    cond = Condition("slow-burn", Trigger.CONSUMED_WITHIN, percent=Decimal(50),
                     window=timedelta(days=7))
    result = check_condition(cond, fig)
    assert result.outcome is Outcome.CLEAR
    assert result.figure_text() == "10.71%"


def test_sub_day_and_over_long_windows_are_left_out():
    fig = figures_from_counts(slo(), days(START, END), END,
                              [timedelta(hours=1), timedelta(hours=36), timedelta(days=35),
                               DAY])
    assert fig is not None
    assert [w.window for w in fig.windows] == [DAY]
    # so a condition on the 1h window is unknown
    cond = Condition("page", Trigger.BURN_RATE, burn_rate=Decimal("14.4"),
                     window=timedelta(hours=1))
    assert check_condition(cond, fig).outcome is Outcome.UNKNOWN


def test_no_counts_in_the_period_gives_none():
    assert figures_from_counts(slo(), [], date(2026, 11, 15)) is None
    before = days(date(2026, 10, 1), date(2026, 11, 1))
    assert figures_from_counts(slo(), before, date(2026, 11, 15)) is None
    after = days(date(2026, 11, 16), date(2026, 11, 20))
    assert figures_from_counts(slo(), after, date(2026, 11, 15)) is None


def test_policy_windows_are_the_distinct_windows_in_order():
    policy = Policy(name="p", conditions=(
        Condition("a", Trigger.CONSUMED_WITHIN, percent=Decimal(50), window=timedelta(days=7)),
        Condition("b", Trigger.BURN_RATE, burn_rate=Decimal(2), window=timedelta(hours=1)),
        Condition("c", Trigger.CONSUMED_WITHIN, percent=Decimal(30), window=timedelta(days=1)),
        Condition("d", Trigger.BURN_RATE, burn_rate=Decimal(1), window=timedelta(days=7)),
        Condition("e", Trigger.EXHAUSTED),
    ))
    assert policy_windows(policy) == (timedelta(hours=1), DAY, timedelta(days=7))


def test_earlier_days_of_the_period():
    assert earlier_days(slo(), date(2026, 11, 4)) == [START, date(2026, 11, 3)]
    assert earlier_days(slo(), START) == []


def test_counts_may_be_any_iterable():
    # the counts are read for the period and again for each window
    counts = (c for c in days(START, date(2026, 11, 15)))
    fig = figures_from_counts(slo(), counts, date(2026, 11, 15), [DAY])
    assert fig is not None
    assert fig.total == 700_000
    window = fig.window(DAY)
    assert window is not None and (window.total, window.bad) == (50_000, 50)

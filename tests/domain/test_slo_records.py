"""Stored-SLO values: defaults, warnings, field checks and the budget over a period."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from workbench.domain.slo.records import (
    DailyCount,
    Endpoint,
    SloDefinition,
    SloKind,
    check_slo_fields,
    default_target,
    no_data_hint,
    parse_percent,
    period_bounds,
    slo_budget,
    target_warnings,
)


def availability(target: str = "99.9", period: str = "4w") -> SloDefinition:
    return SloDefinition(id=1, name="a", kind=SloKind.AVAILABILITY, target=Decimal(target),
                         period=period)


def test_book_defaults_for_a_team_without_data():
    assert default_target("availability") == Decimal(90)
    assert default_target(SloKind.LATENCY) == Decimal(80)
    assert "80% within 1000 ms" in no_data_hint(SloKind.LATENCY)
    assert "90% available" in no_data_hint(SloKind.AVAILABILITY)


def test_warns_when_target_is_tighter_than_history():
    [warning] = target_warnings(Decimal("99.9"), Decimal("99.5"))
    assert "99.9%" in warning and "99.5%" in warning
    assert target_warnings(Decimal("99.5"), Decimal("99.5")) == []
    assert target_warnings(Decimal("99"), Decimal("99.5")) == []
    assert target_warnings(Decimal("99.9"), None) == []


def test_describe_and_sli_text():
    slo = SloDefinition(id=1, name="l", kind=SloKind.LATENCY, target=Decimal("95"),
                        threshold_ms=Decimal("800"))
    assert slo.describe() == "95% within 800 ms"
    assert "800 ms" in slo.sli_text()
    assert availability().describe() == "99.9% available"
    assert Endpoint(1, "orders", "POST", "/orders").label == "orders POST /orders"
    assert Endpoint(1, "orders", "", "/orders").label == "orders /orders"


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        (("uptime", "99", None, "5xx", "4w", None), {"kind"}),
        (("availability", "100", None, "5xx", "4w", None), {"target"}),
        (("availability", 99.9, None, "5xx", "4w", None), {"target"}),
        (("latency", "95", None, "5xx", "4w", None), {"threshold_ms"}),
        (("latency", "95", "-5", "5xx", "4w", None), {"threshold_ms"}),
        (("availability", "95", "800", "5xx", "4w", None), {"threshold_ms"}),
        (("availability", "95", None, "6xx", "4w", None), {"bad_status"}),
        (("availability", "95", None, "5xx", "30d", None), {"period"}),
        (("availability", "95", None, "5xx", "4w", "101"), {"historical_attainment"}),
        (("availability", "x", None, "", "1y", "y"),
         {"target", "bad_status", "period", "historical_attainment"}),
        (("latency", "95", "800", "5xx,429", "28d", "100"), set()),
    ],
)
def test_check_slo_fields_reports_every_problem(fields, bad):
    assert {f for f, _ in check_slo_fields(*fields)} == bad


def test_parse_percent_allows_100_but_not_floats():
    assert parse_percent("100") == 100
    assert parse_percent("99.95%") == Decimal("99.95")
    with pytest.raises(ValueError):
        parse_percent(99.5)


def test_period_bounds():
    assert period_bounds("4w", date(2026, 11, 25)) == (date(2026, 11, 2), date(2026, 11, 29))
    assert period_bounds("28d", date(2026, 11, 25)) == (date(2026, 10, 29), date(2026, 11, 25))


def test_budget_over_four_week_period_extrapolates_and_burns_down():
    slo = availability("99.9")
    start = date(2026, 11, 2)
    counts = [DailyCount(start + timedelta(days=i), 99_900, 100) for i in range(14)]
    counts.append(DailyCount(start - timedelta(days=1), 0, 999_999))  # previous period
    budget = slo_budget(slo, counts, start + timedelta(days=13))
    st = budget.status
    assert (budget.start, budget.end, budget.days) == (start, date(2026, 11, 29), 28)
    assert st.total == 1_400_000 and st.bad == 1400
    assert st.allowed_bad == 2800  # 0.1% of 2,800,000 expected events
    assert st.burn_rate == 1
    assert st.consumed_percent == 50 and st.remaining_percent == 50
    assert not st.projected_exhaustion
    assert len(budget.burn_down) == 14
    first, last = budget.burn_down[0], budget.burn_down[-1]
    # at burn rate 1 the budget goes down exactly along the ideal line
    assert all(round(p.remaining_percent - p.ideal_remaining_percent, 30) == 0
               for p in budget.burn_down)
    assert round(first.remaining_percent, 2) == Decimal("96.43")
    assert last.remaining_percent == 50 and last.ideal_remaining_percent == 50
    assert [p.day for p in budget.burn_down] == [c.day for c in counts[:14]]


def test_budget_without_counts_in_period():
    budget = slo_budget(availability(), [DailyCount(date(2020, 1, 6), 10, 0)],
                        date(2026, 11, 25))
    assert budget.status is None and budget.burn_down == ()


def test_rolling_window_budget_uses_the_whole_window():
    slo = availability("99", period="28d")
    end = date(2026, 11, 25)
    counts = [DailyCount(end - timedelta(days=i), 990, 10) for i in range(40)]
    budget = slo_budget(slo, counts, end)
    assert budget.start == end - timedelta(days=27)
    assert budget.status.total == 28_000 and budget.status.allowed_bad == 280
    assert budget.status.remaining_percent == 0 and budget.status.burn_rate == 1


def test_move_period_steps_whole_periods_and_never_past_today():
    from workbench.domain.slo.records import move_period

    today = date(2026, 12, 1)  # day 2 of period 13 of 2026: 30 Nov 2026 to 3 Jan 2027 (35 days)
    assert period_bounds("4w", today) == (date(2026, 11, 30), date(2027, 1, 3))
    back = move_period("4w", today, -1, today)
    assert back == date(2026, 11, 29)  # the whole previous period, to its last day
    assert move_period("4w", back, -2, today) == date(2026, 10, 4)
    assert move_period("4w", back, 1, today) == today  # the running period: up to today
    assert move_period("4w", today, 1, today) == today  # nothing after today's period
    # a rolling window moves by its length
    assert move_period("28d", today, -1, today) == date(2026, 11, 3)
    assert move_period("28d", date(2026, 11, 3), 1, today) == today
    assert move_period("28d", date(2026, 11, 20), 1, today) == today


def test_parse_uid():
    from workbench.domain.slo.records import parse_uid

    assert parse_uid(" 3F2A-9C ") == "3f2a-9c"
    for bad in ("", "-abc", "a b", "x" * 41, True, None, "ü"):
        with pytest.raises(ValueError, match="not an SLO id"):
            parse_uid(bad)


def test_rolling_window_burn_down_follows_the_even_spend():
    # 99% over 28 days at burn rate 1: after day n of the window, n/28 of the budget is
    # spent, so the remaining budget is exactly the even spend line (not 0% every day).
    slo = availability("99", period="28d")
    end = date(2026, 11, 25)
    counts = [DailyCount(end - timedelta(days=i), 990, 10) for i in range(28)]
    points = slo_budget(slo, counts, end).burn_down
    assert len(points) == 28
    assert round(points[0].ideal_remaining_percent, 2) == Decimal("96.43")  # 100 - 100/28
    assert all(round(p.remaining_percent - p.ideal_remaining_percent, 30) == 0 for p in points)
    assert points[-1].ideal_remaining_percent == 0 and points[-1].remaining_percent == 0

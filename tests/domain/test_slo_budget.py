"""Error budget status: allowed bad events, consumption, burn rate and projections."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from workbench.domain.slo import (
    CountError,
    PeriodError,
    TargetError,
    allowed_bad_events,
    budget_status,
    burn_rate,
    burn_rate_from_depletion,
    depletion_per_hour,
    exact_budget_events,
    window_burn_rate,
)

SIX = Decimal("0.000001")


def test_issue_example_budget_debt():
    status = budget_status("99.9", 2_000_000, 3_000)
    assert status.allowed_bad == 2_000
    assert status.budget_events == 2_000
    assert status.sli_percent == Decimal("99.85")
    assert status.consumed_percent == 150
    assert status.remaining_percent == -50
    assert status.in_debt and status.exhausted and not status.meets_slo
    assert status.burn_rate == Decimal("1.5")
    assert status.time_to_exhaustion_minutes == 0
    assert status.projected_exhaustion
    assert status.allowed_downtime_minutes == Decimal("40.32")


def test_training_example_one_million_requests_at_99_9():
    # training-day3-slo-error-budgets-incidents.txt lines 73-79: 1,000,000 requests at a
    # 99.9% SLO allow 1,000 failures. The float version there (1_000_000 * (1 - 0.999))
    # does not give exactly 1000.
    assert 1_000_000 * (1 - 0.999) != 1000
    assert allowed_bad_events("99.9", 1_000_000) == 1_000
    assert exact_budget_events("99.9", 1_000_000) == 1_000


def test_book_98_percent_availability_budget():
    # book-establishing-sre-foundations.txt lines 1553-1562: 98% SLO -> 2% of the requests
    # of four calendar weeks may fail.
    status = budget_status("98", 500_000, 4_000)
    assert status.allowed_bad == 10_000
    assert status.consumed_percent == 40
    assert status.remaining_percent == 60


def test_allowed_bad_events_round_down():
    assert allowed_bad_events("99.9", 1_500) == 1  # exact budget 1.5
    assert allowed_bad_events("99.9", 999) == 0  # exact budget 0.999
    assert allowed_bad_events("99.95", 2_001) == 1  # exact budget 1.0005
    assert allowed_bad_events("90", 50_000) == 5_000  # the float trap, done exactly
    assert allowed_bad_events("99.9", 0) == 0


def test_consumption_is_measured_against_the_exact_budget():
    # 99.9% of 1,500 events: exact budget 1.5 events, 1 allowed (floor).
    one = budget_status("99.9", 1_500, 1)
    assert one.allowed_bad == 1
    assert one.consumed_percent.quantize(SIX) == Decimal("66.666667")  # 200/3
    assert one.meets_slo
    two = budget_status("99.9", 1_500, 2)
    assert two.consumed_percent.quantize(SIX) == Decimal("133.333333")  # 400/3
    assert not two.meets_slo
    # A budget below one event still gives a finite consumption.
    tiny = budget_status("99.9", 500, 1)
    assert tiny.allowed_bad == 0
    assert tiny.consumed_percent == 200


def test_no_events_spend_nothing():
    status = budget_status("99.9", 0, 0)
    assert status.sli_percent is None
    assert status.consumed_percent == 0
    assert status.remaining_percent == 100
    assert status.burn_rate == 0
    assert status.time_to_exhaustion_minutes is None
    assert not status.projected_exhaustion


def test_exactly_spent_budget_is_exhausted_but_not_in_debt():
    status = budget_status("99.9", 2_000_000, 2_000)
    assert status.remaining_percent == 0
    assert status.exhausted and not status.in_debt and status.meets_slo
    assert not status.projected_exhaustion  # runs out exactly at the end, not before


def test_half_way_at_burn_rate_one_lasts_exactly_until_period_end():
    status = budget_status("99.9", 1_000_000, 1_000, elapsed=timedelta(days=14))
    assert status.expected_total == 2_000_000
    assert status.allowed_bad == 2_000
    assert status.consumed_percent == 50
    assert status.burn_rate == 1
    assert status.time_to_exhaustion_minutes == 14 * 1440
    assert status.projected_consumed_percent == 100
    assert not status.projected_exhaustion


def test_fast_burn_is_projected_to_run_out_before_period_end():
    # A week into four weeks, with twice the budgeted bad share.
    status = budget_status("99.9", 500_000, 1_000, elapsed=timedelta(weeks=1))
    assert status.burn_rate == 2
    assert status.consumed_percent == 50
    # Half the budget is left; at burn rate 2 a full budget lasts 2 weeks, half lasts 1 week.
    assert status.time_to_exhaustion_minutes == 7 * 1440
    assert status.projected_consumed_percent == 200
    assert status.projected_exhaustion


def test_expected_total_replaces_extrapolation():
    status = budget_status(
        "99.9", 500_000, 1_000, elapsed=timedelta(weeks=1), expected_total=4_000_000
    )
    assert status.allowed_bad == 4_000
    assert status.consumed_percent == 25
    with pytest.raises(CountError, match="cannot be below"):
        budget_status("99.9", 10, 0, expected_total=5)


def test_current_burn_rate_drives_the_projection():
    # Training example (lines 113-118): burn rate 72 over the last hour.
    status = budget_status(
        "99.9",
        1_000_000,
        500,
        length=timedelta(days=30),
        elapsed=timedelta(days=15),
        current_burn_rate=Decimal(72),
    )
    assert status.burn_rate == Decimal("0.5")
    assert status.projection_burn_rate == 72
    assert status.remaining_percent == 75
    # 75% of a 30-day budget at 72x: 0.75 x 43,200 / 72 = 450 minutes.
    assert status.time_to_exhaustion_minutes == 450
    assert status.projected_exhaustion
    with pytest.raises(ValueError, match="float"):
        budget_status("99.9", 10, 0, current_burn_rate=1.5)


def test_five_week_period_gets_five_weeks_of_downtime():
    status = budget_status("99.95", 100, 0, length=timedelta(weeks=5))
    assert status.allowed_downtime_minutes == Decimal("25.2")


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"target": "100", "total": 10, "bad": 0}, TargetError),
        ({"target": "99", "total": 10, "bad": 11}, CountError),
        ({"target": "99", "total": -1, "bad": 0}, CountError),
        ({"target": "99", "total": 10, "bad": 1, "elapsed": timedelta(0)}, PeriodError),
        ({"target": "99", "total": 10, "bad": 1, "elapsed": timedelta(weeks=5)}, PeriodError),
    ],
)
def test_budget_status_rejects_bad_input(kwargs, error):
    with pytest.raises(error):
        budget_status(**kwargs)


def test_burn_rate_is_bad_share_over_budget_share():
    assert burn_rate("99.9", 1_000_000, 1_000) == 1
    assert burn_rate("99.9", 10_000, 144) == Decimal("14.4")
    assert burn_rate("99.7", 1_000, 6) == 2
    assert burn_rate("99.9", 0, 0) == 0


def test_training_window_burn_rate_example():
    # training-day3-slo-error-budgets-incidents.txt lines 113-118: a budget of 1000 errors a
    # month (30 days) and 100 errors in one hour -> 100 / (1000 / (30*24)) = 72.
    assert window_burn_rate(100, timedelta(hours=1), 1_000, timedelta(days=30)) == 72
    with pytest.raises(CountError):
        window_burn_rate(1, timedelta(hours=1), 0)


def test_book_depletion_speeds_table_11_4():
    # book-establishing-sre-foundations.txt lines 7274-7279: 80% in 2 hours is 40% per hour;
    # 80% in 336 hours (half a four-week period) is 0.238...% per hour (shown as 0.2).
    fast = depletion_per_hour(80, 2)
    slow = depletion_per_hour(80, 336)
    assert fast == 40
    assert slow.quantize(Decimal("0.1")) == Decimal("0.2")
    four_weeks = timedelta(weeks=4)  # 672 hours
    assert burn_rate_from_depletion(fast, four_weeks) == Decimal("268.8")
    # 80% of the budget in half the period is burn rate 1.6.
    assert burn_rate_from_depletion(slow, four_weeks) == Decimal("1.6")
    with pytest.raises(ValueError):
        depletion_per_hour(80, 0)

"""Properties of the budget arithmetic, checked with hypothesis."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal, localcontext

from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.slo import (
    allowed_bad_events,
    budget_status,
    exact_budget_events,
    parse_target,
)

# Targets with up to 4 decimals strictly between 0 and 100, as text.
targets = st.integers(min_value=1, max_value=999_999).map(lambda n: str(Decimal(n) / 10_000))
counts = st.integers(min_value=0, max_value=10**12)


@st.composite
def total_and_bad(draw):
    total = draw(counts)
    bad = draw(st.integers(min_value=0, max_value=total))
    return total, bad


@given(targets, total_and_bad())
def test_consumed_plus_remaining_is_100(target, pair):
    total, bad = pair
    status = budget_status(target, total, bad)
    with localcontext(prec=200):  # no rounding in the check itself
        assert status.consumed_percent + status.remaining_percent == 100


@given(targets, counts)
def test_allowed_bad_never_exceeds_the_exact_budget(target, total):
    allowed = allowed_bad_events(target, total)
    exact = exact_budget_events(target, total)
    assert allowed <= exact < allowed + 1


@given(targets, total_and_bad())
def test_within_budget_exactly_when_the_sli_meets_the_target(target, pair):
    total, bad = pair
    status = budget_status(target, total, bad)
    if total:
        assert status.meets_slo == (status.sli_percent >= parse_target(target))
        assert status.meets_slo == (status.consumed_percent <= 100)


@given(
    targets,
    total_and_bad(),
    st.integers(min_value=1, max_value=28 * 24 * 60),
)
def test_projection_at_constant_burn_rate(target, pair, elapsed_minutes):
    total, bad = pair
    status = budget_status(target, total, bad, elapsed=timedelta(minutes=elapsed_minutes))
    # With the events extrapolated linearly, the period ends at burn rate x 100% consumed.
    with localcontext(prec=100):
        gap = abs(status.projected_consumed_percent - status.burn_rate * 100)
    assert gap < Decimal("1e-40")
    # ... and it runs out exactly when the bad share exceeds the budget share (ints only).
    assert status.projected_exhaustion == (bad * 10**7 > total * budget_units(target))


def budget_units(target: str) -> int:
    """The budget share in units of 1e-7 as an int: (100 - target) x 100,000."""
    return int((100 - Decimal(target)) * 100_000)


@given(targets, st.integers(min_value=1, max_value=10**6), st.integers(1, 40_319))
def test_burn_rate_exactly_one_is_never_projected_to_run_out(target, scale, elapsed_minutes):
    # total x budget share bad events is burn rate exactly 1: the budget lasts exactly.
    share_units = budget_units(target)  # budget share = share_units / 1e7
    total = 10**7 * scale
    bad = share_units * scale
    status = budget_status(target, total, bad, elapsed=timedelta(minutes=elapsed_minutes))
    assert status.burn_rate == 1
    assert not status.projected_exhaustion

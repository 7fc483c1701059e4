"""Error budget status for one compliance period.

Model. Arithmetic uses ``Decimal`` and ``int`` only: results that are terminating decimals are
exact; quotients that do not terminate (e.g. 200/3 %) are rounded at the 50th significant
digit. The yes/no answers (within budget, projected to run out) are decided exactly with
integers, and consumed + remaining is exactly 100.

* **Budget share** = (100 - target) / 100 of the period's valid events.
* **Budget events** = expected valid events of the period x budget share (an exact decimal).
  The expected events are, in order of preference: ``expected_total`` if given; else the
  events so far extrapolated linearly to the whole period (``total x length / elapsed``) when
  ``elapsed`` is given; else ``total`` itself (the counts cover the whole period).
* **Allowed bad events** = budget events rounded *down* (floor): a bad event either fits in
  the budget or it does not, and rounding up would let the service exceed its SLO while
  appearing within budget. ``bad <= allowed_bad`` holds exactly when the SLI meets the target.
* **Consumed %** = bad / budget events x 100, against the exact (unrounded) budget, so it is
  defined even when the budget is below one event, and equals bad / allowed bad whenever the
  budget is a whole number of events (the usual case, e.g. 99.9% of 2,000,000). **Remaining %**
  = 100 - consumed; it goes negative when the budget is overspent (budget debt), and a new
  period starts again at 100% (no debt carries over).
* **Burn rate** = observed bad share / budget share = (bad / total) / budget share. At burn
  rate 1 the budget lasts exactly one period; at 2 it is gone half-way.
* **Time to exhaustion** (from now, at the projection burn rate: the period average unless a
  current one, e.g. from the last hour, is given) = remaining budget / burn rate x period
  length (``None`` when nothing burns; 0 when the budget is already gone).
* **Projected exhaustion**: the consumption expected at the end of the period (consumed now
  plus the current burn rate over the time left) exceeds 100%.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_FLOOR, Decimal

from workbench.domain.slo._num import CTX, EXACT, HUNDRED, ZERO, div, mul, ratio, sum_exceeds_one
from workbench.domain.slo.periods import PeriodError, micros, minutes
from workbench.domain.slo.target import (
    CountError,
    TargetInput,
    budget_percent,
    budget_share,
    check_count,
    check_counts,
    parse_target,
)

FOUR_WEEKS = timedelta(weeks=4)


def exact_budget_events(target: TargetInput, total: int | Decimal) -> Decimal:
    """Valid events x budget share, unrounded: 99.9% of 2,000,000 -> 2000."""
    return mul(total, budget_share(target))


def allowed_bad_events(target: TargetInput, total: int) -> int:
    """Bad events the budget allows, rounded down: 99.9% of 2,000,000 -> 2000; of 1500 -> 1."""
    check_count("total", total)
    return int(exact_budget_events(target, total).to_integral_value(rounding=ROUND_FLOOR))


def burn_rate(target: TargetInput, total: int, bad: int) -> Decimal:
    """Observed bad share / budget share (0 when there were no valid events)."""
    check_counts(total, bad)
    if total == 0:
        return ZERO
    return div(mul(bad, HUNDRED), mul(total, budget_percent(target)))


def window_burn_rate(
    bad: int, window: timedelta, budget_events: int | Decimal, length: timedelta = FOUR_WEEKS
) -> Decimal:
    """Burn rate from bad events in a recent window against a period's budget in events.

    The budget is assumed to be spread evenly over the period, so the window's share of it is
    ``budget_events x window / length``. A 30-day budget of 1000 bad events with 100 bad
    events in the last hour burns at 100 / (1000 / 720) = 72.
    """
    check_count("bad", bad)
    budget = Decimal(budget_events)
    if budget <= 0:
        raise CountError("the period's budget must be more than zero events")
    if window <= timedelta(0):
        raise PeriodError("the window must be longer than zero")
    return div(mul(bad, micros(length)), mul(budget, micros(window)))


def depletion_per_hour(consumed_percent: Decimal | int, hours: Decimal | int) -> Decimal:
    """Error budget depletion speed in percent of the budget per hour (80% in 2 h -> 40)."""
    if Decimal(hours) <= 0:
        raise ValueError("the depletion time span must be more than zero hours")
    return div(consumed_percent, hours)


def burn_rate_from_depletion(percent_per_hour: Decimal | int, length: timedelta) -> Decimal:
    """The burn rate matching a depletion speed over a period of ``length``.

    Burn rate 1 depletes 100% in one period, so burn = speed x period hours / 100.
    """
    return div(mul(percent_per_hour, micros(length)), mul(HUNDRED, micros(timedelta(hours=1))))


@dataclass(frozen=True)
class BudgetStatus:
    target: Decimal
    total: int
    bad: int
    expected_total: Decimal
    budget_events: Decimal
    allowed_bad: int
    sli_percent: Decimal | None
    consumed_percent: Decimal
    remaining_percent: Decimal
    allowed_downtime_minutes: Decimal
    burn_rate: Decimal
    projection_burn_rate: Decimal
    length: timedelta
    elapsed: timedelta
    time_to_exhaustion_minutes: Decimal | None
    projected_consumed_percent: Decimal
    projected_exhaustion: bool

    @property
    def budget_percent(self) -> Decimal:
        return HUNDRED - self.target

    @property
    def exhausted(self) -> bool:
        """No budget left (remaining <= 0)."""
        return self.remaining_percent <= 0

    @property
    def in_debt(self) -> bool:
        """More bad events than the budget allows (remaining < 0)."""
        return self.remaining_percent < 0

    @property
    def meets_slo(self) -> bool:
        return self.bad <= self.allowed_bad


def _consumed(bad: int, den: Decimal, budget_num: Decimal) -> Decimal:
    # No events at all means nothing could be spent.
    return ZERO if budget_num == 0 else div(mul(mul(bad, HUNDRED), den), budget_num)


def remaining_percent(share: Decimal, total: int, bad: int, length_us: int,
                      elapsed_us: int) -> Decimal:
    """``budget_status(...).remaining_percent`` for a period of ``length_us`` microseconds
    with ``elapsed_us`` gone, given the budget share (``budget_share(target)``) worked out
    once: a burn-down needs this one figure for every day of the period, not the rest."""
    budget_num = mul(mul(total, length_us), share)
    return EXACT.subtract(HUNDRED, _consumed(bad, Decimal(elapsed_us), budget_num))


def budget_status(
    target: TargetInput,
    total: int,
    bad: int,
    *,
    length: timedelta = FOUR_WEEKS,
    elapsed: timedelta | None = None,
    expected_total: int | None = None,
    current_burn_rate: Decimal | None = None,
) -> BudgetStatus:
    """Error budget figures for a period from its valid and bad events so far.

    ``length`` is the period length (four weeks by default; five weeks for a long period 13).
    ``elapsed`` is how far into the period the counts reach (default: the whole period).
    ``expected_total`` overrides the extrapolated number of valid events for the period.
    ``current_burn_rate`` (e.g. from the last hour) replaces the period-average burn rate for
    the projections (time to exhaustion, projected exhaustion).
    """
    goal = parse_target(target)
    check_counts(total, bad)
    period_minutes = minutes(length)
    if period_minutes <= 0:
        raise PeriodError("the period length must be more than zero")
    if elapsed is None:
        elapsed = length
    if elapsed <= timedelta(0) or elapsed > length:
        raise PeriodError("elapsed time must be more than zero and at most the period length")
    length_us, elapsed_us = micros(length), micros(elapsed)

    # Expected valid events of the period as an exact quotient num / den, so that every
    # figure below needs a single division at the end.
    if expected_total is not None:
        check_count("expected total", expected_total)
        if expected_total < total:
            raise CountError(
                f"expected total ({expected_total}) cannot be below the events so far ({total})"
            )
        num, den = Decimal(expected_total), Decimal(1)
    else:
        num, den = mul(total, length_us), Decimal(elapsed_us)
    share = budget_share(goal)
    budget_num = mul(num, share)  # budget events = budget_num / den
    budget_events = div(budget_num, den)
    allowed = int(CTX.divide_int(budget_num, den))  # floor (all values are >= 0)

    consumed = _consumed(bad, den, budget_num)
    remaining = EXACT.subtract(HUNDRED, consumed)  # consumed + remaining == 100 exactly

    average_burn = burn_rate(goal, total, bad)
    if isinstance(current_burn_rate, float | bool):
        raise ValueError("pass the current burn rate as Decimal or int, not a float")
    burn = average_burn if current_burn_rate is None else Decimal(current_burn_rate)
    if not burn.is_finite() or burn < 0:
        raise ValueError(f"burn rate must be a finite number >= 0, not {current_burn_rate}")

    if remaining <= 0:
        to_exhaustion: Decimal | None = ZERO
    elif burn == 0:
        to_exhaustion = None
    else:
        to_exhaustion = div(mul(remaining, period_minutes), mul(burn, HUNDRED))

    # Decide "runs out before the end" exactly, with integer fractions: consumed share C plus
    # burn B x time-left share T > 1 (the Decimal figures above are rounded at digit 50).
    if budget_num == 0:
        c_frac = (0, 1)
    else:
        bn, bd = ratio(budget_num)
        c_frac = (bad * int(den) * bd, bn)
    if current_burn_rate is not None:
        b_num, b_den = ratio(burn)
    elif total == 0:
        b_num, b_den = 0, 1
    else:
        pn, pd = ratio(budget_percent(goal))
        b_num, b_den = bad * 100 * pd, total * pn
    burn_left = (b_num * (length_us - elapsed_us), b_den * length_us)
    runs_out = sum_exceeds_one(c_frac, burn_left)

    projected = CTX.add(consumed, div(mul(mul(burn, length_us - elapsed_us), HUNDRED), length_us))

    return BudgetStatus(
        target=goal,
        total=total,
        bad=bad,
        expected_total=div(num, den),
        budget_events=budget_events,
        allowed_bad=allowed,
        sli_percent=None if total == 0 else div(mul(total - bad, HUNDRED), total),
        consumed_percent=consumed,
        remaining_percent=remaining,
        allowed_downtime_minutes=mul(period_minutes, share),
        burn_rate=average_burn,
        projection_burn_rate=burn,
        length=length,
        elapsed=elapsed,
        time_to_exhaustion_minutes=to_exhaustion,
        projected_consumed_percent=projected,
        projected_exhaustion=runs_out,
    )

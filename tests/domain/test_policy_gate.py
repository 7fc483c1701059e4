"""The reliability gate: every exit code at its boundary, the order in which they win, and the
one-line reasons.

Figures: target 99.9% and 1,000,000 valid events over a whole period, so the budget is 1,000
events and each bad event takes 0.1% of it. The default threshold is 5% remaining, i.e. at
most 950 bad events pass (5% left); 951 leave 4.9%.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from workbench.domain.policy import (
    DEFAULT_MAX_AGE,
    DEFAULT_THRESHOLD,
    Action,
    Condition,
    Consequence,
    Ends,
    GateCode,
    Policy,
    SloFigures,
    Trigger,
    WindowFigures,
    decide,
    evaluate,
    invalid,
)

FOUR_WEEKS = timedelta(days=28)
HOUR = timedelta(hours=1)

FREEZE = Consequence(Action.STOP, activity="feature releases",
                     allowed=("security fixes", "reliability fixes"), ends=Ends.NEXT_PERIOD)
EXHAUSTED = Condition("exhausted", Trigger.EXHAUSTED, consequences=(FREEZE,))
WARN = Condition("budget-70", Trigger.CONSUMED, percent=Decimal(70), consequences=(
    Consequence(Action.CONDUCT, activity="postmortem"),))


def figures(bad: int, slo: str = "upi-payments", **more) -> SloFigures:
    return SloFigures(slo=slo, target=Decimal("99.9"), total=1_000_000, bad=bad,
                      length=FOUR_WEEKS, elapsed=FOUR_WEEKS, service="payments", **more)


def policy(*conditions: Condition, slos=()) -> Policy:
    return Policy(name="checkout", services=("payments",), slos=tuple(slos),
                  conditions=conditions or (WARN, EXHAUSTED))


def gate(figs, pol: Policy | None = None, **options):
    figs = list(figs)
    evaluation = evaluate(pol, figs) if pol is not None else None
    return decide(figs, evaluation, **options)


def test_exit_code_values():
    assert [int(c) for c in GateCode] == [0, 1, 2, 3, 4, 5]
    assert [c.name for c in GateCode] == ["PASS", "LOW_BUDGET", "USAGE", "FREEZE", "NO_DATA",
                                          "INVALID"]
    assert Decimal(5) == DEFAULT_THRESHOLD
    assert timedelta(hours=24) == DEFAULT_MAX_AGE


# --- 0 and 1: the remaining budget against the threshold ----------------------------------


def test_exactly_five_percent_left_passes():
    # 950 bad of a 1,000 budget: 5% left, not strictly below 5%
    decision = gate([figures(950)], policy())
    assert decision.code is GateCode.PASS
    assert decision.passed
    assert decision.below == ()
    assert decision.reason == ("pass: every SLO has at least 5% of its budget left "
                               "(lowest: upi-payments 5%)")


def test_one_bad_event_more_is_below_the_threshold():
    # 951 bad: 4.9% left < 5%
    decision = gate([figures(951)], policy())
    assert decision.code is GateCode.LOW_BUDGET
    assert not decision.passed
    assert decision.below == (("upi-payments", Decimal("4.9")),)
    assert decision.reason == "budget below 5% left: upi-payments 4.9%"


def test_low_budget_lists_every_slo_below():
    decision = gate([figures(951, "a"), figures(100, "b"), figures(990, "c")], policy(),
                    scope="service payments")
    assert decision.code is GateCode.LOW_BUDGET
    assert decision.below == (("a", Decimal("4.9")), ("c", Decimal(1)))
    assert decision.reason == "budget below 5% left for service payments: a 4.9%, c 1%"


def test_another_threshold():
    # threshold 10: 900 bad leave exactly 10% -> pass; 901 leave 9.9% -> 1
    assert gate([figures(900)], policy(), threshold=Decimal(10)).code is GateCode.PASS
    low = gate([figures(901)], policy(), threshold=Decimal(10))
    assert low.code is GateCode.LOW_BUDGET
    assert low.threshold == Decimal(10)
    assert low.reason == "budget below 10% left: upi-payments 9.9%"


def test_threshold_zero_fails_only_budget_debt():
    assert gate([figures(1000)], None, threshold=Decimal(0)).code is GateCode.PASS
    assert gate([figures(1001)], None, threshold=Decimal(0)).code is GateCode.LOW_BUDGET


def test_without_a_policy_only_the_threshold_is_checked():
    assert gate([figures(950)], None).code is GateCode.PASS
    assert gate([figures(951)], None).code is GateCode.LOW_BUDGET
    # even an exhausted budget is "only" low without a policy to freeze anything
    assert gate([figures(1000)], None).code is GateCode.LOW_BUDGET


# --- 3: a freeze in force ------------------------------------------------------------------


def test_a_freeze_gives_three_and_wins_over_low_budget():
    # 1,000 bad: exhausted fires (remaining 0%, also below 5%)
    decision = gate([figures(1000)], policy())
    assert decision.code is GateCode.FREEZE
    assert decision.reason == (
        "freeze in force: stop feature releases (condition exhausted: upi-payments 100% "
        "(threshold 100%)); still allowed: security fixes, reliability fixes")


def test_one_event_below_the_freeze_is_low_budget():
    assert gate([figures(999)], policy()).code is GateCode.LOW_BUDGET


def test_a_carried_freeze_gives_three():
    figs = [figures(800)]
    decision = decide(figs, evaluate(policy(), figs, fired_earlier=("exhausted",)),
                      scope="service payments")
    assert decision.code is GateCode.FREEZE
    assert decision.reason == (
        "freeze in force for service payments: stop feature releases (condition exhausted: "
        "fired earlier this period); still allowed: security fixes, reliability fixes")


def test_a_freeze_without_anything_allowed():
    strict = Condition("budget-70", Trigger.CONSUMED, percent=Decimal(70), consequences=(
        Consequence(Action.STOP, activity="all deploys"),))
    decision = gate([figures(700, "a"), figures(750, "b")], policy(strict))
    assert decision.code is GateCode.FREEZE
    assert decision.reason == ("freeze in force: stop all deploys (condition budget-70: "
                               "a 70% (threshold 70%), b 75% (threshold 70%))")


def test_consequences_other_than_a_freeze_do_not_block():
    decision = gate([figures(700)], policy(WARN))
    assert decision.code is GateCode.PASS
    assert decision.reason.endswith("(lowest: upi-payments 30%)")


# --- 4: status data missing or too old -----------------------------------------------------


def test_missing_figures_give_four_and_win_over_a_freeze():
    # upi-payments is exhausted (a freeze), but card has no figures
    decision = gate([figures(1000)], policy(slos=("upi-payments", "card")))
    assert decision.code is GateCode.NO_DATA
    assert decision.reason == "no status data: SLO card"


def test_missing_named_by_the_caller():
    decision = decide([figures(10)], None, missing=("service orders",), scope="service orders")
    assert decision.code is GateCode.NO_DATA
    assert decision.reason == "no status data for service orders: service orders"


def test_no_figures_at_all_give_four():
    decision = decide([], None)
    assert decision.code is GateCode.NO_DATA
    assert decision.reason == "no status data: no SLO has figures"


def test_data_exactly_max_age_old_passes():
    assert gate([figures(10)], policy(), age=timedelta(hours=24)).code is GateCode.PASS


def test_data_older_than_max_age_gives_four_and_wins_over_a_freeze():
    decision = gate([figures(1000)], policy(), age=timedelta(hours=24, minutes=1))
    assert decision.code is GateCode.NO_DATA
    assert decision.reason == "status data is 24h1m old, older than the maximum age of 24h"


def test_another_max_age():
    assert gate([figures(10)], policy(), age=timedelta(minutes=90),
                max_age=timedelta(minutes=90)).code is GateCode.PASS
    too_old = gate([figures(10)], policy(), age=timedelta(minutes=91),
                   max_age=timedelta(minutes=90))
    assert too_old.code is GateCode.NO_DATA
    assert too_old.reason == "status data is 1h31m old, older than the maximum age of 1h30m"


def test_a_freeze_condition_the_figures_cannot_decide_gives_four():
    # a 1 h burn-rate condition with a freeze, but the figures have no 1 h window: the gate
    # cannot know whether the freeze is in force, so it must not pass
    paging = Condition("fast-burn", Trigger.BURN_RATE, burn_rate=Decimal("14.4"), window=HOUR,
                       consequences=(Consequence(Action.STOP, activity="feature releases"),))
    decision = gate([figures(10)], policy(paging))
    assert decision.code is GateCode.NO_DATA
    assert decision.reason == ("no status data to decide a freeze: condition fast-burn on "
                               "upi-payments: no figures for the last 1h")
    # with the window the condition is decided: 5 bad of 10,000 burn at 0.5 -> pass
    with_window = [figures(10, windows=(WindowFigures(HOUR, 10_000, 5),))]
    assert gate(with_window, policy(paging)).code is GateCode.PASS


def test_an_undecided_condition_without_a_freeze_does_not_block():
    dependency = Condition("dependency", Trigger.DEPENDENCY, percent=Decimal(50), consequences=(
        Consequence(Action.CONDUCT, activity="engage the dependency's owner"),))
    assert gate([figures(10)], policy(dependency)).code is GateCode.PASS


# --- 5: invalid ----------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [Decimal("-0.01"), Decimal("100.01"), Decimal("NaN"),
                                       Decimal("Infinity")])
def test_invalid_threshold_gives_five_and_wins_over_everything(threshold):
    # missing data and a freeze at once: the invalid threshold still wins
    decision = gate([figures(1000)], policy(slos=("card",)), threshold=threshold)
    assert decision.code is GateCode.INVALID
    assert decision.reason == f"invalid: threshold {threshold} must be a percentage from 0 to 100"


def test_threshold_bounds_are_valid():
    assert gate([figures(0)], policy(), threshold=Decimal(100)).code is GateCode.PASS
    assert gate([figures(1)], policy(), threshold=Decimal(100)).code is GateCode.LOW_BUDGET
    assert gate([figures(0)], policy(), threshold=Decimal(0)).code is GateCode.PASS


def test_invalid_policy_names_the_first_problem_and_counts_the_rest():
    decision = invalid(["conditions[0].percent: 101 is out of range", "name: is empty",
                        "review.next: not a date"])
    assert decision.code is GateCode.INVALID
    assert decision.reason == "invalid: conditions[0].percent: 101 is out of range (and 2 more)"
    assert len(decision.problems) == 3
    assert invalid(["name: is empty"]).reason == "invalid: name: is empty"


# --- the decision carries its inputs -------------------------------------------------------


def test_reasons_are_one_line_and_the_decision_keeps_its_inputs():
    figs = [figures(1000, windows=(WindowFigures(HOUR, 100, 1),))]
    evaluation = evaluate(policy(), figs)
    decision = decide(figs, evaluation)
    assert decision.evaluation is evaluation
    assert decision.figures == tuple(figs)
    assert decision.threshold == Decimal(5)
    for bad in (0, 951, 1000):
        assert "\n" not in gate([figures(bad)], policy()).reason


def test_ages_read_as_windows_do():
    old = gate([figures(10)], policy(), age=timedelta(days=3), max_age=timedelta(days=2))
    assert old.reason == "status data is 3d old, older than the maximum age of 2d"
    minutes = gate([figures(10)], policy(), age=timedelta(minutes=45),
                   max_age=timedelta(minutes=30))
    assert minutes.reason == "status data is 45m old, older than the maximum age of 30m"


def test_a_dependency_freeze_names_the_dependency():
    provider = Condition("provider", Trigger.DEPENDENCY, percent=Decimal(50), consequences=(
        Consequence(Action.STOP, activity="provider changes"),))
    figs = [figures(200, dependencies=(("bank", 120), ("gateway", 80)))]
    decision = gate(figs, policy(provider))
    assert decision.code is GateCode.FREEZE
    # the bank caused 120 of the 200 bad events: 60%
    assert decision.reason == ("freeze in force: stop provider changes (condition provider: "
                               "upi-payments 60% from bank (threshold 50%))")


def test_only_the_checked_slos_can_leave_a_freeze_undecided():
    paging = Condition("fast-burn", Trigger.BURN_RATE, burn_rate=Decimal("14.4"), window=HOUR,
                       consequences=(Consequence(Action.STOP, activity="feature releases"),))
    decided = figures(10, windows=(WindowFigures(HOUR, 10_000, 5),))
    undecided = figures(10, "card-payments")
    evaluation = evaluate(policy(paging), [decided, undecided])
    # gating only the SLO whose figures decide the condition: pass
    assert decide([decided], evaluation).code is GateCode.PASS
    assert decide([decided, undecided], evaluation).code is GateCode.NO_DATA
    # an SLO named in scope without figures is the caller's "missing", not counted again
    named = evaluate(policy(paging, slos=("upi-payments", "card")), [decided])
    assert decide([decided], named).reason == "no status data: SLO card"
    assert decide([decided], replace(named, missing=())).code is GateCode.PASS

"""``check_policy``: scope against the workspace, duplicate and contradicting conditions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from workbench.domain.policy import (
    Action,
    Code,
    Condition,
    Consequence,
    Policy,
    Trigger,
    check_policy,
    starter_policy,
)

SLOS = {"upi-payments": "payments", "card-payments": "payments", "search": "search"}
SERVICES = ["payments", "search"]


def conduct(activity: str) -> Consequence:
    return Consequence(Action.CONDUCT, activity=activity)


def stop(activity: str, *allowed: str) -> Consequence:
    return Consequence(Action.STOP, activity=activity, allowed=allowed)


def declare(code: Code) -> Consequence:
    return Consequence(Action.DECLARE, code=code)


def consumed(key: str, percent: int, *consequences: Consequence) -> Condition:
    return Condition(key, Trigger.CONSUMED, percent=Decimal(percent), consequences=consequences)


def policy(*conditions: Condition, services=("payments",), slos=("upi-payments",)) -> Policy:
    return Policy(name="checkout", services=tuple(services), slos=tuple(slos),
                  conditions=conditions)


def parts(problems) -> list[str]:
    return [p.part for p in problems]


def test_the_starter_policy_has_no_problems():
    starter = starter_policy("checkout", team="Checkout", services=["payments"],
                             slos=["upi-payments"], today=date(2026, 11, 25))
    assert check_policy(starter, slos=SLOS, services=SERVICES) == []


def test_a_clean_policy_with_several_conditions_has_no_problems():
    clean = policy(
        consumed("yellow", 50, declare(Code.YELLOW), conduct("postmortem")),
        consumed("red", 80, declare(Code.RED), stop("feature releases", "security fixes")),
        Condition("fast", Trigger.BURN_RATE, burn_rate=Decimal("14.4"),
                  window=timedelta(hours=1), consequences=(conduct("load test"),)),
        Condition("slow", Trigger.BURN_RATE, burn_rate=Decimal("14.4"),
                  window=timedelta(hours=6), consequences=(conduct("load test"),)),
    )
    assert check_policy(clean, slos=SLOS, services=SERVICES) == []


def test_unknown_slo_in_scope():
    problems = check_policy(policy(slos=("UPI-Payments", "upi-paymnets")), slos=SLOS,
                            services=SERVICES)
    # the first matches without case; the second is misspelled
    assert parts(problems) == ["scope.slos[1]"]
    assert problems[0].message == ("no SLO is named 'upi-paymnets' (SLOs: card-payments, "
                                   "search, upi-payments)")
    assert str(problems[0]).startswith("scope.slos[1]: no SLO is named")


def test_unknown_service_in_scope():
    problems = check_policy(policy(services=("orders", "Payments")), slos=SLOS,
                            services=SERVICES)
    assert parts(problems) == ["scope.services[0]"]
    assert problems[0].message == "no service is named 'orders' (services: payments, search)"


def test_a_workspace_without_slos_says_so():
    problems = check_policy(policy(services=()), slos={}, services=[])
    assert [p.message for p in problems] == [
        "no SLO is named 'upi-payments' (SLOs: none yet)"]


def test_scope_is_not_checked_without_the_workspace():
    assert check_policy(policy(services=("orders",), slos=("nothing",))) == []


def test_duplicate_conditions():
    # 70 and 70.0 are the same figure
    twin = Condition("twin", Trigger.CONSUMED, percent=Decimal("70.0"),
                     consequences=(conduct("postmortem"),))
    problems = check_policy(policy(consumed("first", 70, conduct("load test")),
                                   consumed("other", 80, conduct("load test")), twin))
    assert parts(problems) == ["conditions[2]"]
    assert problems[0].message == ("has the same trigger and figures as condition first "
                                   "(conditions[0]); merge their consequences into one")


def test_same_trigger_with_other_figures_is_no_duplicate():
    day = Condition("a", Trigger.CONSUMED_WITHIN, percent=Decimal(30), window=timedelta(days=1))
    week = Condition("b", Trigger.CONSUMED_WITHIN, percent=Decimal(30), window=timedelta(days=7))
    bank = Condition("c", Trigger.DEPENDENCY, percent=Decimal(50), dependency="bank")
    gateway = Condition("d", Trigger.DEPENDENCY, percent=Decimal(50), dependency="gateway")
    any_dependency = Condition("e", Trigger.DEPENDENCY, percent=Decimal(50))
    assert check_policy(policy(day, week, bank, gateway, any_dependency)) == []
    same_bank = Condition("f", Trigger.DEPENDENCY, percent=Decimal(50), dependency="BANK")
    assert parts(check_policy(policy(bank, same_bank))) == ["conditions[1]"]


def test_stop_contradicts_conduct():
    problems = check_policy(policy(consumed("warn", 50, conduct("load test")),
                                   consumed("freeze", 90, stop("Load  Test"))))
    assert parts(problems) == ["conditions[1].consequences[0]"]
    assert problems[0].message == (
        "stops 'load test', which condition warn (conditions[0].consequences[0]) conducts; "
        "both can apply at once, so keep one")


def test_allowed_contradicts_stop():
    problems = check_policy(policy(
        consumed("freeze", 90, stop("feature releases", "security fixes", "load tests")),
        consumed("stop-tests", 95, conduct("postmortem"), stop("load tests"))))
    assert parts(problems) == ["conditions[0].consequences[0].allowed"]
    assert problems[0].message == (
        "keeps 'load tests' allowed, but condition stop-tests (conditions[1].consequences[1]) "
        "stops it; both can apply at once, so say which wins")


def test_code_red_below_code_yellow():
    problems = check_policy(policy(consumed("red", 50, declare(Code.RED)),
                                   consumed("yellow", 80, declare(Code.YELLOW))))
    assert parts(problems) == ["conditions[1]"]
    assert problems[0].message == ("declares code yellow at a higher threshold than "
                                   "condition red (conditions[0]) declares code red; swap them")


def test_code_order_compares_only_like_conditions():
    # red at 50% consumed and yellow at burn rate 80 watch different figures
    burn = Condition("yellow", Trigger.BURN_RATE, burn_rate=Decimal(80),
                     window=timedelta(hours=1), consequences=(declare(Code.YELLOW),))
    assert check_policy(policy(consumed("red", 50, declare(Code.RED)), burn)) == []
    # yellow below red is the right order
    assert check_policy(policy(consumed("yellow", 50, declare(Code.YELLOW)),
                               consumed("red", 80, declare(Code.RED)))) == []


def test_several_problems_are_found_at_once():
    problems = check_policy(
        policy(consumed("red", 50, declare(Code.RED), conduct("load test")),
               consumed("yellow", 80, declare(Code.YELLOW), stop("load test")),
               consumed("again", 80, conduct("postmortem")),
               services=("orders",)),
        slos=SLOS, services=SERVICES)
    assert parts(problems) == ["scope.services[0]", "conditions[2]",
                               "conditions[1].consequences[1]", "conditions[1]"]

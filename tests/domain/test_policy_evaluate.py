"""The policy evaluator: every trigger at its boundary, unknown figures, scope, consequences.

Unless a test says otherwise the figures are those of one SLO with target 99.9% and 1,000,000
valid events over a whole (complete) four-week period, so the budget is
1,000,000 x (100 - 99.9) / 100 = 1,000 events and every bad event is 0.1% of the budget.
All arithmetic is exact (int, Decimal, Fraction); no floats.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from workbench.domain.policy import (
    CLOSE_SHARE,
    Action,
    Code,
    Condition,
    Consequence,
    Ends,
    Outcome,
    Policy,
    SloFigures,
    Trigger,
    WindowFigures,
    check_condition,
    evaluate,
    in_scope,
)
from workbench.domain.slo.target import CountError

FOUR_WEEKS = timedelta(days=28)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
WEEK = timedelta(days=7)


def figures(bad: int = 0, *, total: int = 1_000_000, slo: str = "upi-payments",
            service: str | None = "payments", target: str = "99.9",
            elapsed: timedelta = FOUR_WEEKS, length: timedelta = FOUR_WEEKS,
            **more) -> SloFigures:
    return SloFigures(slo=slo, target=Decimal(target), total=total, bad=bad, length=length,
                      elapsed=elapsed, service=service, **more)


def outcome(cond: Condition, fig: SloFigures) -> Outcome:
    return check_condition(cond, fig).outcome


CONSUMED_70 = Condition("budget-70", Trigger.CONSUMED, percent=Decimal(70))
WITHIN_30_24H = Condition("fast-burn", Trigger.CONSUMED_WITHIN, percent=Decimal(30), window=DAY)
BURN_14_4_1H = Condition("page", Trigger.BURN_RATE, burn_rate=Decimal("14.4"), window=HOUR)
PROJECTED = Condition("runs-out", Trigger.PROJECTED)
PROJECTED_1H = Condition("runs-out-1h", Trigger.PROJECTED, window=HOUR)
ANY_DEP_50 = Condition("dependency", Trigger.DEPENDENCY, percent=Decimal(50))
BANK_50 = Condition("bank", Trigger.DEPENDENCY, percent=Decimal(50), dependency="bank")
EXHAUSTED = Condition("exhausted", Trigger.EXHAUSTED)


def test_close_share_is_nine_tenths():
    assert Fraction(9, 10) == CLOSE_SHARE


# --- the budget figures ----------------------------------------------------------------------


def test_budget_of_a_whole_period():
    fig = figures(700)
    # 1,000,000 x 0.1% = 1,000 events; 700 / 1,000 = 70% consumed, 30% left
    assert fig.budget_events == Fraction(1000)
    assert fig.consumed == Fraction(70)
    assert fig.remaining == Fraction(30)
    # period burn rate: (700 / 1,000,000) / 0.001 = 0.7
    assert fig.burn_rate() == Fraction(7, 10)


def test_partial_period_is_extrapolated_to_its_length():
    # 7 of 28 days gave 250,000 events: 250,000 x 28 / 7 = 1,000,000 expected, budget 1,000
    fig = figures(700, total=250_000, elapsed=timedelta(days=7))
    assert fig.budget_events == Fraction(1000)
    assert fig.consumed == Fraction(70)
    assert outcome(CONSUMED_70, fig) is Outcome.FIRES
    # 699 bad -> 69.9% (close, >= 63%)
    assert outcome(CONSUMED_70, figures(699, total=250_000, elapsed=timedelta(days=7))) \
        is Outcome.CLOSE


def test_partial_period_extrapolation_uses_hours_too():
    # 36 h of a 28-day period (672 h) gave 60,000 events: 60,000 x 672 / 36 = 1,120,000
    # expected, budget 1,120 events; 112 bad = 10%
    fig = figures(112, total=60_000, elapsed=timedelta(hours=36))
    assert fig.budget_events == Fraction(1120)
    assert fig.consumed == Fraction(10)


def test_expected_total_replaces_the_extrapolation():
    # expected 2,000,000 -> budget 2,000 events (not the extrapolated 1,000); 700 bad = 35%
    fig = figures(700, total=250_000, elapsed=timedelta(days=7), expected_total=2_000_000)
    assert fig.budget_events == Fraction(2000)
    assert fig.consumed == Fraction(35)
    assert outcome(CONSUMED_70, fig) is Outcome.CLEAR


def test_expected_total_below_the_events_so_far_is_refused():
    # an expected total of 0 would make 700 bad events look free (budget 0 -> consumed 0)
    with pytest.raises(CountError, match="expected total"):
        figures(700, total=250_000, elapsed=timedelta(days=7), expected_total=0)
    with pytest.raises(CountError, match="cannot be below"):
        figures(7, total=250_000, elapsed=timedelta(days=7), expected_total=249_999)
    assert figures(7, total=250_000, elapsed=timedelta(days=7),
                   expected_total=250_000).budget_events == Fraction(250)


@pytest.mark.parametrize("change", [
    {"bad": 11, "total": 10},
    {"elapsed": timedelta(0)},
    {"elapsed": FOUR_WEEKS + timedelta(seconds=1)},
    {"windows": (WindowFigures(HOUR, 5, 6),)},
    {"dependencies": (("bank", 11),)},
    {"target": "100"},
])
def test_inconsistent_figures_are_refused(change):
    values = {"bad": 10, "total": 1000} | change
    with pytest.raises(ValueError):
        figures(**values)


def test_no_events_consumes_nothing():
    fig = figures(0, total=0)
    assert fig.budget_events == 0
    assert fig.consumed == 0 and fig.remaining == 100
    assert fig.burn_rate() == 0


# --- consumed >= X% ------------------------------------------------------------------------


@pytest.mark.parametrize(("bad", "expected", "figure"), [
    (701, Outcome.FIRES, "70.1"),   # one above: 701 / 1,000
    (700, Outcome.FIRES, "70"),     # exactly at the threshold
    (699, Outcome.CLOSE, "69.9"),   # one below: 69.9% >= 63% (9/10 of 70%)
    (630, Outcome.CLOSE, "63"),     # exactly 9/10 of the threshold
    (629, Outcome.CLEAR, "62.9"),   # one below the close margin
    (0, Outcome.CLEAR, "0"),
])
def test_consumed_boundary(bad, expected, figure):
    result = check_condition(CONSUMED_70, figures(bad))
    assert result.outcome is expected
    assert result.figure == Decimal(figure)
    assert result.threshold == Decimal(70)
    assert result.unit == "%"
    assert result.condition == "budget-70" and result.slo == "upi-payments"


def test_consumed_result_texts():
    result = check_condition(CONSUMED_70, figures(699))
    assert result.figure_text() == "69.9%"
    assert result.threshold_text() == "70%"
    assert result.explanation == "69.9% of the period's budget consumed"


def test_consumed_figure_with_a_non_terminating_share_is_rounded_for_display_only():
    # target 99.7 over 1,000,000: budget 3,000; 2,100 bad = 70% exactly -> fires,
    # 2,099 bad = 69.9666...% -> close, shown 69.97%
    assert outcome(CONSUMED_70, figures(2100, target="99.7")) is Outcome.FIRES
    result = check_condition(CONSUMED_70, figures(2099, target="99.7"))
    assert result.outcome is Outcome.CLOSE
    assert result.figure_text() == "69.97%"


# --- X% of the period's budget consumed within a window ------------------------------------


def within(window_bad: int, *, window: timedelta = DAY, period_bad: int = 600,
           **more) -> SloFigures:
    return figures(period_bad, windows=(WindowFigures(window, 50_000, window_bad),), **more)


@pytest.mark.parametrize(("window_bad", "expected", "figure"), [
    (301, Outcome.FIRES, "30.1"),   # 301 / 1,000 period budget events
    (300, Outcome.FIRES, "30"),
    (299, Outcome.CLOSE, "29.9"),   # >= 27% (9/10 of 30%)
    (270, Outcome.CLOSE, "27"),
    (269, Outcome.CLEAR, "26.9"),
])
def test_consumed_within_boundary(window_bad, expected, figure):
    result = check_condition(WITHIN_30_24H, within(window_bad))
    assert result.outcome is expected
    assert result.figure == Decimal(figure)
    assert result.threshold == Decimal(30)


def test_consumed_within_explanation_names_the_window():
    result = check_condition(WITHIN_30_24H, within(300))
    assert result.explanation == "30% of the period's budget consumed in the last 24h"


def test_consumed_within_uses_the_period_budget_of_a_partial_period():
    # 14 of 28 days, 500,000 events -> 1,000,000 expected -> budget 1,000; 300 in 24 h = 30%
    fig = figures(400, total=500_000, elapsed=timedelta(days=14),
                  windows=(WindowFigures(DAY, 40_000, 300),))
    assert outcome(WITHIN_30_24H, fig) is Outcome.FIRES


def test_consumed_within_counts_only_the_bad_events_of_this_period():
    # Day 3 of a new period: the 7-day window reaches back into the previous period and
    # holds 600 bad events, but only the 100 of this period were spent from its budget
    # (expected 1,000,000 -> 1,000 events): 100 / 1,000 = 10%, not 60%.
    slow = Condition("slow-burn", Trigger.CONSUMED_WITHIN, percent=Decimal(50), window=WEEK)
    fig = figures(100, total=100_000, elapsed=timedelta(days=3), expected_total=1_000_000,
                  windows=(WindowFigures(WEEK, 300_000, 600),))
    result = check_condition(slow, fig)
    assert result.figure == Decimal(10)
    assert result.outcome is Outcome.CLEAR


def test_consumed_within_a_window_the_figures_do_not_have_is_unknown():
    result = check_condition(WITHIN_30_24H, within(300, window=WEEK))
    assert result.outcome is Outcome.UNKNOWN
    assert result.figure is None
    assert result.explanation == "no figures for the last 24h"
    assert result.figure_text() == "-"


# --- burn rate over a window ---------------------------------------------------------------


def burning(bad: int, total: int = 10_000, window: timedelta = HOUR) -> SloFigures:
    return figures(2000, windows=(WindowFigures(window, total, bad),))


@pytest.mark.parametrize(("bad", "expected", "figure"), [
    (145, Outcome.FIRES, "14.5"),   # 145 / 10,000 / 0.001
    (144, Outcome.FIRES, "14.4"),   # 144 / 10,000 / 0.001 = 14.4 exactly
    (143, Outcome.CLOSE, "14.3"),   # >= 12.96 (9/10 of 14.4)
])
def test_burn_rate_boundary(bad, expected, figure):
    result = check_condition(BURN_14_4_1H, burning(bad))
    assert result.outcome is expected
    assert result.figure == Decimal(figure)
    assert result.threshold == Decimal("14.4")
    assert result.unit == "x"


@pytest.mark.parametrize(("bad", "expected"), [
    (1296, Outcome.CLOSE),   # 1,296 / 100,000 / 0.001 = 12.96 = 14.4 x 9/10
    (1295, Outcome.CLEAR),   # 12.95
])
def test_burn_rate_close_boundary(bad, expected):
    assert outcome(BURN_14_4_1H, burning(bad, total=100_000)) is expected


def test_burn_rate_texts():
    result = check_condition(BURN_14_4_1H, burning(144))
    assert result.figure_text() == "14.4 x"
    assert result.threshold_text() == "14.4 x"
    assert result.explanation == "burning at 14.4x over the last 1h"


def test_burn_rate_uses_the_window_not_the_period():
    # the period burns at 2,000 / 1,000,000 / 0.001 = 2, the last hour at 0 -> clear
    assert outcome(BURN_14_4_1H, burning(0)) is Outcome.CLEAR
    # an hour without events burns nothing
    assert outcome(BURN_14_4_1H, burning(0, total=0)) is Outcome.CLEAR


def test_burn_rate_window_missing_is_unknown():
    result = check_condition(BURN_14_4_1H, burning(144, window=timedelta(minutes=5)))
    assert result.outcome is Outcome.UNKNOWN
    assert result.explanation == "no figures for the last 1h"


# --- projected to run out ------------------------------------------------------------------


def half_way(bad: int, **more) -> SloFigures:
    # 14 of 28 days with 500,000 events: expected 1,000,000, budget 1,000 events
    return figures(bad, total=500_000, elapsed=timedelta(days=14), **more)


def test_projected_exactly_one_hundred_percent_does_not_fire():
    # 500 bad: consumed 50%, burn rate 500 / 500,000 / 0.001 = 1;
    # projected = 50% + 1 x (14 / 28) x 100% = 100% -> lasts exactly to the end
    result = check_condition(PROJECTED, half_way(500))
    assert result.figure == Decimal(100)
    assert result.threshold == Decimal(100)
    assert result.outcome is Outcome.CLOSE


def test_projected_one_event_more_fires():
    # 501 bad: consumed 50.1%, burn rate 1.002, projected 50.1 + 1.002 x 50 = 100.2%
    result = check_condition(PROJECTED, half_way(501))
    assert result.figure == Decimal("100.2")
    assert result.outcome is Outcome.FIRES


@pytest.mark.parametrize(("bad", "expected", "figure"), [
    (499, Outcome.CLOSE, "99.8"),
    (450, Outcome.CLOSE, "90"),    # 9/10 of 100%
    (449, Outcome.CLEAR, "89.8"),
])
def test_projected_below_the_boundary(bad, expected, figure):
    result = check_condition(PROJECTED, half_way(bad))
    assert result.outcome is expected
    assert result.figure == Decimal(figure)


def test_projected_over_a_complete_period_is_the_consumption():
    # nothing of the period is left: projected = consumed
    assert check_condition(PROJECTED, figures(1000)).figure == Decimal(100)
    assert outcome(PROJECTED, figures(1000)) is Outcome.CLOSE
    assert outcome(PROJECTED, figures(1001)) is Outcome.FIRES


def test_projected_with_a_window_uses_the_window_burn_rate():
    # nothing consumed yet; the last hour burns at 20 / 10,000 / 0.001 = 2:
    # projected = 0% + 2 x (14 / 28) x 100% = 100% -> does not fire; 21 -> 2.1 -> 105% fires
    at_two = half_way(0, windows=(WindowFigures(HOUR, 10_000, 20),))
    above = half_way(0, windows=(WindowFigures(HOUR, 10_000, 21),))
    assert check_condition(PROJECTED_1H, at_two).figure == Decimal(100)
    assert outcome(PROJECTED_1H, at_two) is Outcome.CLOSE
    assert check_condition(PROJECTED_1H, above).figure == Decimal(105)
    assert outcome(PROJECTED_1H, above) is Outcome.FIRES
    assert outcome(PROJECTED_1H, half_way(0)) is Outcome.UNKNOWN


# --- one dependency's share ----------------------------------------------------------------


def dependent(gateway: int, bank: int = 60, bad: int = 200) -> SloFigures:
    return figures(bad, dependencies=(("payments-gateway", gateway), ("bank", bank)))


@pytest.mark.parametrize(("gateway", "expected", "figure"), [
    (101, Outcome.FIRES, "50.5"),   # 101 of the 200 bad events
    (100, Outcome.FIRES, "50"),
    (99, Outcome.CLOSE, "49.5"),    # >= 45% (9/10 of 50%)
    (90, Outcome.CLOSE, "45"),
    (89, Outcome.CLEAR, "44.5"),
])
def test_any_dependency_boundary(gateway, expected, figure):
    result = check_condition(ANY_DEP_50, dependent(gateway, bank=10))
    assert result.outcome is expected
    assert result.figure == Decimal(figure)
    assert result.dependency == "payments-gateway"


def test_any_dependency_takes_the_largest_share():
    # the bank's 120 of 200 (60%) beat the gateway's 30 (15%)
    result = check_condition(ANY_DEP_50, dependent(30, bank=120))
    assert result.dependency == "bank"
    assert result.figure == Decimal(60)
    assert result.explanation == "bank caused 60% of the period's bad events"


@pytest.mark.parametrize(("bank", "expected"), [
    (100, Outcome.FIRES),   # 100 / 200 = 50%
    (99, Outcome.CLOSE),    # 49.5%
    (89, Outcome.CLEAR),    # 44.5%
])
def test_named_dependency_boundary(bank, expected):
    # the gateway's larger share does not count for a condition on the bank
    result = check_condition(BANK_50, dependent(100, bank=bank))
    assert result.outcome is expected
    assert result.dependency == "bank"


def test_named_dependency_matches_without_case():
    cond = Condition("bank", Trigger.DEPENDENCY, percent=Decimal(50), dependency="BANK")
    assert outcome(cond, dependent(0, bank=100)) is Outcome.FIRES


def test_dependency_without_dependency_data_is_unknown():
    result = check_condition(ANY_DEP_50, figures(200))
    assert result.outcome is Outcome.UNKNOWN
    assert result.figure is None


def test_dependency_with_zero_bad_events_is_clear():
    result = check_condition(ANY_DEP_50, figures(0, dependencies=()))
    assert result.outcome is Outcome.CLEAR
    assert result.figure == 0
    named = check_condition(BANK_50, figures(0, dependencies=(("bank", 0),)))
    assert named.outcome is Outcome.CLEAR


def test_named_dependency_not_in_the_data_caused_nothing():
    result = check_condition(BANK_50, figures(200, dependencies=(("gateway", 200),)))
    assert result.outcome is Outcome.CLEAR
    assert result.figure == 0
    assert result.explanation == "bank caused none of the bad events"


# --- budget exhausted ----------------------------------------------------------------------


@pytest.mark.parametrize(("bad", "expected", "remaining"), [
    (1001, Outcome.FIRES, "-0.1"),   # overspent: budget debt
    (1000, Outcome.FIRES, "0"),      # exactly the budget: nothing left
    (999, Outcome.CLOSE, "0.1"),     # consumed 99.9% >= 90%
    (900, Outcome.CLOSE, "10"),
    (899, Outcome.CLEAR, "10.1"),
])
def test_exhausted_boundary(bad, expected, remaining):
    fig = figures(bad)
    result = check_condition(EXHAUSTED, fig)
    assert result.outcome is expected
    assert result.threshold == Decimal(100)
    assert fig.remaining == Fraction(Decimal(remaining))


# --- the whole evaluation: scope, unknown, missing -----------------------------------------


def policy(*conditions: Condition, services=("payments",), slos=()) -> Policy:
    return Policy(name="checkout", services=tuple(services), slos=tuple(slos),
                  conditions=conditions)


def test_slos_outside_the_scope_are_ignored():
    inside = figures(700, slo="upi-payments")
    outside = figures(1000, slo="search-latency", service="search")
    result = evaluate(policy(CONSUMED_70), [inside, outside])
    assert result.in_scope == ("upi-payments",)
    assert [(r.slo, r.outcome) for r in result.results] == [("upi-payments", Outcome.FIRES)]
    assert result.lowest == ("upi-payments", Decimal(30))


def test_scope_by_service_ignores_case():
    fig = figures(700, service="Payments")
    assert in_scope(policy(services=("PAYMENTS",)), [fig]) == (fig,)


def test_scope_by_slo_name_ignores_case():
    one = figures(10, slo="UPI-Payments", service="payments")
    other = figures(10, slo="card-payments", service="payments")
    scoped = policy(services=(), slos=("upi-payments",))
    assert in_scope(scoped, [one, other]) == (one,)
    assert evaluate(scoped, [one, other]).missing == ()


def test_scope_by_services_and_slos_together():
    one = figures(10, slo="upi-payments", service="payments")
    two = figures(10, slo="search", service="search")
    three = figures(10, slo="orders", service="orders")
    both = policy(services=("payments",), slos=("search",))
    assert in_scope(both, [one, two, three]) == (one, two)


def test_missing_figures_are_unknown_never_clear():
    scoped = policy(CONSUMED_70, services=("payments",), slos=("upi-payments", "card"))
    result = evaluate(scoped, [figures(10, slo="upi-payments")])
    assert result.missing == ("SLO card",)
    card = [r for r in result.results if r.slo == "card"]
    assert [r.outcome for r in card] == [Outcome.UNKNOWN]
    assert card[0].explanation == "no budget figures for this SLO"
    # upi-payments is clear (1%), card unknown: the condition is unknown, not clear
    assert result.condition_outcome("budget-70") is Outcome.UNKNOWN


def test_a_service_without_figures_is_missing():
    result = evaluate(policy(CONSUMED_70, services=("payments", "orders")), [figures(10)])
    assert result.missing == ("service orders",)
    # no figures at all: every condition is unknown
    empty = evaluate(policy(CONSUMED_70), [])
    assert empty.missing == ("service payments",)
    assert empty.results == ()
    assert empty.condition_outcome("budget-70") is Outcome.UNKNOWN
    assert empty.lowest is None


def test_condition_outcome_is_the_strongest_over_the_slos():
    a = figures(700, slo="a")     # fires
    b = figures(630, slo="b")     # close
    c = figures(0, slo="c")       # clear
    assert evaluate(policy(CONSUMED_70), [a, b, c]).condition_outcome("budget-70") \
        is Outcome.FIRES
    assert evaluate(policy(CONSUMED_70), [b, c]).condition_outcome("budget-70") is Outcome.CLOSE
    assert evaluate(policy(CONSUMED_70), [c]).condition_outcome("budget-70") is Outcome.CLEAR
    assert evaluate(policy(CONSUMED_70), [c]).condition_outcome("no-such") is Outcome.UNKNOWN


def test_close_and_fired_lists():
    result = evaluate(policy(CONSUMED_70, EXHAUSTED), [figures(950, slo="a"),
                                                       figures(650, slo="b")])
    # a: 95% fires budget-70 and is close to exhausted; b: 65% is close to budget-70
    assert result.fired == ("budget-70",)
    assert [(r.condition, r.slo) for r in result.close] == [("budget-70", "b"),
                                                            ("exhausted", "a")]
    assert result.lowest == ("a", Decimal(5))


# --- consequences --------------------------------------------------------------------------


POSTMORTEM = Consequence(Action.CONDUCT, activity="postmortem")
FREEZE = Consequence(Action.STOP, activity="feature releases",
                     allowed=("security fixes", "reliability fixes"), ends=Ends.NEXT_PERIOD)
RED = Consequence(Action.DECLARE, code=Code.RED)
WARNED = Condition("budget-70", Trigger.CONSUMED, percent=Decimal(70), consequences=(POSTMORTEM,))
GONE = Condition("exhausted", Trigger.EXHAUSTED, consequences=(FREEZE, RED))


def test_consequences_apply_per_firing_condition():
    result = evaluate(policy(WARNED, GONE), [figures(800, slo="a"), figures(750, slo="b")])
    assert [(a.condition, a.consequence, a.slos, a.carried) for a in result.applied] == [
        ("budget-70", POSTMORTEM, ("a", "b"), False)]
    assert not result.freeze
    assert result.stopped == () and result.allowed == ()


def test_a_firing_freeze_is_in_force_with_what_it_allows():
    result = evaluate(policy(WARNED, GONE), [figures(1000)])
    assert [(a.condition, a.consequence.action) for a in result.applied] == [
        ("budget-70", Action.CONDUCT), ("exhausted", Action.STOP),
        ("exhausted", Action.DECLARE)]
    assert result.freeze
    assert [a.consequence for a in result.freezes] == [FREEZE]
    assert result.stopped == ("feature releases",)
    assert result.allowed == ("security fixes", "reliability fixes")


def test_next_period_consequence_is_carried_when_it_fired_earlier():
    # 800 bad: exhausted does not fire now, but it fired earlier in this period
    result = evaluate(policy(WARNED, GONE), [figures(800)], fired_earlier=("EXHAUSTED",))
    carried = [a for a in result.applied if a.carried]
    # only the freeze ends next period; code red ends when the condition clears
    assert [(a.condition, a.consequence, a.slos) for a in carried] == [
        ("exhausted", FREEZE, ())]
    assert result.freeze
    assert result.fired == ("budget-70",)


def test_when_cleared_consequence_is_not_carried():
    cleared_freeze = Consequence(Action.STOP, activity="feature releases")
    cond = Condition("exhausted", Trigger.EXHAUSTED, consequences=(cleared_freeze,))
    result = evaluate(policy(cond), [figures(800)], fired_earlier=("exhausted",))
    assert result.applied == ()
    assert not result.freeze


def test_a_condition_firing_now_is_not_also_carried():
    result = evaluate(policy(GONE), [figures(1000)], fired_earlier=("exhausted",))
    assert [(a.consequence, a.carried) for a in result.applied] == [(FREEZE, False),
                                                                    (RED, False)]


def test_several_freezes_allow_only_what_every_one_allows():
    second = Condition("budget-90", Trigger.CONSUMED, percent=Decimal(90), consequences=(
        Consequence(Action.STOP, activity="Feature releases",
                    allowed=("Reliability fixes", "documentation changes")),
        Consequence(Action.STOP, activity="releases to staging",
                    allowed=("reliability fixes", "security fixes")),
    ))
    result = evaluate(policy(GONE, second), [figures(1000)])
    assert len(result.freezes) == 3
    # security fixes: not allowed by the budget-90 freeze of feature releases
    assert result.allowed == ("reliability fixes",)
    # stopped twice (in two spellings), listed once
    assert result.stopped == ("feature releases", "releases to staging")


def test_a_freeze_allowing_nothing_leaves_nothing_allowed():
    strict = Condition("budget-90", Trigger.CONSUMED, percent=Decimal(90), consequences=(
        Consequence(Action.STOP, activity="all releases"),))
    result = evaluate(policy(GONE, strict), [figures(1000)])
    assert result.allowed == ()
    assert result.freeze

"""Alert rules as data and their thresholds for an SLO."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from workbench.domain.slo import (
    BOOK_RULE,
    MULTIWINDOW_RULES,
    AlertRule,
    Severity,
    TargetError,
    alert_fires,
    alert_threshold,
    alert_thresholds,
)


def test_book_rule_settings_table_9_10():
    # book-establishing-sre-foundations.txt lines 5455-5464: depletion > 200% over a 60-minute
    # window, evaluated every 5 minutes, snoozed 120 minutes after firing.
    assert BOOK_RULE.burn_rate == 2
    assert BOOK_RULE.long_window == timedelta(minutes=60)
    assert BOOK_RULE.short_window is None
    assert BOOK_RULE.evaluate_every == timedelta(minutes=5)
    assert BOOK_RULE.snooze == timedelta(minutes=120)


def test_book_rule_threshold_for_99_7():
    # book line 5467: SLO 99.7% -> budget 0.3% -> the alert needs 0.3% x 2 = 0.6% bad share.
    threshold = alert_threshold(BOOK_RULE, "99.7")
    assert threshold.bad_share_percent == Decimal("0.6")
    assert threshold.bad_share == Decimal("0.006")
    # Over a four-week (672 h) budget, one hour at 2x spends 2/672 = 0.2976...%.
    assert threshold.budget_consumed_percent.quantize(Decimal("0.0001")) == Decimal("0.2976")


def test_book_rule_fires_only_when_the_threshold_is_exceeded():
    # 0.6% of 10,000 requests is 60: exactly 60 bad does not exceed it, 61 does.
    assert not alert_fires(BOOK_RULE, "99.7", long_total=10_000, long_bad=60)
    assert alert_fires(BOOK_RULE, "99.7", long_total=10_000, long_bad=61)
    assert not alert_fires(BOOK_RULE, "99.7", long_total=0, long_bad=0)


def test_multiwindow_rule_set():
    assert [
        (r.severity, r.burn_rate, r.long_window, r.short_window) for r in MULTIWINDOW_RULES
    ] == [
        (Severity.PAGE, Decimal("14.4"), timedelta(hours=1), timedelta(minutes=5)),
        (Severity.PAGE, Decimal(6), timedelta(hours=6), timedelta(minutes=30)),
        (Severity.TICKET, Decimal(3), timedelta(days=1), timedelta(hours=2)),
        (Severity.TICKET, Decimal(1), timedelta(days=3), timedelta(hours=6)),
    ]


def test_multiwindow_thresholds_for_99_9_over_30_days():
    rows = alert_thresholds("99.9", MULTIWINDOW_RULES, timedelta(days=30))
    assert [t.bad_share_percent for t in rows] == [
        Decimal("1.44"),
        Decimal("0.6"),
        Decimal("0.3"),
        Decimal("0.1"),
    ]
    assert [t.budget_consumed_percent for t in rows] == [2, 5, 10, 10]


def test_multiwindow_thresholds_over_28_days():
    rows = alert_thresholds("99.9")  # four-week window by default
    # 14.4 x 1 h / 672 h = 2.142857...%
    assert rows[0].budget_consumed_percent.quantize(Decimal("0.000001")) == Decimal("2.142857")
    assert rows[2].budget_consumed_percent.quantize(Decimal("0.000001")) == Decimal("10.714286")


def test_thresholds_are_exact_where_floats_are_not():
    assert 14.4 * (1 - 0.999) != 0.0144
    assert alert_threshold(MULTIWINDOW_RULES[0], "99.9").bad_share == Decimal("0.0144")


def test_multiwindow_needs_both_windows_above_threshold():
    page_fast = MULTIWINDOW_RULES[0]  # 14.4 x 0.1% = 1.44%
    assert alert_fires(page_fast, "99.9", 10_000, 145, 1_000, 15)
    # The long window is bad but the problem has stopped in the short window.
    assert not alert_fires(page_fast, "99.9", 10_000, 145, 1_000, 14)
    assert not alert_fires(page_fast, "99.9", 10_000, 144, 1_000, 15)
    with pytest.raises(ValueError, match="short-window"):
        alert_fires(page_fast, "99.9", 10_000, 145)


def test_alert_rules_validate_their_data():
    with pytest.raises(ValueError):
        AlertRule("x", Severity.PAGE, Decimal(0), timedelta(hours=1))
    with pytest.raises(ValueError):
        AlertRule("x", Severity.PAGE, 2.0, timedelta(hours=1))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        AlertRule("x", Severity.PAGE, Decimal(2), timedelta(hours=1), timedelta(hours=2))
    with pytest.raises(TargetError):
        alert_threshold(BOOK_RULE, "100")


def test_tiers_that_can_never_fire_at_a_low_target_are_recognised():
    from workbench.domain.slo.alerts import live_thresholds

    # 90% target: a 10% budget. page-fast needs 14.4 x 10% = 144% bad, page-slow 6 x 10% =
    # 60% (can fire), ticket-fast 30%, ticket-slow 10%.
    thresholds = alert_thresholds("90")
    assert [t.can_fire for t in thresholds] == [False, True, True, True]
    assert [t.rule.name for t in live_thresholds(thresholds)] == [
        "page-slow", "ticket-fast", "ticket-slow"]
    assert thresholds[0].highest_burn_rate == 10
    assert thresholds[0].problem() == (
        "page-fast can never fire at a 90% target: it needs more than 144% of events to be "
        "bad (drop this tier, or use a burn rate below 10)")
    assert thresholds[1].problem() is None


def test_the_advice_for_an_unreachable_tier_is_itself_reachable():
    # 93% target: budget 7%, highest burn rate 100 / 7 = 14.2857...; the advice rounds down.
    [fast, slow, *_] = alert_thresholds("93")
    assert not fast.can_fire and slow.can_fire
    assert fast.problem().endswith("use a burn rate below 14.28)")
    assert Decimal("14.28") * 7 < 100
    # At exactly 100% bad share a rule cannot fire either (it needs more than 100%).
    assert not alert_threshold(AlertRule("x", Severity.PAGE, Decimal(10), timedelta(hours=1)),
                               "90").can_fire
    assert all(t.can_fire for t in alert_thresholds("99.9"))

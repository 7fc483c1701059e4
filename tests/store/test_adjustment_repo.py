"""Maintenance windows and corrections in the database, and the budget figures they change.

Hand-computed: an SLO with 99% target and 14,400 good + 1,440 bad events every day. A window
of 120 minutes takes 1/12 of a day: 1,200 good and 120 bad events.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from workbench.domain.slo.records import DailyCount
from workbench.errors import NotFoundError, UsageError
from workbench.store import adjustment_repo, repo, slo_repo
from workbench.store.db import reading, transaction
from workbench.store.demo import create_demo

AS_OF = date(2026, 11, 25)  # 2026 P12 runs 2026-11-02 .. 2026-11-29
PERIOD_START = date(2026, 11, 2)


@pytest.fixture
def ws(engine):
    with transaction(engine) as s:
        workspace = repo.create_workspace(s, "Acme")
        repo.add_service(s, workspace.id, "orders")
        repo.add_service(s, workspace.id, "search")
        for name, service in (("checkout", "orders"), ("cart", "orders"),
                              ("find", "search")):
            slo, _ = slo_repo.save_slo(s, workspace.id, name, target="99", service=service)
            days = [DailyCount(PERIOD_START + timedelta(days=i), 14_400, 1_440)
                    for i in range(24)]  # 2026-11-02 .. 2026-11-25
            slo_repo.upsert_counts(s, slo.id, days)
    return engine, workspace


def _status(engine, workspace, name):
    with reading(engine) as s:
        return slo_repo.slo_status(s, workspace.id, name, AS_OF).status


def test_a_window_for_one_slo_changes_its_budget_only(ws):
    engine, workspace = ws
    before = _status(engine, workspace, "checkout")
    # 24 days x 15,840 = 380,160 valid events, 24 x 1,440 = 34,560 bad.
    assert (before.total, before.bad) == (380_160, 34_560)
    with transaction(engine) as s:
        added = adjustment_repo.add_adjustment(
            s, workspace.id, "maintenance",
            {"start": "2026-11-10 02:00", "minutes": 120, "reason": "database upgrade"},
            by="Ana", slo="checkout")
    assert added.scope == "SLO checkout" and added.recorded_by == "Ana"
    after = _status(engine, workspace, "checkout")
    assert (after.total, after.bad) == (380_160 - 1_320, 34_560 - 120)
    assert _status(engine, workspace, "cart").total == 380_160


def test_a_weekly_service_window_applies_to_each_slo_of_the_service(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        adjustment_repo.add_adjustment(
            s, workspace.id, "maintenance",
            {"start": "2026-11-08 01:00", "minutes": 60, "zone": "Europe/London",
             "rrule": "FREQ=WEEKLY;BYDAY=SU", "treatment": "good"},
            by="Ana", service="orders")
    # Sundays 8, 15 and 22 November (GMT = UTC): 60 of 1,440 minutes, 1/24 of 1,440 bad
    # = 60 bad events become good on each of three days.
    for name in ("checkout", "cart"):
        status = _status(engine, workspace, name)
        assert (status.total, status.bad) == (380_160, 34_560 - 180)
    assert _status(engine, workspace, "find").bad == 34_560


def test_a_correction_removes_whole_days_and_can_be_taken_back(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        added = adjustment_repo.add_adjustment(
            s, workspace.id, "correction",
            {"first": "2026-11-03", "last": "2026-11-04", "reason": "provider outage"},
            by="Priya Sharma", slo="find")
    status = _status(engine, workspace, "find")
    assert (status.total, status.bad) == (380_160 - 2 * 15_840, 34_560 - 2 * 1_440)
    with transaction(engine) as s:
        gone = adjustment_repo.remove_adjustment(s, workspace.id, added.id, by="Ana",
                                                 reason="it was ours after all")
    assert not gone.active and gone.removed_by == "Ana"
    assert _status(engine, workspace, "find").total == 380_160
    with reading(engine) as s:
        assert adjustment_repo.list_adjustments(s, workspace.id) == []
        [kept] = adjustment_repo.list_adjustments(s, workspace.id, include_removed=True)
    assert kept.removed_reason == "it was ours after all"
    with pytest.raises(NotFoundError), transaction(engine) as s:
        adjustment_repo.remove_adjustment(s, workspace.id, added.id, by="Ana")


def test_bad_input_lists_every_problem_and_writes_nothing(ws):
    engine, workspace = ws
    with pytest.raises(UsageError) as caught, transaction(engine) as s:
        adjustment_repo.add_adjustment(
            s, workspace.id, "maintenance",
            {"start": "tomorrow", "minutes": "0", "zone": "Nowhere/City"}, by="",
            slo="checkout")
    assert [p.split(":", 1)[0] for p in caught.value.problems] == [
        "start", "minutes", "zone", "say who records this (--by NAME)"]
    with pytest.raises(UsageError, match="either one SLO or one service"), \
            transaction(engine) as s:
        adjustment_repo.add_adjustment(s, workspace.id, "correction",
                                       {"first": "2026-11-03", "reason": "x"}, by="Ana",
                                       slo="checkout", service="orders")
    with pytest.raises(NotFoundError), transaction(engine) as s:
        adjustment_repo.add_adjustment(s, workspace.id, "correction",
                                       {"first": "2026-11-03", "reason": "x"}, by="Ana",
                                       service="billing")
    with reading(engine) as s:
        assert adjustment_repo.list_adjustments(s, workspace.id, include_removed=True) == []


def test_listing_for_an_slo_includes_its_service_windows(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        adjustment_repo.add_adjustment(s, workspace.id, "maintenance",
                                       {"start": "2026-11-08 01:00", "minutes": 60},
                                       by="Ana", service="orders")
        adjustment_repo.add_adjustment(s, workspace.id, "correction",
                                       {"first": "2026-11-03", "reason": "load test"},
                                       by="Ana", slo="cart")
    with reading(engine) as s:
        cart = slo_repo.get_slo(s, workspace.id, "cart")
        checkout = slo_repo.get_slo(s, workspace.id, "checkout")
        assert [a.scope for a in adjustment_repo.list_adjustments(s, workspace.id, slo=cart)
                ] == ["SLO cart", "service orders"]  # in start order
        assert [a.kind for a in adjustment_repo.list_adjustments(
            s, workspace.id, slo=checkout)] == ["maintenance"]
        assert len(adjustment_repo.list_adjustments(s, workspace.id, service="orders")) == 1


def test_budgets_of_every_slo_are_read_in_a_fixed_number_of_queries(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        adjustment_repo.add_adjustment(s, workspace.id, "maintenance",
                                       {"start": "2026-11-08 01:00", "minutes": 60},
                                       by="Ana", service="orders")
    statements = []
    with reading(engine) as s:
        slos = slo_repo.list_slos(s, workspace.id)
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            counts = adjustment_repo.budget_counts(s, workspace.id, slos, PERIOD_START, AS_OF)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(counts) == 3
    count_queries = [q for q in statements if "slo_count" in q]
    assert len(count_queries) == 1, statements


def test_the_policy_evaluator_sees_adjusted_budgets(ws):
    engine, workspace = ws
    from workbench.store import policy_repo

    with reading(engine) as s:
        slos = slo_repo.list_slos(s, workspace.id)
        before = policy_repo._counts(s, workspace.id, slos, AS_OF)
    with transaction(engine) as s:
        adjustment_repo.add_adjustment(s, workspace.id, "correction",
                                       {"first": "2026-11-25", "reason": "provider"},
                                       by="Ana", slo="checkout")
    with reading(engine) as s:
        after = policy_repo._counts(s, workspace.id, slos, AS_OF)
    checkout = next(x.id for x in slos if x.name == "checkout")
    assert sum(c.total for c in before[checkout]) - sum(c.total for c in after[checkout]) \
        == 15_840


def test_period_history_of_the_demo(engine):
    with transaction(engine) as s:
        workspace, _ = create_demo(s, AS_OF)
    with reading(engine) as s:
        slo, rows = slo_repo.period_history(s, workspace.id, "checkout-latency", AS_OF, 13)
        raw = slo_repo.list_counts(s, slo.id, rows[1].start, rows[1].end)
        _, upi = slo_repo.period_history(s, workspace.id, "upi-payment-availability", AS_OF,
                                         13)
    assert rows[0].label == "2025 P13" and rows[-1].label == "2026 P12"
    assert rows[-1].verdict == "running" and rows[-1].end == date(2026, 11, 29)
    p02 = next(r for r in rows if r.label == "2026 P02")
    assert p02.verdict == "missed"
    assert p02.consumed_percent.quantize(Decimal("0.1")) == Decimal("105.7")
    # A period without adjustments: the history's sums are the raw counts' sums.
    assert rows[1].total == sum(c.total for c in raw) and rows[1].bad == sum(c.bad for c in raw)
    assert rows[1].worst_day_bad == max(c.bad for c in raw)
    assert {r.verdict for r in upi[:-1]} == {"missed"}

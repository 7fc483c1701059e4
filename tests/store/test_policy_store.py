"""Error budget policies in the store and through the service: saved whole with the shared
lifecycle (required parties from the policy, agreeing refused while parts are missing, the
agreed revision in force while a new draft is edited), checked against the workspace before
anything is written, evaluated against stored counts, the gate for a service, and the demo."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from workbench.domain.lifecycle import Party, make_signoff
from workbench.domain.policy import GateCode, Outcome, make_policy, starter_policy
from workbench.domain.slo.records import DailyCount
from workbench.errors import ConflictError, NotFoundError, UsageError, VersionConflict
from workbench.service import Workbench
from workbench.store import policy_repo, repo, slo_repo
from workbench.store.db import reading, transaction

DAY = date(2026, 11, 25)  # ISO period 12 of 2026 runs 2026-11-02 .. 2026-11-29 (day 24)

SIGNERS = [make_signoff("Asha", "operations", DAY), make_signoff("Dev", "development", DAY),
           make_signoff("Pia", "product owner", DAY)]


@pytest.fixture
def wb(engine):
    """A workspace with team Shop, service web (SLO web-availability, 99.9%) and 24 days of
    counts: 100,000 valid events a day, 10 bad ones (the last day 40)."""
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Acme")
        repo.add_team(s, ws.id, "Shop")
        repo.add_service(s, ws.id, "web", "Shop")
        repo.add_service(s, ws.id, "api")
        slo, _ = slo_repo.create_slo(s, ws.id, "web-availability", target="99.9",
                                     service="web")
        start = date(2026, 11, 2)
        slo_repo.upsert_counts(s, slo.id, [
            DailyCount(start + timedelta(days=n), 100_000 - bad, bad)
            for n in range(24) for bad in [40 if n == 23 else 10]])
    return Workbench(engine, today=DAY), ws.id


def policy(**changes):
    base = starter_policy("shop", team="Shop", services=["web"], today=DAY)
    values = {"purpose": "Keep the shop up.", "tiebreaker": "head of engineering"}
    values.update(changes)
    return base.with_changes(**values)


def test_a_policy_is_saved_with_its_parties_and_agreed_by_them(wb):
    wb, ws = wb
    view = wb.policies.create(ws, policy(contacts=()))
    assert view.state.status == "draft" and view.revisions == 1 and view.missing == ()
    assert view.state.required == (Party("operations"), Party("development"),
                                   Party("product owner"))
    result = wb.documents.sign(ws, "policy", "shop", SIGNERS[:2],
                               expected_version=view.version)
    assert not result.agreed_now
    result = wb.documents.sign(ws, "policy", "Shop", SIGNERS[2:])
    assert result.agreed_now
    view = wb.policies.view(ws, "shop")
    assert view.state.status == "agreed" and view.in_force_number == 2
    assert view.in_force is not None and view.in_force.conditions == view.policy.conditions


def test_agreeing_is_refused_while_required_parts_are_missing(wb):
    wb, ws = wb
    view = wb.policies.new(ws, "draft-one", team="Shop", services=["web"])
    assert [m.part for m in view.missing] == ["purpose", "escalation.tiebreaker"]
    with pytest.raises(UsageError, match="cannot be agreed yet: purpose: say what the policy"):
        wb.documents.sign(ws, "policy", "draft-one", SIGNERS)
    assert wb.policies.view(ws, "draft-one").state.signoffs == ()


def test_the_agreed_revision_stays_in_force_while_a_new_draft_is_edited(wb):
    wb, ws = wb
    view = wb.policies.create(ws, policy())
    wb.documents.sign(ws, "policy", "shop", SIGNERS)
    agreed = wb.policies.view(ws, "shop")
    # The draft drops the freeze; the agreed text (with the freeze) stays in force.
    conditions = [c for c in agreed.policy.conditions if c.key != "exhausted"]
    edited = wb.policies.save(ws, "shop", agreed.policy.with_changes(
        conditions=tuple(conditions)), expected_version=agreed.version)
    assert edited.state.status == "draft" and edited.in_force_number == 2
    assert edited.in_force.condition("exhausted") is not None
    assert edited.policy.condition("exhausted") is None
    assert wb.policies.evaluate(ws, "shop").label == "agreed revision 2 in force"
    assert wb.policies.evaluate(ws, "shop", draft=True).label == "current draft (not in force)"
    assert view.revisions == 1 and edited.revisions == 3


def test_a_stale_version_is_refused_and_nothing_is_written(wb):
    wb, ws = wb
    first = wb.policies.create(ws, policy())
    wb.policies.change(ws, "shop", {"purpose": "Changed by Asha."},
                       expected_version=first.version)
    with pytest.raises(VersionConflict, match="changed by someone else"):
        wb.policies.change(ws, "shop", {"purpose": "Changed by Ben."},
                           expected_version=first.version)
    assert wb.policies.view(ws, "shop").policy.purpose == "Changed by Asha."


def test_problems_are_refused_before_anything_is_written(wb):
    wb, ws = wb
    with pytest.raises(UsageError) as caught:
        wb.policies.create(ws, policy(slos=("nope",), team="Nobody"))
    assert "scope.slos[0]: no SLO is named 'nope' (SLOs: web-availability)" in str(caught.value)
    assert "team: no team is named 'Nobody' (teams: Shop)" in str(caught.value)
    assert wb.policies.overview(ws).policies == ()
    wb.policies.create(ws, policy())
    with pytest.raises(UsageError, match=r"conditions\[0\].percent: 0 is out of range"):
        wb.policies.change(ws, "shop", {"conditions": [
            {"key": "x", "trigger": "consumed", "percent": "0",
             "consequences": [{"action": "conduct", "activity": "postmortem"}]}]})
    with pytest.raises(ConflictError, match="exists already"):
        wb.policies.create(ws, policy())
    assert wb.policies.view(ws, "shop").revisions == 1


def test_rename_remove_and_unknown_names(wb):
    wb, ws = wb
    view = wb.policies.create(ws, policy())
    view = wb.policies.change(ws, "shop", {"name": "web-shop"}, expected_version=view.version)
    assert wb.policies.view(ws, "WEB-SHOP").policy.name == "web-shop"
    assert wb.documents.history(ws, "policy", "web-shop")[1][-1].revision.summary == \
        "edited name"
    with pytest.raises(NotFoundError, match=r"no error budget policy named 'shop' \(policies: "
                                            r"web-shop\)"):
        wb.policies.view(ws, "shop")
    wb.policies.remove(ws, "web-shop", expected_version=view.version)
    assert wb.policies.overview(ws).policies == ()


def test_import_dry_run_writes_nothing_and_an_unchanged_import_saves_nothing(wb):
    wb, ws = wb
    trial = wb.policies.replace(ws, policy(), dry_run=True)
    assert trial.created and trial.dry_run and not trial.written
    assert wb.policies.overview(ws).policies == ()
    done = wb.policies.replace(ws, policy())
    assert done.created and done.written
    again = wb.policies.replace(ws, policy())
    assert not again.changed and again.view.revisions == 1
    changed = wb.policies.replace(ws, policy(purpose="New purpose."))
    assert changed.changed and changed.view.revisions == 2


def test_evaluation_against_stored_counts(wb):
    wb, ws = wb
    # 24 days x 100,000 = 2,400,000 valid events so far, 23 x 10 + 40 = 270 bad; over the
    # 28-day period that extrapolates to 2,800,000 events and a budget of 2,800 events:
    # consumed = 270 / 2800 = 9.642857...%. The last 24 h: 40 bad = 1.428571...% of it.
    view = wb.policies.create(ws, policy())
    results = {r.condition: r for r in view.evaluation.results}
    assert results["budget-70"].outcome is Outcome.CLEAR
    assert results["budget-70"].figure.quantize(Decimal("0.0001")) == Decimal("9.6429")
    assert results["fast-burn"].figure.quantize(Decimal("0.0001")) == Decimal("1.4286")
    # 7 d: 6 x 10 + 40 = 100 bad = 3.571428...%
    assert results["slow-burn"].figure.quantize(Decimal("0.0001")) == Decimal("3.5714")
    assert not view.freeze


def test_a_freeze_in_force_marks_the_slos_and_holds_the_gate(wb):
    wb, ws = wb
    strict = policy(conditions=(make_policy({
        "name": "x", "conditions": [{"key": "early", "trigger": "consumed", "percent": "9",
                                     "consequences": [{"action": "stop",
                                                       "activity": "feature releases",
                                                       "allowed": ["security fixes"]}]}],
    }).conditions[0],))
    wb.policies.create(ws, strict)
    # A draft is not in force: nothing is frozen yet.
    assert wb.policies.freezes(ws) == {}
    assert wb.policies.gate(ws, "web").code is GateCode.PASS
    wb.documents.sign(ws, "policy", "shop", SIGNERS)
    assert wb.policies.freezes(ws) == {"web-availability": ("shop",)}
    decision = wb.policies.gate(ws, "web")
    assert decision.code is GateCode.FREEZE
    assert "freeze in force for service web: stop feature releases" in decision.reason
    assert "still allowed: security fixes" in decision.reason
    # Another service without SLOs has no data; an unknown one is named.
    assert wb.policies.gate(ws, "api").code is GateCode.NO_DATA
    with pytest.raises(NotFoundError, match="no service named 'nope'"):
        wb.policies.gate(ws, "nope")


def test_the_gate_uses_the_threshold_and_the_age_of_the_counts(wb):
    wb, ws = wb
    # Remaining 90.357...%: a threshold of 90.35 passes, 90.36 does not.
    assert wb.policies.gate(ws, "web", threshold=Decimal("90.35")).code is GateCode.PASS
    low = wb.policies.gate(ws, "web", threshold=Decimal("90.36"))
    assert low.code is GateCode.LOW_BUDGET and "web-availability 90.36%" in low.reason
    # The counts end on 2026-11-25: one day later they are 24 h old (passes), two days 48 h.
    assert wb.policies.gate(ws, "web", DAY + timedelta(days=1)).code is GateCode.PASS
    stale = wb.policies.gate(ws, "web", DAY + timedelta(days=2))
    assert stale.code is GateCode.NO_DATA and "older than the maximum age" in stale.reason


def test_the_demo_policies(demo):
    engine, workspace = demo
    wb = Workbench(engine, today=DAY)
    overview = wb.policies.overview(workspace.id)
    views = {v.ref: v for v in overview.policies}
    assert set(views) == {"checkout", "storefront"}
    checkout = views["checkout"]
    assert checkout.state.status == "agreed" and checkout.missing == ()
    assert checkout.problems == ()
    assert checkout.state.required[-1] == Party("head of operations", "Vikram Singh")
    upi = next(r for r in checkout.evaluation.results
               if r.condition == "exhausted" and r.slo == "upi-payment-availability")
    assert upi.outcome is Outcome.FIRES
    assert checkout.evaluation.allowed == ("security fixes", "reliability fixes")
    assert overview.freezes["upi-payment-availability"] == ("checkout",)
    assert wb.policies.gate(workspace.id, "payments").code is GateCode.FREEZE
    storefront = views["storefront"]
    assert storefront.state.status == "draft"
    assert [m.part for m in storefront.missing] == ["escalation.tiebreaker", "review"]
    with reading(engine) as s:
        history = policy_repo.list_policies(s, workspace.id)
    assert [p.revisions for p in history] == [2, 1]

"""The stakeholder chart in the store and through the service: one document per workspace,
saved whole as one revision per change, with the shared lifecycle, version checks, the demo's
two revisions and dry runs that write nothing."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.domain.stakeholders import Chart, Quadrant, Stage, make_stakeholder
from workbench.errors import NotFoundError, UsageError, VersionConflict
from workbench.service import Workbench
from workbench.store import repo, stakeholder_repo
from workbench.store.db import reading, transaction

DAY = date(2026, 11, 25)


@pytest.fixture
def wb(engine):
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Acme")
    return Workbench(engine, today=DAY), ws.id


def test_the_first_change_creates_the_chart_and_every_change_is_one_revision(wb):
    wb, ws = wb
    assert wb.stakeholders.view(ws).state is None
    assert wb.stakeholders.view(ws).version == 0
    view = wb.stakeholders.add(ws, {"name": "Asha Rao", "power": "high", "interest": "low",
                                    "role": "Head of operations", "group": "operations"})
    assert view.revisions == 1 and view.state.status == "draft"
    assert view.chart.find("asha rao").quadrant is Quadrant.KEEP_SATISFIED
    view = wb.stakeholders.flip(ws, "Asha Rao", "interest", expected_version=view.version)
    assert view.chart.find("Asha Rao").quadrant is Quadrant.ENGAGE_FULLY
    view = wb.stakeholders.edit(ws, "Asha Rao", {"stage": "interest", "name": "Asha R."},
                                expected_version=view.version)
    view = wb.stakeholders.contacted(ws, "Asha R.", expected_version=view.version)
    assert view.chart.people[0].last_contact == DAY
    view = wb.stakeholders.set_plan(ws, "engage-fully", every_days=10,
                                    expected_version=view.version)
    assert view.plan.for_quadrant(Quadrant.ENGAGE_FULLY).every_days == 10
    assert view.version == 5  # one version per save, the plan's included
    unchanged = wb.stakeholders.edit(ws, "Asha R.", {"role": view.people[0].role},
                                     expected_version=view.version)
    assert unchanged.version == 5  # nothing changed: nothing saved
    assert view.revisions == 5
    history = wb.documents.history(ws, "stakeholder_chart", "chart")[1]
    assert [e.revision.summary for e in history] == [
        "added Asha Rao", "flipped interest of Asha Rao", "edited Asha Rao",
        f"contacted Asha R. on {DAY.isoformat()}", "changed the plan for engage fully"]
    changes = {c.path: (c.before, c.after)
               for c in wb.documents.diff(ws, "stakeholder_chart", "chart", 1, 2)}
    assert changes == {"stakeholders.Asha Rao.interest": ("low", "high")}


def test_a_stale_version_is_refused_and_nothing_is_written(wb):
    wb, ws = wb
    first = wb.stakeholders.add(ws, {"name": "A", "power": "low", "interest": "low"})
    wb.stakeholders.add(ws, {"name": "B", "power": "low", "interest": "low"},
                        expected_version=first.version)
    with pytest.raises(VersionConflict, match="stakeholder chart was changed"):
        wb.stakeholders.remove(ws, "A", expected_version=first.version)
    assert [p.name for p in wb.stakeholders.view(ws).people] == ["A", "B"]


def test_bad_values_and_unknown_names_are_refused_with_the_field(wb):
    wb, ws = wb
    with pytest.raises(UsageError, match=r"power: 'medium' is not allowed \(use one of: "
                       r"high, low\)"):
        wb.stakeholders.add(ws, {"name": "A", "power": "medium", "interest": "low"})
    wb.stakeholders.add(ws, {"name": "A", "power": "low", "interest": "low"})
    with pytest.raises(UsageError, match="already on the chart"):
        wb.stakeholders.add(ws, {"name": " a ", "power": "low", "interest": "low"})
    with pytest.raises(NotFoundError, match=r"nobody named 'Zed'.*on it: A"):
        wb.stakeholders.edit(ws, "Zed", {"role": "x"})
    with pytest.raises(UsageError, match="next_action_due"):
        wb.stakeholders.edit(ws, "A", {"next_action_due": "2026-02-30"})
    assert wb.stakeholders.view(ws).revisions == 1


def test_agreeing_then_editing_keeps_the_agreed_revision_in_force_and_sets_the_baseline(wb):
    from workbench.domain.lifecycle import SignOff

    wb, ws = wb
    view = wb.stakeholders.add(ws, {"name": "A", "power": "high", "interest": "high",
                                    "stage": "awareness"})
    result = wb.documents.sign(ws, "stakeholder_chart", "chart",
                               [SignOff("Meera", "coach", DAY)], expected_version=view.version)
    assert result.agreed_now
    view = wb.stakeholders.view(ws)
    assert view.state.status == "agreed" and view.baseline is None
    view = wb.stakeholders.edit(ws, "A", {"role": "CTO"}, expected_version=view.version)
    assert view.state.status == "draft" and view.state.in_force == 2
    assert view.baseline_number == 2
    assert [p.name for p in view.funnel.stuck] == ["A"]
    view = wb.stakeholders.edit(ws, "A", {"stage": "interest"}, expected_version=view.version)
    assert view.funnel.stuck == ()
    comparison = wb.stakeholders.compare(ws)
    assert (comparison.before, comparison.after) == (2, 4)
    assert comparison.changes.lines() == ["advanced: A: awareness -> interest"]


def test_comparing_needs_two_revisions_and_existing_numbers(wb):
    wb, ws = wb
    with pytest.raises(NotFoundError, match="no stakeholder chart yet"):
        wb.stakeholders.compare(ws)
    view = wb.stakeholders.add(ws, {"name": "A", "power": "low", "interest": "low"})
    with pytest.raises(NotFoundError, match="only one revision"):
        wb.stakeholders.compare(ws)
    wb.stakeholders.add(ws, {"name": "B", "power": "low", "interest": "high"},
                        expected_version=view.version)
    assert wb.stakeholders.compare(ws).changes.joined == ("B",)
    with pytest.raises(NotFoundError, match=r"no revision 7 \(revisions: 1 to 2\)"):
        wb.stakeholders.compare(ws, 1, 7)
    assert wb.stakeholders.revision(ws, 1).people[0].name == "A"


def test_replace_dry_run_writes_nothing_and_the_real_run_writes_one_revision(wb):
    wb, ws = wb
    wb.stakeholders.add(ws, {"name": "A", "power": "low", "interest": "low"})
    chart = Chart((make_stakeholder({"name": "B", "power": "high", "interest": "high",
                                     "stage": "agreement"}),))
    dry = wb.stakeholders.replace(ws, chart, summary="imported from chart.yaml", dry_run=True)
    assert dry.dry_run and not dry.written
    assert dry.comparison.joined == ("B",) and dry.comparison.left == ("A",)
    assert [p.name for p in dry.view.people] == ["B"]  # what it would be
    assert [p.name for p in wb.stakeholders.view(ws).people] == ["A"]
    assert wb.stakeholders.view(ws).revisions == 1
    done = wb.stakeholders.replace(ws, chart, summary="imported from chart.yaml")
    assert done.written and done.view.revisions == 2
    again = wb.stakeholders.replace(ws, done.view.chart, summary="imported again")
    assert not again.written and again.view.revisions == 2


def test_the_lifecycle_finds_the_chart_by_what_users_type(wb):
    wb, ws = wb
    with pytest.raises(NotFoundError, match="no stakeholder chart yet"):
        wb.documents.view(ws, "stakeholder_chart", "chart")
    wb.stakeholders.add(ws, {"name": "A", "power": "low", "interest": "low"})
    for ref in ("chart", "Stakeholders", " stakeholder  chart "):
        assert wb.documents.view(ws, "stakeholder_chart", ref).label == "the stakeholder chart"
    with pytest.raises(UsageError, match="does not name the stakeholder chart"):
        wb.documents.view(ws, "stakeholder_chart", "checkout")


def test_people_round_trip_through_the_store_with_every_field(wb):
    wb, ws = wb
    values = {"name": "Asha Rao", "power": "high", "interest": "high", "role": "CTO",
              "group": "development", "stance": "detractor", "influence": "low",
              "stage": "understanding", "owner": "Meera", "last_contact": "2026-11-01",
              "next_action": "Coffee | chat", "next_action_due": "2026-12-01",
              "notes": "line one\nline two", "uid": "asha-1"}
    wb.stakeholders.add(ws, values)
    stored = wb.stakeholders.view(ws).people[0]
    assert stored == make_stakeholder(values)
    assert stored.stage is Stage.UNDERSTANDING


def test_the_demo_chart_has_two_agreed_revisions_six_months_apart(demo):
    engine, workspace = demo
    wb = Workbench(engine, today=DAY)
    view = wb.stakeholders.view(workspace.id)
    assert len(view.people) == 12
    counts = {q: len(view.in_quadrant(q)) for q in Quadrant}
    assert counts == {Quadrant.KEEP_SATISFIED: 4, Quadrant.ENGAGE_FULLY: 3,
                      Quadrant.MONITOR: 2, Quadrant.KEEP_INFORMED: 3}
    assert [w.code for w in view.warnings] == ["no-owner"]  # all three heads are on it
    assert view.state.status == "agreed" and not view.stale
    history = wb.documents.history(workspace.id, "stakeholder_chart", "chart")[1]
    agreed = [e.revision.created_at.date() for e in history if e.revision.status == "agreed"]
    assert agreed == [date(2026, 5, 18), date(2026, 11, 18)]
    assert [e.shown_status.value for e in history] == ["draft", "superseded", "draft",
                                                       "agreed"]
    changes = wb.stakeholders.compare(workspace.id).changes
    assert changes.joined == ("Karthik Reddy",) and changes.left == ("Pooja Shah",)
    assert [(m.name, m.direction) for m in changes.moved] == [
        ("Anjali Gupta", "interest up"), ("Ritu Bansal", "interest up")]
    assert [m.name for m in changes.fell_back] == ["Ayesha Khan"]
    assert [p.name for p in view.funnel.stuck] == [
        "Neha Kapoor", "Deepa Menon", "Farhan Qureshi", "Manoj Kumar"]
    assert [o.person.name for o in view.overdue][:2] == ["Lakshmi Pillai", "Deepa Menon"]
    # Six months after the redraw the chart is due to be redrawn.
    assert Workbench(engine, today=date(2027, 5, 19)).stakeholders.view(workspace.id).stale
    assert not Workbench(engine, today=date(2027, 5, 18)).stakeholders.view(
        workspace.id).stale


def test_removing_the_workspace_removes_its_chart(wb, engine):
    from sqlmodel import select

    from workbench.store.stakeholder_tables import StakeholderChartRow, StakeholderRow

    wb, ws = wb
    wb.stakeholders.add(ws, {"name": "A", "power": "low", "interest": "low"})
    with transaction(engine) as s:
        repo.delete_workspace(s, ws)
    with reading(engine) as s:
        assert s.exec(select(StakeholderChartRow)).all() == []
        assert s.exec(select(StakeholderRow)).all() == []
        assert stakeholder_repo.load(s, ws).revisions == 0

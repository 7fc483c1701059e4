"""The demo's assessments: two runs six months apart for Checkout and Platform, respondents
who disagree, hypotheses; seeding twice adds nothing."""

from __future__ import annotations

from datetime import date

from workbench.domain.maturity import add_months
from workbench.store import assessment_repo as ar
from workbench.store.db import transaction
from workbench.store.demo import create_demo


def test_demo_has_comparable_runs_and_hypotheses(demo):
    engine, workspace = demo
    with transaction(engine) as session:
        for team in ("Checkout", "Platform"):
            runs = ar.list_runs(session, workspace.id, team)
            assert len(runs) == 2
            assert add_months(runs[0].run_date, 6) == runs[1].run_date
            comparison = ar.compare_runs(session, runs[0].id, runs[1].id)
            assert comparison.overall_delta > 0
            assert any(c.delta and c.delta < 0 for c in comparison.criteria)
        latest = ar.list_runs(session, workspace.id, "Checkout")[-1]
        assert [r.label for r in ar.list_respondents(session, latest.id)] == [
            "Asha Rao", "Vikram Nair", "anonymous 1"]
        flagged = ar.aggregation(session, latest.id).flagged
        assert [c.criterion_id for c in flagged] == ["culture-risks"]
        assert latest.cursor == "culture-risks" and latest.editable
        hypotheses = ar.list_hypotheses(session, workspace.id)
        assert len(hypotheses) == 3
        assert ar.hypothesis_delta(session, hypotheses[0].id) is not None


def test_seeding_twice_adds_nothing(demo):
    engine, workspace = demo
    with transaction(engine) as session:
        before = (len(ar.list_runs(session, workspace.id)),
                  len(ar.list_hypotheses(session, workspace.id)))
        create_demo(session, date(2026, 11, 25))
    with transaction(engine) as session:
        assert (len(ar.list_runs(session, workspace.id)),
                len(ar.list_hypotheses(session, workspace.id))) == before == (4, 3)


def test_demo_hypothesis_deltas_by_id(demo):
    engine, workspace = demo
    with transaction(engine) as session:
        deltas = ar.hypothesis_deltas(session, workspace.id)
        groups = {ar.get_hypothesis(session, i).hypothesis.stakeholder_group
                  for i in deltas}
        assert groups == {"Developers", "Executives"}
        assert set(ar.hypothesis_deltas(session, workspace.id, "Platform")) <= set(deltas)

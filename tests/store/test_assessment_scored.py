"""Listing runs with their scores (``scored_runs``: the rule the CLI's ``assess list`` and the
TUI's runs table share), and editing hypotheses with versions."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
import yaml

from workbench.domain.lifecycle import SignOff
from workbench.domain.maturity import AssessmentError, score_text
from workbench.errors import NotFoundError, VersionConflict
from workbench.paths import assessments_dir, user_models_dir
from workbench.store import assessment_repo as ar
from workbench.store import repo
from workbench.store.db import reading, transaction

MODEL = "sre-maturity"


def test_demo_runs_with_scores_progress_and_state(demo):
    engine, workspace = demo
    with reading(engine) as session:
        rows = ar.scored_runs(session, workspace.id)
    by_key = {(r.run.scope, r.run.title): r for r in rows}
    latest = by_key[("Checkout", "Six-month reassessment")]
    assert (latest.answered, latest.not_assessed, latest.total) == (22, 0, 28)
    assert latest.unanswered == 6 and not latest.complete
    assert latest.status_label == "draft"
    assert [p.role for p in latest.state.missing] == ["coach", "team"]
    # exactly 9/8: shown as 1.13 (half-up), never 1.12
    assert latest.score.overall == Fraction(9, 8)
    assert score_text(latest.score.overall) == "1.13"
    baseline = by_key[("Checkout", "Baseline")]
    assert (baseline.answered, baseline.total, baseline.status_label) == (27, 28, "agreed")
    assert baseline.state.describe() == "agreed"
    with reading(engine) as session:
        assert [r.run.id for r in ar.scored_runs(session, workspace.id, "Platform")] == [
            r.run.id for r in rows if r.run.team == "Platform"]


def test_a_draft_with_an_agreed_revision_in_force_is_draft_star(demo):
    engine, workspace = demo
    with reading(engine) as session:
        baseline = next(r for r in ar.scored_runs(session, workspace.id)
                        if r.run.team == "Checkout" and r.run.title == "Baseline")
    with transaction(engine) as session:
        ar.reopen_run(session, baseline.run.id, "a respondent was left out")
    with reading(engine) as session:
        again = next(r for r in ar.scored_runs(session, workspace.id)
                     if r.run.id == baseline.run.id)
    assert again.status_label == "draft*"
    assert again.state.in_force is not None
    assert "in force" in again.state.describe()


def test_not_assessed_answers_are_counted_apart(ws):
    engine, workspace = ws
    with transaction(engine) as session:
        run = ar.create_run(session, workspace.id, "Checkout", MODEL, None, date(2026, 1, 15))
        ar.set_answer(session, run.id, "org-structure", 2)
        ar.set_answer(session, run.id, "org-alignment", None)  # not assessed
    with reading(engine) as session:
        (row,) = ar.scored_runs(session, workspace.id)
    assert (row.answered, row.not_assessed, row.unanswered) == (2, 1, 26)
    assert (row.score.assessed, row.score.not_assessed, row.score.unanswered) == (1, 1, 26)


def test_a_run_whose_model_is_gone_is_still_listed(ws):
    engine, workspace = ws
    data = yaml.safe_load((assessments_dir() / "sre-maturity.yaml").read_text(encoding="utf-8"))
    data["version"] = 7
    user_models_dir().mkdir(parents=True, exist_ok=True)
    own = user_models_dir() / "mine.yaml"
    own.write_text(yaml.safe_dump(data), encoding="utf-8")
    with transaction(engine) as session:
        kept = ar.create_run(session, workspace.id, "Checkout", MODEL, 1, date(2026, 1, 1))
        gone = ar.create_run(session, workspace.id, "Checkout", MODEL, 7, date(2026, 2, 1))
        ar.set_answer(session, gone.id, "org-structure", 1)
    own.unlink()
    with reading(engine) as session:
        rows = ar.scored_runs(session, workspace.id)
    assert [r.run.id for r in rows] == [kept.id, gone.id]
    assert rows[0].score is not None and rows[0].model_error is None
    missing = rows[1]
    assert missing.score is None and missing.model is None and missing.total is None
    assert missing.answered == 1 and missing.unanswered is None
    assert missing.model_error == "no assessment model sre-maturity v7"


def add_hypothesis(engine, workspace, **extra):
    with transaction(engine) as session:
        return ar.add_hypothesis(session, workspace.id, {
            "stakeholder_group": "Developers", "capability": "shared on-call",
            "outcome": "faster recovery", "signal": "MTTR halves",
            "criterion_ids": ["process-on-call"], **extra}, team="Checkout")


def test_changing_only_the_criteria_makes_a_new_version(ws):
    engine, workspace = ws
    h = add_hypothesis(engine, workspace)
    with transaction(engine) as session:
        changed = ar.update_hypothesis(session, h.id, expected_version=h.version,
                                       criterion_ids=["process-on-call", "tech-logging"])
    assert changed.version == h.version + 1
    with transaction(engine) as session, pytest.raises(VersionConflict,
                                                       match="changed by someone else"):
        ar.update_hypothesis(session, h.id, expected_version=h.version, outcome="calmer")
    with reading(engine) as session:
        stored = ar.get_hypothesis(session, h.id)
    assert stored.hypothesis.outcome == "faster recovery"
    assert stored.hypothesis.criterion_ids == ["process-on-call", "tech-logging"]


def test_hypotheses_of_another_workspace_are_not_found(ws):
    engine, workspace = ws
    h = add_hypothesis(engine, workspace)
    with transaction(engine) as session:
        other = repo.create_workspace(session, "Other")
    for change in (lambda s: ar.update_hypothesis(s, h.id, workspace_id=other.id,
                                                  outcome="x"),
                   lambda s: ar.remove_hypothesis(s, h.id, workspace_id=other.id)):
        with transaction(engine) as session, pytest.raises(NotFoundError,
                                                           match="in this workspace"):
            change(session)


@pytest.mark.parametrize(("changes", "message"), [
    ({"stakeholder_group": "  "}, "hypothesis: the stakeholder group is empty; write it out"),
    ({"criterion_ids": ["Not An Id"]}, "'Not An Id' is not a criterion id"),
    ({"criterion_ids": ["tech-nope"]}, "unknown criterion 'tech-nope' for model sre-maturity"),
    ({"status": "maybe"}, "'maybe' is not a status; use one of: open, confirmed, refuted"),
    ({"status": "refuted"}, "a refuted hypothesis needs evidence"),
])
def test_hypothesis_problems_are_worded_for_people(ws, changes, message):
    engine, workspace = ws
    h = add_hypothesis(engine, workspace)
    with transaction(engine) as session, pytest.raises(AssessmentError) as caught:
        ar.update_hypothesis(session, h.id, **changes)
    assert message in str(caught.value)


def test_agreed_runs_sign_off_through_the_lifecycle(ws):
    engine, workspace = ws
    with transaction(engine) as session:
        run = ar.create_run(session, workspace.id, "Checkout", MODEL, None, date(2026, 1, 15))
        ar.agree_run(session, run.id, [SignOff("Meera", "coach", date(2026, 1, 16))])
    with reading(engine) as session:
        (row,) = ar.scored_runs(session, workspace.id)
        assert row.state.describe() == "draft · waiting for team"
        assert ar.run_state(session, run.id) == row.state

"""Assessment runs, respondents, answers and hypotheses round-trip through the database."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from sqlmodel import select

from workbench.domain.lifecycle import SignOff
from workbench.domain.maturity import AssessmentError, Direction, parse_filled_blank, render_blank
from workbench.domain.organisation import ArtifactStatus
from workbench.errors import ConflictError, NotFoundError
from workbench.store import assessment_repo as ar
from workbench.store import repo
from workbench.store.assessment_tables import AssessmentAnswerRow, AssessmentRespondentRow
from workbench.store.db import transaction
from workbench.store.model_files import get_model, load_models
from workbench.store.tables import RevisionRow

MODEL = "sre-maturity"


@pytest.fixture
def ws(engine):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Acme")
        repo.add_team(session, workspace.id, "Checkout")
        repo.add_team(session, workspace.id, "Platform")
    return engine, workspace


def new_run(engine, workspace, team="Checkout", day=date(2026, 1, 15)):
    with transaction(engine) as session:
        return ar.create_run(session, workspace.id, team, MODEL, None, day)


def filled_text(team, respondent, levels, on=date(2026, 1, 20)):
    text = render_blank(get_model(MODEL).model, team, on, respondent)
    for cid, level in levels.items():
        marker = f'  - id: "{cid}"\n'
        head, tail = text.split(marker)
        tail = tail.replace("    level: null", f"    level: {level}", 1)
        text = head + marker + tail
    return text


def test_create_and_list_runs_record_model_version(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    org = new_run(engine, workspace, team=None, day=date(2026, 2, 1))
    with transaction(engine) as session:
        assert (run.model_id, run.model_version, run.team, run.status) == (
            MODEL, 1, "Checkout", ArtifactStatus.DRAFT)
        assert org.team is None and org.scope == "whole organisation"
        assert [r.id for r in ar.list_runs(session, workspace.id)] == [run.id, org.id]
        assert [r.id for r in ar.list_runs(session, workspace.id, "checkout")] == [run.id]
        assert [r.id for r in ar.list_runs(session, workspace.id, organisation=True)] == [org.id]
        revisions = session.exec(select(RevisionRow).where(
            RevisionRow.artifact_kind == "assessment_run")).all()
        assert len(revisions) == 2


def test_unknown_team_or_model_is_refused(ws):
    engine, workspace = ws
    with transaction(engine) as session, pytest.raises(NotFoundError, match="no team named"):
        ar.create_run(session, workspace.id, "Nobody", MODEL, None, date(2026, 1, 1))
    with transaction(engine) as session, pytest.raises(NotFoundError, match="no assessment"):
        ar.create_run(session, workspace.id, "Checkout", "nope", None, date(2026, 1, 1))


def test_answers_are_saved_one_by_one_and_resume_at_cursor(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    with transaction(engine) as session:
        ar.set_answer(session, run.id, "org-structure", 1, "teams talk", "retro notes",
                      asked=["Asha", "Ravi"])
    with transaction(engine) as session:
        ar.set_answer(session, run.id, "tech-logging", 2)
    with transaction(engine) as session:
        # changing only the level keeps the note
        ar.set_answer(session, run.id, "org-structure", 2)
    with transaction(engine) as session:
        again = ar.get_run(session, run.id)
        assert again.cursor == "org-structure"
        answers = {a.criterion_id: a for a in ar.list_answers(session, run.id)}
        assert answers["org-structure"].level == 2
        assert answers["org-structure"].note == "teams talk"
        assert answers["org-structure"].asked == ("Asha", "Ravi")
        assert answers["tech-logging"].evidence == ""
        ar.set_cursor(session, run.id, "tech-testing")
    with transaction(engine) as session:
        assert ar.get_run(session, run.id).cursor == "tech-testing"
        result = ar.run_result(session, run.id)
        assert result.levels == {"org-structure": 2, "tech-logging": 2}
        assert result.model_id == MODEL and result.team == "Checkout"


@pytest.mark.parametrize(("criterion", "level", "message"), [
    ("nope", 1, "unknown criterion"),
    ("org-structure", 3, "out of range 0..2"),
    ("org-structure", -1, "out of range"),
])
def test_invalid_answers_are_refused(ws, criterion, level, message):
    engine, workspace = ws
    run = new_run(engine, workspace)
    with transaction(engine) as session, pytest.raises(AssessmentError, match=message):
        ar.set_answer(session, run.id, criterion, level)


def test_agreed_run_is_read_only_until_reopened(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    signers = [SignOff("Meera", "coach", date(2026, 11, 20)),
               SignOff("Rohan", "team", date(2026, 11, 20))]
    with transaction(engine) as session:
        ar.set_answer(session, run.id, "org-structure", 1)
        result = ar.agree_run(session, run.id, signers)
        assert result.agreed_now and result.state.status is ArtifactStatus.AGREED
    with transaction(engine) as session, pytest.raises(ConflictError, match="is agreed"):
        ar.set_answer(session, run.id, "org-structure", 2)
    with transaction(engine) as session:
        assert ar.reopen_run(session, run.id, "a level was misread").editable
        ar.set_answer(session, run.id, "org-structure", 2)


def test_respondents_aggregate_and_fill_gaps_with_the_median(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    with transaction(engine) as session:
        a = ar.add_respondent(session, run.id, "Asha")
        b = ar.add_respondent(session, run.id, None)
        c = ar.add_respondent(session, run.id, "")
        assert (b.label, c.label) == ("anonymous 1", "anonymous 2")
        for resp, level in ((a, 0), (b, 2), (c, 1)):
            ar.set_answer(session, run.id, "culture-risks", level, respondent_id=resp.id)
        ar.set_answer(session, run.id, "tech-testing", 1, respondent_id=a.id)
        ar.set_answer(session, run.id, "tech-testing", 0)  # the coach decides
        with pytest.raises(ConflictError, match="already answered"):
            ar.add_respondent(session, run.id, "asha")
    with transaction(engine) as session:
        agg = ar.aggregation(session, run.id)
        risks = next(c for c in agg.criteria if c.criterion_id == "culture-risks")
        assert (risks.median, risks.spread, risks.disagreement) == (1, 2, True)
        assert [c.criterion_id for c in agg.flagged] == ["culture-risks"]
        result = ar.run_result(session, run.id)
        assert result.levels == {"tech-testing": 0, "culture-risks": 1}
        assert result.respondents == ("Asha", "anonymous 1", "anonymous 2")
        by_id = {r.criterion_id: r for r in result.results}
        assert by_id["culture-risks"].asked == ("Asha", "anonymous 1", "anonymous 2")


def test_import_response_creates_then_joins_a_draft_run(ws):
    engine, workspace = ws
    models = [m.model for m in load_models()]
    first = parse_filled_blank(filled_text("Checkout", "Asha", {"org-structure": 2}), models)
    second = parse_filled_blank(filled_text("checkout", "", {"org-structure": 0}), models)
    with transaction(engine) as session:
        one = ar.import_response(session, workspace.id, first, source="asha.yaml")
        assert one.created_run and one.answered == 1 and one.unanswered == 27
        assert one.run.run_date == date(2026, 1, 20)
    with transaction(engine) as session:
        two = ar.import_response(session, workspace.id, second)
        assert not two.created_run and two.run.id == one.run.id
        assert two.respondent.label == "anonymous 1"
    with transaction(engine) as session, pytest.raises(ConflictError, match="already answered"):
        ar.import_response(session, workspace.id, first)
    with transaction(engine) as session:
        # nothing of the refused import was written
        assert len(ar.list_respondents(session, one.run.id)) == 2
        agg = ar.aggregation(session, one.run.id)
        assert agg.flagged[0].criterion_id == "org-structure"


def test_import_into_a_given_run_checks_team_and_model(ws):
    engine, workspace = ws
    models = [m.model for m in load_models()]
    platform = new_run(engine, workspace, team="Platform")
    filled = parse_filled_blank(filled_text("Checkout", "Asha", {"org-structure": 2}), models)
    with transaction(engine) as session, pytest.raises(ConflictError, match="is for Platform"):
        ar.import_response(session, workspace.id, filled, run_id=platform.id)
    with transaction(engine) as session:
        count = session.exec(select(AssessmentRespondentRow)).all()
        assert count == []


def test_compare_runs_and_previous(ws):
    engine, workspace = ws
    old = new_run(engine, workspace, day=date(2025, 7, 1))
    new = new_run(engine, workspace, day=date(2026, 1, 1))
    with transaction(engine) as session:
        ar.set_answer(session, old.id, "org-structure", 0)
        ar.set_answer(session, old.id, "tech-logging", 2)
        ar.set_answer(session, new.id, "org-structure", 2)
        ar.set_answer(session, new.id, "tech-logging", 1)
    with transaction(engine) as session:
        comparison = ar.compare_runs(session, old.id, new.id)
        assert [(c.criterion_id, c.delta) for c in comparison.criteria] == [
            ("org-structure", 2), ("tech-logging", -1)]
        org = next(d for d in comparison.dimensions if d.dimension_id == "organisation")
        assert org.delta == Fraction(2) and org.direction is Direction.UP
        assert ar.previous_run(session, new.id).id == old.id
        assert ar.previous_run(session, old.id) is None
        assert ar.run_score(session, new.id).overall == Fraction(3, 2)


def test_deleting_a_run_cascades(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    with transaction(engine) as session:
        r = ar.add_respondent(session, run.id, "Asha")
        ar.set_answer(session, run.id, "org-structure", 1, respondent_id=r.id)
        ar.set_answer(session, run.id, "org-structure", 1)
    with transaction(engine) as session:
        ar.delete_run(session, run.id)
    with transaction(engine) as session:
        assert session.exec(select(AssessmentAnswerRow)).all() == []
        assert session.exec(select(AssessmentRespondentRow)).all() == []


def test_run_outlives_its_removed_team(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    with transaction(engine) as session:
        repo.remove_team(session, workspace.id, "Checkout")
    with transaction(engine) as session:
        again = ar.get_run(session, run.id)
        assert (again.team_id, again.team) == (None, "Checkout")
        assert ar.list_runs(session, workspace.id, organisation=True) == []


def test_hypotheses_crud_and_delta_after_review(ws):
    engine, workspace = ws
    old = new_run(engine, workspace, day=date(2025, 7, 1))
    new = new_run(engine, workspace, day=date(2026, 1, 1))
    with transaction(engine) as session:
        ar.set_answer(session, old.id, "process-on-call", 0)
        ar.set_answer(session, new.id, "process-on-call", 2)
        ar.set_answer(session, new.id, "tech-logging", 1)
        h = ar.add_hypothesis(session, workspace.id, {
            "stakeholder_group": "Developers", "capability": "shared on-call",
            "outcome": "faster recovery", "signal": "MTTR halves",
            "criterion_ids": ["process-on-call", "people-developers"],
            "review_date": date(2025, 12, 1),
        }, team="Checkout")
        assert h.team == "Checkout" and h.hypothesis.status == "open"
        assert h.hypothesis.criterion_ids == ["people-developers", "process-on-call"]
    with transaction(engine) as session:
        delta = ar.hypothesis_delta(session, h.id)
        assert (delta.before.id, delta.after.id) == (old.id, new.id)
        assert [(c.criterion_id, c.delta) for c in delta.criteria] == [("process-on-call", 2)]
        assert delta.missing == ("people-developers",)
        with pytest.raises(AssessmentError, match="needs evidence"):
            ar.update_hypothesis(session, h.id, status="confirmed")
    with transaction(engine) as session:
        done = ar.update_hypothesis(session, h.id, status="confirmed", evidence="MTTR 40->18")
        assert done.hypothesis.status == "confirmed"
        assert [x.id for x in ar.list_hypotheses(session, workspace.id, "Checkout")] == [h.id]
        assert ar.list_hypotheses(session, workspace.id, "Platform") == []
        assert ar.list_hypotheses(session, workspace.id, status="open") == []
        with pytest.raises(AssessmentError, match="unknown criterion 'nope'"):
            ar.update_hypothesis(session, h.id, criterion_ids=["nope"])
    with transaction(engine) as session:
        ar.remove_hypothesis(session, h.id)
        assert ar.list_hypotheses(session, workspace.id) == []


def test_hypothesis_without_a_later_run_has_no_delta(ws):
    engine, workspace = ws
    new_run(engine, workspace, day=date(2025, 7, 1))
    with transaction(engine) as session:
        h = ar.add_hypothesis(session, workspace.id, {
            "stakeholder_group": "Executives", "capability": "error budgets",
            "outcome": "calmer releases", "signal": "fewer freezes",
            "criterion_ids": ["org-alignment"], "review_date": date(2025, 12, 1),
        })
        assert h.team is None
        assert ar.hypothesis_delta(session, h.id) is None


def test_model_cache_sees_a_new_user_model_file():
    import yaml

    from workbench.paths import assessments_dir, user_models_dir

    assert ar.load_model(MODEL).version == 1
    data = yaml.safe_load((assessments_dir() / "sre-maturity.yaml").read_text(encoding="utf-8"))
    data["version"] = 2
    user_models_dir().mkdir(parents=True, exist_ok=True)
    (user_models_dir() / "mine.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    assert ar.load_model(MODEL).version == 2
    assert ar.load_model(MODEL, 1).version == 1


def test_a_respondent_named_like_an_anonymous_label_stays_apart(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    with transaction(engine) as session:
        named = ar.add_respondent(session, run.id, "Anonymous 1")
        anon = ar.add_respondent(session, run.id)
        assert (named.label, anon.label) == ("Anonymous 1", "anonymous 2")
        ar.set_answer(session, run.id, "org-structure", 1, respondent_id=named.id)
        ar.set_answer(session, run.id, "org-structure", 2, respondent_id=anon.id)
        assert ar.aggregation(session, run.id).respondents == ("Anonymous 1", "anonymous 2")

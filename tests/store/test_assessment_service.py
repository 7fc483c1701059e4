"""``wb.maturity``: what the maturity screens load, and the walk's ordered answer queue."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from workbench.domain.lifecycle import SignOff
from workbench.errors import ConflictError, UsageError
from workbench.service import Workbench
from workbench.service.maturity import ALL_SCOPES, HypothesisFields, scope_key
from workbench.store import assessment_repo as ar
from workbench.store.db import reading, transaction

DAY = date(2026, 11, 25)


@pytest.fixture
def wb(demo):
    engine, workspace = demo
    return Workbench(engine, today=DAY), workspace


def coach_levels(wb, run_id):
    with reading(wb.engine) as session:
        return {a.criterion_id: a.level for a in ar.list_answers(session, run_id)}


def test_overview_lists_runs_models_and_scopes(wb):
    service, workspace = wb
    overview = service.maturity.overview(workspace.id)
    assert len(overview.rows) == 4 and overview.model_error is None
    assert {m.id for m in overview.models} == {"sre-maturity", "maturity-stages"}
    assert overview.hypotheses == 3
    checkout = next(t for t in overview.teams if t.name == "Checkout")
    rows = overview.rows_for(scope_key(checkout.id))
    assert [r.run.title for r in rows] == ["Baseline", "Six-month reassessment"]
    assert overview.next_due(scope_key(checkout.id)) == date(2027, 5, 11)
    assert overview.next_due(ALL_SCOPES) is None
    assert overview.earlier_run(rows[1]) == rows[0]
    assert overview.earlier_run(rows[0]) is None
    assert overview.team_name(scope_key(checkout.id)) == "Checkout"


def test_answer_queue_keeps_the_order_of_quick_key_presses(wb):
    service, workspace = wb
    model = ar.load_model("sre-maturity")
    run = service.maturity.start_run(workspace.id, "Storefront", model, DAY, "quick")
    queue = service.maturity.answers
    assert service.maturity.answers is queue  # one queue per Workbench
    ids = model.criterion_ids
    workers = []
    for round_ in range(3):  # the same criteria answered again and again, fast
        for i, criterion_id in enumerate(ids[:10]):
            queue.set_answer(run.id, criterion_id, (i + round_) % 3, model=model)
            queue.set_cursor(run.id, criterion_id)
            worker = threading.Thread(target=queue.drain)
            worker.start()
            workers.append(worker)
    for worker in workers:
        worker.join()
    assert queue.pending == 0
    assert coach_levels(service, run.id) == {c: (i + 2) % 3 for i, c in enumerate(ids[:10])}
    with reading(service.engine) as session:
        assert ar.get_run(session, run.id).cursor == ids[9]


def test_a_failed_answer_does_not_stop_the_next_and_is_reported(wb):
    service, workspace = wb
    model = ar.load_model("sre-maturity")
    agreed = service.maturity.start_run(workspace.id, "Storefront", model, DAY)
    draft = service.maturity.start_run(workspace.id, "SRE", model, DAY)
    with transaction(service.engine) as session:
        ar.agree_run(session, agreed.id, [SignOff("Meera", "coach", DAY),
                                          SignOff("Asha", "team", DAY)])
    queue = service.maturity.answers
    queue.set_answer(agreed.id, "org-structure", 2, model=model)
    queue.set_answer(draft.id, "org-structure", 1, model=model)
    queue.apply()  # a reader applies first: the failure waits for the next drain
    assert coach_levels(service, draft.id) == {"org-structure": 1}
    assert coach_levels(service, agreed.id) == {}
    with pytest.raises(ConflictError, match="reopen it as draft to change answers"):
        queue.drain()
    queue.drain()  # reported once


def test_readers_see_the_answers_still_queued(wb):
    service, workspace = wb
    model = ar.load_model("sre-maturity")
    run = service.maturity.start_run(workspace.id, "Storefront", model, DAY)
    service.maturity.answers.set_answer(run.id, "org-structure", None, model=model)
    service.maturity.answers.set_answer(run.id, "org-alignment", 2, model=model)
    summary = service.maturity.summary(workspace.id, run.id, model)
    assert (summary.score.assessed, summary.score.not_assessed) == (1, 1)
    row = service.maturity.overview(workspace.id).row(run.id)
    assert (row.answered, row.not_assessed) == (2, 1)
    walk = service.maturity.walk(workspace.id, run.id, model)
    assert walk.answers["org-structure"].level is None


def test_hypothesis_fields_are_checked_before_saving(wb):
    service, workspace = wb
    fields = HypothesisFields("Executives", "a monthly review", "visible support",
                              "a roadmap share", ("people-executives",), "next week")
    with pytest.raises(UsageError, match="review date: 'next week' is not a date"):
        service.maturity.add_hypothesis(workspace.id, fields)
    saved = service.maturity.add_hypothesis(
        workspace.id, HypothesisFields(**{**fields.__dict__, "review_date": "2027-01-31"}))
    assert saved.team is None and saved.hypothesis.review_date == date(2027, 1, 31)
    data = service.maturity.hypotheses(workspace.id)
    assert saved.id in [h.id for h, _ in data.items]
    assert data.criterion_name("sre-maturity", "people-executives") == \
        "Vice presidents and executives"
    removed = service.maturity.remove_hypothesis(workspace.id, saved)
    assert removed.id == saved.id

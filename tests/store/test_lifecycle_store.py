"""The lifecycle in the store, for SLOs and assessment runs: sign-offs, agreement, editing an
agreed document, reopening, history with derived statuses, diffs, and version checks with
two sessions on one SQLite file."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from workbench.domain.lifecycle import FieldChange, Party, SignOff
from workbench.domain.organisation import ArtifactStatus
from workbench.errors import ConflictError, UsageError, VersionConflict
from workbench.store import assessment_repo as ar
from workbench.store import lifecycle, repo, slo_repo
from workbench.store.db import make_engine, reading, transaction
from workbench.store.slo_tables import SloRow

DAY = date(2026, 11, 25)
OPS, DEV, PO = (SignOff("Priya", "operations", DAY), SignOff("Arjun", "development", DAY),
                SignOff("Kavya", "product owner", DAY))


@pytest.fixture
def ws(engine):
    with transaction(engine) as s:
        workspace = repo.create_workspace(s, "Acme")
        repo.add_team(s, workspace.id, "Checkout")
        slo_repo.save_slo(s, workspace.id, "orders-availability", target="99.9")
    return engine, workspace


def slo_state(engine, workspace):
    with reading(engine) as s:
        row = slo_repo.slo_row(s, workspace.id, "orders-availability")
        return lifecycle.state(s, slo_repo.SLO_DOCUMENT, row)


def slo_history(engine, workspace):
    with reading(engine) as s:
        slo = slo_repo.get_slo(s, workspace.id, "orders-availability")
        return lifecycle.history(s, slo_repo.SLO_DOCUMENT, workspace.id, str(slo.id))


def test_an_slo_is_agreed_when_every_party_signed_and_edits_start_a_new_draft(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        first = slo_repo.agree_slo(s, workspace.id, "orders-availability", [OPS, DEV])
    assert not first.agreed_now
    assert first.state.missing == (Party("product owner"),)
    assert [x.label for x in first.added] == ["Priya (operations)", "Arjun (development)"]
    with transaction(engine) as s:
        again = slo_repo.agree_slo(s, workspace.id, "orders-availability", [OPS, PO])
    assert again.agreed_now and again.already == (OPS,)
    assert again.state.status is ArtifactStatus.AGREED and again.state.in_force == 2
    with transaction(engine) as s:
        edited, _ = slo_repo.update_slo(s, workspace.id, "orders-availability",
                                        {"target": "99.5"})
    assert edited.status is ArtifactStatus.DRAFT
    state = slo_state(engine, workspace)
    # the agreed revision stays in force; sign-offs of the earlier version no longer count
    assert state.in_force == 2 and state.signoffs == ()
    assert state.describe().startswith("draft · agreed revision 2 in force · waiting for")
    with transaction(engine) as s:
        assert slo_repo.agree_slo(s, workspace.id, "orders-availability",
                                  [OPS, DEV, PO]).agreed_now
    entries = slo_history(engine, workspace)
    assert [(e.revision.number, e.shown_status.value, e.revision.summary) for e in entries] == [
        (1, "draft", "added"),
        (2, "superseded", "agreed by Priya (operations), Arjun (development), "
                          "Kavya (product owner)"),
        (3, "draft", "updated (new draft; the agreed revision stays in force until agreed)"),
        (4, "agreed", "agreed by Priya (operations), Arjun (development), "
                      "Kavya (product owner)"),
    ]
    # the sign-offs belong to the agreement they completed, not to the draft before it
    assert entries[0].signoffs == ()
    assert [s.label for s in entries[1].signoffs] == [
        "Priya (operations)", "Arjun (development)", "Kavya (product owner)"]
    assert entries[1].revision.record_version == entries[0].revision.record_version
    final = slo_state(engine, workspace)
    assert final.in_force == 4 and len(final.signoffs) == 3  # who agreed it
    with reading(engine) as s:
        changes = lifecycle.diff(s, slo_repo.SLO_DOCUMENT, workspace.id,
                                 str(edited.id), 2, 3)
    assert changes == [FieldChange("target", "99.9", "99.5")]


def test_agreeing_twice_named_parties_and_reopening(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        result = slo_repo.agree_slo(s, workspace.id, "orders-availability", [OPS],
                                    parties=[Party("operations", "Asha")])
    assert not result.agreed_now and result.state.missing == (Party("operations", "Asha"),)
    with transaction(engine) as s:
        asha = SignOff("asha", "Operations", DAY, "checked the dashboards")
        assert slo_repo.agree_slo(s, workspace.id, "orders-availability", [asha]).agreed_now
    with transaction(engine) as s, pytest.raises(ConflictError, match="already agreed"):
        slo_repo.agree_slo(s, workspace.id, "orders-availability", [DEV])
    with transaction(engine) as s, pytest.raises(UsageError, match="reason is empty"):
        slo_repo.reopen_slo(s, workspace.id, "orders-availability", "   ")
    with transaction(engine) as s:
        reopened = slo_repo.reopen_slo(s, workspace.id, "orders-availability",
                                       "the product owner asked for 99.95")
    assert reopened.status is ArtifactStatus.DRAFT
    with transaction(engine) as s, pytest.raises(ConflictError, match="not agreed"):
        slo_repo.reopen_slo(s, workspace.id, "orders-availability", "again")
    entries = slo_history(engine, workspace)
    assert entries[-1].revision.summary == "reopened: the product owner asked for 99.95"
    assert slo_state(engine, workspace).in_force == entries[-2].revision.number


def test_a_write_from_an_older_version_is_refused_two_sessions_one_file(db_url, ws):
    _, workspace = ws
    # two engines: two processes' worth of connections to one SQLite file
    first, second = make_engine(db_url), make_engine(db_url)
    try:
        with reading(first) as s:
            opened = slo_repo.get_slo(s, workspace.id, "orders-availability")
        with transaction(second) as s:
            slo_repo.update_slo(s, workspace.id, "orders-availability", {"target": "99.5"},
                                expected_version=opened.version)
        with pytest.raises(VersionConflict, match=r"changed by someone else since you opened"
                                                  r" it \(you opened version 1, it is now "
                                                  r"version 2\)"), transaction(first) as s:
            slo_repo.update_slo(s, workspace.id, "orders-availability", {"target": "99.99"},
                                expected_version=opened.version)
        with transaction(first) as s, pytest.raises(VersionConflict):
            slo_repo.agree_slo(s, workspace.id, "orders-availability", [OPS],
                               expected_version=opened.version)
        with reading(first) as s:
            kept = slo_repo.get_slo(s, workspace.id, "orders-availability")
            assert (str(kept.target), kept.version) == ("99.5", 2)
    finally:
        first.dispose()
        second.dispose()


def test_writers_take_turns_so_the_second_sees_the_first_ones_version(db_url, ws):
    _, workspace = ws
    first, second = make_engine(db_url), make_engine(db_url)
    inside, second_done = threading.Event(), threading.Event()
    outcome: list[BaseException | None] = []

    def late_writer() -> None:
        inside.wait()
        try:
            with transaction(second) as s:  # waits for the first writer's lock
                slo_repo.update_slo(s, workspace.id, "orders-availability",
                                    {"target": "99.0"}, expected_version=1)
            outcome.append(None)
        except BaseException as exc:  # the test inspects it
            outcome.append(exc)
        second_done.set()

    worker = threading.Thread(target=late_writer)
    worker.start()
    try:
        with transaction(first) as s:
            slo_repo.update_slo(s, workspace.id, "orders-availability", {"target": "99.5"},
                                expected_version=1)
            inside.set()
            assert not second_done.wait(0.3)  # the second writer is blocked meanwhile
        worker.join(10)
        assert isinstance(outcome[0], VersionConflict)
        with reading(first) as s:
            assert str(slo_repo.get_slo(s, workspace.id, "orders-availability").target) \
                == "99.5"
    finally:
        worker.join(10)
        first.dispose()
        second.dispose()


def test_a_stale_row_flushed_later_becomes_a_version_conflict(ws):
    engine, workspace = ws
    with Session(engine, expire_on_commit=False) as stale_session:
        row = stale_session.get(SloRow, 1)
        stale_session.commit()
        with transaction(engine) as s:
            slo_repo.update_slo(s, workspace.id, "orders-availability", {"target": "99.5"})
        row.target = "90"
        with pytest.raises(StaleDataError):
            stale_session.commit()
    with pytest.raises(VersionConflict), transaction(engine):
        raise StaleDataError("simulated lost race")


def test_run_answers_make_new_versions_and_the_cursor_does_not(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        run = ar.create_run(s, workspace.id, "Checkout", "sre-maturity", None, DAY)
        ar.set_answer(s, run.id, "org-structure", 1)
        before = ar.get_run(s, run.id).version
        ar.set_cursor(s, run.id, "tech-testing")
        assert ar.get_run(s, run.id).version == before
        coach = SignOff("Meera", "coach", DAY)
        assert not ar.agree_run(s, run.id, [coach]).agreed_now
        ar.set_answer(s, run.id, "org-structure", 2, "changed after the coach signed")
        assert ar.get_run(s, run.id).version == before + 1
        result = ar.agree_run(s, run.id, [SignOff("Rohan", "team", DAY)])
        # the coach signed the earlier answers: that sign-off no longer counts
        assert not result.agreed_now and result.state.missing == (Party("coach"),)
        assert ar.agree_run(s, run.id, [coach]).agreed_now
    with reading(engine) as s:
        entries = lifecycle.history(s, ar.RUN_DOCUMENT, workspace.id, str(run.id))
        summaries = [e.revision.summary for e in entries]
        assert summaries[:3] == ["started", "org-structure: level 1", "org-structure: level 2"]
        changes = lifecycle.diff(s, ar.RUN_DOCUMENT, workspace.id, str(run.id), 2, 3)
    assert changes == [
        FieldChange("answers.org-structure.level", 1, 2),
        FieldChange("answers.org-structure.note", None, "changed after the coach signed"),
    ]


def test_every_kind_is_registered_and_found_by_what_users_type(ws):
    engine, workspace = ws
    kinds = {d.kind: d.noun for d in lifecycle.document_types()}
    assert kinds == {"slo": "SLO", "assessment_run": "assessment run",
                     "stakeholder_chart": "stakeholder chart", "policy": "error budget policy",
                     "charter": "team charter", "org": "organisation decision",
                     "sre_role": "SRE role", "oncall": "on-call agreement"}
    with reading(engine) as s:
        slo = slo_repo.get_slo(s, workspace.id, "orders-availability")
        doc = lifecycle.document_type("slo")
        assert doc.find(s, workspace.id, slo.uid).id == slo.id  # by uid too
        with pytest.raises(UsageError, match="not a run number"):
            lifecycle.document_type("assessment_run").find(s, workspace.id, "first")
    with pytest.raises(UsageError, match="not a kind of document"):
        lifecycle.document_type("memo")


def test_a_respondents_answer_is_a_revision_whose_diff_names_the_respondent(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        run = ar.create_run(s, workspace.id, "Checkout", "sre-maturity", None, DAY)
        asha = ar.add_respondent(s, run.id, "Asha")
        ar.set_answer(s, run.id, "culture-risks", 1, respondent_id=asha.id)
        ar.set_answer(s, run.id, "culture-risks", 2, respondent_id=asha.id)
    with reading(engine) as s:
        entries = lifecycle.history(s, ar.RUN_DOCUMENT, workspace.id, str(run.id))
        assert [e.revision.summary for e in entries][-2:] == [
            "culture-risks: level 1 (Asha)", "culture-risks: level 2 (Asha)"]
        last = entries[-1].revision.number
        changes = lifecycle.diff(s, ar.RUN_DOCUMENT, workspace.id, str(run.id), last - 1, last)
    assert changes == [FieldChange("responses.Asha.culture-risks.level", 1, 2)]

"""Respondent mode: joining a run, resuming, per-respondent answer versions, concurrent
respondents on one SQLite file, the one-way reveal, progress and anonymity."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, date, datetime

import pytest
import yaml
from sqlalchemy import text
from sqlmodel import select
from test_migrations import as_schema_0010

from workbench.domain.lifecycle import SignOff
from workbench.domain.maturity import parse_filled_blank, render_blank
from workbench.domain.maturity.runs import RespondentProgress, progress_line
from workbench.errors import ConflictError, NotFoundError, VersionConflict
from workbench.export.exporters.maturity import team_export
from workbench.export.registry import ExportContext
from workbench.service import Workbench
from workbench.store import assessment_repo as ar
from workbench.store import repo
from workbench.store.db import make_engine, reading, transaction
from workbench.store.model_files import get_model, load_models
from workbench.store.session import open_database
from workbench.store.tables import RevisionRow

MODEL = "sre-maturity"
DAY = date(2026, 11, 25)


def new_run(engine, workspace, team="Checkout", day=date(2026, 1, 15)):
    with transaction(engine) as session:
        return ar.create_run(session, workspace.id, team, MODEL, None, day)


def join(engine, run_id, name=None, **kwargs):
    with transaction(engine) as session:
        return ar.join_run(session, run_id, name, **kwargs)


def answer(engine, run_id, criterion_id, level, respondent_id, **kwargs):
    with transaction(engine) as session:
        return ar.set_answer(session, run_id, criterion_id, level,
                             respondent_id=respondent_id, **kwargs)


def own_levels(engine, run_id, respondent_id):
    with reading(engine) as session:
        return {a.criterion_id: a.level
                for a in ar.list_answers(session, run_id, respondent_id)}


def authors(engine, run_id):
    """(summary, author) of the run's revisions, oldest first."""
    with reading(engine) as session:
        rows = session.exec(select(RevisionRow).where(
            RevisionRow.artifact_kind == "assessment_run",
            RevisionRow.artifact_key == str(run_id)).order_by(RevisionRow.number)).all()
        return [(r.summary, r.author) for r in rows]


# --- join -------------------------------------------------------------------------------


def test_join_creates_then_resumes_a_named_respondent_in_any_case(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    _, asha, new = join(engine, run.id, "Asha Rao")
    assert (asha.label, asha.name, asha.anonymous, new) == ("Asha Rao", "Asha Rao", False, True)
    _, again, new = join(engine, run.id, "  ASHA   rao ")
    assert (again.id, again.label, new) == (asha.id, "Asha Rao", False)
    with reading(engine) as session:
        assert [r.label for r in ar.list_respondents(session, run.id)] == ["Asha Rao"]


def test_anonymous_joins_get_pseudonyms_in_order_per_run(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    other = new_run(engine, workspace, day=date(2026, 2, 1))
    labels = [join(engine, run.id)[1].label, join(engine, run.id, "Ravi")[1].label,
              join(engine, run.id, "")[1].label]
    assert labels == ["anonymous 1", "Ravi", "anonymous 2"]
    first = join(engine, other.id)[1]
    assert (first.label, first.name, first.anonymous) == ("anonymous 1", None, True)
    # the pseudonym resumes (any case), an unknown one is refused, not created
    _, back, new = join(engine, run.id, "Anonymous 2")
    assert (back.label, new) == ("anonymous 2", False)
    with pytest.raises(NotFoundError, match=f"nobody answers run {run.id} as 'anonymous 9'"):
        join(engine, run.id, "anonymous 9")
    with reading(engine) as session:
        assert [r.label for r in ar.list_respondents(session, run.id)] == [
            "anonymous 1", "Ravi", "anonymous 2"]


def test_an_agreed_run_takes_no_new_respondent(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    with transaction(engine) as session:
        ar.agree_run(session, run.id, [SignOff("Meera", "coach", DAY),
                                       SignOff("Rohan", "team", DAY)])
    for name in ("Asha", None):
        with pytest.raises(ConflictError, match=f"assessment run {run.id} is agreed"):
            join(engine, run.id, name)
    with reading(engine) as session:
        assert ar.list_respondents(session, run.id) == []


def test_joining_a_run_of_another_workspace_is_refused(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    with transaction(engine) as session:
        other = repo.create_workspace(session, "Elsewhere")
    with pytest.raises(NotFoundError, match=f"no assessment run {run.id} in this workspace"):
        join(engine, run.id, "Asha", workspace_id=other.id)
    assert join(engine, run.id, "Asha", workspace_id=workspace.id)[2] is True


# --- cursor -----------------------------------------------------------------------------


def test_respondent_cursor_survives_a_new_engine_and_leaves_the_run_alone(ws, db_url):
    engine, workspace = ws
    run = new_run(engine, workspace)
    _, asha, _ = join(engine, run.id, "Asha")
    _, ravi, _ = join(engine, run.id, "Ravi")
    with reading(engine) as session:
        version = ar.get_run(session, run.id).version
    with transaction(engine) as session:
        moved = ar.set_respondent_cursor(session, run.id, asha.id, "tech-logging")
        assert moved.cursor == "tech-logging"
        assert ar.respondent(session, run.id, asha.id).cursor == "tech-logging"
    engine.dispose()
    db = open_database(db_url, remember=False)  # as a second start of the app would
    try:
        _, resumed, new = join(db.engine, run.id, "asha")
        assert (resumed.id, resumed.cursor, new) == (asha.id, "tech-logging", False)
        with reading(db.engine) as session:
            assert ar.respondent(session, run.id, ravi.id).cursor is None
            after = ar.get_run(session, run.id)
            assert (after.cursor, after.version) == (None, version)
        other = new_run(db.engine, workspace, day=date(2026, 3, 1))
        with transaction(db.engine) as session, pytest.raises(NotFoundError):
            ar.set_respondent_cursor(session, other.id, asha.id, "org-structure")
    finally:
        db.engine.dispose()


# --- answers ----------------------------------------------------------------------------


def test_answers_are_per_respondent_with_their_own_versions(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    _, a, _ = join(engine, run.id, "Asha")
    _, b, _ = join(engine, run.id, None)
    first = answer(engine, run.id, "org-structure", 2, a.id, expected_version=0)
    assert (first.level, first.version, first.respondent_id) == (2, 1, a.id)
    # B's first answer to the same criterion expects none of B's own yet
    other = answer(engine, run.id, "org-structure", 0, b.id, expected_version=0)
    assert (other.level, other.version) == (0, 1)
    second = answer(engine, run.id, "org-structure", 1, a.id, expected_version=1)
    assert second.version == 2
    with pytest.raises(VersionConflict) as stale:
        answer(engine, run.id, "org-structure", 0, a.id, expected_version=1)
    assert (stale.value.opened, stale.value.stored) == (1, 2)
    with pytest.raises(VersionConflict) as exists:
        answer(engine, run.id, "org-structure", 0, a.id, expected_version=0)
    assert (exists.value.opened, exists.value.stored) == (0, 2)
    with pytest.raises(VersionConflict) as missing:
        answer(engine, run.id, "tech-logging", 1, a.id, expected_version=1)
    assert (missing.value.opened, missing.value.stored) == (1, 0)
    assert own_levels(engine, run.id, a.id) == {"org-structure": 1}
    assert own_levels(engine, run.id, b.id) == {"org-structure": 0}
    assert own_levels(engine, run.id, None) == {}  # the coach's answers are untouched
    with reading(engine) as session:
        assert ar.get_run(session, run.id).cursor is None  # only the coach moves it
    assert authors(engine, run.id)[1:] == [
        ("org-structure: level 2 (Asha)", "Asha"),
        ("org-structure: level 0 (anonymous 1)", "anonymous 1"),
        ("org-structure: level 1 (Asha)", "Asha"),
    ]


def test_the_same_respondent_in_a_stale_second_window_is_refused_not_lost(ws):
    engine, workspace = ws
    model = ar.load_model(MODEL)
    run = new_run(engine, workspace)
    first, second = Workbench(engine, today=DAY).maturity, Workbench(engine, today=DAY).maturity
    who = first.join(run.id, "Asha").respondent
    for window in (first, second):  # both windows open the walk before any answer
        window.walk(workspace.id, run.id, model, respondent_id=who.id)
    first.answers.set_answer(run.id, "org-structure", 2, model=model, respondent_id=who.id)
    first.answers.set_answer(run.id, "org-structure", 1, model=model, respondent_id=who.id)
    first.answers.drain()
    second.answers.set_answer(run.id, "org-structure", 0, model=model, respondent_id=who.id)
    with pytest.raises(VersionConflict, match="you opened version 0, it is now version 2"):
        second.answers.drain()
    assert own_levels(engine, run.id, who.id) == {"org-structure": 1}
    second.walk(workspace.id, run.id, model, respondent_id=who.id)  # reloaded: now it saves
    second.answers.set_answer(run.id, "org-structure", 0, model=model, respondent_id=who.id)
    second.answers.drain()
    assert own_levels(engine, run.id, who.id) == {"org-structure": 0}


# --- concurrency ------------------------------------------------------------------------


def test_two_respondents_on_two_engines_save_at_once_and_lose_nothing(ws, db_url):
    engine, workspace = ws
    run = new_run(engine, workspace)
    model = ar.load_model(MODEL)
    people = [join(engine, run.id, name)[1] for name in ("Asha", "Ravi")]
    engines = [make_engine(db_url), make_engine(db_url)]  # as two processes would have
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def respond(eng, who, level):
        try:
            barrier.wait(timeout=10)
            for criterion_id in model.criterion_ids:
                answer(eng, run.id, criterion_id, level, who.id, expected_version=0,
                       model=model)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=respond, args=(e, p, lvl))
               for e, p, lvl in zip(engines, people, (2, 1), strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for e in engines:
        e.dispose()
    assert errors == []
    everything = dict.fromkeys(model.criterion_ids)
    assert own_levels(engine, run.id, people[0].id) == {c: 2 for c in everything}
    assert own_levels(engine, run.id, people[1].id) == {c: 1 for c in everything}
    with reading(engine) as session:
        progress = ar.run_progress(session, run.id)
        assert ar.get_run(session, run.id).version == 1 + 2 * model.criteria_count
    assert progress == (RespondentProgress("Asha", 28, 28), RespondentProgress("Ravi", 28, 28))
    assert progress_line(progress) == "2 respondents: 2 finished"


CHILD = textwrap.dedent("""
    import os, sys, time
    from workbench.store import assessment_repo as ar
    from workbench.store.db import transaction
    from workbench.store.session import open_database

    url, go = sys.argv[1], sys.argv[5]
    run_id, who, level = map(int, sys.argv[2:5])
    db = open_database(url, remember=False)
    model = ar.load_model("sre-maturity")
    print("ready", flush=True)
    while not os.path.exists(go):
        time.sleep(0.005)
    for criterion_id in model.criterion_ids:
        with transaction(db.engine) as session:
            ar.set_answer(session, run_id, criterion_id, level, respondent_id=who,
                          expected_version=0, model=model)
    db.engine.dispose()
""")


@pytest.mark.slow
def test_two_respondent_processes_save_at_once_and_lose_nothing(ws, db_url, tmp_path):
    engine, workspace = ws
    run = new_run(engine, workspace)
    people = [join(engine, run.id, name)[1] for name in ("Asha", None)]
    go = tmp_path / "go"
    children = [subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(run.id),
                                  str(p.id), str(level), str(go)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for p, level in zip(people, (0, 2), strict=True)]
    for child in children:
        assert child.stdout.readline() == "ready\n"
    go.touch()
    results = [child.communicate(timeout=300) for child in children]
    assert [c.returncode for c in children] == [0, 0], results
    with reading(engine) as session:
        progress = ar.run_progress(session, run.id)
        levels = [{a.criterion_id: a.level for a in ar.list_answers(session, run.id, p.id)}
                  for p in people]
    assert [set(lv.values()) for lv in levels] == [{0}, {2}]
    assert [len(lv) for lv in levels] == [28, 28]
    assert [(p.label, p.stage) for p in progress] == [("Asha", "finished"),
                                                      ("anonymous 1", "finished")]


# --- reveal -----------------------------------------------------------------------------


def test_reveal_is_one_way_and_no_change_of_the_run(ws, monkeypatch):
    engine, workspace = ws
    run = new_run(engine, workspace)
    assert (run.revealed_at, run.revealed) == (None, False)
    moments = iter([datetime(2026, 3, 1, 9, 0, tzinfo=UTC), datetime(2026, 3, 2, 9, 0, tzinfo=UTC)])
    monkeypatch.setattr(ar, "utcnow", lambda: next(moments))
    before = authors(engine, run.id)
    with transaction(engine) as session:
        other = repo.create_workspace(session, "Elsewhere")
    with transaction(engine) as session, pytest.raises(NotFoundError):
        ar.reveal_answers(session, run.id, other.id)
    with transaction(engine) as session:
        first = ar.reveal_answers(session, run.id, workspace.id)
    with transaction(engine) as session:
        second = ar.reveal_answers(session, run.id)
    assert first.revealed and second.revealed
    assert first.revealed_at == datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    assert second.revealed_at == first.revealed_at
    assert (first.version, second.version) == (run.version, run.version)
    assert authors(engine, run.id) == before


def test_service_hides_other_respondents_levels_until_the_reveal(ws):
    engine, workspace = ws
    service = Workbench(engine, today=DAY).maturity
    model = ar.load_model(MODEL)
    run = new_run(engine, workspace)
    asha = service.join(run.id, "Asha")
    anon = service.join(run.id, None)
    assert (asha.new, asha.respondent.label, anon.respondent.label) == (
        True, "Asha", "anonymous 1")
    assert service.join(run.id, "asha").new is False
    answer(engine, run.id, "org-structure", 2, asha.respondent.id, model=model)
    answer(engine, run.id, "org-structure", 0, anon.respondent.id, model=model)
    answer(engine, run.id, "tech-logging", 1, anon.respondent.id, model=model)

    hidden = service.respondents(workspace.id, run.id, model)
    assert (hidden.aggregation, hidden.levels, hidden.revealed) == (None, {}, False)
    assert [(p.label, p.answered) for p in hidden.progress] == [("Asha", 1), ("anonymous 1", 2)]
    own = service.walk(workspace.id, run.id, model, respondent_id=asha.respondent.id)
    assert {c: a.level for c, a in own.answers.items()} == {"org-structure": 2}
    assert (own.spreads, own.hidden, own.respondent.label) == ({}, {}, "Asha")
    coach = service.walk(workspace.id, run.id, model)
    assert (coach.answers, coach.spreads) == ({}, {})
    assert coach.hidden == {"org-structure": 2, "tech-logging": 1}

    assert service.reveal(workspace.id, run.id).revealed
    shown = service.respondents(workspace.id, run.id, model)
    assert shown.revealed is True
    assert shown.levels == {("Asha", "org-structure"): 2, ("anonymous 1", "org-structure"): 0,
                            ("anonymous 1", "tech-logging"): 1}
    assert shown.aggregation.respondents == ("Asha", "anonymous 1")
    own = service.walk(workspace.id, run.id, model, respondent_id=asha.respondent.id)
    assert own.spreads["org-structure"].answers == (0, 2)
    assert set(own.spreads) == {"org-structure", "tech-logging"}


# --- progress ---------------------------------------------------------------------------


def test_progress_of_finished_part_way_and_not_started(ws):
    engine, workspace = ws
    run = new_run(engine, workspace)
    model = ar.load_model(MODEL)
    done, part, _ = (join(engine, run.id, n)[1] for n in ("Asha", "Ravi", None))
    with transaction(engine) as session:
        for criterion_id in model.criterion_ids:
            ar.set_answer(session, run.id, criterion_id, 1, respondent_id=done.id, model=model)
        for criterion_id in model.criterion_ids[:11]:
            ar.set_answer(session, run.id, criterion_id, 2, respondent_id=part.id, model=model)
        # "not assessed" is an answer too
        ar.set_answer(session, run.id, model.criterion_ids[11], None, respondent_id=part.id,
                      model=model)
        ar.set_answer(session, run.id, "org-structure", 2, model=model)  # the coach's
    with reading(engine) as session:
        progress = ar.run_progress(session, run.id)
    assert [(p.label, p.answered, p.total, p.stage) for p in progress] == [
        ("Asha", 28, 28, "finished"), ("Ravi", 12, 28, "part way"),
        ("anonymous 1", 0, 28, "not started")]
    assert progress_line(progress) == (
        "3 respondents: 1 finished, 1 part way (Ravi 12/28), 1 not started")
    assert progress_line(progress, names=False) == (
        "3 respondents: 1 finished, 1 part way, 1 not started")
    assert progress_line(()) == "no respondents yet"
    assert progress_line([RespondentProgress("x", 3, None)]) == "1 respondent: 1 part way (x 3/?)"


# --- anonymity --------------------------------------------------------------------------


def test_an_anonymous_respondent_leaves_only_the_pseudonym(ws, monkeypatch):
    monkeypatch.setenv("WORKBENCH_USER", "zed.login")
    engine, workspace = ws
    named_run = new_run(engine, workspace, day=date(2026, 1, 1))
    run = new_run(engine, workspace, day=date(2026, 2, 1))
    join(engine, named_run.id, "Priya Sharma")
    _, anon, _ = join(engine, run.id, None)
    answer(engine, run.id, "org-structure", 2, anon.id, note="we page each other")
    with reading(engine) as session:
        rows = session.execute(text(
            "SELECT name, label, source FROM assessment_respondent WHERE run_id = :r"),
            {"r": run.id}).all()
    assert [tuple(r) for r in rows] == [(None, "anonymous 1", "")]
    assert [a for s, a in authors(engine, run.id) if "(anonymous 1)" in s] == ["anonymous 1"]

    with reading(engine) as session:
        ctx = ExportContext(session=session,
                            workspace=repo.get_workspace_by_id(session, workspace.id))
        md = team_export(ctx, "md", None, run.id).text
        body = team_export(ctx, "yaml", None, run.id).text
    data = yaml.safe_load(body)
    assert [(p["label"], p["name"]) for p in data["runs"][0]["respondents"]] == [
        ("anonymous 1", None)]
    assert "**Respondents:** anonymous 1" in md
    for leak in ("Priya", "zed.login"):
        assert leak not in md and leak not in body


def test_importing_an_offline_form_anonymously_keeps_no_file_name(ws, db_url):
    engine, workspace = ws
    form = render_blank(get_model(MODEL).model, "Checkout", date(2026, 1, 20), "")
    marker = '  - id: "org-structure"\n'
    head, tail = form.split(marker)
    form = head + marker + tail.replace("    level: null", "    level: 1", 1)
    filled = parse_filled_blank(form, [m.model for m in load_models()])
    assert filled.respondent is None
    with transaction(engine) as session:
        result = ar.import_response(session, workspace.id, filled,
                                    source="asha-rao-answers.yaml")
    assert (result.respondent.label, result.respondent.source, result.answered) == (
        "anonymous 1", "", 1)
    with reading(engine) as session:
        rows = session.execute(text("SELECT name, label, source FROM assessment_respondent"))
        assert [tuple(r) for r in rows] == [(None, "anonymous 1", "")]
    engine.dispose()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
        dump = "\n".join(conn.iterdump()).casefold()
    assert "asha" not in dump


# --- migration 0011 ---------------------------------------------------------------------


def test_migrated_runs_count_as_revealed_and_keep_their_respondents(tmp_path, db_url, engine):
    engine.dispose()
    as_schema_0010(tmp_path / "test.db", ("2026-01-02 09:00:00", "2026-01-05 10:30:00"))
    with sqlite3.connect(tmp_path / "test.db") as conn:
        conn.execute("INSERT INTO assessment_respondent (run_id, name, label, source, "
                     "created_at) VALUES (2, 'Asha', 'Asha', 'asha.yaml', "
                     "'2026-01-05 11:00:00')")
    db = open_database(db_url, remember=False)
    try:
        with reading(db.engine) as session:
            runs = [ar.get_run(session, i) for i in (1, 2)]
            [asha] = ar.list_respondents(session, 2)
        assert [(r.revealed, r.revealed_at) for r in runs] == [
            (True, datetime(2026, 1, 2, 9, 0, tzinfo=UTC)),
            (True, datetime(2026, 1, 5, 10, 30, tzinfo=UTC))]
        assert (asha.label, asha.source, asha.cursor) == ("Asha", "asha.yaml", None)
        with transaction(db.engine) as session:
            fresh = ar.create_run(session, 1, None, MODEL, None, date(2026, 2, 1))
        assert fresh.revealed is False  # a run made after the migration starts hidden
    finally:
        db.engine.dispose()

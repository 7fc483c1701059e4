"""Repository for maturity assessment runs, respondents, answers and hypotheses.

Functions take an open session (one transaction per user action, see ``db.transaction``: a
TUI saves every answer by calling ``set_answer`` in its own transaction) and return frozen
values, so a TUI worker can hand them to widgets after the session closed. Problems the user
can fix raise ``WorkbenchError`` subclasses with one-line messages.

Decisions:
- A run records the model id and version it was made with; answers are validated against
  exactly that model version (criterion id known, level in range).
- ``team=None`` means a run (or hypothesis) for the whole organisation.
- An answer without a respondent is the coach's consolidated answer. ``run_result`` uses it
  where it has a level; for a criterion the coach left open but respondents answered, it
  uses the respondents' **lower median** (``aggregate_responses``), with the respondents who
  answered as "asked". So a run filled only by imported self-assessments still scores.
- A run is a document with the shared lifecycle (``store.lifecycle``, kind
  ``assessment_run``): every change (an answer, an import, its details) is a revision;
  ``agree_run`` collects sign-offs and freezes the answers once every party has signed;
  ``reopen_run`` makes it a draft again, with a reason. Answers of an agreed run are
  read-only. Moving the walk's cursor is not a change of the run.
- Respondent mode (``join_run``): a person answers a run in their own walk, as a named
  respondent (the same name carries on where they stopped) or anonymously under a new
  pseudonym ("anonymous 3", stable within the run). Their answers' revisions name that
  label, never the machine's login, and an anonymous respondent keeps no file name, so
  nothing in the database links a pseudonym to a person. Their saves lock the run's row
  (``FOR UPDATE`` on PostgreSQL) so several respondents saving at once wait for each other
  instead of failing on the run's version; each answer's own version still refuses a stale
  write (the same person in two windows).
- Respondents see each other's answers only after ``reveal_answers``; ``progress_of``
  counts how far each respondent got.
- ``import_response`` joins the run given by ``run_id``; without one, the team's latest
  *draft* run of the same model id and version, else a new run dated from the file. A named
  respondent may answer a run once; anonymous ones are labelled "anonymous 1", "anonymous 2".
- Listing runs with their scores (``scored_runs``) never hides a run whose model file is
  missing: it is listed without a score and says why. The CLI and the TUI both list that way.
- Editing a hypothesis checks its ``version``; changing only its linked criteria still makes
  a new version.
- A hypothesis' delta (``hypothesis_delta``): the linked criteria compared between the team's
  last run of the hypothesis' model dated *before* the review date and the first run dated
  on or after it. None until such a pair exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, update
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from workbench.domain.lifecycle import LifecycleState, Party, SignOff, SignResult
from workbench.domain.maturity import (
    Aggregation,
    AssessmentError,
    AssessmentModel,
    AssessmentRun,
    Comparison,
    CriterionResult,
    FilledAssessment,
    Hypothesis,
    HypothesisStatus,
    Problem,
    Response,
    RunScore,
    aggregate_responses,
    compare_scores,
    score_run,
)
from workbench.domain.maturity.runs import (
    ORGANISATION,
    HypothesisDelta,
    ImportResult,
    Respondent,
    RespondentProgress,
    RunInfo,
    ScoredRun,
    StoredAnswer,
    StoredHypothesis,
)
from workbench.domain.maturity.scoring import level_problems
from workbench.domain.organisation import ArtifactStatus
from workbench.errors import (
    ConflictError,
    NotFoundError,
    UsageError,
    VersionConflict,
    WorkbenchError,
)
from workbench.store import lifecycle, repo
from workbench.store.assessment_tables import (
    AssessmentAnswerRow,
    AssessmentRespondentRow,
    AssessmentRunRow,
    HypothesisCriterionRow,
    HypothesisRow,
)
from workbench.store.tables import TeamRow, utcnow

DEFAULT_MODEL = "sre-maturity"
RUN_KIND = "assessment_run"


# --- models -----------------------------------------------------------------------------


# Parsing and validating the model files takes tens of milliseconds; answers are saved one
# by one, so the parsed models are kept until a model file is added, removed or changed.
_models_cache: dict[tuple, list] = {}


def _loaded_models() -> list:
    from workbench.paths import assessments_dir, user_models_dir
    from workbench.store.model_files import load_models, model_files

    try:
        folders = (assessments_dir(), user_models_dir())
        key = (*folders, *((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                           for folder in folders for p in model_files(folder)))
    except OSError:
        return load_models()
    cached = _models_cache.get(key)
    if cached is None:
        cached = load_models()
        _models_cache.clear()
        _models_cache[key] = cached
    return cached


def load_model(model_id: str, version: int | None = None) -> AssessmentModel:
    """The model (highest version when not given) from the bundled and user model folders."""
    from workbench.store.model_files import get_model

    return get_model(model_id, version, models=_loaded_models()).model


def run_model(run: RunInfo) -> AssessmentModel:
    """The exact model version a run was made with."""
    return load_model(run.model_id, run.model_version)


# --- runs -------------------------------------------------------------------------------


def _team_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.exec(select(TeamRow).where(col(TeamRow.id).in_(wanted))).all()
    return {r.id: r.name for r in rows}


def _run(row: AssessmentRunRow, names: dict[int, str] | None = None,
         session: Session | None = None) -> RunInfo:
    team = row.team_name
    if row.team_id is not None:
        if names is None and session is not None:
            names = _team_names(session, [row.team_id])
        team = (names or {}).get(row.team_id, team)
    return RunInfo(
        id=row.id, workspace_id=row.workspace_id, team_id=row.team_id, team=team,
        model_id=row.model_id, model_version=row.model_version, run_date=row.run_date,
        title=row.title, notes=row.notes, status=ArtifactStatus(row.status), cursor=row.cursor,
        created_at=row.created_at, version=row.version, revealed_at=row.revealed_at,
    )


def _run_row(session: Session, run_id: int, *, lock: bool = False) -> AssessmentRunRow:
    # ``lock``: respondents saving at once on PostgreSQL wait for each other here instead of
    # failing on the run's version (SQLite's BEGIN IMMEDIATE already serialises writers)
    row = session.get(AssessmentRunRow, run_id, with_for_update=lock or None)
    if row is None:
        raise NotFoundError(f"no assessment run {run_id}", topic="run")
    return row


def _snapshot(row: AssessmentRunRow, team: str | None) -> dict[str, Any]:
    return {"team": team, "model_id": row.model_id, "model_version": row.model_version,
            "run_date": row.run_date.isoformat(), "title": row.title}


def _answer_entry(answer: StoredAnswer) -> dict[str, Any]:
    entry: dict[str, Any] = {"level": "not assessed" if answer.level is None
                             else answer.level}
    if answer.note:
        entry["note"] = answer.note
    if answer.evidence:
        entry["evidence"] = answer.evidence
    return entry


def _document_snapshot(session: Session, row: AssessmentRunRow) -> dict[str, Any]:
    """The run, the coach's answers and each respondent's, so a history diff shows which
    answer changed (``answers.<criterion>``, ``responses.<respondent>.<criterion>``)."""
    team = _run(row, session=session).team
    labels = {r.id: r.label for r in list_respondents(session, row.id)}
    answers: dict[str, Any] = {}
    responses: dict[str, dict[str, Any]] = {label: {} for label in labels.values()}
    for answer in list_answers(session, row.id, all_respondents=True):
        if answer.respondent_id is None:
            answers[answer.criterion_id] = _answer_entry(answer)
        elif answer.respondent_id in labels:
            responses[labels[answer.respondent_id]][answer.criterion_id] = \
                _answer_entry(answer)
    return {**_snapshot(row, team), "notes": row.notes, "answers": answers,
            "respondents": list(labels.values()), "responses": responses}


def _run_ref(session: Session, workspace_id: int, ref: str) -> AssessmentRunRow:
    text = str(ref).strip()
    if not text.isascii() or not text.isdigit():
        raise UsageError(f"{ref!r} is not a run number; runs are numbered, e.g. 3")
    row = _run_row(session, int(text))
    if row.workspace_id != workspace_id:
        raise NotFoundError(f"no assessment run {text} in this workspace", topic="run")
    return row


def _run_label(row: AssessmentRunRow) -> str:
    return f"assessment run {row.id} ({row.team_name or ORGANISATION}, {row.run_date})"


RUN_DOCUMENT = lifecycle.register(lifecycle.DocumentType(
    kind=RUN_KIND, noun="assessment run", table=AssessmentRunRow, find=_run_ref,
    snapshot=_document_snapshot, label=_run_label,
))


def create_run(session: Session, workspace_id: int, team: str | None, model_id: str,
               model_version: int | None, run_date: date, *, title: str = "",
               notes: str = "") -> RunInfo:
    """Start a draft run for ``team`` (None = whole organisation). Without ``model_version``
    the model's newest version is used; the run records the one it was made with."""
    model = load_model(model_id, model_version)
    team_row = None
    if team is not None:
        team_row = repo.team_row(session, workspace_id, team)
        if team_row is None:
            raise NotFoundError(f"no team named {team!r} in this workspace", topic="team")
    row = AssessmentRunRow(
        workspace_id=workspace_id, team_id=team_row.id if team_row else None,
        team_name=team_row.name if team_row else None, model_id=model.id,
        model_version=model.version, run_date=run_date, title=title.strip(), notes=notes,
    )
    session.add(row)
    session.flush()
    lifecycle.record_created(session, RUN_DOCUMENT, row, "started")
    return _run(row, {team_row.id: team_row.name} if team_row else {})


def get_run(session: Session, run_id: int, workspace_id: int | None = None) -> RunInfo:
    """The run; with ``workspace_id``, it must belong to that workspace."""
    row = _run_row(session, run_id)
    if workspace_id is not None and row.workspace_id != workspace_id:
        raise NotFoundError(f"no assessment run {run_id} in this workspace", topic="run")
    return _run(row, session=session)


def list_runs(session: Session, workspace_id: int, team: str | None = None, *,
              organisation: bool = False, model_id: str | None = None) -> list[RunInfo]:
    """Runs oldest first (date, then id). ``team`` limits to one team, ``organisation`` to
    runs for the whole organisation; neither lists every run of the workspace."""
    query = select(AssessmentRunRow).where(AssessmentRunRow.workspace_id == workspace_id)
    if team is not None:
        team_id = repo.get_team(session, workspace_id, team).id
        query = query.where(AssessmentRunRow.team_id == team_id)
    elif organisation:
        query = query.where(col(AssessmentRunRow.team_id).is_(None),
                            col(AssessmentRunRow.team_name).is_(None))
    if model_id is not None:
        query = query.where(AssessmentRunRow.model_id == model_id)
    rows = session.exec(
        query.order_by(col(AssessmentRunRow.run_date), col(AssessmentRunRow.id))
    ).all()
    names = _team_names(session, (r.team_id for r in rows))
    return [_run(r, names) for r in rows]


def update_run(session: Session, run_id: int, *, title: str | None = None,
               notes: str | None = None, run_date: date | None = None,
               expected_version: int | None = None) -> RunInfo:
    row = _run_row(session, run_id)
    lifecycle.check_version(RUN_DOCUMENT, row, expected_version)
    _check_editable(row)
    if title is not None:
        row.title = title.strip()
    if notes is not None:
        row.notes = notes
    if run_date is not None:
        row.run_date = run_date
    lifecycle.record_save(session, RUN_DOCUMENT, row, "details changed")
    return _run(row, session=session)


def agree_run(session: Session, run_id: int, signoffs: Sequence[SignOff], *,
              expected_version: int | None = None,
              parties: Sequence[Party] | None = None) -> SignResult:
    """Record sign-offs for the run; once every required party has signed, the run is
    agreed and its answers are frozen."""
    row = _run_row(session, run_id)
    return lifecycle.sign(session, RUN_DOCUMENT, row, signoffs,
                          expected_version=expected_version, parties=parties)


def reopen_run(session: Session, run_id: int, reason: str, *,
               expected_version: int | None = None) -> RunInfo:
    """Make an agreed run a draft again so its answers can change; the reason is kept in
    its history, and the agreed revision stays in force until the run is agreed again."""
    row = _run_row(session, run_id)
    lifecycle.reopen(session, RUN_DOCUMENT, row, reason, expected_version=expected_version)
    return _run(row, session=session)


def _check_criterion(row: AssessmentRunRow, criterion_id: str | None) -> None:
    if criterion_id is not None:
        model = load_model(row.model_id, row.model_version)
        if model.criterion(criterion_id) is None:
            raise AssessmentError([Problem(
                criterion_id, f"unknown criterion for model {model.id} v{model.version}")])


def set_cursor(session: Session, run_id: int, criterion_id: str | None) -> RunInfo:
    """Remember where the coach is in the run (the last criterion visited)."""
    row = _run_row(session, run_id)
    _check_criterion(row, criterion_id)
    # Where the coach is is not part of the run: it must not change its version (sign-offs
    # name versions) nor conflict with someone else's save, so it bypasses the ORM.
    session.exec(update(AssessmentRunRow).where(col(AssessmentRunRow.id) == run_id)
                 .values(cursor=criterion_id))
    session.refresh(row)
    return _run(row, session=session)


def delete_run(session: Session, run_id: int, *,
               expected_version: int | None = None) -> RunInfo:
    row = _run_row(session, run_id)
    lifecycle.check_version(RUN_DOCUMENT, row, expected_version)
    run = _run(row, session=session)
    session.delete(row)
    session.flush()
    repo.record_revision(session, row.workspace_id, RUN_KIND, str(run_id),
                         _snapshot(row, run.team), status=ArtifactStatus.SUPERSEDED,
                         summary="deleted")
    return run


# --- respondents and answers ------------------------------------------------------------


def _respondent(row: AssessmentRespondentRow) -> Respondent:
    return Respondent(id=row.id, run_id=row.run_id, name=row.name, label=row.label,
                      source=row.source, cursor=row.cursor)


def list_respondents(session: Session, run_id: int) -> list[Respondent]:
    rows = session.exec(
        select(AssessmentRespondentRow)
        .where(AssessmentRespondentRow.run_id == run_id)
        .order_by(col(AssessmentRespondentRow.id))
    ).all()
    return [_respondent(r) for r in rows]


def add_respondent(session: Session, run_id: int, name: str | None = None, *,
                   source: str = "") -> Respondent:
    """A named (unique within the run, case-insensitive) or anonymous respondent."""
    # the run's row lock makes two joins take turns: on PostgreSQL both would otherwise
    # read the same labels and become "anonymous 1" twice
    _run_row(session, run_id, lock=True)
    existing = list_respondents(session, run_id)
    name = " ".join((name or "").split())[:80] or None
    labels = {r.label.casefold() for r in existing}
    if name is not None:
        # labels, not just names: someone called "anonymous 1" must not merge with one
        if name.casefold() in labels:
            raise ConflictError(
                f"{name!r} already answered run {run_id}; answer anonymously or use "
                "another name"
            )
        label = name
    else:
        number = sum(1 for r in existing if r.name is None) + 1
        while f"anonymous {number}" in labels:
            number += 1
        label = f"anonymous {number}"
    # an anonymous respondent's file name ("asha.yaml") could name them: it is not kept
    row = AssessmentRespondentRow(run_id=run_id, name=name, label=label,
                                  source=source[:200] if name is not None else "")
    session.add(row)
    session.flush()
    return _respondent(row)


_PSEUDONYM = re.compile(r"anonymous [0-9]+")


def join_run(session: Session, run_id: int, name: str | None = None, *,
             workspace_id: int | None = None) -> tuple[RunInfo, Respondent, bool]:
    """The respondent who answers run ``run_id`` in respondent mode: someone named who
    joined before (their name or pseudonym, any case) carries on where they were; a new
    name, or ``None`` (anonymous, a new pseudonym), joins. Returns the run, the respondent
    and whether they are new. An agreed run takes no new answers."""
    _run_row(session, run_id, lock=True)  # before reading who joined: see add_respondent
    run, existing, wanted = _joinable(session, run_id, name, workspace_id)
    if existing is not None:
        return run, existing, False
    return run, add_respondent(session, run_id, wanted, source="respondent mode"), True


def check_joinable(session: Session, run_id: int, name: str | None = None, *,
                   workspace_id: int | None = None) -> RunInfo:
    """The run, if ``join_run`` would let ``name`` (None: anonymous) answer it; else the
    error it would raise. Writes nothing (``workbench serve`` checks before serving)."""
    return _joinable(session, run_id, name, workspace_id)[0]


def _joinable(session: Session, run_id: int, name: str | None,
              workspace_id: int | None) -> tuple[RunInfo, Respondent | None, str | None]:
    run = get_run(session, run_id, workspace_id)
    wanted = " ".join((name or "").split())[:80] or None
    if wanted is not None:
        for respondent in list_respondents(session, run_id):
            if respondent.label.casefold() == wanted.casefold():
                return run, respondent, wanted
    if wanted is not None and _PSEUDONYM.fullmatch(wanted.casefold()):
        raise NotFoundError(f"nobody answers run {run_id} as {wanted!r}; check the number, or "
                            "join under a new pseudonym with --anonymous", topic="run")
    if not run.editable:
        raise ConflictError(f"assessment run {run_id} is {run.status}; the coach reopens it "
                            "as a draft before anyone can answer", topic="run")
    return run, None, wanted


def respondent(session: Session, run_id: int, respondent_id: int) -> Respondent:
    row = session.get(AssessmentRespondentRow, respondent_id)
    if row is None or row.run_id != run_id:
        raise NotFoundError(f"no respondent {respondent_id} in assessment run {run_id}")
    return _respondent(row)


def set_respondent_cursor(session: Session, run_id: int, respondent_id: int,
                          criterion_id: str | None) -> Respondent:
    """Where a respondent is in their walk (not part of the run, like the coach's cursor)."""
    respondent(session, run_id, respondent_id)
    _check_criterion(_run_row(session, run_id), criterion_id)
    session.exec(update(AssessmentRespondentRow)
                 .where(col(AssessmentRespondentRow.id) == respondent_id)
                 .values(cursor=criterion_id))
    return respondent(session, run_id, respondent_id)


def reveal_answers(session: Session, run_id: int,
                   workspace_id: int | None = None) -> RunInfo:
    """Let the run's respondents see each other's answers (once; later calls keep the first
    moment). Not a change of the run's content: no new version, no revision."""
    get_run(session, run_id, workspace_id)
    session.exec(update(AssessmentRunRow)
                 .where(col(AssessmentRunRow.id) == run_id,
                        col(AssessmentRunRow.revealed_at).is_(None))
                 .values(revealed_at=utcnow()))
    session.expire_all()
    return get_run(session, run_id, workspace_id)


def progress_of(model: AssessmentModel | None, respondents: Sequence[Respondent],
                answers: Iterable[StoredAnswer]) -> tuple[RespondentProgress, ...]:
    """Each respondent's answered criteria of ``model`` (``None``: the model is missing, so
    every answer they gave counts and the total is unknown)."""
    known = set(model.criterion_ids) if model is not None else None
    counts: dict[int, int] = {}
    for answer in answers:
        if answer.respondent_id is not None and (known is None
                                                 or answer.criterion_id in known):
            counts[answer.respondent_id] = counts.get(answer.respondent_id, 0) + 1
    total = model.criteria_count if model is not None else None
    return tuple(RespondentProgress(r.label, counts.get(r.id, 0), total) for r in respondents)


def run_progress(session: Session, run_id: int,
                 model: AssessmentModel | None = None) -> tuple[RespondentProgress, ...]:
    row = _run_row(session, run_id)
    if model is None or model.key != (row.model_id, row.model_version):
        model = load_model(row.model_id, row.model_version)
    return progress_of(model, list_respondents(session, run_id),
                       list_answers(session, run_id, all_respondents=True))


def _answer(row: AssessmentAnswerRow | Any) -> StoredAnswer:
    """From a row, or a result row of its plain columns (lists skip building ORM objects)."""
    return StoredAnswer(
        run_id=row.run_id, respondent_id=row.respondent_id, criterion_id=row.criterion_id,
        level=row.level, note=row.note, evidence=row.evidence,
        asked=tuple(a for a in row.asked.split("\n") if a), updated_at=row.updated_at,
        version=row.version,
    )


def list_answers(session: Session, run_id: int, respondent_id: int | None = None, *,
                 all_respondents: bool = False) -> list[StoredAnswer]:
    """The coach's answers (``respondent_id`` None), one respondent's, or with
    ``all_respondents`` every answer of the run."""
    query = select(AssessmentAnswerRow).where(AssessmentAnswerRow.run_id == run_id)
    if not all_respondents:
        query = query.where(
            col(AssessmentAnswerRow.respondent_id).is_(None) if respondent_id is None
            else AssessmentAnswerRow.respondent_id == respondent_id
        )
    rows = session.exec(query.order_by(col(AssessmentAnswerRow.id))).all()
    return [_answer(r) for r in rows]


def _check_editable(row: AssessmentRunRow) -> None:
    if row.status != ArtifactStatus.DRAFT.value:
        raise ConflictError(
            f"assessment run {row.id} is {row.status}; reopen it as draft to change answers"
        )


def set_answer(session: Session, run_id: int, criterion_id: str, level: int | None,
               note: str | None = None, evidence: str | None = None, *,
               respondent_id: int | None = None, asked: Sequence[str] | None = None,
               model: AssessmentModel | None = None,
               expected_version: int | None = None) -> StoredAnswer:
    """Record (or replace) one answer; ``None`` for note, evidence or asked keeps what was
    there. The coach's own answers also move the run's cursor to ``criterion_id``. Pass
    ``model`` to skip reading the model files (it must be the run's model version)."""
    row = _run_row(session, run_id, lock=respondent_id is not None)
    _check_editable(row)
    model = model if model is not None and model.key == (row.model_id, row.model_version) \
        else load_model(row.model_id, row.model_version)
    problems = level_problems(model, {criterion_id: level})
    if problems:
        raise AssessmentError(problems, f"run {run_id}")
    respondent = None
    if respondent_id is not None:
        respondent = session.get(AssessmentRespondentRow, respondent_id)
        if respondent is None or respondent.run_id != run_id:
            raise NotFoundError(f"no respondent {respondent_id} in assessment run {run_id}")
    answer = session.exec(
        select(AssessmentAnswerRow).where(
            AssessmentAnswerRow.run_id == run_id,
            AssessmentAnswerRow.criterion_id == criterion_id,
            col(AssessmentAnswerRow.respondent_id).is_(None) if respondent_id is None
            else AssessmentAnswerRow.respondent_id == respondent_id,
        )
    ).first()
    if answer is None:
        # expected version 0: the caller saw no answer here yet (and there still is none)
        if expected_version:
            raise VersionConflict(f"the answer to {criterion_id}", opened=expected_version,
                                  stored=0, topic="run")
        answer = AssessmentAnswerRow(run_id=run_id, respondent_id=respondent_id,
                                     criterion_id=criterion_id)
    else:
        repo.check_version(answer, expected_version, f"the answer to {criterion_id}")
    answer.level = level
    if note is not None:
        answer.note = note
    if evidence is not None:
        answer.evidence = evidence
    if asked is not None:
        answer.asked = "\n".join(" ".join(a.split()) for a in asked if a and a.strip())
    answer.updated_at = utcnow()
    session.add(answer)
    if respondent_id is None:
        row.cursor = criterion_id
    shown = "not assessed" if level is None else f"level {level}"
    who = "" if respondent is None else f" ({respondent.label})"
    # a respondent's own answer is theirs: the revision names their label (a pseudonym for
    # anonymous ones), never the login of the machine they answered on
    lifecycle.record_save(session, RUN_DOCUMENT, row, f"{criterion_id}: {shown}{who}",
                          author=None if respondent is None else respondent.label)
    return _answer(answer)


def import_response(session: Session, workspace_id: int, filled: FilledAssessment, *,
                    run_id: int | None = None, source: str = "") -> ImportResult:
    """Add a filled self-assessment (from ``parse_filled_blank``) as one respondent.

    Joins run ``run_id``, else the team's latest draft run of the same model id and version,
    else a new run dated from the file. Everything is checked before the first write, so a
    failed import leaves nothing behind (the caller's transaction rolls back in any case)."""
    team_row = repo.team_row(session, workspace_id, filled.team)
    if team_row is None:
        raise NotFoundError(
            f"the file is for team {filled.team!r}, which is not in this workspace; add the "
            "team first", topic="team")
    model = load_model(filled.model_id, filled.model_version)
    run: RunInfo | None = None
    if run_id is not None:
        run = get_run(session, run_id, workspace_id)
        if (run.model_id, run.model_version) != model.key:
            raise ConflictError(
                f"run {run_id} uses {run.model_id} v{run.model_version}, the file "
                f"{model.id} v{model.version}; import it into a run of the same model"
            )
        if run.team_id != team_row.id:
            raise ConflictError(
                f"run {run_id} is for {run.scope}, the file for team {team_row.name}"
            )
        if not run.editable:
            raise ConflictError(
                f"assessment run {run_id} is {run.status}; reopen it as draft to add answers"
            )
    else:
        drafts = [r for r in list_runs(session, workspace_id, team_row.name,
                                       model_id=model.id)
                  if r.model_version == model.version and r.editable]
        run = drafts[-1] if drafts else None
    if run is not None and filled.respondent is not None:
        for other in list_respondents(session, run.id):
            if other.label.casefold() == filled.respondent.casefold():
                raise ConflictError(
                    f"{filled.respondent!r} already answered run {run.id}; remove that "
                    "answer first or import into another run with --run"
                )
    created = run is None
    if run is None:
        run = create_run(session, workspace_id, team_row.name, model.id, model.version,
                         filled.on_date)
    respondent = add_respondent(session, run.id, filled.respondent, source=source)
    answered = 0
    for answer in filled.answers:
        if answer.level is None and not answer.note and not answer.evidence:
            continue
        session.add(AssessmentAnswerRow(
            run_id=run.id, respondent_id=respondent.id, criterion_id=answer.criterion_id,
            level=answer.level, note=answer.note, evidence=answer.evidence,
            asked=respondent.label,
        ))
        answered += answer.level is not None
    session.flush()
    lifecycle.record_save(session, RUN_DOCUMENT, _run_row(session, run.id),
                          f"answers of {respondent.label} imported")
    return ImportResult(run=get_run(session, run.id), respondent=respondent,
                        created_run=created, answered=answered,
                        unanswered=model.criteria_count - answered)


# --- results ----------------------------------------------------------------------------


def aggregation(session: Session, run_id: int,
                model: AssessmentModel | None = None) -> Aggregation:
    """Per criterion the respondents' median, spread and disagreement flag."""
    run = get_run(session, run_id)
    model = model or run_model(run)
    return _aggregate(model, list_respondents(session, run_id),
                      list_answers(session, run_id, all_respondents=True))


def _aggregate(model: AssessmentModel, respondents: Sequence[Respondent],
               answers: Sequence[StoredAnswer]) -> Aggregation:
    responses = []
    for respondent in respondents:
        levels = {a.criterion_id: a.level for a in answers
                  if a.respondent_id == respondent.id}
        # labels keep anonymous numbering stable whoever was imported first
        responses.append(Response(respondent.label, levels))
    return aggregate_responses(model, responses)


def run_result(session: Session, run_id: int,
               model: AssessmentModel | None = None) -> AssessmentRun:
    """The run as the domain sees it: the coach's consolidated answers, and for criteria the
    coach left without a level, the respondents' lower median."""
    run = get_run(session, run_id)
    return _result(run, model or run_model(run), list_respondents(session, run_id),
                   list_answers(session, run_id, all_respondents=True))


def _result(run: RunInfo, model: AssessmentModel, respondents: Sequence[Respondent],
            answers: Sequence[StoredAnswer]) -> AssessmentRun:
    """``run_result`` from rows already read (every answer of the run, coach's included)."""
    own = {a.criterion_id: a for a in answers if a.respondent_id is None}
    agg = _aggregate(model, respondents, answers) if respondents else None
    medians = {c.criterion_id: c for c in agg.criteria} if agg else {}
    results = []
    for criterion_id in model.criterion_ids:
        answer = own.get(criterion_id)
        level = answer.level if answer else None
        asked = answer.asked if answer else ()
        median = medians.get(criterion_id)
        if level is None and median is not None and median.median is not None:
            level = median.median
            asked = asked or median.answered_by
        if answer is None and level is None:
            continue
        results.append(CriterionResult(
            criterion_id, level, answer.note if answer else "",
            answer.evidence if answer else "", tuple(asked),
        ))
    return AssessmentRun(
        run.model_id, run.model_version, run.scope, run.run_date, tuple(results),
        respondents=agg.respondents if agg else (),
    )


def run_score(session: Session, run_id: int,
              model: AssessmentModel | None = None) -> RunScore:
    run = get_run(session, run_id)
    model = model or run_model(run)
    return score_run(model, run_result(session, run_id, model))


def run_state(session: Session, run_id: int) -> LifecycleState:
    """Where the run stands: status, version, who must agree, who signed."""
    return lifecycle.state(session, RUN_DOCUMENT, _run_row(session, run_id))


class RunBook:
    """Every run of a workspace with its answers and respondents, read in a few queries, so
    that listing, scoring, comparing and exporting hundreds of runs work from memory rather
    than with about ten queries per run. Its methods give what the functions of the same
    name give for one run (``run_result``, ``run_score``, ``aggregation``, ...)."""

    def __init__(self, session: Session, workspace_id: int) -> None:
        self.runs = list_runs(session, workspace_id)
        self._by_id = {r.id: r for r in self.runs}
        in_workspace = select(AssessmentRunRow.id).where(
            AssessmentRunRow.workspace_id == workspace_id)
        self._answers: dict[int, list[StoredAnswer]] = {}
        for row in session.execute(select(*AssessmentAnswerRow.__table__.c)
                                   .where(col(AssessmentAnswerRow.run_id).in_(in_workspace))
                                   .order_by(col(AssessmentAnswerRow.id))):
            self._answers.setdefault(row.run_id, []).append(_answer(row))
        self._respondents: dict[int, list[Respondent]] = {}
        for row in session.exec(select(AssessmentRespondentRow)
                                .where(col(AssessmentRespondentRow.run_id).in_(in_workspace))
                                .order_by(col(AssessmentRespondentRow.id))):
            self._respondents.setdefault(row.run_id, []).append(_respondent(row))
        self._models: dict[tuple[str, int], AssessmentModel | WorkbenchError] = {}
        self._scores: dict[int, RunScore] = {}

    def run(self, run_id: int) -> RunInfo:
        return self._by_id[run_id]

    def model(self, run: RunInfo) -> AssessmentModel:
        """``run_model``, each model version loaded once (its error kept, and raised)."""
        key = (run.model_id, run.model_version)
        if key not in self._models:
            try:
                self._models[key] = run_model(run)
            except WorkbenchError as exc:
                self._models[key] = exc
        found = self._models[key]
        if isinstance(found, WorkbenchError):
            raise found
        return found

    def answers(self, run_id: int) -> list[StoredAnswer]:
        """Every answer of the run, the coach's and the respondents'."""
        return self._answers.get(run_id, [])

    def respondents(self, run_id: int) -> list[Respondent]:
        return self._respondents.get(run_id, [])

    def result(self, run_id: int) -> AssessmentRun:
        run = self.run(run_id)
        return _result(run, self.model(run), self.respondents(run_id), self.answers(run_id))

    def score(self, run_id: int) -> RunScore:
        if run_id not in self._scores:
            run = self.run(run_id)
            self._scores[run_id] = score_run(self.model(run), self.result(run_id))
        return self._scores[run_id]

    def aggregation(self, run_id: int) -> Aggregation:
        return _aggregate(self.model(self.run(run_id)), self.respondents(run_id),
                          self.answers(run_id))

    def scope_runs(self, team_id: int | None, team: str | None,
                   model_id: str) -> list[RunInfo]:
        """``_scope_runs``: the runs of one team (or of the organisation) and model, oldest
        first."""
        return sorted((r for r in self.runs if r.model_id == model_id and r.team_id == team_id
                       and (team_id is not None or r.team == team)),
                      key=lambda r: (r.run_date, r.id))

    def previous(self, run_id: int) -> RunInfo | None:
        run = self.run(run_id)
        earlier = [r for r in self.scope_runs(run.team_id, run.team, run.model_id)
                   if (r.run_date, r.id) < (run.run_date, run.id)]
        return earlier[-1] if earlier else None

    def compare(self, from_id: int, to_id: int) -> Comparison:
        _same_model(self.run(from_id), self.run(to_id))
        return compare_scores(self.score(from_id), self.score(to_id))

    def hypothesis_delta(self, stored: StoredHypothesis) -> HypothesisDelta | None:
        """``hypothesis_delta`` of a hypothesis of this workspace."""
        review = stored.hypothesis.review_date
        if review is None or not stored.hypothesis.criterion_ids:
            return None
        runs = self.scope_runs(stored.team_id, None, stored.model_id)
        before = [r for r in runs if r.run_date < review]
        after = [r for r in runs if r.run_date >= review]
        if not before or not after:
            return None
        return _delta(stored, before[-1], after[0], self.compare(before[-1].id, after[0].id))


def scored_runs(session: Session, workspace_id: int, team: str | None = None, *,
                organisation: bool = False) -> list[ScoredRun]:
    """Every run (in ``list_runs`` order, with its filters) with its score, the coach's
    progress and its lifecycle state; **a missing model never hides a run**: a run whose
    model file was removed (or cannot be read) is listed without a score, with the reason
    in ``model_error``. The one rule the CLI's list and the TUI's runs table share."""
    book = RunBook(session, workspace_id)
    runs = (book.runs if team is None and not organisation
            else list_runs(session, workspace_id, team, organisation=organisation))
    states = lifecycle.states(session, RUN_DOCUMENT, session.execute(
        select(AssessmentRunRow.id, AssessmentRunRow.workspace_id, AssessmentRunRow.status,
               AssessmentRunRow.version).where(AssessmentRunRow.workspace_id == workspace_id)
    ).all())
    scored = []
    for run in runs:
        own = {a.criterion_id: a for a in book.answers(run.id) if a.respondent_id is None}
        people = len(book.respondents(run.id))
        state = states[str(run.id)]
        try:
            model = book.model(run)
        except WorkbenchError as exc:  # the model is gone: list the run all the same
            scored.append(ScoredRun(
                run, state, None, None, answered=len(own),
                not_assessed=sum(1 for a in own.values() if a.level is None), total=None,
                model_error=str(exc), respondents=people,
                progress=progress_of(None, book.respondents(run.id), book.answers(run.id))))
            continue
        known = [own[c] for c in model.criterion_ids if c in own]
        score = book.score(run.id)
        scored.append(ScoredRun(
            run, state, model, score, answered=len(known),
            not_assessed=sum(1 for a in known if a.level is None),
            total=model.criteria_count, from_respondents=levels_from_respondents(own, score),
            respondents=people,
            progress=progress_of(model, book.respondents(run.id), book.answers(run.id))))
    return scored


def levels_from_respondents(own: dict[str, StoredAnswer], score: RunScore) -> int:
    """How many of the score's levels come from the respondents' median (the coach gave
    none for those criteria)."""
    return sum(1 for c in score.criteria if c.level is not None
               and (c.criterion_id not in own or own[c.criterion_id].level is None))


def compare_runs(session: Session, from_id: int, to_id: int) -> Comparison:
    """Deltas from run ``from_id`` to run ``to_id`` (same model id; versions may differ)."""
    _same_model(get_run(session, from_id), get_run(session, to_id))
    return compare_scores(run_score(session, from_id), run_score(session, to_id))


def _same_model(before: RunInfo, after: RunInfo) -> None:
    """Only runs of one model compare (its versions may differ)."""
    if before.model_id != after.model_id:
        raise ConflictError(
            f"run {before.id} uses model {before.model_id}, run {after.id} {after.model_id}; "
            "compare runs of the same model"
        )


def previous_run(session: Session, run_id: int) -> RunInfo | None:
    """The same team's (or organisation's) run of the same model just before this one."""
    run = get_run(session, run_id)
    same = _scope_runs(session, run.workspace_id, run.team_id, run.team, run.model_id)
    earlier = [r for r in same if (r.run_date, r.id) < (run.run_date, run.id)]
    return earlier[-1] if earlier else None


def _scope_runs(session: Session, workspace_id: int, team_id: int | None,
                team_name: str | None, model_id: str) -> list[RunInfo]:
    query = select(AssessmentRunRow).where(AssessmentRunRow.workspace_id == workspace_id,
                                           AssessmentRunRow.model_id == model_id)
    if team_id is not None:
        query = query.where(AssessmentRunRow.team_id == team_id)
    else:
        query = query.where(col(AssessmentRunRow.team_id).is_(None))
        query = query.where(col(AssessmentRunRow.team_name).is_(None) if team_name is None
                            else AssessmentRunRow.team_name == team_name)
    rows = session.exec(
        query.order_by(col(AssessmentRunRow.run_date), col(AssessmentRunRow.id))
    ).all()
    names = _team_names(session, (r.team_id for r in rows))
    return [_run(r, names) for r in rows]


# --- hypotheses -------------------------------------------------------------------------


def _stored(session: Session, row: HypothesisRow, names: dict[int, str] | None = None
            ) -> StoredHypothesis:
    criteria = session.exec(
        select(HypothesisCriterionRow.criterion_id)
        .where(HypothesisCriterionRow.hypothesis_id == row.id)
        .order_by(col(HypothesisCriterionRow.criterion_id))
    ).all()
    if names is None:
        names = _team_names(session, [row.team_id])
    hypothesis = Hypothesis.model_construct(
        stakeholder_group=row.stakeholder_group, capability=row.capability,
        outcome=row.outcome, signal=row.signal, criterion_ids=list(criteria),
        review_date=row.review_date, status=HypothesisStatus(row.status),
        evidence=row.evidence,
    )
    return StoredHypothesis(
        id=row.id, workspace_id=row.workspace_id, team_id=row.team_id,
        team=names.get(row.team_id) if row.team_id is not None else None,
        model_id=row.model_id, hypothesis=hypothesis, created_at=row.created_at,
        version=row.version,
    )


HYPOTHESIS_FIELDS = {
    "stakeholder_group": "the stakeholder group", "capability": "the capability",
    "outcome": "the outcome", "signal": "the signal", "criterion_ids": "the criteria",
    "review_date": "the review date", "status": "the status", "evidence": "the evidence",
}


def _hypothesis_problem(err: dict[str, Any]) -> Problem:
    """One pydantic error in words a coach understands, whichever front end shows it."""
    loc = [str(p) for p in err["loc"]]
    field = HYPOTHESIS_FIELDS.get(loc[0]) if loc else None
    kind, value = err["type"], err.get("input")
    if field is None:
        return Problem(".".join(loc), str(err["msg"]).removeprefix("Value error, "))
    if kind in ("missing", "string_too_short"):
        return Problem("", f"{field} is empty; write it out")
    if loc[0] == "criterion_ids" and kind == "string_pattern_mismatch":
        return Problem("", f"{value!r} is not a criterion id (ids look like org-structure)")
    if loc[0] == "status":
        known = ", ".join(s.value for s in HypothesisStatus)
        return Problem("", f"{value!r} is not a status; use one of: {known}")
    if loc[0] == "review_date":
        return Problem("", f"{field} {value!r} is not a date; use YYYY-MM-DD")
    return Problem("", f"{field}: {str(err['msg']).removeprefix('Value error, ')}")


def _validated(data: dict[str, Any], model_id: str) -> Hypothesis:
    try:
        hypothesis = Hypothesis.model_validate(data)
    except ValidationError as exc:
        problems = [_hypothesis_problem(err) for err in exc.errors()]
        raise AssessmentError(problems, "hypothesis") from None
    model = load_model(model_id)
    unknown = hypothesis.unknown_criteria(model)
    if unknown:
        raise AssessmentError(
            [Problem("criterion_ids", f"unknown criterion {c!r} for model {model.id}")
             for c in unknown], "hypothesis")
    return hypothesis


def _hypothesis_row(session: Session, hypothesis_id: int) -> HypothesisRow:
    row = session.get(HypothesisRow, hypothesis_id)
    if row is None:
        raise NotFoundError(f"no hypothesis {hypothesis_id}", topic="hypothesis")
    return row


def _write_criteria(session: Session, hypothesis_id: int, criterion_ids: Iterable[str]) -> None:
    for link in session.exec(select(HypothesisCriterionRow).where(
            HypothesisCriterionRow.hypothesis_id == hypothesis_id)).all():
        session.delete(link)
    session.flush()
    for criterion_id in dict.fromkeys(criterion_ids):
        session.add(HypothesisCriterionRow(hypothesis_id=hypothesis_id,
                                           criterion_id=criterion_id))


def add_hypothesis(session: Session, workspace_id: int, hypothesis: Hypothesis | dict, *,
                   team: str | None = None, model_id: str = DEFAULT_MODEL) -> StoredHypothesis:
    """Store a hypothesis for ``team`` (None = whole organisation); its criteria must exist
    in the newest version of ``model_id``."""
    data = hypothesis.model_dump() if isinstance(hypothesis, Hypothesis) else dict(hypothesis)
    valid = _validated(data, model_id)
    team_id = repo.get_team(session, workspace_id, team).id if team is not None else None
    row = HypothesisRow(
        workspace_id=workspace_id, team_id=team_id, model_id=model_id,
        stakeholder_group=valid.stakeholder_group, capability=valid.capability,
        outcome=valid.outcome, signal=valid.signal, review_date=valid.review_date,
        status=valid.status.value, evidence=valid.evidence,
    )
    session.add(row)
    session.flush()
    _write_criteria(session, row.id, valid.criterion_ids)
    session.flush()
    stored = _stored(session, row)
    repo.record_revision(session, workspace_id, "hypothesis", str(row.id),
                         {**valid.model_dump(mode="json"), "team": stored.team},
                         summary="added")
    return stored


def get_hypothesis(session: Session, hypothesis_id: int,
                   workspace_id: int | None = None) -> StoredHypothesis:
    return _stored(session, _hypothesis_in(session, hypothesis_id, workspace_id))


def list_hypotheses(session: Session, workspace_id: int, team: str | None = None, *,
                    status: HypothesisStatus | str | None = None) -> list[StoredHypothesis]:
    """Hypotheses in creation order; ``team`` also includes whole-organisation ones."""
    query = select(HypothesisRow).where(HypothesisRow.workspace_id == workspace_id)
    if team is not None:
        team_id = repo.get_team(session, workspace_id, team).id
        query = query.where((HypothesisRow.team_id == team_id)
                            | col(HypothesisRow.team_id).is_(None))
    if status is not None:
        query = query.where(HypothesisRow.status == HypothesisStatus(status).value)
    rows = session.exec(query.order_by(col(HypothesisRow.id))).all()
    names = _team_names(session, (r.team_id for r in rows))
    return [_stored(session, r, names) for r in rows]


def _hypothesis_in(session: Session, hypothesis_id: int,
                   workspace_id: int | None) -> HypothesisRow:
    row = _hypothesis_row(session, hypothesis_id)
    if workspace_id is not None and row.workspace_id != workspace_id:
        raise NotFoundError(f"no hypothesis {hypothesis_id} in this workspace",
                            topic="hypothesis")
    return row


def update_hypothesis(session: Session, hypothesis_id: int, *,
                      expected_version: int | None = None, workspace_id: int | None = None,
                      **changes: Any) -> StoredHypothesis:
    """Change fields of the domain ``Hypothesis`` (``status``, ``evidence``,
    ``review_date``, ``criterion_ids``, ...); the result is validated as a whole, so
    confirming or refuting needs evidence. With ``workspace_id`` the hypothesis must belong
    to that workspace; with ``expected_version`` it must not have changed since."""
    row = _hypothesis_in(session, hypothesis_id, workspace_id)
    repo.check_version(row, expected_version, f"hypothesis {hypothesis_id}")
    current = _stored(session, row).hypothesis.model_dump()
    unknown = set(changes) - set(current)
    if unknown:
        raise UsageError(f"unknown hypothesis field(s): {', '.join(sorted(unknown))}")
    valid = _validated({**current, **changes}, row.model_id)
    row.stakeholder_group, row.capability = valid.stakeholder_group, valid.capability
    row.outcome, row.signal = valid.outcome, valid.signal
    row.review_date, row.status, row.evidence = valid.review_date, valid.status.value, \
        valid.evidence
    # The linked criteria live in another table: bump the version even when only they
    # changed, so an edit based on the older list is refused.
    flag_modified(row, "status")
    session.add(row)
    if "criterion_ids" in changes:
        _write_criteria(session, row.id, valid.criterion_ids)
    session.flush()
    stored = _stored(session, row)
    repo.record_revision(session, row.workspace_id, "hypothesis", str(row.id),
                         {**valid.model_dump(mode="json"), "team": stored.team},
                         summary="updated")
    return stored


def remove_hypothesis(session: Session, hypothesis_id: int, *,
                      expected_version: int | None = None,
                      workspace_id: int | None = None) -> StoredHypothesis:
    row = _hypothesis_in(session, hypothesis_id, workspace_id)
    repo.check_version(row, expected_version, f"hypothesis {hypothesis_id}")
    stored = _stored(session, row)
    session.delete(row)
    session.flush()
    repo.record_revision(session, stored.workspace_id, "hypothesis", str(hypothesis_id),
                         {"stakeholder_group": stored.hypothesis.stakeholder_group},
                         status=ArtifactStatus.SUPERSEDED, summary="removed")
    return stored


def hypothesis_delta(session: Session, hypothesis_id: int) -> HypothesisDelta | None:
    """The linked criteria's movement across the review date (see the module docstring)."""
    stored = get_hypothesis(session, hypothesis_id)
    review = stored.hypothesis.review_date
    if review is None or not stored.hypothesis.criterion_ids:
        return None
    runs = _scope_runs(session, stored.workspace_id, stored.team_id, None, stored.model_id)
    before = [r for r in runs if r.run_date < review]
    after = [r for r in runs if r.run_date >= review]
    if not before or not after:
        return None
    return _delta(stored, before[-1], after[0],
                  compare_runs(session, before[-1].id, after[0].id))


def _delta(stored: StoredHypothesis, before: RunInfo, after: RunInfo,
           comparison: Comparison) -> HypothesisDelta:
    linked = set(stored.hypothesis.criterion_ids)
    criteria = tuple(c for c in comparison.criteria if c.criterion_id in linked)
    present = {c.criterion_id for c in criteria}
    missing = tuple(c for c in stored.hypothesis.criterion_ids if c not in present)
    return HypothesisDelta(stored.id, before, after, criteria, missing)


def hypothesis_deltas(session: Session, workspace_id: int,
                      team: str | None = None) -> dict[int, HypothesisDelta]:
    """Hypothesis id -> delta, for the listed hypotheses that have one."""
    found = {}
    for stored in list_hypotheses(session, workspace_id, team):
        delta = hypothesis_delta(session, stored.id)
        if delta is not None:
            found[stored.id] = delta
    return found


def count_runs(session: Session, workspace_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(AssessmentRunRow)
        .where(AssessmentRunRow.workspace_id == workspace_id)
    ).one()

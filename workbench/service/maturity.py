"""Maturity assessments for the front ends: the runs of a workspace with their scores and
lifecycle state, what the walk, summary, compare and respondents views show, the
hypotheses with their deltas, and the ordered queue that saves a walk's answers.

Decisions:
- Every method is one transaction and returns frozen values (see ``workbench.service``).
- A walk saves every answer as it is given, each in its own transaction, but quick key
  presses must neither reorder nor drop answers (an exclusive worker would cancel the
  pending ones). So the walk puts its writes into one FIFO queue (``AnswerQueue``) and
  starts a worker that drains it; the drain holds a lock, so writes run one at a time in
  the order given. Readers that must see every answer (the overview, the summary) apply
  what is queued first. The queue knows nothing of Textual: the screen starts the worker.
- A queued write that fails (the run was agreed by someone else meanwhile) does not stop
  the ones after it; the failure is raised by the next ``drain``, which the walk's worker
  runs, so the app reports it.
- Runs are listed by ``assessment_repo.scored_runs``: a run whose model is missing stays
  listed without a score.
- Respondent mode (``join``, ``walk(respondent_id=...)``): the respondent's answers go
  through the same queue, each with the version its walk last saw, so the same person in
  a second window cannot overwrite an answer unseen. Until the coach reveals the run
  (``reveal``), a respondent sees no one else's answers and the coach's views show only
  how many answered (a walk on the projector must not anchor the room either).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from workbench.domain.formats import parse_iso_date
from workbench.domain.maturity import (
    Aggregation,
    AssessmentModel,
    Comparison,
    CriterionAggregate,
    HypothesisStatus,
    RunScore,
    next_reassessment,
)
from workbench.domain.maturity.runs import (
    HypothesisDelta,
    Respondent,
    RespondentProgress,
    RunInfo,
    ScoredRun,
    StoredHypothesis,
)
from workbench.domain.organisation import Team
from workbench.errors import UsageError, WorkbenchError
from workbench.service import Area, Workbench
from workbench.store import assessment_repo as ar
from workbench.store import repo

DEFAULT_MODEL = ar.DEFAULT_MODEL
RUN_KIND = ar.RUN_KIND
"""The document kind of a run (``wb.documents``, ``document_actions``); its reference is the
run's id as text."""
ALL_SCOPES = "*all*"
ORGANISATION_SCOPE = "*organisation*"
"""Scope keys of a runs list: every run, or the runs for the whole organisation; a team's
scope key is its id as text."""


def scope_key(team_id: int | None) -> str:
    return ORGANISATION_SCOPE if team_id is None else str(team_id)


# --- what the views show ------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """The runs of a workspace, as of one load."""

    teams: tuple[Team, ...]
    rows: tuple[ScoredRun, ...]
    models: tuple[AssessmentModel, ...]
    """Models a new run can use: the newest version of each."""
    model_error: str | None = None
    """Why a model file could not be read, if one could not."""
    hypotheses: int = 0

    def row(self, run_id: int) -> ScoredRun | None:
        return next((r for r in self.rows if r.run.id == run_id), None)

    def rows_for(self, scope: str) -> list[ScoredRun]:
        if scope == ALL_SCOPES:
            return list(self.rows)
        return [r for r in self.rows if scope_key(r.run.team_id) == scope]

    def team_name(self, scope: str) -> str | None:
        """The team a scope key names (None for all runs or the whole organisation)."""
        return next((t.name for t in self.teams if str(t.id) == scope), None)

    def next_due(self, scope: str) -> date | None:
        """About six months after the scope's latest run (None for all runs)."""
        rows = self.rows_for(scope)
        if scope == ALL_SCOPES or not rows:
            return None
        return next_reassessment(max(r.run.run_date for r in rows))

    def earlier_run(self, row: ScoredRun) -> ScoredRun | None:
        """The same scope's run of the same model just before ``row``: what it is compared
        with when no other run is chosen."""
        key = scope_key(row.run.team_id)
        earlier = [r for r in self.rows
                   if scope_key(r.run.team_id) == key and r.run.model_id == row.run.model_id
                   and (r.run.run_date, r.run.id) < (row.run.run_date, row.run.id)]
        return max(earlier, key=lambda r: (r.run.run_date, r.run.id), default=None)


@dataclass(frozen=True)
class WalkAnswer:
    level: int | None
    note: str = ""
    evidence: str = ""


@dataclass(frozen=True)
class WalkData:
    run: RunInfo
    answers: dict[str, WalkAnswer] = field(default_factory=dict)
    """The walker's answers by criterion id: the coach's, or in respondent mode the
    respondent's own."""
    spreads: dict[str, CriterionAggregate] = field(default_factory=dict)
    """The respondents' answers, median and spread, for criteria they answered; empty until
    the coach revealed them."""
    previous: tuple[RunInfo, dict[str, int | None]] | None = None
    """The scope's run before this one and its levels ("last time"; not in respondent
    mode, where it would anchor the answer)."""
    respondent: Respondent | None = None
    """Respondent mode: who is answering."""
    hidden: dict[str, int] = field(default_factory=dict)
    """Before the reveal: how many respondents answered each criterion (levels hidden)."""
    progress: tuple[RespondentProgress, ...] = ()


@dataclass(frozen=True)
class Joined:
    """Respondent mode: the run, its model and the person answering it."""

    run: RunInfo
    model: AssessmentModel
    respondent: Respondent
    new: bool
    """They joined just now (False: they carry on where they stopped)."""


@dataclass(frozen=True)
class SummaryData:
    run: RunInfo
    score: RunScore
    from_respondents: int = 0
    """Levels of the score that the respondents' median gives (the coach gave none)."""


@dataclass(frozen=True)
class CompareData:
    before: RunInfo
    after: RunInfo
    comparison: Comparison
    dimension_names: dict[str, str]


@dataclass(frozen=True)
class RespondentsData:
    aggregation: Aggregation | None
    """None when nobody but the coach answered, or (with ``progress``) before the reveal."""
    levels: dict[tuple[str, str], int | None] = field(default_factory=dict)
    """(respondent label, criterion id) -> level; empty before the reveal."""
    progress: tuple[RespondentProgress, ...] = ()
    revealed: bool = True


@dataclass(frozen=True)
class HypothesesData:
    items: tuple[tuple[StoredHypothesis, HypothesisDelta | None], ...]
    models: dict[str, AssessmentModel]
    """Model id -> its newest version: the criteria a hypothesis can link to."""
    teams: tuple[Team, ...] = ()

    def criterion_name(self, model_id: str, criterion_id: str) -> str:
        model = self.models.get(model_id)
        criterion = model.criterion(criterion_id) if model else None
        return criterion.name if criterion else criterion_id


@dataclass(frozen=True)
class HypothesisFields:
    """A hypothesis as typed in a form; ``data()`` turns it into what the store takes."""

    stakeholder_group: str
    capability: str
    outcome: str
    signal: str
    criterion_ids: tuple[str, ...] = ()
    review_date: str = ""
    """YYYY-MM-DD, or empty for none."""
    status: str = HypothesisStatus.OPEN.value
    evidence: str = ""

    def data(self) -> dict[str, Any]:
        review = self.review_date.strip()
        try:
            day = parse_iso_date(review) if review else None
        except ValueError as exc:
            raise UsageError(f"review date: {exc}") from None
        return {"stakeholder_group": self.stakeholder_group, "capability": self.capability,
                "outcome": self.outcome, "signal": self.signal,
                "criterion_ids": list(self.criterion_ids), "review_date": day,
                "status": self.status, "evidence": self.evidence.strip()}


# --- the walk's answers -------------------------------------------------------------------

Write = Callable[[Any], object]


class AnswerQueue:
    """The walk's writes, saved one by one in the order given (see the module docstring).
    ``set_answer`` / ``set_cursor`` only queue; ``drain`` (in a thread) saves."""

    def __init__(self, wb: Workbench) -> None:
        self.wb = wb
        self._pending: deque[Write] = deque()
        self._failed: list[WorkbenchError] = []
        self._lock = threading.Lock()
        # respondent mode: the version of each answer as last read or saved, so a save from
        # a stale window (the same person answering elsewhere) is refused, not lost
        self._versions: dict[tuple[int, int, str], int] = {}

    def seen(self, run_id: int, respondent_id: int, versions: dict[str, int]) -> None:
        """The respondent's answers as a walk loaded them (criterion id -> version)."""
        for key in [k for k in self._versions if k[:2] == (run_id, respondent_id)]:
            del self._versions[key]
        for criterion_id, version in versions.items():
            self._versions[(run_id, respondent_id, criterion_id)] = version

    def set_answer(self, run_id: int, criterion_id: str, level: int | None,
                   note: str | None = None, evidence: str | None = None, *,
                   model: AssessmentModel | None = None,
                   respondent_id: int | None = None) -> None:
        """Queue the coach's answer, or with ``respondent_id`` that respondent's (``None``
        level: not assessed; ``None`` note or evidence: keep what is there)."""
        if respondent_id is None:
            self._pending.append(lambda s: ar.set_answer(s, run_id, criterion_id, level, note,
                                                         evidence, model=model))
            return
        key = (run_id, respondent_id, criterion_id)

        def write(session) -> object:
            saved = ar.set_answer(session, run_id, criterion_id, level, note, evidence,
                                  model=model, respondent_id=respondent_id,
                                  expected_version=self._versions.get(key, 0))
            self._versions[key] = saved.version
            return saved
        self._pending.append(write)

    def set_cursor(self, run_id: int, criterion_id: str | None, *,
                   respondent_id: int | None = None) -> None:
        """Queue where the coach (or the respondent) is, so the walk resumes there."""
        if respondent_id is None:
            self._pending.append(lambda s: ar.set_cursor(s, run_id, criterion_id))
        else:
            self._pending.append(lambda s: ar.set_respondent_cursor(s, run_id, respondent_id,
                                                                    criterion_id))

    @property
    def pending(self) -> int:
        return len(self._pending)

    def apply(self) -> None:
        """Save every queued write, oldest first, each in its own transaction; failures are
        kept for the next ``drain``."""
        with self._lock:
            while True:
                try:
                    write = self._pending.popleft()
                except IndexError:
                    return
                try:
                    self.wb.write(write)
                except WorkbenchError as exc:
                    self._failed.append(exc)

    def drain(self) -> None:
        """``apply``, then raise the first failure since the last drain (if any)."""
        self.apply()
        with self._lock:
            failed, self._failed = self._failed, []
        if len(failed) == 1:
            raise failed[0]
        if failed:
            raise WorkbenchError(f"{failed[0]} ({len(failed) - 1} more answers were not "
                                 "saved either)")


# --- the area -----------------------------------------------------------------------------


class MaturityService(Area):
    @property
    def answers(self) -> AnswerQueue:
        """The one answer queue of this ``Workbench`` (``setdefault`` keeps it one even if
        two threads ask first at the same time)."""
        queue = self.wb.__dict__.get("_maturity_answers")
        if queue is None:
            queue = self.wb.__dict__.setdefault("_maturity_answers", AnswerQueue(self.wb))
        return queue

    # --- runs

    def scored_runs(self, workspace_id: int, team: str | None = None, *,
                    organisation: bool = False) -> list[ScoredRun]:
        """Every run with its score, tolerating a missing model (``assess list`` too)."""
        return self.wb.read(ar.scored_runs, workspace_id, team, organisation=organisation)

    def overview(self, workspace_id: int) -> Overview:
        from workbench.store.model_files import load_models

        self.answers.apply()  # answers a walk is still saving
        model_error = None
        try:
            loaded = load_models()
        except WorkbenchError as exc:  # a broken user model file: say so, list the runs
            loaded = []
            model_error = str(exc)
        newest: dict[str, AssessmentModel] = {}
        for item in loaded:
            current = newest.get(item.model.id)
            if current is None or item.model.version > current.version:
                newest[item.model.id] = item.model

        def load(session) -> Overview:
            rows = ar.scored_runs(session, workspace_id)
            error = model_error or next((r.model_error for r in rows if r.model_error), None)
            return Overview(tuple(repo.list_teams(session, workspace_id)), tuple(rows),
                            tuple(newest.values()), error,
                            len(ar.list_hypotheses(session, workspace_id)))
        return self.wb.read(load)

    def start_run(self, workspace_id: int, team: str | None, model: AssessmentModel,
                  day: date, title: str = "") -> RunInfo:
        """A new draft run for ``team`` (None: the whole organisation)."""
        return self.wb.write(ar.create_run, workspace_id, team, model.id, model.version, day,
                             title=title)

    def walk(self, workspace_id: int, run_id: int, model: AssessmentModel, *,
             respondent_id: int | None = None) -> WalkData:
        """What the coach's walk shows, or with ``respondent_id`` that respondent's: their
        own answers, and the others' only once the coach revealed them."""
        self.answers.apply()

        def load(session) -> WalkData:
            run = ar.get_run(session, run_id, workspace_id)
            who = ar.respondent(session, run.id, respondent_id) \
                if respondent_id is not None else None
            stored = ar.list_answers(session, run.id, respondent_id)
            answers = {a.criterion_id: WalkAnswer(a.level, a.note, a.evidence)
                       for a in stored}
            respondents = ar.list_respondents(session, run.id)
            spreads: dict[str, CriterionAggregate] = {}
            hidden: dict[str, int] = {}
            progress: tuple = ()
            if respondents:
                everyone = ar.list_answers(session, run.id, all_respondents=True)
                progress = ar.progress_of(model, respondents, everyone)
                if run.revealed:
                    aggregation = ar.aggregation(session, run.id, model)
                    spreads = {c.criterion_id: c for c in aggregation.criteria if c.answers}
                elif who is None:
                    for a in everyone:
                        if a.respondent_id is not None and a.level is not None:
                            hidden[a.criterion_id] = hidden.get(a.criterion_id, 0) + 1
            previous = None
            before = ar.previous_run(session, run.id) if who is None else None
            if before is not None:
                try:
                    previous = (before, ar.run_result(session, before.id).levels)
                except WorkbenchError:  # the earlier run's model is gone: no "last time"
                    previous = None
            if who is not None:
                self.answers.seen(run.id, who.id, {a.criterion_id: a.version for a in stored})
            return WalkData(run, answers, spreads, previous, who, hidden, progress)
        return self.wb.read(load)

    # --- respondent mode

    def join(self, run_id: int, name: str | None) -> Joined:
        """Respondent mode: ``name`` answers run ``run_id`` (carrying on if they joined
        before); ``None`` joins anonymously under a new pseudonym."""
        run, who, new = self.wb.write(ar.join_run, run_id, name)
        return Joined(run, ar.run_model(run), who, new)

    def reveal(self, workspace_id: int, run_id: int) -> RunInfo:
        """Show the respondents' answers: to the coach's views and to every respondent."""
        return self.wb.write(ar.reveal_answers, run_id, workspace_id)

    def progress(self, workspace_id: int, run_id: int) -> tuple[RespondentProgress, ...]:
        def load(session):
            ar.get_run(session, run_id, workspace_id)
            return ar.run_progress(session, run_id)
        return self.wb.read(load)

    def summary(self, workspace_id: int, run_id: int, model: AssessmentModel) -> SummaryData:
        self.answers.apply()

        def load(session) -> SummaryData:
            run = ar.get_run(session, run_id, workspace_id)
            score = ar.run_score(session, run.id, model)
            own = {a.criterion_id: a for a in ar.list_answers(session, run.id)}
            return SummaryData(run, score, ar.levels_from_respondents(own, score))
        return self.wb.read(load)

    def compare(self, workspace_id: int, before_id: int, after_id: int) -> CompareData:
        self.answers.apply()

        def load(session) -> CompareData:
            before = ar.get_run(session, before_id, workspace_id)
            after = ar.get_run(session, after_id, workspace_id)
            comparison = ar.compare_runs(session, before.id, after.id)
            names = {d.id: d.name for d in ar.run_model(after).dimensions}
            return CompareData(before, after, comparison, names)
        return self.wb.read(load)

    def respondents(self, workspace_id: int, run_id: int,
                    model: AssessmentModel) -> RespondentsData:
        """Who answered and how far they got; their levels, medians and spreads once the
        answers are revealed."""
        def load(session) -> RespondentsData:
            run = ar.get_run(session, run_id, workspace_id)
            people = ar.list_respondents(session, run.id)
            if not people:
                return RespondentsData(None, revealed=run.revealed)
            labels = {r.id: r.label for r in people}
            answers = ar.list_answers(session, run.id, all_respondents=True)
            progress = ar.progress_of(model, people, answers)
            if not run.revealed:
                return RespondentsData(None, progress=progress, revealed=False)
            levels = {(labels[a.respondent_id], a.criterion_id): a.level
                      for a in answers if a.respondent_id in labels}
            return RespondentsData(ar.aggregation(session, run.id, model), levels, progress)
        return self.wb.read(load)

    # --- hypotheses

    def hypotheses(self, workspace_id: int, team: str | None = None, *,
                   model_ids: Sequence[str] = (DEFAULT_MODEL,)) -> HypothesesData:
        """The hypotheses of ``team`` (and the whole organisation's; None: all), each with
        its delta, and the models their criteria come from (plus ``model_ids``)."""
        def load(session):
            stored = ar.list_hypotheses(session, workspace_id, team)
            items = tuple((h, ar.hypothesis_delta(session, h.id)) for h in stored)
            return items, tuple(repo.list_teams(session, workspace_id))
        items, teams = self.wb.read(load)
        models = {}
        for model_id in dict.fromkeys([*model_ids, *(h.model_id for h, _ in items)]):
            try:
                models[model_id] = ar.load_model(model_id)
            except WorkbenchError:  # its model is gone: show the ids as they are
                continue
        return HypothesesData(items, models, teams)

    def add_hypothesis(self, workspace_id: int, fields: HypothesisFields, *,
                       team: str | None = None,
                       model_id: str = DEFAULT_MODEL) -> StoredHypothesis:
        data = fields.data()
        return self.wb.write(ar.add_hypothesis, workspace_id, data, team=team,
                             model_id=model_id)

    def update_hypothesis(self, workspace_id: int, stored: StoredHypothesis,
                          fields: HypothesisFields) -> StoredHypothesis:
        """Save ``fields`` over ``stored``; refused if someone changed it since it was
        read."""
        data = fields.data()
        return self.wb.write(ar.update_hypothesis, stored.id, workspace_id=workspace_id,
                             expected_version=stored.version, **data)

    def remove_hypothesis(self, workspace_id: int,
                          stored: StoredHypothesis) -> StoredHypothesis:
        return self.wb.write(ar.remove_hypothesis, stored.id, workspace_id=workspace_id,
                             expected_version=stored.version)

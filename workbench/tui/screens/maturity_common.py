"""Shared pieces of the maturity screens: what the overview loads, and how scores, deltas and
dates are written on screen. Loading functions run in thread workers (never on the UI
thread) and return frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from sqlalchemy.engine import Engine

from workbench.domain.maturity import (
    AssessmentModel,
    Direction,
    RunScore,
    display,
    next_reassessment,
)
from workbench.domain.organisation import Team, Workspace
from workbench.errors import WorkbenchError
from workbench.store import assessment_repo as ar
from workbench.store import repo
from workbench.store.db import reading

ALL_SCOPES = "*all*"
ORGANISATION_SCOPE = "*organisation*"


def today() -> date:
    """Today's date (tests replace this function to get fixed dates)."""
    return date.today()


def fmt_level(value: Fraction | int | None) -> str:
    return "-" if value is None else f"{display(value, 2)}"


def fmt_percent(value: Fraction | None) -> str:
    return "-" if value is None else f"{display(value, 0)}%"


def fmt_delta(value: Fraction | int | None) -> str:
    """``+1`` for levels, ``+0.50`` for means; empty when there is no delta."""
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value:+d}"
    return f"{display(value, 2):+.2f}"


ARROWS = {
    Direction.UP: ("↑", "bold green"),
    Direction.DOWN: ("↓", "bold red"),
    Direction.SAME: ("=", "dim"),
    Direction.ONLY_BEFORE: ("only before", "dim italic"),
    Direction.ONLY_AFTER: ("new", "dim italic"),
}


def scope_key(team_id: int | None) -> str:
    return ORGANISATION_SCOPE if team_id is None else str(team_id)


@dataclass(frozen=True)
class RunRow:
    """One run with its score and how far its walk got."""

    run: ar.RunInfo
    score: RunScore
    answered: int  # criteria with a coach answer (a level or "not assessed")
    total: int

    @property
    def scope_key(self) -> str:
        return scope_key(self.run.team_id)


@dataclass(frozen=True)
class Overview:
    teams: tuple[Team, ...]
    rows: tuple[RunRow, ...]
    models: tuple[AssessmentModel, ...]  # models a new run can use (newest versions)
    run_models: dict[tuple[str, int], AssessmentModel] = field(default_factory=dict)
    model_error: str | None = None
    hypotheses: int = 0

    def rows_for(self, scope: str) -> list[RunRow]:
        if scope == ALL_SCOPES:
            return list(self.rows)
        return [r for r in self.rows if r.scope_key == scope]

    def next_due(self, scope: str) -> date | None:
        """About six months after the scope's latest run."""
        rows = self.rows_for(scope)
        if scope == ALL_SCOPES or not rows:
            return None
        return next_reassessment(max(r.run.run_date for r in rows))


def load_overview(engine: Engine, workspace: Workspace) -> Overview:
    from workbench.store.model_files import load_models
    from workbench.tui.screens.maturity_writer import drain

    drain()  # answers still being saved from a walk
    model_error = None
    try:
        loaded = load_models()
    except WorkbenchError as exc:  # a broken user model file: show it, keep the screen
        loaded = []
        model_error = str(exc)
    newest: dict[str, AssessmentModel] = {}
    for item in loaded:
        current = newest.get(item.model.id)
        if current is None or item.model.version > current.version:
            newest[item.model.id] = item.model
    run_models: dict[tuple[str, int], AssessmentModel] = {
        item.model.key: item.model for item in loaded
    }
    rows = []
    with reading(engine) as session:
        teams = tuple(repo.list_teams(session, workspace.id))
        for run in ar.list_runs(session, workspace.id):
            key = (run.model_id, run.model_version)
            if key not in run_models:
                try:
                    run_models[key] = ar.run_model(run)
                except WorkbenchError as exc:  # its model file is gone: list the others
                    model_error = str(exc)
                    continue
            model = run_models[key]
            answered = {a.criterion_id for a in ar.list_answers(session, run.id)}
            rows.append(RunRow(run, ar.run_score(session, run.id, model),
                               len(answered & set(model.criterion_ids)),
                               model.criteria_count))
        hypotheses = len(ar.list_hypotheses(session, workspace.id))
    return Overview(teams, tuple(rows), tuple(newest.values()), run_models, model_error,
                    hypotheses)


def next_due_by_team(engine: Engine, workspace_id: int) -> dict[int | None, date]:
    """Team id (None = whole organisation) -> next reassessment date after its latest run."""
    latest: dict[int | None, date] = {}
    with reading(engine) as session:
        for run in ar.list_runs(session, workspace_id):
            if run.team_id not in latest or run.run_date > latest[run.team_id]:
                latest[run.team_id] = run.run_date
    return {team: next_reassessment(day) for team, day in latest.items()}

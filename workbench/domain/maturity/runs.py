"""Stored assessment runs, respondents, answers and hypotheses as frozen values: what the
store returns and the CLI, exporters and TUI read. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.maturity.compare import CriterionDelta
from workbench.domain.maturity.hypotheses import Hypothesis
from workbench.domain.maturity.model import AssessmentModel
from workbench.domain.maturity.scoring import RunScore
from workbench.domain.organisation import ArtifactStatus

ORGANISATION = "whole organisation"


@dataclass(frozen=True)
class RunInfo:
    id: int
    workspace_id: int
    team_id: int | None
    team: str | None  # None = the whole organisation
    model_id: str
    model_version: int
    run_date: date
    title: str
    notes: str
    status: ArtifactStatus
    cursor: str | None  # last criterion visited, to resume there
    created_at: datetime
    version: int = 1
    revealed_at: datetime | None = None
    """When the coach revealed the respondents' answers to them (None: still hidden)."""

    @property
    def revealed(self) -> bool:
        return self.revealed_at is not None

    @property
    def scope(self) -> str:
        """The team's name, or "whole organisation"."""
        return self.team if self.team is not None else ORGANISATION

    @property
    def editable(self) -> bool:
        return self.status is ArtifactStatus.DRAFT


@dataclass(frozen=True)
class Respondent:
    id: int
    run_id: int
    name: str | None  # None = anonymous
    label: str  # the name, or "anonymous N"
    source: str = ""
    cursor: str | None = None  # the criterion their own walk resumes at

    @property
    def anonymous(self) -> bool:
        return self.name is None


@dataclass(frozen=True)
class RespondentProgress:
    """How far one respondent got: criteria of the run's model they answered (a level or
    "not assessed") out of all of them."""

    label: str
    answered: int
    total: int | None  # None when the run's model is missing

    @property
    def finished(self) -> bool:
        return self.total is not None and self.answered >= self.total

    @property
    def started(self) -> bool:
        return self.answered > 0

    @property
    def stage(self) -> str:
        """``finished``, ``part way`` or ``not started``."""
        if self.finished:
            return "finished"
        return "part way" if self.started else "not started"


def progress_line(progress: tuple[RespondentProgress, ...] | list[RespondentProgress], *,
                  names: bool = True) -> str:
    """``3 respondents: 1 finished, 1 part way (Asha 12/28), 1 not started`` (without
    ``names``: no parenthesis)."""
    if not progress:
        return "no respondents yet"
    finished = [p for p in progress if p.finished]
    part_way = [p for p in progress if p.started and not p.finished]
    waiting = [p for p in progress if not p.started]
    parts = []
    if finished:
        parts.append(f"{len(finished)} finished")
    if part_way:
        shown = ", ".join(f"{p.label} {p.answered}/{'?' if p.total is None else p.total}"
                          for p in part_way)
        parts.append(f"{len(part_way)} part way ({shown})" if names
                     else f"{len(part_way)} part way")
    if waiting:
        parts.append(f"{len(waiting)} not started")
    count = len(progress)
    return f"{count} respondent{'' if count == 1 else 's'}: {', '.join(parts)}"


@dataclass(frozen=True)
class StoredAnswer:
    run_id: int
    respondent_id: int | None  # None = the coach's consolidated answer
    criterion_id: str
    level: int | None
    note: str
    evidence: str
    asked: tuple[str, ...]
    updated_at: datetime
    version: int = 1


@dataclass(frozen=True)
class ImportResult:
    run: RunInfo
    respondent: Respondent
    created_run: bool
    answered: int  # criteria with a level
    unanswered: int  # criteria of the model without one


@dataclass(frozen=True)
class StoredHypothesis:
    id: int
    workspace_id: int
    team_id: int | None
    team: str | None  # None = the whole organisation
    model_id: str
    hypothesis: Hypothesis
    created_at: datetime
    version: int = 1

    @property
    def scope(self) -> str:
        return self.team if self.team is not None else ORGANISATION


@dataclass(frozen=True)
class HypothesisDelta:
    hypothesis_id: int
    before: RunInfo
    after: RunInfo
    criteria: tuple[CriterionDelta, ...]  # linked criteria present in either run
    missing: tuple[str, ...]  # linked criteria assessed in neither run


@dataclass(frozen=True)
class ScoredRun:
    """A run as a list shows it: its score, how far the coach's walk got, and where it stands
    in its lifecycle. A run whose model file is missing (or broken) is still listed: then
    ``model`` and ``score`` are None and ``model_error`` says why."""

    run: RunInfo
    state: LifecycleState
    model: AssessmentModel | None
    score: RunScore | None
    answered: int
    """Criteria of the model with a coach answer: a level or an explicit "not assessed"."""
    not_assessed: int
    """Of those, the ones the coach marked "not assessed"."""
    total: int | None
    """Criteria of the run's model (None when the model is missing)."""
    model_error: str | None = None
    from_respondents: int = 0
    """Criteria without a level from the coach that the respondents' median fills."""
    respondents: int = 0
    """People who answered the run besides the coach."""
    progress: tuple[RespondentProgress, ...] = ()
    """Each respondent's progress, in the order they joined."""

    @property
    def unanswered(self) -> int | None:
        return None if self.total is None else self.total - self.answered

    @property
    def complete(self) -> bool:
        return self.total is not None and self.answered >= self.total

    @property
    def status_label(self) -> str:
        """``draft``, ``agreed``, or ``draft*``: a draft while an agreed revision is in
        force."""
        status = self.state.status.value
        if self.state.status is ArtifactStatus.DRAFT and self.state.in_force is not None:
            return f"{status}*"
        return status

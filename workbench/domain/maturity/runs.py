"""Stored assessment runs, respondents, answers and hypotheses as frozen values: what the
store returns and the CLI, exporters and TUI read. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from workbench.domain.maturity.compare import CriterionDelta
from workbench.domain.maturity.hypotheses import Hypothesis
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

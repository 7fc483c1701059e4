"""Transformation hypotheses: per stakeholder group, a capability expected to produce an
outcome, and the measurable signal that shows it did. Published, then reviewed later.

Decisions: ``confirmed`` and ``refuted`` need evidence (what the signal showed); a hypothesis
is due for review when it is still open and its review date has come.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr, StringConstraints, model_validator

from workbench.domain.maturity.model import ID_PATTERN, AssessmentModel

Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]
CriterionId = Annotated[StrictStr, StringConstraints(pattern=ID_PATTERN)]


class HypothesisStatus(StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    REFUTED = "refuted"
    DROPPED = "dropped"


class Hypothesis(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    stakeholder_group: Text
    capability: Text
    outcome: Text
    signal: Text
    criterion_ids: list[CriterionId] = Field(default_factory=list)
    review_date: date | None = None
    status: HypothesisStatus = HypothesisStatus.OPEN
    evidence: str = ""

    @model_validator(mode="after")
    def _evidence_for_verdict(self) -> Hypothesis:
        verdict = self.status in (HypothesisStatus.CONFIRMED, HypothesisStatus.REFUTED)
        if verdict and not self.evidence.strip():
            raise ValueError(
                f"a {self.status.value} hypothesis needs evidence: say what the signal showed"
            )
        return self

    def statement(self) -> str:
        return (
            f"We believe {self.capability} will result in {self.outcome}. "
            f"We know we succeeded when {self.signal}."
        )

    def unknown_criteria(self, model: AssessmentModel) -> list[str]:
        known = set(model.criterion_ids)
        return [c for c in self.criterion_ids if c not in known]

    def is_due(self, today: date) -> bool:
        return (
            self.status is HypothesisStatus.OPEN
            and self.review_date is not None
            and self.review_date <= today
        )

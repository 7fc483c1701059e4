"""What every front end and export shows of an on-call agreement, computed once: the
out-of-hours recommendation beside each decision (with the target it used), each rotation's
generated schedule and fairness figures over the horizon, what is missing before it can be
agreed, and the lifecycle.

``OnCallPage.build`` takes the store's ``StoredAgreement`` (``store.oncall_repo``), the
workspace's rules and the services' SLO targets, so the service (``wb.oncall``) and the
registry exporter build the same page from the same data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.names import lookup_key
from workbench.domain.oncall import (
    Agreement,
    Decision,
    Recommendation,
    Rotation,
    Rules,
    follows_rule,
    missing_parts,
    recommend_for,
)
from workbench.domain.oncall.fairness import Fairness, fairness
from workbench.domain.oncall.schedule import Schedule, generate
from workbench.domain.plain_values import MissingPart

DEFAULT_WEEKS = 8


@dataclass(frozen=True)
class DecisionRow:
    decision: Decision
    target: Decimal | None
    """The target the rule used: the decision's own, else the service's strictest SLO."""
    target_from: str
    """Where the target came from: "" (the decision's own), an SLO's name, or "none"."""
    recommendation: Recommendation
    follows: bool | None
    """Whether the recorded choice is what the rule says (None: undecided or not covered)."""


@dataclass(frozen=True)
class RotationPlan:
    rotation: Rotation
    schedule: Schedule
    fairness: Fairness


@dataclass(frozen=True)
class OnCallPage:
    agreement: Agreement
    state: LifecycleState
    as_of: date
    rules: Rules
    weeks: int = DEFAULT_WEEKS
    decisions: tuple[DecisionRow, ...] = ()
    plans: tuple[RotationPlan, ...] = ()
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None
    missing: tuple[MissingPart, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def warnings(self) -> int:
        return sum(len(p.fairness.warnings) for p in self.plans)

    def plan(self, rotation: str) -> RotationPlan | None:
        key = lookup_key(rotation)
        return next((p for p in self.plans if lookup_key(p.rotation.name) == key), None)

    @classmethod
    def build(cls, stored: Any, as_of: date, *, rules: Rules,
              targets: dict[str, tuple[Decimal, str]], weeks: int = DEFAULT_WEEKS,
              problems: tuple[str, ...] = ()) -> OnCallPage:
        """From ``store.oncall_repo.StoredAgreement``; ``targets`` maps a service to its
        strictest availability SLO (target, SLO name)."""
        agreement: Agreement = stored.agreement
        known = {lookup_key(s): v for s, v in targets.items()}
        return cls(
            agreement=agreement, state=stored.state, as_of=as_of, rules=rules, weeks=weeks,
            decisions=tuple(decision_row(d, rules, known.get(lookup_key(d.service)))
                            for d in agreement.decisions),
            plans=tuple(plan(x, rules, as_of, weeks) for x in agreement.rotations),
            in_force_number=stored.in_force_number, revisions=stored.revisions,
            last_saved=stored.last_saved, missing=missing_parts(agreement),
            problems=problems)


def decision_row(decision: Decision, rules: Rules,
                 slo: tuple[Decimal, str] | None) -> DecisionRow:
    if decision.target is not None:
        target, source = decision.target, ""
    elif slo is not None:
        target, source = slo
    else:
        target, source = None, "none"
    recommendation = recommend_for(decision, rules, target)
    return DecisionRow(decision, target, source, recommendation,
                       follows_rule(decision, recommendation))


def plan(rotation: Rotation, rules: Rules, since: date, weeks: int) -> RotationPlan:
    schedule = generate(rotation, since=since, weeks=weeks)
    return RotationPlan(rotation, schedule, fairness(schedule, rules))

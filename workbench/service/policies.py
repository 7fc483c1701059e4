"""Error budget policies of a workspace: the list and one policy with what the screens and
commands show beside it (missing parts, problems, the evaluation if today's figures hold),
changes (whole or by part), import, evaluation against the store, the CI gate for a service,
and which SLOs are under a freeze.

Decisions:
- A view's evaluation is of the policy's *current* content (what the editor shows: "if
  today's figures hold"); ``evaluate`` and ``gate`` use the agreed revision in force, unless
  asked for the draft or there is none.
- The gate for a service uses every policy whose revision in force covers the service (by
  name, or through one of its SLOs); a freeze in any of them is in force. With no agreed
  policy, only the remaining budget is checked against the threshold.
- The data's age for the gate is counted in whole days: the counts of a day cover all of it,
  so counts up to yesterday are one day (24 h) old.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.names import lookup_key
from workbench.domain.policy import (
    DEFAULT_MAX_AGE,
    DEFAULT_THRESHOLD,
    Evaluation,
    GateDecision,
    MissingPart,
    Policy,
    SloFigures,
    decide,
    in_scope,
    missing_parts,
    policy_values,
    policy_windows,
    read_policy,
    starter_policy,
)
from workbench.errors import NotFoundError
from workbench.service.whole_documents import DocumentImport, WholeDocuments
from workbench.store import policy_repo, repo
from workbench.store.policy_repo import Budgets, ScopeChoices, StoredPolicy

KIND = "policy"


@dataclass(frozen=True)
class PolicyView:
    policy: Policy
    state: LifecycleState
    as_of: date
    in_force: Policy | None = None
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None
    missing: tuple[MissingPart, ...] = ()
    problems: tuple[str, ...] = ()
    evaluation: Evaluation | None = None
    """The current content evaluated against today's figures."""
    in_force_evaluation: Evaluation | None = None
    """The agreed revision in force evaluated against the same figures (what is frozen
    now); None while nothing is agreed."""
    id: int = 0
    kind: str = KIND

    @property
    def ref(self) -> str:
        return self.policy.name

    @property
    def version(self) -> int:
        return self.state.version

    @property
    def freeze(self) -> bool:
        return self.evaluation is not None and self.evaluation.freeze


@dataclass(frozen=True)
class PolicyList:
    as_of: date
    policies: tuple[PolicyView, ...]
    choices: ScopeChoices
    freezes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """SLO name -> policies with a freeze in force (agreed revisions in force)."""

    def find(self, ref: str) -> PolicyView | None:
        key = lookup_key(ref)
        return next((v for v in self.policies if lookup_key(v.ref) == key), None)


PolicyImport = DocumentImport


@dataclass(frozen=True)
class PolicyEvaluation:
    view: PolicyView
    evaluation: Evaluation
    label: str
    """Which content was evaluated: "agreed revision 3 in force" or "draft (not agreed)"."""
    figures: tuple[SloFigures, ...] = ()


class PoliciesService(WholeDocuments):
    repo = policy_repo
    stored_field = "policy"
    match_uid = True
    topic = KIND
    values_of = staticmethod(policy_values)
    read_values = staticmethod(read_policy)

    def _as_of(self, as_of: date | None) -> date:
        return as_of or self.wb.today()

    def _view(self, session, workspace_id: int, stored: StoredPolicy, as_of: date,
              choices: ScopeChoices | None = None,
              budgets: Budgets | None = None) -> PolicyView:
        budgets = budgets or policy_repo.Budgets(session, workspace_id, as_of)
        return PolicyView(
            policy=stored.policy, state=stored.state, as_of=as_of, id=stored.id,
            in_force=stored.in_force,
            in_force_number=stored.in_force_number, revisions=stored.revisions,
            last_saved=stored.last_saved, missing=missing_parts(stored.policy),
            problems=tuple(policy_repo.problems(session, workspace_id, stored.policy,
                                                choices)),
            evaluation=budgets.evaluate(stored.policy),
            in_force_evaluation=(budgets.evaluate(stored.in_force)
                                 if stored.in_force is not None else None))

    def overview(self, workspace_id: int, as_of: date | None = None) -> PolicyList:
        day = self._as_of(as_of)

        def load(session) -> PolicyList:
            choices = policy_repo.scope_choices(session, workspace_id)
            budgets = policy_repo.Budgets(session, workspace_id, day)
            stored = policy_repo.list_policies(session, workspace_id)
            views = tuple(self._view(session, workspace_id, s, day, choices, budgets)
                          for s in stored)
            return PolicyList(day, views, choices, policy_repo.freezes(
                session, workspace_id, day, policies=stored, budgets=budgets))
        return self.wb.read(load)

    def view(self, workspace_id: int, ref: str, as_of: date | None = None) -> PolicyView:
        day = self._as_of(as_of)
        return self.wb.read(lambda session: self._view(
            session, workspace_id, policy_repo.load(session, workspace_id, ref), day))

    def choices(self, workspace_id: int) -> ScopeChoices:
        return self.wb.read(policy_repo.scope_choices, workspace_id)

    def new(self, workspace_id: int, name: str, *, team: str | None = None,
            services: Sequence[str] = (), slos: Sequence[str] = ()) -> PolicyView:
        """A draft from the starter policy (the book's example conditions)."""
        values = policy_values(starter_policy(name, team=team, services=services, slos=slos,
                                              today=self.wb.today()))
        return self.create(workspace_id, self.read(values))

    def evaluate(self, workspace_id: int, ref: str, as_of: date | None = None, *,
                 draft: bool = False) -> PolicyEvaluation:
        """The agreed revision in force (or the current content when ``draft`` or nothing
        is agreed yet) against the figures as of ``as_of``."""
        day = self._as_of(as_of)

        def load(session) -> PolicyEvaluation:
            stored = policy_repo.load(session, workspace_id, ref)
            budgets = policy_repo.Budgets(session, workspace_id, day)
            view = self._view(session, workspace_id, stored, day, budgets=budgets)
            if draft or stored.in_force is None:
                policy, evaluation = stored.policy, view.evaluation
                label = ("agreed, current content" if stored.state.status.value == "agreed"
                         and stored.in_force is None else
                         "draft (not agreed yet)" if stored.in_force is None else
                         "current draft (not in force)")
            else:
                policy, evaluation = stored.in_force, view.in_force_evaluation
                label = f"agreed revision {stored.in_force_number} in force"
            return PolicyEvaluation(view, evaluation, label, in_scope(
                policy, budgets.figures(policy_windows(policy))))
        return self.wb.read(load)

    def gate(self, workspace_id: int, service: str, as_of: date | None = None, *,
             threshold: Decimal = DEFAULT_THRESHOLD,
             max_age: timedelta = DEFAULT_MAX_AGE) -> GateDecision:
        """The reliability gate for deploying ``service``, from the store."""

        day = self._as_of(as_of)

        def load(session) -> GateDecision:
            row = repo.service_row(session, workspace_id, service)
            if row is None:
                known = ", ".join(s.name for s in repo.list_services(session, workspace_id))
                raise NotFoundError(f"no service named {service!r} (services: "
                                    f"{known or 'none yet'})", topic="service")
            name = row.name
            budgets = policy_repo.Budgets(session, workspace_id, day)
            own = [s for s in budgets.slos if s.service_name == name]
            covering = [s.in_force for s in policy_repo.list_policies(session, workspace_id)
                        if s.in_force is not None and _covers(s.in_force, name, own)]
            last = budgets.last_days()
            mine = [f for f in budgets.figures() if f.service == name]
            missing = [f"SLO {s.name}" for s in own if s.name not in last]
            evaluations = [budgets.evaluate(p) for p in covering]
            chosen = next((e for e in evaluations if e.freeze), None) or (
                evaluations[0] if evaluations else None)
            if chosen is not None:
                # What the policy misses elsewhere does not hold up this service's deploy.
                chosen = replace(chosen, missing=tuple(
                    m for m in chosen.missing if m in missing))
            oldest = min((last[f.slo] for f in mine), default=None)
            age = day - oldest if oldest is not None else None
            scope = f"service {name}" + ("" if covering else " (no agreed policy covers it)")
            return decide(mine, chosen, threshold=threshold, age=age, max_age=max_age,
                          missing=missing, scope=scope)
        return self.wb.read(load)

    def freezes(self, workspace_id: int, as_of: date | None = None) -> dict[str, tuple[str,
                                                                                     ...]]:
        return self.wb.read(policy_repo.freezes, workspace_id, self._as_of(as_of))


def _covers(policy: Policy, service: str, slos: Sequence[Any]) -> bool:
    key = lookup_key(service)
    if any(lookup_key(s) == key for s in policy.services):
        return True
    names = {lookup_key(n) for n in policy.slos}
    return any(lookup_key(s.name) in names for s in slos)

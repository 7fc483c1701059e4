"""Repository of error budget policies, and the figures the evaluator needs from the store.

A policy is saved whole (``create`` / ``save``): its content is checked (the domain's
``check_policy`` against the workspace's SLOs and services) before anything is written, then
one revision is recorded through the shared lifecycle. Every save also sets the policy's
required parties (``Policy.required_parties``), so who must agree follows the policy's text.
Agreeing is refused while required parts are missing (the lifecycle's ``ready`` hook).

What is *in force* is the agreed revision the lifecycle names (``LifecycleState.in_force``),
read back from its snapshot: editing an agreed policy makes a draft, and the gate and the
freeze markers keep using the agreed text until the draft is agreed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.names import lookup_key
from workbench.domain.policy import (
    Evaluation,
    Policy,
    SloFigures,
    check_policy,
    earlier_days,
    evaluate,
    figures_from_counts,
    missing_parts,
    policy_values,
    policy_windows,
    read_policy,
)
from workbench.domain.policy.model import Ends
from workbench.domain.slo.records import DailyCount, SloDefinition, period_bounds
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.store import adjustment_repo, lifecycle, repo, slo_repo
from workbench.store.document_rows import dump_body, free_uid, lifecycle_fields, load_body
from workbench.store.policy_tables import PolicyRow
from workbench.store.tables import TeamRow

KIND = "policy"


@dataclass(frozen=True)
class StoredPolicy:
    policy: Policy
    state: LifecycleState
    id: int = 0
    in_force: Policy | None = None
    """The agreed revision in force (may be older than the current draft)."""
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None


@dataclass(frozen=True)
class ScopeChoices:
    """What a policy's scope and team can name in this workspace."""

    slos: dict[str, str | None]
    """SLO name -> its service."""
    services: tuple[str, ...]
    teams: tuple[str, ...]
    team_services: dict[str, tuple[str, ...]]


# --- rows ---------------------------------------------------------------------------------


def find_row(session: Session, workspace_id: int, ref: str) -> PolicyRow | None:
    """The policy named ``ref`` (as users type it), else the one with that uid or id."""
    key = lookup_key(ref)
    in_workspace = select(PolicyRow).where(PolicyRow.workspace_id == workspace_id)
    row = session.exec(in_workspace.where(PolicyRow.name_key == key)).first()
    if row is None and key:
        row = session.exec(in_workspace.where(PolicyRow.uid == key)).first()
    if row is None and key.isascii() and key.isdigit() and len(key) <= 18:
        row = session.exec(in_workspace.where(PolicyRow.id == int(key))).first()
    return row


def policy_row(session: Session, workspace_id: int, ref: str) -> PolicyRow:
    row = find_row(session, workspace_id, ref)
    if row is None:
        names = session.exec(select(PolicyRow.name).where(
            PolicyRow.workspace_id == workspace_id).order_by(col(PolicyRow.name_key))).all()
        known = ", ".join(names) or "none yet"
        raise NotFoundError(f"no error budget policy named {ref!r} (policies: {known})",
                            topic=KIND)
    return row


def _team_names(session: Session, workspace_id: int) -> dict[int, str]:
    return {t.id: t.name for t in session.exec(
        select(TeamRow).where(TeamRow.workspace_id == workspace_id)).all()}


def _policy(row: PolicyRow, team: str | None) -> Policy:
    return load_body(row, read_policy, {"name": row.name, "team": team, "uid": row.uid},
                     f"error budget policy {row.name}", KIND)


def _body(policy: Policy) -> str:
    return dump_body(policy_values(policy), ("name", "team", "uid"))


def _snapshot(session: Session, row: PolicyRow) -> dict[str, Any]:
    team = session.get(TeamRow, row.team_id).name if row.team_id else None
    values = json.loads(row.body or "{}")
    values.update(name=row.name, team=team)
    return values


def _ready(session: Session, row: PolicyRow) -> list[str]:
    team = session.get(TeamRow, row.team_id).name if row.team_id else None
    return [f"{m.part}: {m.message}" for m in missing_parts(_policy(row, team))]


POLICY_DOCUMENT = lifecycle.register(lifecycle.DocumentType(
    kind=KIND, noun="error budget policy", table=PolicyRow, find=policy_row,
    snapshot=_snapshot, label=lambda row: f"error budget policy {row.name}", ready=_ready,
))


# --- reading ------------------------------------------------------------------------------


def _stored(session: Session, row: PolicyRow, teams: dict[int, str]) -> StoredPolicy:
    team = teams.get(row.team_id) if row.team_id else None
    return StoredPolicy(policy=_policy(row, team), id=row.id, **lifecycle_fields(
        session, POLICY_DOCUMENT, row, read_policy, {"uid": row.uid}))


def list_policies(session: Session, workspace_id: int) -> list[StoredPolicy]:
    rows = session.exec(select(PolicyRow).where(PolicyRow.workspace_id == workspace_id)
                        .order_by(col(PolicyRow.name_key))).all()
    teams = _team_names(session, workspace_id)
    return [_stored(session, row, teams) for row in rows]


def index(session: Session, workspace_id: int) -> list[tuple[int, str, str | None]]:
    """(id, name, team) of every policy, by name: what the command palette lists."""
    teams = _team_names(session, workspace_id)
    rows = session.exec(select(PolicyRow.id, PolicyRow.name, PolicyRow.team_id).where(
        PolicyRow.workspace_id == workspace_id).order_by(col(PolicyRow.name_key))).all()
    return [(i, name, teams.get(team_id) if team_id else None) for i, name, team_id in rows]


def load(session: Session, workspace_id: int, ref: str) -> StoredPolicy:
    return _stored(session, policy_row(session, workspace_id, ref),
                   _team_names(session, workspace_id))


def scope_choices(session: Session, workspace_id: int) -> ScopeChoices:
    services = repo.list_services(session, workspace_id)
    return ScopeChoices(
        slos={s.name: s.service_name for s in slo_repo.list_slos(session, workspace_id)},
        services=tuple(s.name for s in services),
        teams=tuple(t.name for t in repo.list_teams(session, workspace_id)),
        team_services={t.name: tuple(s.name for s in services if s.team_name == t.name)
                       for t in repo.list_teams(session, workspace_id)})


def problems(session: Session, workspace_id: int, policy: Policy,
             choices: ScopeChoices | None = None) -> list[str]:
    """Everything wrong with ``policy`` in this workspace (empty: it can be saved)."""
    choices = choices or scope_choices(session, workspace_id)
    return [str(p) for p in check_policy(policy, slos=choices.slos, services=choices.services,
                                         teams=choices.teams)]


# --- writing ------------------------------------------------------------------------------


def _check(session: Session, workspace_id: int, policy: Policy) -> int | None:
    found = problems(session, workspace_id, policy)
    if found:
        raise UsageError("; ".join(found), topic=KIND, problems=found)
    if policy.team is None:
        return None
    row = repo.team_row(session, workspace_id, policy.team)
    return row.id if row is not None else None


def create(session: Session, workspace_id: int, policy: Policy,
           summary: str = "added") -> Policy:
    team_id = _check(session, workspace_id, policy)
    if find_row(session, workspace_id, policy.name) is not None:
        raise ConflictError(f"an error budget policy named {policy.name!r} exists already; "
                            "choose another name or edit that one", topic=KIND)
    row = PolicyRow(workspace_id=workspace_id, team_id=team_id, name=policy.name,
                    name_key=lookup_key(policy.name), uid=free_uid(session, PolicyRow, policy.uid),
                    body=_body(policy))
    session.add(row)
    session.flush()
    lifecycle.set_required_parties(session, POLICY_DOCUMENT, row, policy.required_parties())
    lifecycle.record_created(session, POLICY_DOCUMENT, row, summary)
    return _policy(row, policy.team)


def save(session: Session, workspace_id: int, ref: str, policy: Policy, summary: str, *,
         expected_version: int | None = None) -> Policy:
    """Replace the content of the policy ``ref`` (it may be renamed) as one revision."""
    row = policy_row(session, workspace_id, ref)
    lifecycle.check_version(POLICY_DOCUMENT, row, expected_version)
    team_id = _check(session, workspace_id, policy)
    other = find_row(session, workspace_id, policy.name)
    if other is not None and other.id != row.id:
        raise ConflictError(f"another error budget policy is named {policy.name!r}; choose "
                            "another name", topic=KIND)
    row.name, row.name_key = policy.name, lookup_key(policy.name)
    row.team_id, row.body = team_id, _body(policy)
    lifecycle.record_save(session, POLICY_DOCUMENT, row, summary)  # a draft from here on
    if lifecycle.required_parties(session, POLICY_DOCUMENT, row) != policy.required_parties():
        lifecycle.set_required_parties(session, POLICY_DOCUMENT, row,
                                       policy.required_parties())
    return _policy(row, policy.team)


def check_version(session: Session, workspace_id: int, ref: str,
                  expected_version: int | None) -> None:
    """Refuse a change that started from another version than the stored policy's."""
    lifecycle.check_version(POLICY_DOCUMENT, policy_row(session, workspace_id, ref),
                            expected_version)


def remove(session: Session, workspace_id: int, ref: str, *,
           expected_version: int | None = None) -> Policy:
    row = policy_row(session, workspace_id, ref)
    lifecycle.check_version(POLICY_DOCUMENT, row, expected_version)
    team = session.get(TeamRow, row.team_id).name if row.team_id else None
    policy = _policy(row, team)
    session.delete(row)
    session.flush()
    return policy


# --- figures and evaluation ---------------------------------------------------------------


def _counts(session: Session, workspace_id: int, slos: Sequence[SloDefinition],
            as_of: date) -> dict[int, list[DailyCount]]:
    """The counts every SLO needs (its period up to ``as_of``, plus a 35-day margin for
    windows), in one query, each SLO's by day, with maintenance windows and corrections
    applied."""
    earliest = min((period_bounds(s.period, as_of)[0] for s in slos), default=as_of)
    return adjustment_repo.budget_counts(session, workspace_id, slos,
                                         earliest - timedelta(days=35), as_of)


class Budgets:
    """The budget figures of a workspace's SLOs as of one day, from counts read once (one
    query for the SLOs, one for their counts). Evaluating several policies in one read (the
    list, its freezes, the gate), or a policy on every earlier day of the period (for the
    consequences that last until the next period), reads nothing again; a policy whose
    content was evaluated already is not evaluated again."""

    def __init__(self, session: Session, workspace_id: int, as_of: date) -> None:
        self.as_of = as_of
        self._session, self._workspace_id = session, workspace_id
        self._slos: list[SloDefinition] | None = None
        self._read_counts: dict[int, list[DailyCount]] | None = None
        self._evaluations: dict[Policy, Evaluation] = {}

    # Read on first use: a workspace without a policy in force (most screens ask for its
    # freezes) then reads no counts at all.
    @property
    def slos(self) -> list[SloDefinition]:
        if self._slos is None:
            self._slos = slo_repo.list_slos(self._session, self._workspace_id)
        return self._slos

    @property
    def _counts(self) -> dict[int, list[DailyCount]]:
        if self._read_counts is None:
            self._read_counts = _counts(self._session, self._workspace_id, self.slos,
                                        self.as_of)
        return self._read_counts

    def figures(self, windows: Iterable[timedelta] = (),
                day: date | None = None) -> list[SloFigures]:
        """Figures of every SLO with counts in its period up to ``day`` (default: as of)."""
        wanted = tuple(sorted(set(windows)))
        return [f for s in self.slos
                if (f := figures_from_counts(s, self._counts[s.id], day or self.as_of,
                                             wanted)) is not None]

    def last_days(self) -> dict[str, date]:
        """The last day with counts of each SLO that has counts in its current period."""
        return {s.name: rows[-1].day for s in self.slos
                if (rows := self._counts[s.id])
                and rows[-1].day >= period_bounds(s.period, self.as_of)[0]}

    def fired_earlier(self, policy: Policy) -> frozenset[str]:
        """Keys of the conditions with consequences ending at the next period that fired on
        an earlier day of the current period."""
        keys = {c.key for c in policy.conditions
                if any(x.ends is Ends.NEXT_PERIOD for x in c.consequences)}
        if not keys:
            return frozenset()
        only = replace(policy, conditions=tuple(c for c in policy.conditions if c.key in keys))
        windows = tuple(policy_windows(policy))
        days_of = {s.id: set(earlier_days(s, self.as_of)) for s in self.slos}
        fired: set[str] = set()
        for day in sorted(set().union(*days_of.values())):
            figures = [f for s in self.slos if day in days_of[s.id]
                       and (f := figures_from_counts(s, self._counts[s.id], day, windows))]
            fired.update(evaluate(only, figures).fired)
            if fired >= keys:
                break
        return frozenset(fired)

    def evaluate(self, policy: Policy) -> Evaluation:
        """``policy`` against the figures (windows it needs included, earlier days looked
        at for the consequences that end at the next period)."""
        content = replace(policy, uid="", version=0)
        found = self._evaluations.get(content)
        if found is None:
            found = evaluate(policy, self.figures(policy_windows(policy)),
                             fired_earlier=self.fired_earlier(policy))
            self._evaluations[content] = found
        return found if found.policy == policy else replace(found, policy=policy)


def evaluate_policy(session: Session, workspace_id: int, policy: Policy,
                    as_of: date) -> Evaluation:
    """The evaluation of ``policy`` as of ``as_of`` from the stored counts."""
    return Budgets(session, workspace_id, as_of).evaluate(policy)


def freezes(session: Session, workspace_id: int, as_of: date, *,
            policies: Sequence[StoredPolicy] | None = None,
            budgets: Budgets | None = None) -> dict[str, tuple[str, ...]]:
    """SLO name -> the policies whose agreed revision in force has a freeze in force now
    (every SLO in that policy's scope is marked). ``policies`` and ``budgets`` spare a
    caller that has them already a second read."""
    budgets = budgets or Budgets(session, workspace_id, as_of)
    marked: dict[str, list[str]] = {}
    for stored in list_policies(session, workspace_id) if policies is None else policies:
        if stored.in_force is None:
            continue
        evaluation = budgets.evaluate(stored.in_force)
        if evaluation.freeze:
            for slo in evaluation.in_scope:
                marked.setdefault(slo, []).append(stored.policy.name)
    return {slo: tuple(names) for slo, names in marked.items()}

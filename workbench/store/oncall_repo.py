"""Repository of on-call setup agreements (one per team, saved whole through the shared
lifecycle) and of the workspace's on-call rules.

An agreement is checked (``domain.oncall.check_agreement``) before anything is written;
every save records one revision and sets its required parties. Agreeing is refused while
required parts are missing (the lifecycle's ``ready`` hook). The revision in force is the
agreed one, read back from its snapshot.

An agreement is found by its team's name (as users type it), its uid or its id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.oncall import (
    Agreement,
    Rules,
    agreement_values,
    canonical_names,
    check_agreement,
    missing_parts,
    read_agreement,
    read_rules,
    rules_values,
)
from workbench.errors import ConflictError, UsageError
from workbench.store import lifecycle, repo, team_documents
from workbench.store.document_rows import (
    dump_body,
    free_uid,
    lifecycle_fields,
    load_body,
    read_snapshot,
)
from workbench.store.oncall_tables import OnCallRow, OnCallRulesRow
from workbench.store.slo_tables import SloRow
from workbench.store.tables import ServiceRow, TeamRow

KIND = "oncall"


@dataclass(frozen=True)
class StoredAgreement:
    agreement: Agreement
    state: LifecycleState
    id: int = 0
    in_force: Agreement | None = None
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None


@dataclass(frozen=True)
class StoredRules:
    rules: Rules
    version: int = 0
    """0: the defaults, never saved."""


# --- rows ---------------------------------------------------------------------------------


def find_row(session: Session, workspace_id: int, ref: str) -> OnCallRow | None:
    """The document of the team named ``ref``, else the one with that uid or id."""
    return team_documents.find_row(session, OnCallRow, workspace_id, ref)


def agreement_row(session: Session, workspace_id: int, ref: str) -> OnCallRow:
    return team_documents.row_of(session, OnCallRow, workspace_id, ref, topic=KIND,
                                 missing="team {team} has no on-call agreement yet; start "
                                 "one with: workbench oncall new {team!r}")


def _team_name(session: Session, row: OnCallRow) -> str:
    return team_documents.team_name(session, row)


def _agreement(row: OnCallRow, team: str) -> Agreement:
    return load_body(row, read_agreement, {"team": team, "uid": row.uid},
                     f"the on-call agreement of team {team}", KIND)


def _body(agreement: Agreement) -> str:
    return dump_body(agreement_values(agreement), ("team", "uid"))


def _ready(session: Session, row: OnCallRow) -> list[str]:
    return [f"{m.part}: {m.message}"
            for m in missing_parts(_agreement(row, _team_name(session, row)))]


ONCALL_DOCUMENT = lifecycle.register(lifecycle.DocumentType(
    kind=KIND, noun="on-call agreement", table=OnCallRow, find=agreement_row,
    snapshot=team_documents.snapshot, label=team_documents.labeller("on-call agreement"),
    ready=_ready,
))


# --- reading ------------------------------------------------------------------------------


def _stored(session: Session, row: OnCallRow, team: str) -> StoredAgreement:
    return StoredAgreement(agreement=_agreement(row, team), id=row.id, **lifecycle_fields(
        session, ONCALL_DOCUMENT, row, read_agreement, {"team": team, "uid": row.uid}))


def list_agreements(session: Session, workspace_id: int) -> list[StoredAgreement]:
    """Every agreement of the workspace, by team name."""
    return [_stored(session, row, team)
            for row, team in team_documents.rows_by_team(session, OnCallRow, workspace_id)]


def index(session: Session, workspace_id: int) -> list[tuple[int, str]]:
    """(id, team) of every document, by team: what the command palette lists."""
    return team_documents.index(session, OnCallRow, workspace_id)


def load(session: Session, workspace_id: int, ref: str) -> StoredAgreement:
    row = agreement_row(session, workspace_id, ref)
    return _stored(session, row, _team_name(session, row))


def earlier_versions(session: Session, workspace_id: int,
                     stored: StoredAgreement) -> list[Agreement]:
    """The agreement as each earlier revision saved it, oldest first (a snapshot that no
    longer reads is skipped): what a calendar export needs to tell changed shifts apart."""
    revisions = repo.history(session, workspace_id, KIND, str(stored.id))
    columns = {"team": stored.agreement.team, "uid": stored.agreement.uid}
    found = (read_snapshot(r, read_agreement, columns) for r in revisions[:-1])
    return [agreement for agreement in found if agreement is not None]


def service_targets(session: Session, workspace_id: int) -> dict[str, tuple[Decimal, str]]:
    """Service name -> (its strictest availability SLO target, that SLO's name), in one
    query: where a decision names a service but no target, this is its target."""
    rows = session.exec(select(ServiceRow.name, SloRow.name, SloRow.target)
                        .join(ServiceRow, col(ServiceRow.id) == col(SloRow.service_id))
                        .where(SloRow.workspace_id == workspace_id,
                               SloRow.kind == "availability")).all()
    found: dict[str, tuple[Decimal, str]] = {}
    for service, slo, target in rows:
        goal = Decimal(target)
        if service not in found or goal > found[service][0]:
            found[service] = (goal, slo)
    return found


def team_services(session: Session, workspace_id: int) -> dict[str, tuple[str, ...]]:
    """Team name -> the services it owns."""
    rows = session.exec(select(TeamRow.name, ServiceRow.name)
                        .join(ServiceRow, col(ServiceRow.team_id) == col(TeamRow.id))
                        .where(TeamRow.workspace_id == workspace_id)
                        .order_by(col(ServiceRow.name_key))).all()
    found: dict[str, list[str]] = {}
    for team, service in rows:
        found.setdefault(team, []).append(service)
    return {t: tuple(s) for t, s in found.items()}


def problems(session: Session, workspace_id: int, agreement: Agreement) -> list[str]:
    """Everything wrong with ``agreement`` in this workspace (empty: it can be saved)."""
    teams = [t.name for t in repo.list_teams(session, workspace_id)]
    return [str(p) for p in check_agreement(agreement, teams=teams)]


def canonical(session: Session, workspace_id: int, agreement: Agreement) -> Agreement:
    """The agreement with team, service and rotation names spelled as stored."""
    teams = [t.name for t in repo.list_teams(session, workspace_id)]
    services = session.exec(select(ServiceRow.name).where(
        ServiceRow.workspace_id == workspace_id)).all()
    return canonical_names(agreement, teams=teams, services=list(services))


# --- writing ------------------------------------------------------------------------------


def _checked(session: Session, workspace_id: int, agreement: Agreement
             ) -> tuple[Agreement, int]:
    wrong = problems(session, workspace_id, agreement)
    if wrong:
        raise UsageError("; ".join(wrong), topic=KIND, problems=wrong)
    agreement = canonical(session, workspace_id, agreement)
    team = repo.team_row(session, workspace_id, agreement.team)
    assert team is not None  # checked above
    return agreement, team.id


def create(session: Session, workspace_id: int, agreement: Agreement,
           summary: str = "added") -> Agreement:
    agreement, team_id = _checked(session, workspace_id, agreement)
    if session.exec(select(OnCallRow.id).where(OnCallRow.team_id == team_id)).first():
        raise ConflictError(f"team {agreement.team} has an on-call agreement already; edit "
                            "that one", topic=KIND)
    row = OnCallRow(workspace_id=workspace_id, team_id=team_id,
                    uid=free_uid(session, OnCallRow, agreement.uid), body=_body(agreement))
    session.add(row)
    session.flush()
    lifecycle.set_required_parties(session, ONCALL_DOCUMENT, row,
                                   agreement.required_parties())
    lifecycle.record_created(session, ONCALL_DOCUMENT, row, summary)
    return _agreement(row, agreement.team)


def save(session: Session, workspace_id: int, ref: str, agreement: Agreement, summary: str,
         *, expected_version: int | None = None) -> Agreement:
    """Replace the content of the agreement ``ref`` as one revision (its team stays)."""
    row = agreement_row(session, workspace_id, ref)
    lifecycle.check_version(ONCALL_DOCUMENT, row, expected_version)
    agreement, team_id = _checked(session, workspace_id, agreement)
    if team_id != row.team_id:
        raise UsageError(f"an on-call agreement stays with its team; this is the agreement "
                         f"of team {_team_name(session, row)}, not of {agreement.team}",
                         topic=KIND)
    row.body = _body(agreement)
    lifecycle.record_save(session, ONCALL_DOCUMENT, row, summary)
    if lifecycle.required_parties(session, ONCALL_DOCUMENT, row) != \
            agreement.required_parties():
        lifecycle.set_required_parties(session, ONCALL_DOCUMENT, row,
                                       agreement.required_parties())
    return _agreement(row, agreement.team)


def check_version(session: Session, workspace_id: int, ref: str,
                  expected_version: int | None) -> None:
    lifecycle.check_version(ONCALL_DOCUMENT, agreement_row(session, workspace_id, ref),
                            expected_version)


def remove(session: Session, workspace_id: int, ref: str, *,
           expected_version: int | None = None) -> Agreement:
    row = agreement_row(session, workspace_id, ref)
    lifecycle.check_version(ONCALL_DOCUMENT, row, expected_version)
    agreement = _agreement(row, _team_name(session, row))
    session.delete(row)
    session.flush()
    return agreement


def teams_without_agreement(session: Session, workspace_id: int) -> list[str]:
    return team_documents.teams_without(session, OnCallRow, workspace_id)


# --- the workspace's rules ------------------------------------------------------------------


def load_rules(session: Session, workspace_id: int) -> StoredRules:
    row = session.exec(select(OnCallRulesRow).where(
        OnCallRulesRow.workspace_id == workspace_id)).first()
    if row is None:
        return StoredRules(Rules(), 0)
    rules, wrong = read_rules(json.loads(row.body or "{}"))
    if wrong:
        raise UsageError(f"the on-call rules cannot be read ({wrong[0]}); they were saved by "
                         "a different version", topic=KIND)
    return StoredRules(rules, row.version)


def save_rules(session: Session, workspace_id: int, rules: Rules, *,
               expected_version: int | None = None) -> StoredRules:
    """Store the workspace's on-call rules; ``expected_version`` 0 means "never saved"."""
    row = session.exec(select(OnCallRulesRow).where(
        OnCallRulesRow.workspace_id == workspace_id)).first()
    current = row.version if row is not None else 0
    if expected_version is not None and expected_version != current:
        raise ConflictError("the on-call rules were changed by someone else since you opened "
                            "them; reload and try again", topic=KIND)
    body = json.dumps(rules_values(rules), sort_keys=True)
    if row is None:
        row = OnCallRulesRow(workspace_id=workspace_id, body=body)
        session.add(row)
    else:
        row.body = body
    session.flush()
    return StoredRules(rules, row.version)


__all__ = ["KIND", "ONCALL_DOCUMENT", "StoredAgreement", "StoredRules", "agreement_row",
           "canonical", "check_version", "create", "earlier_versions", "find_row", "index",
           "list_agreements", "load", "load_rules", "problems", "remove", "save",
           "save_rules", "service_targets", "team_services", "teams_without_agreement"]

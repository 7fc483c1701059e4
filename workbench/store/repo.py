"""Repositories: the only code that reads and writes tables. They take an open session
(one transaction per user action, see ``db.transaction``) and return domain objects, so
callers never hold SQLModel rows after the session closes."""

from __future__ import annotations

import getpass
import json
import os

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from workbench.domain.names import clean_name, lookup_key
from workbench.domain.organisation import ArtifactStatus, Revision, Service, Team, Workspace
from workbench.errors import ConflictError, NotFoundError, UsageError, VersionConflict
from workbench.store.tables import RevisionRow, ServiceRow, TeamRow, WorkspaceRow


def current_author() -> str:
    explicit = os.environ.get("WORKBENCH_USER")
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _name(raw: str, what: str) -> tuple[str, str]:
    try:
        name = clean_name(raw, what)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return name, name.casefold()


# --- workspaces -------------------------------------------------------------------------


def _workspace(row: WorkspaceRow) -> Workspace:
    return Workspace(
        id=row.id, name=row.name, description=row.description, created_at=row.created_at,
        version=row.version,
    )


def list_workspaces(session: Session) -> list[Workspace]:
    rows = session.exec(select(WorkspaceRow).order_by(col(WorkspaceRow.name_key))).all()
    return [_workspace(r) for r in rows]


def find_workspace(session: Session, name: str) -> Workspace | None:
    key = lookup_key(name)
    row = session.exec(select(WorkspaceRow).where(WorkspaceRow.name_key == key)).first()
    return _workspace(row) if row else None


def get_workspace(session: Session, name: str) -> Workspace:
    found = find_workspace(session, name)
    if found is None:
        names = ", ".join(w.name for w in list_workspaces(session)) or "none yet"
        raise NotFoundError(f"no workspace named {name!r} (known: {names})", topic="workspace")
    return found


def get_workspace_by_id(session: Session, workspace_id: int) -> Workspace:
    row = session.get(WorkspaceRow, workspace_id)
    if row is None:
        raise NotFoundError(f"workspace {workspace_id} no longer exists", topic="workspace")
    return _workspace(row)


def create_workspace(session: Session, name: str, description: str = "") -> Workspace:
    name, key = _name(name, "Workspace")
    if find_workspace(session, name):
        raise ConflictError(f"a workspace named {name!r} already exists; choose another name")
    row = WorkspaceRow(name=name, name_key=key, description=description)
    session.add(row)
    session.flush()
    return _workspace(row)


def _workspace_row(session: Session, workspace_id: int,
                   expected_version: int | None) -> WorkspaceRow:
    row = session.get(WorkspaceRow, workspace_id)
    if row is None:
        raise NotFoundError(f"workspace {workspace_id} no longer exists", topic="workspace")
    check_version(row, expected_version, f"workspace {row.name!r}")
    return row


def rename_workspace(session: Session, workspace_id: int, new: str, *,
                     expected_version: int | None = None) -> Workspace:
    row = _workspace_row(session, workspace_id, expected_version)
    name, key = _name(new, "Workspace")
    clash = find_workspace(session, name)
    if clash is not None and clash.id != row.id:
        raise ConflictError(f"a workspace named {name!r} already exists; choose another name")
    row.name, row.name_key = name, key
    session.add(row)
    session.flush()
    return _workspace(row)


def delete_workspace(session: Session, workspace_id: int, *,
                     expected_version: int | None = None) -> Workspace:
    """Delete a workspace and everything in it (its teams, services, documents, history)."""
    row = _workspace_row(session, workspace_id, expected_version)
    workspace = _workspace(row)
    session.delete(row)
    session.flush()
    return workspace


def check_version(row, expected: int | None, what: str) -> None:
    """Refuse a write that started from an older version of ``row`` than the stored one."""
    if expected is not None and row.version != expected:
        raise VersionConflict(what, opened=expected, stored=row.version)


# --- teams ------------------------------------------------------------------------------


def _team(row: TeamRow) -> Team:
    return Team(id=row.id, workspace_id=row.workspace_id, name=row.name,
                description=row.description, version=row.version)


def list_teams(session: Session, workspace_id: int) -> list[Team]:
    rows = session.exec(
        select(TeamRow)
        .where(TeamRow.workspace_id == workspace_id)
        .order_by(col(TeamRow.name_key))
    ).all()
    return [_team(r) for r in rows]


def team_row(session: Session, workspace_id: int, name: str) -> TeamRow | None:
    key = lookup_key(name)
    return session.exec(
        select(TeamRow).where(TeamRow.workspace_id == workspace_id, TeamRow.name_key == key)
    ).first()


def get_team(session: Session, workspace_id: int, name: str) -> Team:
    row = team_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no team named {name!r} in this workspace", topic="team")
    return _team(row)


def add_team(session: Session, workspace_id: int, name: str, description: str = "") -> Team:
    name, key = _name(name, "Team")
    if team_row(session, workspace_id, name):
        raise ConflictError(f"a team named {name!r} already exists; choose another name")
    row = TeamRow(workspace_id=workspace_id, name=name, name_key=key, description=description)
    session.add(row)
    session.flush()
    team = _team(row)
    record_revision(session, workspace_id, "team", str(team.id),
                    {"name": name, "description": description}, summary="added")
    return team


def rename_team(session: Session, workspace_id: int, old: str, new: str, *,
                expected_version: int | None = None) -> Team:
    row = team_row(session, workspace_id, old)
    if row is None:
        raise NotFoundError(f"no team named {old!r} in this workspace", topic="team")
    check_version(row, expected_version, f"team {row.name!r}")
    name, key = _name(new, "Team")
    clash = team_row(session, workspace_id, name)
    if clash is not None and clash.id != row.id:
        raise ConflictError(f"a team named {name!r} already exists; choose another name")
    previous = row.name
    row.name, row.name_key = name, key
    session.add(row)
    session.flush()
    record_revision(session, workspace_id, "team", str(row.id),
                    {"name": name, "description": row.description},
                    summary=f"renamed from {previous}")
    return _team(row)


def remove_team(session: Session, workspace_id: int, name: str, *,
                expected_version: int | None = None) -> Team:
    row = team_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no team named {name!r} in this workspace", topic="team")
    check_version(row, expected_version, f"team {row.name!r}")
    team = _team(row)
    # Services stay, unowned: losing a service because its team was renamed away would
    # surprise a coach far more than an "unowned" label does.
    for service in session.exec(select(ServiceRow).where(ServiceRow.team_id == row.id)).all():
        service.team_id = None
        session.add(service)
    session.delete(row)
    session.flush()
    record_revision(session, workspace_id, "team", str(team.id), {"name": team.name},
                    status=ArtifactStatus.SUPERSEDED, summary="removed")
    return team


def service_counts(session: Session, workspace_id: int) -> dict[int, int]:
    """Team id -> how many services it owns (teams without any are left out), one query."""
    return dict(session.execute(
        select(ServiceRow.team_id, func.count())
        .where(ServiceRow.workspace_id == workspace_id, col(ServiceRow.team_id).is_not(None))
        .group_by(ServiceRow.team_id)).all())


def count_services_of_team(session: Session, team_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(ServiceRow).where(ServiceRow.team_id == team_id)
    ).one()


# --- services ---------------------------------------------------------------------------


def list_services(session: Session, workspace_id: int, team: str | None = None) -> list[Service]:
    query = (
        select(ServiceRow, TeamRow.name)
        .join(TeamRow, col(ServiceRow.team_id) == col(TeamRow.id), isouter=True)
        .where(ServiceRow.workspace_id == workspace_id)
        .order_by(col(ServiceRow.name_key))
    )
    if team is not None:
        query = query.where(ServiceRow.team_id == get_team(session, workspace_id, team).id)
    return [
        _service(row, team_name) for row, team_name in session.exec(query).all()
    ]


def _service(row: ServiceRow, team_name: str | None) -> Service:
    return Service(id=row.id, workspace_id=row.workspace_id, team_id=row.team_id, name=row.name,
                   description=row.description, team_name=team_name, version=row.version)


def service_row(session: Session, workspace_id: int, name: str) -> ServiceRow | None:
    key = lookup_key(name)
    return session.exec(
        select(ServiceRow).where(
            ServiceRow.workspace_id == workspace_id, ServiceRow.name_key == key
        )
    ).first()


def add_service(session: Session, workspace_id: int, name: str, team: str | None = None,
                description: str = "") -> Service:
    name, key = _name(name, "Service")
    if service_row(session, workspace_id, name):
        raise ConflictError(f"a service named {name!r} already exists; choose another name")
    owner = get_team(session, workspace_id, team) if team else None
    row = ServiceRow(workspace_id=workspace_id, team_id=owner.id if owner else None,
                     name=name, name_key=key, description=description)
    session.add(row)
    session.flush()
    record_revision(session, workspace_id, "service", str(row.id),
                    {"name": name, "team": owner.name if owner else None,
                     "description": description}, summary="added")
    return _service(row, owner.name if owner else None)


def update_service(session: Session, workspace_id: int, name: str, *, new_name: str | None = None,
                   team: str | None = None, clear_team: bool = False,
                   expected_version: int | None = None) -> Service:
    row = service_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no service named {name!r} in this workspace", topic="service")
    check_version(row, expected_version, f"service {row.name!r}")
    if new_name is not None:
        cleaned, key = _name(new_name, "Service")
        clash = service_row(session, workspace_id, cleaned)
        if clash is not None and clash.id != row.id:
            raise ConflictError(f"a service named {cleaned!r} already exists")
        row.name, row.name_key = cleaned, key
    owner_name = None
    if clear_team:
        row.team_id = None
    elif team is not None:
        owner = get_team(session, workspace_id, team)
        row.team_id, owner_name = owner.id, owner.name
    elif row.team_id is not None:
        owner_name = session.get(TeamRow, row.team_id).name
    session.add(row)
    session.flush()
    record_revision(session, workspace_id, "service", str(row.id),
                    {"name": row.name, "team": owner_name, "description": row.description},
                    summary="updated")
    return _service(row, owner_name)


def remove_service(session: Session, workspace_id: int, name: str, *,
                   expected_version: int | None = None) -> Service:
    row = service_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no service named {name!r} in this workspace", topic="service")
    check_version(row, expected_version, f"service {row.name!r}")
    service = _service(row, None)
    session.delete(row)
    session.flush()
    record_revision(session, workspace_id, "service", str(service.id), {"name": service.name},
                    status=ArtifactStatus.SUPERSEDED, summary="removed")
    return service


# --- revisions --------------------------------------------------------------------------


def record_revision(session: Session, workspace_id: int, kind: str, key: str, snapshot: dict,
                    *, status: ArtifactStatus = ArtifactStatus.DRAFT, summary: str = "",
                    author: str | None = None, record_version: int | None = None) -> Revision:
    """Append one revision; numbers count up per artifact from 1."""
    last = session.exec(
        select(func.max(RevisionRow.number)).where(
            RevisionRow.workspace_id == workspace_id,
            RevisionRow.artifact_kind == kind,
            RevisionRow.artifact_key == key,
        )
    ).one()
    row = RevisionRow(
        workspace_id=workspace_id, artifact_kind=kind, artifact_key=key,
        number=(last or 0) + 1, status=str(status), author=author or current_author(),
        summary=summary, snapshot=json.dumps(snapshot, sort_keys=True, default=str),
        record_version=record_version,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise ConflictError(
            f"{kind} {key} was saved by someone else at the same moment; try again"
        ) from None
    return _revision(row)


def _revision(row: RevisionRow) -> Revision:
    return Revision(
        id=row.id, workspace_id=row.workspace_id, artifact_kind=row.artifact_kind,
        artifact_key=row.artifact_key, number=row.number, status=ArtifactStatus(row.status),
        author=row.author, created_at=row.created_at, snapshot=json.loads(row.snapshot),
        summary=row.summary, record_version=row.record_version,
    )


def history(session: Session, workspace_id: int, kind: str, key: str) -> list[Revision]:
    rows = session.exec(
        select(RevisionRow)
        .where(RevisionRow.workspace_id == workspace_id, RevisionRow.artifact_kind == kind,
               RevisionRow.artifact_key == key)
        .order_by(col(RevisionRow.number))
    ).all()
    return [_revision(r) for r in rows]

"""Repository for personas: who uses a service, what they need from it and what makes them
leave. Functions take an open session and return frozen ``Persona`` values."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from workbench.domain.names import lookup_key
from workbench.domain.slo.records import (
    Need,
    Persona,
)
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.store import repo
from workbench.store.fields import clean, team_id_of, team_name_of
from workbench.store.slo_tables import (
    PersonaRow,
)
from workbench.store.tables import TeamRow

# --- personas -------------------------------------------------------------------------------


def _persona(session: Session, row: PersonaRow) -> Persona:
    return _value(row, team_name_of(session, row.team_id))


def _value(row: Any, team_name: str | None) -> Persona:
    return Persona(id=row.id, name=row.name, goal=row.goal, time_available=row.time_available,
                   environment=row.environment, needs=Need(row.needs),
                   complaints=row.complaints, team_name=team_name, version=row.version)


def persona_row(session: Session, workspace_id: int, name: str) -> PersonaRow | None:
    return session.exec(select(PersonaRow).where(
        PersonaRow.workspace_id == workspace_id, PersonaRow.name_key == lookup_key(name))).first()


def _need(value: str) -> str:
    try:
        return Need(value.strip().lower()).value
    except ValueError:
        raise UsageError(f"{value!r} is not a need; use correctness, throughput or "
                         "availability") from None


def list_personas(session: Session, workspace_id: int, team: str | None = None) -> list[Persona]:
    # The team's name joined in: one query, not one more per persona.
    query = (select(*PersonaRow.__table__.c, TeamRow.name.label("team_name"))
             .outerjoin(TeamRow, TeamRow.id == PersonaRow.team_id)
             .where(PersonaRow.workspace_id == workspace_id))
    if team is not None:
        query = query.where(PersonaRow.team_id == team_id_of(session, workspace_id, team))
    rows = session.execute(query.order_by(col(PersonaRow.name_key), col(PersonaRow.id))).all()
    return [_value(r, r.team_name) for r in rows]


def add_persona(session: Session, workspace_id: int, name: str, *, team: str | None = None,
                goal: str = "", time_available: str = "", environment: str = "",
                needs: str = "availability", complaints: str = "") -> Persona:
    name = clean(name, "Persona")
    if persona_row(session, workspace_id, name):
        raise ConflictError(f"a persona named {name!r} already exists; choose another name")
    row = PersonaRow(workspace_id=workspace_id, team_id=team_id_of(session, workspace_id, team),
                     name=name, name_key=lookup_key(name), goal=goal, time_available=time_available,
                     environment=environment, needs=_need(needs), complaints=complaints)
    session.add(row)
    session.flush()
    return _persona(session, row)


def update_persona(session: Session, workspace_id: int, name: str, *,
                   expected_version: int | None = None, **changes: Any) -> Persona:
    """Change any of: new_name, team (None keeps, "" clears), goal, time_available,
    environment, needs, complaints."""
    row = persona_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no persona named {name!r} in this workspace", topic="persona")
    repo.check_version(row, expected_version, f"persona {row.name!r}")
    if changes.get("new_name") is not None:
        new = clean(changes.pop("new_name"), "Persona")
        clash = persona_row(session, workspace_id, new)
        if clash is not None and clash.id != row.id:
            raise ConflictError(f"a persona named {new!r} already exists")
        row.name, row.name_key = new, lookup_key(new)
    changes.pop("new_name", None)
    if "team" in changes and changes["team"] is not None:
        row.team_id = team_id_of(session, workspace_id, changes.pop("team") or None)
    changes.pop("team", None)
    for field_name, value in changes.items():
        if field_name not in ("goal", "time_available", "environment", "needs", "complaints"):
            raise UsageError(f"personas have no field {field_name!r}")
        if value is not None:
            setattr(row, field_name, _need(value) if field_name == "needs" else value)
    session.add(row)
    session.flush()
    return _persona(session, row)


def remove_persona(session: Session, workspace_id: int, name: str, *,
                   expected_version: int | None = None) -> Persona:
    row = persona_row(session, workspace_id, name)
    if row is None:
        raise NotFoundError(f"no persona named {name!r} in this workspace", topic="persona")
    repo.check_version(row, expected_version, f"persona {row.name!r}")
    persona = _persona(session, row)
    session.delete(row)
    session.flush()
    return persona

"""What the repositories of documents kept one per team (team charters, on-call agreements)
share: finding a team's document by the team's name as users type it (else by uid or id),
the one-line error for a team without one, and the team-ordered listings."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import object_session
from sqlmodel import Session, col, select

from workbench.domain.names import lookup_key
from workbench.errors import NotFoundError
from workbench.store import repo
from workbench.store.tables import TeamRow


def find_row(session: Session, table: Any, workspace_id: int, ref: str) -> Any | None:
    """The document of the team named ``ref``, else the one with that uid or id."""
    key = lookup_key(ref)
    found = session.exec(select(table).join(TeamRow, col(TeamRow.id) == col(table.team_id))
                         .where(table.workspace_id == workspace_id,
                                TeamRow.name_key == key)).first()
    in_workspace = select(table).where(table.workspace_id == workspace_id)
    if found is None and key:
        found = session.exec(in_workspace.where(table.uid == key)).first()
    if found is None and key.isascii() and key.isdigit() and len(key) <= 18:
        found = session.exec(in_workspace.where(table.id == int(key))).first()
    return found


def row_of(session: Session, table: Any, workspace_id: int, ref: str, *, missing: str,
           topic: str) -> Any:
    """``find_row`` or a NotFoundError: ``missing`` (with ``{team}``) when the team exists
    without the document, else the workspace's teams."""
    row = find_row(session, table, workspace_id, ref)
    if row is None:
        teams = [t.name for t in repo.list_teams(session, workspace_id)]
        if lookup_key(ref) in {lookup_key(t) for t in teams}:
            raise NotFoundError(missing.format(team=ref), topic=topic)
        raise NotFoundError(f"no team named {ref!r} (teams: {', '.join(teams) or 'none yet'})",
                            topic="team")
    return row


def team_name(session: Session, row: Any) -> str:
    team = session.get(TeamRow, row.team_id)
    return team.name if team is not None else ""


def rows_by_team(session: Session, table: Any, workspace_id: int) -> list[tuple[Any, str]]:
    """(row, team name) of every document of the workspace, by team name."""
    return list(session.exec(select(table, TeamRow.name)
                             .join(TeamRow, col(TeamRow.id) == col(table.team_id))
                             .where(table.workspace_id == workspace_id)
                             .order_by(col(TeamRow.name_key))).all())


def index(session: Session, table: Any, workspace_id: int) -> list[tuple[int, str]]:
    """(id, team) of every document, by team: what the command palette lists."""
    return list(session.exec(select(table.id, TeamRow.name)
                             .join(TeamRow, col(TeamRow.id) == col(table.team_id))
                             .where(table.workspace_id == workspace_id)
                             .order_by(col(TeamRow.name_key))).all())


def teams_without(session: Session, table: Any, workspace_id: int) -> list[str]:
    """The teams of the workspace that have no such document yet, by name."""
    have = select(table.team_id).where(table.workspace_id == workspace_id)
    return list(session.exec(select(TeamRow.name).where(
        TeamRow.workspace_id == workspace_id, col(TeamRow.id).not_in(have))
        .order_by(col(TeamRow.name_key))).all())


def snapshot(session: Session, row: Any) -> dict[str, Any]:
    """What a revision keeps of a document stored as a JSON body: the body with its team."""
    values = json.loads(row.body or "{}")
    values["team"] = team_name(session, row)
    return values


def labeller(noun: str) -> Callable[[Any], str]:
    """A lifecycle label for a team's document: "<noun> of team <team>"."""
    def label(row: Any) -> str:
        session = object_session(row)
        name = team_name(session, row) if session is not None else str(row.team_id)
        return f"{noun} of team {name}"
    return label

"""Field cleaning and team lookups shared by the repositories of personas, story maps and
SLOs."""

from __future__ import annotations

from sqlmodel import Session

from workbench.domain.names import clean_name, unusable_character
from workbench.errors import UsageError
from workbench.store import repo
from workbench.store.tables import TeamRow


def clean(raw: str, what: str) -> str:
    try:
        return clean_name(raw, what)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def title_text(raw: str, what: str, limit: int = 200) -> str:
    problem = unusable_character(raw or "")
    if problem:
        raise UsageError(f"{what} {problem}")
    text = " ".join((raw or "").split())
    if not text:
        raise UsageError(f"{what} is empty; give it a short title")
    if len(text) > limit:
        raise UsageError(f"{what} is {len(text)} characters long; use at most {limit}")
    return text


def team_id_of(session: Session, workspace_id: int, team: str | None) -> int | None:
    return repo.get_team(session, workspace_id, team).id if team else None


def team_name_of(session: Session, team_id: int | None) -> str | None:
    if team_id is None:
        return None
    row = session.get(TeamRow, team_id)
    return row.name if row else None

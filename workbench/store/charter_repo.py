"""Repository of team charters: one per team, saved whole through the shared lifecycle.

A charter is checked (``domain.charter.check_charter`` against the workspace's teams and each
team's SLOs) before anything is written; every save records one revision and sets the
charter's required parties. Agreeing is refused while required parts are missing (the
lifecycle's ``ready`` hook). The revision in force is the agreed one the lifecycle names, read
back from its snapshot.

A charter is found by its team's name (as users type it), its uid or its id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from workbench.domain.charter import (
    Charter,
    canonical_names,
    charter_values,
    check_charter,
    missing_parts,
    read_charter,
)
from workbench.domain.lifecycle import LifecycleState
from workbench.errors import ConflictError, UsageError
from workbench.store import lifecycle, repo, team_documents
from workbench.store.charter_tables import CharterRow
from workbench.store.document_rows import dump_body, free_uid, lifecycle_fields, load_body
from workbench.store.tables import ServiceRow, TeamRow

KIND = "charter"


@dataclass(frozen=True)
class StoredCharter:
    charter: Charter
    state: LifecycleState
    id: int = 0
    in_force: Charter | None = None
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None


@dataclass(frozen=True)
class CharterChoices:
    """What a charter can name in this workspace."""

    teams: tuple[str, ...]
    team_slos: dict[str, tuple[str, ...]]
    """Team name -> the SLOs of the services it owns."""


# --- rows ---------------------------------------------------------------------------------


def find_row(session: Session, workspace_id: int, ref: str) -> CharterRow | None:
    """The document of the team named ``ref``, else the one with that uid or id."""
    return team_documents.find_row(session, CharterRow, workspace_id, ref)


def charter_row(session: Session, workspace_id: int, ref: str) -> CharterRow:
    return team_documents.row_of(session, CharterRow, workspace_id, ref, topic=KIND,
                                 missing="team {team} has no charter yet; start one with: "
                                 "workbench charter edit --team {team!r}")


def _team_name(session: Session, row: CharterRow) -> str:
    return team_documents.team_name(session, row)


def _charter(row: CharterRow, team: str) -> Charter:
    return load_body(row, read_charter, {"team": team, "uid": row.uid},
                     f"the charter of team {team}", KIND)


def _body(charter: Charter) -> str:
    return dump_body(charter_values(charter), ("team", "uid"))


def _ready(session: Session, row: CharterRow) -> list[str]:
    return [f"{m.part}: {m.message}" for m in missing_parts(_charter(row, _team_name(session,
                                                                                     row)))]


CHARTER_DOCUMENT = lifecycle.register(lifecycle.DocumentType(
    kind=KIND, noun="team charter", table=CharterRow, find=charter_row,
    snapshot=team_documents.snapshot, label=team_documents.labeller("charter"), ready=_ready,
))


# --- reading ------------------------------------------------------------------------------


def _stored(session: Session, row: CharterRow, team: str) -> StoredCharter:
    return StoredCharter(charter=_charter(row, team), id=row.id, **lifecycle_fields(
        session, CHARTER_DOCUMENT, row, read_charter, {"team": team, "uid": row.uid}))


def list_charters(session: Session, workspace_id: int) -> list[StoredCharter]:
    """Every charter of the workspace, by team name."""
    return [_stored(session, row, team)
            for row, team in team_documents.rows_by_team(session, CharterRow, workspace_id)]


def index(session: Session, workspace_id: int) -> list[tuple[int, str]]:
    """(id, team) of every document, by team: what the command palette lists."""
    return team_documents.index(session, CharterRow, workspace_id)


def load(session: Session, workspace_id: int, ref: str) -> StoredCharter:
    row = charter_row(session, workspace_id, ref)
    return _stored(session, row, _team_name(session, row))


def choices(session: Session, workspace_id: int) -> CharterChoices:
    from workbench.store.slo_tables import SloRow

    teams = tuple(t.name for t in repo.list_teams(session, workspace_id))
    slos: dict[str, list[str]] = {t: [] for t in teams}
    # each SLO's name with the team owning its service, in the SLO list's order: one query
    for name, team in session.execute(
        select(SloRow.name, TeamRow.name)
        .join(ServiceRow, col(ServiceRow.id) == col(SloRow.service_id))
        .join(TeamRow, col(TeamRow.id) == col(ServiceRow.team_id))
        .where(SloRow.workspace_id == workspace_id)
        .order_by(col(SloRow.name_key), col(SloRow.id))
    ):
        slos[team].append(name)
    return CharterChoices(teams=teams, team_slos={t: tuple(s) for t, s in slos.items()})


def problems(session: Session, workspace_id: int, charter: Charter,
             found: CharterChoices | None = None) -> list[str]:
    """Everything wrong with ``charter`` in this workspace (empty: it can be saved)."""
    found = found or choices(session, workspace_id)
    return [str(p) for p in check_charter(charter, teams=found.teams,
                                          team_slos=found.team_slos)]


# --- writing ------------------------------------------------------------------------------


def _checked(session: Session, workspace_id: int, charter: Charter) -> tuple[Charter, int]:
    found = choices(session, workspace_id)
    wrong = problems(session, workspace_id, charter, found)
    if wrong:
        raise UsageError("; ".join(wrong), topic=KIND, problems=wrong)
    charter = canonical_names(charter, teams=found.teams, team_slos=found.team_slos)
    team = repo.team_row(session, workspace_id, charter.team)
    assert team is not None  # checked above
    return charter, team.id


def create(session: Session, workspace_id: int, charter: Charter,
           summary: str = "added") -> Charter:
    charter, team_id = _checked(session, workspace_id, charter)
    if session.exec(select(CharterRow.id).where(CharterRow.team_id == team_id)).first():
        raise ConflictError(f"team {charter.team} has a charter already; edit that one",
                            topic=KIND)
    row = CharterRow(workspace_id=workspace_id, team_id=team_id,
                     uid=free_uid(session, CharterRow, charter.uid), body=_body(charter))
    session.add(row)
    session.flush()
    lifecycle.set_required_parties(session, CHARTER_DOCUMENT, row, charter.required_parties())
    lifecycle.record_created(session, CHARTER_DOCUMENT, row, summary)
    return _charter(row, charter.team)


def save(session: Session, workspace_id: int, ref: str, charter: Charter, summary: str, *,
         expected_version: int | None = None) -> Charter:
    """Replace the content of the charter ``ref`` as one revision (its team stays)."""
    row = charter_row(session, workspace_id, ref)
    lifecycle.check_version(CHARTER_DOCUMENT, row, expected_version)
    charter, team_id = _checked(session, workspace_id, charter)
    if team_id != row.team_id:
        raise UsageError(f"a charter stays with its team; this is the charter of team "
                         f"{_team_name(session, row)}, not of {charter.team}", topic=KIND)
    row.body = _body(charter)
    lifecycle.record_save(session, CHARTER_DOCUMENT, row, summary)
    if lifecycle.required_parties(session, CHARTER_DOCUMENT, row) != \
            charter.required_parties():
        lifecycle.set_required_parties(session, CHARTER_DOCUMENT, row,
                                       charter.required_parties())
    return _charter(row, charter.team)


def check_version(session: Session, workspace_id: int, ref: str,
                  expected_version: int | None) -> None:
    lifecycle.check_version(CHARTER_DOCUMENT, charter_row(session, workspace_id, ref),
                            expected_version)


def remove(session: Session, workspace_id: int, ref: str, *,
           expected_version: int | None = None) -> Charter:
    row = charter_row(session, workspace_id, ref)
    lifecycle.check_version(CHARTER_DOCUMENT, row, expected_version)
    charter = _charter(row, _team_name(session, row))
    session.delete(row)
    session.flush()
    return charter


def teams_without_charter(session: Session, workspace_id: int) -> list[str]:
    return team_documents.teams_without(session, CharterRow, workspace_id)


__all__ = ["CHARTER_DOCUMENT", "CharterChoices", "StoredCharter", "charter_row", "check_version",
           "choices", "create", "find_row", "index", "list_charters", "load", "problems",
           "remove", "save", "teams_without_charter"]



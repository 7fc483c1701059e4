"""Teams and services of a workspace, with what the TUI shows beside them (how many services
a team owns, when its next maturity reassessment is due).

Changes take the ``Team`` / ``Service`` value the user opened and find the stored record by
its id, not its name: if someone renamed it meanwhile the write is refused as a version
conflict (instead of "no team named ..."), and a new record that took the old name is never
changed by mistake.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from workbench.domain.maturity import next_reassessment
from workbench.domain.organisation import Service, Team, Workspace
from workbench.errors import NotFoundError
from workbench.service import Area
from workbench.store import assessment_repo, repo


@dataclass(frozen=True)
class TeamsOverview:
    """Teams and services of one workspace, as of one load."""

    workspace: Workspace
    teams: tuple[Team, ...] = ()
    services: tuple[Service, ...] = ()
    service_counts: dict[int, int] = field(default_factory=dict)
    next_due: dict[int | None, date] = field(default_factory=dict)
    """Team id (None: the whole organisation) -> next maturity reassessment."""

    def team(self, team_id: int) -> Team | None:
        return next((t for t in self.teams if t.id == team_id), None)

    def service(self, service_id: int) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)


class TeamsService(Area):
    def overview(self, workspace: Workspace) -> TeamsOverview:
        def load(session) -> TeamsOverview:
            teams = repo.list_teams(session, workspace.id)
            services = repo.list_services(session, workspace.id)
            latest: dict[int | None, date] = {}
            for run in assessment_repo.list_runs(session, workspace.id):
                if run.team_id not in latest or run.run_date > latest[run.team_id]:
                    latest[run.team_id] = run.run_date
            counts = Counter(s.team_id for s in services if s.team_id is not None)
            return TeamsOverview(
                workspace=workspace, teams=tuple(teams), services=tuple(services),
                service_counts=dict(counts),
                next_due={team: next_reassessment(day) for team, day in latest.items()})
        return self.wb.read(load)

    def add_team(self, workspace_id: int, name: str, description: str = "") -> Team:
        return self.wb.write(repo.add_team, workspace_id, name, description)

    def rename_team(self, workspace_id: int, team: Team, new_name: str) -> Team:
        def change(session) -> Team:
            return repo.rename_team(session, workspace_id, _stored_team(session, team).name,
                                    new_name, expected_version=team.version)
        return self.wb.write(change)

    def remove_team(self, workspace_id: int, team: Team) -> Team:
        def change(session) -> Team:
            return repo.remove_team(session, workspace_id, _stored_team(session, team).name,
                                    expected_version=team.version)
        return self.wb.write(change)

    def add_service(self, workspace_id: int, name: str, team: str | None = None,
                    description: str = "") -> Service:
        return self.wb.write(repo.add_service, workspace_id, name, team, description)

    def update_service(self, workspace_id: int, service: Service, *, name: str,
                       team: str | None) -> Service:
        """Rename the service and set its team (None: no team)."""
        def change(session) -> Service:
            return repo.update_service(
                session, workspace_id, _stored_service(session, service).name, new_name=name,
                team=team, clear_team=team is None, expected_version=service.version)
        return self.wb.write(change)

    def remove_service(self, workspace_id: int, service: Service) -> Service:
        def change(session) -> Service:
            return repo.remove_service(session, workspace_id,
                                       _stored_service(session, service).name,
                                       expected_version=service.version)
        return self.wb.write(change)


def _stored_team(session, team: Team) -> Team:
    """The stored version of ``team`` (found by id, whatever its name is now)."""
    found = next((t for t in repo.list_teams(session, team.workspace_id) if t.id == team.id),
                 None)
    if found is None:
        raise NotFoundError(f"the team {team.name!r} no longer exists: someone removed it "
                            "since you opened it", topic="team")
    return found


def _stored_service(session, service: Service) -> Service:
    found = next((s for s in repo.list_services(session, service.workspace_id)
                  if s.id == service.id), None)
    if found is None:
        raise NotFoundError(f"the service {service.name!r} no longer exists: someone removed "
                            "it since you opened it", topic="service")
    return found

"""The records the TUI caches for one workspace (tables, command palette). Loading them is
plain database work, run from thread workers; nothing here draws."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.domain.models import Service, Team, Workspace

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# The store (SQLAlchemy, SQLModel) is imported inside the loaders: they run in workers, and the
# first screen should not wait for those imports.


@dataclass(frozen=True)
class Catalog:
    """Teams and services of one workspace, as of the last load."""

    workspace: Workspace
    teams: tuple[Team, ...] = ()
    services: tuple[Service, ...] = ()
    service_counts: dict[int, int] = field(default_factory=dict)

    def team(self, team_id: int) -> Team | None:
        return next((t for t in self.teams if t.id == team_id), None)

    def service(self, service_id: int) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)


def load_catalog(engine: Engine, workspace: Workspace) -> Catalog:
    from workbench.store import repo
    from workbench.store.db import reading

    with reading(engine) as session:
        teams = repo.list_teams(session, workspace.id)
        services = repo.list_services(session, workspace.id)
    counts = Counter(s.team_id for s in services if s.team_id is not None)
    return Catalog(workspace=workspace, teams=tuple(teams), services=tuple(services),
                   service_counts=dict(counts))


def load_workspace(engine: Engine, workspace_id: int) -> Workspace:
    from workbench.store import repo
    from workbench.store.db import reading

    with reading(engine) as session:
        return repo.get_workspace_by_id(session, workspace_id)


def load_workspaces(engine: Engine) -> list[Workspace]:
    from workbench.store import repo
    from workbench.store.db import reading

    with reading(engine) as session:
        return repo.list_workspaces(session)

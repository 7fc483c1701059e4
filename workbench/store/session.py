"""Opening a database the way every entry point does: make the engine, migrate (with a
backup), and pick the workspace the user means."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from workbench import paths
from workbench.domain.organisation import Workspace
from workbench.errors import NotFoundError
from workbench.store import repo
from workbench.store.db import make_engine
from workbench.store.migrate import ensure_current


@dataclass
class OpenDatabase:
    url: str
    engine: Engine
    backup: Path | None


def open_database(url: str, *, remember: bool = True) -> OpenDatabase:
    engine = make_engine(url)
    backup = ensure_current(engine)
    if remember:
        paths.write_state(last_db=url)
    return OpenDatabase(url=url, engine=engine, backup=backup)


def choose_workspace(session: Session, name: str | None) -> Workspace:
    """The named workspace, else the last used one, else the only one."""
    if name:
        return repo.get_workspace(session, name)
    last = paths.read_state().get("last_workspace")
    if last:
        found = repo.find_workspace(session, last)
        if found:
            return found
    workspaces = repo.list_workspaces(session)
    if len(workspaces) == 1:
        return workspaces[0]
    if not workspaces:
        raise NotFoundError("this database has no workspace yet", topic="workspace")
    names = ", ".join(w.name for w in workspaces)
    raise NotFoundError(f"several workspaces exist ({names}); choose one of them",
                        topic="workspace-choice")


def remember_workspace(workspace: Workspace) -> None:
    paths.write_state(last_workspace=workspace.name)

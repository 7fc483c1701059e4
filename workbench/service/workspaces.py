"""Workspaces: list, open, create, rename and delete."""

from __future__ import annotations

from workbench.domain.organisation import Workspace
from workbench.service import Area
from workbench.store import repo


class WorkspacesService(Area):
    def list(self) -> list[Workspace]:
        return self.wb.read(repo.list_workspaces)

    def get(self, workspace_id: int) -> Workspace:
        return self.wb.read(repo.get_workspace_by_id, workspace_id)

    def create(self, name: str, description: str = "") -> Workspace:
        return self.wb.write(repo.create_workspace, name, description)

    def rename(self, workspace: Workspace, new_name: str) -> Workspace:
        return self.wb.write(repo.rename_workspace, workspace.id, new_name,
                             expected_version=workspace.version)

    def delete(self, workspace: Workspace) -> Workspace:
        return self.wb.write(repo.delete_workspace, workspace.id,
                             expected_version=workspace.version)

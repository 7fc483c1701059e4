"""Workspaces: list, open, create, rename and delete, and what a delete would take with it.

The last used workspace is remembered by name (``paths.write_state``), so renaming it moves
that memory to the new name and deleting it forgets it; the CLI and the TUI both get this by
going through here.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench import paths
from workbench.domain.names import lookup_key
from workbench.domain.organisation import Workspace
from workbench.service import Area
from workbench.store import assessment_repo, persona_repo, repo, slo_repo, story_map_repo


@dataclass(frozen=True)
class WorkspaceContents:
    """How much a workspace holds: what deleting it would remove."""

    workspace: Workspace
    teams: int = 0
    services: int = 0
    maturity_runs: int = 0
    hypotheses: int = 0
    story_maps: int = 0
    personas: int = 0
    slos: int = 0

    def counts(self) -> list[str]:
        """"5 teams", "11 services", ... for the kinds it holds any of."""
        kinds = [(self.teams, "team", "teams"), (self.services, "service", "services"),
                 (self.maturity_runs, "maturity run", "maturity runs"),
                 (self.hypotheses, "hypothesis", "hypotheses"),
                 (self.story_maps, "story map", "story maps"),
                 (self.personas, "persona", "personas"), (self.slos, "SLO", "SLOs")]
        return [f"{count} {one if count == 1 else many}" for count, one, many in kinds if count]

    def describe(self) -> str:
        """One sentence naming everything that would be lost ("" when it is empty)."""
        counts = self.counts()
        if not counts:
            return ""
        listed = counts[0] if len(counts) == 1 else f"{', '.join(counts[:-1])} and {counts[-1]}"
        return f"It holds {listed}, with every document's sign-offs and history."


class WorkspacesService(Area):
    def list(self) -> list[Workspace]:
        return self.wb.read(repo.list_workspaces)

    def get(self, workspace_id: int) -> Workspace:
        return self.wb.read(repo.get_workspace_by_id, workspace_id)

    def create(self, name: str, description: str = "") -> Workspace:
        return self.wb.write(repo.create_workspace, name, description)

    def contents(self, workspace: Workspace) -> WorkspaceContents:
        def load(session) -> WorkspaceContents:
            ws_id = workspace.id
            return WorkspaceContents(
                workspace=repo.get_workspace_by_id(session, ws_id),
                teams=len(repo.list_teams(session, ws_id)),
                services=len(repo.list_services(session, ws_id)),
                maturity_runs=len(assessment_repo.list_runs(session, ws_id)),
                hypotheses=len(assessment_repo.list_hypotheses(session, ws_id)),
                story_maps=len(story_map_repo.list_story_maps(session, ws_id)),
                personas=len(persona_repo.list_personas(session, ws_id)),
                slos=len(slo_repo.list_slos(session, ws_id)))
        return self.wb.read(load)

    def rename(self, workspace: Workspace, new_name: str) -> Workspace:
        renamed = self.wb.write(repo.rename_workspace, workspace.id, new_name,
                                expected_version=workspace.version)
        if _is_last_used(workspace):
            paths.write_state(last_workspace=renamed.name)
        return renamed

    def delete(self, workspace: Workspace) -> Workspace:
        deleted = self.wb.write(repo.delete_workspace, workspace.id,
                                expected_version=workspace.version)
        if _is_last_used(workspace):
            paths.write_state(last_workspace=None)
        return deleted


def _is_last_used(workspace: Workspace) -> bool:
    last = paths.read_state().get("last_workspace")
    return isinstance(last, str) and lookup_key(last) == lookup_key(workspace.name)

"""The workspace basics: description, teams and the services they own.

Markdown: ``<workspace>/teams-and-services.md``. YAML: ``<workspace>/workspace.yaml`` with
``kind: workbench/workspace``, ``version: 1`` (the format the YAML importer reads back).
"""

from __future__ import annotations

from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.store import repo

MARKDOWN_FILE = "teams-and-services.md"
YAML_FILE = "workspace.yaml"
YAML_KIND = "workbench/workspace"
TEMPLATE = "export/teams-and-services.md.j2"


@exporter("workspace", formats={"md", "yaml"}, title="Workspace, teams and services", order=0)
def export_workspace_basics(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    teams = repo.list_teams(ctx.session, ctx.workspace.id)
    services = repo.list_services(ctx.session, ctx.workspace.id)
    if fmt == "md":
        owned = {team.id: [s.name for s in services if s.team_id == team.id] for team in teams}
        text = ctx.render(
            TEMPLATE,
            teams=[{"name": t.name, "description": t.description, "services": owned[t.id]}
                   for t in teams],
            services=services,
            unowned=sum(1 for s in services if s.team_id is None),
        )
        return [ExportFile(MARKDOWN_FILE, text)]
    body = {
        "workspace": {"name": ctx.workspace.name, "description": ctx.workspace.description},
        "teams": [{"name": t.name, "description": t.description} for t in teams],
        "services": [
            {"name": s.name, "team": s.team_name, "description": s.description}
            for s in services
        ],
    }
    return [ExportFile(YAML_FILE, ctx.yaml(YAML_KIND, body))]

"""Pyrra: ``<workspace>/pyrra/<slo>.yaml``, one ``pyrra.dev/v1alpha1``
``ServiceLevelObjective`` per SLO (Pyrra reads one object per file); see
``workbench.export.pyrra``. No timestamps: the same data gives the same files.
"""

from __future__ import annotations

from workbench.export.pyrra import render_export
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.export.slo_interop import services_with_slos
from workbench.store import repo


@exporter("pyrra", formats={"pyrra"}, title="Pyrra", order=120)
def export_pyrra(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    groups = services_with_slos(ctx)
    if not groups:
        return []
    teams = {s.name: s.team_name for s in repo.list_services(ctx.session, ctx.workspace.id)}
    return [ExportFile(path, text) for path, text in render_export(groups, teams)]

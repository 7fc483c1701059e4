"""Pyrra: ``<workspace>/pyrra/<slo>.yaml``, one ``pyrra.dev/v1alpha1``
``ServiceLevelObjective`` per SLO (Pyrra reads one object per file); see
``workbench.export.pyrra``. No timestamps: the same data gives the same files.
"""

from __future__ import annotations

from workbench.export.pyrra import render_export
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.export.slo_interop import per_service_files


@exporter("pyrra", formats={"pyrra"}, title="Pyrra", order=120)
def export_pyrra(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    return per_service_files(ctx, render_export)

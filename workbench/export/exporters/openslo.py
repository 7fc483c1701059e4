"""OpenSLO v1: ``<workspace>/openslo/<service>.yaml`` per service with SLOs (SLOs without a
service go to ``unassigned.yaml``), each a ``Service`` document and its ``SLO`` documents.

Four-week SLOs are written as calendar windows anchored at the ISO period containing the
export's day (``ctx.day()``: ``--date`` on the command line), valid until the date in their
``sre-workbench.dev/valid-until`` annotation; see ``workbench.export.openslo``. No
timestamps: the same data and day give the same files.
"""

from __future__ import annotations

from workbench.export.openslo import render_export
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.export.slo_interop import services_with_slos

FOLDER = "openslo"


@exporter("openslo", formats={"openslo"}, title="OpenSLO v1", order=100)
def export_openslo(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    groups = services_with_slos(ctx)
    return [ExportFile(f"{FOLDER}/{slug}.yaml", text)
            for slug, text in render_export(groups, ctx.day())]

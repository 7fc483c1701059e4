"""Sloth: ``<workspace>/sloth/<service>.yaml`` (a ``prometheus/v1`` spec) per service with
SLOs (SLOs without a service go to ``unassigned.yaml``), and
``sloth/windows/alert-windows.yaml``, the ``sloth.slok.dev/v1`` ``AlertWindows`` for the
workbench's 28-day SLO period, which ``sloth generate`` needs
(``--slo-period-windows-path sloth/windows --default-slo-period 28d``); see
``workbench.export.sloth``. No timestamps: the same data gives the same files.
"""

from __future__ import annotations

from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.export.slo_interop import per_service_files
from workbench.export.sloth import render_export


@exporter("sloth", formats={"sloth"}, title="Sloth", order=110)
def export_sloth(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    return per_service_files(ctx, render_export)

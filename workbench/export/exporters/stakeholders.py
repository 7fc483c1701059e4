"""The stakeholder chart.

Markdown: ``<workspace>/stakeholders.md``, the wiki page of
``workbench.export.stakeholder_markdown`` (grid table, Mermaid quadrant chart, one section
per quadrant, overdue contacts, next actions, warnings, buy-in funnel). YAML:
``<workspace>/stakeholders.yaml`` with ``kind: workbench/stakeholder-chart``, ``version:
1``, the format ``read_chart_file`` in ``workbench.export.stakeholder_yaml`` reads back.
A workspace without a chart exports no files.

The day the overdue list and late actions are worked out for is the context's ``today``
when it has one, else the day of ``generated_at``, else the day the chart was last saved, so
that the same data always gives the same files (as the SLO exporter does with its last day
of counts); the page names the day it used.
"""

from __future__ import annotations

from datetime import date, datetime

from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.export.stakeholder_markdown import (
    MARKDOWN_FILE,
    TEMPLATE,
    ChartReport,
    report_values,
)
from workbench.export.stakeholder_yaml import KIND, YAML_FILE, chart_body
from workbench.store import stakeholder_repo


def export_day(ctx: ExportContext, last_saved: datetime | None = None) -> date:
    """The export's "today" (see the module docstring)."""
    return ctx.day(last_saved.date() if last_saved is not None else None)


@exporter("stakeholders", formats={"md", "yaml"}, title="Stakeholder chart", order=50)
def export_stakeholders(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    stored = stakeholder_repo.load(ctx.session, ctx.workspace.id)
    if stored.revisions == 0 and not stored.chart.people:
        return []
    if fmt == "yaml":
        return [ExportFile(YAML_FILE, ctx.yaml(KIND, chart_body(stored.chart)))]
    report = ChartReport.from_stored(stored, ctx.workspace.name,
                                     export_day(ctx, stored.last_saved))
    return [ExportFile(MARKDOWN_FILE, ctx.render(TEMPLATE, **report_values(report)))]

"""Team charters, one pair of files per charter.

Markdown: ``<workspace>/charters/<team>.md``, the wiki page of
``workbench.export.charter_markdown``. YAML: ``<workspace>/charters/<team>.yaml`` with
``kind: workbench/team-charter``, ``version: 1`` (the format ``read_charter_file`` in
``workbench.export.charter_yaml`` reads back). A workspace without charters exports no
files. File names are slugs of the team names (``unique_slugs``).

The day the metrics' figures are for is the context's ``today`` when it has one, else the
day of ``generated_at``, else the last day of counts of the SLOs the charters name, else
the day a charter was last saved, so that the same data always gives the same files; the
page names the day it used. The counts are read once for every charter (one
``policy_repo.Budgets``), and only when a metric names an SLO.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from workbench.domain.charter import MetricFigures, metric_figures
from workbench.export.charter_markdown import TEMPLATE, CharterPage, page_values
from workbench.export.charter_yaml import KIND, charter_body
from workbench.export.names import unique_slugs
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.store import charter_repo, policy_repo, slo_repo
from workbench.store.charter_repo import StoredCharter

FOLDER = "charters"


def export_day(ctx: ExportContext, stored: Sequence[StoredCharter],
               last_counts: date | None) -> date:
    """The day the figures are for (see the module docstring)."""
    saved = [s.last_saved.date() for s in stored if s.last_saved is not None]
    return ctx.day(last_counts, max(saved, default=None))


def _figures(ctx: ExportContext, stored: Sequence[StoredCharter]
             ) -> tuple[date, dict[str, MetricFigures]]:
    named = {m.slo for s in stored for m in s.charter.metrics if m.slo}
    if not named:
        return export_day(ctx, stored, None), {}
    ids = [s.id for s in slo_repo.list_slos(ctx.session, ctx.workspace.id) if s.name in named]
    as_of = export_day(ctx, stored, slo_repo.last_count_day(ctx.session, ids))
    budgets = policy_repo.Budgets(ctx.session, ctx.workspace.id, as_of)
    return as_of, {f.slo: metric_figures(f) for f in budgets.figures() if f.slo in named}


@exporter("charters", formats={"md", "yaml"}, title="Team charters", order=70)
def export_charters(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    stored = charter_repo.list_charters(ctx.session, ctx.workspace.id)
    if not stored:
        return []
    slugs = unique_slugs([s.charter.team for s in stored], fallback="team")
    if fmt == "yaml":
        return [ExportFile(f"{FOLDER}/{slug}.yaml", ctx.yaml(KIND, charter_body(s.charter)))
                for s, slug in zip(stored, slugs, strict=True)]
    as_of, figures = _figures(ctx, stored)
    choices = charter_repo.choices(ctx.session, ctx.workspace.id)
    files = []
    for item, slug in zip(stored, slugs, strict=True):
        problems = charter_repo.problems(ctx.session, ctx.workspace.id, item.charter, choices)
        page = CharterPage.from_stored(item, as_of, figures=figures, problems=tuple(problems))
        files.append(ExportFile(f"{FOLDER}/{slug}.md", ctx.render(
            TEMPLATE, **page_values(page, workspace_name=ctx.workspace.name))))
    return files

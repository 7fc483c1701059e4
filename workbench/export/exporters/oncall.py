"""On-call setup agreements, the files of each team's agreement.

- ``md``: ``oncall/<team>.md`` (the wiki page of ``export.oncall_markdown``) and
  ``oncall/<team>-postmortem.md`` (the postmortem template in the agreement's terms).
- ``yaml``: ``oncall/<team>.yaml`` (``kind: workbench/oncall-agreement``, read back by
  ``export.oncall_yaml.read_oncall_file``).
- ``ics``: ``oncall/<team>.ics``, every shift of the horizon (``export.oncall_ics``), with
  SEQUENCE counted over the agreement's saved revisions.
- ``paging``: ``oncall/<team>-paging.yaml`` (``export.oncall_paging``); an agreement that
  cannot be expressed stops the export with its problems.
- ``csv``: ``oncall/hours.csv``, on-call hours per rotation, person and month for payroll.

A workspace without agreements exports no on-call files. The schedule starts on the
context's day (``ExportContext.day``, else the last save of an agreement), so the same data
gives the same files; it covers ``oncall_page.DEFAULT_WEEKS`` weeks.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.export.names import unique_slugs
from workbench.export.oncall_csv import hours_csv
from workbench.export.oncall_ics import calendar_text
from workbench.export.oncall_markdown import (
    POSTMORTEM_TEMPLATE,
    TEMPLATE,
    page_values,
    postmortem_values,
)
from workbench.export.oncall_page import OnCallPage
from workbench.export.oncall_paging import paging_text
from workbench.export.oncall_yaml import KIND, oncall_body
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.store import oncall_repo
from workbench.store.oncall_repo import StoredAgreement

FOLDER = "oncall"


def _pages(ctx: ExportContext, stored: Sequence[StoredAgreement]) -> list[OnCallPage]:
    saved = [s.last_saved.date() for s in stored if s.last_saved is not None]
    as_of = ctx.day(max(saved, default=None))
    rules = oncall_repo.load_rules(ctx.session, ctx.workspace.id).rules
    targets = oncall_repo.service_targets(ctx.session, ctx.workspace.id)
    return [OnCallPage.build(s, as_of, rules=rules, targets=targets, problems=tuple(
        oncall_repo.problems(ctx.session, ctx.workspace.id, s.agreement))) for s in stored]


@exporter("oncall", formats={"md", "yaml", "ics", "paging", "csv"},
          title="On-call agreements", order=90)
def export_oncall(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    stored = oncall_repo.list_agreements(ctx.session, ctx.workspace.id)
    if not stored:
        return []
    slugs = unique_slugs([s.agreement.team for s in stored], fallback="team")
    if fmt == "yaml":
        return [ExportFile(f"{FOLDER}/{slug}.yaml", ctx.yaml(KIND, oncall_body(s.agreement)))
                for s, slug in zip(stored, slugs, strict=True)]
    pages = _pages(ctx, stored)
    if fmt == "csv":
        return [ExportFile(f"{FOLDER}/hours.csv", hours_csv(pages))]
    files = []
    for item, page, slug in zip(stored, pages, slugs, strict=True):
        if fmt == "md":
            name = ctx.workspace.name
            files.append(ExportFile(f"{FOLDER}/{slug}.md", ctx.render(
                TEMPLATE, **page_values(page, workspace_name=name))))
            files.append(ExportFile(f"{FOLDER}/{slug}-postmortem.md", ctx.render(
                POSTMORTEM_TEMPLATE, **postmortem_values(page, workspace_name=name))))
        elif fmt == "ics":
            history = oncall_repo.earlier_versions(ctx.session, ctx.workspace.id, item)
            files.append(ExportFile(f"{FOLDER}/{slug}.ics", calendar_text(
                page, history=history, stamp=ctx.generated_at)))
        elif fmt == "paging":
            files.append(ExportFile(f"{FOLDER}/{slug}-paging.yaml", paging_text(page)))
    return files

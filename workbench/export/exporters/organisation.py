"""The organisation documents: the "who builds it, who runs it?" decisions and the SRE role.

Markdown and YAML, in ``<workspace>/organisation/``: ``decision.md|.yaml`` for the
organisation's decision, ``decision-<product>.md|.yaml`` for a product's (slugs of the
product names, ``unique_slugs``), and ``sre-role.md|.yaml`` for the role description. The
pages are those of ``workbench.export.org_markdown``; the YAML files have ``kind:
workbench/org-decision`` or ``kind: workbench/sre-role``, ``version: 1`` (the formats
``workbench.export.org_yaml`` reads back). A workspace without them writes no files.

Nothing here depends on the day: the same data gives the same files.
"""

from __future__ import annotations

from workbench.domain.org import check_decision
from workbench.export.names import unique_slugs
from workbench.export.org_markdown import (
    DECISION_TEMPLATE,
    ROLE_TEMPLATE,
    DecisionPage,
    RolePage,
    decision_page_values,
    role_page_values,
)
from workbench.export.org_yaml import DECISION_KIND, ROLE_KIND, decision_body, role_body
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.store import org_repo

FOLDER = "organisation"
DECISION_FILE = "decision"
ROLE_FILE = "sre-role"


def decision_names(products: list[str | None]) -> list[str]:
    """The file name (without extension) of each decision: ``decision`` for the
    organisation's, ``decision-<product slug>`` for a product's."""
    slugs = iter(unique_slugs([p for p in products if p], fallback="product"))
    return [f"{DECISION_FILE}-{next(slugs)}" if p else DECISION_FILE for p in products]


@exporter("organisation", formats={"md", "yaml"}, title="Organisation model decision and "
          "SRE role", order=80)
def export_organisation(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    decisions = org_repo.list_decisions(ctx.session, ctx.workspace.id)
    role = org_repo.load_role(ctx.session, ctx.workspace.id)
    if not decisions and role is None:
        return []
    names = decision_names([d.content.product for d in decisions])
    files: list[ExportFile] = []
    if fmt == "yaml":
        files = [ExportFile(f"{FOLDER}/{name}.yaml", ctx.yaml(DECISION_KIND,
                                                              decision_body(d.content)))
                 for d, name in zip(decisions, names, strict=True)]
        if role is not None:
            files.append(ExportFile(f"{FOLDER}/{ROLE_FILE}.yaml",
                                    ctx.yaml(ROLE_KIND, role_body(role.content))))
        return files
    teams = org_repo.team_names(ctx.session, ctx.workspace.id)
    workspace = ctx.workspace.name
    for stored, name in zip(decisions, names, strict=True):
        problems = [str(p) for p in check_decision(stored.content, teams)]
        page = DecisionPage.from_stored(stored, teams, problems)
        files.append(ExportFile(f"{FOLDER}/{name}.md", ctx.render(
            DECISION_TEMPLATE, **decision_page_values(page, workspace_name=workspace))))
    if role is not None:
        files.append(ExportFile(f"{FOLDER}/{ROLE_FILE}.md", ctx.render(
            ROLE_TEMPLATE, **role_page_values(RolePage.from_stored(role),
                                              workspace_name=workspace))))
    return files

"""Error budget policies, one set of files per policy.

Markdown: ``<workspace>/policies/<policy>.md``, the wiki page of
``workbench.export.policy_markdown`` (status, scope, purpose, conditions and consequences,
escalation, agreement, review, and the evaluation as of the export's day). YAML:
``<workspace>/policies/<policy>.yaml`` with ``kind: workbench/error-budget-policy``,
``version: 1`` (the format ``read_policy_file`` in ``workbench.export.policy_yaml`` reads
back), and ``<workspace>/policies/slo-generator/<policy>.yaml``, the policy's burn-rate
conditions as an slo-generator ``error_budget_policies`` document
(``workbench.export.slo_generator``). A workspace without policies exports no files.

File names are slugs of the policy names (``unique_slugs``, so two names that slug alike
still get two files). The slo-generator documents sit in a folder of their own because a
file name's extensions may not hold a hyphen (``export.names.is_clean_file_part``).

The Markdown and the native YAML hold the policy's current text (a draft while one is
edited); the evaluation and the slo-generator document use the text that governs: the
agreed revision in force, else the draft. The day of the evaluation is the context's
``today`` when it has one, else the day of ``generated_at``, else the last day of counts of
the SLOs in scope, else the day the policy was last saved, so that the same data always
gives the same files; the page names the day it used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from workbench.domain.policy import Policy
from workbench.domain.slo.periods import PERIOD_LENGTHS
from workbench.domain.slo.records import SloDefinition
from workbench.export.names import unique_slugs
from workbench.export.policy_markdown import (
    TEMPLATE,
    PolicyReport,
    evaluated_label,
    evaluated_policy,
    report_values,
)
from workbench.export.policy_yaml import KIND, policy_body
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.export.slo_generator import slo_generator_document
from workbench.store import policy_repo, slo_repo

FOLDER = "policies"
SLO_GENERATOR_FOLDER = "slo-generator"


def slos_in_scope(policy: Policy, slos: Sequence[SloDefinition]) -> list[SloDefinition]:
    """The workspace's SLOs the policy covers (named, or of a service in scope)."""
    names = {n.casefold() for n in policy.slos}
    services = {s.casefold() for s in policy.services}
    return [s for s in slos if s.name.casefold() in names
            or (s.service_name or "").casefold() in services]


def shared_period(slos: Sequence[SloDefinition]) -> timedelta | None:
    """The period length every SLO in ``slos`` has (None: they differ, or there are none)."""
    lengths = {PERIOD_LENGTHS.get(s.period.strip().lower()) for s in slos}
    if len(lengths) != 1 or None in lengths:
        return None
    return next(iter(lengths))


def export_day(ctx: ExportContext, last_counts: date | None, last_saved: date | None) -> date:
    """The day the evaluation is for (see the module docstring)."""
    return ctx.day(last_counts, last_saved)


def _last_counts(ctx: ExportContext, slos: Sequence[SloDefinition]) -> date | None:
    return slo_repo.last_count_day(ctx.session, [s.id for s in slos])


@exporter("policies", formats={"md", "yaml"}, title="Error budget policies", order=60)
def export_policies(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    stored = policy_repo.list_policies(ctx.session, ctx.workspace.id)
    if not stored:
        return []
    slos = slo_repo.list_slos(ctx.session, ctx.workspace.id)
    files: list[ExportFile] = []
    for item, slug in zip(stored, unique_slugs([s.policy.name for s in stored],
                                                fallback="policy"), strict=True):
        if fmt == "yaml":
            files.append(ExportFile(f"{FOLDER}/{slug}.yaml", ctx.yaml(KIND,
                                                                      policy_body(item.policy))))
        governing = evaluated_policy(item)
        scoped = slos_in_scope(governing, slos)
        if fmt == "yaml":
            document = slo_generator_document(
                governing, period=shared_period(scoped), slos=[s.name for s in scoped],
                revision=evaluated_label(item), generated_at=ctx.generated_at)
            files.append(ExportFile(f"{FOLDER}/{SLO_GENERATOR_FOLDER}/{slug}.yaml", document))
            continue
        saved = item.last_saved.date() if item.last_saved else None
        as_of = export_day(ctx, _last_counts(ctx, scoped), saved)
        evaluation = policy_repo.evaluate_policy(ctx.session, ctx.workspace.id, governing,
                                                 as_of)
        report = PolicyReport.from_stored(item, ctx.workspace.name, as_of, evaluation)
        files.append(ExportFile(f"{FOLDER}/{slug}.md", ctx.render(TEMPLATE,
                                                                  **report_values(report))))
    return files

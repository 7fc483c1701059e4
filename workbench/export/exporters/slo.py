"""Personas, story maps and SLOs.

Markdown: ``<workspace>/slos/<service>.md`` per service with SLOs (story -> SLI -> SLO ->
error budget -> alert thresholds) and ``<workspace>/story-maps.md`` (personas and story
maps). YAML: ``<workspace>/slos.yaml`` with ``kind: workbench/slos``, ``version: 1``, the
format ``workbench slo import`` reads back.

Budget tables are for the compliance period containing the export's date
(``generated_at``) when one is given, otherwise the last day with counts of each SLO, so
that the same data always gives the same files.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from workbench.domain.formats import compact_span
from workbench.domain.slo import alert_thresholds, decimal_text
from workbench.domain.slo.alerts import BOOK_RULE, MULTIWINDOW_RULES
from workbench.domain.slo.document import KIND
from workbench.domain.slo.records import (
    DailyCount,
    SloBudget,
    SloDefinition,
    StoryMap,
    slo_budget,
    target_warnings,
)
from workbench.export.names import unique_slugs
from workbench.export.registry import ExportContext, ExportFile, exporter
from workbench.store import persona_repo, repo, slo_repo, story_map_repo

YAML_FILE = "slos.yaml"
STORY_MAPS_FILE = "story-maps.md"
SLO_TEMPLATE = "export/slo-service.md.j2"
MAP_TEMPLATE = "export/slo-story-maps.md.j2"
UNASSIGNED = "unassigned"
PERIOD_TEXT = {"4w": "four ISO weeks", "28d": "rolling 28 days"}


def as_of_date(generated: date | None, counts: Sequence[DailyCount]) -> date:
    if generated is not None:
        return generated
    if counts:
        return max(c.day for c in counts)
    return date.today()


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{decimal_text(value, 2)}%"


def budget_rows(budget: SloBudget) -> list[tuple[str, str]]:
    status = budget.status
    if status is None:
        return []
    tte = status.time_to_exhaustion_minutes
    return [
        ("Valid events", f"{status.total:,}"),
        ("Bad events", f"{status.bad:,}"),
        ("Allowed bad events (period)", f"{status.allowed_bad:,}"),
        ("SLI achieved", _pct(status.sli_percent)),
        ("Budget consumed", _pct(status.consumed_percent)),
        ("Budget remaining", _pct(status.remaining_percent)),
        ("Burn rate", decimal_text(status.burn_rate, 2)),
        ("Time to exhaustion", "never" if tte is None else
         ("now" if tte == 0 else f"{decimal_text(tte / 1440, 1)} days")),
        ("Runs out before period end", "yes" if status.projected_exhaustion else "no"),
    ]


def burn_down_rows(budget: SloBudget) -> list[tuple[str, str, str, str, str]]:
    """The burn-down at the end of each week of the period, and on the last day with counts."""
    points = budget.burn_down
    rows = []
    for index, point in enumerate(points):
        week_end = ((point.day - budget.start).days + 1) % 7 == 0
        if week_end or index == len(points) - 1:
            rows.append((point.day.isoformat(), f"{point.total:,}", f"{point.bad:,}",
                         _pct(point.remaining_percent), _pct(point.ideal_remaining_percent)))
    return rows


def alert_rows(slo: SloDefinition) -> list[dict[str, str]]:
    rows = []
    for t in alert_thresholds(slo.target, (BOOK_RULE, *MULTIWINDOW_RULES)):
        long_window = compact_span(int(t.rule.long_window.total_seconds()) // 60)
        short = t.rule.short_window
        rows.append({
            "name": t.rule.name, "severity": str(t.rule.severity),
            "burn_rate": decimal_text(t.rule.burn_rate),
            "window": long_window if short is None else
            f"{long_window} and {compact_span(int(short.total_seconds()) // 60)}",
            "bad_share": f"{decimal_text(t.bad_share_percent)}%",
            "budget": f"{decimal_text(t.budget_consumed_percent, 2)}%",
        })
    return rows


def _story_index(maps: Sequence[StoryMap]) -> dict[int, dict[str, Any]]:
    index = {}
    for story_map in maps:
        for activity in story_map.activities:
            for task in activity.tasks:
                for story in task.stories:
                    index[story.id] = {"map": story_map.title, "activity": activity.title,
                                       "task": task.title, "story": story}
    return index


@exporter("slos", formats={"md", "yaml"}, title="Personas, story maps and SLOs", order=30)
def export_slos(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    session, workspace_id = ctx.session, ctx.workspace.id
    if fmt == "yaml":
        body = slo_repo.document_body(session, workspace_id)
        if not any(body.values()):
            return []  # nothing of this feature yet: no file
        return [ExportFile(YAML_FILE, ctx.yaml(KIND, body))]
    generated = ctx.generated_at.date() if ctx.generated_at is not None else None
    maps = story_map_repo.list_story_maps(session, workspace_id)
    personas = persona_repo.list_personas(session, workspace_id)
    files = []
    if maps or personas:
        files.append(ExportFile(STORY_MAPS_FILE, ctx.render(
            MAP_TEMPLATE, personas=personas, maps=maps)))
    stories = _story_index(maps)
    services = {s.name: s for s in repo.list_services(session, workspace_id)}
    by_service: dict[str, list[SloDefinition]] = {}
    for slo in slo_repo.list_slos(session, workspace_id):
        by_service.setdefault(slo.service_name or UNASSIGNED, []).append(slo)
    names = sorted(by_service, key=str.casefold)
    for name, slug in zip(names, unique_slugs(names, fallback="service"), strict=True):
        entries = []
        for slo in by_service[name]:
            counts = slo_repo.list_counts(session, slo.id)
            budget = slo_budget(slo, counts, as_of_date(generated, counts))
            entries.append({
                "slo": slo, "story": stories.get(slo.story_id),
                "period": PERIOD_TEXT.get(slo.period, slo.period),
                "budget": budget, "budget_rows": budget_rows(budget),
                "burn_down": burn_down_rows(budget),
                "warnings": target_warnings(slo.target, slo.historical_attainment, slo.kind),
                "alerts": alert_rows(slo),
                "target": decimal_text(slo.target),
                "historical": None if slo.historical_attainment is None
                else decimal_text(slo.historical_attainment),
            })
        service = services.get(name)
        text = ctx.render(SLO_TEMPLATE, service_name=name,
                          service=service, entries=entries)
        files.append(ExportFile(f"slos/{slug}.md", text))
    return files

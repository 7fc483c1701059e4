"""Personas, story maps and SLOs.

Markdown: ``<workspace>/slos/<service>.md`` per service with SLOs (story -> SLI -> SLO ->
maintenance windows and corrections -> error budget -> period history -> alert
thresholds) and ``<workspace>/story-maps.md`` (personas and story maps). YAML:
``<workspace>/slos.yaml`` with ``kind: workbench/slos``, ``version: 1``, the format
``workbench slo import`` reads back.

Every SLO document is worked out as of one day, ``ctx.day()``: the export's ``today`` or
``generated_at`` date when given, otherwise the last day with counts of any SLO, so that the
same data always gives the same files. Budget figures, burn-down and period history use the
counts with maintenance windows and corrections applied (read for every SLO at once), and
each SLO lists the windows and corrections that apply to it (its own and its service's)
without the wall-clock time they were recorded at. Alert tiers that can never fire at the
SLO's target are marked as such, with what to do instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from workbench.domain.formats import compact_span
from workbench.domain.slo import alert_thresholds, decimal_text
from workbench.domain.slo.adjustments import TREATMENT_TEXT, Adjusted, Adjustment
from workbench.domain.slo.alerts import BOOK_RULE, MULTIWINDOW_RULES
from workbench.domain.slo.document import KIND
from workbench.domain.slo.period_history import DEFAULT_PERIODS, PeriodRecord, period_history
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
from workbench.store import adjustment_repo, persona_repo, repo, slo_repo, story_map_repo

YAML_FILE = "slos.yaml"
STORY_MAPS_FILE = "story-maps.md"
SLO_TEMPLATE = "export/slo-service.md.j2"
MAP_TEMPLATE = "export/slo-story-maps.md.j2"
UNASSIGNED = "unassigned"
PERIOD_TEXT = {"4w": "four ISO weeks", "28d": "rolling 28 days"}
HISTORY_PERIODS = DEFAULT_PERIODS
NEVER = "never fires"


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{decimal_text(value, 2)}%"


def budget_rows(budget: SloBudget, adjusted: Adjusted | None = None,
                adjustments: Sequence[Adjustment] = ()) -> list[tuple[str, str]]:
    """The budget figures; with ``adjustments`` for the SLO, also how many events of the
    period they left out and how many bad events they counted as good."""
    status = budget.status
    if status is None:
        return []
    tte = status.time_to_exhaustion_minutes
    changed: list[tuple[str, str]] = []
    if adjustments and adjusted is not None:
        effects = [e for e in adjusted.effects if budget.start <= e.day <= budget.as_of]
        changed = [
            ("Events left out (maintenance, corrections)",
             f"{sum(e.removed_good + e.removed_bad for e in effects):,}"),
            ("Bad events counted as good (maintenance, corrections)",
             f"{sum(e.bad_as_good for e in effects):,}"),
        ]
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
        *changed,
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
    """Each alert tier's threshold at the SLO's target. A tier that can never fire says so
    (``fires`` is "never fires", no budget figure) and carries its ``problem`` line."""
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
            "budget": f"{decimal_text(t.budget_consumed_percent, 2)}%" if t.can_fire else "—",
            "fires": "yes" if t.can_fire else NEVER,
            "problem": t.problem() or "",
        })
    return rows


def adjustment_rows(adjustments: Sequence[Adjustment]) -> list[dict[str, str]]:
    """The maintenance windows and corrections of one SLO, in start order. Never the time
    they were recorded at: that is wall-clock time, and exports must be deterministic."""
    return [{"kind": str(a.kind), "when": a.describe(), "treatment": TREATMENT_TEXT[a.treatment],
             "scope": a.scope, "reason": a.reason, "by": a.recorded_by}
            for a in adjustments if a.active]


def history_rows(records: Sequence[PeriodRecord]) -> list[dict[str, str]]:
    """The compliance periods, oldest first (the running one last)."""
    return [{"label": r.label, "start": r.start.isoformat(), "end": r.end.isoformat(),
             "sli": _pct(r.sli_percent), "consumed": _pct(r.consumed_percent),
             "verdict": r.verdict,
             "worst_day": r.worst_day.isoformat() if r.worst_day else "—",
             "worst_bad": f"{r.worst_day_bad:,}" if r.worst_day else "—"}
            for r in records]


def _story_index(maps: Sequence[StoryMap]) -> dict[int, dict[str, Any]]:
    index = {}
    for story_map in maps:
        for activity in story_map.activities:
            for task in activity.tasks:
                for story in task.stories:
                    index[story.id] = {"map": story_map.title, "activity": activity.title,
                                       "task": task.title, "story": story}
    return index


def _entry(slo: SloDefinition, stories: dict[int, dict[str, Any]], adjusted: Adjusted,
           adjustments: Sequence[Adjustment], as_of: date) -> dict[str, Any]:
    counts: Sequence[DailyCount] = adjusted.counts
    budget = slo_budget(slo, counts, as_of)
    alerts = alert_rows(slo)
    return {
        "slo": slo, "story": stories.get(slo.story_id),
        "period": PERIOD_TEXT.get(slo.period, slo.period),
        "budget": budget, "budget_rows": budget_rows(budget, adjusted, adjustments),
        "burn_down": burn_down_rows(budget),
        "warnings": target_warnings(slo.target, slo.historical_attainment, slo.kind),
        "alerts": alerts, "alert_problems": [a["problem"] for a in alerts if a["problem"]],
        "adjustments": adjustment_rows(adjustments),
        "history": history_rows(period_history(slo, counts, as_of, HISTORY_PERIODS)),
        "history_periods": HISTORY_PERIODS,
        "target": decimal_text(slo.target),
        "historical": None if slo.historical_attainment is None
        else decimal_text(slo.historical_attainment),
    }


@exporter("slos", formats={"md", "yaml"}, title="Personas, story maps and SLOs", order=30)
def export_slos(ctx: ExportContext, fmt: str) -> list[ExportFile]:
    session, workspace_id = ctx.session, ctx.workspace.id
    if fmt == "yaml":
        body = slo_repo.document_body(session, workspace_id)
        if not any(body.values()):
            return []  # nothing of this feature yet: no file
        return [ExportFile(YAML_FILE, ctx.yaml(KIND, body))]
    maps = story_map_repo.list_story_maps(session, workspace_id)
    personas = persona_repo.list_personas(session, workspace_id)
    files = []
    if maps or personas:
        files.append(ExportFile(STORY_MAPS_FILE, ctx.render(
            MAP_TEMPLATE, personas=personas, maps=maps)))
    stories = _story_index(maps)
    services = {s.name: s for s in repo.list_services(session, workspace_id)}
    slos = slo_repo.list_slos(session, workspace_id)
    as_of = ctx.day(slo_repo.last_count_day(session, [s.id for s in slos]))
    # One read of the (adjusted) counts for every SLO, back to the oldest period shown.
    first = min((adjustment_repo.history_start(s.period, as_of, HISTORY_PERIODS)
                 for s in slos), default=as_of)
    adjustments = adjustment_repo.adjustments_by_slo(session, workspace_id, slos)
    adjusted = adjustment_repo.adjusted_counts(session, workspace_id, slos, first, as_of,
                                               adjustments=adjustments)
    by_service: dict[str, list[SloDefinition]] = {}
    for slo in slos:
        by_service.setdefault(slo.service_name or UNASSIGNED, []).append(slo)
    names = sorted(by_service, key=str.casefold)
    for name, slug in zip(names, unique_slugs(names, fallback="service"), strict=True):
        entries = [_entry(slo, stories, adjusted[slo.id], adjustments.get(slo.id, []), as_of)
                   for slo in by_service[name]]
        service = services.get(name)
        text = ctx.render(SLO_TEMPLATE, service_name=name,
                          service=service, entries=entries)
        files.append(ExportFile(f"slos/{slug}.md", text))
    return files

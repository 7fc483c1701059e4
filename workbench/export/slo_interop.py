"""What the exports for other SLO tools (OpenSLO, Sloth, Pyrra) share.

* The SLOs of a workspace grouped by service, each group with a file slug that is unique in
  the workspace, and each SLO's maintenance windows and corrections (read in one query).
* Prometheus selectors for an SLO's good, bad and total events. The workbench does not know
  where a team's metrics live, so these are placeholders over the conventional
  ``http_requests_total`` and ``http_request_duration_seconds`` series, labelled with the
  service; each format wraps them in its own query shape.
* Annotations under the ``sre-workbench.dev/`` prefix (a DNS subdomain, as Kubernetes-style
  keys require): alert tiers that can never fire, maintenance windows and corrections.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from workbench.domain.formats import compact_span
from workbench.domain.slo.adjustments import TREATMENT_TEXT, Adjustment, AdjustmentKind
from workbench.domain.slo.alerts import AlertThreshold
from workbench.domain.slo.records import SloDefinition, SloKind
from workbench.domain.slo.sli import parse_status_spec
from workbench.export.names import unique_slugs

if TYPE_CHECKING:
    from workbench.export.registry import ExportContext, ExportFile

PREFIX = "sre-workbench.dev/"
UNASSIGNED = "unassigned"
PERIOD_NAMES = {"4w": "iso-4-week", "28d": "rolling-28-days"}


def key(name: str) -> str:
    """An annotation or label key under the workbench's prefix: ``sre-workbench.dev/kind``."""
    return PREFIX + name


@dataclass(frozen=True)
class ServiceSlos:
    name: str  # as the user wrote it ("unassigned" for SLOs without a service)
    slug: str  # unique in the workspace, at most 63 characters
    description: str
    slos: list[SloDefinition]
    adjustments: Mapping[int, list[Adjustment]] = field(default_factory=dict)
    """Active maintenance windows and corrections by SLO id (the service's own included)."""
    team: str | None = None  # the owning team's name


def services_with_slos(ctx: ExportContext, *, max_length: int = 63) -> list[ServiceSlos]:
    """Every service that has SLOs, in name order (SLOs without a service last under
    ``unassigned``), with unique slugs and each SLO's active adjustments."""
    from workbench.store import adjustment_repo, repo, slo_repo

    session, workspace_id = ctx.session, ctx.workspace.id
    slos = slo_repo.list_slos(session, workspace_id)
    if not slos:
        return []
    services = {s.name: s for s in repo.list_services(session, workspace_id)}
    adjustments = adjustment_repo.adjustments_by_slo(session, workspace_id, slos)
    grouped: dict[str | None, list[SloDefinition]] = {}
    for slo in slos:
        grouped.setdefault(slo.service_name or None, []).append(slo)
    # SLOs without a service come last, apart from a service that happens to be called
    # "unassigned" (unique_slugs then gives them "unassigned-2").
    keys = sorted((k for k in grouped if k is not None), key=str.casefold)
    keys += [None] if None in grouped else []
    names = [k or UNASSIGNED for k in keys]
    slugs = unique_slugs(names, fallback="service", max_length=max_length)
    result = []
    for key_, name, slug in zip(keys, names, slugs, strict=True):
        service = services.get(key_) if key_ is not None else None
        members = grouped[key_]
        result.append(ServiceSlos(
            name=name, slug=slug, description=service.description if service else "",
            slos=members, adjustments={s.id: adjustments[s.id] for s in members},
            team=service.team_name if service else None))
    return result


def per_service_files(ctx: ExportContext, render: Callable[
        [list[ServiceSlos], dict[str, str | None]], Iterable[tuple[str, str]]]
        ) -> list[ExportFile]:
    """The files of an exporter whose ``render(groups, teams)`` gives (path, text) pairs from
    the services with SLOs and each service's owning team (by service name)."""
    from workbench.export.registry import ExportFile

    groups = services_with_slos(ctx)
    teams = {g.name: g.team for g in groups}
    return [ExportFile(path, text) for path, text in render(groups, teams)]


# --- Prometheus selectors -----------------------------------------------------------------


@dataclass(frozen=True)
class Selectors:
    """Counter selectors (no function applied) for one SLO's events. ``bad`` is None when
    bad events have no series of their own (latency: bad = total - good)."""

    total: str
    good: str
    bad: str | None


def label_value(text: str) -> str:
    """``text`` as the inside of a double-quoted PromQL label value."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def status_regex(spec: str) -> str:
    """A Prometheus regex for the bad codes: whole classes as ``5..``, others one by one."""
    codes = sorted(parse_status_spec(spec))
    classes = sorted({c // 100 for c in codes})
    whole = [k for k in classes if all(k * 100 + i in codes for i in range(100))]
    parts = [f"{k}.." for k in whole]
    parts += [str(c) for c in codes if c // 100 not in whole]
    return "|".join(parts)


def seconds_text(milliseconds: Decimal | None) -> str:
    """A latency threshold as Prometheus ``le`` seconds: 300 ms -> ``0.3``."""
    return format((milliseconds or Decimal(0)).scaleb(-3).normalize(), "f")


def selectors(slo: SloDefinition, service: str) -> Selectors:
    matcher = f'service="{label_value(service)}"'
    if slo.kind is SloKind.LATENCY:
        return Selectors(
            total=f"http_request_duration_seconds_count{{{matcher}}}",
            good=(f'http_request_duration_seconds_bucket{{{matcher},'
                  f'le="{seconds_text(slo.threshold_ms)}"}}'),
            bad=None)
    codes = status_regex(slo.bad_status)
    return Selectors(
        total=f"http_requests_total{{{matcher}}}",
        good=f'http_requests_total{{{matcher},code!~"{codes}"}}',
        bad=f'http_requests_total{{{matcher},code=~"{codes}"}}')


# --- annotations --------------------------------------------------------------------------


def number_text(value: Decimal) -> str:
    """``Decimal('99.90')`` -> ``99.9``, ``Decimal('90')`` -> ``90``: exact, no exponent."""
    return format(value.normalize(), "f")


def span_text(delta: timedelta) -> str:
    """A window as ``5m``, ``1h``, ``3d``."""
    return compact_span(int(delta.total_seconds()) // 60)


def tier_text(threshold: AlertThreshold) -> str:
    """``page: burn rate 14.4 over 1h and 5m (bad share above 1.44%)``."""
    rule = threshold.rule
    window = span_text(rule.long_window)
    if rule.short_window is not None:
        window += f" and {span_text(rule.short_window)}"
    return (f"{rule.severity}: burn rate {number_text(rule.burn_rate)} over {window} "
            f"(bad share above {number_text(threshold.bad_share_percent)}%)")


def identity_annotations(slo: SloDefinition) -> dict[str, str]:
    """What the workbench knows of an SLO that the other tool has no field for: its kind,
    status, stable uid, story and how its period is counted."""
    notes = {key("kind"): str(slo.kind), key("status"): str(slo.status)}
    if slo.uid:
        notes[key("uid")] = slo.uid
    if slo.story_title:
        notes[key("story")] = slo.story_title
    notes[key("period")] = PERIOD_NAMES.get(slo.period, slo.period)
    return notes


def disabled_alert_annotations(thresholds: Sequence[AlertThreshold]) -> dict[str, str]:
    """``sre-workbench.dev/alert-<tier>: disabled: <why and what to do>`` for every tier
    that can never fire at the SLO's target; such tiers are never written as live rules."""
    return {key(f"alert-{t.rule.name}"): f"disabled: {t.problem()}"
            for t in thresholds if not t.can_fire}


def alert_annotations(thresholds: Sequence[AlertThreshold]) -> dict[str, str]:
    """One ``sre-workbench.dev/alert-<tier>`` annotation per tier, in rule order: the live
    threshold, or ``disabled: ...`` for a tier that can never fire at the target."""
    disabled = disabled_alert_annotations(thresholds)
    notes = {}
    for threshold in thresholds:
        name = key(f"alert-{threshold.rule.name}")
        notes[name] = disabled.get(name) or tier_text(threshold)
    return notes


def adjustment_text(adjustment: Adjustment) -> str:
    """``2026-11-29 01:00 Europe/London for 1 h, repeating FREQ=WEEKLY; events left out of
    the budget; for service orders; database patching``. No recording time: exports stay
    the same from day to day."""
    parts = [adjustment.describe(), TREATMENT_TEXT[adjustment.treatment], f"for {adjustment.scope}"]
    if adjustment.recorded_by:
        parts.append(f"recorded by {adjustment.recorded_by}")
    if adjustment.reason:
        parts.append(adjustment.reason)
    return "; ".join(parts)


def adjustment_annotations(adjustments: Sequence[Adjustment]) -> dict[str, str]:
    """``sre-workbench.dev/maintenance-1``, ``-2``, ... and ``sre-workbench.dev/correction-1``
    ... for the active adjustments, in start order (then id), numbered per kind."""
    notes: dict[str, str] = {}
    counters = {AdjustmentKind.MAINTENANCE: 0, AdjustmentKind.CORRECTION: 0}
    for adjustment in sorted((a for a in adjustments if a.active),
                             key=lambda a: (a.start, a.id)):
        counters[adjustment.kind] += 1
        notes[key(f"{adjustment.kind}-{counters[adjustment.kind]}")] = adjustment_text(
            adjustment)
    return notes

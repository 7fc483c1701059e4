"""SLOs as Pyrra ``ServiceLevelObjective`` resources (``apiVersion: pyrra.dev/v1alpha1``),
rendered from domain values.

**One resource per file**, ``pyrra/<name>.yaml``: Pyrra's filesystem mode and ``pyrra
generate`` read exactly one object from each file matched by ``--config-files`` (default
``/etc/pyrra/*.yaml``), watch only that one folder, and name each output rule file after
its input file, so a stream per service would silently lose all but its first SLO. The
same files load into Kubernetes with ``kubectl apply -n NAMESPACE -f pyrra/`` (the files
carry no namespace: Pyrra's webhook warns until one is given). ``metadata.name`` is an RFC
1123 DNS label of at most 63 characters, unique across the export (all of a workspace's
SLOs live in one namespace), built from the SLO's name by ``workbench.export.names``.

**Spec.** ``target`` is the objective as the string Pyrra asks for (``"99.9"``), written
from the exact decimal. ``window`` is the SLO's period, ``4w`` or ``28d``; Pyrra's windows
are rolling, so a four-week SLO that the workbench counts over ISO periods becomes a
rolling four-week SLO in Pyrra (``sre-workbench.dev/period: iso-4-week`` says so).
Availability SLOs use ``indicator.ratio`` (``errors`` / ``total``), latency SLOs
``indicator.latency`` (``success``, the histogram bucket with the threshold's ``le``, over
``total``, its ``_count``); both take bare vector selectors, which Pyrra wraps in its own
``increase``/``rate``. The selectors are the workbench's placeholders over the
conventional series (``workbench.export.slo_interop.selectors``); adapt them to your
metrics.

**Alerts.** Pyrra writes its own multiwindow burn-rate alerts from the window: for four
weeks, factor 14 over 1h/5m and 7 over 6h/30m (severity critical), 2 over 1d/2h and 1 over
4d/6h (warning). It can switch them off only all together (``spec.alerting.burnrates:
false``), not one tier. So a Pyrra tier that can never fire at the SLO's target (factor 14
x a 10% budget needs 140% bad events) stays in the generated rules, where it is never true,
and the resource says so in ``sre-workbench.dev/alert-pyrra-<tier>: "cannot fire: ..."``;
only if no tier could fire would ``burnrates`` be false. The workbench's own tiers, which
Pyrra does not use, are noted as in the other formats: ``sre-workbench.dev/alert-<tier>:
"disabled: ..."`` for each that can never fire.

**Labels and annotations.** ``pyrra.dev/team`` (Pyrra copies ``pyrra.dev/`` labels, without
the prefix, onto the rules it writes, so the alerts carry ``team``) and
``sre-workbench.dev/service``; annotations under ``sre-workbench.dev/``: ``uid``, ``kind``,
``status``, ``period``, ``service`` (as written), ``story``, and the SLO's active
maintenance windows and corrections (``maintenance-N``, ``correction-N``, the service's own
included; Pyrra cannot leave those events out of its budget). Nothing depends on the clock,
so the same data gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from workbench.domain.slo.alerts import (
    MULTIWINDOW_RULES,
    AlertRule,
    AlertThreshold,
    Severity,
    alert_thresholds,
)
from workbench.domain.slo.records import SloDefinition, SloKind
from workbench.export.names import slugify, unique_slugs
from workbench.export.registry import dump_yaml
from workbench.export.slo_interop import (
    ServiceSlos,
    adjustment_annotations,
    disabled_alert_annotations,
    identity_annotations,
    key,
    number_text,
    selectors,
    span_text,
)

API_VERSION = "pyrra.dev/v1alpha1"
KIND = "ServiceLevelObjective"
FOLDER = "pyrra"
NAME_LIMIT = 63
PROPAGATED = "pyrra.dev/"
WINDOWS = {"4w": timedelta(weeks=4), "28d": timedelta(days=28)}

HEADER = """\
# Pyrra ServiceLevelObjective written by SRE Workbench.
# The metrics are placeholders over http_requests_total and http_request_duration_seconds:
# adapt them to your metrics before loading. Pyrra's window is rolling.
# Load with: pyrra filesystem --config-files 'pyrra/*.yaml' (one SLO per file), or
#   kubectl apply -n NAMESPACE -f pyrra/
# sre-workbench.dev/alert-pyrra-* annotations name Pyrra burn-rate tiers that can never
# fire at this target (Pyrra can only switch all of its burn-rate alerts off).
"""


@dataclass(frozen=True)
class PyrraTier:
    """One of the burn-rate alerts Pyrra generates: a factor over a long and a short window,
    each a fixed fraction of the SLO window (for 28 days: 1h and 5m, 6h and 30m, 1d and 2h,
    4d and 6h)."""

    name: str  # as in Pyrra's spec.alerting.severities: fastBurn, mediumBurn, ...
    severity: Severity
    factor: Decimal
    long_parts: int  # long window = SLO window / long_parts
    short_parts: int

    def rule(self, window: timedelta) -> AlertRule:
        minute = timedelta(minutes=1)
        long_window = _round(window / self.long_parts, minute)
        short_window = _round(window / self.short_parts, minute)
        return AlertRule(f"pyrra-{self.name}", self.severity, self.factor, long_window,
                         short_window)


def _round(delta: timedelta, unit: timedelta) -> timedelta:
    return unit * round(delta / unit)


# Pyrra's burn-rate tiers (slo/rules.go, Windows): factors 14, 7, 2 and 1.
PYRRA_TIERS = (
    PyrraTier("fast-burn", Severity.PAGE, Decimal(14), 28 * 24, 28 * 24 * 12),
    PyrraTier("medium-burn", Severity.PAGE, Decimal(7), 28 * 4, 28 * 24 * 2),
    PyrraTier("slow-burn", Severity.TICKET, Decimal(2), 28, 28 * 12),
    PyrraTier("long-term-burn", Severity.TICKET, Decimal(1), 7, 28 * 4),
)


def pyrra_thresholds(slo: SloDefinition) -> list[AlertThreshold]:
    """The thresholds of Pyrra's own tiers for this SLO's target and window."""
    window = WINDOWS.get(slo.period, timedelta(days=28))
    return alert_thresholds(slo.target, [t.rule(window) for t in PYRRA_TIERS], window)


def pyrra_alert_annotations(thresholds: Sequence[AlertThreshold]) -> dict[str, str]:
    """``sre-workbench.dev/alert-pyrra-<tier>: cannot fire: ...`` per Pyrra tier that can
    never fire at the target."""
    notes = {}
    for t in thresholds:
        if t.can_fire:
            continue
        rule = t.rule
        notes[key(f"alert-{rule.name}")] = (
            f"cannot fire: Pyrra's {rule.name.removeprefix('pyrra-')} tier (factor "
            f"{number_text(rule.burn_rate)} over {span_text(rule.long_window)} and "
            f"{span_text(rule.short_window)}) needs more than "
            f"{number_text(t.bad_share_percent)}% of events to be bad at a "
            f"{number_text(t.target)}% target; Pyrra can switch off only all "
            "of its burn-rate alerts (spec.alerting.burnrates), so this rule stays in the "
            "generated rules but is never true")
    return notes


def indicator(slo: SloDefinition, service: str) -> dict[str, Any]:
    chosen = selectors(slo, service)
    if slo.kind is SloKind.LATENCY or chosen.bad is None:
        return {"latency": {"success": {"metric": chosen.good},
                            "total": {"metric": chosen.total}}}
    return {"ratio": {"errors": {"metric": chosen.bad}, "total": {"metric": chosen.total}}}


def annotations(slo: SloDefinition, group: ServiceSlos) -> dict[str, str]:
    notes = identity_annotations(slo)
    notes[key("service")] = group.name
    notes.update(disabled_alert_annotations(
        alert_thresholds(slo.target, MULTIWINDOW_RULES, WINDOWS.get(slo.period,
                                                                    timedelta(days=28)))))
    notes.update(pyrra_alert_annotations(pyrra_thresholds(slo)))
    notes.update(adjustment_annotations(group.adjustments.get(slo.id, ())))
    return {k: v for k, v in notes.items() if v}


def slo_document(slo: SloDefinition, group: ServiceSlos, name: str,
                 team: str | None = None) -> dict[str, Any]:
    labels = {}
    if team:
        labels[f"{PROPAGATED}team"] = slugify(team, fallback="team", max_length=NAME_LIMIT)
    labels[key("service")] = group.slug
    can_fire = any(t.can_fire for t in pyrra_thresholds(slo))
    return {
        "apiVersion": API_VERSION,
        "kind": KIND,
        "metadata": {"name": name, "labels": labels, "annotations": annotations(slo, group)},
        "spec": {
            "target": number_text(slo.target),  # a string, exact (no float on the way)
            "window": slo.period,
            "description": slo.description or slo.describe(),
            "indicator": indicator(slo, group.name),
            "alerting": {"burnrates": can_fire},
        },
    }


def render_slo(slo: SloDefinition, group: ServiceSlos, name: str,
               team: str | None = None) -> str:
    return HEADER + dump_yaml(slo_document(slo, group, name, team))


def export_names(groups: Sequence[ServiceSlos]) -> list[str]:
    """``metadata.name`` of every SLO, in group order: unique DNS labels."""
    return unique_slugs([s.name for g in groups for s in g.slos], fallback="slo",
                        max_length=NAME_LIMIT)


def render_export(groups: Sequence[ServiceSlos],
                  teams: Mapping[str, str | None] | None = None) -> list[tuple[str, str]]:
    """``(path inside the export folder, text)``, one file per SLO."""
    teams = teams or {}
    names = iter(export_names(groups))
    files = []
    for group in groups:
        for slo in group.slos:
            name = next(names)
            files.append((f"{FOLDER}/{name}.yaml",
                          render_slo(slo, group, name, teams.get(group.name))))
    return files

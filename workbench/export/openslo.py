"""SLOs as OpenSLO v1 documents (``apiVersion: openslo/v1``).

One YAML stream per service: a ``Service`` document, then one ``SLO`` document per SLO of
that service. Each SLO carries its SLI inline (``spec.indicator``) as a ratio of good to
total events (``ratioMetric`` with ``counter: true``), a single ``timeWindow``
(four calendar-aligned ISO weeks, or a rolling 28 days), ``budgetingMethod: Occurrences``
and one objective whose ``target`` is the SLO as a ratio (99.9 % -> ``0.999``), written from
the exact decimal, never via a float.

Metric sources: the workbench does not know where a team's metrics live, so every query is
a *placeholder* of ``type: Prometheus`` over the conventional ``http_requests_total`` and
``http_request_duration_seconds_bucket`` series, labelled with the service and endpoint.
Adapt the queries (or the type) to your metrics backend before loading the files.

Alert thresholds from the workbench's burn-rate rules are attached as
``metadata.annotations`` (v1 allows free-form string annotations) rather than as
``AlertPolicy`` documents, which would need notification targets the workbench does not
know. So is the SLO's stable id (``workbench/uid``), which stays when the SLO is renamed
(``metadata.name`` follows the name). Annotation keys follow the Kubernetes rule: a DNS
prefix, a slash, and a name of at most 63 letters, digits, ``-``, ``_`` or ``.``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import yaml

from workbench.domain.formats import compact_span
from workbench.domain.slo.alerts import BOOK_RULE, MULTIWINDOW_RULES, alert_thresholds
from workbench.domain.slo.records import SloDefinition, SloKind
from workbench.domain.slo.sli import parse_status_spec
from workbench.export.names import slugify

API_VERSION = "openslo/v1"
METRIC_TYPE = "Prometheus"
NAME_LIMIT = 63


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes ``Decimal`` as a plain YAML number, exactly as written."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(value.normalize(), "f"))


_Dumper.add_representer(Decimal, _represent_decimal)


def dns_name(text: str, fallback: str = "unnamed") -> str:
    """A DNS-label-safe ``metadata.name``: lowercase letters, digits and hyphens, at most 63
    characters, starting and ending with a letter or digit."""
    return slugify(text, fallback=fallback, max_length=NAME_LIMIT)


def _span(delta: timedelta) -> str:
    return compact_span(int(delta.total_seconds()) // 60)


def _status_regex(spec: str) -> str:
    """A Prometheus regex for the bad codes: whole classes as ``5..``, others one by one."""
    codes = sorted(parse_status_spec(spec))
    classes = sorted({c // 100 for c in codes})
    whole = [k for k in classes if all(k * 100 + i in codes for i in range(100))]
    parts = [f"{k}.." for k in whole]
    parts += [str(c) for c in codes if c // 100 not in whole]
    return "|".join(parts)


def _indicator(slo: SloDefinition, service: str) -> dict[str, Any]:
    label = service.replace("\\", "\\\\").replace('"', '\\"')
    selector = f'service="{label}"'
    if slo.kind is SloKind.LATENCY:
        seconds = format((slo.threshold_ms or Decimal(0)).scaleb(-3).normalize(), "f")
        good = (f'sum(rate(http_request_duration_seconds_bucket{{{selector},le="{seconds}"}}'
                "[5m]))")
        total = f"sum(rate(http_request_duration_seconds_count{{{selector}}}[5m]))"
        description = slo.sli_text()
    else:
        good = (f'sum(rate(http_requests_total{{{selector},code!~"{_status_regex(slo.bad_status)}"'
                "}[5m]))")
        total = f"sum(rate(http_requests_total{{{selector}}}[5m]))"
        description = slo.sli_text()
    return {
        "metadata": {"name": dns_name(f"{slo.name}-sli"), "displayName": f"{slo.name} SLI"},
        "spec": {
            "description": description,
            "ratioMetric": {
                "counter": True,
                "good": {"metricSource": {"type": METRIC_TYPE, "spec": {"query": good}}},
                "total": {"metricSource": {"type": METRIC_TYPE, "spec": {"query": total}}},
            },
        },
    }


def _time_window(slo: SloDefinition, as_of: date) -> list[dict[str, Any]]:
    if slo.period == "28d":
        return [{"duration": "28d", "isRolling": True}]
    first_monday = date.fromisocalendar(as_of.isocalendar().year, 1, 1)
    return [{"duration": "4w", "isRolling": False,
             "calendar": {"startTime": f"{first_monday.isoformat()} 00:00:00",
                          "timeZone": "UTC"}}]


def _annotations(slo: SloDefinition) -> dict[str, str]:
    notes = {"workbench/kind": str(slo.kind), "workbench/status": str(slo.status)}
    if slo.uid:
        notes["workbench/uid"] = slo.uid
    if slo.story_title:
        notes["workbench/story"] = slo.story_title
    for t in alert_thresholds(slo.target, (BOOK_RULE, *MULTIWINDOW_RULES)):
        window = _span(t.rule.long_window)
        if t.rule.short_window is not None:
            window += f" and {_span(t.rule.short_window)}"
        share = format(t.bad_share_percent.normalize(), "f")
        notes[f"workbench/alert-{t.rule.name}"] = (
            f"{t.rule.severity}: burn rate {format(t.rule.burn_rate.normalize(), 'f')} over "
            f"{window} (bad share above {share}%)")
    return notes


def slo_document(slo: SloDefinition, service: str, as_of: date, *,
                 service_name: str | None = None, name: str | None = None) -> dict[str, Any]:
    """One ``SLO`` document; ``service_name``/``name`` override the derived DNS names."""
    service_name = service_name or dns_name(service)
    ratio = (slo.target / 100).normalize()  # exact: dividing by 100 only moves the point
    return {
        "apiVersion": API_VERSION,
        "kind": "SLO",
        "metadata": {"name": name or dns_name(slo.name), "displayName": slo.name,
                     "annotations": _annotations(slo)},
        "spec": {
            "description": slo.description or slo.describe(),
            "service": service_name,
            "indicator": _indicator(slo, service),
            "timeWindow": _time_window(slo, as_of),
            "budgetingMethod": "Occurrences",
            "objectives": [{"displayName": slo.describe(), "target": ratio}],
        },
    }


def service_document(name: str, description: str, dns: str | None = None) -> dict[str, Any]:
    return {
        "apiVersion": API_VERSION,
        "kind": "Service",
        "metadata": {"name": dns or dns_name(name), "displayName": name},
        "spec": {"description": description},
    }


def render_service(name: str, description: str, slos: Sequence[SloDefinition],
                   as_of: date, *, dns: str | None = None,
                   slo_names: dict[int, str] | None = None) -> str:
    """The YAML stream for one service: its ``Service`` document and its ``SLO`` documents.
    ``dns`` and ``slo_names`` (SLO id -> name) give unique DNS names across a workspace."""
    dns = dns or dns_name(name)
    names = slo_names or {}
    documents = [service_document(name, description, dns)]
    documents += [slo_document(s, name, as_of, service_name=dns, name=names.get(s.id))
                  for s in slos]
    return yaml.dump_all(documents, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                         default_flow_style=False, width=1_000_000, explicit_start=True)


def export_openslo(engine: Any, workspace: Any, out_dir: Any,
                   as_of: date | None = None) -> list[Any]:
    """Write ``<out>/<workspace>/openslo/<service>.yaml`` for every service with SLOs (SLOs
    without a service go to ``unassigned.yaml``). Everything is rendered before the first
    file is written. Returns the written paths."""
    from pathlib import Path

    from workbench.export.files import check_folder, prepare_folder, write_atomic
    from workbench.export.names import safe_path, unique_slugs
    from workbench.store import repo, slo_repo
    from workbench.store.db import reading

    check_folder(Path(out_dir))
    with reading(engine) as session:
        current = repo.get_workspace_by_id(session, workspace.id)
        services = {s.name: s for s in repo.list_services(session, workspace.id)}
        grouped: dict[str, list[SloDefinition]] = {}
        for slo in slo_repo.list_slos(session, workspace.id):
            grouped.setdefault(slo.service_name or "unassigned", []).append(slo)
    when = as_of or date.today()
    names = sorted(grouped, key=str.casefold)
    every = [s for n in names for s in grouped[n]]
    slo_names = dict(zip((s.id for s in every),
                         unique_slugs((s.name for s in every), fallback="slo",
                                      max_length=NAME_LIMIT), strict=True))
    rendered = []
    for name, slug in zip(names, unique_slugs(names, fallback="service",
                                              max_length=NAME_LIMIT), strict=True):
        service = services.get(name)
        text = render_service(name, service.description if service else "", grouped[name],
                              when, dns=slug, slo_names=slo_names)
        rendered.append((slug, text))
    base = prepare_folder(Path(out_dir))
    folder = slugify(current.name, fallback="workspace")
    written = []
    for slug, text in rendered:
        target = safe_path(base, folder, "openslo", f"{slug}.yaml")
        write_atomic(target, text)
        written.append(target)
    return written

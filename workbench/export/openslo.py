"""SLOs as OpenSLO v1 documents (``apiVersion: openslo/v1``), rendered from domain values.

One YAML stream per service: a ``Service`` document, then one ``SLO`` document per SLO of
that service. Each SLO carries its SLI inline (``spec.indicator``), ``budgetingMethod:
Occurrences`` and one objective whose ``target`` is the SLO as a ratio (99.9 % ->
``0.999``), written from the exact decimal, never via a float. The files are meant to load
in any tool built on the OpenSLO Go SDK, whose validation the tests apply
(``tests/export/openslo_rules.py``).

**Time windows.** Rolling 28-day SLOs get ``duration: 28d, isRolling: true``. The
workbench's four-week SLOs follow ISO periods (``workbench.domain.slo.periods``): period 13
of a 53-week ISO year (2026, 2032, ...) is five weeks long, which a repeating ``4w``
calendar window cannot express. So the calendar window is anchored at the *start of the
ISO period containing the export's day* (``startTime: 'YYYY-MM-DD 00:00:00'``,
``timeZone: Etc/UTC``) with ``duration: 4w``, or ``5w`` when that period is itself a
five-week period 13. The annotation ``sre-workbench.dev/valid-until`` gives the last day on
which the file's repeating windows are still the workbench's periods (same first and last
day): for a four-week anchor, the end of the period before the next five-week period 13
(whose window would end a week early); for a five-week anchor, the end of that period.
Re-export the files by then (``workbench slo export --format openslo``);
``sre-workbench.dev/period: iso-4-week`` says why. Exporting ISO-period SLOs as rolling
windows instead would have stayed true forever, but would change what the SLO means (a
budget that resets on period boundaries versus one that slides).

**Queries.** ``ratioMetric.counter: true`` says the metrics are monotonically increasing
counters, so the queries are the raw counter selectors (``http_requests_total{...}``),
without ``rate()`` or ``sum()``: the consuming tool applies its own rate or increase over
its own windows. The workbench does not know where a team's metrics live, so every query is
a placeholder of ``type: Prometheus`` over the conventional series, labelled with the
service (``workbench.export.slo_interop.selectors``). Adapt them to your metrics backend.

**Names.** ``metadata.name`` is an RFC 1123 DNS label of at most 63 characters, unique per
kind across the whole export (Services, SLOs and the SLOs' inline SLIs each), made from the
user's names by ``workbench.export.names`` (other scripts transliterated, so a service
"支付" is ``zhifu``; over-long names end in a stable hash; clashes get ``-2``, ``-3``).
Display names are cut to the SDK's 63 characters and descriptions to 1050, both ending in
``…`` and a stable hash of the full text when cut; a cut display name keeps the full name
in ``sre-workbench.dev/full-name``.

**Annotations** (keys under ``sre-workbench.dev/``, a DNS-subdomain prefix as
Kubernetes-style keys require): ``kind``, ``status``, ``uid`` (stable across renames, while
``metadata.name`` follows the name), ``story``, ``period``, ``valid-until``, one
``alert-<tier>`` per burn-rate tier (``disabled: ...`` with what to do instead for a tier
that can never fire at the SLO's target; such tiers are never written as live), and
``maintenance-N`` / ``correction-N`` for the SLO's active maintenance windows and
corrections (the service's own included). Alert thresholds are annotations rather than
``AlertPolicy`` documents, which would need notification targets the workbench does not
know. Nothing depends on the clock except through the export's day, so the same data and
day give byte-identical files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workbench.domain.slo.adjustments import Adjustment
from workbench.domain.slo.alerts import BOOK_RULE, MULTIWINDOW_RULES, alert_thresholds
from workbench.domain.slo.periods import WEEKS_PER_PERIOD, four_week_period
from workbench.domain.slo.records import SloDefinition
from workbench.export.names import short_hash, unique_slugs
from workbench.export.registry import dump_yaml_stream
from workbench.export.slo_interop import (
    ServiceSlos,
    adjustment_annotations,
    alert_annotations,
    identity_annotations,
    key,
    selectors,
)

API_VERSION = "openslo/v1"
METRIC_TYPE = "Prometheus"
NAME_LIMIT = 63
"""``metadata.name``: an RFC 1123 DNS label."""
DISPLAY_NAME_LIMIT = 63
"""``metadata.displayName``: the Go SDK allows at most 63 characters."""
DESCRIPTION_LIMIT = 1050
TIME_ZONE = "Etc/UTC"
ALERT_RULES = (BOOK_RULE, *MULTIWINDOW_RULES)
ELLIPSIS = "…"


# --- limits -----------------------------------------------------------------------------------


def shorten(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else its beginning, ``…`` and a
    stable hash of the whole text, ``limit`` characters in all. Characters are code points,
    as the SDK counts them (runes)."""
    if len(text) <= limit:
        return text
    suffix = f"{ELLIPSIS} {short_hash(text)}"
    return text[: limit - len(suffix)].rstrip() + suffix


# --- time windows -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarWindow:
    """The calendar window written for a four-week SLO on a given day."""

    start: date
    """First day of the ISO period containing the day."""
    weeks: int
    """4, or 5 for the five-week period 13 of a 53-week ISO year."""
    valid_until: date
    """The last day the repeating windows are still the workbench's periods (same start,
    same end)."""

    @property
    def duration(self) -> str:
        return f"{self.weeks}w"


def calendar_window(as_of: date) -> CalendarWindow:
    """Anchor at the start of the period containing ``as_of``. For a four-week period, the
    repeating windows equal the periods up to the end of the period before the next
    five-week period 13 (whose window would end a week early); a five-week period's window
    holds to its end."""
    period = four_week_period(as_of)
    if period.is_long:
        return CalendarWindow(start=period.start, weeks=period.weeks, valid_until=period.end)
    following = period
    while not following.is_long:
        following = four_week_period(following.end + timedelta(days=1))
    last = following.start - timedelta(days=1)
    return CalendarWindow(start=period.start, weeks=WEEKS_PER_PERIOD, valid_until=last)


def time_window(slo: SloDefinition, as_of: date) -> dict[str, Any]:
    if slo.period == "28d":
        return {"duration": "28d", "isRolling": True}
    window = calendar_window(as_of)
    return {"duration": window.duration, "isRolling": False,
            "calendar": {"startTime": f"{window.start.isoformat()} 00:00:00",
                         "timeZone": TIME_ZONE}}


# --- annotations ------------------------------------------------------------------------------


def alert_notes(slo: SloDefinition) -> dict[str, str]:
    """One ``alert-<tier>`` annotation per tier of the book's rule and the multiwindow set."""
    return alert_annotations(alert_thresholds(slo.target, ALERT_RULES))


def slo_annotations(slo: SloDefinition, as_of: date,
                    adjustments: Sequence[Adjustment] = ()) -> dict[str, str]:
    notes = identity_annotations(slo)
    if slo.period != "28d":
        notes[key("valid-until")] = calendar_window(as_of).valid_until.isoformat()
    notes.update(alert_notes(slo))
    notes.update(adjustment_annotations(adjustments))
    return notes


def _metadata(name: str, display_name: str,
              annotations: Mapping[str, str] | None = None) -> dict[str, Any]:
    shown = shorten(display_name, DISPLAY_NAME_LIMIT)
    notes = dict(annotations or {})
    if shown != display_name:
        notes[key("full-name")] = display_name
    metadata: dict[str, Any] = {"name": name, "displayName": shown}
    if notes:
        metadata["annotations"] = notes
    return metadata


# --- documents --------------------------------------------------------------------------------


def _query(text: str) -> dict[str, Any]:
    return {"metricSource": {"type": METRIC_TYPE, "spec": {"query": text}}}


def indicator(slo: SloDefinition, service: str, name: str) -> dict[str, Any]:
    """The inline SLI: good over total events, both raw counter selectors."""
    chosen = selectors(slo, service)
    return {
        "metadata": _metadata(name, f"{slo.name} SLI"),
        "spec": {
            "description": shorten(slo.sli_text(), DESCRIPTION_LIMIT),
            "ratioMetric": {"counter": True, "good": _query(chosen.good),
                            "total": _query(chosen.total)},
        },
    }


def slo_document(slo: SloDefinition, service: str, as_of: date, *, service_name: str,
                 name: str, sli_name: str,
                 adjustments: Sequence[Adjustment] = ()) -> dict[str, Any]:
    """One ``SLO`` document. ``service`` is the service as the user wrote it (for the
    queries), ``service_name`` its ``Service`` document's name."""
    ratio = (slo.target / 100).normalize()  # exact: dividing by 100 only moves the point
    return {
        "apiVersion": API_VERSION,
        "kind": "SLO",
        "metadata": _metadata(name, slo.name, slo_annotations(slo, as_of, adjustments)),
        "spec": {
            "description": shorten(slo.description or slo.describe(), DESCRIPTION_LIMIT),
            "service": service_name,
            "indicator": indicator(slo, service, sli_name),
            "timeWindow": [time_window(slo, as_of)],
            "budgetingMethod": "Occurrences",
            "objectives": [{"displayName": slo.describe(), "target": ratio}],
        },
    }


def service_document(name: str, description: str, dns: str) -> dict[str, Any]:
    spec = {"description": shorten(description, DESCRIPTION_LIMIT)} if description else {}
    return {"apiVersion": API_VERSION, "kind": "Service", "metadata": _metadata(dns, name),
            "spec": spec}


@dataclass(frozen=True)
class ExportNames:
    """``metadata.name`` of every SLO and inline SLI by SLO id, unique per kind across the
    export (Service names are the groups' slugs, unique already)."""

    slos: dict[int, str]
    slis: dict[int, str]


def export_names(groups: Sequence[ServiceSlos]) -> ExportNames:
    every = [slo for group in groups for slo in group.slos]
    slo_names = unique_slugs((s.name for s in every), fallback="slo", max_length=NAME_LIMIT)
    sli_names = unique_slugs((f"{n}-sli" for n in slo_names), fallback="sli",
                             max_length=NAME_LIMIT)
    ids = [s.id for s in every]
    return ExportNames(slos=dict(zip(ids, slo_names, strict=True)),
                       slis=dict(zip(ids, sli_names, strict=True)))


def render_service(group: ServiceSlos, as_of: date, names: ExportNames) -> str:
    """The YAML stream for one service: its ``Service`` document and its ``SLO``s."""
    documents = [service_document(group.name, group.description, group.slug)]
    documents += [slo_document(slo, group.name, as_of, service_name=group.slug,
                               name=names.slos[slo.id], sli_name=names.slis[slo.id],
                               adjustments=group.adjustments.get(slo.id, ()))
                  for slo in group.slos]
    return dump_yaml_stream(documents)


def render_export(groups: Sequence[ServiceSlos], as_of: date) -> list[tuple[str, str]]:
    """``(service slug, YAML text)`` for every service group, in the groups' order."""
    names = export_names(groups)
    return [(group.slug, render_service(group, as_of, names)) for group in groups]

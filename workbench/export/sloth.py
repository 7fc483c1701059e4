"""SLOs as Sloth specs (``version: prometheus/v1``) and Sloth's ``AlertWindows`` for a
28-day SLO period, rendered from domain values.

One spec per service (``sloth/<service>.yaml``): ``service``, the owning team as a
``team`` label, and one entry in ``slos`` per SLO with its ``objective`` (the exact
decimal: ``99.9``, never via a float), an ``events`` SLI and ``alerting``. The files are
meant to pass Sloth's own validation, whose rules the tests apply
(``tests/export/sloth_rules.py``).

**Queries.** Sloth renders both queries as Go templates with ``{{.window}}`` set to each
window it needs. Availability SLIs count the bad series directly
(``sum(rate(http_requests_total{...,code=~"5.."}[{{.window}}]))``): with "total minus
good" a full outage, when no good series exists at all, would give no data instead of a
100% error ratio. Latency SLIs have no bad series, so the error query is total minus good
(requests slower than the threshold = all requests minus the ``le`` bucket). The selectors
are the workbench's placeholders over the conventional series
(``workbench.export.slo_interop.selectors``); adapt them to your metrics. Text from users
inside a query or an annotation is escaped for Go templates (``{{`` becomes
``{{ "{{" }}``), since Sloth renders the queries and Prometheus the annotations.

**Windows.** A Sloth spec has no SLO period: the period comes from the command line, and
each period needs an ``AlertWindows`` file with the page and ticket windows. The export
writes ``sloth/windows/alert-windows.yaml`` for a 28-day period (the workbench's four-week
and 28-day SLOs both last 672 hours) from the workbench's multiwindow rules: page quick
14.4 over 1h/5m, page slow 6 over 6h/30m, ticket quick 3 over 1d/2h, ticket slow 1 over
3d/6h. Sloth wants each window's ``errorBudgetPercent``, the share of the period's budget
the window uses at that burn rate (burn rate x long window / period x 100: 14.4 x 1h /
672h = 15/7 = 2.142857...%), and derives the burn rate back from it; it is computed
exactly and written to 20 significant digits, more than Sloth's float holds. The windows
file sits in its own folder because ``--slo-period-windows-path`` loads every YAML file in
the folder it names::

    sloth generate -i sloth --fs-exclude '/windows/' -o rules \\
        --default-slo-period 28d --slo-period-windows-path sloth/windows

Sloth's SLO period is rolling: a four-week SLO that the workbench counts over ISO periods
becomes a rolling 28-day SLO in Sloth (``sre_workbench_period: iso-4-week`` says so).

**Alerts.** Sloth's page alert fires when its quick *or* its slow window pair burns too
fast, and the same holds for the ticket alert; single window pairs cannot be switched off.
A tier that can never fire at the SLO's target (14.4 x a 10% budget needs 144% bad events)
gets ``sre_workbench_alert_<tier>: "disabled: ..."`` with what to do instead; an alert
whose tiers can *all* never fire is written with ``disable: true``. An alert with one
impossible tier stays live, because its other tier can fire; the impossible pair in it is
never true, so the alert behaves like its possible tier alone. Live tiers get a line with
their burn rate, windows and bad-share threshold.

**Annotations and labels.** A Sloth spec has free-form annotations only under
``alerting`` (they become the alerts' Prometheus annotations), so the SLO's ``uid``,
``kind``, ``status``, ``period``, ``story`` and its active maintenance windows and
corrections (``sre_workbench_maintenance_N``, ``sre_workbench_correction_N``, the
service's own included) go there, and the tier lines under ``page_alert`` and
``ticket_alert``. Keys are the shared ``sre-workbench.dev/NAME`` keys written as
Prometheus label names (``sre_workbench_NAME``): Sloth accepts any UTF-8 key, but
Prometheus 2 and many Alertmanager templates accept only ``[A-Za-z_][A-Za-z0-9_]*``.
Sloth cannot leave maintenance windows out of its SLI, so the budget it computes counts
those events as they were. Nothing depends on the clock, so the same data gives
byte-identical files.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from decimal import ROUND_HALF_EVEN, Context, Decimal
from fractions import Fraction
from typing import Any

from workbench.domain.slo.alerts import (
    MULTIWINDOW_RULES,
    AlertRule,
    AlertThreshold,
    Severity,
    alert_threshold,
    alert_thresholds,
)
from workbench.domain.slo.records import SloDefinition, SloKind
from workbench.export.names import ascii_text, slugify, unique_slugs
from workbench.export.registry import dump_yaml
from workbench.export.slo_interop import (
    PERIOD_NAMES,
    PREFIX,
    ServiceSlos,
    adjustment_annotations,
    alert_annotations,
    identity_annotations,
    number_text,
    selectors,
    span_text,
)

VERSION = "prometheus/v1"
WINDOWS_API_VERSION = "sloth.slok.dev/v1"
WINDOWS_KIND = "AlertWindows"
FOLDER = "sloth"
WINDOWS_FILE = "windows/alert-windows.yaml"  # inside FOLDER; a folder of its own (see above)
SLO_PERIOD = timedelta(days=28)
NAME_LIMIT = 63
PERCENT_DIGITS = Context(prec=20, rounding=ROUND_HALF_EVEN)
# Sloth's windows file: which workbench rule fills which of its four slots.
WINDOW_SLOTS = (("page", "quick", "page-fast"), ("page", "slow", "page-slow"),
                ("ticket", "quick", "ticket-fast"), ("ticket", "slow", "ticket-slow"))

_NAME = re.compile(r"[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]")
_ACTION_OPEN = re.compile(r"\{\{")

HEADER = """\
# Sloth SLO spec (prometheus/v1) written by SRE Workbench.
# The queries are placeholders over http_requests_total and http_request_duration_seconds:
# adapt them to your metrics before generating rules.
# Sloth specs have no SLO period. Generate with the workbench's 28-day alert windows:
#   sloth generate -i sloth --fs-exclude '/windows/' -o rules \\
#     --default-slo-period 28d --slo-period-windows-path sloth/windows
# Four-week SLOs (ISO periods in the workbench) are rolling 28-day SLOs in Sloth.
# sre_workbench_* annotations: the SLO's uid, kind and period, maintenance windows and
# corrections (Sloth counts those events as they were), and each alert tier; a tier that
# can never fire at the SLO's target says "disabled" and why.
"""


# --- names ----------------------------------------------------------------------------


def sloth_names(texts: Sequence[str], *, fallback: str, pad: str,
                taken: Sequence[str] = ()) -> list[str]:
    """One Sloth name per text (``^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$``, so at least two
    characters), unique among themselves and ``taken``: a slug of the text, with ``-<pad>``
    appended when the slug is a single character, and ``-2``, ``-3`` ... on clashes."""
    bases = []
    for text in texts:
        base = slugify(text, fallback=fallback, max_length=NAME_LIMIT)
        bases.append(base if len(base) > 1 else f"{base}-{pad}")
    names = unique_slugs([*taken, *bases], fallback=fallback, max_length=NAME_LIMIT)
    return names[len(taken):]


def is_sloth_name(text: str) -> bool:
    return bool(_NAME.fullmatch(text))


def alert_name(name: str) -> str:
    """A Prometheus alert name from a Sloth name: ``checkout-availability`` ->
    ``CheckoutAvailability`` (a leading digit gets ``Slo`` in front)."""
    words = re.split(r"[^A-Za-z0-9]+", ascii_text(name))
    text = "".join(w[:1].upper() + w[1:] for w in words if w) or "Slo"
    return f"Slo{text}" if text[0].isdigit() else text


def label_name(annotation_key: str) -> str:
    """A shared ``sre-workbench.dev/alert-page-fast`` key as a Prometheus label name:
    ``sre_workbench_alert_page_fast``."""
    name = annotation_key.removeprefix(PREFIX)
    return "sre_workbench_" + re.sub(r"[^A-Za-z0-9_]", "_", name)


def template_text(text: str) -> str:
    """``text`` as literal Go template text: each ``{{`` becomes ``{{ "{{" }}``, so Sloth
    (queries) and Prometheus (annotations) print it instead of running it."""
    return _ACTION_OPEN.sub('{{ "{{" }}', text)


# --- SLI --------------------------------------------------------------------------------


def _rate(selector: str) -> str:
    return f"sum(rate({template_text(selector)}[{{{{.window}}}}]))"


def sli_events(slo: SloDefinition, service: str) -> dict[str, str]:
    chosen = selectors(slo, service)
    total = _rate(chosen.total)
    if chosen.bad is not None and slo.kind is SloKind.AVAILABILITY:
        error = _rate(chosen.bad)
    else:
        error = f"({total} - {_rate(chosen.good)})"
    return {"error_query": error, "total_query": total}


# --- alerts -----------------------------------------------------------------------------


def alert_block(thresholds: Sequence[AlertThreshold], severity: Severity) -> dict[str, Any]:
    """``page_alert`` or ``ticket_alert``: live with a ``severity`` label when at least one
    of its tiers can fire, else ``disable: true``; one annotation per tier either way."""
    tiers = [t for t in thresholds if t.rule.severity is severity]
    notes = {label_name(k): v for k, v in alert_annotations(tiers).items()}
    if tiers and not any(t.can_fire for t in tiers):
        return {"disable": True, "annotations": notes}
    block: dict[str, Any] = {"labels": {"severity": str(severity)}}
    if notes:
        block["annotations"] = notes
    return block


def slo_annotations(slo: SloDefinition, adjustments: Sequence[Any]) -> dict[str, str]:
    notes = identity_annotations(slo)
    notes.update(adjustment_annotations(adjustments))
    return {label_name(k): template_text(v) for k, v in notes.items() if v}


def slo_entry(slo: SloDefinition, service: str, name: str,
              adjustments: Sequence[Any] = ()) -> dict[str, Any]:
    """One element of ``slos``; ``service`` is the service's name as the user wrote it (it
    goes into the queries' ``service`` matcher)."""
    thresholds = alert_thresholds(slo.target, MULTIWINDOW_RULES, SLO_PERIOD)
    return {
        "name": name,
        "objective": slo.target,
        "description": slo.description or slo.describe(),
        "labels": {"sre_workbench_kind": str(slo.kind)},
        "sli": {"events": sli_events(slo, service)},
        "alerting": {
            "name": alert_name(name),
            "annotations": slo_annotations(slo, adjustments),
            "page_alert": alert_block(thresholds, Severity.PAGE),
            "ticket_alert": alert_block(thresholds, Severity.TICKET),
        },
    }


# --- documents --------------------------------------------------------------------------


def spec_document(group: ServiceSlos, *, service: str, team: str | None = None,
                  names: Sequence[str] | None = None) -> dict[str, Any]:
    """The spec of one service; ``service`` is its Sloth name and ``names`` its SLOs' (see
    ``export_names``; by default unique within the file)."""
    if names is None:
        names = sloth_names([s.name for s in group.slos], fallback="slo", pad="slo")
    document: dict[str, Any] = {"version": VERSION, "service": service}
    team_value = slugify(team, fallback="team", max_length=NAME_LIMIT) if team else ""
    if team_value:
        document["labels"] = {"team": team_value}
    document["slos"] = [slo_entry(s, group.name, n, group.adjustments.get(s.id, ()))
                        for s, n in zip(group.slos, names, strict=True)]
    return document


def render_spec(group: ServiceSlos, *, service: str, team: str | None = None,
                names: Sequence[str] | None = None) -> str:
    return HEADER + dump_yaml(spec_document(group, service=service, team=team, names=names))


def export_names(groups: Sequence[ServiceSlos]) -> list[tuple[str, list[str]]]:
    """Sloth names for each group: its ``service`` (the group's slug, unique in the
    workspace; a one-letter slug padded to ``x-service``) and its SLOs' names, unique in
    the file. Sloth identifies an SLO by ``<service>-<name>`` (the ``sloth_id`` label of
    every rule it writes), so a name whose id another file already uses gets ``-2``."""
    services = sloth_names([g.slug for g in groups], fallback="service", pad="service")
    ids: set[str] = set()
    result = []
    for group, service in zip(groups, services, strict=True):
        names = sloth_names([s.name for s in group.slos], fallback="slo", pad="slo")
        in_file = set(names)
        for index, name in enumerate(names):
            candidate, number = name, 1
            while f"{service}-{candidate}" in ids or (candidate != name and candidate in in_file):
                number += 1
                candidate = _suffixed(name, number)
            names[index] = candidate
            in_file.add(candidate)
            ids.add(f"{service}-{candidate}")
        result.append((service, names))
    return result


def _suffixed(name: str, number: int) -> str:
    suffix = f"-{number}"
    return name[: NAME_LIMIT - len(suffix)].rstrip("-") + suffix


def errorbudget_percent(rule: AlertRule, period: timedelta = SLO_PERIOD) -> Decimal:
    """The share of a period's budget ``rule`` uses over its long window, in percent, to 20
    significant digits: 14.4 over 1h of 28d -> 2.1428571428571428571."""
    # The budget share a tier uses does not depend on the target; any valid one will do.
    exact = alert_threshold(rule, Decimal(99), period).budget_consumed_percent
    return PERCENT_DIGITS.plus(exact)


def windows_document(rules: Sequence[AlertRule] = MULTIWINDOW_RULES,
                     period: timedelta = SLO_PERIOD) -> dict[str, Any]:
    by_name: Mapping[str, AlertRule] = {r.name: r for r in rules}
    spec: dict[str, Any] = {"sloPeriod": span_text(period)}
    for severity, speed, rule_name in WINDOW_SLOTS:
        rule = by_name[rule_name]
        if rule.short_window is None:
            raise ValueError(f"rule {rule.name} has no short window; Sloth needs one")
        spec.setdefault(severity, {})[speed] = {
            "errorBudgetPercent": errorbudget_percent(rule, period),
            "shortWindow": span_text(rule.short_window),
            "longWindow": span_text(rule.long_window),
        }
    return {"apiVersion": WINDOWS_API_VERSION, "kind": WINDOWS_KIND, "spec": spec}


def windows_header(rules: Sequence[AlertRule] = MULTIWINDOW_RULES,
                   period: timedelta = SLO_PERIOD) -> str:
    """The comment on top of the windows file: each slot's rule and its exact share."""
    by_name = {r.name: r for r in rules}
    span = span_text(period)
    lines = [
        "# Sloth alert windows (sloth.slok.dev/v1 AlertWindows) written by SRE Workbench: the",
        f"# workbench's multiwindow burn-rate rules for a {span} SLO period. errorBudgetPercent",
        f"# is the budget a window uses at the rule's burn rate (burn rate x long window / {span}",
        "# x 100), exactly:",
    ]
    for severity, speed, rule_name in WINDOW_SLOTS:
        rule = by_name[rule_name]
        share = (Fraction(rule.burn_rate) * 100 * Fraction(int(rule.long_window.total_seconds()),
                                                             int(period.total_seconds())))
        short = span_text(rule.short_window) if (
            rule.short_window) else "-"
        lines.append(f"#   {severity} {speed} ({rule.name}): burn rate "
                     f"{number_text(rule.burn_rate)} over "
                     f"{span_text(rule.long_window)}, short "
                     f"window {short}: {share} %")
    lines += [
        "# Pass this file's folder to sloth with --slo-period-windows-path (it replaces Sloth's",
        f"# built-in windows) and --default-slo-period {span}.",
    ]
    return "\n".join(lines) + "\n"


def render_windows() -> str:
    return windows_header() + dump_yaml(windows_document())


def render_export(groups: Sequence[ServiceSlos],
                  teams: Mapping[str, str | None] | None = None) -> list[tuple[str, str]]:
    """``(path inside the export folder, text)`` for every service with SLOs, then the
    windows file when any SLO has a 4w or 28d period (nothing at all without SLOs)."""
    teams = teams or {}
    files = [(f"{FOLDER}/{group.slug}.yaml",
              render_spec(group, service=service, team=teams.get(group.name), names=names))
             for group, (service, names) in zip(groups, export_names(groups), strict=True)]
    if any(s.period in PERIOD_NAMES for g in groups for s in g.slos):
        files.append((f"{FOLDER}/{WINDOWS_FILE}", render_windows()))
    return files

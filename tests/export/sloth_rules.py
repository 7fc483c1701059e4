"""Sloth's rules for ``prometheus/v1`` SLO specs and ``sloth.slok.dev/v1`` AlertWindows,
written as Python for the tests (an oracle: what Sloth would refuse, in our words).

Read from slok/sloth (commit 0e395d81513ff701f5d27b7aa47d794cb764fd5e):

* ``pkg/prometheus/api/v1/v1.go``: the spec's fields (``version``, ``service``, ``labels``,
  ``slo_plugins``, ``slos[]`` with ``name``, ``description``, ``objective``, ``plugins``,
  ``labels``, ``sli`` (``raw``/``events``/``plugin``), ``alerting`` (``name``, ``labels``,
  ``annotations``, ``page_alert``/``ticket_alert`` with ``disable``, ``labels``,
  ``annotations``)).
* ``internal/storage/io/sloth.go``: how a file is recognised (a line ``version:
  prometheus/v1``, optionally quoted), the version check, "at least one SLO", the SLO id
  ``<service>-<name>``, and that a disabled alert's fields are not used.
* ``pkg/common/validation/slo.go``: ``ValidateSLO``: id, name and service must match the
  name rule; the objective must be above 0 and at most 100; every label key and value must
  be valid; exactly one SLI type; the events queries must differ, both need the window
  variable and must be valid expressions; a raw query likewise; an alert that is not
  disabled needs a name and valid label and annotation keys and values; plugins need ids.
* ``pkg/common/validation/promql.go``: label keys (not ``__name__``, valid label names),
  label values (non-empty, UTF-8), annotation keys (valid label names), annotation values
  (non-empty); queries are rendered as Go templates with ``window`` = ``1m`` and parsed as
  PromQL.
* ``pkg/common/conventions/conventions.go``: the name rule
  ``^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$`` and the window variable ``{{ *\\.window *}}``.
* ``internal/plugin/slo/core/sli_rules_v1/plugin.go``: the queries are assembled as
  ``(error)/(total)`` and rendered with ``missingkey=error``; the SLO's labels are merged
  last, over Sloth's own ``sloth_*`` labels.
* ``internal/plugin/slo/core/alert_rules_v1/plugin.go``: one alert per severity, "quick
  or slow" window pairs; ``title``/``summary`` annotations merged under the user's.
* ``pkg/prometheus/alertwindows/v1/v1.go`` and ``internal/alert/window.go``: the
  AlertWindows shape (``apiVersion``, ``kind``, ``spec.sloPeriod``, ``spec.page`` and
  ``spec.ticket`` each with ``quick`` and ``slow``: ``errorBudgetPercent``,
  ``shortWindow``, ``longWindow``), its validation (period, both windows and the budget
  percent required) and the burn rate Sloth derives: ``percent x period hours / 100 /
  long window hours``; ``internal/alert/windows/google-28d.yaml`` for the layout.
* ``cmd/sloth/commands/generate.go``: ``--slo-period-windows-path`` (a folder whose YAML
  files are all loaded as windows; it replaces the built-in ones) and
  ``--default-slo-period`` (default ``30d``); ``--fs-exclude`` for folder input.

And from prometheus/common: ``model/labels.go`` (label names ``[a-zA-Z_][a-zA-Z0-9_]*``;
values UTF-8) and ``model/time.go`` (durations such as ``1h30m``, units y w d h m s ms).

Where this oracle is stricter than Sloth it says so ("ours"): label and annotation keys must
be classic Prometheus label names (Sloth accepts any UTF-8 name, Prometheus 2 does not),
labels must not start with ``sloth_`` or ``__`` (they would override Sloth's identifying
labels or are reserved), alert names must be Prometheus metric names, annotation values may
hold no template action other than an escaped literal (Prometheus expands them), unknown
fields are refused (Sloth silently drops them), SLO ids are unique across the export (they
label every series Sloth records), and window pairs need short < long and a budget share
in (0, 100].
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import yaml

VERSION = "prometheus/v1"
WINDOWS_API_VERSION = "sloth.slok.dev/v1"
WINDOWS_KIND = "AlertWindows"
FAKE_WINDOW = "1m"  # what Sloth renders {{.window}} as before parsing a query

NAME = re.compile(r"[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]")
WINDOW_VAR = re.compile(r"\{\{ *\.window *\}\}")
SPEC_LINE = re.compile(r"^version: +['\"]?prometheus/v1['\"]?\r?\n? *$", re.MULTILINE)
LABEL_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*")
METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
DURATION = re.compile(r"(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?")
UNIT_MS = {"y": 365 * 86_400_000, "w": 7 * 86_400_000, "d": 86_400_000, "h": 3_600_000,
           "m": 60_000, "s": 1000, "ms": 1}

SPEC_FIELDS = {"version", "service", "labels", "slo_plugins", "slos"}
SLO_FIELDS = {"name", "description", "objective", "plugins", "labels", "sli", "alerting"}
SLI_FIELDS = {"raw", "events", "plugin"}
EVENTS_FIELDS = {"error_query", "total_query"}
ALERTING_FIELDS = {"name", "labels", "annotations", "page_alert", "ticket_alert"}
ALERT_FIELDS = {"disable", "labels", "annotations"}
WINDOW_FIELDS = {"errorBudgetPercent", "shortWindow", "longWindow"}


class Problems(list[str]):
    def add(self, where: str, text: str) -> None:
        self.append(f"{where}: {text}")


# --- small rules ------------------------------------------------------------------------


def is_name(value: Any) -> bool:
    return isinstance(value, str) and bool(NAME.fullmatch(value))


def duration_ms(text: Any) -> int | None:
    """Milliseconds of a Prometheus duration, or None when it is not one. ``0`` is allowed
    without a unit; every unit at most once, largest first."""
    if not isinstance(text, str) or not text:
        return None
    if text == "0":
        return 0
    match = DURATION.fullmatch(text)
    if match is None:
        return None
    total = 0
    for part in match.groups():
        if part:
            unit = part.lstrip("0123456789")
            total += int(part[: len(part) - len(unit)]) * UNIT_MS[unit]
    return total


def label_key_problem(name: Any) -> str | None:
    """Sloth: not ``__name__`` and a valid label name; ours: the classic form, not
    ``__``-reserved and not one of Sloth's ``sloth_*`` labels."""
    if not isinstance(name, str) or not name:
        return "label key must be a non-empty string"
    if name == "__name__":
        return "label key __name__ is not allowed"
    if not LABEL_NAME.fullmatch(name):
        return f"label key {name!r} is not a Prometheus label name"
    if name.startswith("__"):
        return f"label key {name!r} uses the reserved __ prefix"
    if name.startswith("sloth_"):
        return f"label key {name!r} would override Sloth's own labels"
    return None


def label_value_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return "label value must be a string"
    if value == "":
        return "label value is required"
    if "{{" in value:
        return f"label value {value!r} holds a template action"  # ours (alert labels)
    return None


def annotation_key_problem(name: Any) -> str | None:
    if not isinstance(name, str) or not name:
        return "annotation key must be a non-empty string"
    if not LABEL_NAME.fullmatch(name):
        return f"annotation key {name!r} is not a Prometheus label name"
    return None


def annotation_value_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return "annotation value must be a string"
    if value == "":
        return "annotation value is required"
    try:
        render_template(value, {})
    except TemplateError as error:
        return f"annotation value is not literal template text: {error}"
    return None


# --- Go templates, lightly ----------------------------------------------------------------


class TemplateError(ValueError):
    pass


_ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.DOTALL)
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|`([^`]*)`')


def render_template(text: str, values: Mapping[str, str]) -> str:
    """``text`` rendered the way Go's text/template would for the few actions specs use:
    ``{{.name}}`` (a missing name is an error, as with ``missingkey=error``) and a string
    literal ``{{ "{{" }}`` (prints its text). Any other action, or an unclosed ``{{``, is
    an error here."""
    out, position = [], 0
    while True:
        start = text.find("{{", position)
        if start < 0:
            out.append(text[position:])
            return "".join(out)
        out.append(text[position:start])
        match = _ACTION.match(text, start)
        if match is None:
            raise TemplateError(f"unclosed action at {start}")
        body = match.group(2).strip()
        literal = _STRING.fullmatch(body)
        if body.startswith(".") and NAME_FIELD.fullmatch(body[1:]):
            if body[1:] not in values:
                raise TemplateError(f"no value for {body}")
            out.append(values[body[1:]])
        elif literal is not None:
            raw = literal.group(2)
            out.append(raw if raw is not None else
                       literal.group(1).encode().decode("unicode_escape"))
        else:
            raise TemplateError(f"unsupported action {match.group(0)!r}")
        position = match.end()


NAME_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# --- PromQL, lightly ----------------------------------------------------------------------


def promql_problem(expression: str) -> str | None:
    """A light stand-in for Prometheus's parser: strings closed, brackets balanced and
    nested properly outside strings, every ``[...]`` a range (``5m``) or a subquery
    (``5m:1m``) right after a selector or a closing bracket, and something to evaluate."""
    if not expression.strip():
        return "query is empty"
    stack: list[tuple[str, int]] = []
    pairs = {")": "(", "]": "[", "}": "{"}
    i = 0
    while i < len(expression):
        ch = expression[i]
        if ch in "\"'`":
            end = _string_end(expression, i)
            if end < 0:
                return f"unterminated string at {i}"
            i = end + 1
            continue
        if ch in "([{":
            stack.append((ch, i))
        elif ch in ")]}":
            if not stack or stack[-1][0] != pairs[ch]:
                return f"unbalanced {ch!r} at {i}"
            _, at = stack.pop()
            if ch == "]":
                inside = expression[at + 1:i].strip()
                before = expression[:at].rstrip()
                if not before or not (before[-1] in ")}" or before[-1].isalnum()
                                      or before[-1] in "_:"):
                    return f"range {inside!r} does not follow a selector"
                parts = inside.split(":")
                if len(parts) > 2 or duration_ms(parts[0].strip()) in (None, 0) or (
                        len(parts) == 2 and parts[1].strip()
                        and duration_ms(parts[1].strip()) is None):
                    return f"{inside!r} is not a range"
        i += 1
    if stack:
        return f"unclosed {stack[-1][0]!r} at {stack[-1][1]}"
    if "{{" in _outside_strings(expression):
        return "template action left in the query"
    return None


def _string_end(text: str, start: int) -> int:
    quote, i = text[start], start + 1
    while i < len(text):
        if text[i] == "\\" and quote != "`":
            i += 2
            continue
        if text[i] == quote:
            return i
        i += 1
    return -1


def _outside_strings(text: str) -> str:
    parts, i = [], 0
    while i < len(text):
        if text[i] in "\"'`":
            end = _string_end(text, i)
            if end < 0:
                return text
            parts.append(" ")
            i = end + 1
        else:
            parts.append(text[i])
            i += 1
    return "".join(parts)


def query_problem(query: Any) -> str | None:
    """Sloth's checks of one SLI query: present, holding ``{{.window}}``, a template that
    renders, and (rendered with ``window`` = 1m) a valid expression."""
    if not isinstance(query, str) or not query:
        return "query template is required"
    if not WINDOW_VAR.search(query):
        return "template must contain the {{ .window }} variable"
    try:
        rendered = render_template(query, {"window": FAKE_WINDOW})
    except TemplateError as error:
        return f"template does not render: {error}"
    return promql_problem(rendered)


# --- the spec -----------------------------------------------------------------------------


def _unknown(problems: Problems, where: str, mapping: Mapping[str, Any],
             allowed: set[str]) -> None:
    for name in sorted(set(mapping) - allowed):
        problems.add(where, f"unknown field {name!r}")  # ours: Sloth ignores it


def _map(problems: Problems, where: str, value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.add(where, "must be a mapping")
        return {}
    return value


def _labels(problems: Problems, where: str, labels: Mapping[str, Any]) -> None:
    for name, value in labels.items():
        for problem in (label_key_problem(name), label_value_problem(value)):
            if problem:
                problems.add(where, problem)


def _annotations(problems: Problems, where: str, notes: Mapping[str, Any]) -> None:
    for name, value in notes.items():
        for problem in (annotation_key_problem(name), annotation_value_problem(value)):
            if problem:
                problems.add(where, problem)


def _sli(problems: Problems, where: str, sli: Mapping[str, Any]) -> None:
    _unknown(problems, where, sli, SLI_FIELDS)
    present = [k for k in ("events", "raw", "plugin") if sli.get(k) is not None]
    if not present:
        problems.add(where, "at least one SLI type is required")
        return
    if len(present) > 1:
        problems.add(where, "only one SLI type is allowed")
        return
    kind = present[0]
    body = _map(problems, f"{where}.{kind}", sli[kind])
    if kind == "events":
        _unknown(problems, f"{where}.events", body, EVENTS_FIELDS)
        error, total = body.get("error_query"), body.get("total_query")
        if error == total:
            problems.add(where, "both error and total queries can't be the same")
        for field, query in (("error_query", error), ("total_query", total)):
            problem = query_problem(query)
            if problem:
                problems.add(f"{where}.events.{field}", problem)
    elif kind == "raw":
        problem = query_problem(body.get("error_ratio_query"))
        if problem:
            problems.add(f"{where}.raw.error_ratio_query", problem)
    elif not body.get("id"):
        problems.add(f"{where}.plugin", "plugin ID is required")


def _alerting(problems: Problems, where: str, alerting: Mapping[str, Any]) -> None:
    _unknown(problems, where, alerting, ALERTING_FIELDS)
    shared_labels = _map(problems, f"{where}.labels", alerting.get("labels"))
    shared_notes = _map(problems, f"{where}.annotations", alerting.get("annotations"))
    for severity in ("page_alert", "ticket_alert"):
        alert = _map(problems, f"{where}.{severity}", alerting.get(severity))
        _unknown(problems, f"{where}.{severity}", alert, ALERT_FIELDS)
        disable = alert.get("disable", False)
        if not isinstance(disable, bool):
            problems.add(f"{where}.{severity}.disable", "must be true or false")
        if disable:
            continue
        name = alerting.get("name")
        if not isinstance(name, str) or not name:
            problems.add(f"{where}.{severity}", "alert name is required")
        elif not METRIC_NAME.fullmatch(name):
            problems.add(f"{where}.{severity}", f"alert name {name!r} is not a metric name")
        labels = {**shared_labels, **_map(problems, f"{where}.{severity}.labels",
                                          alert.get("labels"))}
        notes = {**shared_notes, **_map(problems, f"{where}.{severity}.annotations",
                                        alert.get("annotations"))}
        _labels(problems, f"{where}.{severity}", labels)
        _annotations(problems, f"{where}.{severity}", notes)


def _plugins(problems: Problems, where: str, plugins: Any) -> None:
    block = _map(problems, where, plugins)
    chain = block.get("chain") or []
    if block.get("overridePrevious") and not chain:
        problems.add(where, "override plugins is set but no plugins are defined")
    for plugin in chain:
        if not isinstance(plugin, Mapping) or not plugin.get("id"):
            problems.add(where, "plugin ID is required")


def objective_problem(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return "objective must be a number"
    if not 0 < value <= 100:
        return "objective must >0 and <=100"
    return None


def spec_problems(document: Any, text: str | None = None) -> list[str]:
    """Every rule a ``prometheus/v1`` spec breaks ([] when Sloth would load it). ``text``,
    the file as written, is checked for the line Sloth recognises the format by."""
    problems = Problems()
    if text is not None and not SPEC_LINE.search(text):
        problems.add("file", "no 'version: prometheus/v1' line; Sloth would not take it as a spec")
    if not isinstance(document, Mapping):
        problems.add("spec", "must be a mapping")
        return problems
    _unknown(problems, "spec", document, SPEC_FIELDS)
    if document.get("version") != VERSION:
        problems.add("version", f"invalid spec version, should be {VERSION!r}")
    service = document.get("service")
    if not is_name(service):
        problems.add("service", f"{service!r} is not a valid Sloth name")
    spec_labels = _map(problems, "labels", document.get("labels"))
    _plugins(problems, "slo_plugins", document.get("slo_plugins"))
    slos = document.get("slos")
    if not isinstance(slos, list) or not slos:
        problems.add("slos", "at least one SLO is required")
        return problems
    seen: set[str] = set()
    for index, slo in enumerate(slos):
        where = f"slos[{index}]"
        if not isinstance(slo, Mapping):
            problems.add(where, "must be a mapping")
            continue
        _unknown(problems, where, slo, SLO_FIELDS)
        name = slo.get("name")
        if not is_name(name):
            problems.add(f"{where}.name", f"{name!r} is not a valid Sloth name")
        elif is_name(service) and not is_name(f"{service}-{name}"):
            problems.add(f"{where}.name", "the SLO id is not a valid Sloth name")
        if name in seen:
            problems.add(f"{where}.name", f"{name!r} is used twice in the file")
        seen.add(name)
        problem = objective_problem(slo.get("objective"))
        if problem:
            problems.add(f"{where}.objective", problem)
        if "description" in slo and not isinstance(slo["description"], str):
            problems.add(f"{where}.description", "must be a string")
        labels = {**spec_labels, **_map(problems, f"{where}.labels", slo.get("labels"))}
        _labels(problems, f"{where}.labels", labels)
        _sli(problems, f"{where}.sli", _map(problems, f"{where}.sli", slo.get("sli")))
        _alerting(problems, f"{where}.alerting",
                  _map(problems, f"{where}.alerting", slo.get("alerting")))
        _plugins(problems, f"{where}.plugins", slo.get("plugins"))
    return problems


def export_problems(documents: Iterable[Any]) -> list[str]:
    """Ours: no SLO id (``<service>-<name>``) twice across the specs of one export."""
    problems = Problems()
    seen: dict[str, int] = {}
    for index, document in enumerate(documents):
        for slo in document.get("slos") or []:
            slo_id = f"{document.get('service')}-{slo.get('name')}"
            if slo_id in seen:
                problems.add(f"spec {index}", f"SLO id {slo_id!r} also in spec {seen[slo_id]}")
            seen.setdefault(slo_id, index)
    return problems


# --- AlertWindows -------------------------------------------------------------------------


def windows_problems(document: Any) -> list[str]:
    """Every rule an AlertWindows document breaks ([] when Sloth would load it)."""
    problems = Problems()
    if not isinstance(document, Mapping):
        problems.add("windows", "must be a mapping")
        return problems
    _unknown(problems, "windows", document, {"apiVersion", "kind", "spec"})
    if document.get("apiVersion") != WINDOWS_API_VERSION or document.get("kind") != WINDOWS_KIND:
        problems.add("windows", "invalid spec version")
    spec = _map(problems, "spec", document.get("spec"))
    _unknown(problems, "spec", spec, {"sloPeriod", "page", "ticket"})
    period = duration_ms(spec.get("sloPeriod"))
    if not period:
        problems.add("spec.sloPeriod", "slo period is required (a Prometheus duration)")
    for severity in ("page", "ticket"):
        block = _map(problems, f"spec.{severity}", spec.get(severity))
        _unknown(problems, f"spec.{severity}", block, {"quick", "slow"})
        for speed in ("quick", "slow"):
            where = f"spec.{severity}.{speed}"
            window = _map(problems, where, block.get(speed))
            _unknown(problems, where, window, WINDOW_FIELDS)
            long_ms = duration_ms(window.get("longWindow"))
            short_ms = duration_ms(window.get("shortWindow"))
            if not long_ms:
                problems.add(where, "long window is required")
            if not short_ms:
                problems.add(where, "short window is required")
            if long_ms and short_ms and short_ms >= long_ms:
                problems.add(where, "the short window must be shorter than the long one")
            if period and long_ms and long_ms > period:
                problems.add(where, "the long window is longer than the SLO period")
            percent = window.get("errorBudgetPercent")
            if isinstance(percent, bool) or not isinstance(percent, (int, float, Decimal)) or (
                    not percent):
                problems.add(where, "error budget is required")
            elif not 0 < percent <= 100:
                problems.add(where, "error budget percent must be in (0, 100]")
    return problems


def burn_rate(document: Mapping[str, Any], severity: str, speed: str) -> Decimal:
    """The burn rate Sloth derives from a window: percent x period / 100 / long window
    (in Decimal from the text as written, not in float as Sloth does)."""
    spec = document["spec"]
    window = spec[severity][speed]
    period = Decimal(duration_ms(spec["sloPeriod"]) or 0)
    long_window = Decimal(duration_ms(window["longWindow"]) or 0)
    return Decimal(window["errorBudgetPercent"]) * period / 100 / long_window


class _ExactLoader(yaml.SafeLoader):
    """Reads YAML floats as ``Decimal`` from their text, so figures are checked as written."""


def _decimal(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    return Decimal(loader.construct_scalar(node))


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def load(text: str) -> Any:
    """One YAML document, floats as ``Decimal``."""
    return yaml.load(text, Loader=_ExactLoader)  # a SafeLoader subclass

"""Pyrra's rules for ``pyrra.dev/v1alpha1`` ``ServiceLevelObjective`` resources, written as
Python for the tests (an oracle: what Pyrra would refuse or warn about, in our words).

Read from pyrra-dev/pyrra (commit 1ba95afbf90b2311cb9332b1633cf09218b7de9f):

* ``kubernetes/api/v1alpha1/servicelevelobjective_types.go``: the resource's fields
  (``spec.description``, ``target`` (a string), ``window``, ``indicator`` with ``ratio``
  (``errors``, ``total``, ``grouping``), ``latency`` (``success``, ``total``,
  ``grouping``), ``latencyNative`` and ``bool_gauge``; ``alerting`` with ``disabled``
  (deprecated), ``burnrates``, ``absent``, ``name``, ``absentName``, ``severities``);
  ``partial_response_strategy``, ``performanceOverAccuracy``, ``ruleOutput``), and
  ``validate()``, which ``ValidateCreate``/``ValidateUpdate`` call: the name must be set
  (no namespace is a warning); the target must be set, parse as a float and lie in
  [0, 100] (between 0 and 1 is a warning: a ratio where a percent was meant); the window
  must be set and be a Prometheus duration; one indicator is required; a ratio's total and
  errors metrics must be set and each parse as a bare vector selector (the same metric for
  both is a warning); a latency's total and success metrics must be set and parse, the
  success selector must carry an ``le`` matcher whose value is a float (a total not ending
  in ``_count`` or a success not ending in ``_bucket`` is a warning). ``Internal()`` refuses
  a ratio and a latency indicator together.
* ``config/crd/bases/pyrra.dev_servicelevelobjectives.yaml``: required ``indicator``,
  ``target``, ``window``; booleans for ``alerting.burnrates``/``absent``/``disabled``;
  ``partial_response_strategy`` one of ``abort``, ``warn``, empty.
* ``filesystem.go`` (``objectiveFromFile``): one object per file, read strictly (unknown
  fields are errors); ``slo/slo.go``/``slo/rules.go``: ``pyrra.dev/`` labels and annotations
  are copied onto the generated rules without the prefix, and ``Windows()`` gives the burn
  rate tiers (factors 14, 7, 2, 1).

Kubernetes object rules (apimachinery's validation, as the API server applies them):
``metadata.name`` a DNS-1123 subdomain (here stricter: a DNS label of at most 63, since
Pyrra names generated objects after it); label and annotation keys an optional DNS-subdomain
prefix and a name of at most 63 ``[A-Za-z0-9]`` with ``-_.`` inside; label values at most 63
of the same form or empty. PromQL selectors are checked by a light parser, not Prometheus's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

API_VERSION = "pyrra.dev/v1alpha1"
KIND = "ServiceLevelObjective"

DURATION = re.compile(r"(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?")
DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
DNS_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
QUALIFIED_NAME = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
LABEL_VALUE = re.compile(r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?")
FLOAT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|infinity|nan)", re.I)
METRIC_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:]*")
MATCHER = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*')

TOP_FIELDS = {"apiVersion", "kind", "metadata", "spec", "status"}
METADATA_FIELDS = {"name", "namespace", "labels", "annotations"}
SPEC_FIELDS = {"description", "target", "window", "indicator", "alerting",
               "partial_response_strategy", "performanceOverAccuracy", "ruleOutput"}
INDICATOR_FIELDS = {"ratio", "latency", "latencyNative", "bool_gauge"}
RATIO_FIELDS = {"errors", "total", "grouping"}
LATENCY_FIELDS = {"success", "total", "grouping"}
ALERTING_FIELDS = {"disabled", "burnrates", "absent", "name", "absentName", "severities"}


class Result:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, text: str) -> None:
        self.errors.append(f"{where}: {text}")

    def warn(self, where: str, text: str) -> None:
        self.warnings.append(f"{where}: {text}")


def is_duration(text: Any) -> bool:
    """A Prometheus duration (``4w``, ``28d``, ``1h30m``; ``0`` without a unit)."""
    if not isinstance(text, str) or not text:
        return False
    return text == "0" or bool(DURATION.fullmatch(text))


def parse_selector(text: str) -> tuple[str, list[tuple[str, str, str]]] | None:
    """A bare vector selector ``name{label="v",...}`` as (name, [(label, op, value)]), or
    None when the text is anything else (a function call, a range, an operator)."""
    text = text.strip()
    match = METRIC_NAME.match(text)
    name = match.group(0) if match else ""
    rest = text[len(name):].strip()
    matchers: list[tuple[str, str, str]] = []
    if rest:
        if not (rest.startswith("{") and rest.endswith("}")):
            return None
        body, position = rest[1:-1], 0
        while position < len(body):
            found = MATCHER.match(body, position)
            if found is None:
                return None
            matchers.append((found.group(1), found.group(2), found.group(3)))
            position = found.end()
            if position < len(body):
                if body[position] != ",":
                    return None
                position += 1
        if not name and not any(m[0] == "__name__" for m in matchers):
            return None
    elif not name:
        return None
    return name, matchers


def qualified_key_problem(key: Any) -> str | None:
    """A Kubernetes label or annotation key: ``[prefix/]name``."""
    if not isinstance(key, str) or not key:
        return "key must be a non-empty string"
    prefix, _, name = key.rpartition("/")
    if "/" in prefix:
        return f"{key!r} has more than one '/'"
    if prefix and (len(prefix) > 253 or not DNS_SUBDOMAIN.fullmatch(prefix)):
        return f"{key!r}: the prefix must be a DNS subdomain"
    if not name or len(name) > 63 or not QUALIFIED_NAME.fullmatch(name):
        return f"{key!r}: the name must be 1-63 letters, digits, '-', '_' or '.'"
    return None


def _map(result: Result, where: str, value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        result.error(where, "must be a mapping")
        return {}
    return value


def _strict(result: Result, where: str, mapping: Mapping[str, Any], allowed: set[str]) -> None:
    for name in sorted(set(mapping) - allowed):
        result.error(where, f"unknown field {name!r}")


def _metric(result: Result, where: str, value: Any) -> str:
    block = _map(result, where, value)
    _strict(result, where, block, {"metric"})
    metric = block.get("metric")
    return metric if isinstance(metric, str) else ""


def _metadata(result: Result, metadata: Mapping[str, Any]) -> None:
    _strict(result, "metadata", metadata, METADATA_FIELDS)
    name = metadata.get("name")
    if not name:
        result.error("metadata.name", "name must be set")
    elif not isinstance(name, str) or len(name) > 63 or not DNS_LABEL.fullmatch(name):
        result.error("metadata.name", f"{name!r} is not a DNS label of at most 63 characters")
    if not metadata.get("namespace"):
        result.warn("metadata.namespace", "namespace must be set")
    for key, value in _map(result, "metadata.labels", metadata.get("labels")).items():
        problem = qualified_key_problem(key)
        if problem:
            result.error("metadata.labels", problem)
        if not isinstance(value, str) or len(value) > 63 or not LABEL_VALUE.fullmatch(value):
            result.error("metadata.labels", f"{key}: value {value!r} is not a label value")
    for key, value in _map(result, "metadata.annotations", metadata.get("annotations")).items():
        problem = qualified_key_problem(key)
        if problem:
            result.error("metadata.annotations", problem)
        if not isinstance(value, str):
            result.error("metadata.annotations", f"{key}: value must be a string")


def _ratio(result: Result, ratio: Mapping[str, Any]) -> None:
    where = "spec.indicator.ratio"
    _strict(result, where, ratio, RATIO_FIELDS)
    total = _metric(result, f"{where}.total", ratio.get("total"))
    errors = _metric(result, f"{where}.errors", ratio.get("errors"))
    if not total:
        result.error(where, "ratio total metric must be set")
        return
    if not errors:
        result.error(where, "ratio errors metric must be set")
        return
    if errors == total:
        result.warn(where, "ratio errors metric should be different from ratio total metric")
    for field, metric in (("total", total), ("errors", errors)):
        if parse_selector(metric) is None:
            result.error(where, f"ratio {field} metric must be a vector selector")


def _latency(result: Result, latency: Mapping[str, Any]) -> None:
    where = "spec.indicator.latency"
    _strict(result, where, latency, LATENCY_FIELDS)
    total = _metric(result, f"{where}.total", latency.get("total"))
    success = _metric(result, f"{where}.success", latency.get("success"))
    if not total:
        result.error(where, "latency total metric must be set")
        return
    if not success:
        result.error(where, "latency success metric must be set")
        return
    if success == total:
        result.warn(where, "latency success metric should be different from latency total")
    parsed_total, parsed_success = parse_selector(total), parse_selector(success)
    if parsed_total is None:
        result.error(where, "latency total metric must be a vector selector")
    elif not parsed_total[0].endswith("_count"):
        result.warn(where, "latency total metric should usually be a histogram count")
    if parsed_success is None:
        result.error(where, "latency success metric must be a vector selector")
        return
    buckets = [value for label, _, value in parsed_success[1] if label == "le"]
    if not buckets:
        result.error(where, "latency success metric must contain a le label matcher")
    elif not FLOAT.fullmatch(buckets[0]):
        result.error(where, "latency success metric must contain a le label matcher with a "
                            "float value")
    if not parsed_success[0].endswith("_bucket"):
        result.warn(where, "latency success metric should usually be a histogram bucket")


def _alerting(result: Result, alerting: Mapping[str, Any]) -> None:
    _strict(result, "spec.alerting", alerting, ALERTING_FIELDS)
    for flag in ("disabled", "burnrates", "absent"):
        if flag in alerting and not isinstance(alerting[flag], bool):
            result.error(f"spec.alerting.{flag}", "must be true or false")
    if "disabled" in alerting:
        result.warn("spec.alerting.disabled", "disabled is deprecated; use burnrates")
    for text in ("name", "absentName"):
        if text in alerting and not isinstance(alerting[text], str):
            result.error(f"spec.alerting.{text}", "must be a string")


def check(document: Any) -> Result:
    """Errors (Pyrra or Kubernetes would refuse the object) and warnings (Pyrra's webhook
    would accept it but say so) for one ServiceLevelObjective."""
    result = Result()
    if not isinstance(document, Mapping):
        result.error("object", "must be a mapping")
        return result
    _strict(result, "object", document, TOP_FIELDS)
    if document.get("apiVersion") != API_VERSION:
        result.error("apiVersion", f"must be {API_VERSION}")
    if document.get("kind") != KIND:
        result.error("kind", f"must be {KIND}")
    _metadata(result, _map(result, "metadata", document.get("metadata")))
    spec = _map(result, "spec", document.get("spec"))
    _strict(result, "spec", spec, SPEC_FIELDS)
    if "description" in spec and not isinstance(spec["description"], str):
        result.error("spec.description", "must be a string")
    target = spec.get("target")
    if target in (None, ""):
        result.error("spec.target", "target must be set")
    elif not isinstance(target, str):
        result.error("spec.target", "must be a string (a quoted number)")
    elif not FLOAT.fullmatch(target.strip()) or target != target.strip():
        result.error("spec.target", f"{target!r} is not a number")
    else:
        value = float(target)
        if not 0 <= value <= 100:
            result.error("spec.target", "target must be between 0 and 100")
        elif 0 < value < 1:
            result.warn("spec.target", "target is from 0-100, not 0-1")
    window = spec.get("window")
    if not window:
        result.error("spec.window", "window must be set")
    elif not is_duration(window):
        result.error("spec.window", f"{window!r} is not a Prometheus duration")
    indicator = _map(result, "spec.indicator", spec.get("indicator"))
    _strict(result, "spec.indicator", indicator, INDICATOR_FIELDS)
    present = [k for k in ("ratio", "latency", "latencyNative", "bool_gauge")
               if indicator.get(k) is not None]
    if not present:
        result.error("spec.indicator",
                     "one of ratio, latency, latencyNative or bool_gauge must be set")
    if "ratio" in present and "latency" in present:
        result.error("spec.indicator", "cannot have ratio and latency indicators at the same time")
    if "ratio" in present:
        _ratio(result, _map(result, "spec.indicator.ratio", indicator["ratio"]))
    if "latency" in present:
        _latency(result, _map(result, "spec.indicator.latency", indicator["latency"]))
    _alerting(result, _map(result, "spec.alerting", spec.get("alerting")))
    strategy = spec.get("partial_response_strategy")
    if strategy is not None and strategy not in ("abort", "warn", ""):
        result.error("spec.partial_response_strategy", "must be abort, warn or empty")
    return result


def load_one(text: str) -> Any:
    """The file's object, as Pyrra's filesystem mode reads it: exactly one document."""
    documents = [d for d in yaml.safe_load_all(text) if d is not None]
    if len(documents) != 1:
        raise ValueError(f"Pyrra reads one object per file; this one has {len(documents)}")
    return documents[0]

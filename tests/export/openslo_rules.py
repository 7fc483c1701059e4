"""A test oracle: OpenSLO v1 documents checked as the OpenSLO Go SDK checks them, written in
Python from reading the SDK's source (no code copied), plus the v1 JSON schema.

What was read (OpenSLO/go-sdk at ae145da, which validates with nobl9/govy v0.26.0):

* ``pkg/openslosdk/encoding.go``: how a YAML stream is split (on a line starting with
  ``---``) and decoded: YAML to JSON, then ``json.Decoder`` with ``DisallowUnknownFields``
  into the Go structs, so unknown keys and wrongly typed values are errors.
* ``pkg/openslo/version.go``, ``pkg/openslo/kind.go``: ``apiVersion`` / ``kind`` values.
* ``pkg/openslo/v1/objects.go``: metadata (name an RFC 1123 label; displayName at most 63;
  label keys without a prefix; annotation keys with an optional DNS-subdomain prefix of at
  most 253 characters and a name of at most 63).
* ``pkg/openslo/v1/slo.go``: SLO spec (description, service, indicator xor indicatorRef,
  budgeting methods, exactly one time window, rolling xor calendar, calendar start time
  layout ``2006-01-02 15:04:05`` and IANA zone, objectives: target xor targetPercent, target
  in [0, 1), targetPercent in [0, 100), op/value forbidden for ratio SLIs and required for
  threshold SLIs, time-slice fields, composite objectives).
* ``pkg/openslo/v1/sli.go``: SLI spec (thresholdMetric xor ratioMetric; ratioMetric: total
  xor raw, at most one of raw/good/bad, good or bad with total, rawType with raw; metric
  source: spec with at least one entry, metricSourceRef an RFC 1123 label).
* ``pkg/openslo/v1/service.go``: Service spec (description at most 1050).
* ``pkg/openslo/v1/duration_shorthand.go``: durations, a number and one of
  ``m h d w M Q Y``.
* nobl9/govy ``pkg/rules/string.go`` (StringDNSLabel: 1-63 of ``[a-z0-9-]``, alphanumeric
  at both ends; StringTimeZone: ``time.LoadLocation`` but never "" or "Local";
  StringDateTime: ``time.Parse``), ``pkg/rules/length.go`` (lengths count runes),
  ``pkg/rules/one_of.go`` (MutuallyExclusive: at most one set, and with ``required`` exactly
  one; OneOfProperties: at least one set), ``internal/helpers.go`` (a value is "set" unless
  it is its type's zero value: a present key, even ``""`` behind a pointer, counts as set),
  ``pkg/govy/rules.go`` (rules run on empty non-pointer values unless omitted on purpose).

Where the oracle is stricter than the SDK, so a document it passes the SDK passes too, the
rule says so: durations must be canonical (``[1-9][0-9]*`` and a unit, as the spec's
README and JSON schema say; the SDK's ``Sscanf`` parser also takes ``0w``, ``+4w`` or
``4w x``), start times must not carry fractional seconds, field names must match exactly
(Go matches them ignoring case), null values are refused (Go skips them), at least one
objective is required (the JSON schema requires it, the SDK does not), label values follow
Kubernetes (``k8s.io/apimachinery`` ``pkg/util/validation/validation.go``, at most 63
characters, alphanumeric at both ends; the SDK does not check them) and annotations add up
to at most 256 KiB (``pkg/api/validation/objectmeta.go``). Kinds other than SLO and Service
and inline alert policies are not modelled and are refused.

The JSON schema is OpenSLO/OpenSLO ``schemas/v1`` (stored in ``openslo_schema/``, Apache
2.0, see its README), checked with ``jsonschema`` (Draft 7). It predates the SDK, which
OpenSLO made the source of truth (OpenSLO/OpenSLO issue #124), so both must pass.
"""

from __future__ import annotations

import json
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

API_VERSION = "openslo/v1"
KINDS = ("SLO", "Service")

RULES: dict[str, str] = {
    "decode.unknown-field": "every key is a field of the SDK's struct (unknown fields are refused)",
    "decode.type": "every value has its Go field's type (no nulls)",
    "stream.split": "the SDK's '---' splitter finds the same documents as a YAML parser",
    "object.api-version": "apiVersion is openslo/v1",
    "object.kind": "kind is SLO or Service (the kinds this oracle models)",
    "object.spec": "an SLO has a spec",
    "metadata.required": "metadata is present and has a name",
    "metadata.name": "metadata.name is an RFC 1123 label: 1-63 of a-z, 0-9, '-', "
                     "alphanumeric at both ends",
    "metadata.display-name": "displayName has at most 63 characters",
    "metadata.label-key": "a label key is 1-63 of A-Z a-z 0-9 - _ ., alphanumeric at both ends",
    "metadata.label-value": "a label value is empty or 1-63 of A-Z a-z 0-9 - _ ., "
                            "alphanumeric at both ends (Kubernetes; stricter than the SDK)",
    "metadata.annotation-key-length": "an annotation key's prefix has at most 253 characters "
                                      "and its name at most 63",
    "metadata.annotation-key": "an annotation key is an optional DNS-subdomain prefix and '/', "
                               "then a name like a label key",
    "metadata.annotation-size": "annotations add up to at most 256 KiB (Kubernetes; stricter)",
    "spec.description": "a description has at most 1050 characters",
    "slo.service": "an SLO names its service",
    "slo.indicator": "an SLO has exactly one of indicator and indicatorRef, or only "
                     "objectives have them (composite)",
    "slo.indicator-ref": "an indicatorRef is an RFC 1123 label",
    "slo.budgeting-method": "budgetingMethod is Occurrences, Timeslices or RatioTimeslices",
    "slo.time-window-count": "an SLO has exactly one time window",
    "slo.time-window-kind": "a rolling window has no calendar; a calendar window has one",
    "slo.duration": "a duration is a positive whole number and one of m h d w M Q Y "
                    "(canonical form; stricter than the SDK's parser)",
    "slo.calendar-start": "calendar.startTime is 'YYYY-MM-DD HH:MM:SS', a real time",
    "slo.calendar-zone": "calendar.timeZone is an IANA zone name (not empty, not Local)",
    "slo.objectives": "an SLO has at least one objective (JSON schema; stricter than the SDK)",
    "objective.target": "exactly one of target in [0, 1) and targetPercent in [0, 100)",
    "objective.ratio-op-value": "op and value are not set for a ratio SLI",
    "objective.threshold-op-value": "value and op (gt, lt, gte, lte) are set for a threshold SLI",
    "objective.time-slices": "Timeslices needs timeSliceTarget in (0, 1] and timeSliceWindow; "
                             "RatioTimeslices needs timeSliceWindow",
    "objective.composite-weight": "a composite SLO's compositeWeight is above 0",
    "sli.metric": "an SLI has exactly one of thresholdMetric and ratioMetric",
    "sli.ratio-total-raw": "a ratioMetric has exactly one of total and raw",
    "sli.ratio-good-bad": "a ratioMetric has at most one of raw, good, bad, and good or bad "
                          "with total",
    "sli.raw-type": "a raw ratioMetric has rawType success or failure",
    "sli.metric-source": "a metric has a metricSource whose spec has an entry; "
                         "metricSourceRef is an RFC 1123 label",
    "oracle.unmodelled": "no fields this oracle does not model (alertPolicies)",
    "export.unique-name": "names are unique per kind across the export (inline SLIs are SLIs)",
    "export.service-ref": "every SLO's service is a Service of the export",
}


@dataclass(frozen=True)
class Problem:
    rule: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message} [{self.rule}]"


# --- the Go structs, as far as decoding is concerned -----------------------------------------
# A type is "string", "bool", "number", "duration" (text), "any-map" (map[string]any),
# "labels", "annotations", ("list", item) or a dict of field name -> type.

METRIC_SOURCE = {"metricSourceRef": "string", "type": "string", "spec": "any-map"}
METRIC = {"metricSource": METRIC_SOURCE}
RATIO = {"counter": "bool", "good": METRIC, "bad": METRIC, "total": METRIC,
         "rawType": "string", "raw": METRIC}
SLI_SPEC = {"description": "string", "thresholdMetric": METRIC, "ratioMetric": RATIO}
METADATA = {"name": "string", "displayName": "string", "labels": "labels",
            "annotations": "annotations"}
INLINE_SLI = {"metadata": METADATA, "spec": SLI_SPEC}
OBJECTIVE = {"displayName": "string", "op": "string", "value": "number", "target": "number",
             "targetPercent": "number", "timeSliceTarget": "number",
             "timeSliceWindow": "duration", "indicator": INLINE_SLI, "indicatorRef": "string",
             "compositeWeight": "number"}
CALENDAR = {"startTime": "string", "timeZone": "string"}
TIME_WINDOW = {"duration": "duration", "isRolling": "bool", "calendar": CALENDAR}
SLO_SPEC = {"description": "string", "service": "string", "indicator": INLINE_SLI,
            "indicatorRef": "string", "budgetingMethod": "string",
            "timeWindow": ("list", TIME_WINDOW), "objectives": ("list", OBJECTIVE),
            "alertPolicies": ("list", "any-map")}
SERVICE_SPEC = {"description": "string"}
OBJECT_FIELDS = {"apiVersion": "string", "kind": "string", "metadata": METADATA}
STRUCTS = {"SLO": {**OBJECT_FIELDS, "spec": SLO_SPEC},
           "Service": {**OBJECT_FIELDS, "spec": SERVICE_SPEC}}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _decode(value: Any, kind: Any, path: str, out: list[Problem]) -> None:
    def wrong(expected: str) -> None:
        out.append(Problem("decode.type", path,
                           f"expected {expected}, found {_type_name(value)}"))

    if value is None:
        wrong("a value")
    elif kind in ("string", "duration"):
        if not isinstance(value, str):
            wrong("text")
    elif kind == "bool":
        if not isinstance(value, bool):
            wrong("true or false")
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            wrong("a number")
    elif kind == "any-map":
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            wrong("a mapping with text keys")
    elif kind == "labels":
        if not isinstance(value, dict):
            wrong("a mapping")
            return
        for name, label in value.items():
            ok = isinstance(label, str) or (
                isinstance(label, list) and all(isinstance(x, str) for x in label))
            if not isinstance(name, str) or not ok:
                out.append(Problem("decode.type", f"{path}.{name}",
                                   "a label value must be text or a list of text"))
    elif kind == "annotations":
        if not isinstance(value, dict):
            wrong("a mapping")
            return
        for name, note in value.items():
            if not isinstance(name, str) or not isinstance(note, str):
                out.append(Problem("decode.type", f"{path}.{name}",
                                   f"an annotation value must be text, not {_type_name(note)}"))
    elif isinstance(kind, tuple):
        if not isinstance(value, list):
            wrong("a list")
            return
        for i, item in enumerate(value):
            _decode(item, kind[1], f"{path}[{i}]", out)
    elif isinstance(kind, dict):
        if not isinstance(value, dict):
            wrong("a mapping")
            return
        for name, item in value.items():
            if name not in kind:
                out.append(Problem("decode.unknown-field", f"{path}.{name}",
                                   f"unknown field {name!r}"))
            else:
                _decode(item, kind[name], f"{path}.{name}", out)


# --- value rules ----------------------------------------------------------------------------

_DNS_LABEL = re.compile(r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?")
_QUALIFIED_NAME = re.compile(r"[A-Za-z0-9](?:[-._A-Za-z0-9]{0,61}[A-Za-z0-9])?")
_SUBDOMAIN = r"[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)*"
_ANNOTATION_KEY = re.compile(rf"(?:{_SUBDOMAIN}/)?{_QUALIFIED_NAME.pattern}")
_ANNOTATION_KEY_LENGTH = re.compile(r"(?:.{0,253}/)?.{0,63}")
_LABEL_VALUE = re.compile(r"(?:(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?")
_DURATION = re.compile(r"[1-9][0-9]*[mhdwMQY]")
_START_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
BUDGETING_METHODS = ("Occurrences", "Timeslices", "RatioTimeslices")
OPERATORS = ("gt", "lt", "gte", "lte")
RAW_TYPES = ("success", "failure")
ANNOTATION_BYTES = 256 * 1024


def is_dns_label(text: Any) -> bool:
    return isinstance(text, str) and 1 <= len(text) <= 63 and bool(_DNS_LABEL.fullmatch(text))


def _set(mapping: Mapping[str, Any], name: str) -> bool:
    """Whether govy sees the field as set: a pointer field (a nested object, a number, a
    reference) when present at all, even as ``""`` or ``{}``; a plain text field when it is
    not empty."""
    value = mapping.get(name)
    if value is None:
        return False
    return name in _POINTER_FIELDS or value not in ("", [], {})


# Fields the Go structs hold behind a pointer: present means set.
_POINTER_FIELDS = {"indicator", "indicatorRef", "thresholdMetric", "ratioMetric", "good",
                   "bad", "total", "raw", "calendar", "value", "target", "targetPercent",
                   "timeSliceTarget", "timeSliceWindow", "compositeWeight"}


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _metadata_problems(metadata: Any, path: str) -> list[Problem]:
    out: list[Problem] = []
    meta = _mapping(metadata)
    if not meta or not meta.get("name"):
        out.append(Problem("metadata.required", path, "metadata with a name is required"))
    name = meta.get("name")
    if name and not is_dns_label(name):
        out.append(Problem("metadata.name", f"{path}.name",
                           f"{name!r} is not an RFC 1123 label of at most 63 characters"))
    shown = meta.get("displayName")
    if isinstance(shown, str) and len(shown) > 63:
        out.append(Problem("metadata.display-name", f"{path}.displayName",
                           f"{len(shown)} characters, at most 63 allowed"))
    for label, values in _mapping(meta.get("labels")).items():
        if not isinstance(label, str) or not _QUALIFIED_NAME.fullmatch(label):
            out.append(Problem("metadata.label-key", f"{path}.labels",
                               f"label key {label!r} is not valid"))
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str) and (len(value) > 63 or not _LABEL_VALUE.fullmatch(value)):
                out.append(Problem("metadata.label-value", f"{path}.labels.{label}",
                                   f"label value {value!r} is not valid"))
    notes = _mapping(meta.get("annotations"))
    size = 0
    for key, value in notes.items():
        text = key if isinstance(key, str) else str(key)
        if not _ANNOTATION_KEY_LENGTH.fullmatch(text):
            out.append(Problem("metadata.annotation-key-length", f"{path}.annotations",
                               f"annotation key {text!r} is too long"))
        elif not _ANNOTATION_KEY.fullmatch(text):
            # The SDK stops at the first failing key rule (CascadeModeStop).
            out.append(Problem("metadata.annotation-key", f"{path}.annotations",
                               f"annotation key {text!r} is not valid"))
        size += len(text.encode("utf-8")) + len(str(value).encode("utf-8"))
    if size > ANNOTATION_BYTES:
        out.append(Problem("metadata.annotation-size", f"{path}.annotations",
                           f"{size} bytes, at most {ANNOTATION_BYTES} allowed"))
    return out


def _description_problems(spec: Mapping[str, Any], path: str) -> list[Problem]:
    text = spec.get("description")
    if isinstance(text, str) and len(text) > 1050:
        return [Problem("spec.description", f"{path}.description",
                        f"{len(text)} characters, at most 1050 allowed")]
    return []


def _duration_problems(value: Any, path: str) -> list[Problem]:
    if not isinstance(value, str) or not _DURATION.fullmatch(value):
        return [Problem("slo.duration", path, f"{value!r} is not a duration such as 4w or 28d")]
    return []


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _zone_ok(name: Any) -> bool:
    if not isinstance(name, str) or name in ("", "Local"):
        return False
    if name in _zones():
        return True
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _start_ok(text: Any) -> bool:
    if not isinstance(text, str) or not _START_TIME.fullmatch(text):
        return False
    try:
        datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return False
    return True


def _metric_problems(metric: Any, path: str) -> list[Problem]:
    out: list[Problem] = []
    source = _mapping(_mapping(metric).get("metricSource"))
    if not any(source.get(k) for k in ("metricSourceRef", "type", "spec")):
        return [Problem("sli.metric-source", f"{path}.metricSource", "metricSource is required")]
    ref = source.get("metricSourceRef")
    if ref and not is_dns_label(ref):
        out.append(Problem("sli.metric-source", f"{path}.metricSource.metricSourceRef",
                           f"{ref!r} is not an RFC 1123 label"))
    if not _mapping(source.get("spec")):
        out.append(Problem("sli.metric-source", f"{path}.metricSource.spec",
                           "spec needs at least one entry"))
    return out


def _exactly_one(mapping: Mapping[str, Any], names: Iterable[str], rule: str, path: str,
                 *, required: bool = True) -> list[Problem]:
    present = sorted(n for n in names if _set(mapping, n))
    if len(present) > 1:
        return [Problem(rule, path, f"only one of {', '.join(present)} may be set")]
    if required and not present:
        return [Problem(rule, path, f"one of {', '.join(sorted(names))} is required")]
    return []


def _sli_spec_problems(spec: Any, path: str) -> list[Problem]:
    spec = _mapping(spec)
    out = _description_problems(spec, path)
    out += _exactly_one(spec, ("thresholdMetric", "ratioMetric"), "sli.metric", path)
    if _set(spec, "thresholdMetric"):
        out += _metric_problems(spec["thresholdMetric"], f"{path}.thresholdMetric")
    if _set(spec, "ratioMetric"):
        ratio = _mapping(spec["ratioMetric"])
        where = f"{path}.ratioMetric"
        out += _exactly_one(ratio, ("total", "raw"), "sli.ratio-total-raw", where)
        out += _exactly_one(ratio, ("raw", "good", "bad"), "sli.ratio-good-bad", where,
                            required=False)
        if _set(ratio, "total"):
            if not (_set(ratio, "good") or _set(ratio, "bad")):
                out.append(Problem("sli.ratio-good-bad", where, "good or bad is required"))
            for part in ("total", "good", "bad"):
                if _set(ratio, part):
                    out += _metric_problems(ratio[part], f"{where}.{part}")
        if _set(ratio, "raw"):
            out += _metric_problems(ratio["raw"], f"{where}.raw")
            if ratio.get("rawType") not in RAW_TYPES:
                out.append(Problem("sli.raw-type", f"{where}.rawType",
                                   f"rawType must be one of {', '.join(RAW_TYPES)}"))
    return out


def _indicator_problems(holder: Mapping[str, Any], path: str) -> list[Problem]:
    """An indicator or indicatorRef, wherever it sits (spec or a composite objective)."""
    out: list[Problem] = []
    if not (_set(holder, "indicator") or _set(holder, "indicatorRef")):
        return out
    out += _exactly_one(holder, ("indicator", "indicatorRef"), "slo.indicator", path)
    if _set(holder, "indicator"):
        inline = _mapping(holder["indicator"])
        out += _metadata_problems(inline.get("metadata"), f"{path}.indicator.metadata")
        out += _sli_spec_problems(inline.get("spec"), f"{path}.indicator.spec")
    if _set(holder, "indicatorRef") and not is_dns_label(holder["indicatorRef"]):
        out.append(Problem("slo.indicator-ref", f"{path}.indicatorRef",
                           f"{holder['indicatorRef']!r} is not an RFC 1123 label"))
    return out


def _objective_problems(objective: Mapping[str, Any], spec: Mapping[str, Any], path: str,
                        composite: bool) -> list[Problem]:
    out = _exactly_one(objective, ("target", "targetPercent"), "objective.target", path)
    target, percent = objective.get("target"), objective.get("targetPercent")
    if _is_number(target) and not 0 <= target < 1:
        out.append(Problem("objective.target", f"{path}.target", f"{target} is not in [0, 1)"))
    if _is_number(percent) and not 0 <= percent < 100:
        out.append(Problem("objective.target", f"{path}.targetPercent",
                           f"{percent} is not in [0, 100)"))
    sli = _mapping(_mapping(spec.get("indicator")).get("spec"))
    if _set(sli, "ratioMetric"):
        for name in ("op", "value"):
            if _set(objective, name):
                out.append(Problem("objective.ratio-op-value", f"{path}.{name}",
                                   f"{name} is not allowed with a ratioMetric"))
    if _set(sli, "thresholdMetric"):
        if not _set(objective, "value"):
            out.append(Problem("objective.threshold-op-value", f"{path}.value",
                               "value is required with a thresholdMetric"))
        if objective.get("op") not in OPERATORS:
            out.append(Problem("objective.threshold-op-value", f"{path}.op",
                               f"op must be one of {', '.join(OPERATORS)}"))
    method = spec.get("budgetingMethod")
    if method == "Timeslices":
        slice_target = objective.get("timeSliceTarget")
        if not _is_number(slice_target) or not 0 < slice_target <= 1:
            out.append(Problem("objective.time-slices", f"{path}.timeSliceTarget",
                               "Timeslices needs a timeSliceTarget in (0, 1]"))
    if method in ("Timeslices", "RatioTimeslices") and not _set(objective, "timeSliceWindow"):
        out.append(Problem("objective.time-slices", f"{path}.timeSliceWindow",
                           f"{method} needs a timeSliceWindow"))
    if _set(objective, "timeSliceWindow"):
        out += _duration_problems(objective["timeSliceWindow"], f"{path}.timeSliceWindow")
    if composite:  # the SDK checks these only for composite SLOs
        out += _indicator_problems(objective, path)
        weight = objective.get("compositeWeight")
        if _is_number(weight) and not weight > 0:
            out.append(Problem("objective.composite-weight", f"{path}.compositeWeight",
                               f"{weight} is not above 0"))
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _slo_spec_problems(spec: Any, path: str) -> list[Problem]:
    if not _mapping(spec):
        return [Problem("object.spec", path, "an SLO needs a spec")]
    spec = _mapping(spec)
    out = _description_problems(spec, path)
    if not isinstance(spec.get("service"), str) or not spec.get("service"):
        out.append(Problem("slo.service", f"{path}.service", "service is required"))
    objectives = [_mapping(o) for o in _list(spec.get("objectives"))]
    composite = any(_set(o, "indicator") or _set(o, "indicatorRef") for o in objectives)
    on_spec = _set(spec, "indicator") or _set(spec, "indicatorRef")
    if composite == on_spec:
        out.append(Problem("slo.indicator", path,
                           "indicator/indicatorRef must be set on the spec or on the "
                           "objectives (composite), " + ("not both" if composite else "none is")))
    out += _indicator_problems(spec, path)
    if spec.get("budgetingMethod") not in BUDGETING_METHODS:
        out.append(Problem("slo.budgeting-method", f"{path}.budgetingMethod",
                           f"{spec.get('budgetingMethod')!r} is not one of "
                           f"{', '.join(BUDGETING_METHODS)}"))
    windows = _list(spec.get("timeWindow"))
    if len(windows) != 1:
        out.append(Problem("slo.time-window-count", f"{path}.timeWindow",
                           f"exactly one time window is required, found {len(windows)}"))
    for i, raw in enumerate(windows):
        window, where = _mapping(raw), f"{path}.timeWindow[{i}]"
        rolling, calendar = window.get("isRolling") is True, window.get("calendar")
        if rolling and calendar is not None:
            out.append(Problem("slo.time-window-kind", where,
                               "a rolling window cannot have a calendar"))
        if not rolling and calendar is None:
            out.append(Problem("slo.time-window-kind", where,
                               "a window that is not rolling needs a calendar"))
        out += _duration_problems(window.get("duration"), f"{where}.duration")
        if calendar is not None:
            calendar = _mapping(calendar)
            if not _start_ok(calendar.get("startTime")):
                out.append(Problem("slo.calendar-start", f"{where}.calendar.startTime",
                                   f"{calendar.get('startTime')!r} is not "
                                   "'YYYY-MM-DD HH:MM:SS'"))
            if not _zone_ok(calendar.get("timeZone")):
                out.append(Problem("slo.calendar-zone", f"{where}.calendar.timeZone",
                                   f"{calendar.get('timeZone')!r} is not an IANA zone"))
    if not objectives:
        out.append(Problem("slo.objectives", f"{path}.objectives",
                           "at least one objective is required"))
    for i, objective in enumerate(objectives):
        out += _objective_problems(objective, spec, f"{path}.objectives[{i}]", composite)
    if _set(spec, "alertPolicies"):
        out.append(Problem("oracle.unmodelled", f"{path}.alertPolicies",
                           "alert policies are not modelled by this oracle"))
    return out


def document_problems(document: Any) -> list[Problem]:
    """Every rule one document breaks, as the SDK would decode and validate it."""
    if not isinstance(document, dict):
        return [Problem("decode.type", "$", f"a document must be a mapping, not "
                                            f"{_type_name(document)}")]
    kind = document.get("kind")
    out: list[Problem] = []
    if document.get("apiVersion") != API_VERSION:
        out.append(Problem("object.api-version", "$.apiVersion",
                           f"{document.get('apiVersion')!r} is not {API_VERSION}"))
    if kind not in KINDS:
        return [*out, Problem("object.kind", "$.kind", f"{kind!r} is not one of "
                                                       f"{', '.join(KINDS)}")]
    _decode(document, STRUCTS[kind], "$", out)
    out += _metadata_problems(document.get("metadata"), "$.metadata")
    if kind == "SLO":
        out += _slo_spec_problems(document.get("spec"), "$.spec")
    else:
        out += _description_problems(_mapping(document.get("spec")), "$.spec")
    return out


def _names(document: Mapping[str, Any]) -> Iterable[tuple[str, Any, str]]:
    """(kind, name, where) for the document and its inline SLIs."""
    meta = _mapping(document.get("metadata"))
    yield document.get("kind"), meta.get("name"), "$.metadata.name"
    spec = _mapping(document.get("spec"))
    holders = [("$.spec", spec)] + [(f"$.spec.objectives[{i}]", _mapping(o))
                                    for i, o in enumerate(_list(spec.get("objectives")))]
    for where, holder in holders:
        inline = holder.get("indicator")
        if isinstance(inline, dict):
            yield "SLI", _mapping(inline.get("metadata")).get("name"), \
                f"{where}.indicator.metadata.name"


def export_problems(files: Mapping[str, list[Any]]) -> list[Problem]:
    """Every rule broken by the documents of an export ({file name: documents}), each
    document on its own and together (unique names per kind, services that exist)."""
    out: list[Problem] = []
    seen: dict[tuple[Any, Any], str] = {}
    services = set()
    for file, documents in files.items():
        for i, document in enumerate(documents):
            where = f"{file}[{i}]"
            out += [Problem(p.rule, f"{where} {p.path}", p.message)
                    for p in document_problems(document)]
            if not isinstance(document, dict):
                continue
            if document.get("kind") == "Service":
                services.add(_mapping(document.get("metadata")).get("name"))
            for kind, name, path in _names(document):
                if name is None:
                    continue
                first = seen.setdefault((kind, name), f"{where} {path}")
                if first != f"{where} {path}":
                    out.append(Problem("export.unique-name", f"{where} {path}",
                                       f"{kind} name {name!r} is also used at {first}"))
    for file, documents in files.items():
        for i, document in enumerate(documents):
            if isinstance(document, dict) and document.get("kind") == "SLO":
                service = _mapping(document.get("spec")).get("service")
                if service not in services:
                    out.append(Problem("export.service-ref", f"{file}[{i}] $.spec.service",
                                       f"no Service named {service!r} in the export"))
    return out


def sdk_split(text: str) -> list[str]:
    """The chunks the SDK's YAML splitter makes of a stream: it cuts wherever a line starts
    with ``---`` (not on the very first line) and drops the rest of that line."""
    chunks = re.split(r"\n---[^\n]*(?:\n|$)", text)
    return [c for c in chunks if c.strip()]


def stream_problems(name: str, text: str) -> tuple[list[Any], list[Problem]]:
    """The documents of one YAML file and the problems of reading it as the SDK does: the
    SDK's splitter must see the same documents as a YAML parser."""
    documents = list(yaml.safe_load_all(text))
    out: list[Problem] = []
    try:
        chunks = [yaml.safe_load(chunk) for chunk in sdk_split(text)]
    except yaml.YAMLError as error:
        return documents, [Problem("stream.split", name, f"a chunk does not parse: {error}")]
    if chunks != documents:
        out.append(Problem("stream.split", name,
                           f"the SDK would read {len(chunks)} documents, YAML has "
                           f"{len(documents)}"))
    return documents, out


# --- the JSON schema -------------------------------------------------------------------------

SCHEMA_FOLDER = Path(__file__).resolve().parent / "openslo_schema" / "v1"
SCHEMA_ID = "https://openslo.com/schemas/v1/openslo.schema.json"


@cache
def _validator() -> Any:
    from jsonschema import Draft7Validator  # a dev dependency: the check must run
    from referencing import Registry, Resource

    resources = []
    for path in sorted(SCHEMA_FOLDER.rglob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    registry = Registry().with_resources(resources)
    schema = registry.contents(SCHEMA_ID)
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, registry=registry)


def schema_problems(document: Any) -> list[str]:
    """Where the document breaks the OpenSLO v1 JSON schema (an empty list: it passes)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}"
            for e in _validator().iter_errors(document)]


def rules_broken(problems: Iterable[Problem]) -> set[str]:
    return {p.rule for p in problems}


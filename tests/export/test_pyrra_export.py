"""The Pyrra export: one ``ServiceLevelObjective`` per file, checked against Pyrra's own
validation (``tests/export/pyrra_rules.py``, which cites the pyrra-dev/pyrra files it was
written from)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml

from tests.export import pyrra_rules as rules
from tests.export.slo_factories import exported_files
from tests.export.slo_factories import group as _group
from tests.export.slo_factories import slo_def as _slo_def
from workbench.domain.slo.records import SloKind
from workbench.export import pyrra
from workbench.export.registry import export_workspace

DAY = date(2026, 11, 25)
NAMESPACE_WARNING = ["metadata.namespace: namespace must be set"]


@pytest.fixture
def exported(demo, tmp_path):
    engine, workspace = demo
    return exported_files(engine, workspace, tmp_path / "out", "pyrra", DAY)


def _object(files, name):
    return rules.load_one(files[f"pyrra/{name}.yaml"])


def test_demo_writes_one_object_per_slo(exported):
    assert sorted(exported) == [
        "pyrra/checkout-availability.yaml", "pyrra/checkout-latency-slow.yaml",
        "pyrra/checkout-latency.yaml", "pyrra/search-latency.yaml",
        "pyrra/tracking-availability.yaml", "pyrra/upi-payment-availability.yaml"]


def test_every_demo_object_passes_pyrras_rules(exported):
    names = set()
    for path, text in exported.items():
        document = rules.load_one(text)
        result = rules.check(document)
        assert result.errors == [], path
        assert result.warnings == NAMESPACE_WARNING, path
        names.add(document["metadata"]["name"])
        assert path == f"pyrra/{document['metadata']['name']}.yaml"
    assert len(names) == len(exported)


def test_the_same_data_gives_byte_identical_files(demo, tmp_path, exported):
    engine, workspace = demo
    again = export_workspace(engine, workspace, tmp_path / "again", {"pyrra"}, {"pyrra"},
                             today=DAY + timedelta(days=40))
    folder = tmp_path / "again" / "bharatmart"
    assert {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in again} == exported


def test_target_and_window(exported):
    assert "  target: '99.9'\n" in exported["pyrra/checkout-availability.yaml"]
    spec = _object(exported, "checkout-availability")["spec"]
    assert spec["target"] == "99.9" and spec["window"] == "4w"
    search = _object(exported, "search-latency")
    assert search["spec"]["target"] == "90" and search["spec"]["window"] == "28d"
    assert search["metadata"]["annotations"]["sre-workbench.dev/period"] == "rolling-28-days"
    assert _object(exported, "checkout-latency")["metadata"]["annotations"][
        "sre-workbench.dev/period"] == "iso-4-week"


def test_indicators(exported):
    assert _object(exported, "checkout-availability")["spec"]["indicator"] == {"ratio": {
        "errors": {"metric": 'http_requests_total{service="orders",code=~"5.."}'},
        "total": {"metric": 'http_requests_total{service="orders"}'}}}
    assert _object(exported, "checkout-latency")["spec"]["indicator"] == {"latency": {
        "success": {"metric": 'http_request_duration_seconds_bucket{service="orders",le="0.8"}'},
        "total": {"metric": 'http_request_duration_seconds_count{service="orders"}'}}}


def test_labels_and_annotations(exported):
    metadata = _object(exported, "upi-payment-availability")["metadata"]
    assert metadata["labels"] == {"pyrra.dev/team": "checkout",
                                  "sre-workbench.dev/service": "payments"}
    notes = metadata["annotations"]
    assert notes["sre-workbench.dev/kind"] == "availability"
    assert notes["sre-workbench.dev/service"] == "payments"
    assert notes["sre-workbench.dev/correction-1"].startswith("2026-07-03; events left out")
    orders = _object(exported, "checkout-latency-slow")["metadata"]["annotations"]
    assert orders["sre-workbench.dev/maintenance-1"].startswith(
        "2026-11-29 01:00 Europe/London for 1 h, repeating FREQ=WEEKLY;BYDAY=SU")


def test_low_targets_flag_the_tiers_that_can_never_fire(exported):
    for name in ("search-latency", "tracking-availability"):
        document = _object(exported, name)
        notes = document["metadata"]["annotations"]
        assert notes["sre-workbench.dev/alert-page-fast"].startswith(
            "disabled: page-fast can never fire at a 90% target")
        assert notes["sre-workbench.dev/alert-pyrra-fast-burn"].startswith(
            "cannot fire: Pyrra's fast-burn tier (factor 14 over 1h and 5m) needs more than "
            "140% of events to be bad at a 90% target")
        assert not any(k.startswith("sre-workbench.dev/alert-pyrra-medium") for k in notes)
        assert document["spec"]["alerting"] == {"burnrates": True}
    high = _object(exported, "checkout-availability")["metadata"]["annotations"]
    assert not any(k.startswith("sre-workbench.dev/alert-") for k in high)


def test_pyrra_tiers_match_pyrras_windows():
    window = timedelta(days=28)
    rules_ = [t.rule(window) for t in pyrra.PYRRA_TIERS]
    assert [(r.burn_rate, r.long_window, r.short_window) for r in rules_] == [
        (14, timedelta(hours=1), timedelta(minutes=5)),
        (7, timedelta(hours=6), timedelta(minutes=30)),
        (2, timedelta(days=1), timedelta(hours=2)),
        (1, timedelta(days=4), timedelta(hours=6))]


@pytest.mark.parametrize(("target", "impossible"), [
    ("99.9", []), ("93", []), ("92", ["fast-burn"]), ("90", ["fast-burn"]),
    ("85", ["fast-burn", "medium-burn"]), ("50", ["fast-burn", "medium-burn", "slow-burn"])])
def test_which_pyrra_tiers_cannot_fire(target, impossible):
    notes = pyrra.slo_document(_slo_def(target=target), _group(), "x")["metadata"]["annotations"]
    assert sorted(k.removeprefix("sre-workbench.dev/alert-pyrra-") for k in notes
                  if k.startswith("sre-workbench.dev/alert-pyrra-")) == sorted(impossible)


def test_names_are_unique_dns_labels_across_services():
    first = _group(_slo_def(1, name="Checkout Availability"), _slo_def(2, name="支付"),
                   name="orders", slug="orders")
    second = _group(_slo_def(3, name="checkout-availability"), _slo_def(4, name="y" * 80),
                    name="payments", slug="payments")
    files = pyrra.render_export([first, second], {"orders": "Über Team"})
    assert [p for p, _ in files] == [
        "pyrra/checkout-availability.yaml", "pyrra/zhifu.yaml",
        "pyrra/checkout-availability-2.yaml", files[3][0]]
    long_name = rules.load_one(files[3][1])["metadata"]["name"]
    assert len(long_name) == 63 and long_name.startswith("yyyy")
    for _, text in files:
        assert rules.check(rules.load_one(text)).errors == []
    assert rules.load_one(files[0][1])["metadata"]["labels"]["pyrra.dev/team"] == "uber-team"


def test_one_object_per_file():
    text = pyrra.render_slo(_slo_def(), _group(), "checkout-availability")
    assert len([d for d in yaml.safe_load_all(text) if d]) == 1
    with pytest.raises(ValueError, match="one object per file"):
        rules.load_one(text + "---\n" + text)


# --- the oracle refuses what Pyrra refuses ------------------------------------------------


def _valid(kind=SloKind.AVAILABILITY):
    return rules.load_one(pyrra.render_slo(_slo_def(kind=kind), _group(), "checkout", "Team"))


def test_the_valid_objects_have_no_errors():
    for kind in SloKind:
        result = rules.check(_valid(kind))
        assert result.errors == [] and result.warnings == NAMESPACE_WARNING


@pytest.mark.parametrize(("kind", "change", "expected"), [
    ("availability", lambda d: d.update(apiVersion="pyrra.dev/v1"), "apiVersion: must be"),
    ("availability", lambda d: d.update(kind="SLO"), "kind: must be"),
    ("availability", lambda d: d["metadata"].pop("name"), "name must be set"),
    ("availability", lambda d: d["metadata"].update(name="Checkout"), "is not a DNS label"),
    ("availability", lambda d: d["metadata"].update(name="x" * 64), "is not a DNS label"),
    ("availability", lambda d: d["metadata"]["labels"].update({"a/b/c": "x"}),
     "more than one '/'"),
    ("availability", lambda d: d["metadata"]["labels"].update({"Pyrra.Dev/team": "x"}),
     "the prefix must be a DNS subdomain"),
    ("availability", lambda d: d["metadata"]["labels"].update({"team": "two words"}),
     "is not a label value"),
    ("availability", lambda d: d["metadata"]["annotations"].update({"x" * 64: "y"}),
     "the name must be 1-63"),
    ("availability", lambda d: d["spec"].pop("target"), "target must be set"),
    ("availability", lambda d: d["spec"].update(target=99.9), "must be a string"),
    ("availability", lambda d: d["spec"].update(target="99.9%"), "is not a number"),
    ("availability", lambda d: d["spec"].update(target="100.1"),
     "target must be between 0 and 100"),
    ("availability", lambda d: d["spec"].pop("window"), "window must be set"),
    ("availability", lambda d: d["spec"].update(window="4 weeks"),
     "is not a Prometheus duration"),
    ("availability", lambda d: d["spec"].update(indicator={}), "one of ratio, latency"),
    ("availability", lambda d: d["spec"]["indicator"].update(
        latency={"success": {"metric": "a_bucket{le=\"1\"}"}, "total": {"metric": "a_count"}}),
     "cannot have ratio and latency"),
    ("availability", lambda d: d["spec"]["indicator"]["ratio"]["total"].update(metric=""),
     "ratio total metric must be set"),
    ("availability", lambda d: d["spec"]["indicator"]["ratio"]["errors"].update(metric=""),
     "ratio errors metric must be set"),
    ("availability", lambda d: d["spec"]["indicator"]["ratio"]["errors"].update(
        metric="sum(rate(x[5m]))"), "ratio errors metric must be a vector selector"),
    ("availability", lambda d: d["spec"]["indicator"]["ratio"]["total"].update(
        metric='x{service="a"'), "ratio total metric must be a vector selector"),
    ("latency", lambda d: d["spec"]["indicator"]["latency"]["success"].update(metric=""),
     "latency success metric must be set"),
    ("latency", lambda d: d["spec"]["indicator"]["latency"]["total"].update(metric="x[5m]"),
     "latency total metric must be a vector selector"),
    ("latency", lambda d: d["spec"]["indicator"]["latency"]["success"].update(
        metric='a_bucket{service="x"}'), "must contain a le label matcher"),
    ("latency", lambda d: d["spec"]["indicator"]["latency"]["success"].update(
        metric='a_bucket{le="fast"}'), "with a float value"),
    ("availability", lambda d: d["spec"]["alerting"].update(burnrates="yes"),
     "must be true or false"),
    ("availability", lambda d: d["spec"].update(partial_response_strategy="ignore"),
     "must be abort, warn or empty"),
    ("availability", lambda d: d["spec"].update(windows="4w"), "unknown field 'windows'"),
])
def test_each_rule_refuses_a_broken_object(kind, change, expected):
    document = _valid(SloKind(kind))
    change(document)
    errors = rules.check(document).errors
    assert any(expected in e for e in errors), errors


@pytest.mark.parametrize(("kind", "change", "expected"), [
    ("availability", lambda d: d["metadata"].update(namespace="monitoring"), None),
    ("availability", lambda d: d["spec"].update(target="0.999"), "target is from 0-100"),
    ("availability", lambda d: d["spec"]["indicator"]["ratio"]["errors"].update(
        metric=d["spec"]["indicator"]["ratio"]["total"]["metric"]), "should be different"),
    ("latency", lambda d: d["spec"]["indicator"]["latency"]["total"].update(metric="a_total"),
     "should usually be a histogram count"),
    ("latency", lambda d: d["spec"]["indicator"]["latency"]["success"].update(
        metric='a_seconds{le="0.3"}'), "should usually be a histogram bucket"),
    ("availability", lambda d: d["spec"]["alerting"].update(disabled=True), "deprecated"),
])
def test_each_warning(kind, change, expected):
    document = _valid(SloKind(kind))
    change(document)
    result = rules.check(document)
    assert result.errors == []
    others = [w for w in result.warnings if w not in NAMESPACE_WARNING]
    if expected is None:
        assert result.warnings == []
    else:
        assert any(expected in w for w in others), others


def test_selectors_parse_like_vector_selectors():
    assert rules.parse_selector('x_total{a="1", b=~"2|3",}') == (
        "x_total", [("a", "=", "1"), ("b", "=~", "2|3")])
    assert rules.parse_selector('{__name__="x"}') == ("", [("__name__", "=", "x")])
    for text in ("rate(x[5m])", "x[5m]", "x + y", "{a=\"1\"}", 'x{a="1"} offset 5m', "1x"):
        assert rules.parse_selector(text) is None, text

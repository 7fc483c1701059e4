"""The Sloth export: ``prometheus/v1`` specs per service and the 28-day ``AlertWindows``,
checked against Sloth's own validation rules (``tests/export/sloth_rules.py``, which cites
the slok/sloth files it was written from)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.export import sloth_rules as rules
from tests.export.slo_factories import exported_files
from tests.export.slo_factories import group as _group
from tests.export.slo_factories import slo_def as _slo_def
from workbench.domain.slo.alerts import MULTIWINDOW_RULES, alert_thresholds
from workbench.domain.slo.records import SloKind
from workbench.export import sloth
from workbench.export.registry import dump_yaml, export_workspace

DAY = date(2026, 11, 25)


@pytest.fixture
def exported(demo, tmp_path):
    engine, workspace = demo
    return exported_files(engine, workspace, tmp_path / "out", "sloth", DAY)


def _spec(files, name):
    return rules.load(files[f"sloth/{name}.yaml"])


def _slo(files, service, name):
    return next(s for s in _spec(files, service)["slos"] if s["name"] == name)


# --- the demo export --------------------------------------------------------------------


def test_demo_writes_one_spec_per_service_and_the_windows_file(exported):
    assert sorted(exported) == [
        "sloth/delivery-tracking.yaml", "sloth/orders.yaml", "sloth/payments.yaml",
        "sloth/search.yaml", "sloth/windows/alert-windows.yaml"]


def test_every_demo_spec_passes_sloths_rules(exported):
    specs = []
    for path, text in exported.items():
        if path.startswith("sloth/windows/"):
            assert rules.windows_problems(rules.load(text)) == []
            continue
        document = rules.load(text)
        assert rules.spec_problems(document, text) == [], path
        specs.append(document)
    assert rules.export_problems(specs) == []


def test_the_same_data_gives_byte_identical_files(demo, tmp_path, exported):
    engine, workspace = demo
    again = export_workspace(engine, workspace, tmp_path / "again", {"sloth"}, {"sloth"},
                             today=DAY + timedelta(days=40))
    folder = tmp_path / "again" / "bharatmart"
    assert {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in again} == exported


def test_objectives_are_the_exact_decimals(exported):
    orders = exported["sloth/orders.yaml"]
    assert "  objective: 99.9\n" in orders and "  objective: 95\n" in orders
    assert "  objective: 99\n" in orders
    assert "  objective: 99.5\n" in exported["sloth/payments.yaml"]
    assert _slo(exported, "orders", "checkout-availability")["objective"] == Decimal("99.9")


def test_spec_header_labels_and_service(exported):
    text = exported["sloth/orders.yaml"]
    assert text.startswith("# Sloth SLO spec (prometheus/v1)")
    assert "--slo-period-windows-path sloth/windows" in text
    assert "--default-slo-period 28d" in text
    spec = rules.load(text)
    assert spec["version"] == "prometheus/v1"
    assert spec["service"] == "orders"
    assert spec["labels"] == {"team": "checkout"}
    assert _spec(exported, "search")["labels"] == {"team": "storefront"}


def test_availability_counts_bad_requests_and_latency_is_total_minus_good(exported):
    availability = _slo(exported, "orders", "checkout-availability")["sli"]["events"]
    assert availability == {
        "error_query": 'sum(rate(http_requests_total{service="orders",code=~"5.."}'
                       "[{{.window}}]))",
        "total_query": 'sum(rate(http_requests_total{service="orders"}[{{.window}}]))'}
    latency = _slo(exported, "orders", "checkout-latency")["sli"]["events"]
    total = 'sum(rate(http_request_duration_seconds_count{service="orders"}[{{.window}}]))'
    good = ('sum(rate(http_request_duration_seconds_bucket{service="orders",le="0.8"}'
            "[{{.window}}]))")
    assert latency == {"error_query": f"({total} - {good})", "total_query": total}
    upi = _slo(exported, "payments", "upi-payment-availability")["sli"]["events"]
    assert 'code=~"5..|429"' in upi["error_query"]


def test_low_targets_flag_the_tier_that_can_never_fire(exported):
    for service, name in (("search", "search-latency"),
                          ("delivery-tracking", "tracking-availability")):
        alerting = _slo(exported, service, name)["alerting"]
        page = alerting["page_alert"]
        fast = page["annotations"]["sre_workbench_alert_page_fast"]
        assert fast == ("disabled: page-fast can never fire at a 90% target: it needs more "
                        "than 144% of events to be bad (drop this tier, or use a burn rate "
                        "below 10)")
        # page-slow (6 x 10% = 60% bad) can fire, so Sloth's page alert stays live; its
        # quick pair can never be true, so it pages exactly when page-slow would.
        assert page["annotations"]["sre_workbench_alert_page_slow"] == (
            "page: burn rate 6 over 6h and 30m (bad share above 60%)")
        assert "disable" not in page and page["labels"] == {"severity": "page"}
        assert "disable" not in alerting["ticket_alert"]


def test_high_targets_have_every_tier_live(exported):
    alerting = _slo(exported, "orders", "checkout-availability")["alerting"]
    assert alerting["name"] == "CheckoutAvailability"
    notes = {**alerting["page_alert"]["annotations"], **alerting["ticket_alert"]["annotations"]}
    assert notes == {
        "sre_workbench_alert_page_fast": "page: burn rate 14.4 over 1h and 5m (bad share "
                                         "above 1.44%)",
        "sre_workbench_alert_page_slow": "page: burn rate 6 over 6h and 30m (bad share "
                                         "above 0.6%)",
        "sre_workbench_alert_ticket_fast": "ticket: burn rate 3 over 1d and 2h (bad share "
                                           "above 0.3%)",
        "sre_workbench_alert_ticket_slow": "ticket: burn rate 1 over 3d and 6h (bad share "
                                           "above 0.1%)"}
    assert not any(v.startswith("disabled") for v in notes.values())


def test_slo_annotations_carry_uid_kind_period_and_adjustments(exported):
    notes = _slo(exported, "orders", "checkout-latency")["alerting"]["annotations"]
    assert notes["sre_workbench_kind"] == "latency"
    assert notes["sre_workbench_period"] == "iso-4-week"
    assert len(notes["sre_workbench_uid"]) >= 8
    assert notes["sre_workbench_maintenance_1"] == (
        "2026-11-29 01:00 Europe/London for 1 h, repeating FREQ=WEEKLY;BYDAY=SU; events left "
        "out of the budget; for service orders; recorded by Priya Sharma; database "
        "patching; the shop shows a maintenance page")
    upi = _slo(exported, "payments", "upi-payment-availability")["alerting"]["annotations"]
    assert upi["sre_workbench_correction_1"].startswith("2026-07-03; events left out")
    assert "maintenance" not in " ".join(upi)
    assert _slo(exported, "search", "search-latency")["alerting"]["annotations"][
        "sre_workbench_period"] == "rolling-28-days"


# --- alert windows ------------------------------------------------------------------------


def test_windows_follow_the_workbench_rules_exactly(exported):
    text = exported["sloth/windows/alert-windows.yaml"]
    document = rules.load(text)
    spec = document["spec"]
    assert document["apiVersion"] == "sloth.slok.dev/v1" and document["kind"] == "AlertWindows"
    assert spec["sloPeriod"] == "28d"
    assert spec["page"]["quick"] == {"errorBudgetPercent": Decimal("2.1428571428571428571"),
                                     "shortWindow": "5m", "longWindow": "1h"}
    assert spec["page"]["slow"] == {"errorBudgetPercent": Decimal("5.3571428571428571429"),
                                    "shortWindow": "30m", "longWindow": "6h"}
    assert spec["ticket"]["quick"] == {"errorBudgetPercent": Decimal("10.714285714285714286"),
                                       "shortWindow": "2h", "longWindow": "1d"}
    assert spec["ticket"]["slow"] == {"errorBudgetPercent": Decimal("10.714285714285714286"),
                                      "shortWindow": "6h", "longWindow": "3d"}
    # burn rate x long window / 672 h x 100, worked out by hand: 14.4 / 672 x 100 = 15/7 ...
    for (severity, speed), exact in {("page", "quick"): Fraction(15, 7),
                                     ("page", "slow"): Fraction(75, 14),
                                     ("ticket", "quick"): Fraction(75, 7),
                                     ("ticket", "slow"): Fraction(75, 7)}.items():
        written = Fraction(spec[severity][speed]["errorBudgetPercent"])
        assert abs(written - exact) < Fraction(1, 10**18)
        assert f": {exact} %\n" in text
    # ... and Sloth's derivation (percent x period / 100 / long window) gives the rules back.
    expected = {("page", "quick"): Decimal("14.4"), ("page", "slow"): Decimal(6),
                ("ticket", "quick"): Decimal(3), ("ticket", "slow"): Decimal(1)}
    for (severity, speed), burn in expected.items():
        assert abs(rules.burn_rate(document, severity, speed) - burn) < Decimal("1e-17")


def test_windows_file_only_with_four_week_or_28_day_slos():
    assert sloth.render_export([]) == []
    odd = _group(_slo_def(period="7d"))
    assert [p for p, _ in sloth.render_export([odd])] == ["sloth/shop.yaml"]
    paths = [p for p, _ in sloth.render_export([_group(_slo_def(period="28d"))])]
    assert paths == ["sloth/shop.yaml", "sloth/windows/alert-windows.yaml"]


# --- alerts that can never fire ------------------------------------------------------------


@pytest.mark.parametrize("target", ["99.99", "99.9", "95", "90", "85", "80", "70", "50", "10"])
def test_no_alert_is_live_unless_one_of_its_tiers_can_fire(target):
    entry = sloth.slo_entry(_slo_def(target=target), "shop", "checkout-availability")
    thresholds = alert_thresholds(Decimal(target), MULTIWINDOW_RULES, timedelta(days=28))
    for block, severity in (("page_alert", "page"), ("ticket_alert", "ticket")):
        alert = entry["alerting"][block]
        tiers = [t for t in thresholds if t.rule.severity == severity]
        assert alert.get("disable", False) is not any(t.can_fire for t in tiers)
        for tier in tiers:
            note = alert["annotations"][f"sre_workbench_alert_{tier.rule.name.replace('-', '_')}"]
            assert note.startswith("disabled: ") is not tier.can_fire
            if not tier.can_fire:
                assert note == f"disabled: {tier.problem()}"


def test_an_alert_whose_tiers_all_cannot_fire_is_disabled_with_the_reasons():
    entry = sloth.slo_entry(_slo_def(target="80"), "shop", "checkout-availability")
    page = entry["alerting"]["page_alert"]
    assert page == {"disable": True, "annotations": {
        "sre_workbench_alert_page_fast": "disabled: page-fast can never fire at a 80% target: "
                                         "it needs more than 288% of events to be bad (drop "
                                         "this tier, or use a burn rate below 5)",
        "sre_workbench_alert_page_slow": "disabled: page-slow can never fire at a 80% target: "
                                         "it needs more than 120% of events to be bad (drop "
                                         "this tier, or use a burn rate below 5)"}}
    assert entry["alerting"]["ticket_alert"]["labels"] == {"severity": "ticket"}
    document = {"version": "prometheus/v1", "service": "shop", "slos": [entry]}
    assert rules.spec_problems(rules.load(dump_yaml(document))) == []


# --- names and escaping -------------------------------------------------------------------


def test_names_are_sloth_names_unique_and_transliterated():
    group = _group(_slo_def(1, name="支付 可用性"), _slo_def(2, name="A"),
                   _slo_def(3, name="checkout availability"),
                   _slo_def(4, name="Checkout-Availability"),
                   _slo_def(5, name="x" * 90), _slo_def(6, name="🚀"),
                   name="Über Shop", slug="uber-shop")
    document = sloth.spec_document(group, service="uber-shop")
    names = [s["name"] for s in document["slos"]]
    assert names[0] == "zhifu-keyongxing"
    assert names[1] == "a-slo"
    assert names[2:4] == ["checkout-availability", "checkout-availability-2"]
    assert len(names[4]) == 63 and names[4] != "x" * 63
    assert names[5] == "slo"
    assert len(set(names)) == len(names)
    assert rules.spec_problems(rules.load(dump_yaml(document))) == []
    assert [s["alerting"]["name"] for s in document["slos"]][:2] == ["ZhifuKeyongxing", "ASlo"]


def test_slo_ids_stay_unique_across_services():
    # Sloth's id is "<service>-<name>": "ab" + "cd-ef" and "ab-cd" + "ef" would both be
    # "ab-cd-ef", and every series Sloth records for the two SLOs would carry one sloth_id.
    first = _group(_slo_def(1, name="cd-ef"), name="ab", slug="ab")
    second = _group(_slo_def(2, name="ef"), _slo_def(3, name="ef-2"), name="ab-cd",
                    slug="ab-cd")
    assert sloth.export_names([first, second]) == [("ab", ["cd-ef"]),
                                                   ("ab-cd", ["ef-3", "ef-2"])]
    specs = [rules.load(text) for path, text in sloth.render_export([first, second])
             if not path.startswith("sloth/windows/")]
    assert rules.export_problems(specs) == []
    assert all(rules.spec_problems(s) == [] for s in specs)
    clashing = [{"service": "ab", "slos": [{"name": "cd-ef"}]},
                {"service": "ab-cd", "slos": [{"name": "ef"}]}]
    assert rules.export_problems(clashing) == [
        "spec 1: SLO id 'ab-cd-ef' also in spec 0"]


def test_user_text_is_escaped_for_go_templates():
    slo = _slo_def(story_title="pay {{ .Value }} now")
    group = _group(slo, name='a{{b}}"c', slug="a-b-c")
    document = sloth.spec_document(group, service="a-b-c")
    assert rules.spec_problems(rules.load(dump_yaml(document))) == []
    events = document["slos"][0]["sli"]["events"]
    rendered = rules.render_template(events["total_query"], {"window": "5m"})
    assert rendered == 'sum(rate(http_requests_total{service="a{{b}}\\"c"}[5m]))'
    story = document["slos"][0]["alerting"]["annotations"]["sre_workbench_story"]
    assert rules.render_template(story, {}) == "pay {{ .Value }} now"


def test_a_multi_line_description_is_a_literal_block():
    text = dump_yaml(sloth.spec_document(_group(_slo_def(description="one\ntwo")),
                                          service="shop"))
    assert "  description: |-\n    one\n    two\n" in text
    assert rules.load(text)["slos"][0]["description"] == "one\ntwo"


# --- the oracle refuses what Sloth refuses ------------------------------------------------


def _valid():
    return rules.load(dump_yaml(sloth.spec_document(
        _group(_slo_def(), _slo_def(2, name="checkout-latency", kind=SloKind.LATENCY,
                                    target="95")), service="shop", team="Checkout")))


def _break(change):
    document = _valid()
    change(document)
    return rules.spec_problems(document)


def test_the_valid_document_has_no_problems():
    assert rules.spec_problems(_valid()) == []


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d.update(version="prometheus/v2"), "invalid spec version"),
    (lambda d: d.pop("service"), "service: None is not a valid Sloth name"),
    (lambda d: d.update(service="-shop"), "service: '-shop' is not a valid Sloth name"),
    (lambda d: d.update(slos=[]), "at least one SLO is required"),
    (lambda d: d["slos"][0].update(name="a"), "slos[0].name: 'a' is not a valid Sloth name"),
    (lambda d: d["slos"][0].update(name="a b"), "'a b' is not a valid Sloth name"),
    (lambda d: d["slos"][0].update(name="ab_"), "'ab_' is not a valid Sloth name"),
    (lambda d: d["slos"][1].update(name=d["slos"][0]["name"]), "is used twice in the file"),
    (lambda d: d["slos"][0].update(objective=0), "objective must >0 and <=100"),
    (lambda d: d["slos"][0].update(objective=100.5), "objective must >0 and <=100"),
    (lambda d: d["slos"][0].update(objective="99.9"), "objective must be a number"),
    (lambda d: d["slos"][0]["sli"].pop("events"), "at least one SLI type is required"),
    (lambda d: d["slos"][0]["sli"].update(raw={"error_ratio_query": "x[{{.window}}]"}),
     "only one SLI type is allowed"),
    (lambda d: d["slos"][0]["sli"].update(events={"error_query": "x", "total_query": "x"}),
     "both error and total queries can't be the same"),
    (lambda d: d["slos"][0]["sli"]["events"].update(
        error_query="sum(rate(errors_total[5m]))"),
     "template must contain the {{ .window }} variable"),
    (lambda d: d["slos"][0]["sli"]["events"].update(error_query=""),
     "query template is required"),
    (lambda d: d["slos"][0]["sli"]["events"].update(
        error_query="sum(rate(errors_total[{{.window}}])"), "unclosed '('"),
    (lambda d: d["slos"][0]["sli"]["events"].update(
        error_query="sum(rate(errors_total{code=\"5..}[{{.window}}]))"), "unterminated string"),
    (lambda d: d["slos"][0]["sli"]["events"].update(
        error_query="sum(rate(errors_total[{{.window}}])) / {{.other}}"),
     "template does not render: no value for .other"),
    (lambda d: d["slos"][0]["sli"]["events"].update(
        error_query="sum(rate(errors_total[{{.window}}{{if}}]))"), "unsupported action"),
    (lambda d: d["slos"][0]["sli"]["events"].update(
        error_query="sum(rate(errors_total[{{.window}} ]]))"), "unbalanced ']'"),
    (lambda d: d["slos"][0]["sli"]["events"].update(
        error_query="sum(rate(errors_total[{{.window}}x]))"), "is not a range"),
    (lambda d: d["slos"][0]["sli"].update(events=None, raw={"error_ratio_query": "x"}),
     "template must contain the {{ .window }} variable"),
    (lambda d: d["slos"][0]["sli"].update(events=None, plugin={"options": {}}),
     "plugin ID is required"),
    (lambda d: d["slos"][0]["alerting"].pop("name"), "alert name is required"),
    (lambda d: d["slos"][0]["alerting"].update(name="Checkout Availability"),
     "is not a metric name"),
    (lambda d: d["labels"].update({"__name__": "x"}), "label key __name__ is not allowed"),
    (lambda d: d["labels"].update({"sre-workbench.dev/team": "x"}),
     "is not a Prometheus label name"),
    (lambda d: d["labels"].update({"__team": "x"}), "reserved __ prefix"),
    (lambda d: d["labels"].update({"sloth_id": "x"}), "would override Sloth's own labels"),
    (lambda d: d["slos"][0]["labels"].update(kind=""), "label value is required"),
    (lambda d: d["slos"][0]["labels"].update(kind=3), "label value must be a string"),
    (lambda d: d["slos"][0]["alerting"]["page_alert"]["labels"].update({"bad key": "x"}),
     "page_alert: label key 'bad key' is not a Prometheus label name"),
    (lambda d: d["slos"][0]["alerting"]["annotations"].update({"sre-workbench.dev/uid": "x"}),
     "annotation key 'sre-workbench.dev/uid' is not a Prometheus label name"),
    (lambda d: d["slos"][0]["alerting"]["annotations"].update(note=""),
     "annotation value is required"),
    (lambda d: d["slos"][0]["alerting"]["annotations"].update(note="{{ $value }}"),
     "annotation value is not literal template text"),
    (lambda d: d["slos"][0]["alerting"]["page_alert"].update(disable="yes"),
     "must be true or false"),
    (lambda d: d["slos"][0].update(window="28d"), "unknown field 'window'"),
    (lambda d: d.update(slo_plugins={"overridePrevious": True, "chain": []}),
     "override plugins is set but no plugins are defined"),
])
def test_each_rule_refuses_a_broken_spec(change, expected):
    problems = _break(change)
    assert any(expected in p for p in problems), problems


def test_a_disabled_alert_needs_no_name_and_skips_its_checks():
    def change(document):
        alerting = document["slos"][0]["alerting"]
        alerting.pop("name")
        alerting["page_alert"] = {"disable": True, "labels": {"bad key": "x"}}
        alerting["ticket_alert"] = {"disable": True}
    assert _break(change) == []


def test_the_version_line_is_how_sloth_recognises_a_spec():
    text = sloth.render_spec(_group(_slo_def()), service="shop")
    assert rules.spec_problems(rules.load(text), text) == []
    hidden = text.replace("version: prometheus/v1", "version:   'prometheus/v1'  ")
    assert rules.spec_problems(rules.load(hidden), hidden) == []
    flow = "{version: prometheus/v1, service: shop, slos: []}"
    assert any("Sloth would not take it" in p for p in rules.spec_problems(rules.load(flow), flow))


def _windows():
    return rules.load(sloth.render_windows())


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d.update(apiVersion="sloth.slok.dev/v2"), "invalid spec version"),
    (lambda d: d.update(kind="AlertWindow"), "invalid spec version"),
    (lambda d: d["spec"].pop("sloPeriod"), "slo period is required"),
    (lambda d: d["spec"].update(sloPeriod="28 days"), "slo period is required"),
    (lambda d: d["spec"]["page"]["quick"].pop("longWindow"), "long window is required"),
    (lambda d: d["spec"]["ticket"]["slow"].update(shortWindow="0"), "short window is required"),
    (lambda d: d["spec"]["page"]["slow"].update(errorBudgetPercent=0), "error budget is required"),
    (lambda d: d["spec"]["page"]["slow"].update(errorBudgetPercent=140),
     "error budget percent must be in (0, 100]"),
    (lambda d: d["spec"]["page"]["quick"].update(shortWindow="2h"),
     "the short window must be shorter than the long one"),
    (lambda d: d["spec"]["ticket"]["quick"].update(longWindow="30d"),
     "the long window is longer than the SLO period"),
    (lambda d: d["spec"]["ticket"].pop("slow"), "spec.ticket.slow: long window is required"),
    (lambda d: d["spec"]["page"]["quick"].update(burnRate=14.4), "unknown field 'burnRate'"),
])
def test_each_windows_rule_refuses_a_broken_file(change, expected):
    assert rules.windows_problems(_windows()) == []
    document = _windows()
    change(document)
    problems = rules.windows_problems(document)
    assert any(expected in p for p in problems), problems


def test_durations_follow_prometheus():
    assert rules.duration_ms("28d") == 28 * 86_400_000
    assert rules.duration_ms("1h30m") == 5_400_000
    assert rules.duration_ms("0") == 0
    for text in ("", "1.5h", "30m1h", "1 h", "h", "-5m"):
        assert rules.duration_ms(text) is None, text

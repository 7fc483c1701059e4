"""OpenSLO v1 export (the ``openslo`` exporter), checked against ``openslo_rules``: the
Python oracle of the OpenSLO Go SDK's validation and the v1 JSON schema."""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from tests.export import openslo_rules as rules
from workbench.domain.slo.periods import four_week_period
from workbench.domain.slo.records import SloDefinition, SloKind
from workbench.export import openslo
from workbench.export.names import unique_slugs
from workbench.export.registry import dump_yaml_stream, export_workspace
from workbench.export.slo_interop import PREFIX, ServiceSlos, selectors
from workbench.store import adjustment_repo, repo, slo_repo
from workbench.store.db import reading, transaction

DAY = date(2026, 11, 25)
DEMO_FILES = ["delivery-tracking.yaml", "orders.yaml", "payments.yaml", "search.yaml"]


def export(engine, workspace, out: Path, today: date = DAY) -> list[Path]:
    return export_workspace(engine, workspace, out, {"openslo"}, {"openslo"}, today=today)


def load(paths: list[Path]) -> dict[str, list[dict]]:
    """Every file's documents, read the way the SDK splits a stream (which must agree)."""
    files = {}
    for path in paths:
        documents, problems = rules.stream_problems(path.name, path.read_text(encoding="utf-8"))
        assert problems == [], [str(p) for p in problems]
        files[path.name] = documents
    return files


def assert_valid(files: dict[str, list[dict]]) -> int:
    """Every document passes the oracle and the JSON schema; returns how many there were."""
    assert [str(p) for p in rules.export_problems(files)] == []
    count = 0
    for name, documents in files.items():
        for document in documents:
            assert rules.schema_problems(document) == [], (name, document["metadata"]["name"])
            count += 1
    return count


def slos_of(files: dict[str, list[dict]]) -> list[dict]:
    return [d for documents in files.values() for d in documents if d["kind"] == "SLO"]


# --- the demo --------------------------------------------------------------------------------


def test_the_demo_exports_one_valid_file_per_service(demo, tmp_path):
    engine, workspace = demo
    paths = export(engine, workspace, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        f"bharatmart/openslo/{name}" for name in DEMO_FILES]
    files = load(paths)
    assert assert_valid(files) == 10
    kinds = [d["kind"] for documents in files.values() for d in documents]
    assert kinds.count("SLO") == 6 and kinds.count("Service") == 4
    for documents in files.values():
        assert documents[0]["kind"] == "Service"
        assert {d["spec"]["service"] for d in documents[1:]} == {
            documents[0]["metadata"]["name"]}


def test_the_same_data_exports_byte_identical_files(demo, tmp_path):
    engine, workspace = demo
    first = export(engine, workspace, tmp_path / "a")
    second = export(engine, workspace, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    text = "".join(p.read_text(encoding="utf-8") for p in first)
    assert "generated" not in text and "recorded_at" not in text


def test_targets_are_exact_decimals_and_queries_as_before(demo, tmp_path):
    engine, workspace = demo
    text = {p.name: p.read_text(encoding="utf-8") for p in export(engine, workspace, tmp_path)}
    assert "    target: 0.999\n" in text["orders.yaml"]
    assert "    target: 0.95\n" in text["orders.yaml"]
    assert "    target: 0.995\n" in text["payments.yaml"]
    assert 'le="0.8"' in text["orders.yaml"]  # 800 ms as Prometheus seconds
    assert 'code!~"5..|429"' in text["payments.yaml"]


def test_ratio_counters_use_raw_counter_selectors(demo, tmp_path):
    engine, workspace = demo
    files = load(export(engine, workspace, tmp_path))
    with reading(engine) as session:
        by_name = {s.name: s for s in slo_repo.list_slos(session, workspace.id)}
    checked = 0
    for doc in slos_of(files):
        ratio = doc["spec"]["indicator"]["spec"]["ratioMetric"]
        assert ratio["counter"] is True
        slo = by_name[doc["metadata"]["displayName"]]
        expected = selectors(slo, slo.service_name)
        queries = {part: ratio[part]["metricSource"]["spec"]["query"] for part in ("good",
                                                                                "total")}
        assert queries == {"good": expected.good, "total": expected.total}
        for query in queries.values():
            # A counter flag with rate() queries would make consumers rate a rate.
            assert not re.search(r"\b(rate|irate|increase|sum)\s*\(", query), query
            assert re.fullmatch(r"[a-z_]+_(total|count|bucket)\{[^{}]*\}", query), query
        checked += 1
    assert checked == 6


def test_annotations_use_the_workbench_prefix_and_carry_the_uid(demo, tmp_path):
    engine, workspace = demo
    files = load(export(engine, workspace, tmp_path))
    with reading(engine) as session:
        uids = {x.name: x.uid for x in slo_repo.list_slos(session, workspace.id)}
    seen = {}
    for doc in slos_of(files):
        notes = doc["metadata"]["annotations"]
        assert all(k.startswith(PREFIX) for k in notes), notes
        seen[doc["metadata"]["displayName"]] = notes[f"{PREFIX}uid"]
        assert notes[f"{PREFIX}kind"] in ("availability", "latency")
        assert notes[f"{PREFIX}status"] in ("draft", "agreed", "review", "retired")
    assert seen == uids


def test_impossible_alert_tiers_are_disabled_never_live(demo, tmp_path):
    engine, workspace = demo
    files = load(export(engine, workspace, tmp_path))
    disabled = {}
    for doc in slos_of(files):
        for key, value in doc["metadata"]["annotations"].items():
            if not key.startswith(f"{PREFIX}alert-"):
                continue
            if value.startswith("disabled: "):
                disabled.setdefault(doc["metadata"]["name"], []).append(key)
                assert "can never fire" in value and "burn rate below" in value
            else:
                share = Decimal(re.search(r"bad share above ([0-9.]+)%", value).group(1))
                assert share < 100, (key, value)
    # The 90% SLOs: 14.4 x 10% = 144% can never be reached; 6 x 10% = 60% can.
    assert disabled == {"tracking-availability": [f"{PREFIX}alert-page-fast"],
                        "search-latency": [f"{PREFIX}alert-page-fast"]}


def test_maintenance_windows_and_corrections_are_annotations(demo, tmp_path):
    engine, workspace = demo
    files = load(export(engine, workspace, tmp_path))
    notes = {d["metadata"]["name"]: d["metadata"]["annotations"] for d in slos_of(files)}
    for name in ("checkout-availability", "checkout-latency", "checkout-latency-slow"):
        window = notes[name][f"{PREFIX}maintenance-1"]
        assert window.startswith("2026-11-29 01:00 Europe/London for 1 h, repeating FREQ=WEEKLY")
        assert "events left out of the budget" in window and "for service orders" in window
        assert f"{PREFIX}correction-1" not in notes[name]
    correction = notes["upi-payment-availability"][f"{PREFIX}correction-1"]
    assert correction.startswith("2026-07-03; ") and "Priya Sharma" in correction
    assert not any(k.endswith(("maintenance-1", "correction-1")) for k in notes["search-latency"])


def test_removed_adjustments_are_not_exported(demo, tmp_path):
    engine, workspace = demo
    with transaction(engine) as session:
        [window] = adjustment_repo.list_adjustments(session, workspace.id, service="orders")
        adjustment_repo.remove_adjustment(session, workspace.id, window.id, by="tester",
                                          reason="patching moved")
    export(engine, workspace, tmp_path)
    text = (tmp_path / "bharatmart/openslo/orders.yaml").read_text(encoding="utf-8")
    assert "maintenance-" not in text


# --- time windows ----------------------------------------------------------------------------


@pytest.mark.parametrize(("as_of", "start", "weeks", "valid_until"), [
    # 2026 has 53 ISO weeks: P12 is 2026-11-02..11-29, P13 2026-11-30..2027-01-03 (5 weeks).
    (date(2026, 11, 25), date(2026, 11, 2), 4, date(2026, 11, 29)),
    (date(2026, 11, 30), date(2026, 11, 30), 5, date(2027, 1, 3)),
    (date(2026, 12, 28), date(2026, 11, 30), 5, date(2027, 1, 3)),
    (date(2027, 1, 3), date(2026, 11, 30), 5, date(2027, 1, 3)),
    # From 2027 on, the next five-week P13 is 2032's (weeks 49-53 from 2032-11-29): the
    # windows are the periods up to the end of 2032 P12.
    (date(2027, 1, 4), date(2027, 1, 4), 4, date(2032, 11, 28)),
    (date(2027, 3, 10), date(2027, 3, 1), 4, date(2032, 11, 28)),
])
def test_calendar_windows_anchor_at_the_iso_period(as_of, start, weeks, valid_until):
    window = openslo.calendar_window(as_of)
    assert (window.start, window.weeks, window.valid_until) == (start, weeks, valid_until)
    assert window.duration == f"{weeks}w"


def _file_window(anchor: date, weeks: int, day: date) -> tuple[date, date]:
    """The window a consumer computes for ``day`` from a repeating calendar window."""
    length = weeks * 7
    start = anchor + timedelta(days=(day - anchor).days // length * length)
    return start, start + timedelta(days=length - 1)


@pytest.mark.parametrize("as_of", [date(2025, 12, 1) + timedelta(days=n)
                                   for n in range(0, 7 * 370, 53)])
def test_valid_until_is_the_last_day_the_windows_follow_the_periods(as_of):
    """Up to ``valid_until`` every day's window is its ISO period (same first and last
    day); the day after, the window and the period differ."""
    window = openslo.calendar_window(as_of)
    period = four_week_period(as_of)
    assert window.start == period.start and as_of <= window.valid_until
    for n in range((window.valid_until - window.start).days + 1):
        day = window.start + timedelta(days=n)
        period = four_week_period(day)
        assert _file_window(window.start, window.weeks, day) == (period.start, period.end), day
    after = window.valid_until + timedelta(days=1)
    following = four_week_period(after)
    assert _file_window(window.start, window.weeks, after) != (following.start, following.end)


@pytest.mark.parametrize(("as_of", "start", "duration", "valid_until"), [
    (date(2026, 11, 25), "2026-11-02 00:00:00", "4w", "2026-11-29"),
    (date(2026, 12, 28), "2026-11-30 00:00:00", "5w", "2027-01-03"),
    (date(2027, 3, 10), "2027-03-01 00:00:00", "4w", "2032-11-28"),
])
def test_exported_windows_follow_the_export_day(demo, tmp_path, as_of, start, duration,
                                                valid_until):
    engine, workspace = demo
    files = load(export(engine, workspace, tmp_path, today=as_of))
    assert_valid(files)
    rolling = set()
    for doc in slos_of(files):
        [window] = doc["spec"]["timeWindow"]
        notes = doc["metadata"]["annotations"]
        if window.get("isRolling"):
            rolling.add(doc["metadata"]["name"])
            assert window == {"duration": "28d", "isRolling": True}
            assert notes[f"{PREFIX}period"] == "rolling-28-days"
            assert f"{PREFIX}valid-until" not in notes
            continue
        assert window == {"duration": duration, "isRolling": False,
                          "calendar": {"startTime": start, "timeZone": "Etc/UTC"}}
        assert notes[f"{PREFIX}period"] == "iso-4-week"
        assert notes[f"{PREFIX}valid-until"] == valid_until
    assert rolling == {"search-latency", "tracking-availability"}  # the demo's 28d SLOs


# --- awkward names ---------------------------------------------------------------------------

LONG = "Checkout " + "very " * 14 + "long"  # 84 characters: over the store's 80


@pytest.fixture
def awkward(engine):
    long_service = ("Payments " + "x" * 80)[:80]
    long_slo = ("Availability of the " + "y" * 80)[:80]
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Awkward")
        for name, description in (("支付", "中文服务"), ("Оплата", ""), ("🚀🔥", ""),
                                  ("Pay Ment", ""), ("pay-ment", ""),
                                  (long_service, "d" * 2000), ("slo", "")):
            repo.add_service(s, ws.id, name, description=description)
        slo_repo.save_slo(s, ws.id, "支付 可用性", target="99.9", service="支付")
        slo_repo.save_slo(s, ws.id, "Доступность оплаты", target="99", service="Оплата")
        slo_repo.save_slo(s, ws.id, "🚀", target="99", service="🚀🔥")
        slo_repo.save_slo(s, ws.id, "🔥🔥", target="99", service="🚀🔥", period="28d")
        slo_repo.save_slo(s, ws.id, "A b", target="99", service="Pay Ment")
        slo_repo.save_slo(s, ws.id, "a-b", target="99", service="pay-ment")
        slo_repo.save_slo(s, ws.id, long_slo, target="90", service=long_service,
                          description="e" * 1500)
        slo_repo.save_slo(s, ws.id, long_slo[:-1] + "z", target="99.99999",
                          service=long_service, kind="latency", threshold_ms="250")
        slo_repo.save_slo(s, ws.id, "a-b-sli", target="99", service="slo")
        slo_repo.save_slo(s, ws.id, "loose", target="99")
    return ws, long_service, long_slo


def test_awkward_names_pass_the_oracle_and_stay_unique(engine, tmp_path, awkward):
    ws, long_service, long_slo = awkward
    files = load(export(engine, ws, tmp_path))
    count = assert_valid(files)
    assert count == 7 + 1 + 10  # seven services, "unassigned", ten SLOs
    service_slug = unique_slugs([long_service], max_length=63)[0]
    assert sorted(files) == sorted(["zhifu.yaml", "oplata.yaml", "service.yaml",
                                    "pay-ment.yaml", "pay-ment-2.yaml", f"{service_slug}.yaml",
                                    "slo.yaml", "unassigned.yaml"])
    docs = [d for documents in files.values() for d in documents]
    names = {(d["metadata"]["displayName"], d["kind"]): d["metadata"]["name"] for d in docs}
    assert names[("支付", "Service")] == "zhifu"
    assert names[("Оплата", "Service")] == "oplata"
    assert names[("🚀🔥", "Service")] == "service"
    assert names[("支付 可用性", "SLO")] == "zhifu-keyongxing"
    assert names[("Доступность оплаты", "SLO")] == "dostupnost-oplaty"
    assert {names[("🚀", "SLO")], names[("🔥🔥", "SLO")]} == {"slo", "slo-2"}
    assert {names[("A b", "SLO")], names[("a-b", "SLO")]} == {"a-b", "a-b-2"}
    slis = [d["spec"]["indicator"]["metadata"]["name"] for d in docs if d["kind"] == "SLO"]
    assert len(set(slis)) == len(slis) == 10
    assert all(len(n) <= 63 for n in slis)
    long_docs = [d for d in docs if d["kind"] == "SLO" and d["metadata"]["name"].startswith(
        "availability-of-the-")]
    assert len(long_docs) == 2
    assert len({d["metadata"]["name"] for d in long_docs}) == 2
    for doc in long_docs:
        name, shown = doc["metadata"]["name"], doc["metadata"]["displayName"]
        assert len(name) <= 63 and re.search(r"-[0-9a-f]{8}$", name), name
        assert len(shown) == 63 and re.search(r"… [0-9a-f]{8}$", shown), shown
        assert doc["metadata"]["annotations"][f"{PREFIX}full-name"].startswith(long_slo[:-1])
    [first] = [d for d in long_docs if d["spec"]["description"].startswith("eee")]
    assert len(first["spec"]["description"]) == 1050
    [service] = [d for d in docs if d["kind"] == "Service" and d["metadata"]["name"] ==
                 service_slug]
    assert len(service["spec"]["description"]) == 1050
    assert service["metadata"]["annotations"] == {f"{PREFIX}full-name": long_service}


def test_two_hundred_character_names_are_bounded_in_pure_rendering():
    """The store keeps names to 80 characters; the renderer copes with any length."""
    base = "Über-long ✨ name " + "ž" * 200
    slos = [SloDefinition(id=i, name=f"{base}{i}", kind=SloKind.AVAILABILITY,
                          target=Decimal("99.95"), description="d" * 5000, uid=f"u{i}")
            for i in (1, 2)]
    slos.append(SloDefinition(id=3, name="x" * 59, kind=SloKind.LATENCY,
                              target=Decimal("95"), threshold_ms=Decimal("300")))
    slos.append(SloDefinition(id=4, name="x" * 59 + "-sli", kind=SloKind.AVAILABILITY,
                              target=Decimal("99")))
    service = "支付服务 " * 50
    slug = unique_slugs([service], fallback="service", max_length=63)[0]
    group = ServiceSlos(name=service, slug=slug, description="s" * 4000, slos=slos)
    [(file_slug, text)] = openslo.render_export([group], DAY)
    assert file_slug == slug and len(slug) <= 63
    documents = list(yaml.safe_load_all(text))
    assert assert_valid({f"{slug}.yaml": documents}) == 5
    slo_names = [d["metadata"]["name"] for d in documents[1:]]
    sli_names = [d["spec"]["indicator"]["metadata"]["name"] for d in documents[1:]]
    assert len(set(slo_names)) == 4 and len(set(sli_names)) == 4
    assert slo_names[0].startswith("uber-long-name-zzz") and len(slo_names[0]) == 63
    assert sli_names[2] != sli_names[3]  # "x"*59 + "-sli" vs the SLO already named so
    assert documents[1]["spec"]["description"].endswith(
        "… " + openslo.short_hash("d" * 5000))
    assert openslo.render_export([group], DAY) == [(file_slug, text)]  # stable hashes


def test_shorten_keeps_short_text_and_cuts_long_text_with_a_stable_hash():
    assert openslo.shorten("checkout", 63) == "checkout"
    cut = openslo.shorten("a" * 64, 63)
    assert len(cut) == 63 and cut.endswith("… " + openslo.short_hash("a" * 64))
    assert openslo.shorten("a" * 64, 63) != openslo.shorten("a" * 65, 63)


# --- the oracle can fail ---------------------------------------------------------------------


def _base() -> tuple[dict, dict]:
    slo = SloDefinition(id=1, name="checkout availability", kind=SloKind.AVAILABILITY,
                        target=Decimal("99.9"), uid="abc")
    document = openslo.slo_document(slo, "checkout", DAY, service_name="checkout",
                                    name="checkout-availability",
                                    sli_name="checkout-availability-sli")
    service = openslo.service_document("checkout", "Takes orders", "checkout")
    # Through YAML and back, as the tests read files.
    return tuple(yaml.safe_load(dump_yaml_stream([d]).removeprefix("---\n"))
                 for d in (service, document))


def _sli(doc: dict) -> dict:
    return doc["spec"]["indicator"]["spec"]


def _ratio(doc: dict) -> dict:
    return _sli(doc)["ratioMetric"]


def _window(doc: dict) -> dict:
    return doc["spec"]["timeWindow"][0]


def _objective(doc: dict) -> dict:
    return doc["spec"]["objectives"][0]


def _threshold(doc: dict) -> None:
    _sli(doc)["thresholdMetric"] = _sli(doc).pop("ratioMetric")["total"]


def _reference(doc: dict, name: str) -> None:
    del doc["spec"]["indicator"]
    doc["spec"]["indicatorRef"] = name


def _composite(doc: dict, weight: float) -> None:
    """The SLI moved into the objective: a composite SLO of one objective."""
    _objective(doc).update(indicator=doc["spec"].pop("indicator"), compositeWeight=weight)


def _raw(doc: dict) -> None:
    ratio = _ratio(doc)
    ratio["raw"] = ratio.pop("total")
    del ratio["good"]
    ratio["rawType"] = "ok"


SPLIT_TEXT = ('---\napiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: a\n'
              'spec:\n  description: "one\n---two"\n')

# rule -> a change that breaks it (on the SLO document unless the name says otherwise).
BREAK = {
    "decode.unknown-field": lambda d: d["spec"].update(window="4w"),
    "decode.type": lambda d: _ratio(d).update(counter="true"),
    "object.api-version": lambda d: d.update(apiVersion="openslo/v1alpha"),
    "object.kind": lambda d: d.update(kind="SLI"),
    "object.spec": lambda d: d.pop("spec"),
    "metadata.required": lambda d: d["metadata"].pop("name"),
    "metadata.name": lambda d: d["metadata"].update(name="Checkout_Availability"),
    "metadata.display-name": lambda d: d["metadata"].update(displayName="x" * 64),
    "metadata.label-key": lambda d: d["metadata"].update(labels={PREFIX + "team": "a"}),
    "metadata.label-value": lambda d: d["metadata"].update(labels={"team": "a b"}),
    "metadata.annotation-key-length": lambda d: d["metadata"]["annotations"].update(
        {"a" * 254 + "/kind": "x"}),
    "metadata.annotation-key": lambda d: d["metadata"]["annotations"].update(
        {"Sre-Workbench.dev/kind": "x"}),
    "metadata.annotation-size": lambda d: d["metadata"]["annotations"].update(
        {PREFIX + "story": "s" * (256 * 1024)}),
    "spec.description": lambda d: d["spec"].update(description="d" * 1051),
    "slo.service": lambda d: d["spec"].update(service=""),
    "slo.indicator": lambda d: d["spec"].update(indicatorRef="checkout-sli"),
    "slo.indicator-ref": lambda d: _reference(d, "Checkout SLI"),
    "slo.budgeting-method": lambda d: d["spec"].update(budgetingMethod="occurrences"),
    "slo.time-window-count": lambda d: d["spec"]["timeWindow"].append(
        {"duration": "28d", "isRolling": True}),
    "slo.time-window-kind": lambda d: _window(d).update(isRolling=True),
    "slo.duration": lambda d: _window(d).update(duration="4 weeks"),
    "slo.calendar-start": lambda d: _window(d)["calendar"].update(
        startTime="2026-02-30 00:00:00"),
    "slo.calendar-zone": lambda d: _window(d)["calendar"].update(timeZone="Mars/Olympus"),
    "slo.objectives": lambda d: d["spec"].update(objectives=[]),
    "objective.target": lambda d: _objective(d).update(target=1.0),
    "objective.ratio-op-value": lambda d: _objective(d).update(op="gte"),
    "objective.threshold-op-value": _threshold,
    "objective.time-slices": lambda d: d["spec"].update(budgetingMethod="Timeslices"),
    "objective.composite-weight": lambda d: _composite(d, weight=0),
    "sli.metric": lambda d: _sli(d).update(thresholdMetric=_ratio(d)["total"]),
    "sli.ratio-total-raw": lambda d: _ratio(d).pop("total"),
    "sli.ratio-good-bad": lambda d: _ratio(d).update(bad=_ratio(d)["good"]),
    "sli.raw-type": _raw,
    "sli.metric-source": lambda d: _ratio(d)["good"]["metricSource"].update(spec={}),
    "oracle.unmodelled": lambda d: d["spec"].update(alertPolicies=[{"alertPolicyRef": "x"}]),
}


def test_the_base_documents_pass():
    service, slo = _base()
    assert rules.export_problems({"a.yaml": [service, slo]}) == []
    assert rules.schema_problems(service) == rules.schema_problems(slo) == []
    _composite(slo, weight=1)  # a valid composite: the weight rule alone can fail it
    assert rules.document_problems(slo) == []


@pytest.mark.parametrize("rule", sorted(BREAK))
def test_the_oracle_fails_each_rule(rule):
    service, slo = _base()
    BREAK[rule](slo)
    broken = rules.rules_broken(rules.export_problems({"a.yaml": [service, slo]}))
    assert rule in broken, broken


def test_the_oracle_fails_the_export_and_stream_rules():
    service, slo = _base()
    twin = copy.deepcopy(slo)
    twin["spec"]["indicator"]["metadata"]["name"] = "other-sli"
    found = rules.export_problems({"a.yaml": [service, slo], "b.yaml": [twin]})
    assert rules.rules_broken(found) == {"export.unique-name"}
    assert rules.rules_broken(rules.export_problems({"a.yaml": [slo]})) == {
        "export.service-ref"}
    _, problems = rules.stream_problems("a.yaml", SPLIT_TEXT)
    assert rules.rules_broken(problems) == {"stream.split"}


def test_every_rule_has_a_failing_case():
    assert set(BREAK) | {"export.unique-name", "export.service-ref", "stream.split"} == set(
        rules.RULES)


@pytest.mark.parametrize(("change", "value"), [
    ("duration", "0w"), ("duration", "+4w"), ("start", "2026-11-02 00:00:00.5"),
    ("zone", "Local"), ("zone", ""), ("target", -0.1), ("percent", 100),
])
def test_the_oracle_refuses_edge_values(change, value):
    service, slo = _base()
    if change == "duration":
        _window(slo)["duration"] = value
    elif change == "start":
        _window(slo)["calendar"]["startTime"] = value
    elif change == "zone":
        _window(slo)["calendar"]["timeZone"] = value
    elif change == "target":
        _objective(slo)["target"] = value
    else:
        _objective(slo).pop("target")
        _objective(slo)["targetPercent"] = value
    assert rules.export_problems({"a.yaml": [service, slo]}) != []


@pytest.mark.parametrize("change", [
    lambda d: d["metadata"].update(name="Bad Name"),
    lambda d: _objective(d).update(target=1),
    lambda d: _window(d)["calendar"].update(timeZone="UTC"),
    lambda d: _window(d).update(duration="0w"),
    lambda d: d.update(kind="Widget"),
    lambda d: d["spec"].pop("objectives"),
    # The old export's keys: a prefix without a dot is no DNS subdomain to the schema.
    lambda d: d["metadata"]["annotations"].update({"workbench/kind": "availability"}),
])
def test_the_schema_can_fail(change):
    _, slo = _base()
    change(slo)
    assert rules.schema_problems(slo) != []

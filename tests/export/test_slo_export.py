"""SLO exports: OpenSLO v1 field names, Markdown per service, native YAML round trip."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
import yaml
from markdown_it import MarkdownIt

from workbench.domain.slo.document import read_document
from workbench.export import export_workspace
from workbench.export.openslo import export_openslo, render_service
from workbench.store import persona_repo, repo, slo_repo, story_map_repo
from workbench.store.db import reading, transaction
from workbench.store.demo import create_demo
from workbench.store.demo_slo import DEMO_DAYS

DEMO_DATE = "2026-11-25"


@pytest.fixture
def slo_demo(engine, monkeypatch):
    with transaction(engine) as session:
        workspace, _ = create_demo(session, date.fromisoformat(DEMO_DATE))
    return engine, workspace


# Field names of OpenSLO v1 (github.com/OpenSLO/OpenSLO, README "v1"): what each object may
# hold. The test fails if an export uses a name the spec does not define.
V1_TOP = {"apiVersion", "kind", "metadata", "spec"}
V1_METADATA = {"name", "displayName", "labels", "annotations"}
V1_SERVICE_SPEC = {"description"}
V1_SLO_SPEC = {"description", "service", "indicator", "indicatorRef", "timeWindow",
               "budgetingMethod", "objectives", "alertPolicies"}
V1_SLI_SPEC = {"description", "thresholdMetric", "ratioMetric"}
V1_RATIO = {"counter", "good", "bad", "total", "rawType", "raw"}
V1_METRIC = {"metricSource"}
V1_METRIC_SOURCE = {"metricSourceRef", "type", "spec"}
V1_TIME_WINDOW = {"duration", "isRolling", "calendar"}
V1_CALENDAR = {"startTime", "timeZone"}
V1_OBJECTIVE = {"displayName", "op", "value", "target", "targetPercent", "timeSliceTarget",
                "timeSliceWindow", "indicator", "indicatorRef", "compositeWeight"}
V1_BUDGETING = {"Occurrences", "Timeslices", "RatioTimeslices"}
DNS_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")


def check_metadata(metadata: dict) -> None:
    assert set(metadata) <= V1_METADATA
    assert DNS_LABEL.fullmatch(metadata["name"]), metadata["name"]
    assert all(isinstance(v, str) for v in metadata.get("annotations", {}).values())


def check_slo(doc: dict, services: set[str]) -> None:
    assert set(doc) == V1_TOP and doc["apiVersion"] == "openslo/v1" and doc["kind"] == "SLO"
    check_metadata(doc["metadata"])
    spec = doc["spec"]
    assert set(spec) <= V1_SLO_SPEC
    assert {"service", "indicator", "timeWindow", "budgetingMethod", "objectives"} <= set(spec)
    assert spec["service"] in services
    assert spec["budgetingMethod"] == "Occurrences" and spec["budgetingMethod"] in V1_BUDGETING
    indicator = spec["indicator"]
    assert set(indicator) == {"metadata", "spec"}
    check_metadata(indicator["metadata"])
    assert set(indicator["spec"]) <= V1_SLI_SPEC
    ratio = indicator["spec"]["ratioMetric"]
    assert set(ratio) <= V1_RATIO and ratio["counter"] is True
    for part in ("good", "total"):
        assert set(ratio[part]) == V1_METRIC
        assert set(ratio[part]["metricSource"]) <= V1_METRIC_SOURCE
        assert ratio[part]["metricSource"]["type"]
    [window] = spec["timeWindow"]
    assert set(window) <= V1_TIME_WINDOW and re.fullmatch(r"\d+[mhdwMQY]", window["duration"])
    if "calendar" in window:
        assert set(window["calendar"]) <= V1_CALENDAR and window["isRolling"] is False
    for objective in spec["objectives"]:
        assert set(objective) <= V1_OBJECTIVE
        assert isinstance(objective["target"], float) and 0 < objective["target"] < 1


def test_openslo_uses_v1_field_names(slo_demo, tmp_path):
    engine, workspace = slo_demo
    paths = export_openslo(engine, workspace, tmp_path, date(2026, 11, 25))
    assert [p.name for p in paths] == ["delivery-tracking.yaml", "orders.yaml",
                                       "payments.yaml", "search.yaml"]
    kinds = []
    for path in paths:
        docs = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        service = docs[0]
        assert set(service) == V1_TOP and service["kind"] == "Service"
        assert service["apiVersion"] == "openslo/v1"
        check_metadata(service["metadata"])
        assert set(service["spec"]) <= V1_SERVICE_SPEC
        for doc in docs[1:]:
            check_slo(doc, {service["metadata"]["name"]})
        kinds += [d["kind"] for d in docs]
    assert kinds.count("SLO") == 6 and kinds.count("Service") == 4


def test_openslo_targets_are_exact_decimals(slo_demo, tmp_path):
    engine, workspace = slo_demo
    paths = export_openslo(engine, workspace, tmp_path, date(2026, 11, 25))
    text = {p.name: p.read_text(encoding="utf-8") for p in paths}
    assert "    target: 0.999\n" in text["orders.yaml"]
    assert "    target: 0.95\n" in text["orders.yaml"]
    assert "    target: 0.995\n" in text["payments.yaml"]
    assert 'le="0.8"' in text["orders.yaml"]  # 800 ms as Prometheus seconds
    assert 'code!~"5..|429"' in text["payments.yaml"]
    assert "duration: 28d\n    isRolling: true" in text["search.yaml"]
    assert "startTime: '2025-12-29 00:00:00'" in text["orders.yaml"]  # ISO week 1 of 2026


# Kubernetes annotation keys: an optional DNS-subdomain prefix and "/", then a name of at most
# 63 characters: alphanumerics at both ends, "-", "_" and "." between.
ANNOTATION_KEY = re.compile(
    r"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
    r"[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?")


def test_openslo_carries_the_uid_as_an_annotation(slo_demo, tmp_path):
    engine, workspace = slo_demo
    paths = export_openslo(engine, workspace, tmp_path, date(2026, 11, 25))
    with reading(engine) as s:
        uids = {x.name: x.uid for x in slo_repo.list_slos(s, workspace.id)}
    seen = {}
    for path in paths:
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            for key in doc["metadata"].get("annotations", {}):
                assert ANNOTATION_KEY.fullmatch(key), key
            if doc["kind"] == "SLO":
                seen[doc["metadata"]["displayName"]] = doc["metadata"]["annotations"][
                    "workbench/uid"]
    assert seen == uids


def test_openslo_for_awkward_names_and_targets():
    from workbench.domain.slo.records import SloDefinition, SloKind

    slo = SloDefinition(id=1, name="Zahlungen Über *alles* 99.99", kind=SloKind.AVAILABILITY,
                        target=Decimal("99.99999"), service_name="Bezahl Dienst")
    docs = list(yaml.safe_load_all(render_service("Bezahl Dienst", "", [slo],
                                                  date(2026, 1, 5))))
    assert docs[0]["metadata"] == {"name": "bezahl-dienst", "displayName": "Bezahl Dienst"}
    check_slo(docs[1], {"bezahl-dienst"})
    assert docs[1]["metadata"]["name"] == "zahlungen-uber-alles-99-99"
    assert "target: 0.9999999\n" in render_service("x", "", [slo], date(2026, 1, 5))


def files_under(folder):
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _export_yaml(engine, workspace, folder):
    [path] = export_workspace(engine, workspace, folder, {"yaml"}, {"slos"})
    return path.read_text(encoding="utf-8")


def _import(engine, workspace_id, text):
    with transaction(engine) as s:
        return slo_repo.import_document(s, workspace_id, read_document(text, "slos.yaml"))


def test_native_yaml_round_trips_into_another_database(slo_demo, tmp_path):
    from workbench.store.session import open_database

    engine, workspace = slo_demo
    first = _export_yaml(engine, workspace, tmp_path / "a")
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}", remember=False).engine
    with transaction(other) as s:
        empty = repo.create_workspace(s, "Empty")
    summary = _import(other, empty.id, first)
    assert (summary.personas, summary.story_maps, summary.slos, summary.counts) == (
        3, 1, 6, 6 * DEMO_DAYS)
    assert "orders" in summary.created_services and "Checkout" in summary.created_teams
    assert summary.warnings == ["search-latency: target 90% is tighter than the 88.5% the "
                                "service achieved historically; start at or below 88.5% and "
                                "tighten once the service does better"]
    # every SLO keeps its uid in the other database, so the export is the same text
    assert _export_yaml(other, empty, tmp_path / "b") == first
    # and the Markdown SLO documents agree too (apart from service ownership lines)
    export_workspace(engine, workspace, tmp_path / "c", {"md"}, {"slos"})
    export_workspace(other, empty, tmp_path / "d", {"md"}, {"slos"})
    left = files_under(tmp_path / "c" / "bharatmart")
    right = files_under(tmp_path / "d" / "empty")
    assert sorted(left) == sorted(right)
    for name in left:
        strip = [ln for ln in left[name].splitlines() if not ln.startswith(("Owning", "# "))]
        assert strip == [ln for ln in right[name].splitlines()
                         if not ln.startswith(("Owning", "# "))]
    other.dispose()


def test_a_copy_in_another_workspace_of_the_same_database_gets_new_uids(slo_demo, tmp_path):
    engine, workspace = slo_demo
    first = _export_yaml(engine, workspace, tmp_path / "a")
    with transaction(engine) as s:
        empty = repo.create_workspace(s, "Empty")
    summary = _import(engine, empty.id, first)
    assert sum("belongs to an SLO of another workspace" in w for w in summary.warnings) == 6
    second = _export_yaml(engine, empty, tmp_path / "b")
    uids = re.compile(r"^  uid: .*$", re.MULTILINE)
    assert uids.sub("", second) == uids.sub("", first)
    assert not set(uids.findall(second)) & set(uids.findall(first))


def test_import_finds_an_slo_by_uid_and_renames_it(slo_demo, tmp_path):
    engine, workspace = slo_demo
    text = _export_yaml(engine, workspace, tmp_path)
    with reading(engine) as s:
        before = slo_repo.get_slo(s, workspace.id, "checkout-availability")
        counts = slo_repo.list_counts(s, before.id)
    renamed = text.replace("- name: checkout-availability\n", "- name: orders-availability\n")
    assert renamed != text
    summary = _import(engine, workspace.id, renamed)
    assert summary.slos == 6
    with reading(engine) as s:
        names = [x.name for x in slo_repo.list_slos(s, workspace.id)]
        after = slo_repo.get_slo(s, workspace.id, before.uid)
        history = repo.history(s, workspace.id, "slo", str(before.id))
        assert slo_repo.list_counts(s, after.id) == counts
    assert "checkout-availability" not in names and len(names) == 6
    assert (after.id, after.name) == (before.id, "orders-availability")
    assert "imported; renamed from checkout-availability" in history[-2].summary
    assert history[-1].summary == "imported as agreed"  # the file says it is agreed


def test_importing_an_unchanged_file_records_no_revision(slo_demo, tmp_path):
    engine, workspace = slo_demo
    text = _export_yaml(engine, workspace, tmp_path)
    with reading(engine) as s:
        slos = slo_repo.list_slos(s, workspace.id)
        before = {x.id: len(repo.history(s, workspace.id, "slo", str(x.id))) for x in slos}
    _import(engine, workspace.id, text)
    with reading(engine) as s:
        after = {x.id: len(repo.history(s, workspace.id, "slo", str(x.id))) for x in slos}
        statuses = {x.name: x.status.value for x in slo_repo.list_slos(s, workspace.id)}
    assert after == before
    assert statuses["checkout-availability"] == "agreed"


def test_importing_twice_updates_instead_of_duplicating(slo_demo, tmp_path):
    engine, workspace = slo_demo
    [path] = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"slos"})
    doc = read_document(path.read_text(encoding="utf-8"), "x")
    with transaction(engine) as s:
        slo_repo.import_document(s, workspace.id, doc)
    [again] = export_workspace(engine, workspace, tmp_path / "2", {"yaml"}, {"slos"})
    assert again.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_markdown_per_service_follows_story_sli_slo_budget_alerts(slo_demo, tmp_path):
    engine, workspace = slo_demo
    paths = export_workspace(engine, workspace, tmp_path, {"md"}, {"slos"})
    names = [p.relative_to(tmp_path.resolve()).as_posix() for p in paths]
    assert names == ["bharatmart/story-maps.md", "bharatmart/slos/delivery-tracking.md",
                     "bharatmart/slos/orders.md", "bharatmart/slos/payments.md",
                     "bharatmart/slos/search.md"]
    orders = (tmp_path / "bharatmart/slos/orders.md").read_text(encoding="utf-8")
    section = orders.split("## checkout-availability")[1].split("\n## ")[0]
    marks = ["**Story:** Place the order", "**SLI:**", "**SLO:** 99.9% available",
             "### Error budget, 2026-11-02 to 2026-11-29",
             "| Allowed bad events (period) |", "### Alert thresholds", "| page-fast |"]
    positions = [section.index(m) for m in marks]
    assert positions == sorted(positions)
    assert "(as of 2026-11-25)" in section  # the last day with counts
    payments = (tmp_path / "bharatmart/slos/payments.md").read_text(encoding="utf-8")
    assert "| Runs out before period end | yes |" in payments
    search = (tmp_path / "bharatmart/slos/search.md").read_text(encoding="utf-8")
    assert "**Warning:** target 90% is tighter than the 88.5%" in search
    with reading(engine) as s:
        uid = slo_repo.get_slo(s, workspace.id, "checkout-availability").uid
    assert f"- **SLO id:** {uid} (stays when the SLO is renamed)" in section


def test_markdown_escapes_user_text(engine, tmp_path):
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Evil")
        repo.add_service(s, ws.id, "svc|<b>x</b>")
        persona_repo.add_persona(s, ws.id, "[x](http://evil) | *p*", goal="<script>x</script>")
        m = story_map_repo.add_story_map(s, ws.id, "Map | <i>m</i>")
        a = story_map_repo.add_activity(s, m.id, "# act")
        t = story_map_repo.add_task(s, a.id, "`task`")
        story = story_map_repo.add_story(s, t.id, "*story* | [l](u)", critical=True)
        slo_repo.save_slo(s, ws.id, "slo|*x*", target="99", service="svc|<b>x</b>",
                          story_id=story.id, description="<img src=x> | y")
    paths = export_workspace(engine, ws, tmp_path, {"md"}, {"slos"})
    md = MarkdownIt("commonmark", {"html": True}).enable(["table"])
    for path in paths:
        html = md.render(path.read_text(encoding="utf-8"))
        assert "<script>" not in html and "<b>" not in html and "<img" not in html
        assert "<a " not in html and "<i>" not in html and "<code>" not in html
        assert "<em>" not in html.replace("<em>No counts in this period yet.</em>", "")
    personas = md.parse((tmp_path / "evil/story-maps.md").read_text(encoding="utf-8"))
    cells = [t.content for t in personas if t.type == "inline"]
    assert "[x](http://evil) | *p*" in [c.replace("\\", "") for c in cells]


def test_export_as_of_generated_date_is_deterministic(slo_demo, tmp_path):
    engine, workspace = slo_demo
    export_workspace(engine, workspace, tmp_path / "a", {"md", "yaml"}, {"slos"})
    export_workspace(engine, workspace, tmp_path / "b", {"md", "yaml"}, {"slos"})
    assert files_under(tmp_path / "a") == files_under(tmp_path / "b")
    with reading(engine) as s:
        assert slo_repo.list_slos(s, workspace.id)


def test_openslo_names_stay_unique_when_slugs_collide(engine, tmp_path):
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Clash")
        repo.add_service(s, ws.id, "Pay Ment")
        repo.add_service(s, ws.id, "pay-ment")
        slo_repo.save_slo(s, ws.id, "A b", target="99", service="Pay Ment")
        slo_repo.save_slo(s, ws.id, "a-b", target="99", service="pay-ment")
        slo_repo.save_slo(s, ws.id, "loose", target="99")
    paths = export_openslo(engine, ws, tmp_path, date(2026, 11, 25))
    assert [p.name for p in paths] == ["pay-ment.yaml", "pay-ment-2.yaml", "unassigned.yaml"]
    docs = [d for p in paths for d in yaml.safe_load_all(p.read_text(encoding="utf-8"))]
    services = [d["metadata"]["name"] for d in docs if d["kind"] == "Service"]
    slos = [d for d in docs if d["kind"] == "SLO"]
    assert services == ["pay-ment", "pay-ment-2", "unassigned"]
    assert sorted(d["metadata"]["name"] for d in slos) == ["a-b", "a-b-2", "loose"]
    for doc in slos:
        check_slo(doc, set(services))

"""The native SLO document: every problem reported with file, line and key path."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import yaml

from workbench.domain.slo.document import (
    SloDocumentError,
    parse_count_line,
    parse_endpoint,
    read_document,
)
from workbench.domain.slo.records import DailyCount

GOOD = """\
kind: workbench/slos
version: 1
personas:
- name: Priya
  team: Checkout
  needs: availability
story_maps:
- title: Checkout
  release_slices: [MVP]
  activities:
  - title: Pay
    tasks:
    - title: Place order
      stories:
      - title: Place the order
        critical: true
        release_slice: MVP
        persona: Priya
        endpoints: [orders POST /orders]
slos:
- name: checkout-availability
  service: orders
  story: {map: Checkout, title: Place the order}
  target: 99.9
  historical_attainment: 99.95
  counts: ['2026-11-02,99900,100']
- name: checkout-latency
  kind: latency
  target: '95'
  threshold_ms: 800
"""


def test_reads_a_valid_document_with_exact_numbers():
    doc = read_document(GOOD, "slos.yaml")
    first, second = doc["slos"]
    assert first["target"] == Decimal("99.9") and isinstance(first["target"], Decimal)
    assert first["historical_attainment"] == Decimal("99.95")
    assert first["story"] == ("Checkout", "Place the order")
    assert first["counts"] == [DailyCount(date(2026, 11, 2), 99900, 100)]
    assert first["period"] == "4w" and first["bad_status"] == "5xx"
    assert second["threshold_ms"] == Decimal(800)
    story = doc["story_maps"][0]["activities"][0]["tasks"][0]["stories"][0]
    assert story["endpoints"] == [("orders", "POST", "/orders")]
    assert story["critical"] is True


BAD = """\
kind: workbench/slos
version: 1
personas:
- name: Priya
  needs: speed
story_maps:
- title: Checkout
  activities:
  - title: Pay
    tasks:
    - title: Place order
      stories:
      - title: Place the order
        release_slice: Later
        persona: Nobody
        endpoints: [just-a-name]
slos:
- name: a
  target: 100
  colour: blue
  story: {map: Checkout, title: Missing}
  counts: ['2026-13-01,1,1', '2026-11-02,-1,0']
- name: A
  kind: latency
  target: 95
"""


def test_reports_every_problem_with_line_and_key_path():
    with pytest.raises(SloDocumentError) as caught:
        read_document(BAD, "team.yaml")
    lines = caught.value.lines()
    text = "\n".join(lines)
    expected = [
        "team.yaml:5: personas[0].needs",
        "team.yaml:14: story_maps[0].activities[0].tasks[0].stories[0].release_slice",
        "team.yaml:15: story_maps[0].activities[0].tasks[0].stories[0].persona",
        "story_maps[0].activities[0].tasks[0].stories[0].endpoints[0]",
        "team.yaml:19: slos[0].target",
        "team.yaml:20: slos[0].colour: unknown key",
        "slos[0].story.title",
        "slos[0].counts[0]",
        "slos[0].counts[1]",
        "team.yaml:23: slos[1].name",
        "slos[1].threshold_ms",
    ]
    for fragment in expected:
        assert fragment in text, f"{fragment!r} missing from:\n{text}"
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{len(lines)} problems, nothing imported: ")
    assert all("; " in line or "use" in line or "add" in line for line in lines)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("kind: workbench/slos\nversion: 1\nslos: [\n", "not valid YAML"),
        ("", "(document): must be a mapping"),
        ("- 1\n", "(document): must be a mapping"),
        ("kind: other\nversion: 2\n", "version 2 is not supported"),
        ("kind: workbench/slos\nversion: 1\nslos: {}\n", "slos: must be a list"),
        ("kind: workbench/slos\nversion: 1\nslos:\n- name: a\n  name: b\n  target: 9\n",
         "appears twice"),
        ("kind: workbench/slos\nversion: 1\nslos:\n- target: 9\n", "slos[0].name: is required"),
    ],
)
def test_structural_problems(text, fragment):
    with pytest.raises(SloDocumentError) as caught:
        read_document(text, "f.yaml")
    assert fragment in str(caught.value)


def test_never_constructs_python_objects():
    with pytest.raises(SloDocumentError):
        read_document("kind: !!python/object/apply:os.system ['echo hi']\nversion: 1\n", "x")


def test_endpoint_and_count_lines():
    assert parse_endpoint("orders /orders") == ("orders", "", "/orders")
    assert parse_endpoint("orders get /orders") == ("orders", "GET", "/orders")
    with pytest.raises(ValueError):
        parse_endpoint("orders")
    assert parse_count_line("2026-11-02, 5, 0") == DailyCount(date(2026, 11, 2), 5, 0)
    for bad in ("2026-11-02,5", "x,1,1", "2026-11-02,1.5,0", 5):
        with pytest.raises(ValueError):
            parse_count_line(bad)


def test_yaml_dump_of_decimal_strings_reads_back_exactly():
    text = yaml.safe_dump({"kind": "workbench/slos", "version": 1,
                           "slos": [{"name": "x", "target": "99.95"}]})
    assert read_document(text, "x")["slos"][0]["target"] == Decimal("99.95")


UIDS = """\
kind: workbench/slos
version: 1
slos:
- name: a
  uid: 0E98-15AB
  target: 99
- name: b
  target: 99
- name: c
  uid: 0e98-15ab
  target: 99
- name: d
  uid: not an id
  target: 99
"""


def test_uids_are_optional_normalised_and_unique_in_a_file():
    with pytest.raises(SloDocumentError) as caught:
        read_document(UIDS, "ids.yaml")
    lines = caught.value.lines()
    assert len(lines) == 2
    assert lines[0].startswith("ids.yaml:10: slos[2].uid: 0e98-15ab is the id of another SLO")
    assert lines[1].startswith("ids.yaml:13: slos[3].uid: 'not an id' is not an SLO id")
    valid = UIDS.split("- name: c")[0]
    assert [s["uid"] for s in read_document(valid, "ids.yaml")["slos"]] == ["0e98-15ab", None]


def test_built_document_carries_uids_only_when_known():
    from workbench.domain.slo.document import build_document
    from workbench.domain.slo.records import SloDefinition, SloKind

    with_uid = SloDefinition(id=1, name="a", kind=SloKind.AVAILABILITY, target=Decimal(99),
                             uid="abc")
    without = SloDefinition(id=2, name="b", kind=SloKind.AVAILABILITY, target=Decimal(99))
    body = build_document([], [], [with_uid, without], {})
    assert list(body["slos"][0])[:3] == ["name", "uid", "service"]
    assert "uid" not in body["slos"][1]
    text = yaml.safe_dump({"kind": "workbench/slos", "version": 1, **body}, sort_keys=False)
    assert [s["uid"] for s in read_document(text, "x")["slos"]] == ["abc", None]


def test_a_release_slice_listed_twice_in_a_map_is_one_problem_with_its_line():
    text = ("kind: workbench/slos\nversion: 1\nstory_maps:\n  - title: Checkout\n"
            "    release_slices: [R1, Later, r1]\n")
    with pytest.raises(SloDocumentError) as caught:
        read_document(text, "maps.yaml")
    assert caught.value.lines() == [
        "maps.yaml:5: story_maps[0].release_slices[2]: release slice 'r1' is listed twice "
        "in this map; rename one"]

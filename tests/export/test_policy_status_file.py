"""The gate's budget status file, in YAML and JSON: what it reads (exact figures, an aware
timestamp, the conditions that fired earlier), every problem with its file, line and key
path (JSON problems at their JSON line), and hostile files refused without harm."""

from __future__ import annotations

import json
import textwrap
import time
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import yaml

from workbench.domain.policy import SloFigures, WindowFigures, evaluate, starter_policy
from workbench.errors import UsageError
from workbench.export.status_file import (
    MAX_BYTES,
    MAX_COUNT,
    StatusData,
    StatusFileError,
    read_status_file,
    read_status_path,
)

EXAMPLE = """\
generated_at: 2026-11-25T06:00:00Z
fired_this_period: [exhausted]
slos:
  - name: upi-payment-availability
    service: payments
    target: "99.5"
    period: {length: 28d, elapsed: 24d}
    total: 2000000
    bad: 9000
    expected_total: 2300000
    windows:
      - {window: 1h, total: 90000, bad: 120}
    dependencies:
      - {name: npci-upi-switch, bad: 5000}
"""

UPI = SloFigures(
    slo="upi-payment-availability", service="payments", target=Decimal("99.5"),
    total=2_000_000, bad=9000, length=timedelta(days=28), elapsed=timedelta(days=24),
    expected_total=2_300_000, windows=(WindowFigures(timedelta(hours=1), 90_000, 120),),
    dependencies=(("npci-upi-switch", 5000),))


def problems_of(text: str, source: str = "status.yaml") -> list[str]:
    with pytest.raises(StatusFileError) as caught:
        read_status_file(textwrap.dedent(text), source)
    return caught.value.lines()


def slo(**changes) -> str:
    """One SLO entry in flow style, with ``changes`` applied (None: left out)."""
    values = {"name": "a", "target": "'99'", "period": "{length: 28d, elapsed: 7d}",
              "total": "1000", "bad": "10"}
    values.update(changes)
    return "{" + ", ".join(f"{k}: {v}" for k, v in values.items() if v is not None) + "}"


def one(entry: str) -> str:
    return f"generated_at: 2026-11-25T06:00:00Z\nslos:\n- {entry}\n"


# === what is read =================================================================================


def test_the_documented_example_reads_exactly():
    status = read_status_file(EXAMPLE, "status.yaml")
    assert status == StatusData(datetime(2026, 11, 25, 6, 0, tzinfo=UTC), (UPI,),
                                ("exhausted",))
    assert status.generated_at.utcoffset() == timedelta(0)


def test_the_same_status_as_json_reads_the_same():
    data = yaml.safe_load(EXAMPLE)
    data["generated_at"] = "2026-11-25T06:00:00Z"
    for text in (json.dumps(data), json.dumps(data, indent=2), json.dumps(data, indent="\t")):
        assert read_status_file(text, "status.json") == read_status_file(EXAMPLE, "s.yaml")


def test_offsets_unicode_and_quoted_counts():
    text = json.dumps({"generated_at": "2026-11-25T11:30:00+05:30", "slos": [
        {"name": "भुगतान 🚀", "target": 99.9, "period": {"length": "4w", "elapsed": "90m"},
         "total": "1000", "bad": 0, "dependencies": []}]}, ensure_ascii=True)
    assert "\\ud83d\\ude80" in text  # JSON's escaped surrogate pair
    status = read_status_file(text, "s.json")
    assert status.generated_at == datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
    assert status.generated_at.tzinfo == timezone(timedelta(hours=5, minutes=30))
    [fig] = status.figures
    assert fig.slo == "भुगतान 🚀" and fig.target == Decimal("99.9")
    assert (fig.total, fig.bad, fig.length, fig.elapsed) == (
        1000, 0, timedelta(weeks=4), timedelta(minutes=90))
    assert fig.dependencies == () and fig.service is None and fig.expected_total is None
    assert status.fired_earlier == ()


def test_the_largest_counts_and_an_empty_list_of_slos():
    status = read_status_file(one(slo(total=str(MAX_COUNT), bad=str(MAX_COUNT),
                                      expected_total=str(MAX_COUNT))), "s.yaml")
    assert status.figures[0].total == 2**63 - 1
    empty = read_status_file("generated_at: 2026-11-25T06:00:00Z\nslos: []\n", "s.yaml")
    assert empty.figures == ()


def test_the_status_feeds_the_evaluator():
    status = read_status_file(EXAMPLE, "status.yaml")
    policy = starter_policy("checkout", services=["payments"])
    evaluation = evaluate(policy, status.figures, fired_earlier=status.fired_earlier)
    # 9000 bad of a 11,500-event budget (2.3M x 0.5%): 78.26% consumed, below 100% now, but
    # "exhausted" fired earlier this period, so its freeze stays in force.
    assert evaluation.fired == ("budget-70",)
    assert evaluation.freeze and [a.carried for a in evaluation.freezes] == [True]


# === problems ===================================================================================


def test_every_problem_is_reported_in_line_order():
    text = textwrap.dedent("""\
        generated_at: 2026-99-99T06:00:00Z
        fired_this_period: [exhausted, Exhausted, '']
        colour: blue
        slos:
          - name: a
            target: 100
            period: {length: 28d, elapsed: 29d}
            total: 1.0
            bad: true
            expected_total: "١٢٣"
            windows:
              - {window: 1h, total: 90000, bad: 90001}
              - {window: 60m, total: 1, bad: 0}
              - {window: 1h, total: 1, bad: 0}
              - {window: 0m, total: 007, bad: -1}
              - {window: 1h}
            dependencies:
              - {name: x, bad: 5000}
          - name: b
            target: 99
            period: {length: 28d, elapsed: 2d}
            total: 100
            bad: 10
            expected_total: 99
            dependencies:
              - {name: x, bad: 11}
              - {name: y, bad: 6}
              - {name: ' Y ', bad: 1}
              - {name: z, bad: 5}
            size: big
          - name: B
            target: 99
            period: {length: 28d, elapsed: 2d}
            total: 100
            bad: 10
          - name: c
            target: 99
            period: 28d
            total: 100000000000000000000
            bad: 1_000
          - just text
        """)
    assert problems_of(text) == [
        "status.yaml:1: generated_at: '2026-99-99T06:00:00Z' is not a time of the calendar; "
        "write ISO 8601 with a zone, e.g. 2026-11-25T06:00:00Z",
        "status.yaml:2: fired_this_period[1]: 'Exhausted' is listed twice; keep one",
        "status.yaml:2: fired_this_period[2]: is empty; write it out",
        "status.yaml:3: colour: unknown key; use one of generated_at, fired_this_period, slos",
        "status.yaml:6: slos[0].target: SLO target 100 leaves no error budget, so every "
        "failure would breach it; choose a target below 100, e.g. 99.9",
        "status.yaml:7: slos[0].period.elapsed: 29d is longer than the period (28d); use at "
        "most the length",
        "status.yaml:8: slos[0].total: '1.0' is not a whole number; write the count with the "
        "digits 0-9, e.g. 2000000",
        "status.yaml:9: slos[0].bad: is true, not a number; write a whole number of events, "
        "e.g. 2000000",
        "status.yaml:10: slos[0].expected_total: '١٢٣' uses digits other than 0-9; write the "
        "count with the digits 0-9, e.g. 2000000",
        "status.yaml:12: slos[0].windows[0].bad: 90001 bad events are more than the 90000 "
        "valid events of the window",
        "status.yaml:14: slos[0].windows[2].window: 1h is the same window as "
        "slos[0].windows[1]; give each window once",
        "status.yaml:15: slos[0].windows[3].window: 0m is out of range; use at least 1m and "
        "at most 35d",
        "status.yaml:15: slos[0].windows[3].total: 007 starts with 0; write it without "
        "leading zeros (7)",
        "status.yaml:15: slos[0].windows[3].bad: -1 is negative; use 0 or more",
        "status.yaml:16: slos[0].windows[4].total: is required; add it",
        "status.yaml:16: slos[0].windows[4].bad: is required; add it",
        "status.yaml:24: slos[1].expected_total: 99 is less than the 100 valid events counted "
        "so far; use at least total, or leave it out",
        "status.yaml:25: slos[1].dependencies: the dependencies caused 11 bad events "
        "together, more than the SLO's 10; each bad event has at most one cause",
        "status.yaml:26: slos[1].dependencies[0].bad: 11 is more than the SLO's 10 bad events",
        "status.yaml:28: slos[1].dependencies[2].name: 'Y' is already listed as "
        "slos[1].dependencies[1]; give each dependency once",
        "status.yaml:30: slos[1].size: unknown key; use one of name, service, target, period, "
        "total, bad, expected_total, windows, dependencies",
        "status.yaml:31: slos[2].name: 'B' is already listed as slos[1]; give each SLO once",
        "status.yaml:38: slos[3].period: must be a mapping with keys length, elapsed",
        "status.yaml:39: slos[3].total: 100000000000000000000 is too large; use at most "
        "9223372036854775807",
        "status.yaml:40: slos[3].bad: '1_000' is not a whole number; write the count with "
        "the digits 0-9, e.g. 2000000",
        "status.yaml:41: slos[4]: must be a mapping with keys name, service, target, period, "
        "total, bad, expected_total, windows, dependencies",
    ]


def test_duplicate_slo_names_point_at_the_first():
    text = ("generated_at: 2026-11-25T06:00:00Z\nslos:\n- " + slo(name="Upi  Pay") + "\n- "
            + slo(name="upi pay") + "\n")
    assert problems_of(text) == [
        "status.yaml:4: slos[1].name: 'upi pay' is already listed as slos[0]; give each SLO "
        "once"]


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["status.yaml: (document): must be a mapping with keys generated_at, "
          "fired_this_period, slos"]),
    ("slos: []\n", ["status.yaml:1: generated_at: is required; add it"]),
    ("generated_at: 2026-11-25T06:00:00Z\n", ["status.yaml:1: slos: is required; add it"]),
    ("generated_at: 2026-11-25T06:00:00\nslos: []\n",
     ["status.yaml:1: generated_at: '2026-11-25T06:00:00' has no time zone; add Z (UTC) or "
      "an offset such as +05:30"]),
    ("generated_at: 2026-11-25\nslos: []\n",
     ["status.yaml:1: generated_at: '2026-11-25' is not a date and time; write ISO 8601 "
      "with a zone, e.g. 2026-11-25T06:00:00Z"]),
    ("generated_at: yesterday\nslos: []\n",
     ["status.yaml:1: generated_at: 'yesterday' is not a date and time; write ISO 8601 with "
      "a zone, e.g. 2026-11-25T06:00:00Z"]),
    ("generated_at: 2026-02-30T06:00:00Z\nslos: []\n",
     ["status.yaml:1: generated_at: '2026-02-30T06:00:00Z' is not a time of the calendar; "
      "write ISO 8601 with a zone, e.g. 2026-11-25T06:00:00Z"]),
    ("generated_at: 2026-11-25T25:00:00Z\nslos: []\n",
     ["status.yaml:1: generated_at: '2026-11-25T25:00:00Z' is not a time of the calendar; "
      "write ISO 8601 with a zone, e.g. 2026-11-25T06:00:00Z"]),
    ("generated_at: 2026-11-25T06:00:00Z\nslos: {a: 1}\n",
     ["status.yaml:2: slos: must be a list (items starting with '- '); write slos: [] when "
      "there are none"]),
    (one(slo(total=None, bad=None)), ["status.yaml:3: slos[0].total: is required; add it",
                                      "status.yaml:3: slos[0].bad: is required; add it"]),
    (one(slo(total="1e6")), ["status.yaml:3: slos[0].total: '1e6' is not a whole number; "
                             "write the count with the digits 0-9, e.g. 2000000"]),
    (one(slo(total="0x10")), ["status.yaml:3: slos[0].total: '0x10' is not a whole number; "
                              "write the count with the digits 0-9, e.g. 2000000"]),
    (one(slo(total="+5")), ["status.yaml:3: slos[0].total: '+5' is not a whole number; "
                            "write the count with the digits 0-9, e.g. 2000000"]),
    (one(slo(total="'²'")), ["status.yaml:3: slos[0].total: '²' uses digits other than 0-9; "
                             "write the count with the digits 0-9, e.g. 2000000"]),
    (one(slo(total="no")), ["status.yaml:3: slos[0].total: is no, not a number; write a "
                            "whole number of events, e.g. 2000000"]),
    (one(slo(total="[1]")), ["status.yaml:3: slos[0].total: must be a whole number of "
                             "events, e.g. 2000000"]),
    (one(slo(total=str(MAX_COUNT + 1), bad="1")),
     ["status.yaml:3: slos[0].total: 9223372036854775808 is too large; use at most "
      "9223372036854775807"]),
    (one(slo(total="9" * 5000)),
     ["status.yaml:3: slos[0].total: " + "9" * 30 + "... is too large; use at most "
      "9223372036854775807"]),
    (one(slo(bad="1001")), ["status.yaml:3: slos[0].bad: 1001 bad events are more than the "
                            "1000 valid events; bad events are part of total"]),
    (one(slo(target="99.9.9")), ["status.yaml:3: slos[0].target: SLO target '99.9.9' is not "
                                 "a number; give a percentage such as 99.9"]),
    (one(slo(target="true")), ["status.yaml:3: slos[0].target: SLO target 'true' is not a "
                               "number; give a percentage such as 99.9"]),
    (one(slo(target=None)), ["status.yaml:3: slos[0].target: is required; add it"]),
    (one(slo(period="{length: 28d}")),
     ["status.yaml:3: slos[0].period.elapsed: is required; add it"]),
    (one(slo(period="{length: 0d, elapsed: 0m}")),
     ["status.yaml:3: slos[0].period.length: 0d is out of range; use more than 0 and at "
      "most 366d",
      "status.yaml:3: slos[0].period.elapsed: 0m is out of range; use more than 0 and at "
      "most 366d"]),
    (one(slo(period="{length: 4 weeks, elapsed: 1.5d}")),
     ["status.yaml:3: slos[0].period.length: '4 weeks' is not a duration; use a whole number "
      "with w, d, h or m, e.g. 28d or 24h",
      "status.yaml:3: slos[0].period.elapsed: '1.5d' is not a duration; use a whole number "
      "with w, d, h or m, e.g. 28d or 24h"]),
    (one(slo(period="{length: 28d, elapsed: 7d, start: 2026-11-01}")),
     ["status.yaml:3: slos[0].period.start: unknown key; use one of length, elapsed"]),
    (one(slo(name="''")), ["status.yaml:3: slos[0].name: is empty; write it out"]),
    (one(slo(name=None)), ["status.yaml:3: slos[0].name: is required; add it"]),
    (one(slo(name='"a\\u0007"')),
     ["status.yaml:3: slos[0].name: contains an invisible control character (U+0007 at "
      "position 2); delete it"]),
    (one(slo(name="n" * 61)), ["status.yaml:3: slos[0].name: is 61 characters long; use at "
                               "most 60"]),
    (one(slo(service="[x]")), ["status.yaml:3: slos[0].service: must be text; write it as a "
                               "string"]),
    (one(slo(windows="{window: 1h}")),
     ["status.yaml:3: slos[0].windows: must be a list (items starting with '- ')"]),
    (one(slo(windows="[{window: 36d, total: 1, bad: 0}]")),
     ["status.yaml:3: slos[0].windows[0].window: 36d is out of range; use at least 1m and "
      "at most 35d"]),
    (one(slo(dependencies="[{name: x}]")),
     ["status.yaml:3: slos[0].dependencies[0].bad: is required; add it"]),
    ("generated_at: 2026-11-25T06:00:00Z\nslos: []\nslos: []\n",
     ["status.yaml:3: slos: appears twice; keep one"]),
    ("generated_at: 2026-11-25T06:00:00Z\nslos: !!python/object:os.system []\n",
     ["status.yaml:2: slos: has the YAML tag 'tag:yaml.org,2002:python/object:os.system', "
      "which this format does not use; remove the tag",
      "status.yaml:2: slos: is required; add it"]),
    ("generated_at: &t 2026-11-25T06:00:00Z\nslos: []\nagain: *t\n",
     ["status.yaml:3: again: uses the YAML alias *t; write the value out in full (aliases "
      "are not read)"]),
    ("generated_at: 2026-11-25T06:00:00Z\nslos: []\n---\nslos: []\n",
     ["status.yaml:3: (document): the file holds more than one YAML document (a line '---' "
      "starts another); keep one"]),
])
def test_each_kind_of_problem(text, expected):
    assert problems_of(text) == expected


# === JSON ========================================================================================


def test_json_problems_are_at_their_json_lines():
    text = json.dumps({"generated_at": "2026-11-25T06:00:00Z", "slos": [
        {"name": "a", "target": "99", "period": {"length": "28d", "elapsed": "7d"},
         "total": 10, "bad": 11},
        {"name": "b", "target": 100.5, "period": {"length": "28d", "elapsed": "7d"},
         "total": 1.5, "bad": True, "windows": [{"window": "1h", "total": 1e3, "bad": 0}]},
    ]}, indent=2)
    lines = text.splitlines()

    def line_of(fragment: str, after: int = 0) -> int:
        return next(i for i, line in enumerate(lines, 1) if i > after and fragment in line)

    b = line_of('"name": "b"')
    bad_a, target_b = line_of('"bad": 11'), line_of('"target": 100.5')
    total_b, bad_b = line_of('"total": 1.5'), line_of('"bad": true', b)
    window_total = line_of('"total": 1000.0')
    assert problems_of(text, "s.json") == [
        f"s.json:{bad_a}: slos[0].bad: 11 bad events are more than the 10 valid events; bad "
        "events are part of total",
        f"s.json:{target_b}: slos[1].target: SLO target 100.5 is above 100%; choose a target "
        "below 100, e.g. 99.9",
        f"s.json:{total_b}: slos[1].total: '1.5' is not a whole number; write the count with "
        "the digits 0-9, e.g. 2000000",
        f"s.json:{bad_b}: slos[1].bad: is true, not a number; write a whole number of events, "
        "e.g. 2000000",
        f"s.json:{window_total}: slos[1].windows[0].total: '1000.0' is not a whole number; "
        "write the count with the digits 0-9, e.g. 2000000",
    ]


def test_json_syntax_errors_are_json_errors_with_their_line():
    trailing = '{\n  "generated_at": "2026-11-25T06:00:00Z",\n  "slos": [],\n}\n'
    with pytest.raises(json.JSONDecodeError) as caught:  # the wording is Python's own
        json.loads(trailing)
    assert problems_of(trailing, "s.json") == [
        f"s.json:4: (document): not valid JSON: {caught.value.msg} (column 1); fix the "
        "syntax"]
    assert problems_of('{"slos": [\n1,\n2', "s.json") == [
        "s.json:3: (document): not valid JSON: Expecting ',' delimiter (column 2); fix the "
        "syntax"]
    assert problems_of('{"generated_at": NaN, "slos": []}', "s.json") == [
        "s.json:1: generated_at: 'NaN' is not a date and time; write ISO 8601 with a zone, "
        "e.g. 2026-11-25T06:00:00Z"]


def test_duplicate_json_keys_are_reported():
    assert problems_of('{"generated_at": "2026-11-25T06:00:00Z",\n "slos": [],\n "slos": []}',
                       "s.json") == ["s.json:3: slos: appears twice; keep one"]


# === hostile files ===============================================================================


def test_deep_nesting_is_refused_in_both_forms():
    for text in ('{"slos": ' + "[" * 100_000 + "]" * 100_000 + "}",
                 "slos: " + "[" * 100_000 + "]" * 100_000 + "\n"):
        found = problems_of(text)
        assert len(found) == 1 and "nest" in found[0], found


def test_an_alias_bomb_and_countless_values_are_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 30):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    start = time.perf_counter()
    assert "alias" in problems_of("\n".join(lines) + "\n")[0]
    many = "generated_at: 2026-11-25T06:00:00Z\nslos:\n" + "- x\n" * 250_000
    [line] = problems_of(many)
    assert "holds more than 200000 values" in line
    assert time.perf_counter() - start < 10


def test_too_many_slos_and_an_oversized_text_are_refused():
    text = "generated_at: 2026-11-25T06:00:00Z\nslos:\n" + "".join(
        f"- {slo(name=f's{i}')}\n" for i in range(1001))
    assert problems_of(text) == [
        "status.yaml:2: slos: lists 1001 SLOs; at most 1000 are read, split the file"]
    huge = "generated_at: 2026-11-25T06:00:00Z\nslos: []\n" + "#" * MAX_BYTES
    assert problems_of(huge) == [
        f"status.yaml: (document): is {len(huge)} characters long (at most {MAX_BYTES}); "
        "check that this is a budget status file"]


def test_reading_a_path(tmp_path):
    path = tmp_path / "status.json"
    path.write_text(EXAMPLE, encoding="utf-8")
    assert read_status_path(path).figures == (UPI,)
    with pytest.raises(UsageError, match="no such file"):
        read_status_path(tmp_path / "missing.json")
    path.write_text("slos: []\n", encoding="utf-8")
    with pytest.raises(StatusFileError) as caught:
        read_status_path(path)
    assert caught.value.lines() == [f"{path}:1: generated_at: is required; add it"]
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2

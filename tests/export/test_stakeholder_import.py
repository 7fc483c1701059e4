"""Importing a stakeholder chart from YAML: the round trip gives the same chart, every
problem of a file is reported (file, line, key path, what is wrong and how to fix it), and
nothing is returned when anything is wrong; hostile files are refused without harm."""

from __future__ import annotations

import os
import re
import sys
import textwrap
import time
from dataclasses import replace
from datetime import date, datetime

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.stakeholders import (
    DEFAULT_PLAN,
    MAX_STAKEHOLDERS,
    Chart,
    ContactPlan,
    Group,
    Level,
    Quadrant,
    Stage,
    Stakeholder,
    Stance,
    default_plan,
    make_stakeholder,
)
from workbench.domain.stakeholders.model import (
    MAX_ACTION,
    MAX_CONTACT,
    MAX_NAME,
    MAX_NOTES,
    MAX_OWNER,
    MAX_ROLE,
)
from workbench.errors import UsageError
from workbench.export import export_workspace
from workbench.export.stakeholder_yaml import (
    MAX_BYTES,
    PERSON_KEYS,
    ChartImportError,
    read_chart_file,
    read_chart_text,
    render_yaml,
)
from workbench.files import read_text_file
from workbench.store import stakeholder_repo
from workbench.store.db import reading

STAMP = datetime(2026, 11, 25, 9, 0)


def problems_of(text: str, source: str = "chart.yaml") -> list[str]:
    with pytest.raises(ChartImportError) as caught:
        read_chart_text(textwrap.dedent(text), source)
    return caught.value.lines()


HEAD = """\
kind: workbench/stakeholder-chart
version: 1
"""


# === round trips ===============================================================================


def test_demo_round_trip_gives_the_same_chart(demo, tmp_path):
    engine, workspace = demo
    [path] = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"stakeholders"},
                              generated_at=STAMP)
    with reading(engine) as session:
        stored = stakeholder_repo.load(session, workspace.id)
    imported = read_chart_file(path)
    assert imported == replace(stored.chart, version=0)
    assert [p.uid for p in imported.people] == [p.uid for p in stored.chart.people]
    assert render_yaml(imported, generated_at=STAMP) == path.read_text(encoding="utf-8")


def test_hostile_text_survives_the_round_trip():
    people = (
        make_stakeholder({
            "name": 'He said "no": [x] %% `y` #35; <b> ﬂ¶', "power": "high",
            "interest": "low", "role": "No", "group": "executive", "stance": "detractor",
            "influence": "high", "stage": "engagement", "owner": "yes",
            "last_contact": "2026-02-28", "next_action": "2026", "next_action_due": "2026-12-01",
            "notes": "line one\nline two | `code`\n\n# para\r\n with CRLF\n  indented",
            "uid": "12345"}),
        make_stakeholder({"name": "null", "power": "low", "interest": "high", "role": "~",
                          "owner": "- item", "notes": "'single' and \"double\" quotes",
                          "next_action": "key: value", "uid": "true"}),
        make_stakeholder({"name": "विक्रम सिंह 🚀 \u200dZWJ", "power": "low", "interest": "low",
                          "role": "1.5", "notes": "trailing spaces   \nand\ttabs"}),
    )
    plan = default_plan().with_contact(Quadrant.MONITOR, ContactPlan(1, "'quoted': #hash"))
    chart = Chart(people, plan, 0)
    text = render_yaml(chart)
    assert read_chart_text(text, "x.yaml") == chart


NAME_CHARS = st.sampled_from([*"abcXYZ019 -_:#'\"`|<>[]{}%&*!?,.\\/~^$@", "é", "ß", "🚀", "ह",
                              "\u00a0", "\u200c", "\u200d"])
TEXT = st.lists(NAME_CHARS, max_size=20).map("".join)
NOTES = st.lists(st.one_of(NAME_CHARS, st.sampled_from(["\n", "\r\n", "\t", "\u2028"])),
                 max_size=40).map("".join)


@st.composite
def people_values(draw):
    count = draw(st.integers(0, 6))
    people = []
    keys = set()
    for index in range(count):
        name = " ".join(draw(TEXT).split()) or f"person {index}"
        values = {
            "name": name, "power": draw(st.sampled_from(list(Level))).value,
            "interest": draw(st.sampled_from(list(Level))).value, "role": draw(TEXT),
            "group": draw(st.sampled_from(list(Group))).value,
            "stance": draw(st.sampled_from([None, *Stance])),
            "influence": draw(st.sampled_from([None, *Level])),
            "stage": draw(st.sampled_from([None, *Stage])), "owner": draw(TEXT),
            "last_contact": draw(st.one_of(st.none(), st.dates(date(1990, 1, 1),
                                                                 date(2100, 1, 1)))),
            "next_action": draw(TEXT),
            "next_action_due": draw(st.one_of(st.none(), st.dates(date(1990, 1, 1),
                                                                     date(2100, 1, 1)))),
            "notes": draw(NOTES), "uid": f"u{index}",
        }
        person = make_stakeholder({k: v.value if hasattr(v, "value") else v
                                   for k, v in values.items()})
        if person.key in keys:
            continue
        keys.add(person.key)
        people.append(person)
    return tuple(people)


@settings(max_examples=80, deadline=None)
@given(people_values(), st.integers(1, 366), TEXT)
def test_any_chart_survives_the_round_trip(people, every_days, contact):
    plan = default_plan()
    if contact.strip():
        plan = plan.with_contact(Quadrant.KEEP_INFORMED, ContactPlan(every_days,
                                                                     " ".join(contact.split())))
    chart = Chart(people, plan, 0)
    assert read_chart_text(render_yaml(chart, generated_at=STAMP), "c.yaml") == chart


def test_a_minimal_hand_written_file_is_enough():
    chart = read_chart_text(HEAD + textwrap.dedent("""\
        stakeholders:
        - {name: Asha Rao, power: high, interest: low}
        - name: Ben Ito
          power: LOW
          interest: High
          quadrant: Keep Informed
          stance: ~
          last_contact:
        """), "hand.yaml")
    asha, ben = chart.people
    assert (asha.quadrant, ben.quadrant) == (Quadrant.KEEP_SATISFIED, Quadrant.KEEP_INFORMED)
    assert asha.uid and ben.uid and asha.uid != ben.uid
    assert ben.last_contact is None and ben.stance is None
    assert chart.plan == default_plan() and chart.version == 0
    assert read_chart_text(HEAD + "stakeholders: []\n", "empty.yaml").people == ()


def test_plan_entries_left_out_keep_their_defaults():
    chart = read_chart_text(HEAD + textwrap.dedent("""\
        plan:
          monitor: {every_days: 60}
          keep-informed: {contact: Demo day invitation}
        stakeholders: []
        """), "plan.yaml")
    assert chart.plan.for_quadrant(Quadrant.MONITOR) == ContactPlan(
        60, DEFAULT_PLAN[Quadrant.MONITOR].contact)
    assert chart.plan.for_quadrant(Quadrant.KEEP_INFORMED) == ContactPlan(
        14, "Demo day invitation")
    assert chart.plan.for_quadrant(Quadrant.ENGAGE_FULLY) == DEFAULT_PLAN[Quadrant.ENGAGE_FULLY]


def test_values_are_read_as_typed():
    chart = read_chart_text(HEAD + textwrap.dedent("""\
        plan:
          monitor: {every_days: 30, contact: 2026}
        stakeholders:
        - name: No
          power: high
          interest: low
          role: 2026
          owner: yes
          uid: 0123
          next_action: 1.50
          last_contact: 2026-01-05
        """), "typed.yaml")
    [person] = chart.people
    assert (person.name, person.role, person.owner, person.uid, person.next_action) == \
        ("No", "2026", "yes", "0123", "1.50")
    assert person.last_contact == date(2026, 1, 5)
    assert chart.plan.for_quadrant(Quadrant.MONITOR).contact == "2026"


def test_written_fields_are_every_field_and_the_quadrant():
    assert set(PERSON_KEYS) == {*Stakeholder.__dataclass_fields__, "quadrant"}


# === problems: one line each, with file, line and key path =======================================


def test_the_example_from_the_issue():
    text = HEAD + textwrap.dedent("""\
        stakeholders:
        - name: A
          power: high
          interest: high
        - name: B
          power: high
          interest: low
        - name: C
          power: low
          interest: low
        - name: D
          power: medium
          interest: low
        """)
    assert problems_of(text) == [
        "chart.yaml:14: stakeholders[3].power: 'medium' is not allowed (use one of: high, low)"]


def test_every_problem_is_reported_in_line_order():
    text = textwrap.dedent("""\
        kind: workbench/stakeholder-chart
        version: 2
        colour: blue
        plan:
          engage-fully: {every_days: 0, contact: Weekly coffee}
          sometimes: {every_days: 7, contact: x}
          monitor: {every_days: 10, contact: '', how: email}
        stakeholders:
        - name: ''
          power: high
          interest: high
        - name: Asha Rao
          power: high
          interest: sideways
          stance: enthusiastic
          stage: euphoria
          influence: enormous
          group: marketing
          last_contact: 2026-02-30
          next_action_due: 20261102
          hair: brown
        - name: Ben Ito
          power: low
          interest: low
          quadrant: engage-fully
        - name: asha  RAO
          power: low
          interest: high
          uid: a b
        - just a string
        """)
    lines = problems_of(text)
    assert lines == [
        "chart.yaml:2: version: 2 is not supported (use version: 1)",
        "chart.yaml:3: colour: unknown key; use one of kind, version, generated_at, plan, "
        "stakeholders",
        "chart.yaml:5: plan.engage-fully.every_days: is 0 (use 1 to 366 days)",
        "chart.yaml:6: plan.sometimes: is not a quadrant (use: engage-fully, keep-satisfied, "
        "keep-informed, monitor)",
        "chart.yaml:7: plan.monitor.how: is not a field of a plan (use every_days, contact)",
        "chart.yaml:7: plan.monitor.contact: is empty (write it out)",
        "chart.yaml:9: stakeholders[0].name: is empty (write it out)",
        "chart.yaml:14: stakeholders[1].interest: 'sideways' is not allowed (use one of: "
        "high, low)",
        "chart.yaml:15: stakeholders[1].stance: 'enthusiastic' is not allowed (use one of: "
        "supporter, neutral, detractor)",
        "chart.yaml:16: stakeholders[1].stage: 'euphoria' is not allowed (use one of: "
        "awareness, interest, understanding, agreement, engagement)",
        "chart.yaml:17: stakeholders[1].influence: 'enormous' is not allowed (use one of: "
        "high, low)",
        "chart.yaml:18: stakeholders[1].group: 'marketing' is not allowed (use one of: "
        "development, operations, product, executive, other)",
        "chart.yaml:19: stakeholders[1].last_contact: '2026-02-30' is not a day of the "
        "calendar; use YYYY-MM-DD, e.g. 2026-11-02",
        "chart.yaml:20: stakeholders[1].next_action_due: '20261102' is not a date; use "
        "YYYY-MM-DD, e.g. 2026-11-02",
        "chart.yaml:21: stakeholders[1].hair: is not a field of a stakeholder (use: name, "
        "role, group, power, interest, stance, influence, stage, owner, last_contact, "
        "next_action, next_action_due, notes, uid)",
        "chart.yaml:25: stakeholders[2].quadrant: is engage-fully, but power low and "
        "interest low place them in monitor (change power or interest to move them, or "
        "leave quadrant out)",
        "chart.yaml:29: stakeholders[3].uid: 'a b' is not an id (use up to 40 letters, "
        "digits, '-' or '_'; or leave it out)",
        "chart.yaml:30: stakeholders[4]: must be a mapping with keys name, power, interest "
        "and the other fields of a stakeholder",
    ]


def test_problems_use_the_line_of_the_entry_when_a_key_is_missing():
    text = HEAD + textwrap.dedent("""\
        stakeholders:
        - name: Asha Rao
          interest: high
        - role: nobody
          power: low
          interest: low
        """)
    assert problems_of(text) == [
        "chart.yaml:4: stakeholders[0].power: is missing (use one of: high, low)",
        "chart.yaml:6: stakeholders[1].name: is empty (write it out)",
    ]


def test_duplicate_names_and_uids_point_at_both_entries():
    text = HEAD + textwrap.dedent("""\
        stakeholders:
        - {name: Asha Rao, power: high, interest: high, uid: a1}
        - {name: Ben Ito, power: low, interest: high, uid: a1}
        - {name: '  asha   rao ', power: low, interest: low}
        """)
    assert problems_of(text) == [
        "chart.yaml:5: stakeholders[1].uid: 'a1' is already the uid of stakeholders[0] "
        "(give each person their own uid, or leave it out)",
        "chart.yaml:6: stakeholders[2].name: 'asha rao' is already on the chart as "
        "stakeholders[0] (names must differ, ignoring case and spacing)",
    ]


def test_a_quadrant_that_agrees_is_fine_and_an_unknown_one_is_reported():
    text = HEAD + textwrap.dedent("""\
        stakeholders:
        - {name: A, power: high, interest: high, quadrant: engage-fully}
        - {name: B, power: high, interest: low, quadrant: top-left}
        - {name: C, power: high, interest: low, quadrant: 3}
        """)
    assert problems_of(text) == [
        "chart.yaml:5: stakeholders[1].quadrant: 'top-left' is not a quadrant (use one of: "
        "engage-fully, keep-satisfied, keep-informed, monitor; or leave it out, it follows "
        "from power and interest)",
        "chart.yaml:6: stakeholders[2].quadrant: '3' is not a quadrant (use one of: "
        "engage-fully, keep-satisfied, keep-informed, monitor; or leave it out, it follows "
        "from power and interest)",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["chart.yaml: (document): must be a mapping with keys kind, version, generated_at, "
          "plan, stakeholders"]),
    ("- a\n- b\n", ["chart.yaml:1: (document): must be a mapping with keys kind, version, "
                    "generated_at, plan, stakeholders"]),
    ("kind: workbench/slos\nversion: 1\nstakeholders: []\n",
     ["chart.yaml:1: kind: is 'workbench/slos'; a stakeholder chart has kind: "
      "workbench/stakeholder-chart"]),
    (HEAD, ["chart.yaml:1: stakeholders: is required; add it"]),
    ("version: 1\nstakeholders: []\n", ["chart.yaml:1: kind: is required; add it"]),
    (HEAD + "version: 1\nstakeholders: []\n", ["chart.yaml:3: version: appears twice; keep one"]),
    (HEAD + "stakeholders: {name: A}\n",
     ["chart.yaml:3: stakeholders: must be a list (items starting with '- ')"]),
    (HEAD + "plan: weekly\nstakeholders: []\n",
     ["chart.yaml:3: plan: is not a mapping of quadrant to every_days and contact"]),
    (HEAD + "plan: {monitor: 7}\nstakeholders: []\n",
     ["chart.yaml:3: plan.monitor: needs every_days and contact"]),
    (HEAD + "plan: {monitor: {every_days: 7.5}}\nstakeholders: []\n",
     ["chart.yaml:3: plan.monitor.every_days: is '7.5', not a whole number of days (e.g. 14)"]),
    (HEAD + "plan: {monitor: {every_days: true}}\nstakeholders: []\n",
     ["chart.yaml:3: plan.monitor.every_days: is True, not a whole number of days (e.g. 14)"]),
    (HEAD + "plan: {monitor: {every_days: 400}}\nstakeholders: []\n",
     ["chart.yaml:3: plan.monitor.every_days: is 400 (use 1 to 366 days)"]),
    (HEAD + "stakeholders:\n- {name: [A], power: high, interest: high}\n",
     ["chart.yaml:4: stakeholders[0].name: is list, not text (write it as text)"]),
    (HEAD + "stakeholders:\n- {name: \"A\\u0007\", power: high, interest: high}\n",
     ["chart.yaml:4: stakeholders[0].name: contains an invisible control character "
      "(U+0007); delete it"]),
    (HEAD + "stakeholders:\n- {name: \"A\\u202eB\", power: high, interest: high}\n",
     ["chart.yaml:4: stakeholders[0].name: contains an invisible control character "
      "(U+202E); delete it"]),
    (HEAD + "stakeholders:\n- {name: " + "x" * 81 + ", power: high, interest: high}\n",
     ["chart.yaml:4: stakeholders[0].name: is 81 characters long (use at most 80)"]),
    (HEAD + "stakeholders:\n- {name: A, power: high, interest: high, notes: '"
     + "n" * (MAX_NOTES + 1) + "'}\n",
     [f"chart.yaml:4: stakeholders[0].notes: is {MAX_NOTES + 1} characters long (use at "
      f"most {MAX_NOTES})"]),
    (HEAD + "stakeholders:\n- {name: A, power: high, interest: high, "
     "last_contact: 2026-11-20T10:00:00}\n",
     ["chart.yaml:4: stakeholders[0].last_contact: '2026-11-20T10:00:00' is not a date; use "
      "YYYY-MM-DD, e.g. 2026-11-02"]),
    (HEAD + "stakeholders:\n- {name: A, power: !!python/name:os.system high, interest: high}\n",
     ["chart.yaml:4: stakeholders[0].power: has the YAML tag 'tag:yaml.org,2002:python/name:"
      "os.system', which this format does not use; remove the tag"]),
    (HEAD + "stakeholders: []\n---\nkind: x\n",
     ["chart.yaml:4: (document): the file holds more than one YAML document (a line '---' "
      "starts another); keep one"]),
    (HEAD + "stakeholders:\n- &a {name: A, power: high, interest: high}\n- *a\n",
     ["chart.yaml:5: stakeholders[1]: uses the YAML alias *a; write the value out in full "
      "(aliases are not read)"]),
    (HEAD + "stakeholders:\n- {name: A, power: high, interest: high, notes: [[[[[[x]]]]]]}\n",
     ["chart.yaml:4: stakeholders[0].notes[0][0][0][0][0]: is nested more than 8 levels deep; "
      "flatten it"]),
])
def test_each_kind_of_problem(text, expected):
    assert problems_of(text) == expected


def test_invalid_yaml_is_one_problem_with_its_line():
    [line] = problems_of(HEAD + "stakeholders:\n- {name: A, power: high\n- b\n")
    assert re.match(r"chart\.yaml:[56]: \(document\): not valid YAML: ", line), line
    assert line.endswith("; fix the syntax")
    [line] = problems_of(HEAD + "stakeholders: []\nbad: \x07\n")
    assert "not valid YAML" in line


def test_too_many_people_is_reported_once():
    text = HEAD + "stakeholders:\n" + "".join(
        f"- {{name: P{i}, power: low, interest: low}}\n" for i in range(MAX_STAKEHOLDERS + 1))
    assert problems_of(text) == [
        f"chart.yaml:3: stakeholders: lists {MAX_STAKEHOLDERS + 1} people (at most "
        f"{MAX_STAKEHOLDERS}); split the chart"]


def test_nothing_is_returned_when_one_value_is_wrong(tmp_path):
    good = HEAD + "stakeholders:\n" + "".join(
        f"- {{name: P{i}, power: low, interest: low}}\n" for i in range(20))
    assert len(read_chart_text(good, "good.yaml").people) == 20
    bad = good.replace("P7, power: low", "P7, power: lowish")
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    result = None
    with pytest.raises(ChartImportError) as caught:
        result = read_chart_file(path)
    assert result is None
    assert caught.value.lines() == [
        f"{path}:11: stakeholders[7].power: 'lowish' is not allowed (use one of: high, low)"]
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2


def test_the_error_message_is_one_line_with_the_first_problems():
    text = HEAD + "stakeholders:\n" + "".join(
        f"- {{name: P{i}, power: up, interest: low}}\n" for i in range(5))
    with pytest.raises(ChartImportError) as caught:
        read_chart_text(text, "c.yaml")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("5 problems, nothing imported: c.yaml:4: stakeholders[0].power:")
    assert message.endswith(" | and 2 more")
    assert len(caught.value.lines()) == 5 and len(caught.value.problems) == 5


# === hostile files ===============================================================================


def test_an_alias_bomb_is_refused_quickly():
    lines = [HEAD + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 30):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    lines.append("stakeholders: []")
    start = time.perf_counter()
    found = problems_of("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2
    assert len(found) == 29 * 10
    assert found[0] == ("chart.yaml:4: a1[0]: uses the YAML alias *a0; write the value out "
                        "in full (aliases are not read)")


def test_deep_nesting_is_refused_without_recursing():
    for text in (HEAD + "stakeholders: " + "[" * 100_000 + "]" * 100_000 + "\n",
                 HEAD + "stakeholders:\n" + "".join(" " * i + "- \n" for i in range(1200))):
        found = problems_of(text)
        # Our limit, or the YAML parser's own (libyaml stops at 1000 levels).
        assert len(found) == 1 and "nest" in found[0], found


def test_a_file_of_countless_tiny_values_is_refused_before_composing():
    text = HEAD + "stakeholders:\n" + "- x\n" * 1_000_000
    assert len(text) < MAX_BYTES
    start = time.perf_counter()
    assert problems_of(text) == [
        "chart.yaml:49997: (document): holds more than 50000 values, more than this "
        "format ever needs; check that this is the right file"]
    assert time.perf_counter() - start < 10


def test_an_oversized_text_is_refused_before_parsing():
    text = HEAD + "stakeholders: []\n" + "#" * MAX_BYTES
    assert problems_of(text) == [
        f"chart.yaml: (document): is {len(text)} characters long (at most {MAX_BYTES}); "
        "split the chart"]


def test_a_full_chart_fits_and_imports_in_reasonable_time():
    people = tuple(make_stakeholder({
        "name": f"Person {i:03}", "power": "high" if i % 2 else "low",
        "interest": "low" if i % 3 else "high", "role": "r" * 80, "owner": "o" * 80,
        "next_action": "a" * 200, "notes": ("n" * 99 + "\n") * 20, "uid": f"u{i}",
        "last_contact": "2026-11-01", "next_action_due": "2026-12-01", "stance": "neutral",
        "stage": "interest", "influence": "high"}) for i in range(MAX_STAKEHOLDERS))
    chart = Chart(people, default_plan(), 0)
    text = render_yaml(chart)
    assert len(text.encode("utf-8")) < MAX_BYTES
    start = time.perf_counter()
    assert read_chart_text(text, "big.yaml") == chart
    assert time.perf_counter() - start < 10


def test_the_largest_chart_the_domain_allows_fits_the_file_limit(tmp_path):
    """500 people, every text field at its bound in four-byte characters."""
    people = tuple(make_stakeholder({
        "name": f"{i:03}" + "🚀" * (MAX_NAME - 3), "power": "high", "interest": "low",
        "role": "🚀" * MAX_ROLE, "owner": "🚀" * MAX_OWNER, "next_action": "🚀" * MAX_ACTION,
        "notes": "🚀" * MAX_NOTES, "uid": f"{i:03}" + "x" * 37})
        for i in range(MAX_STAKEHOLDERS))
    plan = default_plan()
    for quadrant in Quadrant:
        plan = plan.with_contact(quadrant, ContactPlan(366, "🚀" * MAX_CONTACT))
    chart = Chart(people, plan, 0)
    path = tmp_path / "largest.yaml"
    path.write_text(render_yaml(chart, generated_at=STAMP), encoding="utf-8")
    assert path.stat().st_size < MAX_BYTES
    assert read_chart_file(path) == chart


def test_read_chart_file_refuses_what_is_not_a_small_regular_text_file(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        read_chart_file(tmp_path / "missing.yaml")
    with pytest.raises(UsageError, match="is a folder"):
        read_chart_file(tmp_path)
    with pytest.raises(UsageError, match="no path given"):
        read_chart_file("  ")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(HEAD.encode() + b"stakeholders: []\n# caf\xe9\n")
    with pytest.raises(UsageError, match="not UTF-8 text; save it as UTF-8"):
        read_chart_file(latin)
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(UsageError, match="is larger than 8 MiB"):
        read_chart_file(big)
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + HEAD.encode() + b"stakeholders: []\n")
    assert read_chart_file(bom).people == ()


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs or /dev/zero on Windows")
def test_read_chart_file_refuses_pipes_and_devices_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="is not a regular file"):
        read_chart_file(fifo)
    with pytest.raises(UsageError, match="is not a regular file"):
        read_chart_file("/dev/zero")
    link = tmp_path / "link.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(UsageError, match="is not a regular file"):
        read_text_file(link)


def test_the_size_limit_counts_every_byte(tmp_path):
    path = tmp_path / "chart.yaml"
    path.write_text("x" * 100, encoding="utf-8")
    with pytest.raises(UsageError, match="is larger than 50 bytes"):
        read_text_file(path, max_bytes=50)
    assert read_text_file(path, max_bytes=100) == "x" * 100


def test_safe_load_reads_our_files_too(demo, tmp_path):
    """Any YAML tool can read the export: only core types."""
    engine, workspace = demo
    [path] = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"stakeholders"})
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data["stakeholders"][0]["last_contact"], date)


ROUND_TRIP_NAMES = [
    ":::cls", "- dash", "? question", "# hash", "&anchor", "*alias", "!tag", "|pipe", ">fold",
    "'single'", '"double"', "%percent", "@at", "`tick", "key: value", "a #comment", "null",
    "~", "yes", "No", "on", "1e3", "0x1F", "0o17", "1_000", ".inf", "2026-11-20", "12:30",
    "[list]", "{map}", "---", "...", "trailing:", " ", "🚀", "विक्रम", "a\u00a0b",
]


@pytest.mark.parametrize("name", ROUND_TRIP_NAMES)
def test_names_yaml_would_misread_survive_the_round_trip(name):
    value = name if name.strip() else "x"
    people = (make_stakeholder({"name": value, "power": "low", "interest": "high",
                                "role": value, "owner": value, "next_action": value,
                                "notes": value, "uid": "u1"}),)
    chart = Chart(people, default_plan(), 0)
    assert read_chart_text(render_yaml(chart), "n.yaml") == chart


def test_the_slo_document_shares_the_safe_reader():
    """The SLO import reads through the same reader, so it refuses aliases too."""
    from workbench.domain.slo.document import SloDocumentError, read_document

    text = ("kind: workbench/slos\nversion: 1\npersonas:\n- &p {name: Priya}\n- *p\n")
    with pytest.raises(SloDocumentError) as caught:
        read_document(text, "slos.yaml")
    assert caught.value.lines() == [
        "slos.yaml:5: personas[1]: uses the YAML alias *p; write the value out in full "
        "(aliases are not read)"]



def test_the_safe_reader_names_the_path_of_every_alias():
    from workbench.domain.yaml_doc import compose_safely

    node, found = compose_safely("a: &x 1\n? {k: v}\n: *x\nb: {c: [d, *x]}\n")
    assert node is None
    assert [(p.path, p.line) for p in found] == [("?", 3), ("b.c[1]", 4)]
    node, found = compose_safely("a: [1, {b: 2}]\n")
    assert found == [] and node is not None

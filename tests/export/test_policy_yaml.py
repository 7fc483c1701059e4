"""The error budget policy as native YAML: the round trip gives an equal policy (the demo's,
the starter's, hostile text, generated policies), every problem of a file is reported with
file, line and key path, nothing is returned when anything is wrong, and hostile files are
refused without harm."""

from __future__ import annotations

import textwrap
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbench.domain.lifecycle import Party
from workbench.domain.policy import (
    Action,
    Code,
    Condition,
    Consequence,
    Contact,
    Ends,
    Policy,
    Trigger,
    check_policy,
    make_policy,
    policy_values,
    starter_policy,
)
from workbench.errors import UsageError
from workbench.export import export_workspace
from workbench.export.policy_yaml import (
    KIND,
    MAX_BYTES,
    PolicyFileError,
    policy_document,
    read_policy_file,
    read_policy_path,
)
from workbench.store import policy_repo
from workbench.store.db import reading

STAMP = datetime(2026, 11, 25, 9, 0)
HEAD = "kind: workbench/error-budget-policy\nversion: 1\n"


def problems_of(text: str, source: str = "policy.yaml") -> list[str]:
    with pytest.raises(PolicyFileError) as caught:
        read_policy_file(textwrap.dedent(text), source)
    return caught.value.lines()


def hostile_policy() -> Policy:
    """Every text field full of what YAML, Markdown and slo-generator treat specially."""
    odd = 'a|b `x` *y* _z_ <b>bold</b> [l](u) #h ${HOME} \\n: - ? & * ! % @ "q" \'s\''
    return make_policy({
        "name": "Pay & ship | ${HOME}", "title": "# Policy <script>alert(1)</script>",
        "team": "No", "scope": {"services": ["yes", "1.5", "null"], "slos": ["~", odd[:60]]},
        "purpose": "Line one | `code`\n\n# not a heading\n1. not a list\n- nor this\n  indented",
        "conditions": [
            {"key": "${X}", "trigger": "burn-rate", "burn_rate": "14.4", "window": "1h",
             "description": odd, "consequences": [
                 {"action": "conduct", "activity": odd[:80], "detail": "detail\nwith lines"},
                 {"action": "assign", "people": "3"},
             ]},
            {"key": "true", "trigger": "dependency-share", "percent": "33.333333",
             "dependency": "npci | <switch>", "consequences": [
                 {"action": "stop", "activity": "releases <all>",
                  "allowed": ["fixes | *urgent*", "2026"], "ends": "next-period"},
                 {"action": "declare", "code": "yellow", "ends": "when-decided"},
             ]},
            {"key": "1", "trigger": "projected-exhaustion", "window": "90m",
             "consequences": [{"action": "assign", "share": "12.5"}]},
        ],
        "escalation": {"tiebreaker": "head | of <ops>", "procedure": "Call\n\nthen *write*",
                       "contacts": [{"name": "विक्रम सिंह 🚀", "role": "ops", "how": "#ops"},
                                    {"name": "Zoë"}]},
        "parties": [{"role": "operations"}, {"role": "product owner", "name": "Rahul | R"}],
        "review": {"next": "2027-02-28", "after_major_outage": False},
        "uid": "hostile-1",
    })


# === round trips ===============================================================================


def test_starter_policy_round_trips():
    policy = starter_policy("checkout", team="Checkout", services=["payments"],
                            today=date(2026, 11, 25))
    text = policy_document(policy, generated_at=STAMP)
    assert text.startswith(f"kind: {KIND}\nversion: 1\ngenerated_at: '2026-11-25T09:00:00'\n")
    assert read_policy_file(text, "p.yaml") == policy


def test_hostile_text_round_trips():
    policy = hostile_policy()
    text = policy_document(policy)
    assert read_policy_file(text, "h.yaml") == policy
    # Text that YAML would read as another type is quoted, and read back as text.
    data = yaml.safe_load(text)
    assert data["team"] == "No" and data["scope"]["services"] == ["yes", "1.5", "null"]


def test_demo_policies_round_trip(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"policies"},
                             generated_at=STAMP)
    native = sorted(p for p in paths if p.parent.name == "policies")
    assert [p.name for p in native] == ["checkout.yaml", "storefront.yaml"]
    with reading(engine) as session:
        stored = {s.policy.name: s.policy for s in policy_repo.list_policies(session,
                                                                            workspace.id)}
    for path in native:
        imported = read_policy_path(path)
        assert imported == replace(stored[imported.name], version=0)
        assert policy_document(imported, generated_at=STAMP) == path.read_text("utf-8")


TEXT = st.lists(st.sampled_from([*"abcXYZ019 -_:#'\"`|<>[]{}%&*!?,.\\/~^$@", "é", "🚀", "ह",
                                 "\u00a0", "\u200d"]), min_size=1, max_size=16).map("".join)
NAME = TEXT.filter(lambda t: any(ch.isalnum() for ch in t) and t.strip())
NUMBER = st.decimals(min_value=Decimal("0.01"), max_value=100, places=2, allow_nan=False,
                     allow_infinity=False).map(lambda d: format(d.normalize(), "f"))
WINDOW = st.sampled_from(["90m", "1h", "24h", "7d", "2w", "35d"])


@st.composite
def conditions(draw):
    found = []
    for index in range(draw(st.integers(0, 4))):
        trigger = draw(st.sampled_from(list(Trigger)))
        values = {"key": f"c{index}", "trigger": trigger.value}
        if trigger in (Trigger.CONSUMED, Trigger.CONSUMED_WITHIN, Trigger.DEPENDENCY):
            values["percent"] = draw(NUMBER)
        if trigger in (Trigger.CONSUMED_WITHIN, Trigger.BURN_RATE):
            values["window"] = draw(WINDOW)
        if trigger is Trigger.BURN_RATE:
            values["burn_rate"] = draw(NUMBER)
        if trigger is Trigger.DEPENDENCY and draw(st.booleans()):
            values["dependency"] = draw(NAME)
        values["description"] = draw(TEXT)
        values["consequences"] = [draw(st.sampled_from([
            {"action": "conduct", "activity": f"act {index}", "detail": "a\nb"},
            {"action": "assign", "people": 2, "ends": "when-decided"},
            {"action": "declare", "code": "red"},
        ]))]
        found.append(values)
    return found


@settings(max_examples=40, deadline=None)
@given(NAME, TEXT, conditions(), st.lists(NAME, max_size=3, unique_by=str.casefold),
       st.booleans())
def test_any_policy_round_trips(name, purpose, conds, services, outage):
    policy = make_policy({"name": name, "purpose": purpose, "conditions": conds,
                          "scope": {"services": services}, "review": {
                              "after_major_outage": outage}})
    assume(not check_policy(policy))  # the reader refuses duplicates, as the store does
    assert read_policy_file(policy_document(policy), "g.yaml") == policy
    assert policy_values(read_policy_file(policy_document(policy), "g.yaml")) == \
        policy_values(policy)


def test_a_minimal_hand_written_file_reads_values_as_typed():
    policy = read_policy_file(HEAD + textwrap.dedent("""\
        name: 2026
        team: No
        conditions:
        - key: fast
          trigger: Burn Rate
          burn_rate: 14.4
          window: 1H
          consequences:
          - {action: Conduct, activity: yes}
          - {action: assign, people: 2}
          - {action: declare, code: RED}
        review: {next: 2027-02-24, after_major_outage: yes}
        """), "hand.yaml")
    assert (policy.name, policy.team) == ("2026", "No")
    [cond] = policy.conditions
    assert cond.trigger is Trigger.BURN_RATE and cond.burn_rate == Decimal("14.4")
    assert cond.window == timedelta(hours=1)
    assert cond.consequences == (Consequence(Action.CONDUCT, activity="yes"),
                                 Consequence(Action.ASSIGN, people=2),
                                 Consequence(Action.DECLARE, code=Code.RED))
    assert policy.next_review == date(2027, 2, 24) and policy.review_after_major_outage
    assert policy.version == 0


def test_strings_are_contacts_and_parties():
    policy = read_policy_file(HEAD + textwrap.dedent("""\
        name: x
        escalation: {contacts: [Asha Rao]}
        parties: [operations, {role: product owner, name: Rahul}]
        """), "s.yaml")
    assert policy.contacts == (Contact("Asha Rao"),)
    assert policy.parties == (Party("operations"), Party("product owner", "Rahul"))


# === problems: one line each, with file, line and key path =======================================


def test_every_problem_is_reported_in_line_order():
    text = textwrap.dedent("""\
        kind: workbench/error-budget-policy
        version: 2
        name: ''
        colour: blue
        scope: {services: payments, slos: {a: 1}}
        conditions:
        - key: fast
          trigger: burn-rate
          window: 36d
          percent: '30'
          consequences:
          - action: halt
          - action: stop
            activity: releases
            ends: when-decided
        - key: FAST
          trigger: sideways
        - just text
        escalation:
          contacts:
          - {role: ops}
        review: {next: 2027-02-30, after_major_outage: maybe}
        """)
    assert problems_of(text) == [
        "policy.yaml:2: version: 2 is not supported (use version: 1)",
        "policy.yaml:3: name: is empty; write it out",
        "policy.yaml:4: colour: is not a known key; use one of: name, title, team, scope, "
        "purpose, conditions, escalation, parties, review, uid",
        "policy.yaml:5: scope.slos: must be a list",
        "policy.yaml:7: conditions[0].burn_rate: a burn-rate condition needs it; e.g. 14.4",
        "policy.yaml:9: conditions[0].window: 36d is out of range; use from 1m to 35d",
        "policy.yaml:10: conditions[0].percent: a burn-rate condition has no percent; "
        "remove it",
        "policy.yaml:12: conditions[0].consequences[0].action: 'halt' is not one of: assign, "
        "conduct, stop, declare",
        "policy.yaml:15: conditions[0].consequences[1].ends: a freeze must end on the "
        "figures; use when-cleared or next-period",
        "policy.yaml:16: conditions[1].key: 'FAST' is used by another condition; give each "
        "condition its own key",
        "policy.yaml:17: conditions[1].trigger: 'sideways' is not one of: consumed, "
        "consumed-within, burn-rate, projected-exhaustion, dependency-share, exhausted",
        "policy.yaml:18: conditions[2]: must be a mapping of keys to values",
        "policy.yaml:21: escalation.contacts[0].name: is empty; write it out",
        "policy.yaml:22: review.next: '2027-02-30' is not a date; write YYYY-MM-DD, e.g. "
        "2027-03-01",
        "policy.yaml:22: review.after_major_outage: must be true or false",
    ]


def test_the_line_of_a_missing_key_is_its_entry():
    text = HEAD + textwrap.dedent("""\
        name: x
        conditions:
        - key: a
          trigger: consumed
          consequences:
          - action: conduct
        """)
    assert problems_of(text) == [
        "policy.yaml:5: conditions[0].percent: a consumed condition needs it; e.g. 70",
        "policy.yaml:8: conditions[0].consequences[0].activity: say which activity; e.g. "
        "postmortem",
    ]


def test_contradictions_are_reported_once_the_shape_is_valid():
    text = HEAD + textwrap.dedent("""\
        name: x
        conditions:
        - key: a
          trigger: consumed
          percent: 70
          consequences: [{action: conduct, activity: releases}]
        - key: b
          trigger: consumed
          percent: 70
          consequences: [{action: stop, activity: Releases, ends: next-period}]
        """)
    assert problems_of(text) == [
        "policy.yaml:9: conditions[1]: has the same trigger and figures as condition a "
        "(conditions[0]); merge their consequences into one",
        "policy.yaml:12: conditions[1].consequences[0]: stops 'releases', which condition a "
        "(conditions[0].consequences[0]) conducts; both can apply at once, so keep one",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["policy.yaml: (document): must be a mapping that starts with kind: "
          "workbench/error-budget-policy and version: 1"]),
    ("- a\n", ["policy.yaml:1: (document): must be a mapping that starts with kind: "
               "workbench/error-budget-policy and version: 1"]),
    ("version: 1\nname: x\n", ["policy.yaml:1: kind: is required; add kind: "
                               "workbench/error-budget-policy"]),
    ("kind: workbench/error-budget-policy\nname: x\n",
     ["policy.yaml:1: version: is required; add version: 1"]),
    ("kind: workbench/stakeholder-chart\nversion: 1\nname: x\n",
     ["policy.yaml:1: kind: is 'workbench/stakeholder-chart'; an error budget policy has "
      "kind: workbench/error-budget-policy"]),
    (HEAD + "version: '1'\nname: x\n", ["policy.yaml:3: version: appears twice; keep one"]),
    (HEAD.replace("1", "'1'") + "name: x\n",
     ["policy.yaml:2: version: '1' is not supported (use version: 1)"]),
    (HEAD, ["policy.yaml:1: name: is empty; write it out"]),
    (HEAD + "name: x\nname: y\n", ["policy.yaml:4: name: appears twice; keep one"]),
    (HEAD + "name: '!!!'\n", ["policy.yaml:3: name: needs at least one letter or digit"]),
    (HEAD + "name: " + "n" * 61 + "\n",
     ["policy.yaml:3: name: is 61 characters long; use at most 60"]),
    (HEAD + "name: \"a\\u0007b\"\n",
     ["policy.yaml:3: name: contains a control character; remove it"]),
    (HEAD + "name: [x]\n", ["policy.yaml:3: name: must be text, not list"]),
    (HEAD + "name: x\nconditions: {a: 1}\n", ["policy.yaml:4: conditions: must be a list"]),
    (HEAD + "name: x\npurpose: !!python/object:os.system x\n",
     ["policy.yaml:4: purpose: has the YAML tag 'tag:yaml.org,2002:python/object:os.system', "
      "which this format does not use; remove the tag"]),
    (HEAD + "name: x\n---\nname: y\n",
     ["policy.yaml:4: (document): the file holds more than one YAML document (a line '---' "
      "starts another); keep one"]),
    (HEAD + "name: &n x\ntitle: *n\n",
     ["policy.yaml:4: title: uses the YAML alias *n; write the value out in full (aliases "
      "are not read)"]),
    (HEAD + "name: x\nconditions: [[[[[[[[x]]]]]]]]\n",
     ["policy.yaml:4: conditions[0][0][0][0][0][0][0]: is nested more than 8 levels deep; "
      "flatten it"]),
    (HEAD + "name: x\nconditions:\n- key: a\n  trigger: consumed\n  percent: 1e3\n"
     "  consequences: [{action: declare, code: red}]\n",
     ["policy.yaml:7: conditions[0].percent: 1e3 is out of range; use more than 0 and at "
      "most 100"]),
    (HEAD + "name: x\nconditions:\n- key: a\n  trigger: consumed\n  percent: .inf\n"
     "  consequences: [{action: declare, code: red}]\n",
     ["policy.yaml:7: conditions[0].percent: '.inf' is not a number; e.g. 70"]),
])
def test_each_kind_of_problem(text, expected):
    assert problems_of(text) == expected


def test_invalid_yaml_is_one_problem_with_its_line():
    [line] = problems_of(HEAD + "name: x\nconditions: [a, b\n")
    assert line.startswith("policy.yaml:5: (document): not valid YAML: ") or \
        line.startswith("policy.yaml:4: (document): not valid YAML: "), line
    assert line.endswith("; fix the syntax")


def test_the_error_is_a_usage_error_with_one_line_message(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(HEAD + "name: ''\ncolour: x\nsize: y\nshape: z\n", encoding="utf-8")
    result = None
    with pytest.raises(PolicyFileError) as caught:
        result = read_policy_path(path)
    assert result is None
    error = caught.value
    assert isinstance(error, UsageError) and error.exit_code == 2 and error.topic == "policy"
    assert len(error.lines()) == 4 and error.lines()[0] == f"{path}:3: name: is empty; write it out"
    message = str(error)
    assert "\n" not in message and message.startswith(f"4 problems: {path}:3: name:")
    assert message.endswith(" | and 1 more")


def test_a_missing_or_odd_path_is_one_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        read_policy_path(tmp_path / "nope.yaml")
    with pytest.raises(UsageError, match="is a folder"):
        read_policy_path(tmp_path)


# === hostile files ===============================================================================


def test_an_alias_bomb_is_refused_quickly():
    lines = [HEAD + "name: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 30):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    start = time.perf_counter()
    found = problems_of("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2
    assert found[0] == ("policy.yaml:5: a1[0]: uses the YAML alias *a0; write the value out "
                        "in full (aliases are not read)")


def test_deep_nesting_and_countless_values_are_refused():
    deep = problems_of(HEAD + "name: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert len(deep) == 1 and "nest" in deep[0]
    many = HEAD + "name: x\npurpose:\n" + "- x\n" * 30_000
    [line] = problems_of(many)
    assert "holds more than 20000 values" in line


def test_an_oversized_text_is_refused_before_parsing():
    text = HEAD + "name: x\n" + "#" * MAX_BYTES
    assert problems_of(text) == [
        f"policy.yaml: (document): is {len(text)} characters long (at most {MAX_BYTES}); "
        "check that this is an error budget policy"]


def test_the_largest_policy_fits():
    consequence = {"action": "stop", "activity": "a" * 80, "allowed": [f"x{i}" * 20
                                                                       for i in range(10)],
                   "detail": "d" * 500, "ends": "next-period"}
    policy = make_policy({
        "name": "n" * 60, "purpose": "p" * 2000, "conditions": [
            {"key": f"k{i}", "trigger": "consumed", "percent": str(i + 1),
             "consequences": [dict(consequence, activity=f"{i}-{j}" + "a" * 70)
                              for j in range(10)]} for i in range(30)]})
    text = policy_document(policy)
    assert len(text.encode("utf-8")) < MAX_BYTES
    assert read_policy_file(text, "big.yaml") == policy


def test_condition_values_survive_as_exact_decimals():
    policy = Policy("x", conditions=(Condition(
        "c", Trigger.BURN_RATE, window=timedelta(minutes=90), burn_rate=Decimal("0.000001"),
        consequences=(Consequence(Action.ASSIGN, share=Decimal("33.333333")),)),))
    back = read_policy_file(policy_document(policy), "d.yaml")
    assert back.conditions[0].burn_rate == Decimal("0.000001")
    assert back.conditions[0].consequences[0].share == Decimal("33.333333")
    assert back.conditions[0].consequences[0].ends is Ends.CLEARED

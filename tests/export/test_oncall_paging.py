"""The paging-tool YAML of an on-call agreement, checked against the paging tool's own rules
(``pagerduty_rules``: PagerDuty's REST schema and its Terraform provider's validation), its
layers reproducing the generated schedule, restrictions from coverage, overrides from
stand-ins and overrides, and what cannot be expressed refused part by part."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml

from tests.export.pagerduty_rules import pagerduty_problems
from workbench.domain.lifecycle import LifecycleState
from workbench.domain.oncall import Rules, make_agreement
from workbench.domain.organisation import ArtifactStatus
from workbench.errors import UsageError
from workbench.export import export_workspace
from workbench.export.oncall_page import OnCallPage
from workbench.export.oncall_paging import layer_users, paging_text, paging_values
from workbench.store.demo_oncall import checkout, platform

DAY = date(2026, 11, 25)


class Stored:
    def __init__(self, agreement):
        self.agreement = agreement
        self.state = LifecycleState(ArtifactStatus.DRAFT, 1, ())
        self.in_force_number = None
        self.revisions = 1
        self.last_saved = None


def page_of(values, as_of=DAY, weeks=8) -> OnCallPage:
    return OnCallPage.build(Stored(make_agreement(values)), as_of, rules=Rules(), targets={},
                            weeks=weeks)


@pytest.mark.parametrize("values", [checkout(DAY), platform(DAY)])
def test_the_demo_agreements_follow_the_paging_tools_rules(values):
    page = page_of(values)
    text = paging_text(page)
    document = yaml.safe_load(text)
    assert pagerduty_problems(document) == []
    assert document == paging_values(page)
    assert text.startswith("# Paging-tool schedules and escalation policies of the on-call ")


def test_the_oracle_catches_what_the_tool_refuses():
    document = paging_values(page_of(checkout(DAY)))
    layer = document["schedules"][0]["schedule_layers"][0]
    layer["rotation_turn_length_seconds"] = 60
    layer["restrictions"] = [{"type": "daily_restriction", "start_time_of_day": "9:00",
                              "duration_seconds": 86400, "start_day_of_week": 1},
                             {"type": "monthly", "start_time_of_day": "09:00:00",
                              "duration_seconds": 10}]
    policy = document["escalation_policies"][0]
    policy["num_loops"] = 10
    policy["escalation_rules"][0]["escalation_delay_in_minutes"] = 0
    policy["escalation_rules"][1]["targets"] = [{"id": "nope", "type": "schedule_reference"}]
    del document["schedules"][1]["time_zone"]
    assert pagerduty_problems(document) == [
        "schedules[0].schedule_layers[0].rotation_turn_length_seconds: must be 3600 to 365 "
        "days",
        "schedules[0].schedule_layers[0].restrictions[0].start_time_of_day: must be HH:MM:SS",
        "schedules[0].schedule_layers[0].restrictions[0].duration_seconds: must be shorter "
        "than a day for a daily restriction",
        "schedules[0].schedule_layers[0].restrictions[0].start_day_of_week: is only for a "
        "weekly restriction",
        "schedules[0].schedule_layers[0].restrictions[1].type: 'monthly' is not one of "
        "('daily_restriction', 'weekly_restriction')",
        "schedules[1].time_zone: is required",
        "escalation_policies[0].num_loops: must be 0 to 9",
        "escalation_policies[0].escalation_rules[0].escalation_delay_in_minutes: must be at "
        "least 1",
        "escalation_policies[0].escalation_rules[1].targets[0].id: 'nope' is not in this file",
    ]


def test_layer_users_reproduce_every_turn_of_the_schedule():
    page = page_of(checkout(DAY), weeks=16)
    plan = page.plans[0]
    rotation = plan.rotation
    n = len(rotation.members)
    for role in rotation.roles:
        users = layer_users(rotation, role)
        assert sorted(users) == sorted(rotation.members)
        for turn in plan.schedule.turns:
            slot = next(s for s in turn.slots if s.role == role)
            assert users[turn.index % n] == slot.planned


def test_a_checkout_schedule_per_role_with_its_start_turn_and_overrides():
    document = paging_values(page_of(checkout(DAY)))
    main, backup = document["schedules"]
    assert (main["name"], main["time_zone"], main["id"]) == (
        "Checkout 24x7: main", "Asia/Kolkata", "checkout-24x7-main")
    [layer] = main["schedule_layers"]
    assert layer["start"] == layer["rotation_virtual_start"] == "2026-10-26T10:00:00+05:30"
    assert layer["rotation_turn_length_seconds"] == 7 * 24 * 3600
    assert layer["restrictions"] == []
    assert [u["user"]["id"] for u in backup["schedule_layers"][0]["users"]][:2] == [
        "lakshmi-menon", "rahul-verma"]
    # the swapped turn (override) and the stand-in for the person away
    assert main["overrides"] == [{"start": "2026-12-14T10:00:00+05:30",
                                  "end": "2026-12-21T10:00:00+05:30",
                                  "user": {"id": "sneha-pillai", "type": "user_reference"}}]
    assert [o["user"]["id"] for o in backup["overrides"]] == ["farhan-ali"]
    [policy] = document["escalation_policies"]
    assert policy["num_loops"] == 3
    assert [(r["escalation_delay_in_minutes"], r["targets"]) for r in
            policy["escalation_rules"]] == [
        (60, [{"id": "checkout-24x7-main", "type": "schedule_reference"}]),
        (120, [{"id": "checkout-24x7-backup", "type": "schedule_reference"}]),
        (240, [{"id": "anita-desai", "type": "user_reference"}])]


def test_business_hours_become_weekly_restrictions_and_daily_windows_daily_ones():
    document = paging_values(page_of(platform(DAY)))
    [schedule] = document["schedules"]
    restrictions = schedule["schedule_layers"][0]["restrictions"]
    assert restrictions == [{"type": "weekly_restriction", "start_time_of_day": "09:00:00",
                             "duration_seconds": 8 * 3600, "start_day_of_week": d}
                            for d in range(1, 6)]
    values = platform(DAY)
    values["rotations"][0].update({"coverage": "custom", "windows": [
        {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "from": "07:00",
         "to": "23:00"}, {"days": ["sat"], "from": "00:00", "to": "24:00"}]})
    document = paging_values(page_of(values))
    assert document["schedules"][0]["schedule_layers"][0]["restrictions"] == [
        {"type": "daily_restriction", "start_time_of_day": "07:00:00",
         "duration_seconds": 16 * 3600},
        {"type": "weekly_restriction", "start_time_of_day": "00:00:00",
         "duration_seconds": 24 * 3600, "start_day_of_week": 6}]
    assert pagerduty_problems(document) == []


def test_a_fixed_rotation_lists_one_person_and_a_two_backup_one_three_schedules():
    values = platform(DAY)
    values["rotations"][0]["shape"] = "fixed"
    [schedule] = paging_values(page_of(values))["schedules"]
    assert [u["user"]["id"] for u in schedule["schedule_layers"][0]["users"]] == [
        "karan-malhotra"]
    values["rotations"][0]["shape"] = "main-two-backups"
    values["rotations"][0]["coverage"] = "24x7"
    document = paging_values(page_of(values))
    assert [s["name"] for s in document["schedules"]] == [
        "Platform business hours: main", "Platform business hours: backup",
        "Platform business hours: backup 2"]
    firsts = [s["schedule_layers"][0]["users"][0]["user"]["id"] for s in document["schedules"]]
    assert firsts == ["karan-malhotra", "divya-krishnan", "pooja-bhatt"]  # 5*j//3: 0, 1, 3
    assert pagerduty_problems(document) == []


def test_a_role_level_without_a_person_cannot_be_expressed():
    values = checkout(DAY)
    values["escalations"][0]["levels"] = [
        {"role": "engineering manager", "delay": 30},
        {"rotation": "Checkout 24x7", "role": "main", "delay": 0},
        {"role": "whole team", "delay": 60}]
    with pytest.raises(UsageError) as caught:
        paging_values(page_of(values))
    assert caught.value.problems == (
        "escalations[0].levels[0].person: the role engineering manager names nobody, and a "
        "paging tool pages people or schedules (name who holds it: person: NAME)",
        "escalations[0].levels[1].delay: 0 minutes cannot be set in a paging tool, which "
        "waits at least 1 minute (set delay: 1 or more)",
        "escalations[0].levels[2].person: the role whole team names nobody, and a paging "
        "tool pages people or schedules (name who holds it: person: NAME)")
    assert "\n" not in str(caught.value)


def test_a_rotation_without_members_or_start_cannot_be_expressed():
    values = platform(DAY)
    values["rotations"][0].update({"members": []})
    del values["rotations"][0]["start"]
    with pytest.raises(UsageError) as caught:
        paging_values(page_of(values))
    assert [p.split(":")[0] for p in caught.value.problems] == [
        "rotations[0].members", "rotations[0].start"]


def test_hostile_names_stay_inside_yaml_values_and_comments():
    values = checkout(DAY)
    values["team"] = "T"
    page = page_of(values)
    evil = "x\u2028schedules: []\u0085# y"
    rotation = page.plans[0].schedule
    page = OnCallPage(**{**page.__dict__, "plans": (
        type(page.plans[0])(page.plans[0].rotation,
                            type(rotation)(**{**rotation.__dict__, "notes": (evil,)}),
                            page.plans[0].fairness),)})
    text = paging_text(page)
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert len(comments) == 3 and "schedules: []" in comments[2]
    assert pagerduty_problems(yaml.safe_load(text)) == []


def test_the_workspace_export_writes_one_paging_file_per_agreement(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"paging"}, {"oncall"},
                             today=DAY)
    assert [p.name for p in paths] == ["checkout-paging.yaml", "platform-paging.yaml"]
    for path in paths:
        assert pagerduty_problems(yaml.safe_load(path.read_text("utf-8"))) == []
    later = export_workspace(engine, workspace, tmp_path / "later", {"paging"}, {"oncall"},
                             today=DAY + timedelta(weeks=20))
    assert "overrides: []" in later[0].read_text("utf-8")

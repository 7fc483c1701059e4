"""The on-call agreement's values: every part read and written back unchanged, every problem
named by its part, the out-of-hours rule of the book's section 7.6.1 with the workspace's
thresholds (and the cases it leaves to the coach), the checks against the workspace and what
must be written before it can be agreed."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from workbench.domain.oncall import (
    AgreementProblems,
    Coverage,
    Demand,
    LevelKind,
    OutOfHours,
    Rules,
    Shape,
    Window,
    agreement_values,
    check_agreement,
    make_agreement,
    missing_parts,
    read_agreement,
    read_rules,
    recommend,
    rules_values,
)
from workbench.domain.oncall.starter import starter_agreement

FULL = {
    "team": "Checkout", "uid": "abc",
    "decisions": [{"service": "orders", "target": "99.95", "demand": "daily",
                   "chosen": "team", "reason": "deployed daily", "decided": "2026-11-20"}],
    "rotations": [{
        "name": "Main", "members": ["A", "B", "C"], "shape": "main-two-backups",
        "coverage": "custom",
        "windows": [{"days": ["mon", "tue"], "from": "08:00", "to": "24:00"},
                    {"days": ["sat"], "from": "10:00", "to": "14:00"}],
        "turn_days": 14, "handover": {"day": "wed", "time": "10:30"},
        "zone": "Europe/Berlin", "start": "2027-01-06",
        "unavailable": [{"person": "B", "from": "2027-02-01", "to": "2027-02-03",
                         "note": "course"}],
        "overrides": [{"day": "2027-01-20", "role": "backup-2", "person": "Z", "note": "x"}],
    }],
    "escalations": [{"name": "Pages", "levels": [
        {"rotation": "Main", "role": "main", "delay": 60},
        {"rotation": "Main", "role": "backup", "delay": 120},
        {"role": "engineering manager", "person": "Dana", "delay": 240},
        {"person": "Eve", "delay": 0}], "repeats": 3}],
    "rings": [{"number": 2, "groups": ["leadership"]}, {"number": 1, "groups": ["product"]}],
    "priorities": [{"name": "P1", "criteria": "down", "response": "hotfix", "hotfix": True,
                    "postmortem": True, "management": True, "update_hours": 2,
                    "rings": [2, 1], "example": "no log-on"}],
    "severities": [{"name": "critical", "criteria": "most users",
                    "roles": ["incident commander", "communications lead"]}],
    "postmortem": ["every P1"], "compensation": "paid", "working_time": "12 h at most",
    "parties": [{"role": "operations"}, {"role": "coach", "name": "Meera"}],
}


def test_every_part_reads_and_writes_back_unchanged():
    agreement = make_agreement(FULL)
    rotation = agreement.rotations[0]
    assert rotation.shape is Shape.MAIN_TWO_BACKUPS and rotation.roles == (
        "main", "backup", "backup-2")
    assert rotation.windows == (Window((0, 1), time(8, 0), None),
                                Window((5,), time(10, 0), time(14, 0)))
    assert rotation.coverage_windows()[0].minutes == 16 * 60
    assert (rotation.handover_day, rotation.handover_time) == (2, time(10, 30))
    assert rotation.unavailable[0].end == date(2027, 2, 3)
    levels = agreement.escalations[0].levels
    assert [lv.kind for lv in levels] == [LevelKind.ROTATION, LevelKind.ROTATION,
                                          LevelKind.ROLE, LevelKind.PERSON]
    assert [lv.delay for lv in levels] == [60, 120, 240, 0]
    assert [g.number for g in agreement.rings] == [1, 2]  # sorted inside out
    assert agreement.priorities[0].rings == (1, 2)
    assert agreement.decisions[0].target == Decimal("99.95")
    again, problems = read_agreement(agreement_values(agreement))
    assert problems == [] and again == agreement


def test_an_unquoted_yaml_time_of_day_is_read_as_the_time_it_shows():
    # YAML 1.1 reads 09:30 as 570 (minutes in base 60): the reader turns it back.
    values = {"team": "T", "rotations": [{"name": "R", "handover": {"time": 570}}]}
    assert make_agreement(values).rotations[0].handover_time == time(9, 30)


@pytest.mark.parametrize(("change", "part", "words"), [
    ({"shape": "pair"}, "rotations[0].shape", "not one of"),
    ({"zone": "Mars/Olympus"}, "rotations[0].zone", "not a known time zone"),
    ({"zone": "../etc/passwd"}, "rotations[0].zone", "not a known time zone"),
    ({"turn_days": 0}, "rotations[0].turn_days", "use 1 to 28"),
    ({"turn_days": 1.5}, "rotations[0].turn_days", "not a whole number"),
    ({"handover": {"day": "someday"}}, "rotations[0].handover.day", "not a weekday"),
    ({"handover": {"time": "25:00"}}, "rotations[0].handover.time", "not a time of day"),
    ({"windows": [{"days": ["mon"], "from": "09:00", "to": "17:00"}]}, "rotations[0].windows",
     "only for custom coverage"),
    ({"coverage": "custom", "windows": [{"days": ["mon"], "from": "18:00", "to": "02:00"}]},
     "rotations[0].windows[0].to", "split one that crosses midnight"),
    ({"coverage": "custom"}, "rotations[0].windows", "needs at least one window"),
    ({"overrides": [{"day": "2027-01-04", "role": "backup", "person": "A"}]},
     "rotations[0].overrides[0].role", "not a role of a one rotating person rotation"),
    ({"unavailable": [{"person": "A", "from": "2027-01-05", "to": "2027-01-04"}]},
     "rotations[0].unavailable[0].to", "before"),
    ({"members": ["A", "a"]}, "rotations[0].members[1]", "listed twice"),
    ({"colour": "red"}, "rotations[0].colour", "not a known key"),
])
def test_each_problem_of_a_rotation_names_its_part(change, part, words):
    rotation = {"name": "R", "members": ["A", "B"], **change}
    _, problems = read_agreement({"team": "T", "rotations": [rotation]})
    assert any(p.part == part and words in p.message for p in problems), problems


def test_every_problem_is_reported_at_once():
    with pytest.raises(AgreementProblems) as caught:
        make_agreement({"team": "", "priorities": [{"name": f"P{n}"} for n in range(6)],
                        "escalations": [{"name": "E", "levels": [{"delay": 5}],
                                         "repeats": 12}],
                        "decisions": [{"service": "a", "target": 0.999},
                                      {"service": "A", "demand": "hourly"}]})
    parts = {p.part for p in caught.value.problems}
    assert {"team", "priorities", "escalations[0].levels[0]", "escalations[0].repeats",
            "decisions[0].target", "decisions[1].demand", "decisions[1].service"} <= parts


# The rule with the default thresholds (low 99.5, high 99.9, high demand = daily).
@pytest.mark.parametrize(("target", "demand", "outcome"), [
    ("99", Demand.SEVERAL_A_DAY, OutOfHours.NONE),
    ("99.49", None, OutOfHours.NONE),
    ("99.5", Demand.QUARTERLY, OutOfHours.DOMAIN),
    ("99.89", Demand.DAILY, OutOfHours.DOMAIN),
    ("99.9", Demand.DAILY, OutOfHours.TEAM),
    ("99.99", Demand.SEVERAL_A_DAY, OutOfHours.TEAM),
    ("99.9", Demand.WEEKLY, None),        # high target, low demand: not covered
    ("99.95", None, None),                # demand unknown where the rule needs it
    (None, Demand.DAILY, None),           # no target at all
])
def test_the_out_of_hours_rule_and_the_cases_it_leaves_to_the_coach(target, demand, outcome):
    found = recommend(Decimal(target) if target else None, demand, Rules())
    assert found.outcome is outcome
    if outcome is None:
        assert found.title == "coach decision needed" and found.why


def test_the_workspace_thresholds_change_the_rule():
    rules, problems = read_rules({"low_target": "99", "high_target": "99.5",
                                  "high_demand": "weekly"})
    assert problems == []
    assert recommend(Decimal("99.6"), Demand.WEEKLY, rules).outcome is OutOfHours.TEAM
    assert recommend(Decimal("99.2"), Demand.WEEKLY, rules).outcome is OutOfHours.DOMAIN
    assert read_rules(rules_values(rules)) == (rules, [])


@pytest.mark.parametrize(("values", "part"), [
    ({"max_share": 51}, "max_share"),          # never more than 50%
    ({"low_target": "99.9", "high_target": "99"}, "high_target"),
    ({"business_hours": {"from": "17:00", "to": "09:00"}}, "business_hours.to"),
    ({"min_people_per_role": 0}, "min_people_per_role"),
])
def test_bad_rules_are_refused_by_part(values, part):
    _, problems = read_rules(values)
    assert [p.part for p in problems] == [part]


def test_checks_against_the_workspace_and_the_agreement_itself():
    values = dict(FULL, escalations=[{"name": "E", "levels": [
        {"rotation": "Nope"}, {"rotation": "Main", "role": "backup"}]}],
        priorities=[{"name": "P1", "rings": [7]}])
    values["rotations"] = [dict(FULL["rotations"][0], shape="main-backup", overrides=[],
                                unavailable=[{"person": "Q", "from": "2027-01-01"}])]
    found = {p.part: p.message for p in check_agreement(make_agreement(values),
                                                        teams=["Shop"])}
    assert set(found) == {"team", "escalations[0].levels[0].rotation",
                          "rotations[0].unavailable[0].person", "priorities[0].rings"}
    assert "ring 7 is not defined" in found["priorities[0].rings"]
    assert check_agreement(make_agreement(FULL), teams=["checkout"]) == []


def test_what_is_missing_before_the_agreement_can_be_agreed():
    starter = starter_agreement("Checkout", ("orders",))
    assert [m.part for m in missing_parts(starter)] == [
        "decisions[0].chosen", "rotations", "escalations"]
    assert len(starter.priorities) == 3 and len(starter.severities) == 3
    assert missing_parts(make_agreement(FULL)) == ()
    thin = make_agreement(dict(FULL, rotations=[{"name": "R", "members": ["A"],
                                                 "shape": "main-backup"}]))
    assert [m.part for m in missing_parts(thin)] == ["rotations[0].members",
                                                     "rotations[0].start"]


def test_coverage_presets_are_the_hours_their_names_say():
    hours = {c: sum(w.minutes * len(w.days) for w in
                    make_agreement({"team": "T", "rotations": [
                        {"name": "R", "coverage": c.value}]}).rotations[0].coverage_windows())
             // 60 for c in Coverage if c is not Coverage.CUSTOM}
    assert hours == {Coverage.H8X5: 40, Coverage.H12X5: 60, Coverage.H18X5: 90,
                     Coverage.H24X7: 168}

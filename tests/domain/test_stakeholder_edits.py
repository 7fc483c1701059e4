"""Pure changes to a chart (add, edit, remove, flip, replan) and the revision snapshot."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.domain.stakeholders import (
    MAX_STAKEHOLDERS,
    Chart,
    ContactPlan,
    Group,
    Level,
    Quadrant,
    Stage,
    Stakeholder,
    StakeholderError,
    Stance,
    chart_from_snapshot,
    chart_snapshot,
    default_plan,
    make_plan,
    make_stakeholder,
)
from workbench.domain.stakeholders.edits import (
    UnknownStakeholder,
    added,
    edited,
    flipped,
    removed,
    replanned,
    same_content,
)

H, L = Level.HIGH, Level.LOW

ASHA = make_stakeholder({
    "name": "Asha Rao", "role": "Head of Operations", "group": "operations", "power": "high",
    "interest": "high", "stance": "supporter", "influence": "high", "stage": "agreement",
    "owner": "Priya", "last_contact": "2026-11-02", "next_action": "Monthly review",
    "next_action_due": "2026-12-01", "notes": "Prefers\nshort notes", "uid": "asha"})
BEN = make_stakeholder({"name": "Ben Ito", "power": "high", "interest": "low", "uid": "ben"})
CEM = make_stakeholder({"name": "Cem Kaya", "power": "low", "interest": "low", "uid": "cem"})
PLAN = default_plan().with_contact(Quadrant.MONITOR, ContactPlan(60, "Look in"))
CHART = Chart((ASHA, BEN, CEM), PLAN, version=4)


def names(people) -> list[str]:
    return [p.name for p in people]


# --- added ----------------------------------------------------------------------------------


def test_added_appends_and_keeps_the_plan():
    dana = make_stakeholder({"name": "Dana", "power": "low", "interest": "high", "uid": "d"})
    people, plan = added(CHART, dana)
    assert people == (ASHA, BEN, CEM, dana)
    assert plan is PLAN
    assert added(Chart(), dana) == ((dana,), default_plan())


@pytest.mark.parametrize("name", ["Ben Ito", "ben ito", "BEN   ITO"])
def test_added_refuses_a_name_on_the_chart(name):
    twin = Stakeholder(name, L, L, uid="other")
    with pytest.raises(StakeholderError) as info:
        added(CHART, twin)
    assert info.value.field == "name"
    assert info.value.message == (f"{name!r} is already on the chart (edit them, or use "
                                  "another name)")


def test_added_refuses_a_uid_on_the_chart():
    with pytest.raises(StakeholderError) as info:
        added(CHART, Stakeholder("Dana", L, L, uid="ben"))
    assert info.value.message == "'Dana' has the same uid as 'Ben Ito' (remove one uid)"


def test_added_refuses_one_too_many():
    full = Chart(tuple(Stakeholder(f"P{i}", L, L, uid=f"u{i}")
                       for i in range(MAX_STAKEHOLDERS - 1)))
    people, _ = added(full, Stakeholder("Last", L, L, uid="last"))
    assert len(people) == MAX_STAKEHOLDERS
    with pytest.raises(StakeholderError) as info:
        added(Chart(people), Stakeholder("Extra", L, L, uid="extra"))
    assert str(info.value) == "name: the chart has 501 people (at most 500)"


# --- edited ---------------------------------------------------------------------------------


def test_edited_changes_only_what_is_given():
    people, plan = edited(CHART, "asha rao", {"stance": "Detractor", "power": "LOW"})
    assert plan is PLAN
    new = people[0]
    assert (new.stance, new.power, new.quadrant) == (Stance.DETRACTOR, L,
                                                     Quadrant.KEEP_INFORMED)
    assert (new.name, new.role, new.group, new.influence, new.stage, new.owner) == (
        "Asha Rao", "Head of Operations", Group.OPERATIONS, H, Stage.AGREEMENT, "Priya")
    assert (new.last_contact, new.next_action, new.next_action_due, new.notes, new.uid) == (
        date(2026, 11, 2), "Monthly review", date(2026, 12, 1), "Prefers\nshort notes",
        "asha")
    assert people[1:] == (BEN, CEM)


def test_edited_without_changes_is_the_same_person():
    assert edited(CHART, "Ben Ito", {}) == (CHART.people, PLAN)


def test_edited_renames_in_place_keeping_the_uid():
    people, _ = edited(CHART, "Ben Ito", {"name": "  Benjamin   Ito "})
    assert names(people) == ["Asha Rao", "Benjamin Ito", "Cem Kaya"]
    assert people[1].uid == "ben"


def test_edited_allows_a_change_of_case():
    people, _ = edited(CHART, "Ben Ito", {"name": "BEN ITO"})
    assert names(people) == ["Asha Rao", "BEN ITO", "Cem Kaya"]


@pytest.mark.parametrize("onto", ["Cem Kaya", "cem  KAYA"])
def test_edited_refuses_a_rename_onto_another_person(onto):
    with pytest.raises(StakeholderError) as info:
        edited(CHART, "Ben Ito", {"name": onto})
    assert str(info.value) == f"name: {' '.join(onto.split())!r} is already on the chart " \
                              "(use another name)"


def test_edited_never_changes_the_uid():
    people, _ = edited(CHART, "Ben Ito", {"uid": "hacked", "role": "CFO"})
    assert (people[1].uid, people[1].role) == ("ben", "CFO")


@pytest.mark.parametrize("blank", [None, ""])
def test_edited_clears_optional_fields(blank):
    fields = ["role", "group", "stance", "influence", "stage", "owner", "last_contact",
              "next_action", "next_action_due", "notes"]
    people, _ = edited(CHART, "Asha Rao", dict.fromkeys(fields, blank))
    cleared = people[0]
    assert cleared == Stakeholder("Asha Rao", H, H, uid="asha")
    assert cleared.group is Group.OTHER


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"power": None}, "power", "is missing (use one of: high, low)"),
    ({"interest": "medium"}, "interest", "'medium' is not allowed (use one of: high, low)"),
    ({"name": ""}, "name", "is empty (write it out)"),
    ({"quadrant": "monitor"}, "quadrant", "is not a field of a stakeholder (use: name, role, "
     "group, power, interest, stance, influence, stage, owner, last_contact, next_action, "
     "next_action_due, notes, uid)"),
    ({"next_action_due": "2026-02-30"}, "next_action_due",
     "'2026-02-30' is not a day of the calendar; use YYYY-MM-DD, e.g. 2026-11-02"),
])
def test_edited_refuses_bad_changes(changes, field, message):
    with pytest.raises(StakeholderError) as info:
        edited(CHART, "Asha Rao", changes)
    assert (info.value.field, info.value.message) == (field, message)


def test_edited_unknown_person():
    with pytest.raises(UnknownStakeholder) as info:
        edited(CHART, "Dana", {"role": "x"})
    assert str(info.value) == ("nobody named 'Dana' is on the stakeholder chart (on it: "
                               "Asha Rao, Ben Ito, Cem Kaya)")


# --- removed, flipped, replanned ------------------------------------------------------------


def test_removed():
    assert removed(CHART, " ben ITO") == ((ASHA, CEM), PLAN)
    assert removed(Chart((BEN,)), "Ben Ito") == ((), default_plan())
    with pytest.raises(UnknownStakeholder):
        removed(CHART, "Ben")


@pytest.mark.parametrize(("axis", "quadrant"), [
    ("power", Quadrant.KEEP_INFORMED), ("interest", Quadrant.KEEP_SATISFIED)])
def test_flipped_moves_one_person(axis, quadrant):
    people, plan = flipped(CHART, "asha rao", axis)
    assert people[0].quadrant is quadrant
    assert people[0].uid == "asha"
    assert people[1:] == (BEN, CEM)
    assert plan is PLAN


def test_flipped_refuses_a_bad_axis_and_an_unknown_person():
    with pytest.raises(StakeholderError) as info:
        flipped(CHART, "Asha Rao", "stage")
    assert info.value.field == "axis"
    with pytest.raises(UnknownStakeholder):
        flipped(CHART, "Nobody", "power")


def test_replanned_keeps_what_is_not_given():
    monitor = Quadrant.MONITOR
    people, plan = replanned(CHART, monitor, 45, None)
    assert people == CHART.people
    assert plan.for_quadrant(monitor) == ContactPlan(45, "Look in")
    _, plan = replanned(CHART, monitor, None, " Coffee ")
    assert plan.for_quadrant(monitor) == ContactPlan(60, "Coffee")
    _, plan = replanned(CHART, monitor, None, None)
    assert plan == PLAN
    _, plan = replanned(Chart(), Quadrant.ENGAGE_FULLY, 3, "Standup")
    assert plan == default_plan().with_contact(Quadrant.ENGAGE_FULLY, ContactPlan(3, "Standup"))


@pytest.mark.parametrize(("every_days", "contact", "message"), [
    (0, None, "plan.monitor.every_days: is 0 (use 1 to 366 days)"),
    (367, None, "plan.monitor.every_days: is 367 (use 1 to 366 days)"),
    (True, None, "plan.monitor.every_days: is True, not a whole number of days (e.g. 14)"),
    (None, "", "plan.monitor.contact: is empty (write it out)"),
])
def test_replanned_refuses_bad_values(every_days, contact, message):
    with pytest.raises(StakeholderError) as info:
        replanned(CHART, Quadrant.MONITOR, every_days, contact)
    assert str(info.value) == message


# --- same_content and UnknownStakeholder ----------------------------------------------------


def test_same_content():
    assert same_content(CHART, Chart(CHART.people, PLAN, version=9))
    assert same_content(Chart((BEN,)), Chart((BEN,), default_plan()))
    assert not same_content(CHART, Chart((BEN, ASHA, CEM), PLAN))
    assert not same_content(CHART, Chart(CHART.people, default_plan()))
    assert not same_content(CHART, Chart(CHART.people[:2], PLAN))


def test_unknown_stakeholder_message():
    empty = UnknownStakeholder("Dana", ())
    assert str(empty) == "nobody named 'Dana' is on the stakeholder chart (it is empty)"
    assert empty.name == "Dana"
    assert isinstance(empty, LookupError)
    eight = tuple(f"P{i}" for i in range(8))
    assert str(UnknownStakeholder("X", eight)) == (
        "nobody named 'X' is on the stakeholder chart (on it: P0, P1, P2, P3, P4, P5, P6, P7)")
    nine = (*eight, "P8")
    assert str(UnknownStakeholder("X", nine)) == (
        "nobody named 'X' is on the stakeholder chart (on it: P0, P1, P2, P3, P4, P5, P6, P7, "
        "...)")
    with pytest.raises(UnknownStakeholder) as info:
        removed(Chart(), "Dana")
    assert str(info.value) == str(empty)


# --- the revision snapshot ------------------------------------------------------------------


def test_snapshot_shape():
    chart = Chart((BEN, CEM), PLAN)
    snap = chart_snapshot(chart)
    assert list(snap) == ["plan", "stakeholders"]
    assert snap["plan"] == PLAN.values()
    assert snap["plan"]["monitor"] == {"every_days": 60, "contact": "Look in"}
    assert snap["stakeholders"] == {
        "Ben Ito": {"role": "", "group": "other", "power": "high", "interest": "low",
                    "stance": None, "influence": None, "stage": None, "owner": "",
                    "last_contact": None, "next_action": "", "next_action_due": None,
                    "notes": "", "uid": "ben"},
        "Cem Kaya": {"role": "", "group": "other", "power": "low", "interest": "low",
                     "stance": None, "influence": None, "stage": None, "owner": "",
                     "last_contact": None, "next_action": "", "next_action_due": None,
                     "notes": "", "uid": "cem"},
    }
    assert "quadrant" not in snap["stakeholders"]["Ben Ito"]


def test_snapshot_round_trip():
    back = chart_from_snapshot(chart_snapshot(CHART), version=4)
    assert back == CHART
    assert names(back.people) == ["Asha Rao", "Ben Ito", "Cem Kaya"]
    assert chart_snapshot(back) == chart_snapshot(CHART)


def test_snapshot_of_a_chart_without_a_plan_has_the_defaults():
    snap = chart_snapshot(Chart((ASHA,)))
    assert snap["plan"] == default_plan().values()
    back = chart_from_snapshot(snap)
    assert back == Chart((ASHA,), default_plan(), 0)
    assert same_content(back, Chart((ASHA,)))


def test_snapshot_empty_and_partial():
    assert chart_from_snapshot({}) == Chart((), default_plan(), 0)
    assert chart_from_snapshot({"stakeholders": None, "plan": None}) == Chart((), default_plan())
    partial = chart_from_snapshot({"plan": {"monitor": {"every_days": 10}}, "stakeholders": {
        "Dana": {"power": "low", "interest": "high", "uid": "d"}}}, version=2)
    assert partial.version == 2
    assert partial.people == (Stakeholder("Dana", L, H, uid="d"),)
    assert partial.plan == make_plan({"monitor": {"every_days": 10}})


def test_snapshot_refuses_bad_values():
    with pytest.raises(StakeholderError) as info:
        chart_from_snapshot({"stakeholders": {"Dana": {"power": "up", "interest": "high"}}})
    assert info.value.field == "power"
    with pytest.raises(StakeholderError) as info:
        chart_from_snapshot({"plan": {"monitor": {"every_days": 0}}})
    assert info.value.field == "plan.monitor.every_days"

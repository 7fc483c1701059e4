"""The engagement plan: defaults, reading a plan from plain values, and who is overdue."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.domain.stakeholders import (
    DEFAULT_PLAN,
    ContactPlan,
    EngagementPlan,
    Level,
    Overdue,
    Quadrant,
    Stakeholder,
    StakeholderError,
    contact_due,
    default_plan,
    make_contact,
    make_plan,
    overdue,
    plan_problems,
)
from workbench.domain.stakeholders.plan import MAX_EVERY_DAYS

H, L = Level.HIGH, Level.LOW
EF, KS, KI, MO = (Quadrant.ENGAGE_FULLY, Quadrant.KEEP_SATISFIED, Quadrant.KEEP_INFORMED,
                  Quadrant.MONITOR)
AXES = {EF: (H, H), KS: (H, L), KI: (L, H), MO: (L, L)}


def in_quadrant(quadrant: Quadrant, name: str = "Asha", last: date | None = None):
    power, interest = AXES[quadrant]
    return Stakeholder(name, power, interest, last_contact=last, uid=name.lower())


# --- defaults -------------------------------------------------------------------------------


def test_default_cadences():
    plan = default_plan()
    assert {q: plan.for_quadrant(q).every_days for q in Quadrant} == {
        EF: 7, KS: 30, KI: 14, MO: 91}
    assert {q: plan.for_quadrant(q).rhythm for q in Quadrant} == {
        EF: "weekly", KS: "monthly", KI: "fortnightly", MO: "quarterly"}
    assert all(plan.for_quadrant(q).contact for q in Quadrant)
    assert {q: c.every_days for q, c in DEFAULT_PLAN.items()} == {EF: 7, KS: 30, KI: 14, MO: 91}


def test_default_plan_equals_an_empty_constructor_and_keeps_list_order():
    assert EngagementPlan() == default_plan()
    assert [q for q, _ in default_plan().contacts] == [EF, KS, KI, MO]
    assert list(default_plan().values()) == ["engage-fully", "keep-satisfied",
                                             "keep-informed", "monitor"]
    assert default_plan().values()["monitor"] == {"every_days": 91,
                                                  "contact": DEFAULT_PLAN[MO].contact}


def test_a_plan_missing_a_quadrant_falls_back_to_its_default():
    partial = EngagementPlan(((MO, ContactPlan(60, "Look in")),))
    assert partial.for_quadrant(MO) == ContactPlan(60, "Look in")
    assert partial.for_quadrant(EF) == DEFAULT_PLAN[EF]
    assert partial.values()["engage-fully"]["every_days"] == 7


@pytest.mark.parametrize(("days", "words"), [
    (1, "daily"), (7, "weekly"), (14, "fortnightly"), (30, "monthly"), (91, "quarterly"),
    (182, "twice a year"), (365, "yearly"), (2, "every 2 days"), (10, "every 10 days"),
    (31, "every 31 days"), (90, "every 90 days"), (366, "every 366 days"),
])
def test_rhythm_words(days, words):
    assert ContactPlan(days, "x").rhythm == words


def test_with_contact_returns_a_new_plan_in_list_order():
    plan = default_plan()
    changed = plan.with_contact(MO, ContactPlan(45, "Check in"))
    assert plan == default_plan()
    assert changed.for_quadrant(MO) == ContactPlan(45, "Check in")
    assert [q for q, _ in changed.contacts] == [EF, KS, KI, MO]
    assert all(changed.for_quadrant(q) == DEFAULT_PLAN[q] for q in (EF, KS, KI))
    assert EngagementPlan(()).with_contact(KI, ContactPlan(3, "x")).contacts == (
        (EF, DEFAULT_PLAN[EF]), (KS, DEFAULT_PLAN[KS]), (KI, ContactPlan(3, "x")),
        (MO, DEFAULT_PLAN[MO]))


# --- reading a plan -------------------------------------------------------------------------


def test_make_plan_without_values_is_the_default():
    assert make_plan(None) == default_plan()
    assert make_plan({}) == default_plan()


def test_partial_plans_keep_the_defaults():
    plan = make_plan({"monitor": {"every_days": 60}, "engage-fully": {"contact": "  Lunch\t"}})
    assert plan.for_quadrant(MO) == ContactPlan(60, DEFAULT_PLAN[MO].contact)
    assert plan.for_quadrant(EF) == ContactPlan(7, "Lunch")
    assert plan.for_quadrant(KS) == DEFAULT_PLAN[KS]
    assert plan.for_quadrant(KI) == DEFAULT_PLAN[KI]
    assert make_plan({"keep-informed": {}}) == default_plan()


def test_plan_values_round_trip():
    plan = make_plan({"monitor": {"every_days": 1, "contact": "Daily"},
                      "keep-satisfied": {"every_days": 366, "contact": "Yearly-ish"}})
    assert make_plan(plan.values()) == plan
    assert plan.values()["keep-satisfied"] == {"every_days": 366, "contact": "Yearly-ish"}


def problems_of(values) -> list[str]:
    return [str(p) for p in plan_problems(values)]


def test_plan_that_is_not_a_mapping():
    assert problems_of(["monitor"]) == [
        "plan: is not a mapping of quadrant to every_days and contact"]
    assert problems_of("weekly") == [
        "plan: is not a mapping of quadrant to every_days and contact"]
    assert plan_problems(None) == []


@pytest.mark.parametrize("key", ["keep_satisfied", "Keep-Satisfied", "Monitor", "watch", 7])
def test_unknown_quadrants_are_refused(key):
    problems = plan_problems({key: {"every_days": 7}})
    assert [(p.field, p.message) for p in problems] == [
        (f"plan.{key}", "is not a quadrant (use: engage-fully, keep-satisfied, keep-informed, "
                        "monitor)")]


def test_entry_that_is_not_a_mapping():
    assert problems_of({"monitor": 30}) == ["plan.monitor: needs every_days and contact"]
    assert problems_of({"monitor": None}) == ["plan.monitor: needs every_days and contact"]


def test_unknown_plan_fields_are_listed_in_the_order_written():
    assert problems_of({"monitor": {"zeta": 1, "every_days": 7, "alpha": 2, "days": 3}}) == [
        "plan.monitor.zeta: is not a field of a plan (use every_days, contact)",
        "plan.monitor.alpha: is not a field of a plan (use every_days, contact)",
        "plan.monitor.days: is not a field of a plan (use every_days, contact)"]


@pytest.mark.parametrize(("raw", "message"), [
    (0, "is 0 (use 1 to 366 days)"),
    (-7, "is -7 (use 1 to 366 days)"),
    (367, "is 367 (use 1 to 366 days)"),
    (True, "is True, not a whole number of days (e.g. 14)"),
    (False, "is False, not a whole number of days (e.g. 14)"),
    ("7", "is '7', not a whole number of days (e.g. 14)"),
    (7.0, "is 7.0, not a whole number of days (e.g. 14)"),
    (None, "is None, not a whole number of days (e.g. 14)"),
])
def test_bad_cadences(raw, message):
    problems = plan_problems({"keep-informed": {"every_days": raw}})
    assert [(p.field, p.message) for p in problems] == [
        ("plan.keep-informed.every_days", message)]
    with pytest.raises(StakeholderError) as info:
        make_plan({"keep-informed": {"every_days": raw}})
    assert str(info.value) == f"plan.keep-informed.every_days: {message}"


@pytest.mark.parametrize("days", [1, 2, 91, MAX_EVERY_DAYS])
def test_cadence_bounds_pass(days):
    assert MAX_EVERY_DAYS == 366
    assert make_plan({"monitor": {"every_days": days}}).for_quadrant(MO).every_days == days


@pytest.mark.parametrize(("raw", "message"), [
    ("", "is empty (write it out)"),
    ("   ", "is empty (write it out)"),
    (None, "is empty (write it out)"),
    ("x" * 201, "is 201 characters long (use at most 200)"),
    (14, "is int, not text (write it as text)"),
    ("a\x00b", "contains an invisible control character (U+0000); delete it"),
])
def test_bad_contact_text(raw, message):
    problems = plan_problems({"monitor": {"contact": raw}})
    assert [(p.field, p.message) for p in problems] == [("plan.monitor.contact", message)]


def test_contact_at_the_limit_passes():
    assert make_plan({"monitor": {"contact": "y" * 200}}).for_quadrant(MO).contact == "y" * 200


def test_every_problem_of_a_plan_in_the_order_written():
    assert problems_of({
        "monitor": {"every_days": 0, "contact": ""},
        "weekly": {},
        "engage-fully": {"every_days": 400},
        "keep-satisfied": {"every_days": 30, "note": "x"},
    }) == [
        "plan.monitor.every_days: is 0 (use 1 to 366 days)",
        "plan.weekly: is not a quadrant (use: engage-fully, keep-satisfied, keep-informed, "
        "monitor)",
        "plan.engage-fully.every_days: is 400 (use 1 to 366 days)",
        "plan.keep-satisfied.note: is not a field of a plan (use every_days, contact)",
    ]


def test_make_contact_names_where():
    assert make_contact(5, " Call ", "x") == ContactPlan(5, "Call")
    with pytest.raises(StakeholderError) as info:
        make_contact(5, "", "plan.monitor")
    assert info.value.field == "plan.monitor.contact"


# --- who is overdue -------------------------------------------------------------------------


@pytest.mark.parametrize(("quadrant", "last", "due"), [
    (EF, date(2026, 11, 18), date(2026, 11, 25)),
    (EF, date(2026, 12, 28), date(2027, 1, 4)),       # over the year end
    (EF, date(2028, 2, 22), date(2028, 2, 29)),       # onto the leap day
    (KS, date(2026, 1, 31), date(2026, 3, 2)),        # 30 days from a month end, short Feb
    (KS, date(2028, 1, 31), date(2028, 3, 1)),        # the same in a leap year
    (KS, date(2026, 3, 31), date(2026, 4, 30)),
    (KI, date(2028, 2, 15), date(2028, 2, 29)),
    (KI, date(2028, 2, 29), date(2028, 3, 14)),       # from the leap day
    (MO, date(2027, 12, 1), date(2028, 3, 1)),        # 91 days over a leap February
    (MO, date(2026, 12, 1), date(2027, 3, 2)),        # and over a common one
])
def test_contact_due_dates(quadrant, last, due):
    assert contact_due(in_quadrant(quadrant, last=last), default_plan()) == due


def test_contact_due_without_contact_is_none():
    assert contact_due(in_quadrant(EF), default_plan()) is None


@pytest.mark.parametrize(("quadrant", "last", "today", "due", "late"), [
    (EF, date(2026, 11, 18), date(2026, 11, 26), date(2026, 11, 25), 1),
    (EF, date(2028, 2, 22), date(2028, 3, 1), date(2028, 2, 29), 1),
    (KS, date(2026, 1, 31), date(2026, 3, 5), date(2026, 3, 2), 3),
    (KI, date(2028, 2, 15), date(2028, 3, 31), date(2028, 2, 29), 31),
    (MO, date(2027, 12, 1), date(2028, 12, 31), date(2028, 3, 1), 305),
])
def test_overdue_due_date_and_days_late(quadrant, last, today, due, late):
    who = in_quadrant(quadrant, last=last)
    assert overdue([who], default_plan(), today) == [Overdue(who, due, late)]


@pytest.mark.parametrize(("quadrant", "last", "today"), [
    (EF, date(2026, 11, 18), date(2026, 11, 25)),   # due today: not late yet
    (EF, date(2026, 11, 18), date(2026, 11, 19)),
    (EF, date(2028, 2, 22), date(2028, 2, 29)),
    (KS, date(2026, 1, 31), date(2026, 3, 2)),
    (MO, date(2027, 12, 1), date(2028, 3, 1)),
    (KI, date(2026, 12, 1), date(2026, 11, 25)),    # a contact dated after today
])
def test_not_overdue(quadrant, last, today):
    assert overdue([in_quadrant(quadrant, last=last)], default_plan(), today) == []


def test_describe():
    who = in_quadrant(EF)
    assert Overdue(who, None, None).describe == "not contacted yet"
    assert Overdue(who, date(2026, 11, 25), 1).describe == "due 2026-11-25, 1 day late"
    assert Overdue(who, date(2026, 11, 2), 23).describe == "due 2026-11-02, 23 days late"


def test_overdue_order_never_contacted_first_then_longest_late_name_breaks_ties():
    today = date(2026, 11, 25)
    people = [
        in_quadrant(EF, "Ravi", date(2026, 11, 17)),     # due 11-24, 1 late
        in_quadrant(MO, "zoe"),                          # never
        in_quadrant(KI, "Meera", date(2026, 10, 1)),     # due 10-15, 41 late
        in_quadrant(EF, "arjun", date(2026, 11, 17)),    # due 11-24, 1 late
        in_quadrant(KS, "Kabir", date(2026, 11, 1)),     # due 12-01, not late
        in_quadrant(EF, "Anita"),                        # never
        in_quadrant(KS, "Dev", date(2026, 9, 1)),        # due 10-01, 55 late
        in_quadrant(EF, "Sam", date(2026, 11, 18)),      # due today, not late
    ]
    result = overdue(people, default_plan(), today)
    assert [(o.person.name, o.due_on, o.days_late) for o in result] == [
        ("Anita", None, None), ("zoe", None, None),
        ("Dev", date(2026, 10, 1), 55), ("Meera", date(2026, 10, 15), 41),
        ("arjun", date(2026, 11, 24), 1), ("Ravi", date(2026, 11, 24), 1)]


def test_overdue_uses_the_plan_given_or_the_defaults():
    who = in_quadrant(MO, last=date(2026, 11, 1))
    today = date(2026, 11, 25)
    assert overdue([who], None, today) == []
    tight = default_plan().with_contact(MO, ContactPlan(10, "Look"))
    assert overdue([who], tight, today) == [Overdue(who, date(2026, 11, 11), 14)]
    assert overdue([], tight, today) == []


def test_overdue_follows_the_quadrant_not_the_old_cadence():
    last = date(2026, 11, 1)
    monitor = in_quadrant(MO, last=last)
    assert overdue([monitor], None, date(2026, 11, 25)) == []
    engaged = monitor.flipped("power").flipped("interest")
    assert engaged.quadrant is EF
    assert overdue([engaged], None, date(2026, 11, 25)) == [
        Overdue(engaged, date(2026, 11, 8), 17)]

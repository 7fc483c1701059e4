"""Fairness figures, warnings and monthly hours against values worked out by hand."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from workbench.domain.oncall.fairness import (
    Load,
    MonthHours,
    fairness,
    hours_text,
    monthly_hours,
    needed_people,
)
from workbench.domain.oncall.model import (
    Coverage,
    Override,
    Rotation,
    Rules,
    Shape,
    Unavailable,
    Window,
)
from workbench.domain.oncall.schedule import generate

MON = date(2027, 1, 4)  # a Monday
RULES = Rules()
H = 60  # minutes in an hour


def rotation(**changes) -> Rotation:
    base = Rotation("Ops", members=tuple("ABCDEF"), shape=Shape.MAIN_BACKUP,
                    coverage=Coverage.H24X7, start=MON, zone="UTC")
    return base.with_changes(**changes)


def check(r: Rotation, weeks: int, rules: Rules = RULES, since: date = MON):
    return fairness(generate(r, since=since, weeks=weeks), rules)


def kinds(f) -> list[str]:
    return [w.kind for w in f.warnings]


def test_six_people_24x7_main_backup_over_six_weeks():
    f = check(rotation(), 6)
    # 6 turns of 168 h, covered once however many roles: 6 * 168 h
    assert f.covered_minutes == 6 * 168 * H
    # each person: main once, backup once (offset 3) = 2 turns of 168 h = 336 h; out of hours
    # 336 - 2 * 5 * 8 = 256 h; one Saturday and Sunday per turn = 4; share 336 / 1008 = 33.33
    expected = Load("A", turns=2, shifts=2, minutes=336 * H, out_of_hours=256 * H,
                    weekend_days=4, share=Decimal("33.3"), over_share=True)
    assert f.loads[0] == expected
    assert [(x.person, x.minutes, x.share) for x in f.loads] == [
        (p, 336 * H, Decimal("33.3")) for p in "ABCDEF"]
    assert kinds(f) == ["share"] * 6
    assert "33.3%" in f.warnings[0].message and "30%" in f.warnings[0].message


def test_berlin_spring_change_shortens_the_covered_time():
    f = check(rotation(zone="Europe/Berlin", start=date(2027, 3, 1)), 6,
              since=date(2027, 3, 1))
    # turn 3 (2027-03-22) is 167 h: covered 5 * 168 + 167 = 1007 h
    assert f.covered_minutes == 1007 * H
    a, b = f.loads[0], f.loads[1]
    # A: main turn 0 (168 h) + backup turn 3 (167 h) = 335 h, out of hours 128 + 127 = 255 h,
    # share 335 / 1007 = 33.27 -> 33.3; B: turns 1 and 4, 336 h, 336 / 1007 = 33.37 -> 33.4
    assert (a.minutes, a.out_of_hours, a.share) == (335 * H, 255 * H, Decimal("33.3"))
    assert (b.minutes, b.out_of_hours, b.share) == (336 * H, 256 * H, Decimal("33.4"))


def test_a_person_in_two_roles_of_a_turn_counts_once():
    f = check(rotation(members=("A",)), 2)
    (a,) = f.loads
    # both roles of 2 turns: 4 shifts, but 2 * 168 h once; covered 2 * 168 h: 100 %
    assert (a.turns, a.shifts, a.minutes, a.weekend_days) == (2, 4, 336 * H, 4)
    assert a.share == Decimal("100.0")
    assert kinds(f) == ["share", "too-few", "same-person", "consecutive"]
    same, following = f.warnings[2], f.warnings[3]
    assert same.person == "A" and "2 times" in same.message and "2027-01-04" in same.message
    assert "once" in following.message and "2027-01-04" in following.message
    # 24x7 main + backup needs 3 per role = 6 people
    assert "needs 6" in f.warnings[1].message and f.warnings[1].person is None


def test_consecutive_turns_one_warning_per_person():
    # 3 people main + backup: backup offset 3 // 2 = 1, so turn k holds k % 3 and (k+1) % 3
    # turns 0..3: [A,B] [B,C] [C,A] [A,B]; A in 0,2,3 (pair 2-3), B in 0,1,3 (pair 0-1),
    # C in 1,2 (pair 1-2)
    f = check(rotation(members=("A", "B", "C"), coverage=Coverage.H8X5), 4)
    following = {w.person: w.message for w in f.warnings if w.kind == "consecutive"}
    assert list(following) == ["B", "C", "A"]
    assert "once" in following["A"] and "2027-01-18" in following["A"]
    assert "2027-01-04" in following["B"] and "2027-01-11" in following["C"]
    # A and B: 3 turns of 5 * 8 h = 120 h, all business hours, of 4 * 40 = 160 h: 75 %;
    # C: 2 turns, 80 h, 50 %
    assert [(x.turns, x.shifts, x.minutes, x.out_of_hours, x.weekend_days, x.share)
            for x in f.loads] == [(3, 15, 120 * H, 0, 0, Decimal("75.0"))] * 2 + [
        (2, 10, 80 * H, 0, 0, Decimal("50.0"))]
    # 8x5 main + backup needs 2 + 1 = 3 people: enough
    assert "too-few" not in kinds(f)


def test_fixed_lists_every_member_with_zero_rows():
    f = check(rotation(members=("A", "B", "C"), shape=Shape.FIXED, coverage=Coverage.H8X5), 3)
    assert [(x.person, x.turns, x.shifts, x.minutes, x.share, x.over_share)
            for x in f.loads] == [
        ("A", 3, 15, 3 * 40 * H, Decimal("100.0"), True),
        ("B", 0, 0, 0, Decimal("0.0"), False), ("C", 0, 0, 0, Decimal("0.0"), False)]
    # turns 0-1 and 1-2
    (following,) = [w for w in f.warnings if w.kind == "consecutive"]
    assert "2 times" in following.message and "2027-01-04" in following.message


def test_override_people_follow_the_members_in_name_order():
    r = rotation(members=("A", "B", "C", "D"), shape=Shape.ROTATING,
                 overrides=(Override(date(2027, 1, 11), "main", "Zoe"),
                            Override(date(2027, 1, 18), "main", "Max")))
    f = check(r, 4)
    # turns: A, Zoe (for B), Max (for C), D
    assert [(x.person, x.turns) for x in f.loads] == [
        ("A", 1), ("B", 0), ("C", 0), ("D", 1), ("Max", 1), ("Zoe", 1)]
    # each 168 of 4 * 168 h = 25 %, under 30; 4 people >= 3 for 24x7 one role
    assert f.warnings == ()


def test_unfilled_and_stale_override_warnings():
    r = rotation(members=("A", "B"), unavailable=(Unavailable("A", MON, MON),),
                 overrides=(Override(date(2027, 1, 5), "main", "Zoe"),))
    f = check(r, 1)
    # the unfilled main still counts as covered time: B has 168 of 168 h
    assert f.covered_minutes == 168 * H
    assert [(x.person, x.minutes, x.share) for x in f.loads] == [
        ("A", 0, Decimal("0.0")), ("B", 168 * H, Decimal("100.0"))]
    assert kinds(f) == ["share", "too-few", "unfilled", "override"]
    unfilled, stale = f.warnings[2], f.warnings[3]
    assert unfilled.person is None and "main" in unfilled.message
    assert stale.person == "Zoe" and "2027-01-05" in stale.message


def test_the_share_limit_is_exact():
    # 5 people rotating weekly over 5 weeks: each exactly 20 %
    r = rotation(members=tuple("ABCDE"), shape=Shape.ROTATING)
    assert [x.share for x in check(r, 5).loads] == [Decimal("20.0")] * 5
    assert check(r, 5, Rules(max_share=20)).warnings == ()
    assert kinds(check(r, 5, Rules(max_share=19))) == ["share"] * 5


def test_out_of_hours_follows_the_business_hours_rule():
    r = rotation(members=("A", "B"), shape=Shape.ROTATING, coverage=Coverage.H12X5)
    (a, _) = check(r, 1).loads
    # 5 days of 08-20 = 60 h; outside 09-17: 08-09 and 17-20 = 4 h a day = 20 h
    assert (a.minutes, a.out_of_hours, a.weekend_days) == (60 * H, 20 * H, 0)
    (a, _) = check(r, 1, Rules(business_start=time(8, 0), business_end=time(18, 0))).loads
    # outside 08-18: 18-20 = 2 h a day = 10 h
    assert a.out_of_hours == 10 * H


def test_weekend_windows_are_all_out_of_hours():
    weekend = (Window((5, 6), time(10, 0), time(14, 0)),)
    r = rotation(members=("A", "B"), shape=Shape.ROTATING, coverage=Coverage.CUSTOM,
                 windows=weekend)
    (a, b) = check(r, 1).loads
    # Sat and Sun 10-14: 8 h, every minute out of hours, 2 weekend days
    assert (a.shifts, a.minutes, a.out_of_hours, a.weekend_days) == (2, 8 * H, 8 * H, 2)
    assert (b.turns, b.minutes) == (0, 0)


@pytest.mark.parametrize(("shape", "coverage", "rules", "needed"), [
    (Shape.FIXED, Coverage.H8X5, RULES, 2),
    (Shape.ROTATING, Coverage.H24X7, RULES, 3),
    (Shape.MAIN_BACKUP, Coverage.H24X7, RULES, 6),
    (Shape.MAIN_TWO_BACKUPS, Coverage.H24X7, RULES, 9),
    (Shape.MAIN_TWO_BACKUPS, Coverage.H24X7, Rules(min_people_per_role=2), 6),
    (Shape.MAIN_TWO_BACKUPS, Coverage.H18X5, RULES, 4),
    (Shape.MAIN_BACKUP, Coverage.CUSTOM, RULES, 3),
])
def test_needed_people(shape, coverage, rules, needed):
    assert needed_people(rotation(shape=shape, coverage=coverage), rules) == needed


def test_monthly_hours_split_at_month_ends():
    # UTC: the turn Mon 2027-01-25 09:00 -> Mon 02-01 09:00 is 159 h in January (6 days
    # 15 h) with 5 * 8 = 40 h business, and 9 h in February (Monday 00-09, none business)
    alpha = generate(rotation(name="Alpha", shape=Shape.ROTATING, start=date(2027, 1, 25)),
                     since=date(2027, 1, 25), weeks=1)
    # Berlin over the autumn change: Oct 25 09:00 -> Nov 1 00:00 is 159 h wall + 1 h = 160 h,
    # 40 h business; Nov 1 00:00 -> 09:00 is 9 h; 160 + 9 = 169
    berlin = generate(rotation(name="Berlin", zone="Europe/Berlin", start=date(2027, 10, 25)),
                      since=date(2027, 10, 25), weeks=1)
    rows = monthly_hours([berlin, alpha], RULES)
    assert rows == [
        MonthHours("Alpha", "A", "2027-01", 159 * H, 119 * H),
        MonthHours("Alpha", "A", "2027-02", 9 * H, 9 * H),
        MonthHours("Berlin", "A", "2027-10", 160 * H, 120 * H),
        MonthHours("Berlin", "A", "2027-11", 9 * H, 9 * H),
        MonthHours("Berlin", "D", "2027-10", 160 * H, 120 * H),
        MonthHours("Berlin", "D", "2027-11", 9 * H, 9 * H),
    ]
    # the months add up to the horizon's load
    assert sum(x.minutes for x in rows if x.rotation == "Berlin" and x.person == "A") == \
        fairness(berlin, RULES).loads[0].minutes == 169 * H


def test_monthly_hours_count_a_double_role_once():
    one = generate(rotation(members=("A",)), since=MON, weeks=1)
    assert monthly_hours([one], RULES) == [MonthHours("Ops", "A", "2027-01", 168 * H, 128 * H)]


@pytest.mark.parametrize(("minutes", "text"), [
    (750, "12.5"),      # 12.5 exactly
    (167 * H, "167"),
    (15, "0.25"),
    (0, "0"),
    (90, "1.5"),
    (10, "0.17"),       # 0.1666.. half up
    (20, "0.33"),       # 0.3333..
    (40, "0.67"),       # 0.6666..
    (1, "0.02"),        # 0.01666..
    (61, "1.02"),       # 1.01666..
    (-45, "-0.75"),
])
def test_hours_text(minutes, text):
    assert hours_text(minutes) == text

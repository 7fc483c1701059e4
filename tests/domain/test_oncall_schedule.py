"""Schedule generation: turns, roles per shape, coverage shifts, daylight-saving changes,
unavailability stand-ins and overrides. Every expected figure is worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from workbench.domain.oncall.model import (
    Coverage,
    OnCallError,
    Override,
    Rotation,
    Shape,
    Unavailable,
    Window,
)
from workbench.domain.oncall.schedule import Slot, first_turn_start, generate

BERLIN = ZoneInfo("Europe/Berlin")
MON = date(2027, 1, 4)  # a Monday; January 2027 has no daylight-saving change anywhere here


def rotation(**changes) -> Rotation:
    base = Rotation("Ops", members=("A", "B", "C"), shape=Shape.ROTATING,
                    coverage=Coverage.H24X7, start=MON, zone="UTC")
    return base.with_changes(**changes)


def hours(start: datetime, end: datetime) -> int:
    real = end.astimezone(UTC) - start.astimezone(UTC)
    assert real % timedelta(hours=1) == timedelta(0)
    return real // timedelta(hours=1)


def people(schedule, role="main") -> list[str | None]:
    return [t.person(role) for t in schedule.turns]


def local(day: date, hour: int, minute: int = 0, zone=UTC) -> datetime:
    return datetime.combine(day, time(hour, minute), zone)


# --- shapes ------------------------------------------------------------------------------


def test_fixed_names_the_first_member_every_turn():
    s = generate(rotation(shape=Shape.FIXED), since=MON, weeks=4)
    assert people(s) == ["A", "A", "A", "A"]
    assert [len(t.slots) for t in s.turns] == [1, 1, 1, 1]


def test_rotating_names_the_next_member_each_turn():
    s = generate(rotation(), since=MON, weeks=4)
    # members[k % 3] for k = 0..3
    assert people(s) == ["A", "B", "C", "A"]
    assert [t.index for t in s.turns] == [0, 1, 2, 3]


def test_round_robin_of_the_book_when_people_equal_roles():
    # n == r == 3: role j of turn k = members[(k + j) % 3], tables 7.5 and 7.6
    s = generate(rotation(shape=Shape.MAIN_TWO_BACKUPS), since=MON, weeks=3)
    assert [[x.person for x in t.slots] for t in s.turns] == [
        ["A", "B", "C"], ["B", "C", "A"], ["C", "A", "B"]]
    assert [x.role for x in s.turns[0].slots] == ["main", "backup", "backup-2"]
    # n == r == 2: main k % 2, backup (k + 1) % 2
    s = generate(rotation(members=("A", "B"), shape=Shape.MAIN_BACKUP), since=MON, weeks=2)
    assert [[x.person for x in t.slots] for t in s.turns] == [["A", "B"], ["B", "A"]]


def test_more_people_spread_each_persons_turns_apart():
    # n = 6, r = 2: backup offset 6*1 // 2 = 3
    s = generate(rotation(members=tuple("ABCDEF"), shape=Shape.MAIN_BACKUP), since=MON,
                 weeks=6)
    assert people(s) == list("ABCDEF")
    assert people(s, "backup") == list("DEFABC")
    # n = 6, r = 3: offsets 0, 6//3 = 2, 12//3 = 4
    s = generate(rotation(members=tuple("ABCDEF"), shape=Shape.MAIN_TWO_BACKUPS), since=MON,
                 weeks=2)
    assert [[x.person for x in t.slots] for t in s.turns] == [["A", "C", "E"], ["B", "D", "F"]]


def test_plain_slots_are_as_planned_and_unchanged():
    s = generate(rotation(shape=Shape.MAIN_BACKUP), since=MON, weeks=1)
    # n = 3, r = 2: backup offset 3 // 2 = 1
    assert s.turns[0].slots == (Slot("main", "A", "A"), Slot("backup", "B", "B"))
    assert not any(x.changed for x in s.shifts)
    assert s.turns[0].person("backup-2") is None


# --- coverage ----------------------------------------------------------------------------


def test_24x7_weekly_is_one_shift_per_role_per_turn():
    s = generate(rotation(shape=Shape.MAIN_BACKUP), since=MON, weeks=2)
    assert len(s.shifts) == 4  # 2 turns x 2 roles
    first = s.shifts[0]
    assert (first.start, first.end) == (local(MON, 9), local(date(2027, 1, 11), 9))
    assert hours(first.start, first.end) == 168  # 7 * 24
    assert [(x.role, x.person) for x in s.shifts] == [
        ("main", "A"), ("backup", "B"), ("main", "B"), ("backup", "C")]


def test_8x5_weekly_is_five_business_days():
    s = generate(rotation(coverage=Coverage.H8X5), since=MON, weeks=1)
    # Mon 09:00 -> next Mon 09:00 cut by Mon-Fri 09-17: the next Monday's window starts when
    # the turn ends, so five shifts of 8 h
    assert [(x.start, x.end) for x in s.shifts] == [
        (local(MON + timedelta(days=d), 9), local(MON + timedelta(days=d), 17))
        for d in range(5)]
    assert {x.person for x in s.shifts} == {"A"}
    assert all(x.day == MON and x.turn == 0 for x in s.shifts)


def test_12x5_with_daily_turns_splits_at_the_handover():
    # daily turns at 09:00: Mon 09:00 -> Tue 09:00 cut by 08-20 gives Mon 09-20 (11 h) and
    # Tue 08-09 (1 h); the Friday turn ends Sat 09:00 (Sat is uncovered); weekend turns none
    s = generate(rotation(coverage=Coverage.H12X5, turn_days=1), since=MON, weeks=1)
    assert [t.day for t in s.turns] == [MON + timedelta(days=d) for d in range(7)]
    assert people(s) == list("ABCABCA")
    monday = [(x.start, x.end) for x in s.shifts if x.turn == 0]
    assert monday == [(local(MON, 9), local(MON, 20)),
                      (local(date(2027, 1, 5), 8), local(date(2027, 1, 5), 9))]
    friday = [(x.start, x.end) for x in s.shifts if x.turn == 4]
    assert friday == [(local(date(2027, 1, 8), 9), local(date(2027, 1, 8), 20))]
    # the Sunday turn ends Mon 09:00: Mon 08-09 is covered
    sunday = [(x.start, x.end, x.person) for x in s.shifts if x.turn == 6]
    assert sunday == [(local(date(2027, 1, 11), 8), local(date(2027, 1, 11), 9), "A")]
    # 4 full weekday turns of 11 + 1 h, Fri 11 h, Sat none, Sun 1 h: 4*12 + 11 + 1 = 60
    assert sum(hours(x.start, x.end) for x in s.shifts) == 60


def test_18x5_with_a_wednesday_handover():
    # start Fri 2027-01-01: the first Wednesday is 2027-01-06; turn Wed 10:00 -> Wed 10:00
    r = rotation(coverage=Coverage.H18X5, handover_day=2, handover_time=time(10, 0),
                 start=date(2027, 1, 1))
    assert first_turn_start(r) == local(date(2027, 1, 6), 10)
    s = generate(r, since=date(2027, 1, 1), weeks=1)
    assert [t.day for t in s.turns] == [date(2027, 1, 6)]
    spans = [(x.start, x.end) for x in s.shifts]
    # Wed 10-24, Thu, Fri, Mon, Tue 06-24 (not touching: 24:00 to 06:00), Wed 06-10
    assert spans[0] == (local(date(2027, 1, 6), 10), local(date(2027, 1, 7), 0))
    assert spans[-1] == (local(date(2027, 1, 13), 6), local(date(2027, 1, 13), 10))
    assert len(spans) == 6
    # 14 + 4*18 + 4 = 90
    assert sum(hours(a, b) for a, b in spans) == 90


def test_custom_windows_merge_across_midnight():
    windows = (Window((0,), time(18, 0)), Window((1,), time(0, 0), time(6, 0)),
               Window((5, 6), time(10, 0), time(14, 0)))
    s = generate(rotation(coverage=Coverage.CUSTOM, windows=windows), since=MON, weeks=1)
    # Mon 18-24 and Tue 00-06 touch: one 12 h shift; Sat and Sun 10-14: 4 h each
    assert [(x.start, x.end) for x in s.shifts] == [
        (local(MON, 18), local(date(2027, 1, 5), 6)),
        (local(date(2027, 1, 9), 10), local(date(2027, 1, 9), 14)),
        (local(date(2027, 1, 10), 10), local(date(2027, 1, 10), 14))]


# --- horizon -----------------------------------------------------------------------------


def test_horizon_counts_weeks_from_the_turn_started_last_on_or_before_since():
    # since Mon 2027-01-11: turn 1 starts that day (09:00), so it comes first, not turn 0
    # that it ends; 1 week from 01-11 09:00 ends 01-18 09:00, where turn 2 starts: [1]
    s = generate(rotation(), since=date(2027, 1, 11), weeks=1)
    assert [t.index for t in s.turns] == [1]
    # since mid-turn: Thursday 2027-01-21 sits in turn 2 (01-18 -> 01-25); 2 weeks from
    # 01-18 09:00 end 02-01 09:00: turns 2 (01-18) and 3 (01-25)
    s = generate(rotation(), since=date(2027, 1, 21), weeks=2)
    assert [t.index for t in s.turns] == [2, 3]
    assert people(s) == ["C", "A"]


def test_a_rotation_starting_later_begins_with_its_first_turn():
    s = generate(rotation(start=date(2027, 1, 20)), since=MON, weeks=4)
    # first Monday on or after Wed 01-20 is 01-25, inside the 4 weeks from 01-04; 4 weeks of
    # turns from it: 01-25, 02-01, 02-08, 02-15
    assert [(t.index, t.day) for t in s.turns] == [
        (k, date(2027, 1, 25) + timedelta(weeks=k)) for k in range(4)]
    later = generate(rotation(start=date(2027, 3, 1)), since=MON, weeks=2)
    assert later.turns == () and later.shifts == ()
    assert len(later.notes) == 1 and "after the horizon" in later.notes[0]


def test_daily_turns_by_count():
    # 2 weeks of daily turns starting on the anchor: 14 turns, 0..13
    s = generate(rotation(turn_days=1), since=MON, weeks=2)
    assert [t.index for t in s.turns] == list(range(14))
    assert all(hours(t.start, t.end) == 24 for t in s.turns)


@pytest.mark.parametrize("weeks", [0, 105])
def test_weeks_out_of_range(weeks):
    with pytest.raises(OnCallError, match=r"^weeks: "):
        generate(rotation(), since=MON, weeks=weeks)


def test_no_start_or_no_members_gives_an_empty_schedule_with_a_note():
    for r, word in ((rotation(start=None), "start date"), (rotation(members=()), "members")):
        s = generate(r, since=MON, weeks=2)
        assert (s.turns, s.shifts) == ((), ())
        assert len(s.notes) == 1 and word in s.notes[0]


# --- daylight saving ---------------------------------------------------------------------


def test_berlin_spring_change_keeps_the_local_handover():
    r = rotation(zone="Europe/Berlin", start=date(2027, 3, 22))
    s = generate(r, since=date(2027, 3, 22), weeks=2)
    spring, after = s.turns
    assert (spring.start, spring.end) == (local(date(2027, 3, 22), 9, zone=BERLIN),
                                          local(date(2027, 3, 29), 9, zone=BERLIN))
    assert (spring.start.utcoffset(), spring.end.utcoffset()) == (timedelta(hours=1),
                                                                  timedelta(hours=2))
    # 08:00 UTC -> 07:00 UTC a week later: 168 - 1 = 167 real hours
    assert hours(spring.start, spring.end) == 167
    assert hours(after.start, after.end) == 168
    assert hours(s.shifts[0].start, s.shifts[0].end) == 167
    assert s.shifts[0].end.tzinfo == BERLIN


def test_berlin_autumn_change_gives_169_hours():
    r = rotation(zone="Europe/Berlin", start=date(2027, 10, 25))
    s = generate(r, since=date(2027, 10, 25), weeks=1)
    (autumn,) = s.turns
    assert autumn.end == local(date(2027, 11, 1), 9, zone=BERLIN)
    # 07:00 UTC -> 08:00 UTC a week later: 168 + 1 = 169
    assert hours(autumn.start, autumn.end) == 169


def test_berlin_daily_turns_and_business_windows_across_the_spring_change():
    r = rotation(zone="Europe/Berlin", turn_days=1, handover_day=5, start=date(2027, 3, 27),
                 coverage=Coverage.H8X5)
    s = generate(r, since=date(2027, 3, 27), weeks=1)
    # the clocks jump 02:00 -> 03:00 on Sun 28, inside Sat 09:00 -> Sun 09:00: 23 h; the
    # turns after it are 24 h again
    assert [hours(t.start, t.end) for t in s.turns[:3]] == [23, 24, 24]
    monday = [x for x in s.shifts if x.day == date(2027, 3, 29)]
    assert [(x.start, x.end) for x in monday] == [
        (local(date(2027, 3, 29), 9, zone=BERLIN), local(date(2027, 3, 29), 17, zone=BERLIN))]
    assert hours(monday[0].start, monday[0].end) == 8


# --- unavailability ----------------------------------------------------------------------


def test_an_absent_person_is_replaced_by_the_next_free_member():
    r = rotation(members=tuple("ABCD"), shape=Shape.MAIN_BACKUP,
                 unavailable=(Unavailable("A", date(2027, 1, 8), date(2027, 1, 8)),))
    s = generate(r, since=MON, weeks=2)
    # n = 4, r = 2: turn 0 main A, backup C; A is away Friday, B is next and free
    assert s.turns[0].slots == (Slot("main", "B", "A", "A unavailable"),
                                Slot("backup", "C", "C"))
    assert [x.changed for x in s.shifts if x.turn == 0] == [True, False]
    # turn 1 (main B, backup D) does not touch the Friday
    assert [x.person for x in s.turns[1].slots] == ["B", "D"]


def test_the_stand_in_skips_the_absent_and_those_on_call():
    away = (Unavailable("A", date(2027, 1, 5), date(2027, 1, 6)),
            Unavailable("B", date(2027, 1, 1), date(2027, 1, 31)))
    s = generate(rotation(members=tuple("ABCD"), shape=Shape.MAIN_BACKUP, unavailable=away),
                 since=MON, weeks=1)
    # after A: B away, C holds backup, D free
    assert [(x.person, x.reason) for x in s.turns[0].slots] == [
        ("D", "A unavailable"), ("C", "")]


def test_an_absence_on_the_handover_day_counts_for_both_turns():
    # a weekly turn Mon 09:00 -> Mon 09:00 touches both Mondays
    r = rotation(unavailable=(Unavailable("A", date(2027, 1, 11), date(2027, 1, 11)),))
    assert people(generate(r, since=MON, weeks=2)) == ["B", "B"]
    # handover at 00:00: the turn ends as the next date begins and does not touch it
    r = r.with_changes(handover_time=time(0, 0))
    assert people(generate(r, since=MON, weeks=2)) == ["A", "B"]


def test_nobody_free_leaves_the_slot_unfilled_with_a_note():
    r = rotation(members=("A", "B"), shape=Shape.MAIN_BACKUP,
                 unavailable=(Unavailable("A", MON, MON),))
    s = generate(r, since=MON, weeks=1)
    # A's only stand-in B already holds backup
    assert s.turns[0].slots[0] == Slot("main", None, "A", "A unavailable")
    assert [(x.role, x.person) for x in s.shifts] == [("backup", "B")]
    assert len(s.notes) == 1 and "main" in s.notes[0] and "2027-01-04" in s.notes[0]


# --- overrides ---------------------------------------------------------------------------


SWAP = Override(date(2027, 3, 1), "backup", "Zoe", "swap with C")


def test_overrides_survive_regeneration_with_another_horizon():
    r = rotation(shape=Shape.MAIN_BACKUP, overrides=(SWAP,))
    # 2027-03-01 is turn (56 days / 7) = 8: main members[8 % 3] = C, backup members[9 % 3] = A
    for since, weeks in ((MON, 10), (date(2027, 2, 15), 3), (date(2027, 3, 3), 1)):
        s = generate(r, since=since, weeks=weeks)
        (turn,) = [t for t in s.turns if t.day == SWAP.day]
        assert turn.index == 8
        assert turn.slots == (Slot("main", "C", "C"),
                              Slot("backup", "Zoe", "A", "override: swap with C"))
        assert [x.changed for x in s.shifts if x.turn == 8] == [False, True]
        assert s.notes == ()
    # outside the horizon it is kept quietly, not stale
    assert generate(r, since=MON, weeks=2).notes == ()


def test_an_override_beats_a_stand_in():
    r = rotation(unavailable=(Unavailable("A", MON, MON),),
                 overrides=(Override(MON, "main", "C"),))
    assert generate(r, since=MON, weeks=1).turns[0].slots == (
        Slot("main", "C", "A", "override"),)


def test_stale_overrides_are_noted_and_ignored():
    tuesday = Override(date(2027, 1, 12), "main", "Zoe")
    before = Override(date(2026, 12, 28), "main", "Zoe")
    no_role = Override(date(2027, 1, 11), "backup", "Zoe")
    s = generate(rotation(overrides=(tuesday, before, no_role)), since=MON, weeks=3)
    assert people(s) == ["A", "B", "C"]
    assert len(s.notes) == 3
    assert "2027-01-12" in s.notes[0] and "2026-12-28" in s.notes[1]

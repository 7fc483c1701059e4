"""Maintenance windows and corrections: what they take out of a day's counts.

Every expected figure is worked out by hand in the comment beside it: a window covering M
minutes of a UTC day takes events x M / 1440 of that day (rounded half up) away, or turns
that share of the bad events into good ones.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from workbench.domain.slo.adjustments import (
    Adjustment,
    AdjustmentKind,
    Treatment,
    apply_adjustments,
    minutes_text,
    occurrences,
    read_correction,
    read_maintenance,
)
from workbench.domain.slo.records import DailyCount

DAY = date(2026, 11, 10)


def window(start: str, minutes: int, *, zone: str = "Etc/UTC", rrule: str = "",
           treatment: Treatment = Treatment.EXCLUDE, ident: int = 1,
           kind: AdjustmentKind = AdjustmentKind.MAINTENANCE, **extra) -> Adjustment:
    return Adjustment(id=ident, kind=kind, treatment=treatment,
                      start=datetime.strptime(start, "%Y-%m-%d %H:%M"), minutes=minutes,
                      zone=zone, rrule=rrule, slo_name="checkout", **extra)


def test_a_two_hour_exclude_window_takes_a_twelfth_of_the_day():
    # 120 / 1440 = 1/12: 14,400 good -> 1,200 removed, 1,440 bad -> 120 removed.
    adjusted = apply_adjustments([DailyCount(DAY, 14_400, 1_440)],
                                 [window("2026-11-10 02:00", 120)])
    assert adjusted.counts == (DailyCount(DAY, 13_200, 1_320),)
    [effect] = adjusted.effects
    assert (effect.excluded_minutes, effect.removed_good, effect.removed_bad) == (120, 1200, 120)
    assert adjusted.removed_events == 1_320


def test_counted_as_good_moves_the_share_of_bad_events_to_good():
    # The valid events stay (15,840); 120 of the 1,440 bad become good.
    adjusted = apply_adjustments([DailyCount(DAY, 14_400, 1_440)],
                                 [window("2026-11-10 02:00", 120, treatment=Treatment.GOOD)])
    assert adjusted.counts == (DailyCount(DAY, 14_520, 1_320),)
    assert adjusted.bad_as_good == 120 and adjusted.removed_events == 0


def test_shares_are_rounded_half_up():
    # 6 x 120 / 1440 = 0.5 -> 1; 7 x 120 / 1440 = 0.583 -> 1; 5 x 120 / 1440 = 0.417 -> 0.
    adjusted = apply_adjustments([DailyCount(DAY, 7, 6), DailyCount(date(2026, 11, 11), 5, 5)],
                                 [window("2026-11-10 00:00", 120, rrule="FREQ=DAILY")])
    assert adjusted.counts == (DailyCount(DAY, 6, 5), DailyCount(date(2026, 11, 11), 5, 5))


def test_a_window_over_midnight_is_split_between_the_two_days():
    # 23:00 to 01:00 UTC: 60 minutes of each day, 1/24 of 2,400 = 100 events each.
    days = [DailyCount(DAY, 2_400, 0), DailyCount(date(2026, 11, 11), 2_400, 0)]
    adjusted = apply_adjustments(days, [window("2026-11-10 23:00", 120)])
    assert [c.good for c in adjusted.counts] == [2_300, 2_300]
    assert [e.excluded_minutes for e in adjusted.effects] == [60, 60]


def test_wall_clock_time_in_the_zone_is_kept_across_daylight_saving():
    # Sundays 02:00-04:00 Europe/Berlin. 18 Oct (CEST, UTC+2): 00:00-02:00 UTC, 120 min.
    # 25 Oct, the night clocks go back: 02:00 CEST (00:00 UTC) to 04:00 CET (03:00 UTC),
    # 180 min. 1 Nov (CET, UTC+1): 01:00-03:00 UTC, 120 min.
    weekly = window("2026-10-18 02:00", 120, zone="Europe/Berlin", rrule="FREQ=WEEKLY;BYDAY=SU")
    sundays = [date(2026, 10, 18), date(2026, 10, 25), date(2026, 11, 1)]
    counts = [DailyCount(d, 1_440, 0) for d in sundays]
    counts.insert(1, DailyCount(date(2026, 10, 19), 1_440, 0))  # a Monday: untouched
    adjusted = apply_adjustments(counts, [weekly])
    assert [(e.day, e.excluded_minutes) for e in adjusted.effects] == [
        (sundays[0], 120), (sundays[1], 180), (sundays[2], 120)]
    assert [c.good for c in adjusted.counts] == [1_320, 1_440, 1_260, 1_320]
    found = occurrences(weekly, date(2026, 10, 25), date(2026, 10, 25))
    assert found == [(datetime(2026, 10, 25, 0, 0, tzinfo=UTC),
                      datetime(2026, 10, 25, 3, 0, tzinfo=UTC))]


def test_an_rrule_with_a_count_stops():
    days = [DailyCount(date(2026, 11, d), 1_440, 0) for d in (10, 11, 12)]
    adjusted = apply_adjustments(days, [window("2026-11-10 00:00", 60, rrule="FREQ=DAILY;COUNT=2")])
    assert [c.good for c in adjusted.counts] == [1_380, 1_380, 1_440]


def test_nothing_before_the_first_occurrence_is_touched():
    days = [DailyCount(date(2026, 11, 9), 1_440, 0), DailyCount(DAY, 1_440, 0)]
    adjusted = apply_adjustments(days, [window("2026-11-10 00:00", 60, rrule="FREQ=DAILY")])
    assert [c.good for c in adjusted.counts] == [1_440, 1_380]


def test_exclude_wins_where_windows_overlap():
    # Exclude 00:00-02:00, good 01:00-03:00: 120 min excluded (1/12 of 1,440 bad = 120 out),
    # 60 min only good (1/24 of the 1,440 bad = 60 become good).
    adjusted = apply_adjustments([DailyCount(DAY, 0, 1_440)], [
        window("2026-11-10 00:00", 120),
        window("2026-11-10 01:00", 120, treatment=Treatment.GOOD, ident=2)])
    [effect] = adjusted.effects
    assert (effect.excluded_minutes, effect.good_minutes) == (120, 60)
    assert adjusted.counts == (DailyCount(DAY, 60, 1_260),)


def test_overlapping_windows_of_one_kind_count_their_minutes_once():
    adjusted = apply_adjustments([DailyCount(DAY, 1_440, 0)], [
        window("2026-11-10 00:00", 120), window("2026-11-10 01:00", 120, ident=2)])
    assert adjusted.effects[0].excluded_minutes == 180
    assert adjusted.counts[0].good == 1_260


def test_a_correction_of_whole_days_removes_them_exactly():
    read = read_correction({"first": "2026-11-10", "last": "2026-11-11",
                            "reason": "provider outage, not ours"})
    assert read.problems == []
    correction = Adjustment(id=1, slo_name="checkout", **{
        k: v for k, v in read.values.items()})
    days = [DailyCount(date(2026, 11, d), 99_991, 9) for d in (9, 10, 11, 12)]
    adjusted = apply_adjustments(days, [correction])
    assert [c.total for c in adjusted.counts] == [100_000, 0, 0, 100_000]
    assert correction.describe() == "2026-11-10 to 2026-11-11"


def test_a_removed_window_no_longer_counts():
    gone = window("2026-11-10 00:00", 120, removed_at=datetime(2026, 11, 11),
                  removed_by="Ana")
    assert not gone.active
    assert apply_adjustments([DailyCount(DAY, 1_440, 0)], [gone]).counts[0].good == 1_440


def test_descriptions_and_lengths():
    weekly = window("2026-11-29 01:00", 60, zone="Europe/London", rrule="FREQ=WEEKLY;BYDAY=SU")
    assert weekly.describe() == ("2026-11-29 01:00 Europe/London for 1 h, repeating "
                                 "FREQ=WEEKLY;BYDAY=SU")
    assert [minutes_text(m) for m in (90, 120, 1_500, 0)] == ["1 h 30 min", "2 h", "1 d 1 h",
                                                             "0 min"]


def test_reading_a_window_lists_every_problem_at_once():
    read = read_maintenance({"start": "2026-13-01 25:00", "minutes": "0", "zone": "Mars/Base",
                             "rrule": "FREQ=SECONDLY", "treatment": "ignore",
                             "reason": "x\ny"})
    assert [p.split(":", 1)[0] for p in read.problems] == [
        "start", "minutes", "zone", "rrule", "treatment", "reason"]
    assert all("(" in p and p.endswith(")") for p in read.problems)


@pytest.mark.parametrize("minutes", ["-5", "1.5", "١٢٠", "44641", ""])
def test_bad_lengths_are_refused(minutes):
    read = read_maintenance({"start": "2026-11-10 00:00", "minutes": minutes})
    assert [p.split(":", 1)[0] for p in read.problems] == ["minutes"]


def test_a_good_window_reads_cleanly():
    read = read_maintenance({"start": "2026-11-29T01:00", "minutes": 60,
                             "zone": "Europe/London", "rrule": "RRULE:FREQ=WEEKLY;BYDAY=SU",
                             "treatment": "Good", "reason": "patching"})
    assert read.problems == []
    assert read.values["rrule"] == "FREQ=WEEKLY;BYDAY=SU"
    assert read.values["treatment"] is Treatment.GOOD
    assert read.values["start"] == datetime(2026, 11, 29, 1, 0)


def test_a_correction_needs_a_reason_and_days_in_order():
    read = read_correction({"first": "2026-11-12", "last": "2026-11-10"})
    assert [p.split(":", 1)[0] for p in read.problems] == ["last", "reason"]
    assert read_correction({"first": "2026-02-30", "reason": "x"}).problems[0].startswith(
        "first:")

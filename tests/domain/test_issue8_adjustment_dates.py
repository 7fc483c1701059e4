"""Issue 8, section 2 ("five date parsers") and 5 (ASCII digits): the start of a maintenance
window and the days of a correction are read by the one date reader of
``workbench.domain.formats`` (strictly ``YYYY-MM-DD`` in ASCII digits), and the time of day
is two ASCII digits, a colon and two ASCII digits.

Before, ``datetime.strptime`` took fullwidth and Arabic-Indic digits (and an hour of one
digit), and ``date.fromisoformat`` took ISO week dates such as ``2026-W48-3``. The refusals
keep the module's wording: ``field: 'what was given' is not ... (use ...)``.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from workbench.domain.slo.adjustments import read_correction, read_maintenance

FULLWIDTH_2026 = "\uff12\uff10\uff12\uff16"  # "2026" in fullwidth digits
ARABIC_INDIC_5 = "\u0665"  # Arabic-Indic digit five


def start_problems(start: str) -> list[str]:
    return [p for p in read_maintenance({"start": start, "minutes": 60}).problems
            if p.startswith("start:")]


@pytest.mark.parametrize("start", [
    f"{FULLWIDTH_2026}-11-2{ARABIC_INDIC_5} 01:00",  # the audit's example
    f"{FULLWIDTH_2026}-11-25 01:00",
    f"2026-11-2{ARABIC_INDIC_5} 01:00",
    "2026-11-25 \u0660\u0661:00",  # Arabic-Indic hour
    "2026-11-25 01:\uff10\uff10",  # fullwidth minutes
    "2026-W48-3 01:00",  # an ISO week date
    "20261125 01:00",  # ISO basic format
    "2026-11-25 1:00",  # an hour of one digit
    "2026-11-25 01:0",
    "2026-11-25 24:00",
    "2026-11-25 23:60",
    "2026-11-25 01:00:00",
    "2026-11-25",
    "2026-02-30 01:00",
    "2026-11-25 +1:00",
    "",
])
def test_a_start_that_is_not_ascii_yyyy_mm_dd_hh_mm_is_refused(start):
    value = start.strip().replace("T", " ")
    assert start_problems(start) == [
        f"start: {value[:40]!r} is not a date and time (use YYYY-MM-DD HH:MM, wall-clock "
        "time in the window's zone)"]


@pytest.mark.parametrize(("start", "expected"), [
    ("2026-11-29 01:00", datetime(2026, 11, 29, 1, 0)),
    ("2026-11-29T01:00", datetime(2026, 11, 29, 1, 0)),
    ("  2026-11-29 23:59 ", datetime(2026, 11, 29, 23, 59)),
    ("2026-11-29  00:00", datetime(2026, 11, 29, 0, 0)),  # strptime took two spaces too
    ("2028-02-29 12:30", datetime(2028, 2, 29, 12, 30)),  # a leap day
])
def test_a_good_start_reads_as_before(start, expected):
    read = read_maintenance({"start": start, "minutes": 60})
    assert read.problems == []
    assert read.values["start"] == expected


@pytest.mark.parametrize("day", [
    "2026-W48-3",  # date.fromisoformat read this as 2026-11-25
    "2026-333",  # ordinal date: not 10 characters, but refused by the same rule now
    f"{FULLWIDTH_2026}-11-25",
    f"2026-11-2{ARABIC_INDIC_5}",
    "2026-11-25T00:00",
    "2026-02-30",
])
def test_a_correction_day_that_is_not_ascii_yyyy_mm_dd_is_refused(day):
    read = read_correction({"first": day, "last": "2026-11-30", "reason": "provider outage"})
    assert read.problems == [f"first: {day[:20]!r} is not a day (use YYYY-MM-DD)"]
    read = read_correction({"first": "2026-11-01", "last": day, "reason": "provider outage"})
    assert read.problems == [f"last: {day[:20]!r} is not a day (use YYYY-MM-DD)"]


def test_a_week_date_of_ten_characters_was_the_gap():
    # 2026-W48-3 is Wednesday of ISO week 48 of 2026: 2026-11-25. It has ten characters, so
    # the old check (len(text) == 10, then date.fromisoformat) let it through.
    assert len("2026-W48-3") == 10
    read = read_correction({"first": "2026-W48-3", "reason": "provider outage"})
    assert [p.split(":", 1)[0] for p in read.problems] == ["first", "last"]
    assert read.values["start"] is None


def test_a_good_correction_reads_as_before():
    read = read_correction({"first": " 2026-11-10 ", "last": "2026-11-11",
                            "reason": "provider outage, not ours"})
    assert read.problems == []
    assert read.values["start"] == datetime(2026, 11, 10)
    assert read.values["minutes"] == 2 * 1440

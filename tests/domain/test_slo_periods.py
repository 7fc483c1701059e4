"""Compliance periods: four ISO weeks (five for period 13 of a 53-week year), rolling days."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest

from workbench.domain.slo import (
    PeriodError,
    allowed_downtime_minutes,
    four_week_period,
    has_week_53,
    iso_weeks_in_year,
    minutes,
    parse_duration,
    period_by_index,
    period_length,
    periods_of_year,
    rolling_window,
)


def test_period_containing_a_date():
    found = four_week_period(date(2024, 2, 10))
    assert (found.iso_year, found.index) == (2024, 2)
    assert (found.start, found.end) == (date(2024, 1, 29), date(2024, 2, 25))
    assert (found.first_week, found.last_week, found.weeks, found.days) == (5, 8, 4, 28)
    assert not found.is_long


def test_book_example_periods_follow_iso_weeks_of_2024():
    # book-establishing-sre-foundations.txt line 7170: a four-week period made of the weeks of
    # January 1, 8, 15 and 22; line 7421: period 1 starts January 1, period 2 January 29.
    # In 2024, ISO week 1 starts on Monday, January 1.
    first = period_by_index(2024, 1)
    assert first.start == date(2024, 1, 1)
    assert [first.start + timedelta(weeks=i) for i in range(4)] == [
        date(2024, 1, 1),
        date(2024, 1, 8),
        date(2024, 1, 15),
        date(2024, 1, 22),
    ]
    assert first.end == date(2024, 1, 28)
    assert period_by_index(2024, 2).start == date(2024, 1, 29)


def test_period_1_starts_on_the_monday_of_iso_week_1_even_in_the_previous_year():
    # 2025-01-01 is a Wednesday; ISO week 1 of 2025 starts on Monday 2024-12-30.
    first = four_week_period(date(2025, 1, 1))
    assert (first.iso_year, first.index, first.start) == (2025, 1, date(2024, 12, 30))
    assert four_week_period(date(2024, 12, 30)) == first
    assert four_week_period(date(2024, 12, 29)).index == 13
    assert four_week_period(date(2024, 12, 29)).iso_year == 2024


@pytest.mark.parametrize(("year", "weeks"), [(2020, 53), (2021, 52), (2024, 52), (2026, 53)])
def test_iso_weeks_in_year(year, weeks):
    assert iso_weeks_in_year(year) == weeks
    assert has_week_53(year) == (weeks == 53)


@pytest.mark.parametrize("year", [2020, 2026, 2032])
def test_week_53_extends_period_13_to_five_weeks(year):
    last = period_by_index(year, 13)
    assert (last.first_week, last.last_week, last.weeks, last.days) == (49, 53, 5, 35)
    assert last.is_long
    assert last.length == timedelta(weeks=5)
    # The next ISO year starts again with period 1 right after it.
    assert period_by_index(year + 1, 1).start == last.end + timedelta(days=1)


def test_week_53_of_2020_belongs_to_period_13_of_2020():
    # 2021-01-02 is a Saturday in ISO week 53 of 2020.
    found = four_week_period(date(2021, 1, 2))
    assert (found.iso_year, found.index) == (2020, 13)
    assert (found.start, found.end) == (date(2020, 11, 30), date(2021, 1, 3))
    assert found.is_long
    assert four_week_period(date(2021, 1, 4)).iso_year == 2021


def test_week_53_of_2026():
    found = four_week_period(date(2026, 12, 31))
    assert (found.iso_year, found.index) == (2026, 13)
    assert (found.start, found.end) == (date(2026, 11, 30), date(2027, 1, 3))
    assert found.is_long
    assert four_week_period(date(2026, 11, 25)).index == 12
    assert not four_week_period(date(2026, 11, 25)).is_long


def test_a_52_week_year_has_13_four_week_periods():
    periods = periods_of_year(2025)
    assert len(periods) == 13
    assert all(p.weeks == 4 and not p.is_long for p in periods)


@pytest.mark.parametrize("year", [2019, 2020, 2021, 2024, 2026, 2027])
def test_periods_tile_the_iso_year_without_gaps(year):
    periods = periods_of_year(year)
    assert periods[0].start == date.fromisocalendar(year, 1, 1)
    assert periods[-1].end == date.fromisocalendar(year, iso_weeks_in_year(year), 7)
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
    assert sum(p.days for p in periods) == 7 * iso_weeks_in_year(year)
    assert all(p.start.weekday() == 0 and p.end.weekday() == 6 for p in periods)


def test_elapsed_and_days_left():
    found = four_week_period(date(2024, 2, 10))
    assert found.elapsed(date(2024, 1, 29)) == timedelta(0)
    assert found.elapsed(date(2024, 2, 10)) == timedelta(days=12)
    assert found.days_left(date(2024, 2, 10)) == 16
    assert found.days_left(date(2024, 2, 25)) == 1
    with pytest.raises(PeriodError):
        found.days_left(date(2024, 2, 26))


def test_bad_period_index():
    with pytest.raises(PeriodError, match="1 to 13"):
        period_by_index(2024, 14)
    with pytest.raises(PeriodError):
        period_by_index(2024, 0)


def test_rolling_28_days_includes_the_end_date():
    window = rolling_window(date(2024, 2, 10))
    assert (window.start, window.end, window.days) == (date(2024, 1, 14), date(2024, 2, 10), 28)
    assert rolling_window(date(2024, 3, 1), 30).start == date(2024, 2, 1)
    with pytest.raises(PeriodError):
        rolling_window(date(2024, 3, 1), 0)


@pytest.mark.parametrize(
    ("name", "mins"),
    [("4w", 40_320), ("28d", 40_320), ("30d", 43_200), ("1w", 10_080), ("5w", 50_400)],
)
def test_period_lengths(name, mins):
    assert minutes(period_length(name)) == mins


def test_unknown_period_name():
    with pytest.raises(PeriodError, match="use one of 1w, 4w, 5w, 28d, 30d"):
        period_length("2m")


@pytest.mark.parametrize(
    ("target", "period", "expected"),
    [
        ("99.95", "4w", Decimal("20.16")),
        ("99.95", "5w", Decimal("25.2")),
        ("99.9", "30d", Decimal("43.2")),
        ("99.9", "28d", Decimal("40.32")),
        ("99.9", "1w", Decimal("10.08")),
        ("98", "4w", Decimal("806.4")),
        ("99.99", "30d", Decimal("4.32")),
    ],
)
def test_allowed_downtime_minutes(target, period, expected):
    assert allowed_downtime_minutes(target, period) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14d", timedelta(days=14)),
        ("36h", timedelta(hours=36)),
        ("90m", timedelta(minutes=90)),
        ("2w", timedelta(weeks=2)),
    ],
)
def test_parse_duration(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "d", "1.5d", "-1d", "14", "14x"])
def test_parse_duration_rejects_nonsense(text):
    with pytest.raises(PeriodError, match="not a duration"):
        parse_duration(text)


def test_durations_and_status_classes_take_ascii_digits_only():
    from workbench.domain.slo.periods import PeriodError, parse_duration
    from workbench.domain.slo.sli import StatusCodeError, parse_status_spec

    for text in ("\u00b2d", "\uff11\uff14d", "\u0665h"):  # superscript, full-width, Arabic-Indic
        with pytest.raises(PeriodError, match="is not a duration"):
            parse_duration(text)
    with pytest.raises(StatusCodeError):
        parse_status_spec("²xx")

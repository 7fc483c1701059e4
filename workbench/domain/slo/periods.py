"""Compliance periods: four ISO weeks, and rolling windows.

Four-week periods follow the ISO calendar. Period 1 starts on the Monday of ISO week 1, and
period *n* covers ISO weeks 4n-3 to 4n, so a 52-week ISO year has exactly 13 periods of 28 days.

**Week 53.** Some ISO years (e.g. 2020, 2026, 2032) have a 53rd week. It is added to the last
period: period 13 then covers weeks 49-53 and is five weeks (35 days) long, and the next
ISO year starts again with period 1. Reasons for this choice over a separate one-week
"period 14":

* every ISO year has the same 13 periods, so "period 13 of 2026" and "period 13 of 2025" are
  comparable and reports never show a 14th column once every few years;
* a one-week period would get a quarter of the usual events and therefore a quarter of the
  budget in absolute numbers: a single ordinary incident could exhaust it, and its burn
  figures would be noisy;
* the budget is a share of valid events, so a five-week period still gets a proportionate
  budget; only time-based views (allowed downtime) grow by a quarter, from 28 to 35 days.

Dates are ``datetime.date``; ``end`` is inclusive (the Sunday of the period's last week).
A rolling window of *n* days ending on a date covers that date and the n-1 days before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from workbench.domain.formats import is_ascii_digits
from workbench.domain.slo._num import div, mul
from workbench.domain.slo.target import TargetInput, budget_share

WEEKS_PER_PERIOD = 4
PERIODS_PER_YEAR = 13
MINUTES_PER_DAY = 24 * 60


class PeriodError(ValueError):
    """An unknown period name or an impossible period/window."""


def iso_weeks_in_year(iso_year: int) -> int:
    """52 or 53: 28 December always falls in the last ISO week of its year."""
    return date(iso_year, 12, 28).isocalendar().week


def has_week_53(iso_year: int) -> bool:
    return iso_weeks_in_year(iso_year) == 53


@dataclass(frozen=True)
class CompliancePeriod:
    """One four-week (or, for period 13 of a 53-week year, five-week) compliance period."""

    iso_year: int
    index: int
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> int:
        return self.days // 7

    @property
    def first_week(self) -> int:
        return (self.index - 1) * WEEKS_PER_PERIOD + 1

    @property
    def last_week(self) -> int:
        return self.first_week + self.weeks - 1

    @property
    def is_long(self) -> bool:
        """True for the five-week period 13 of a 53-week ISO year."""
        return self.weeks > WEEKS_PER_PERIOD

    @property
    def length(self) -> timedelta:
        return timedelta(days=self.days)

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    def elapsed(self, day: date) -> timedelta:
        """Whole days of the period before ``day`` (0 on the first day)."""
        if day not in self:
            raise PeriodError(f"{day.isoformat()} is not in period {self.index} of {self.iso_year}")
        return day - self.start

    def days_left(self, day: date) -> int:
        """Days from ``day`` to the end of the period, counting ``day`` itself."""
        if day not in self:
            raise PeriodError(f"{day.isoformat()} is not in period {self.index} of {self.iso_year}")
        return (self.end - day).days + 1


def period_by_index(iso_year: int, index: int) -> CompliancePeriod:
    """Period ``index`` (1-13) of an ISO year."""
    if isinstance(index, bool) or not isinstance(index, int) or not 1 <= index <= 13:
        raise PeriodError(f"period index must be 1 to {PERIODS_PER_YEAR}, not {index!r}")
    first_week = (index - 1) * WEEKS_PER_PERIOD + 1
    last_week = iso_weeks_in_year(iso_year) if index == PERIODS_PER_YEAR else first_week + 3
    start = date.fromisocalendar(iso_year, first_week, 1)
    end = date.fromisocalendar(iso_year, last_week, 7)
    return CompliancePeriod(iso_year=iso_year, index=index, start=start, end=end)


def four_week_period(day: date) -> CompliancePeriod:
    """The four-week compliance period that contains ``day``.

    Early-January days can belong to the previous ISO year (e.g. 2021-01-02 is in ISO week 53
    of 2020, hence period 13 of 2020), and late-December days to the next one.
    """
    iso_year, week, _ = day.isocalendar()
    index = min((week - 1) // WEEKS_PER_PERIOD + 1, PERIODS_PER_YEAR)
    return period_by_index(iso_year, index)


def periods_of_year(iso_year: int) -> list[CompliancePeriod]:
    """All 13 periods of an ISO year, in order; together they cover the ISO year exactly."""
    return [period_by_index(iso_year, i) for i in range(1, PERIODS_PER_YEAR + 1)]


@dataclass(frozen=True)
class RollingWindow:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def rolling_window(end: date, days: int = 28) -> RollingWindow:
    """The rolling window of ``days`` days that ends on (and includes) ``end``."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise PeriodError(f"a rolling window needs at least one day, not {days!r}")
    return RollingWindow(start=end - timedelta(days=days - 1), end=end)


# Period lengths a user can name on the command line.
PERIOD_LENGTHS: dict[str, timedelta] = {
    "1w": timedelta(weeks=1),
    "4w": timedelta(weeks=4),
    "5w": timedelta(weeks=5),
    "28d": timedelta(days=28),
    "30d": timedelta(days=30),
}


def period_length(name: str) -> timedelta:
    """The length of a named period: one of ``1w``, ``4w``, ``5w``, ``28d``, ``30d``."""
    key = name.strip().lower()
    if key not in PERIOD_LENGTHS:
        raise PeriodError(f"unknown period {name!r}; use one of {', '.join(PERIOD_LENGTHS)}")
    return PERIOD_LENGTHS[key]


_DURATION_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


def parse_duration(text: str) -> timedelta:
    """A duration such as ``14d``, ``36h``, ``90m`` or ``2w`` (one whole number and a unit)."""
    raw = text.strip().lower()
    unit, number = raw[-1:], raw[:-1]
    if unit not in _DURATION_UNITS or not is_ascii_digits(number):
        raise PeriodError(
            f"{text!r} is not a duration; use a whole number with w, d, h or m, e.g. 14d or 36h"
        )
    return timedelta(**{_DURATION_UNITS[unit]: int(number)})


def minutes(length: timedelta) -> int:
    """Whole minutes in a period length (lengths here are whole minutes)."""
    total_seconds = length.days * 86_400 + length.seconds
    if length.microseconds or total_seconds % 60:
        raise PeriodError("period lengths must be whole minutes")
    return total_seconds // 60


def allowed_downtime_minutes(target: TargetInput, length: timedelta | str) -> Decimal:
    """Minutes of full outage the budget allows over a period: minutes x (100 - target)/100.

    99.95% over four weeks (40,320 minutes) allows exactly 20.16 minutes.
    """
    if isinstance(length, str):
        length = period_length(length)
    return mul(minutes(length), budget_share(target))


def share_of(part: timedelta, whole: timedelta) -> Decimal:
    """``part / whole`` as an exact-as-possible Decimal (using whole microseconds)."""
    whole_us = micros(whole)
    if whole_us <= 0:
        raise PeriodError("a period must be longer than zero")
    return div(micros(part), whole_us)


def micros(length: timedelta) -> int:
    """A duration as whole microseconds (exact, unlike ``total_seconds()``, a float)."""
    return (length.days * 86_400 + length.seconds) * 1_000_000 + length.microseconds

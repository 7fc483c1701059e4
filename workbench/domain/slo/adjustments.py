"""Maintenance windows and corrections: the budget adjustments of an SLO or a service.

An adjustment says that the events of some stretch of time are not held against the budget:
they are either left out (``exclude``: neither good nor bad, as if nobody had called) or
counted as good (``good``: bad events become good ones, the valid events stay).

* A **maintenance window** is planned: one start (wall-clock time in an IANA zone), a length
  in minutes, and optionally an RFC 5545 recurrence (``FREQ=WEEKLY;BYDAY=SU``) expanded with
  python-dateutil, so "every Sunday 02:00-04:00 Europe/Berlin" keeps its local time across
  daylight-saving changes.
* A **correction** is recorded after the fact: whole days (first to last, inclusive) whose
  events were not ours (a provider's outage, a load test), with who recorded it and why.

Counts are kept per UTC day, so a window that covers part of a day takes that share of the
day's events: a two-hour window takes 120/1440 of them, on the assumption that events arrive
evenly over the day. Shares are rounded half up to whole events. Whole days (every
correction) are exact. Where windows of both kinds overlap, ``exclude`` wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workbench.domain.formats import is_ascii_digits, parse_iso_date
from workbench.domain.slo.records import DailyCount

MINUTES_PER_DAY = 24 * 60
MAX_MINUTES = 31 * MINUTES_PER_DAY  # one occurrence lasts at most a month
MAX_CORRECTION_DAYS = 366
MAX_RRULE = 300
MAX_REASON = 500
MAX_NAME = 120
DEFAULT_ZONE = "Etc/UTC"
MINUTE = timedelta(minutes=1)
ALLOWED_FREQ = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")


class AdjustmentKind(StrEnum):
    MAINTENANCE = "maintenance"
    CORRECTION = "correction"


class Treatment(StrEnum):
    EXCLUDE = "exclude"
    GOOD = "good"


TREATMENT_TEXT = {Treatment.EXCLUDE: "events left out of the budget",
                  Treatment.GOOD: "bad events counted as good"}


@dataclass(frozen=True)
class Adjustment:
    """One maintenance window or correction. ``start`` is wall-clock time in ``zone``;
    each occurrence lasts ``minutes``. ``slo_name`` or ``service_name`` says what it is for
    (a service's adjustment applies to every SLO of that service)."""

    id: int
    kind: AdjustmentKind
    treatment: Treatment
    start: datetime
    minutes: int
    zone: str = DEFAULT_ZONE
    rrule: str = ""
    reason: str = ""
    slo_name: str | None = None
    service_name: str | None = None
    recorded_by: str = ""
    recorded_at: datetime | None = None
    removed_by: str = ""
    removed_at: datetime | None = None
    removed_reason: str = ""

    @property
    def active(self) -> bool:
        return self.removed_at is None

    @property
    def scope(self) -> str:
        if self.slo_name:
            return f"SLO {self.slo_name}"
        return f"service {self.service_name}"

    @property
    def end(self) -> datetime:
        """End of the first occurrence (exclusive), wall-clock in ``zone``."""
        return self.start + timedelta(minutes=self.minutes)

    def describe(self) -> str:
        """``2026-11-08 02:00 Europe/Berlin for 2 h, FREQ=WEEKLY;BYDAY=SU`` or, for a
        correction, ``2026-11-03 to 2026-11-04``."""
        if self.kind is AdjustmentKind.CORRECTION:
            last = (self.start + timedelta(minutes=self.minutes - 1)).date()
            first = self.start.date()
            return first.isoformat() if first == last else f"{first} to {last}"
        text = f"{self.start:%Y-%m-%d %H:%M} {self.zone} for {minutes_text(self.minutes)}"
        return f"{text}, repeating {self.rrule}" if self.rrule else text


def minutes_text(minutes: int) -> str:
    """``90 min``, ``2 h``, ``1 d 2 h``: the length of a window."""
    days, rest = divmod(minutes, MINUTES_PER_DAY)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} d"] if days else []
    if hours:
        parts.append(f"{hours} h")
    if mins:
        parts.append(f"{mins} min")
    return " ".join(parts) or "0 min"


# --- reading what people type -------------------------------------------------------------


@dataclass
class AdjustmentInput:
    """What ``read_maintenance`` / ``read_correction`` made of the values given, with one
    problem per bad value (``field: what is wrong (how to fix)``)."""

    values: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _zone(text: str, problems: list[str]) -> str:
    zone = (text or DEFAULT_ZONE).strip()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"zone: {zone[:60]!r} is not an IANA time zone (use e.g. Etc/UTC or "
                        "Europe/Berlin)")
    return zone


def _start(text: str, problems: list[str]) -> datetime | None:
    """``YYYY-MM-DD HH:MM`` (or with ``T``): the day through the one date reader of
    ``formats``, the time as two ASCII digits each (``strptime`` also took fullwidth and
    Arabic-Indic digits, and hours of one digit)."""
    value = (text or "").strip().replace("T", " ")
    day_text, _, clock = value.partition(" ")
    clock = clock.strip()
    try:
        day = parse_iso_date(day_text)
        hour, minute = _clock(clock)
    except ValueError:
        problems.append(f"start: {value[:40]!r} is not a date and time (use YYYY-MM-DD HH:MM, "
                        "wall-clock time in the window's zone)")
        return None
    return datetime.combine(day, time(hour, minute))


def _clock(text: str) -> tuple[int, int]:
    """``HH:MM`` with ASCII digits, 00:00 to 23:59; ValueError otherwise."""
    hours, colon, minutes = text.partition(":")
    if not (colon and len(hours) == 2 and len(minutes) == 2 and is_ascii_digits(hours)
            and is_ascii_digits(minutes)):
        raise ValueError(f"{text!r} is not a time of day")
    hour, minute = int(hours), int(minutes)
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r} is not a time of day")
    return hour, minute


def _minutes(value: object, problems: list[str]) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not is_ascii_digits(text) or not 1 <= int(text) <= MAX_MINUTES:
        problems.append(f"minutes: {text[:20]!r} is not a length in minutes (a whole number "
                        f"from 1 to {MAX_MINUTES})")
        return None
    return int(text)


def check_rrule(rule: str, start: datetime | None) -> str | None:
    """Why ``rule`` (an RRULE value without the ``RRULE:`` prefix) is not usable, or None."""
    from dateutil.rrule import rrulestr

    if len(rule) > MAX_RRULE:
        return f"rrule: longer than {MAX_RRULE} characters (shorten it)"
    parts = dict(p.split("=", 1) for p in rule.upper().split(";") if "=" in p)
    if parts.get("FREQ") not in ALLOWED_FREQ:
        return (f"rrule: FREQ must be one of {', '.join(ALLOWED_FREQ)} (e.g. "
                "FREQ=WEEKLY;BYDAY=SU)")
    try:
        rrulestr(f"RRULE:{rule}", dtstart=start or datetime(2000, 1, 1))
    except (ValueError, TypeError) as error:
        return f"rrule: {rule[:60]!r} is not an RFC 5545 rule ({str(error)[:80]})"
    return None


def _text(values: Mapping[str, Any], key: str, limit: int, problems: list[str],
          required: bool = False) -> str:
    text = str(values.get(key) or "").strip()
    if len(text) > limit:
        problems.append(f"{key}: longer than {limit} characters (shorten it)")
    if required and not text:
        problems.append(f"{key}: missing (say why, e.g. 'provider outage, not ours')")
    if any(ord(c) < 32 and c not in "\t" for c in text):
        problems.append(f"{key}: holds control characters or line breaks (use one line)")
    return text


def _treatment(value: object, problems: list[str]) -> Treatment:
    text = str(value or Treatment.EXCLUDE).strip().lower()
    try:
        return Treatment(text)
    except ValueError:
        problems.append(f"treatment: {text[:20]!r} is not known (use exclude or good)")
        return Treatment.EXCLUDE


def read_maintenance(values: Mapping[str, Any]) -> AdjustmentInput:
    """A maintenance window from ``start``, ``minutes``, optional ``zone``, ``rrule``,
    ``treatment`` (exclude, good) and ``reason``."""
    problems: list[str] = []
    start = _start(str(values.get("start") or ""), problems)
    minutes = _minutes(values.get("minutes"), problems)
    zone = _zone(str(values.get("zone") or ""), problems)
    rule = str(values.get("rrule") or "").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:].strip()
    if rule:
        problem = check_rrule(rule, start)
        if problem:
            problems.append(problem)
    result = AdjustmentInput(problems=problems)
    result.values = {
        "kind": AdjustmentKind.MAINTENANCE, "start": start, "minutes": minutes,
        "zone": zone, "rrule": rule, "treatment": _treatment(values.get("treatment"), problems),
        "reason": _text(values, "reason", MAX_REASON, problems),
    }
    return result


def read_correction(values: Mapping[str, Any]) -> AdjustmentInput:
    """A correction from ``first`` and ``last`` day (YYYY-MM-DD, inclusive; ``last``
    defaults to ``first``), a required ``reason`` and optional ``treatment``."""
    problems: list[str] = []
    days: list[date | None] = []
    for key in ("first", "last"):
        text = str(values.get(key) or (values.get("first") if key == "last" else "")).strip()
        try:  # the one date reader: ASCII YYYY-MM-DD only (no 2026-W48-3, no 20261102)
            days.append(parse_iso_date(text))
        except ValueError:
            days.append(None)
        if days[-1] is None:
            problems.append(f"{key}: {text[:20]!r} is not a day (use YYYY-MM-DD)")
    first, last = days
    minutes = None
    if first and last:
        if last < first:
            problems.append(f"last: {last} is before first {first} (swap them)")
        elif (last - first).days + 1 > MAX_CORRECTION_DAYS:
            problems.append(f"last: a correction covers at most {MAX_CORRECTION_DAYS} days "
                            "(record two)")
        else:
            minutes = ((last - first).days + 1) * MINUTES_PER_DAY
    result = AdjustmentInput(problems=problems)
    result.values = {
        "kind": AdjustmentKind.CORRECTION,
        "start": datetime.combine(first, time()) if first else None, "minutes": minutes,
        "zone": DEFAULT_ZONE, "rrule": "",
        "treatment": _treatment(values.get("treatment"), problems),
        "reason": _text(values, "reason", MAX_REASON, problems, required=True),
    }
    return result


# --- when they happen ---------------------------------------------------------------------


def occurrences(adjustment: Adjustment, first_day: date,
                last_day: date) -> list[tuple[datetime, datetime]]:
    """The UTC (start, end) of every occurrence that overlaps the UTC days ``first_day`` to
    ``last_day`` (inclusive), in order."""
    zone = ZoneInfo(adjustment.zone)
    length = timedelta(minutes=adjustment.minutes)
    lo = datetime.combine(first_day, time(), UTC)
    hi = datetime.combine(last_day + timedelta(days=1), time(), UTC)

    def utc(local: datetime) -> datetime:
        return local.replace(tzinfo=zone).astimezone(UTC)

    if not adjustment.rrule:
        starts = [adjustment.start]
    else:
        from dateutil.rrule import rrulestr

        rule = rrulestr(f"RRULE:{adjustment.rrule}", dtstart=adjustment.start)
        # Wall-clock bounds wide enough for any zone offset (at most 26 hours either way).
        after = (lo - length - timedelta(hours=27)).astimezone(zone).replace(tzinfo=None)
        before = (hi + timedelta(hours=27)).astimezone(zone).replace(tzinfo=None)
        starts = rule.between(max(after, adjustment.start - timedelta(seconds=1)), before,
                              inc=True)
    found = []
    for local in starts:
        start = utc(local)
        # The end keeps the local length too: 02:00 + 2 h is 04:00 local on a DST night.
        end = utc(local + length)
        if start < hi and end > lo:
            found.append((start, end))
    return found


def _union_minutes(intervals: Iterable[tuple[datetime, datetime]], day: date) -> list[
        tuple[int, int]]:
    """The minutes of UTC ``day`` the intervals cover, as merged (from, to) minute pairs."""
    lo = datetime.combine(day, time(), UTC)
    spans = []
    for start, end in intervals:
        a = max(0, (start - lo) // MINUTE)
        b = min(MINUTES_PER_DAY, -((lo - end) // MINUTE))  # rounded up to whole minutes
        if b > a:
            spans.append((a, b))
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _minus(spans: list[tuple[int, int]], cut: list[tuple[int, int]]) -> int:
    """Minutes of ``spans`` not in ``cut`` (both merged and sorted)."""
    total = 0
    for a, b in spans:
        inside = sum(max(0, min(b, d) - max(a, c)) for c, d in cut)
        total += (b - a) - inside
    return total


def _share(events: int, minutes: int) -> int:
    """``events x minutes / 1440`` rounded half up, in integers."""
    return (2 * events * minutes + MINUTES_PER_DAY) // (2 * MINUTES_PER_DAY)


@dataclass(frozen=True)
class DayEffect:
    """What the adjustments did to one day's counts."""

    day: date
    excluded_minutes: int
    good_minutes: int
    removed_good: int
    removed_bad: int
    bad_as_good: int


@dataclass(frozen=True)
class Adjusted:
    counts: tuple[DailyCount, ...]
    effects: tuple[DayEffect, ...] = ()

    @property
    def removed_events(self) -> int:
        return sum(e.removed_good + e.removed_bad for e in self.effects)

    @property
    def bad_as_good(self) -> int:
        return sum(e.bad_as_good for e in self.effects)


def apply_adjustments(counts: Sequence[DailyCount],
                      adjustments: Sequence[Adjustment]) -> Adjusted:
    """The counts with every active adjustment applied, and what changed per day.

    Per UTC day: minutes covered by ``exclude`` windows take their share of the day's good
    and bad events away; minutes covered only by ``good`` windows turn their share of the
    bad events into good ones.
    """
    live = [a for a in adjustments if a.active]
    if not live or not counts:
        return Adjusted(tuple(counts))
    first = min(c.day for c in counts)
    last = max(c.day for c in counts)
    windows = {t: [o for a in live if a.treatment is t for o in occurrences(a, first, last)]
               for t in Treatment}
    result: list[DailyCount] = []
    effects: list[DayEffect] = []
    for count in counts:
        lo = datetime.combine(count.day, time(), UTC)
        hi = lo + timedelta(days=1)
        todays = {t: [(s, e) for s, e in windows[t] if s < hi and e > lo] for t in Treatment}
        if not todays[Treatment.EXCLUDE] and not todays[Treatment.GOOD]:
            result.append(count)
            continue
        excluded = _union_minutes(todays[Treatment.EXCLUDE], count.day)
        excluded_minutes = sum(b - a for a, b in excluded)
        good_minutes = _minus(_union_minutes(todays[Treatment.GOOD], count.day), excluded)
        removed_good = _share(count.good, excluded_minutes)
        removed_bad = _share(count.bad, excluded_minutes)
        bad_left = count.bad - removed_bad
        moved = min(bad_left, _share(count.bad, good_minutes))
        result.append(DailyCount(count.day, count.good - removed_good + moved,
                                 bad_left - moved))
        effects.append(DayEffect(count.day, excluded_minutes, good_minutes, removed_good,
                                 removed_bad, moved))
    return Adjusted(tuple(result), tuple(effects))

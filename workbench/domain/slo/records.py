"""Personas, story maps and stored SLO definitions as frozen values, plus the book's defaults,
target warnings and the budget view of one SLO over a compliance period (with burn-down).

Everything here is pure: repositories build these values from rows, and the CLI, the
exporters and the TUI only read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from workbench.domain.organisation import ArtifactStatus
from workbench.domain.slo._num import CTX, HUNDRED, div, mul
from workbench.domain.slo.budget import BudgetStatus, budget_status, remaining_percent
from workbench.domain.slo.periods import (
    PeriodError,
    four_week_period,
    micros,
    rolling_window,
)
from workbench.domain.slo.sli import StatusCodeError, parse_status_spec, parse_threshold_ms
from workbench.domain.slo.target import TargetError, budget_share, parse_target

UID_LENGTH = 40
_UID = re.compile(rf"[0-9a-z][0-9a-z-]{{0,{UID_LENGTH - 1}}}")


class Need(StrEnum):
    """What a persona needs most from the service."""

    CORRECTNESS = "correctness"
    THROUGHPUT = "throughput"
    AVAILABILITY = "availability"


class SloKind(StrEnum):
    AVAILABILITY = "availability"
    LATENCY = "latency"


# An SLO follows the one document lifecycle (workbench.domain.lifecycle).
SloState = ArtifactStatus


# Compliance periods an SLO can use: four calendar (ISO) weeks, or a rolling 28 days.
SLO_PERIODS: tuple[str, ...] = ("4w", "28d")

# The book's starting points when a team has no data yet (section 6.7).
DEFAULT_AVAILABILITY_TARGET = Decimal("90")
DEFAULT_LATENCY_TARGET = Decimal("80")
DEFAULT_LATENCY_THRESHOLD_MS = Decimal("1000")
DEFAULT_BAD_STATUS = "5xx"


def default_target(kind: SloKind | str) -> Decimal:
    return DEFAULT_LATENCY_TARGET if SloKind(kind) is SloKind.LATENCY else (
        DEFAULT_AVAILABILITY_TARGET
    )


@dataclass(frozen=True)
class Persona:
    id: int
    name: str
    goal: str = ""
    time_available: str = ""
    environment: str = ""
    needs: Need = Need.AVAILABILITY
    complaints: str = ""
    team_name: str | None = None
    version: int = 1


@dataclass(frozen=True)
class Endpoint:
    id: int
    service_name: str
    method: str
    path: str

    @property
    def label(self) -> str:
        """``orders POST /orders`` (or ``orders /orders`` without a method)."""
        return " ".join(p for p in (self.service_name, self.method, self.path) if p)


@dataclass(frozen=True)
class Story:
    id: int
    task_id: int
    position: int
    title: str
    critical: bool = False
    slice_name: str | None = None
    persona_name: str | None = None
    endpoints: tuple[Endpoint, ...] = ()
    version: int = 1


@dataclass(frozen=True)
class Task:
    id: int
    activity_id: int
    position: int
    title: str
    stories: tuple[Story, ...] = ()
    version: int = 1


@dataclass(frozen=True)
class Activity:
    id: int
    map_id: int
    position: int
    title: str
    tasks: tuple[Task, ...] = ()
    version: int = 1


@dataclass(frozen=True)
class ReleaseSlice:
    id: int
    map_id: int
    position: int
    name: str
    version: int = 1


@dataclass(frozen=True)
class StoryMap:
    """Activities left to right (the backbone), tasks under each, stories under each task;
    release slices cut across the stories."""

    id: int
    title: str
    team_name: str | None = None
    description: str = ""
    activities: tuple[Activity, ...] = ()
    slices: tuple[ReleaseSlice, ...] = ()
    version: int = 1

    def stories(self) -> list[Story]:
        return [s for a in self.activities for t in a.tasks for s in t.stories]

    def critical_stories(self) -> list[Story]:
        return [s for s in self.stories() if s.critical]


@dataclass(frozen=True)
class SloDefinition:
    id: int
    name: str
    kind: SloKind
    target: Decimal
    threshold_ms: Decimal | None = None
    bad_status: str = DEFAULT_BAD_STATUS
    period: str = "4w"
    historical_attainment: Decimal | None = None
    status: SloState = SloState.DRAFT
    description: str = ""
    service_name: str | None = None
    story_id: int | None = None
    story_title: str | None = None
    map_title: str | None = None
    version: int = 1
    uid: str = ""
    """Stable across renames and databases (exports carry it)."""

    def describe(self) -> str:
        """``99.9% available`` or ``95% within 800 ms``."""
        target = format(self.target.normalize(), "f")
        if self.kind is SloKind.LATENCY and self.threshold_ms is not None:
            return f"{target}% within {format(self.threshold_ms.normalize(), 'f')} ms"
        return f"{target}% available"

    def sli_text(self) -> str:
        if self.kind is SloKind.LATENCY:
            limit = format((self.threshold_ms or Decimal(0)).normalize(), "f")
            return f"share of valid requests served within {limit} ms"
        return f"share of valid requests not answered with {self.bad_status}"


@dataclass(frozen=True)
class DailyCount:
    day: date
    good: int
    bad: int

    @property
    def total(self) -> int:
        return self.good + self.bad


@dataclass(frozen=True)
class BurnDownPoint:
    day: date
    total: int
    bad: int
    remaining_percent: Decimal
    ideal_remaining_percent: Decimal


@dataclass(frozen=True)
class SloBudget:
    """One SLO's budget over the period containing ``as_of`` (counts up to ``as_of``)."""

    slo: SloDefinition
    as_of: date
    start: date
    end: date
    status: BudgetStatus | None  # None when the period has no counts yet
    burn_down: tuple[BurnDownPoint, ...] = ()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# --- validation helpers (message says how to fix) -------------------------------------------


def check_slo_fields(kind: str, target: object, threshold_ms: object, bad_status: str,
                     period: str, historical: object) -> list[tuple[str, str]]:
    """Every problem with an SLO's fields as ``(field, message)`` pairs (empty: all good)."""
    problems: list[tuple[str, str]] = []
    try:
        slo_kind = SloKind(str(kind).strip().lower())
    except ValueError:
        problems.append(("kind", f"{kind!r} is not an SLO kind; use availability or latency"))
        slo_kind = None
    try:
        parse_target(target)  # type: ignore[arg-type]
    except TargetError as exc:
        problems.append(("target", str(exc)))
    if slo_kind is SloKind.LATENCY:
        if threshold_ms is None:
            problems.append(("threshold_ms", "a latency SLO needs a threshold; e.g. 800"))
        else:
            try:
                parse_threshold_ms(threshold_ms)  # type: ignore[arg-type]
            except ValueError as exc:
                problems.append(("threshold_ms", f"{exc}; e.g. 800"))
    elif slo_kind is SloKind.AVAILABILITY and threshold_ms is not None:
        problems.append(("threshold_ms", "only latency SLOs have a threshold; remove it"))
    try:
        if not parse_status_spec(str(bad_status)):
            problems.append(("bad_status", "no status codes named; use e.g. 5xx or 5xx,429"))
    except StatusCodeError as exc:
        problems.append(("bad_status", str(exc)))
    if str(period).strip().lower() not in SLO_PERIODS:
        problems.append(("period", f"{period!r} is not a compliance period; use 4w "
                                   "(four ISO weeks) or 28d (rolling 28 days)"))
    if historical is not None:
        try:
            parse_percent(historical)
        except ValueError as exc:
            problems.append(("historical_attainment", str(exc)))
    return problems


def parse_uid(value: object) -> str:
    """An SLO's stable id as stored: lowercase letters, digits and hyphens, at most 40
    characters (a UUID in hex, with or without hyphens, is one)."""
    text = str(value).strip().lower() if isinstance(value, str | int) else ""
    if isinstance(value, bool) or not _UID.fullmatch(text):
        raise ValueError(f"{value!r} is not an SLO id; use letters, digits and hyphens, at "
                         f"most {UID_LENGTH} characters (e.g. a UUID), or leave it out")
    return text


def parse_percent(value: object) -> Decimal:
    """A percentage from 0 to 100 inclusive (historical attainment may be 100)."""
    if isinstance(value, bool | float):
        raise ValueError(f"{value!r} must be written as text or a whole number, e.g. '99.95'")
    try:
        number = Decimal(str(value).strip().removesuffix("%"))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a percentage; e.g. 99.95") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValueError(f"{value} must be a percentage from 0 to 100")
    return number


def target_warnings(target: Decimal, historical: Decimal | None,
                    kind: SloKind = SloKind.AVAILABILITY) -> list[str]:
    """Warnings for a proposed target: tighter than what the service achieved so far."""
    if historical is None:
        return []
    if target > historical:
        shown = format(target.normalize(), "f")
        past = format(historical.normalize(), "f")
        return [
            f"target {shown}% is tighter than the {past}% the service achieved historically; "
            f"start at or below {past}% and tighten once the service does better"
        ]
    return []


def no_data_hint(kind: SloKind) -> str:
    if kind is SloKind.LATENCY:
        return (f"no data yet? start with {DEFAULT_LATENCY_TARGET}% within "
                f"{DEFAULT_LATENCY_THRESHOLD_MS} ms")
    return f"no data yet? start with {DEFAULT_AVAILABILITY_TARGET}% available"


# --- budget over a period -------------------------------------------------------------------


def period_bounds(period: str, as_of: date) -> tuple[date, date]:
    """First and last day (inclusive) of the compliance period that contains ``as_of``."""
    key = period.strip().lower()
    if key == "4w":
        found = four_week_period(as_of)
        return found.start, found.end
    if key == "28d":
        window = rolling_window(as_of, 28)
        return window.start, window.end
    raise PeriodError(f"unknown compliance period {period!r}; use 4w or 28d")


def move_period(period: str, as_of: date, step: int, today: date) -> date:
    """The day to show ``step`` compliance periods after (or before, when negative) the one
    that contains ``as_of``: the last day of that period, or ``today`` while it is still
    running. Never later than ``today``: there is nothing to show in the future.

    A four-week period moves to the period next to it; a rolling window moves by its length.
    """
    key = period.strip().lower()
    if key == "28d":
        day = as_of + timedelta(days=28 * step)
    else:
        start, end = period_bounds(period, as_of)
        day = as_of
        for _ in range(abs(step)):
            day = (start - timedelta(days=1)) if step < 0 else (end + timedelta(days=1))
            start, end = period_bounds(period, day)
        day = end
    return min(day, today)


def slo_budget(slo: SloDefinition, counts: Iterable[DailyCount], as_of: date, *,
               burn_down: bool = True) -> SloBudget:
    """Budget status and a day-by-day burn-down for the period containing ``as_of``.

    For a four-week period the counts so far are extrapolated to the whole period (elapsed
    = days from the period start up to and including ``as_of``); a rolling window ends on
    ``as_of``, so its status is for the whole window. Each burn-down point is the window or
    period as far as that day, against the even spend up to it, for both kinds. With
    ``burn_down`` False there is none (a list of every SLO shows the status only).
    """
    start, end = period_bounds(slo.period, as_of)
    length = timedelta(days=(end - start).days + 1)
    rolling = slo.period.strip().lower() == "28d"
    inside = sorted((c for c in counts if start <= c.day <= as_of), key=lambda c: c.day)
    points: list[BurnDownPoint] = []
    total = bad = 0
    status: BudgetStatus | None = None
    # The budget share and the period's length are the same every day: work them out once.
    share = budget_share(slo.target)
    length_us, day_us = micros(length), micros(timedelta(days=1))
    for count in inside:
        total += count.total
        bad += count.bad
        if total == 0 or not burn_down:
            continue
        days = (count.day - start).days + 1
        remaining = remaining_percent(share, total, bad, length_us, days * day_us)
        ideal = CTX.subtract(HUNDRED, div(mul(HUNDRED, days), length.days))
        points.append(BurnDownPoint(count.day, total, bad, remaining, ideal))
    if total:
        elapsed = length if rolling else timedelta(days=(as_of - start).days + 1)
        status = budget_status(slo.target, total, bad, length=length, elapsed=elapsed)
    return SloBudget(slo=slo, as_of=as_of, start=start, end=end, status=status,
                     burn_down=tuple(points))

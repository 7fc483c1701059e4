"""Fairness and sustainability of a generated schedule: per person the turns, shifts, real
on-call minutes, out-of-hours minutes and weekend days over the horizon, the warnings a
team should see before it agrees, and the on-call hours per person and month for payroll.

- Minutes are real (UTC) minutes; a person holding two roles in one turn counts that time
  once.
- Out of hours is everything outside ``rules.business_start``..``business_end`` on weekdays,
  local to the rotation.
- The share is a person's minutes against the rotation's covered minutes over the horizon's
  turns (counted once, however many roles); the check against ``rules.max_share`` is exact,
  the one-place percent is for display.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from workbench.domain.oncall.model import Coverage, Rotation, Rules
from workbench.domain.oncall.schedule import (
    MIDNIGHT,
    Schedule,
    Span,
    covered_spans,
    cut,
    local_dates,
    local_span,
    merged,
    minutes_of,
    stale_overrides,
)


@dataclass(frozen=True)
class Load:
    person: str
    turns: int
    """Turns in which they hold any role."""
    shifts: int
    minutes: int
    """Real minutes on call, any role."""
    out_of_hours: int
    weekend_days: int
    """Distinct local Saturdays and Sundays with on-call time."""
    share: Decimal
    """Percent of the covered minutes, one place, for display."""
    over_share: bool


@dataclass(frozen=True)
class FairnessWarning:
    kind: str
    """share | too-few | same-person | consecutive | unfilled | override"""
    person: str | None
    message: str


@dataclass(frozen=True)
class Fairness:
    rotation: str
    covered_minutes: int
    loads: tuple[Load, ...]
    """Members in order (also those with no turn), then others named by overrides."""
    warnings: tuple[FairnessWarning, ...]


@dataclass(frozen=True)
class MonthHours:
    rotation: str
    person: str
    month: str
    """YYYY-MM, local to the rotation."""
    minutes: int
    out_of_hours: int


def needed_people(rotation: Rotation, rules: Rules) -> int:
    """People the shape needs so everyone rests: for 24x7, ``min_people_per_role`` per role;
    otherwise one more than the roles, so someone is off each turn."""
    if rotation.coverage is Coverage.H24X7:
        return rules.min_people_per_role * len(rotation.roles)
    return len(rotation.roles) + 1


def hours_text(minutes: int) -> str:
    """Minutes as hours: exact when that takes at most two places, else rounded half up
    to two ("12.5", "167", "0.25", "0.17")."""
    sign, whole_minutes = ("-" if minutes < 0 else ""), abs(minutes)
    # minutes * 100 is never 30 past a multiple of 60, so half up has no tie to break
    hundredths = (whole_minutes * 100 * 2 + 60) // 120
    whole, part = divmod(hundredths, 100)
    return sign + f"{whole}.{part:02d}".rstrip("0").rstrip(".")


def _out_of_hours(span: Span, rules: Rules, zone: ZoneInfo) -> int:
    inside = 0
    for day in local_dates(span, zone):
        if day.weekday() < 5:
            piece = cut(span, local_span(day, rules.business_start, rules.business_end, zone))
            inside += minutes_of(piece) if piece else 0
    return minutes_of(span) - inside


def _person_spans(schedule: Schedule) -> dict[str, list[Span]]:
    found: dict[str, list[Span]] = {}
    for s in schedule.shifts:
        found.setdefault(s.person, []).append((s.start.astimezone(UTC), s.end.astimezone(UTC)))
    return {person: merged(spans) for person, spans in found.items()}


def _weekend_days(spans: Iterable[Span], zone: ZoneInfo) -> int:
    return len({day for span in spans for day in local_dates(span, zone)
                if day.weekday() >= 5})


def _pairs_warning(kind: str, person: str, days: list[date], text: str,
                   fix: str) -> FairnessWarning:
    times = "once" if len(days) == 1 else f"{len(days)} times"
    return FairnessWarning(kind, person, f"{person} {text} {times}, first in the turn of "
                           f"{days[0]} ({fix})")


def fairness(schedule: Schedule, rules: Rules) -> Fairness:
    rotation = schedule.rotation
    zone = ZoneInfo(rotation.zone)
    covered = sum(minutes_of(s) for t in schedule.turns for s in covered_spans(
        rotation, (t.start.astimezone(UTC), t.end.astimezone(UTC))))
    spans = _person_spans(schedule)
    holders = [[s.person for s in t.slots if s.person is not None] for t in schedule.turns]
    others = sorted({p for people in holders for p in people} - set(rotation.members))
    loads = []
    for person in (*dict.fromkeys(rotation.members), *others):
        mine = spans.get(person, [])
        minutes = sum(minutes_of(s) for s in mine)
        share = Decimal(minutes * 100) / covered if covered else Decimal(0)
        loads.append(Load(
            person, sum(person in people for people in holders),
            sum(s.person == person for s in schedule.shifts), minutes,
            sum(_out_of_hours(s, rules, zone) for s in mine), _weekend_days(mine, zone),
            share.quantize(Decimal("0.1"), ROUND_HALF_UP),
            minutes * 100 > rules.max_share * covered))
    return Fairness(rotation.name, covered, tuple(loads),
                    tuple(_warnings(schedule, rules, loads, holders)))


def _warnings(schedule: Schedule, rules: Rules, loads: list[Load],
              holders: list[list[str]]) -> list[FairnessWarning]:
    rotation, turns = schedule.rotation, schedule.turns
    found = [FairnessWarning("share", load.person, f"{load.person} is on call {load.share}% "
                             f"of the covered time, over the {rules.max_share}% limit (add "
                             "people or hand some of their turns to others)")
             for load in loads if load.over_share]
    needed = needed_people(rotation, rules)
    if len(rotation.members) < needed:
        found.append(FairnessWarning("too-few", None, f"{rotation.name} has "
                                     f"{len(rotation.members)} people; {rotation.shape.title} "
                                     f"with {rotation.coverage.value} coverage needs {needed} "
                                     "so everyone rests (add members)"))
    doubled: dict[str, list[date]] = {}
    for turn, people in zip(turns, holders, strict=True):
        for person in dict.fromkeys(p for p in people if people.count(p) > 1):
            doubled.setdefault(person, []).append(turn.day)
    found.extend(_pairs_warning("same-person", p, days, "holds two roles in one turn",
                                "give one of the roles to someone else with an override")
                 for p, days in doubled.items())
    following: dict[str, list[date]] = {}
    for turn, people, after in zip(turns, holders, holders[1:], strict=False):
        for person in dict.fromkeys(p for p in people if p in after):
            following.setdefault(person, []).append(turn.day)
    found.extend(_pairs_warning("consecutive", p, days, "is on call in two turns in a row",
                                "add people or reorder the members so everyone rests "
                                "between turns") for p, days in following.items())
    found.extend(FairnessWarning("unfilled", None, f"{rotation.name}: nobody holds {s.role} "
                                 f"in the turn of {t.day} (add an override naming who "
                                 "covers it)")
                 for t in turns for s in t.slots if s.person is None)
    found.extend(FairnessWarning("override", o.person, f"{rotation.name}: the override of "
                                 f"{o.role} on {o.day} for {o.person} matches no turn (move "
                                 "it to the day a turn starts, or remove it)")
                 for o in stale_overrides(rotation))
    return found


def _month_pieces(span: Span, zone: ZoneInfo) -> Iterable[tuple[str, Span]]:
    day = span[0].astimezone(zone).date().replace(day=1)
    while (first := datetime.combine(day, MIDNIGHT, zone).astimezone(UTC)) < span[1]:
        following = (day + timedelta(days=32)).replace(day=1)
        piece = cut(span, (first, datetime.combine(following, MIDNIGHT, zone).astimezone(UTC)))
        if piece:
            yield f"{day:%Y-%m}", piece
        day = following


def monthly_hours(schedules: Sequence[Schedule], rules: Rules) -> list[MonthHours]:
    """On-call minutes per rotation, person and local month, shifts split at month ends."""
    totals: dict[tuple[str, str, str], tuple[int, int]] = {}
    for schedule in schedules:
        zone = ZoneInfo(schedule.rotation.zone)
        for person, spans in _person_spans(schedule).items():
            for span in spans:
                for month, piece in _month_pieces(span, zone):
                    key = (schedule.rotation.name, person, month)
                    minutes, out = totals.get(key, (0, 0))
                    totals[key] = (minutes + minutes_of(piece),
                                   out + _out_of_hours(piece, rules, zone))
    return [MonthHours(rotation, person, month, minutes, out)
            for (rotation, person, month), (minutes, out) in sorted(totals.items())]

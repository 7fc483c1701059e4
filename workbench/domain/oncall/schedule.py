"""A rotation's schedule generated from its rules: turns, who holds each role, and the
covered shifts.

Rules:
- No start date or no members: an empty schedule with a note saying what to set.
- The anchor is the first date on or after ``rotation.start`` whose weekday is the handover
  day. Turn k starts at the local wall-clock ``handover_time`` on anchor + k * turn_days and
  ends when turn k + 1 starts, so a handover keeps its local time across daylight-saving
  changes (a weekly turn over the spring change is 167 real hours, over the autumn one 169).
  A handover time that does not exist on a spring-change day is read with the offset before
  the change (zoneinfo's ``fold=0``).
- The horizon starts with the last turn that starts on or before ``since`` (local; the
  first turn when the rotation starts later) and holds every later turn that starts less
  than 7 * weeks days after that first one (weekly turns: exactly ``weeks`` turns).
- With n members and r roles, role j of turn k is members[(k + n*j // r) % n]: with n == r
  the book's round robin (turn 1 A, B, C; turn 2 B, C, A), with more people each person's
  turns spread apart (six people, main + backup: the backup is three places on). A fixed
  rotation always names the first member.
- A planned person away on any local date the turn touches is replaced by the next member
  after them (member order, wrapping) who is not away and holds no other role in the turn;
  when there is nobody, the slot stays unfilled (a note).
- Overrides apply last, naming anyone, even someone outside the members. An override whose
  day is not the start day of a turn (k >= 0), or whose role the shape lacks, is stale: a
  note, otherwise ignored. Overrides outside the horizon are kept, not stale.
- Shifts are the turn cut by the coverage windows laid out per local date, touching
  stretches merged: one shift per stretch per filled slot.

Aware datetimes sharing a tzinfo compare and subtract by wall clock in Python, so every
comparison and duration here is taken in UTC.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from workbench.domain.oncall.model import MAX_WEEKS, OnCallError, Override, Rotation, Shape

Span = tuple[datetime, datetime]
"""A stretch of real time, both ends aware in UTC, start before end."""

MIDNIGHT = time(0, 0)


@dataclass(frozen=True)
class Slot:
    role: str
    person: str | None
    """None: nobody could take it."""
    planned: str | None
    """Whom the plain rotation named."""
    reason: str = ""
    """"" | "override: <note>" | "<planned> unavailable"."""


@dataclass(frozen=True)
class Turn:
    index: int
    """0 = the rotation's first turn."""
    day: date
    """The local date the turn starts (what overrides name)."""
    start: datetime
    end: datetime
    slots: tuple[Slot, ...]

    def person(self, role: str) -> str | None:
        return next((s.person for s in self.slots if s.role == role), None)


@dataclass(frozen=True)
class Shift:
    """One person's continuous covered stretch in one role of one turn."""

    rotation: str
    turn: int
    day: date
    role: str
    person: str
    start: datetime
    end: datetime
    changed: bool
    """From an override or a stand-in."""


@dataclass(frozen=True)
class Schedule:
    rotation: Rotation
    since: date
    weeks: int
    turns: tuple[Turn, ...]
    shifts: tuple[Shift, ...]
    notes: tuple[str, ...]


# --- time helpers (shared with fairness) -----------------------------------------------


def minutes_of(span: Span) -> int:
    return (span[1] - span[0]) // timedelta(minutes=1)


def local_span(day: date, start: time, end: time | None, zone: ZoneInfo) -> Span:
    """[day start, day end) local as UTC; ``end`` None (or 00:00) is the next midnight."""
    until = datetime.combine(day + timedelta(days=1), MIDNIGHT, zone) if end in (None, MIDNIGHT) \
        else datetime.combine(day, end, zone)
    return datetime.combine(day, start, zone).astimezone(UTC), until.astimezone(UTC)


def local_dates(span: Span, zone: ZoneInfo) -> Iterator[date]:
    """The local dates a span has time on."""
    day = span[0].astimezone(zone).date()
    last = (span[1] - timedelta(microseconds=1)).astimezone(zone).date()
    while day <= last:
        yield day
        day += timedelta(days=1)


def cut(span: Span, other: Span) -> Span | None:
    start, end = max(span[0], other[0]), min(span[1], other[1])
    return (start, end) if start < end else None


def merged(spans: Iterable[Span]) -> list[Span]:
    """Spans that overlap or touch joined into one."""
    found: list[Span] = []
    for start, end in sorted(spans):
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(end, found[-1][1]))
        else:
            found.append((start, end))
    return found


def covered_spans(rotation: Rotation, span: Span) -> list[Span]:
    """The part of ``span`` the rotation's coverage windows cover, merged."""
    zone = ZoneInfo(rotation.zone)
    pieces = []
    for day in local_dates(span, zone):
        for window in rotation.coverage_windows():
            if day.weekday() in window.days:
                piece = cut(span, local_span(day, window.start, window.end, zone))
                if piece:
                    pieces.append(piece)
    return merged(pieces)


# --- turns -----------------------------------------------------------------------------


def anchor_of(rotation: Rotation) -> date | None:
    if rotation.start is None:
        return None
    return rotation.start + timedelta(days=(rotation.handover_day - rotation.start.weekday()) % 7)


def turn_start(rotation: Rotation, anchor: date, k: int) -> datetime:
    day = anchor + timedelta(days=k * rotation.turn_days)
    return datetime.combine(day, rotation.handover_time, ZoneInfo(rotation.zone))


def first_turn_start(rotation: Rotation) -> datetime | None:
    anchor = anchor_of(rotation)
    return None if anchor is None else turn_start(rotation, anchor, 0)


def turn_of_day(rotation: Rotation, day: date) -> int | None:
    """The index of the turn that starts on ``day``, or None when no turn does."""
    anchor = anchor_of(rotation)
    if anchor is None or day < anchor or (day - anchor).days % rotation.turn_days:
        return None
    return (day - anchor).days // rotation.turn_days


def planned(rotation: Rotation, k: int) -> tuple[str, ...]:
    """Who the plain rotation names for each role of turn k."""
    members, n, r = rotation.members, len(rotation.members), len(rotation.roles)
    if rotation.shape is Shape.FIXED:
        return (members[0],)
    return tuple(members[(k + n * j // r) % n] for j in range(r))


def _away(rotation: Rotation, person: str, first: date, last: date) -> bool:
    return any(u.person == person and u.start <= last and u.end >= first
               for u in rotation.unavailable)


def _slots(rotation: Rotation, k: int, dates: list[date],
           overrides: dict[tuple[date, str], Override], day: date) -> tuple[Slot, ...]:
    members, n = rotation.members, len(rotation.members)
    plan = planned(rotation, k)
    people: list[str | None] = list(plan)
    reasons = [""] * len(plan)
    for j, person in enumerate(plan):
        if not _away(rotation, person, dates[0], dates[-1]):
            continue
        at = members.index(person)
        others = {p for i, p in enumerate(people) if i != j}
        people[j] = next((c for c in (members[(at + step) % n] for step in range(1, n))
                          if c not in others and not _away(rotation, c, dates[0], dates[-1])),
                         None)
        reasons[j] = f"{person} unavailable"
    for j, role in enumerate(rotation.roles):
        chosen = overrides.get((day, role))
        if chosen is not None:
            people[j] = chosen.person
            reasons[j] = f"override: {chosen.note}" if chosen.note else "override"
    return tuple(Slot(role, people[j], plan[j], reasons[j])
                 for j, role in enumerate(rotation.roles))


def stale_overrides(rotation: Rotation) -> tuple[Override, ...]:
    return tuple(o for o in rotation.overrides
                 if o.role not in rotation.roles or turn_of_day(rotation, o.day) is None)


def _first_index(rotation: Rotation, anchor: date, before: datetime) -> int:
    """The last turn that starts before ``before`` (UTC); 0 when none does yet."""
    def begins(k: int) -> datetime:
        return turn_start(rotation, anchor, k).astimezone(UTC)
    k = max(0, (before.date() - anchor).days // rotation.turn_days)
    while k > 0 and begins(k) >= before:
        k -= 1
    while begins(k + 1) < before:
        k += 1
    return k


def generate(rotation: Rotation, *, since: date, weeks: int) -> Schedule:
    if not 1 <= weeks <= MAX_WEEKS:
        raise OnCallError(f"weeks: {weeks} is outside 1 to {MAX_WEEKS} (ask for 1 to "
                          f"{MAX_WEEKS} weeks)")
    name, anchor = rotation.name, anchor_of(rotation)
    if anchor is None or not rotation.members:
        missing = "a start date" if anchor is None else "members"
        return Schedule(rotation, since, weeks, (), (), (
            f"{name}: no schedule yet (give the rotation {missing})",))
    zone = ZoneInfo(rotation.zone)
    overrides = {(o.day, o.role): o for o in rotation.overrides}
    notes = [f"{name}: the override of {o.role} on {o.day} names no turn start, so it is "
             f"ignored (move it to the day a turn starts, or remove it)"
             for o in stale_overrides(rotation)]
    turns: list[Turn] = []
    shifts: list[Shift] = []
    # The first turn is the last one starting on or before ``since`` (a turn handed over
    # that day counts, not the one it ends).
    k = _first_index(rotation, anchor, datetime.combine(
        since + timedelta(days=1), MIDNIGHT, zone).astimezone(UTC))
    first = turn_start(rotation, anchor, k)
    # Counted from the first turn's start, so 8 weeks of weekly turns are 8 turns wherever
    # in the week ``since`` falls; none when the rotation starts after the weeks asked for.
    asked = datetime.combine(since + timedelta(days=7 * weeks), MIDNIGHT, zone)
    until = datetime.combine(first.date() + timedelta(days=7 * weeks), first.time(), zone)
    if first.astimezone(UTC) >= asked.astimezone(UTC):
        until = first
    until = until.astimezone(UTC)
    while (start := turn_start(rotation, anchor, k)).astimezone(UTC) < until:
        end = turn_start(rotation, anchor, k + 1)
        span = (start.astimezone(UTC), end.astimezone(UTC))
        slots = _slots(rotation, k, list(local_dates(span, zone)), overrides, start.date())
        turns.append(Turn(k, start.date(), start, end, slots))
        stretches = covered_spans(rotation, span)
        for slot in slots:
            if slot.person is None:
                notes.append(f"{name}: nobody can take {slot.role} in the turn of "
                             f"{start.date()} (add an override or shorten someone's absence)")
                continue
            shifts.extend(Shift(name, k, start.date(), slot.role, slot.person,
                                a.astimezone(zone), b.astimezone(zone), bool(slot.reason))
                          for a, b in stretches)
        k += 1
    if not turns:
        notes.append(f"{name}: the first turn starts on {anchor}, after the horizon (generate "
                     "from a later date or for more weeks)")
    return Schedule(rotation, since, weeks, tuple(turns), tuple(shifts), tuple(notes))

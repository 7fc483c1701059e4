"""An on-call agreement's shifts as an iCalendar file (RFC 5545), built with ``icalendar``.

One VCALENDAR per agreement holds one VEVENT per shift (``schedule.Shift``: one person's
continuous covered stretch in one role of one turn) of every rotation over the page's
horizon.

Decisions:
- DTSTART and DTEND are local times with the rotation's TZID, and the calendar carries a
  VTIMEZONE for every zone used (``Calendar.add_missing_timezones``, limited to the weeks
  the shifts span so the file stays small), so a calendar shows the handover at its local
  wall-clock time on both sides of a daylight-saving change (RFC 5545 3.2.19, 3.6.5).
- UID (RFC 5545 3.8.4.7) is a digest of the agreement's uid (its team when it has none),
  the rotation, the role and the local date the shift starts, so exporting again, after an
  edit or for a later horizon, names the same shift the same way and a calendar updates the
  event instead of adding a second one. A role with more than one shift starting on one
  local date (custom windows split by a break) numbers the later ones.
- SEQUENCE (3.8.7.4) counts how often the shift's person, start or end changed across
  ``history`` (earlier versions of the agreement, oldest first) and the agreement itself,
  each scheduled over the same horizon; a shift that did not change keeps its number, so
  calendars only re-send what moved.
- DTSTAMP (3.8.7.2, in UTC) is the agreement's last save (or ``stamp``), never "now", so
  the same agreement always gives the same file.
- Summaries read "Checkout 24x7: main — Aditi Rao"; user text is made one line (every line
  break and control character becomes a space) before the library escapes it, so no name
  can start a property of its own.
- Events are TRANSPARENT: being on call does not make a person busy in scheduling tools.
"""

from __future__ import annotations

import hashlib
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event

from workbench.domain.oncall import ROLE_TITLES, Agreement
from workbench.domain.oncall.schedule import Shift, generate
from workbench.export.oncall_page import OnCallPage

PRODID = "-//SRE Workbench//On-call agreement//EN"
UID_DOMAIN = "oncall.sre-workbench"
MARGIN = timedelta(days=7)

ShiftKey = tuple[datetime, datetime, str]


def one_line(text: str) -> str:
    """``text`` with every line break, control and format character made a space, runs of
    spaces joined."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
                      for ch in text)
    return " ".join(cleaned.split())


def shift_uid(agreement: Agreement, shift: Shift, ordinal: int = 1) -> str:
    """The stable UID of a shift (see the module docstring)."""
    owner = agreement.uid or agreement.team.casefold()
    parts = [owner, shift.rotation.casefold(), shift.role, shift.start.date().isoformat()]
    if ordinal > 1:
        parts.append(str(ordinal))
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def keyed_shifts(agreement: Agreement, shifts: Iterable[Shift]) -> dict[str, Shift]:
    """Every shift by its UID, in the order given."""
    found: dict[str, Shift] = {}
    seen: dict[tuple[str, str, date], int] = {}
    for shift in shifts:
        key = (shift.rotation.casefold(), shift.role, shift.start.date())
        seen[key] = seen.get(key, 0) + 1
        found[shift_uid(agreement, shift, seen[key])] = shift
    return found


def _what(shift: Shift) -> ShiftKey:
    return (shift.start.astimezone(UTC), shift.end.astimezone(UTC), shift.person)


def _versions(page: OnCallPage, history: Sequence[Agreement]) -> list[dict[str, ShiftKey]]:
    found = []
    for earlier in history:
        shifts = [s for x in earlier.rotations
                  for s in generate(x, since=page.as_of, weeks=page.weeks).shifts]
        found.append({uid: _what(s) for uid, s in keyed_shifts(page.agreement, shifts).items()})
    return found


def sequences(page: OnCallPage, history: Sequence[Agreement],
              current: dict[str, Shift]) -> dict[str, int]:
    """UID -> how many times that shift changed from one version where it exists to the
    next, ending with the current agreement."""
    versions = [*_versions(page, history), {u: _what(s) for u, s in current.items()}]
    result = {}
    for uid in current:
        present = [v[uid] for v in versions if uid in v]
        result[uid] = sum(1 for a, b in itertools.pairwise(present) if a != b)
    return result


def _stamp(page: OnCallPage, stamp: datetime | None) -> datetime:
    moment = stamp or page.last_saved or datetime.combine(page.as_of, time(0, 0))
    # The store saves naive UTC times.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _description(shift: Shift, page: OnCallPage) -> str:
    plan = page.plan(shift.rotation)
    reason = ""
    if plan is not None:
        turn = next((t for t in plan.schedule.turns if t.index == shift.turn), None)
        slot = next((s for s in turn.slots if s.role == shift.role), None) if turn else None
        reason = slot.reason if slot is not None else ""
    text = (f"{ROLE_TITLES.get(shift.role, shift.role)} on call for {shift.rotation}, "
            f"turn of {shift.day.isoformat()}; on-call agreement of {page.agreement.team}")
    return one_line(f"{text} ({reason})" if reason else text)


def build_calendar(page: OnCallPage, *, history: Sequence[Agreement] = (),
                   stamp: datetime | None = None) -> Calendar:
    """The calendar of the page's shifts (see the module docstring)."""
    agreement = page.agreement
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(f"On call: {agreement.team}"))
    shifts = keyed_shifts(agreement, (s for p in page.plans for s in p.schedule.shifts))
    numbers = sequences(page, history, shifts)
    dtstamp = _stamp(page, stamp)
    for uid, shift in shifts.items():
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", dtstamp)
        event.add("sequence", numbers[uid])
        event.add("dtstart", shift.start)
        event.add("dtend", shift.end)
        event.add("summary", one_line(f"{shift.rotation}: "
                                      f"{ROLE_TITLES.get(shift.role, shift.role)} — "
                                      f"{shift.person}"))
        event.add("description", _description(shift, page))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    if shifts:
        first = min(s.start for s in shifts.values()).date() - MARGIN
        last = max(s.end for s in shifts.values()).date() + MARGIN
        calendar.add_missing_timezones(first_date=first, last_date=last)
    # The library adds zones in set order; sorted, the same agreement gives the same file.
    zones = sorted(calendar.timezones, key=lambda z: str(z.get("tzid")))
    calendar.subcomponents = [*zones, *(c for c in calendar.subcomponents
                                        if c.name != "VTIMEZONE")]
    return calendar


def calendar_text(page: OnCallPage, *, history: Sequence[Agreement] = (),
                  stamp: datetime | None = None) -> str:
    """The ``.ics`` text of the page's shifts (CRLF line ends, as RFC 5545 asks)."""
    return build_calendar(page, history=history, stamp=stamp).to_ical().decode("utf-8")


__all__ = ["PRODID", "UID_DOMAIN", "build_calendar", "calendar_text", "keyed_shifts",
           "one_line", "sequences", "shift_uid"]

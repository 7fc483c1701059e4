"""An on-call agreement in the shape paging tools take (PagerDuty's REST objects: Schedule,
ScheduleLayer, Restriction, Override, EscalationPolicy, EscalationRule), as YAML.

Mapping (also in the README):
- Every role of every rotation is one schedule ``"<rotation>: <role>"`` in the rotation's
  zone with one layer. The layer starts with the rotation's first turn (``start`` and
  ``rotation_virtual_start``, local time with its offset), a turn lasts ``turn_days`` days
  (``rotation_turn_length_seconds``), and its users are the members in the order that
  gives that role's person of each turn: role j of turn k is members[(k + n*j // r) % n],
  so the layer lists the members starting at n*j // r. A fixed rotation lists its first
  member only.
- Coverage windows become restrictions: windows on all seven days are a
  ``daily_restriction`` each; windows on some days are one ``weekly_restriction`` per day
  (``start_day_of_week`` 1 = Monday). 24x7 coverage needs none.
- Stand-ins (someone away) and overrides in the page's horizon become ``overrides`` of
  the role's schedule, one per changed shift.
- Escalation levels become rules in order: a rotation's role is a ``schedule_reference``
  to that role's schedule, a person and a role held by a named person are
  ``user_reference`` s; ``delay`` is ``escalation_delay_in_minutes`` and ``repeats`` is
  ``num_loops``.
- People are listed once under ``users`` (id: a slug of the name) so every reference
  resolves inside the file; the tool that imports it maps them to its accounts.

What cannot be expressed raises ``UsageError`` with one problem per part (a role level
without a person, a delay under one minute, a level naming a rotation or role the
agreement lacks, a rotation without members or a start date).

Daylight saving: a paging tool turns a layer over in the schedule's own time zone, as the
agreement does, so the handover keeps its local time.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from workbench.domain.oncall import ROLE_TITLES, Agreement, LevelKind, Rotation, Shape, Window
from workbench.domain.oncall.schedule import first_turn_start
from workbench.errors import UsageError
from workbench.export.names import unique_slugs
from workbench.export.oncall_page import OnCallPage
from workbench.export.registry import dump_yaml

DAY_SECONDS = 24 * 60 * 60
MIN_DELAY = 1


def schedule_name(rotation: str, role: str) -> str:
    return f"{rotation}: {ROLE_TITLES.get(role, role)}"


def layer_users(rotation: Rotation, role: str) -> list[str]:
    """The members in the order that reproduces ``role``'s person of every turn."""
    members = list(rotation.members)
    if rotation.shape is Shape.FIXED:
        return members[:1]
    n, r = len(members), len(rotation.roles)
    offset = n * rotation.roles.index(role) // r
    return [members[(offset + i) % n] for i in range(n)]


def _clock(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}:00"


def restrictions(rotation: Rotation) -> list[dict[str, Any]]:
    """The coverage windows as restrictions (none for round-the-clock coverage)."""
    windows: list[Window] = list(rotation.coverage_windows())
    if all(len(w.days) == 7 and w.minutes == DAY_SECONDS // 60 for w in windows):
        return []
    found: list[dict[str, Any]] = []
    for w in windows:
        seconds = w.minutes * 60
        if len(w.days) == 7 and seconds < DAY_SECONDS:
            found.append({"type": "daily_restriction", "start_time_of_day": _clock(w.start),
                          "duration_seconds": seconds})
            continue
        found.extend({"type": "weekly_restriction", "start_time_of_day": _clock(w.start),
                      "duration_seconds": seconds, "start_day_of_week": day + 1}
                     for day in w.days)
    return found


def _problems(agreement: Agreement) -> list[str]:
    found = []
    for i, x in enumerate(agreement.rotations):
        if not x.members:
            found.append(f"rotations[{i}].members: {x.name} has nobody to put in a paging "
                         "schedule (add its members)")
        if x.start is None:
            found.append(f"rotations[{i}].start: {x.name} has no start date, so its "
                         "schedule has no start (set the day it starts)")
    for i, e in enumerate(agreement.escalations):
        for j, lv in enumerate(e.levels):
            where = f"escalations[{i}].levels[{j}]"
            if lv.kind is LevelKind.ROLE and not lv.person:
                found.append(f"{where}.person: the role {lv.name} names nobody, and a paging "
                             "tool pages people or schedules (name who holds it: "
                             "person: NAME)")
            if lv.kind is LevelKind.ROTATION:
                rotation = agreement.rotation(lv.name)
                if rotation is None:
                    found.append(f"{where}.rotation: {lv.name} is not a rotation of this "
                                 "agreement (name one of its rotations)")
                elif lv.role not in rotation.roles:
                    found.append(f"{where}.role: {lv.name} has no {lv.role} role (use one "
                                 f"of: {', '.join(rotation.roles)})")
            if lv.delay < MIN_DELAY:
                found.append(f"{where}.delay: {lv.delay} minutes cannot be set in a paging "
                             f"tool, which waits at least {MIN_DELAY} minute (set delay: 1 "
                             "or more)")
    return found


def _user_ids(page: OnCallPage) -> dict[str, str]:
    a = page.agreement
    people = [*(m for x in a.rotations for m in x.members),
              *(o.person for x in a.rotations for o in x.overrides),
              *(s.person for p in page.plans for s in p.schedule.shifts),
              *(lv.name if lv.kind is LevelKind.PERSON else lv.person
                for e in a.escalations for lv in e.levels if lv.kind is not LevelKind.ROTATION)]
    names = list(dict.fromkeys(p for p in people if p))
    return dict(zip(names, unique_slugs(names, fallback="person"), strict=True))


def _user(ids: dict[str, str], person: str) -> dict[str, Any]:
    return {"id": ids[person], "type": "user_reference"}


def paging_values(page: OnCallPage) -> dict[str, Any]:
    """The paging-tool document as plain values (see the module docstring); raises
    ``UsageError`` listing every part that cannot be expressed."""
    agreement = page.agreement
    problems = _problems(agreement)
    if problems:
        raise UsageError(f"the on-call agreement of {agreement.team} cannot be written for a "
                         f"paging tool: {'; '.join(problems)}", topic="oncall",
                         problems=problems)
    ids = _user_ids(page)
    keys = [(x.name, role) for x in agreement.rotations for role in x.roles]
    schedule_ids = dict(zip(keys, unique_slugs([schedule_name(*k) for k in keys],
                                               fallback="schedule"), strict=True))
    schedules = []
    for x in agreement.rotations:
        start = first_turn_start(x)
        assert start is not None  # checked above
        changed = [s for p in page.plans if p.rotation.name == x.name
                   for s in p.schedule.shifts if s.changed]
        for role in x.roles:
            title = ROLE_TITLES.get(role, role)
            schedules.append({
                "id": schedule_ids[(x.name, role)], "type": "schedule",
                "name": schedule_name(x.name, role), "time_zone": x.zone,
                "schedule_layers": [{
                    "name": title, "start": start.isoformat(),
                    "rotation_virtual_start": start.isoformat(),
                    "rotation_turn_length_seconds": x.turn_days * DAY_SECONDS,
                    "users": [{"user": _user(ids, m)} for m in layer_users(x, role)],
                    "restrictions": restrictions(x),
                }],
                "overrides": [{"start": s.start.isoformat(), "end": s.end.isoformat(),
                               "user": _user(ids, s.person)}
                              for s in changed if s.role == role],
            })
    policies = []
    for e in agreement.escalations:
        rules = []
        for lv in e.levels:
            if lv.kind is LevelKind.ROTATION:
                rotation = agreement.rotation(lv.name)
                assert rotation is not None  # checked above
                target = {"id": schedule_ids[(rotation.name, lv.role)],
                          "type": "schedule_reference"}
            else:
                target = _user(ids, lv.name if lv.kind is LevelKind.PERSON else lv.person)
            rules.append({"escalation_delay_in_minutes": lv.delay, "targets": [target]})
        policies.append({"type": "escalation_policy", "name": e.name,
                         "num_loops": e.repeats, "escalation_rules": rules})
    return {"users": [{"id": uid, "type": "user", "name": name} for name, uid in ids.items()],
            "schedules": schedules, "escalation_policies": policies}


def _comment(text: str) -> str:
    # str.split also splits at every character YAML counts as a line break.
    return "# " + " ".join(text.split())


def paging_text(page: OnCallPage) -> str:
    """The paging-tool YAML, with a comment head naming the agreement, the horizon its
    overrides cover and the schedule's notes."""
    values = paging_values(page)
    end = page.as_of + timedelta(weeks=page.weeks)
    head = [_comment(f"Paging-tool schedules and escalation policies of the on-call "
                     f"agreement of {page.agreement.team}."),
            _comment(f"Overrides cover {page.as_of.isoformat()} to {end.isoformat()}; "
                     "map each user to the paging tool's account before importing.")]
    head.extend(_comment(note) for p in page.plans for note in p.schedule.notes)
    return "\n".join(head) + "\n" + dump_yaml(values)


__all__ = ["DAY_SECONDS", "MIN_DELAY", "layer_users", "paging_text", "paging_values",
           "restrictions", "schedule_name"]

"""Reading an on-call agreement (and the workspace's on-call rules) from plain values, every
problem at once, and writing them back so ``read_agreement(agreement_values(a))`` equals
``a``. Empty optional parts are left out of the values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workbench.domain.oncall.model import (
    MAX_DELAY_MINUTES,
    MAX_ITEMS,
    MAX_MEMBERS,
    MAX_NAME,
    MAX_NOTE,
    MAX_PRIORITIES,
    MAX_REPEATS,
    MAX_SHARE_CAP,
    MAX_TEXT,
    MAX_TURN_DAYS,
    ROLES,
    WEEKDAYS,
    Agreement,
    Coverage,
    Decision,
    Demand,
    Escalation,
    Level,
    LevelKind,
    OutOfHours,
    Override,
    Priority,
    Ring,
    Rotation,
    Rules,
    Severity,
    Shape,
    Unavailable,
    Window,
)
from workbench.domain.plain_values import (
    MissingPart,
    PartError,
    PartProblems,
    ValueReader,
    number_text,
    party_values,
    read_date,
    read_parties,
)

AGREEMENT_KEYS = ("team", "uid", "decisions", "rotations", "escalations", "rings",
                  "priorities", "severities", "postmortem", "compensation", "working_time",
                  "parties")
DECISION_KEYS = ("service", "target", "demand", "chosen", "reason", "decided")
ROTATION_KEYS = ("name", "members", "shape", "coverage", "windows", "turn_days", "handover",
                 "zone", "start", "unavailable", "overrides")
WINDOW_KEYS = ("days", "from", "to")
HANDOVER_KEYS = ("day", "time")
UNAVAILABLE_KEYS = ("person", "from", "to", "note")
OVERRIDE_KEYS = ("day", "role", "person", "note")
ESCALATION_KEYS = ("name", "levels", "repeats")
LEVEL_KEYS = ("rotation", "person", "role", "delay")
RING_KEYS = ("number", "groups")
PRIORITY_KEYS = ("name", "criteria", "response", "hotfix", "postmortem", "management",
                 "update_hours", "rings", "example")
SEVERITY_KEYS = ("name", "criteria", "roles")
RULES_KEYS = ("low_target", "high_target", "high_demand", "max_share", "min_people_per_role",
              "business_hours")


class OnCallValueError(PartError):
    """One problem in an on-call agreement's values."""


class AgreementProblems(PartProblems):
    """Every problem of an agreement's values."""


def make_agreement(values: Mapping[str, Any]) -> Agreement:
    agreement, problems = read_agreement(values)
    if problems:
        raise AgreementProblems(problems)
    return agreement


# --- small readers ---------------------------------------------------------------------


def read_time(r: ValueReader, raw: Any, part: str, *, allow_midnight_end: bool = False,
              default: time | None = None) -> time | None:
    """``HH:MM`` (24-hour); ``24:00`` only where a window may end at midnight (returns
    None for it)."""
    if raw is None or raw == "":
        return default
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < 24 * 60 * 60:
        # YAML 1.1 reads an unquoted 09:00 as a sexagesimal number of minutes
        raw = f"{raw // 60:02d}:{raw % 60:02d}"
    text = str(raw).strip() if isinstance(raw, str | int) and not isinstance(raw, bool) \
        else None
    if text is not None and len(text) == 5 and text[2] == ":" and text.replace(
            ":", "").isdigit() and text.isascii():
        hours, minutes = int(text[:2]), int(text[3:])
        if allow_midnight_end and hours == 24 and minutes == 0:
            return None
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    r.fail(part, f"{raw!r} is not a time of day; write HH:MM on a 24-hour clock, e.g. 09:00"
           + (" (24:00 for midnight at the end of the day)" if allow_midnight_end else ""))
    return default


def time_text(value: time | None) -> str:
    return "24:00" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def read_weekday(r: ValueReader, raw: Any, part: str, default: int | None = None) -> int | None:
    text = str(raw).strip().casefold()[:3] if isinstance(raw, str) else ""
    if text in WEEKDAYS:
        return WEEKDAYS.index(text)
    if raw is None or raw == "":
        if default is None:
            r.fail(part, f"is missing; use one of: {', '.join(WEEKDAYS)}")
        return default
    r.fail(part, f"{raw!r} is not a weekday; use one of: {', '.join(WEEKDAYS)}")
    return default


def read_flag(r: ValueReader, values: Mapping[str, Any], key: str, part: str) -> bool:
    raw = values.get(key)
    if raw is None or raw == "":
        return False
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in ("yes", "true", "y"):
        return True
    if text in ("no", "false", "n"):
        return False
    r.fail(part, f"{raw!r} is not yes or no")
    return False


def read_zone(r: ValueReader, raw: Any, part: str) -> str:
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        if raw not in (None, ""):
            r.fail(part, f"{raw!r} is not a time zone; use an IANA name, e.g. Europe/Berlin")
        return "UTC"
    if len(text) <= 60 and text.isascii() and ".." not in text and not text.startswith("/"):
        try:
            ZoneInfo(text)
            return text
        except (ZoneInfoNotFoundError, ValueError):
            pass
    r.fail(part, f"{text!r} is not a known time zone; use an IANA name, e.g. Europe/Berlin "
           "or Asia/Kolkata")
    return "UTC"


def _name(r: ValueReader, values: Mapping[str, Any], key: str, part: str,
          required: bool = True) -> str:
    return r.text(values, key, part, MAX_NAME, required=required)


def _unique(r: ValueReader, names: list[tuple[str, str]], what: str) -> None:
    seen: set[str] = set()
    for part, name in names:
        key = name.casefold()
        if key and key in seen:
            r.fail(part, f"{name!r} is a second {what} of that name; name each once")
        seen.add(key)


# --- the parts -------------------------------------------------------------------------


def _decision(r: ValueReader, where: str, m: Mapping[str, Any]) -> Decision:
    target = r.number(m, "target", f"{where}.target", low=Decimal(0), high=Decimal(100),
                      example="99.9")
    demand = r.choice(m, "demand", f"{where}.demand", Demand, default=False) or None
    chosen = r.choice(m, "chosen", f"{where}.chosen", OutOfHours, default=False) or None
    return Decision(service=_name(r, m, "service", f"{where}.service"), target=target,
                    demand=demand, chosen=chosen,
                    reason=r.text(m, "reason", f"{where}.reason", MAX_TEXT),
                    decided=read_date(r, m.get("decided"), f"{where}.decided"))


def _window(r: ValueReader, where: str, m: Mapping[str, Any]) -> Window | None:
    raw_days = m.get("days")
    days: list[int] = []
    if isinstance(raw_days, str):
        raw_days = [d for d in raw_days.replace(",", " ").split()]
    if not isinstance(raw_days, list | tuple) or not raw_days:
        r.fail(f"{where}.days", "list the weekdays, e.g. [mon, tue, wed, thu, fri]")
    else:
        for j, raw in enumerate(raw_days[:7]):
            day = read_weekday(r, raw, f"{where}.days[{j}]", default=-1)
            if day is not None and day >= 0 and day not in days:
                days.append(day)
    start = read_time(r, m.get("from"), f"{where}.from")
    if m.get("from") in (None, ""):
        r.fail(f"{where}.from", "is missing; write when the window starts, e.g. 09:00")
    end = read_time(r, m.get("to"), f"{where}.to", allow_midnight_end=True)
    if m.get("to") in (None, ""):
        r.fail(f"{where}.to", "is missing; write when the window ends, e.g. 17:00 (24:00 for "
               "midnight)")
        return None
    if start is None or not days:
        return None
    window = Window(tuple(sorted(days)), start, end)
    if window.minutes <= 0:
        r.fail(f"{where}.to", f"ends at {time_text(end)}, not after it starts at "
               f"{time_text(start)}; a window lies within one day (split one that crosses "
               "midnight in two)")
        return None
    return window


def _rotation(r: ValueReader, where: str, m: Mapping[str, Any]) -> Rotation:
    members = r.texts(m, "members", f"{where}.members", MAX_NAME, MAX_MEMBERS)
    shape = r.choice(m, "shape", f"{where}.shape", Shape, Shape.ROTATING)
    coverage = r.choice(m, "coverage", f"{where}.coverage", Coverage, Coverage.H8X5)
    windows = tuple(w for w in (_window(r, w, item) for w, item in r.records(
        m, "windows", f"{where}.windows", WINDOW_KEYS, "days", 14)) if w is not None)
    if coverage is Coverage.CUSTOM and not windows and not m.get("windows"):
        r.fail(f"{where}.windows", "custom coverage needs at least one window, e.g. "
               "{days: [mon, tue], from: '08:00', to: '18:00'}")
    if coverage is not Coverage.CUSTOM and m.get("windows"):
        r.fail(f"{where}.windows", f"windows are only for custom coverage; remove them or "
               f"set coverage: custom (not {coverage.value})")
        windows = ()
    handover = r.mapping(m.get("handover"), f"{where}.handover")
    r.unknown(handover, HANDOVER_KEYS, f"{where}.handover")
    day = read_weekday(r, handover.get("day"), f"{where}.handover.day", default=0)
    at = read_time(r, handover.get("time"), f"{where}.handover.time", default=time(9, 0))
    unavailable = []
    for w, item in r.records(m, "unavailable", f"{where}.unavailable", UNAVAILABLE_KEYS,
                            "person", 100):
        person = _name(r, item, "person", f"{w}.person")
        start = read_date(r, item.get("from"), f"{w}.from")
        end = read_date(r, item.get("to"), f"{w}.to") or start
        if start is None:
            r.fail(f"{w}.from", "is missing; write the first day away, e.g. 2027-03-01")
        elif end is not None and end < start:
            r.fail(f"{w}.to", f"{end} is before {start}; write the last day away")
        elif person:
            unavailable.append(Unavailable(person, start, end or start,
                                           r.text(item, "note", f"{w}.note", MAX_TEXT)))
    overrides = []
    for w, item in r.records(m, "overrides", f"{where}.overrides", OVERRIDE_KEYS, "day",
                            200):
        day_of = read_date(r, item.get("day"), f"{w}.day")
        if day_of is None and item.get("day") in (None, ""):
            r.fail(f"{w}.day", "is missing; write the date the turn starts, e.g. 2027-03-01")
        role = r.text(item, "role", f"{w}.role", 20) or "main"
        if role not in shape.roles:
            r.fail(f"{w}.role", f"{role!r} is not a role of a {shape.title} rotation; use "
                   f"one of: {', '.join(shape.roles)}")
        person = _name(r, item, "person", f"{w}.person")
        if day_of is not None and person and role in shape.roles:
            overrides.append(Override(day_of, role, person,
                                      r.text(item, "note", f"{w}.note", MAX_TEXT)))
    return Rotation(
        name=_name(r, m, "name", f"{where}.name"), members=members, shape=shape,
        coverage=coverage, windows=windows,
        turn_days=r.whole(m, "turn_days", f"{where}.turn_days", low=1,
                             high=MAX_TURN_DAYS, default=7, digits=True) or 7,
        handover_day=day if day is not None else 0, handover_time=at or time(9, 0),
        zone=read_zone(r, m.get("zone"), f"{where}.zone"),
        start=read_date(r, m.get("start"), f"{where}.start"),
        unavailable=tuple(unavailable), overrides=tuple(overrides))


def _level(r: ValueReader, where: str, m: Mapping[str, Any]) -> Level | None:
    kinds = [k for k in ("rotation", "person", "role") if m.get(k) not in (None, "")]
    delay = r.whole(m, "delay", f"{where}.delay", low=0, high=MAX_DELAY_MINUTES,
                       default=30, digits=True)
    if "rotation" in kinds:
        name = _name(r, m, "rotation", f"{where}.rotation")
        role = r.text(m, "role", f"{where}.role", 20) or "main"
        if role not in ROLES:
            r.fail(f"{where}.role", f"{role!r} is not a rotation role; use one of: "
                   f"{', '.join(ROLES)}")
        if "person" in kinds:
            r.fail(f"{where}.person", "a level pages a rotation or a person, not both")
        return Level(LevelKind.ROTATION, name, role=role, delay=delay or 0)
    if "role" in kinds:
        return Level(LevelKind.ROLE, _name(r, m, "role", f"{where}.role"),
                     person=_name(r, m, "person", f"{where}.person", required=False),
                     delay=delay or 0, role="")
    if "person" in kinds:
        return Level(LevelKind.PERSON, _name(r, m, "person", f"{where}.person"),
                     delay=delay or 0, role="")
    r.fail(where, "names nobody to page; write rotation: NAME (with role: main or backup), "
           "person: NAME or role: NAME")
    return None


def _escalation(r: ValueReader, where: str, m: Mapping[str, Any]) -> Escalation:
    levels = tuple(lv for lv in (_level(r, w, item) for w, item in r.records(
        m, "levels", f"{where}.levels", LEVEL_KEYS, "rotation", 10)) if lv is not None)
    return Escalation(name=_name(r, m, "name", f"{where}.name"), levels=levels,
                      repeats=r.whole(m, "repeats", f"{where}.repeats", low=0,
                                         high=MAX_REPEATS, default=0, digits=True) or 0)


def _ring_numbers(r: ValueReader, m: Mapping[str, Any], where: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for j, raw in enumerate(r.items(m, "rings", f"{where}.rings", 9)):
        number = r.whole({"n": raw}, "n", f"{where}.rings[{j}]", low=1, high=9,
                            default=None, digits=True)
        if number is not None and number not in numbers:
            numbers.append(number)
    return tuple(sorted(numbers))


def _priority(r: ValueReader, where: str, m: Mapping[str, Any]) -> Priority:
    return Priority(
        name=_name(r, m, "name", f"{where}.name"),
        criteria=r.text(m, "criteria", f"{where}.criteria", MAX_TEXT),
        response=r.text(m, "response", f"{where}.response", MAX_TEXT),
        hotfix=read_flag(r, m, "hotfix", f"{where}.hotfix"),
        postmortem=read_flag(r, m, "postmortem", f"{where}.postmortem"),
        management=read_flag(r, m, "management", f"{where}.management"),
        update_hours=r.whole(m, "update_hours", f"{where}.update_hours", low=1,
                                high=168, default=None, digits=True),
        rings=_ring_numbers(r, m, where),
        example=r.text(m, "example", f"{where}.example", MAX_TEXT))


def read_agreement(values: Mapping[str, Any]) -> tuple[Agreement, list[PartError]]:
    """The agreement read from plain values and every problem found (the agreement holds what
    could be read)."""
    r = ValueReader(OnCallValueError)
    values = r.mapping(values, "")
    r.unknown(values, AGREEMENT_KEYS, "")
    decisions = tuple(_decision(r, w, m) for w, m in r.records(
        values, "decisions", "decisions", DECISION_KEYS, "service", MAX_ITEMS))
    rotations = tuple(_rotation(r, w, m) for w, m in r.records(
        values, "rotations", "rotations", ROTATION_KEYS, "name", 10))
    escalations = tuple(_escalation(r, w, m) for w, m in r.records(
        values, "escalations", "escalations", ESCALATION_KEYS, "name", 10))
    rings = []
    for w, m in r.records(values, "rings", "rings", RING_KEYS, "number", 9):
        number = r.whole(m, "number", f"{w}.number", low=1, high=9, default=None, digits=True)
        if number is None and m.get("number") in (None, ""):
            r.fail(f"{w}.number", "is missing; number the rings 1, 2, 3 from the inside out")
        groups = r.texts(m, "groups", f"{w}.groups", MAX_NAME, MAX_ITEMS)
        if number is not None:
            rings.append(Ring(number, groups))
    priorities = tuple(_priority(r, w, m) for w, m in r.records(
        values, "priorities", "priorities", PRIORITY_KEYS, "name", MAX_PRIORITIES))
    severities = tuple(
        Severity(name=_name(r, m, "name", f"{w}.name"),
                 criteria=r.text(m, "criteria", f"{w}.criteria", MAX_TEXT),
                 roles=r.texts(m, "roles", f"{w}.roles", MAX_NAME, 10))
        for w, m in r.records(values, "severities", "severities", SEVERITY_KEYS, "name", 5))
    _unique(r, [(f"decisions[{i}].service", d.service) for i, d in enumerate(decisions)],
            "decision")
    _unique(r, [(f"rotations[{i}].name", x.name) for i, x in enumerate(rotations)], "rotation")
    _unique(r, [(f"escalations[{i}].name", x.name) for i, x in enumerate(escalations)],
            "escalation policy")
    _unique(r, [(f"rings[{i}].number", str(x.number)) for i, x in enumerate(rings)], "ring")
    _unique(r, [(f"priorities[{i}].name", x.name) for i, x in enumerate(priorities)],
            "priority")
    _unique(r, [(f"severities[{i}].name", x.name) for i, x in enumerate(severities)],
            "severity")
    agreement = Agreement(
        team=_name(r, values, "team", "team"), decisions=decisions, rotations=rotations,
        escalations=escalations, rings=tuple(sorted(rings, key=lambda g: g.number)),
        priorities=priorities, severities=severities,
        postmortem=r.texts(values, "postmortem", "postmortem", MAX_TEXT, MAX_ITEMS),
        compensation=r.text(values, "compensation", "compensation", MAX_NOTE, multiline=True),
        working_time=r.text(values, "working_time", "working_time", MAX_NOTE, multiline=True),
        parties=read_parties(r, values), uid=r.text(values, "uid", "uid", 40))
    return agreement, r.problems


# --- writing plain values ----------------------------------------------------------------


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [], {}, False)}


def decision_values(d: Decision) -> dict[str, Any]:
    return _drop_empty({
        "service": d.service, "target": number_text(d.target) if d.target is not None
        else None, "demand": d.demand.value if d.demand else None,
        "chosen": d.chosen.value if d.chosen else None, "reason": d.reason,
        "decided": d.decided.isoformat() if d.decided else None})


def rotation_values(x: Rotation) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": x.name, "members": list(x.members), "shape": x.shape.value,
        "coverage": x.coverage.value}
    if x.windows:
        values["windows"] = [{"days": [WEEKDAYS[d] for d in w.days],
                              "from": time_text(w.start), "to": time_text(w.end)}
                             for w in x.windows]
    values["turn_days"] = x.turn_days
    values["handover"] = {"day": WEEKDAYS[x.handover_day], "time": time_text(x.handover_time)}
    values["zone"] = x.zone
    if x.start:
        values["start"] = x.start.isoformat()
    if x.unavailable:
        values["unavailable"] = [_drop_empty({"person": u.person, "from": u.start.isoformat(),
                                              "to": u.end.isoformat(), "note": u.note})
                                 for u in x.unavailable]
    if x.overrides:
        values["overrides"] = [_drop_empty({"day": o.day.isoformat(), "role": o.role,
                                            "person": o.person, "note": o.note})
                               for o in x.overrides]
    return values


def level_values(lv: Level) -> dict[str, Any]:
    if lv.kind is LevelKind.ROTATION:
        return {"rotation": lv.name, "role": lv.role, "delay": lv.delay}
    if lv.kind is LevelKind.ROLE:
        return _drop_empty({"role": lv.name, "person": lv.person}) | {"delay": lv.delay}
    return {"person": lv.name, "delay": lv.delay}


def priority_values(p: Priority) -> dict[str, Any]:
    return _drop_empty({
        "name": p.name, "criteria": p.criteria, "response": p.response, "hotfix": p.hotfix,
        "postmortem": p.postmortem, "management": p.management,
        "update_hours": p.update_hours, "rings": list(p.rings), "example": p.example})


def agreement_values(a: Agreement) -> dict[str, Any]:
    """The agreement as plain values in the order of its YAML document."""
    values: dict[str, Any] = {"team": a.team}
    if a.uid:
        values["uid"] = a.uid
    values["decisions"] = [decision_values(d) for d in a.decisions]
    values["rotations"] = [rotation_values(x) for x in a.rotations]
    values["escalations"] = [{"name": e.name, "levels": [level_values(lv) for lv in e.levels],
                              "repeats": e.repeats} for e in a.escalations]
    values["rings"] = [{"number": g.number, "groups": list(g.groups)} for g in a.rings]
    values["priorities"] = [priority_values(p) for p in a.priorities]
    values["severities"] = [_drop_empty({"name": s.name, "criteria": s.criteria,
                                         "roles": list(s.roles)}) for s in a.severities]
    values["postmortem"] = list(a.postmortem)
    values["compensation"] = a.compensation
    values["working_time"] = a.working_time
    if a.parties:
        values["parties"] = party_values(a.parties)
    return values


# --- the workspace's rules -------------------------------------------------------------


def read_rules(values: Mapping[str, Any]) -> tuple[Rules, list[PartError]]:
    r = ValueReader(OnCallValueError)
    values = r.mapping(values, "")
    r.unknown(values, RULES_KEYS, "")
    base = Rules()
    low = r.number(values, "low_target", "low_target", low=Decimal(0), high=Decimal(100),
                   example="99.5") or base.low_target
    high = r.number(values, "high_target", "high_target", low=Decimal(0), high=Decimal(100),
                    example="99.9") or base.high_target
    if high < low:
        r.fail("high_target", f"{number_text(high)} is below low_target "
               f"{number_text(low)}; the high threshold must be at least the low one")
    demand = r.choice(values, "high_demand", "high_demand", Demand, base.high_demand)
    share = r.whole(values, "max_share", "max_share", low=1, high=MAX_SHARE_CAP,
                       default=base.max_share, digits=True) or base.max_share
    people = r.whole(values, "min_people_per_role", "min_people_per_role", low=1, high=10,
                     default=base.min_people_per_role, digits=True) \
        or base.min_people_per_role
    hours = r.mapping(values.get("business_hours"), "business_hours")
    r.unknown(hours, ("from", "to"), "business_hours")
    start = read_time(r, hours.get("from"), "business_hours.from", default=base.business_start)
    end = read_time(r, hours.get("to"), "business_hours.to", default=base.business_end)
    if start is not None and end is not None and end <= start:
        r.fail("business_hours.to", "must be after business_hours.from")
        start, end = base.business_start, base.business_end
    return Rules(low_target=low, high_target=high, high_demand=demand, max_share=share,
                 min_people_per_role=people, business_start=start or base.business_start,
                 business_end=end or base.business_end), r.problems


def rules_values(rules: Rules) -> dict[str, Any]:
    return {"low_target": number_text(rules.low_target),
            "high_target": number_text(rules.high_target),
            "high_demand": rules.high_demand.value, "max_share": rules.max_share,
            "min_people_per_role": rules.min_people_per_role,
            "business_hours": {"from": time_text(rules.business_start),
                               "to": time_text(rules.business_end)}}


# --- what is needed to agree -----------------------------------------------------------


def missing_parts(a: Agreement) -> tuple[MissingPart, ...]:
    """The parts an agreement needs before it can be agreed."""
    found: list[MissingPart] = []
    if not a.decisions:
        found.append(MissingPart("decisions", "record the out-of-hours decision for at "
                                 "least one service"))
    for i, d in enumerate(a.decisions):
        if d.chosen is None:
            found.append(MissingPart(f"decisions[{i}].chosen", f"decide out-of-hours on-call "
                                     f"for {d.service} (none, domain or team)"))
        elif not d.reason:
            found.append(MissingPart(f"decisions[{i}].reason", f"say why {d.service} gets "
                                     f"{d.chosen.title}"))
    if not a.rotations:
        found.append(MissingPart("rotations", "add at least one rotation"))
    for i, x in enumerate(a.rotations):
        if not x.members:
            found.append(MissingPart(f"rotations[{i}].members", f"name who is on {x.name}"))
        elif len(x.members) < len(x.roles):
            found.append(MissingPart(f"rotations[{i}].members", f"{x.name} needs at least "
                                     f"{len(x.roles)} people for {x.shape.title}"))
        if x.start is None:
            found.append(MissingPart(f"rotations[{i}].start", f"set the day {x.name} starts"))
    if not a.escalations:
        found.append(MissingPart("escalations", "add an escalation policy"))
    for i, e in enumerate(a.escalations):
        if not e.levels:
            found.append(MissingPart(f"escalations[{i}].levels", f"add who {e.name} pages"))
    if not a.priorities:
        found.append(MissingPart("priorities", "define at least one incident priority"))
    return tuple(found)


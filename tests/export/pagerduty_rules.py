"""The consumer's own rules for the paging-tool YAML, as a test oracle: what PagerDuty's REST
API and its Terraform provider accept for schedules, their layers, restrictions and
overrides, and for escalation policies and their rules. Written from (no code copied):

- PagerDuty/api-schema, ``reference/REST/openapiv3.json`` (components.schemas): ``Schedule``
  (required ``time_zone``, ``type`` = "schedule"), ``ScheduleLayer`` (required ``start``,
  ``users``, ``rotation_virtual_start``, ``rotation_turn_length_seconds``; date-times),
  ``ScheduleLayerUser`` (required ``user``, a ``UserReference``), ``Restriction`` (required
  ``type`` in daily_restriction / weekly_restriction, ``duration_seconds``,
  ``start_time_of_day`` HH:mm:ss; ``start_day_of_week`` 1..7, ISO: 1 is Monday),
  ``Override`` (required ``start``, ``end``, ``user``), ``EscalationPolicy`` (required
  ``type`` = "escalation_policy", ``name``, ``escalation_rules``; ``num_loops`` integer
  >= 0), ``EscalationRule`` (required ``escalation_delay_in_minutes`` integer, ``targets``
  with 1 to 10 items), ``EscalationTargetReference`` (``type`` in user, schedule,
  user_reference, schedule_reference, schedule_v3_reference) and ``Reference`` (required
  ``id`` and ``type``).
- PagerDuty/terraform-provider-pagerduty, ``pagerduty/resource_pagerduty_schedule.go``:
  ``rotation_turn_length_seconds`` between 3600 and 365 days, at least one user per layer,
  ``start_time_of_day`` matching 00:00:00..23:59:59, ``start_day_of_week`` 1..7 and only
  for a weekly restriction, ``duration_seconds`` between 1 and one week less a second and,
  for a daily restriction, shorter than a day; ``time_zone`` a zone the IANA database
  knows; layer times RFC 3339.
- PagerDuty/terraform-provider-pagerduty, ``pagerduty/resource_pagerduty_escalation_policy.go``:
  ``num_loops`` between 0 and 9, ``escalation_delay_in_minutes`` at least 1, every target
  with an ``id``.

Our own addition, since the file is imported as one set: every reference resolves to a
schedule or user listed in the same file.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

RESTRICTION_TYPES = ("daily_restriction", "weekly_restriction")
TARGET_TYPES = ("user", "schedule", "user_reference", "schedule_reference",
                "schedule_v3_reference")
MIN_TURN, MAX_TURN = 3600, 365 * 24 * 3600
DAY, WEEK = 24 * 3600, 7 * 24 * 3600
MAX_LOOPS = 9
MAX_TARGETS = 10
CLOCK = re.compile(r"([0-1][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _moment(value: Any) -> datetime | None:
    """An RFC 3339 date-time with its offset, or None."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


class Oracle:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def required(self, value: dict[str, Any], keys: tuple[str, ...], where: str) -> bool:
        missing = [k for k in keys if k not in value]
        for key in missing:
            self.fail(f"{where}.{key}", "is required")
        return not missing

    def reference(self, value: Any, where: str, types: tuple[str, ...]) -> None:
        if not isinstance(value, dict):
            self.fail(where, "must be a reference mapping")
            return
        if self.required(value, ("id", "type"), where) and value["type"] not in types:
            self.fail(f"{where}.type", f"{value['type']!r} is not one of {types}")

    def restriction(self, r: Any, where: str) -> None:
        if not isinstance(r, dict):
            self.fail(where, "must be a mapping")
            return
        if not self.required(r, ("type", "duration_seconds", "start_time_of_day"), where):
            return
        kind = r["type"]
        if kind not in RESTRICTION_TYPES:
            self.fail(f"{where}.type", f"{kind!r} is not one of {RESTRICTION_TYPES}")
        if not isinstance(r["start_time_of_day"], str) or \
                not CLOCK.fullmatch(r["start_time_of_day"]):
            self.fail(f"{where}.start_time_of_day", "must be HH:MM:SS")
        seconds = r["duration_seconds"]
        if not _is_int(seconds) or not 1 <= seconds <= WEEK - 1:
            self.fail(f"{where}.duration_seconds", "must be 1 to one week less a second")
        elif kind == "daily_restriction" and seconds >= DAY:
            self.fail(f"{where}.duration_seconds", "must be shorter than a day for a daily "
                      "restriction")
        day = r.get("start_day_of_week")
        if kind == "daily_restriction" and day not in (None, 0):
            self.fail(f"{where}.start_day_of_week", "is only for a weekly restriction")
        if kind == "weekly_restriction" and (not _is_int(day) or not 1 <= day <= 7):
            self.fail(f"{where}.start_day_of_week", "must be 1 (Monday) to 7")

    def layer(self, layer: Any, where: str, users: set[str]) -> None:
        if not isinstance(layer, dict):
            self.fail(where, "must be a mapping")
            return
        if not self.required(layer, ("start", "users", "rotation_virtual_start",
                                     "rotation_turn_length_seconds"), where):
            return
        for key in ("start", "rotation_virtual_start", "end"):
            if key in layer and layer[key] is not None and _moment(layer[key]) is None:
                self.fail(f"{where}.{key}", "must be an RFC 3339 date-time with an offset")
        turn = layer["rotation_turn_length_seconds"]
        if not _is_int(turn) or not MIN_TURN <= turn <= MAX_TURN:
            self.fail(f"{where}.rotation_turn_length_seconds", "must be 3600 to 365 days")
        if not isinstance(layer["users"], list) or not layer["users"]:
            self.fail(f"{where}.users", "must list at least one user")
        else:
            for i, item in enumerate(layer["users"]):
                if not isinstance(item, dict) or "user" not in item:
                    self.fail(f"{where}.users[{i}]", "must hold a user")
                    continue
                self.reference(item["user"], f"{where}.users[{i}].user", ("user_reference",))
                self.resolves(item["user"], f"{where}.users[{i}].user", users)
        for i, r in enumerate(layer.get("restrictions") or []):
            self.restriction(r, f"{where}.restrictions[{i}]")

    def resolves(self, ref: Any, where: str, known: set[str]) -> None:
        if isinstance(ref, dict) and ref.get("id") not in known:
            self.fail(f"{where}.id", f"{ref.get('id')!r} is not in this file")

    def check(self) -> list[str]:
        doc = self.document
        if not isinstance(doc, dict):
            return ["(document): must be a mapping"]
        users = {u.get("id") for u in doc.get("users") or [] if isinstance(u, dict)}
        schedules = doc.get("schedules")
        if not isinstance(schedules, list):
            self.fail("schedules", "must be a list")
            schedules = []
        for i, s in enumerate(schedules):
            where = f"schedules[{i}]"
            if not isinstance(s, dict) or not self.required(s, ("time_zone", "type"), where):
                continue
            if s["type"] != "schedule":
                self.fail(f"{where}.type", "must be 'schedule'")
            try:
                ZoneInfo(s["time_zone"])
            except (ZoneInfoNotFoundError, ValueError, TypeError):
                self.fail(f"{where}.time_zone", f"{s['time_zone']!r} is not a known zone")
            layers = s.get("schedule_layers")
            if not isinstance(layers, list) or not layers:
                self.fail(f"{where}.schedule_layers", "must list at least one layer")
                layers = []
            for j, layer in enumerate(layers):
                self.layer(layer, f"{where}.schedule_layers[{j}]", users)
            for j, o in enumerate(s.get("overrides") or []):
                at = f"{where}.overrides[{j}]"
                if not self.required(o, ("start", "end", "user"), at):
                    continue
                start, end = _moment(o["start"]), _moment(o["end"])
                if start is None or end is None or not start < end:
                    self.fail(at, "must start before it ends (RFC 3339 date-times)")
                self.reference(o["user"], f"{at}.user", ("user_reference",))
                self.resolves(o["user"], f"{at}.user", users)
        known = {s.get("id") for s in schedules if isinstance(s, dict)}
        policies = doc.get("escalation_policies")
        if not isinstance(policies, list):
            self.fail("escalation_policies", "must be a list")
            policies = []
        for i, p in enumerate(policies):
            where = f"escalation_policies[{i}]"
            if not isinstance(p, dict) or not self.required(
                    p, ("type", "name", "escalation_rules"), where):
                continue
            if p["type"] != "escalation_policy":
                self.fail(f"{where}.type", "must be 'escalation_policy'")
            loops = p.get("num_loops", 0)
            if not _is_int(loops) or not 0 <= loops <= MAX_LOOPS:
                self.fail(f"{where}.num_loops", f"must be 0 to {MAX_LOOPS}")
            for j, rule in enumerate(p["escalation_rules"]):
                at = f"{where}.escalation_rules[{j}]"
                if not self.required(rule, ("escalation_delay_in_minutes", "targets"), at):
                    continue
                delay = rule["escalation_delay_in_minutes"]
                if not _is_int(delay) or delay < 1:
                    self.fail(f"{at}.escalation_delay_in_minutes", "must be at least 1")
                targets = rule["targets"]
                if not isinstance(targets, list) or not 1 <= len(targets) <= MAX_TARGETS:
                    self.fail(f"{at}.targets", f"must hold 1 to {MAX_TARGETS} targets")
                    continue
                for k, target in enumerate(targets):
                    self.reference(target, f"{at}.targets[{k}]", TARGET_TYPES)
                    kind = target.get("type") if isinstance(target, dict) else None
                    pool = known if kind and kind.startswith("schedule") else users
                    self.resolves(target, f"{at}.targets[{k}]", pool)
        return self.problems


def pagerduty_problems(document: Any) -> list[str]:
    """Every rule of the paging tool the document breaks (empty: it would be accepted)."""
    return Oracle(document).check()

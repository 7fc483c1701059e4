"""The error budget policy as typed values: scope, purpose, conditions (typed triggers with
their figures), consequences per condition, escalation, the parties who must agree and the
next review.

Decisions:
- A condition is one trigger with its figures; thresholds are ``Decimal`` percentages or burn
  rates, windows are ``timedelta``. A condition applies to every SLO in the policy's scope.
- A consequence that stops an activity is a *freeze*; it names what stays allowed and must
  say when it ends (when its condition clears, or at the start of the next period), so a
  freeze can always end on the figures alone.
- The parties who must agree default to operations, development and the product owner (in
  that order, as the book's agreement process runs), then every escalation contact by name.
- ``make_policy`` reads plain values (what the YAML document and the editor hold) and
  returns the policy or every problem at once, each naming its part (``conditions[2].window``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from workbench.domain.lifecycle import Party
from workbench.domain.plain_values import (
    MissingPart,
    PartError,
    PartProblems,
    ValueReader,
    number_text,
    read_date,
    read_parties,
)

MAX_NAME = 60
MAX_TITLE = 120
MAX_PURPOSE = 2000
MAX_DETAIL = 500
MAX_ACTIVITY = 80
MAX_ITEMS = 50
MAX_CONDITIONS = 30
MAX_CONSEQUENCES = 10
MAX_ALLOWED = 10
MAX_CONTACTS = 10
MAX_PEOPLE = 1000
MAX_BURN_RATE = Decimal(1_000_000)
MAX_WINDOW = timedelta(days=35)
MIN_WINDOW = timedelta(minutes=1)


class PolicyError(PartError):
    """One problem in a policy: ``part`` names where (``conditions[1].percent``)."""


class Trigger(StrEnum):
    CONSUMED = "consumed"
    """Budget consumed >= percent in the current period."""
    CONSUMED_WITHIN = "consumed-within"
    """Percent of the period's budget consumed within the last window (30% in 24 h)."""
    BURN_RATE = "burn-rate"
    """Burn rate >= burn_rate over the last window (slo-generator style steps)."""
    PROJECTED = "projected-exhaustion"
    """At the current burn rate the budget runs out before the period ends."""
    DEPENDENCY = "dependency-share"
    """One dependency caused >= percent of the bad events of the period."""
    EXHAUSTED = "exhausted"
    """No budget left (remaining <= 0)."""

    @property
    def title(self) -> str:
        return TRIGGER_TITLES[self]


TRIGGER_TITLES = {
    Trigger.CONSUMED: "budget consumed",
    Trigger.CONSUMED_WITHIN: "budget consumed within a window",
    Trigger.BURN_RATE: "burn rate over a window",
    Trigger.PROJECTED: "projected to run out",
    Trigger.DEPENDENCY: "one dependency's share",
    Trigger.EXHAUSTED: "budget exhausted",
}

# Which figures each trigger takes; the others must be left out.
NEEDS_PERCENT = {Trigger.CONSUMED, Trigger.CONSUMED_WITHIN, Trigger.DEPENDENCY}
NEEDS_WINDOW = {Trigger.CONSUMED_WITHIN, Trigger.BURN_RATE}
MAY_HAVE_WINDOW = NEEDS_WINDOW | {Trigger.PROJECTED}


class Action(StrEnum):
    ASSIGN = "assign"
    """Assign people to reliability work (how many, or what share of the team)."""
    CONDUCT = "conduct"
    """Conduct an activity: a postmortem, a load test, a chaos experiment, ..."""
    STOP = "stop"
    """Stop an activity (feature work, releases): a freeze."""
    DECLARE = "declare"
    """Declare code yellow or code red."""


class Code(StrEnum):
    YELLOW = "yellow"
    RED = "red"


class Ends(StrEnum):
    CLEARED = "when-cleared"
    NEXT_PERIOD = "next-period"
    DECIDED = "when-decided"
    """Ended by a decision of the parties or the tiebreaker (not allowed for a freeze)."""


ENDS_TITLES = {
    Ends.CLEARED: "when the condition clears",
    Ends.NEXT_PERIOD: "at the start of the next period",
    Ends.DECIDED: "when the parties decide",
}

# Suggestions for the editor; any activity may be written.
COMMON_ACTIVITIES: tuple[str, ...] = (
    "postmortem", "action item", "load test", "chaos experiment",
    "engage the dependency's owner", "communicate the budget state",
)
COMMON_STOPPED: tuple[str, ...] = ("feature releases", "feature work", "releases to staging")
COMMON_ALLOWED: tuple[str, ...] = ("security fixes", "reliability fixes")
DEFAULT_POLICY_PARTIES = (Party("operations"), Party("development"), Party("product owner"))


@dataclass(frozen=True)
class Consequence:
    action: Action
    activity: str = ""
    """What is conducted or stopped (CONDUCT, STOP)."""
    people: int | None = None
    """How many people move to reliability work (ASSIGN), or ..."""
    share: Decimal | None = None
    """... what percentage of the team does (ASSIGN)."""
    allowed: tuple[str, ...] = ()
    """What stays allowed during a freeze (STOP)."""
    code: Code | None = None
    """Code yellow or red (DECLARE)."""
    detail: str = ""
    ends: Ends = Ends.CLEARED

    @property
    def freeze(self) -> bool:
        return self.action is Action.STOP

    def describe(self) -> str:
        """``stop feature releases (still allowed: security fixes)``."""
        if self.action is Action.ASSIGN:
            who = (f"{self.people} {'person' if self.people == 1 else 'people'}"
                   if self.people is not None else f"{number_text(self.share)}% of the team")
            text = f"assign {who} to reliability work"
        elif self.action is Action.CONDUCT:
            text = f"conduct {self.activity}"
        elif self.action is Action.STOP:
            text = f"stop {self.activity}"
            if self.allowed:
                text += f" (still allowed: {', '.join(self.allowed)})"
        else:
            text = f"declare code {self.code.value if self.code else '?'}"
        return text


@dataclass(frozen=True)
class Condition:
    key: str
    """Short name, unique in the policy (``fast-burn``); gate output and messages use it."""
    trigger: Trigger
    percent: Decimal | None = None
    window: timedelta | None = None
    burn_rate: Decimal | None = None
    dependency: str = ""
    """Only this dependency (DEPENDENCY); empty: any one dependency."""
    description: str = ""
    consequences: tuple[Consequence, ...] = ()

    def describe(self) -> str:
        """``30% of the budget consumed within 24h``."""
        window = f" within {duration_text(self.window)}" if self.window else ""
        if self.trigger is Trigger.CONSUMED:
            return f"{number_text(self.percent)}% of the budget consumed"
        if self.trigger is Trigger.CONSUMED_WITHIN:
            return f"{number_text(self.percent)}% of the budget consumed{window}"
        if self.trigger is Trigger.BURN_RATE:
            rate = number_text(self.burn_rate)
            return f"burn rate {rate} or more over {duration_text(self.window)}"
        if self.trigger is Trigger.PROJECTED:
            over = f" (burn rate over {duration_text(self.window)})" if self.window else ""
            return f"budget projected to run out before the period ends{over}"
        if self.trigger is Trigger.DEPENDENCY:
            who = self.dependency or "one dependency"
            return f"{who} caused {number_text(self.percent)}% or more of the bad events"
        return "budget exhausted"

    @property
    def freezes(self) -> tuple[Consequence, ...]:
        return tuple(c for c in self.consequences if c.freeze)


@dataclass(frozen=True)
class Contact:
    name: str
    role: str = ""
    how: str = ""
    """How to reach them (channel, phone)."""


@dataclass(frozen=True)
class Policy:
    name: str
    title: str = ""
    team: str | None = None
    services: tuple[str, ...] = ()
    slos: tuple[str, ...] = ()
    """SLO names in scope; empty: every SLO of the services in scope."""
    purpose: str = ""
    conditions: tuple[Condition, ...] = ()
    tiebreaker: str = ""
    """The role that decides when the parties disagree."""
    escalation: str = ""
    """How ties are broken, in the team's words."""
    contacts: tuple[Contact, ...] = ()
    parties: tuple[Party, ...] = ()
    """Who must agree; empty: the defaults (see ``required_parties``)."""
    next_review: date | None = None
    review_after_major_outage: bool = False
    uid: str = ""
    version: int = 0

    def condition(self, key: str) -> Condition | None:
        return next((c for c in self.conditions if c.key == key), None)

    def required_parties(self) -> tuple[Party, ...]:
        """Operations, development, product owner, then the escalation contacts by name."""
        if self.parties:
            return self.parties
        contacts = tuple(Party(role=c.role or "escalation", name=c.name) for c in self.contacts)
        return DEFAULT_POLICY_PARTIES + contacts

    def with_changes(self, **changes: Any) -> Policy:
        return replace(self, **changes)


def missing_parts(policy: Policy) -> tuple[MissingPart, ...]:
    """The required parts (the book's table 10.1) not written yet, in the table's order."""
    found: list[MissingPart] = []
    if not policy.services and not policy.slos:
        found.append(MissingPart("scope", "name the services or SLOs the policy covers"))
    if not policy.purpose.strip():
        found.append(MissingPart("purpose", "say what the policy is for"))
    if not policy.conditions:
        found.append(MissingPart("conditions", "add at least one condition"))
    for index, cond in enumerate(policy.conditions):
        if not cond.consequences:
            found.append(MissingPart(f"conditions[{index}].consequences",
                                     f"condition {cond.key} has no consequence; add one"))
    if not policy.tiebreaker.strip():
        found.append(MissingPart("escalation.tiebreaker",
                                 "name the role that decides when the parties disagree"))
    if policy.next_review is None and not policy.review_after_major_outage:
        found.append(MissingPart("review", "set the next review date"))
    return tuple(found)


# --- reading plain values ----------------------------------------------------------------


def duration_text(window: timedelta | None) -> str:
    """``24h``, ``7d``, ``90m``: whole days from two days on, else hours, else minutes (so the
    book's "within 24 hours" reads 24h and "within seven days" 7d)."""
    if window is None:
        return ""
    total = int(window.total_seconds()) // 60
    if total % (24 * 60) == 0 and total >= 2 * 24 * 60:
        return f"{total // (24 * 60)}d"
    if total % 60 == 0 and total:
        return f"{total // 60}h"
    return f"{total}m"


def parse_window(raw: object) -> timedelta | None:
    """``24h``, ``7d``, ``90m``, ``2w`` -> timedelta; None when it is not one."""
    if isinstance(raw, timedelta):
        return raw
    if not isinstance(raw, str):
        return None
    text = raw.strip().lower()
    units = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
    number, unit = text[:-1], text[-1:]
    if unit not in units or not number.isascii() or not number.isdigit() or len(number) > 6:
        return None
    return timedelta(**{units[unit]: int(number)})


def read_window(r: ValueReader, values: Mapping[str, Any], key: str, part: str) -> timedelta | None:
        raw = values.get(key)
        if raw is None:
            return None
        window = parse_window(raw)
        if window is None:
            r.fail(part, f"{raw!r} is not a window; use a whole number with w, d, h or m, "
                            "e.g. 24h or 7d")
            return None
        if not MIN_WINDOW <= window <= MAX_WINDOW:
            r.fail(part, f"{raw} is out of range; use from 1m to "
                            f"{duration_text(MAX_WINDOW)}")
            return None
        return window


POLICY_KEYS = ("name", "title", "team", "scope", "purpose", "conditions", "escalation",
               "parties", "review", "uid")
SCOPE_KEYS = ("services", "slos")
CONDITION_KEYS = ("key", "trigger", "percent", "window", "burn_rate", "dependency",
                  "description", "consequences")
CONSEQUENCE_KEYS = ("action", "activity", "people", "share", "allowed", "code", "detail",
                    "ends")
ESCALATION_KEYS = ("tiebreaker", "procedure", "contacts")
CONTACT_KEYS = ("name", "role", "how")
REVIEW_KEYS = ("next", "after_major_outage")


def make_policy(values: Mapping[str, Any]) -> Policy:
    """A policy from plain values; raises ``PolicyProblems`` listing every problem."""
    policy, problems = read_policy(values)
    if problems:
        raise PolicyProblems(problems)
    return policy


class PolicyProblems(PartProblems):
    """Every problem of a policy's values."""


def read_policy(values: Mapping[str, Any]) -> tuple[Policy, list[PolicyError]]:
    """The policy read from plain values and the problems found (the policy holds what could
    be read, so an editor can show it)."""
    r = ValueReader(PolicyError)
    values = r.mapping(values, "")
    r.unknown(values, POLICY_KEYS, "")
    name = r.text(values, "name", "name", MAX_NAME, required=True)
    if name and not any(ch.isalnum() for ch in name):
        r.fail("name", "needs at least one letter or digit")
    title = r.text(values, "title", "title", MAX_TITLE)
    team = r.text(values, "team", "team", MAX_NAME) or None
    scope = r.mapping(values.get("scope"), "scope")
    r.unknown(scope, SCOPE_KEYS, "scope")
    services = r.texts(scope, "services", "scope.services", MAX_NAME, MAX_ITEMS)
    slos = r.texts(scope, "slos", "scope.slos", MAX_NAME, MAX_ITEMS)
    purpose = r.text(values, "purpose", "purpose", MAX_PURPOSE, multiline=True)
    conditions = tuple(
        _condition(r, item, f"conditions[{i}]")
        for i, item in enumerate(r.items(values, "conditions", "conditions", MAX_CONDITIONS)))
    keys: set[str] = set()
    for index, cond in enumerate(conditions):
        if cond.key and cond.key.casefold() in keys:
            r.fail(f"conditions[{index}].key", f"{cond.key!r} is used by another condition; "
                                               "give each condition its own key")
        keys.add(cond.key.casefold())
    escalation = r.mapping(values.get("escalation"), "escalation")
    r.unknown(escalation, ESCALATION_KEYS, "escalation")
    contacts = []
    for i, item in enumerate(r.items(escalation, "contacts", "escalation.contacts",
                                     MAX_CONTACTS)):
        part = f"escalation.contacts[{i}]"
        if isinstance(item, str):
            item = {"name": item}
        item = r.mapping(item, part)
        r.unknown(item, CONTACT_KEYS, part)
        contacts.append(Contact(
            name=r.text(item, "name", f"{part}.name", MAX_NAME, required=True),
            role=r.text(item, "role", f"{part}.role", MAX_NAME),
            how=r.text(item, "how", f"{part}.how", MAX_ACTIVITY)))
    parties = read_parties(r, values)
    review = r.mapping(values.get("review"), "review")
    r.unknown(review, REVIEW_KEYS, "review")
    next_review = read_date(r, review.get("next"), "review.next")
    after = review.get("after_major_outage", False)
    if not isinstance(after, bool):
        r.fail("review.after_major_outage", "must be true or false")
        after = False
    uid = r.text(values, "uid", "uid", 40)
    policy = Policy(
        name=name, title=title, team=team, services=services, slos=slos, purpose=purpose,
        conditions=conditions,
        tiebreaker=r.text(escalation, "tiebreaker", "escalation.tiebreaker", MAX_NAME),
        escalation=r.text(escalation, "procedure", "escalation.procedure", MAX_PURPOSE,
                          multiline=True),
        contacts=tuple(contacts), parties=parties, next_review=next_review,
        review_after_major_outage=after, uid=uid)
    return policy, r.problems


def _condition(r: ValueReader, raw: Any, part: str) -> Condition:
    if not isinstance(raw, Mapping):
        r.mapping(raw, part)  # one problem for the entry, not one per missing key
        return Condition(key="", trigger=Trigger.EXHAUSTED)
    values = r.mapping(raw, part)
    r.unknown(values, CONDITION_KEYS, part)
    trigger = r.choice(values, "trigger", f"{part}.trigger", Trigger, default=None)
    key = r.text(values, "key", f"{part}.key", 40) or (trigger.value if trigger else "")
    if not key:
        r.fail(f"{part}.key", "is missing; give the condition a short key, e.g. fast-burn")
    percent = r.number(values, "percent", f"{part}.percent", low=Decimal(0),
                       high=Decimal(100), example="70")
    window = read_window(r, values, "window", f"{part}.window")
    burn = r.number(values, "burn_rate", f"{part}.burn_rate", low=Decimal(0),
                    high=MAX_BURN_RATE, example="14.4")
    if trigger is not None:
        _check_figures(r, part, trigger, values, percent, window, burn)
    dependency = r.text(values, "dependency", f"{part}.dependency", MAX_NAME)
    if dependency and trigger is not Trigger.DEPENDENCY:
        r.fail(f"{part}.dependency", "only a dependency-share condition names a dependency")
    consequences = tuple(
        _consequence(r, item, f"{part}.consequences[{i}]")
        for i, item in enumerate(r.items(values, "consequences", f"{part}.consequences",
                                         MAX_CONSEQUENCES)))
    return Condition(
        key=key, trigger=trigger or Trigger.EXHAUSTED, percent=percent, window=window,
        burn_rate=burn, dependency=dependency,
        description=r.text(values, "description", f"{part}.description", MAX_DETAIL),
        consequences=consequences)


def _check_figures(r: ValueReader, part: str, trigger: Trigger, values: Mapping[str, Any],
                   percent: Decimal | None, window: timedelta | None,
                   burn: Decimal | None) -> None:
    kind = f"{'an' if trigger.value[0] in 'aeiou' else 'a'} {trigger.value} condition"

    def need(key: str, present: bool, example: str) -> None:
        if not present and values.get(key) is None:
            r.fail(f"{part}.{key}", f"{kind} needs it; e.g. {example}")

    def refuse(key: str) -> None:
        if values.get(key) is not None:
            r.fail(f"{part}.{key}", f"{kind} has no {key}; remove it")

    if trigger in NEEDS_PERCENT:
        need("percent", percent is not None, "70")
    else:
        refuse("percent")
    if trigger in NEEDS_WINDOW:
        need("window", window is not None, "24h")
    elif trigger not in MAY_HAVE_WINDOW:
        refuse("window")
    if trigger is Trigger.BURN_RATE:
        need("burn_rate", burn is not None, "14.4")
    else:
        refuse("burn_rate")


def _consequence(r: ValueReader, raw: Any, part: str) -> Consequence:
    if not isinstance(raw, Mapping):
        r.mapping(raw, part)
        return Consequence(Action.CONDUCT)
    values = r.mapping(raw, part)
    r.unknown(values, CONSEQUENCE_KEYS, part)
    action = r.choice(values, "action", f"{part}.action", Action, default=None)
    activity = r.text(values, "activity", f"{part}.activity", MAX_ACTIVITY)
    people_raw = values.get("people")
    people: int | None = None
    if people_raw is not None:
        if isinstance(people_raw, bool) or not isinstance(people_raw, int | str) or not str(
                people_raw).strip().isascii() or not str(people_raw).strip().isdigit():
            r.fail(f"{part}.people", f"{people_raw!r} is not a whole number of people; e.g. 2")
        elif not 1 <= int(str(people_raw).strip()) <= MAX_PEOPLE:
            r.fail(f"{part}.people", f"use from 1 to {MAX_PEOPLE} people")
        else:
            people = int(str(people_raw).strip())
    share = r.number(values, "share", f"{part}.share", low=Decimal(0), high=Decimal(100),
                     example="50")
    allowed = r.texts(values, "allowed", f"{part}.allowed", MAX_ACTIVITY, MAX_ALLOWED)
    code = r.choice(values, "code", f"{part}.code", Code, default=False) or None
    ends = r.choice(values, "ends", f"{part}.ends", Ends, default=Ends.CLEARED)
    if action is Action.ASSIGN:
        if people is None and share is None and values.get("people") is None and values.get(
                "share") is None:
            r.fail(f"{part}.people", "say how many people (people: 2) or what share of the "
                                     "team (share: 50) moves to reliability work")
        if people is not None and share is not None:
            r.fail(f"{part}.share", "give people or share, not both")
    if action in (Action.CONDUCT, Action.STOP) and not activity:
        example = "postmortem" if action is Action.CONDUCT else "feature releases"
        r.fail(f"{part}.activity", f"say which activity; e.g. {example}")
    if action is Action.DECLARE and code is None and values.get("code") is None:
        r.fail(f"{part}.code", "say which code: yellow or red")
    if action is Action.STOP and ends is Ends.DECIDED:
        r.fail(f"{part}.ends", "a freeze must end on the figures; use when-cleared or "
                               "next-period")
    if allowed and action is not Action.STOP:
        r.fail(f"{part}.allowed", "only a freeze (action: stop) lists what stays allowed")
    # A figure the action does not use would be kept but never acted on: refuse it.
    if action is not None:
        if activity and action not in (Action.CONDUCT, Action.STOP):
            r.fail(f"{part}.activity", "only a conduct or stop consequence names an "
                                       "activity; remove it")
        for key in ("people", "share"):
            if action is not Action.ASSIGN and values.get(key) not in (None, ""):
                r.fail(f"{part}.{key}", f"only an assign consequence says {key}; remove it")
        if action is not Action.DECLARE and values.get("code") not in (None, ""):
            r.fail(f"{part}.code", "only a declare consequence names a code; remove it")
    return Consequence(
        action=action or Action.CONDUCT, activity=activity, people=people, share=share,
        allowed=allowed, code=code, detail=r.text(values, "detail", f"{part}.detail",
                                                  MAX_DETAIL, multiline=True),
        ends=ends)


# --- writing plain values (the inverse of read_policy) -------------------------------------


def policy_values(policy: Policy) -> dict[str, Any]:
    """Plain values (text, numbers as text, lists, mappings) that ``read_policy`` reads back
    to an equal policy: the YAML document and the revision snapshot use this shape."""
    out: dict[str, Any] = {"name": policy.name}
    if policy.title:
        out["title"] = policy.title
    if policy.team:
        out["team"] = policy.team
    out["scope"] = {"services": list(policy.services), "slos": list(policy.slos)}
    out["purpose"] = policy.purpose
    out["conditions"] = [_condition_values(c) for c in policy.conditions]
    escalation: dict[str, Any] = {"tiebreaker": policy.tiebreaker}
    if policy.escalation:
        escalation["procedure"] = policy.escalation
    escalation["contacts"] = [
        {k: v for k, v in (("name", c.name), ("role", c.role), ("how", c.how)) if v}
        for c in policy.contacts]
    out["escalation"] = escalation
    if policy.parties:
        out["parties"] = [{"role": p.role, **({"name": p.name} if p.name else {})}
                          for p in policy.parties]
    out["review"] = {"next": policy.next_review.isoformat() if policy.next_review else None,
                     "after_major_outage": policy.review_after_major_outage}
    if policy.uid:
        out["uid"] = policy.uid
    return out


def _condition_values(cond: Condition) -> dict[str, Any]:
    out: dict[str, Any] = {"key": cond.key, "trigger": cond.trigger.value}
    if cond.percent is not None:
        out["percent"] = number_text(cond.percent)
    if cond.window is not None:
        out["window"] = duration_text(cond.window)
    if cond.burn_rate is not None:
        out["burn_rate"] = number_text(cond.burn_rate)
    if cond.dependency:
        out["dependency"] = cond.dependency
    if cond.description:
        out["description"] = cond.description
    out["consequences"] = [_consequence_values(c) for c in cond.consequences]
    return out


def _consequence_values(cons: Consequence) -> dict[str, Any]:
    out: dict[str, Any] = {"action": cons.action.value}
    if cons.activity:
        out["activity"] = cons.activity
    if cons.people is not None:
        out["people"] = cons.people
    if cons.share is not None:
        out["share"] = number_text(cons.share)
    if cons.allowed:
        out["allowed"] = list(cons.allowed)
    if cons.code is not None:
        out["code"] = cons.code.value
    if cons.detail:
        out["detail"] = cons.detail
    out["ends"] = cons.ends.value
    return out


@dataclass(frozen=True)
class PolicySummary:
    """A policy's line in lists: name, team, scope and where it stands."""

    name: str
    title: str
    team: str | None
    services: tuple[str, ...]
    slos: tuple[str, ...]
    conditions: int
    missing: tuple[MissingPart, ...] = field(default=())

"""The engagement plan: how often the coach contacts the people of each quadrant and how,
and from it who is overdue for contact.

Decisions:
- Cadence is a whole number of days (1 to 366), so "due" is plain date arithmetic and a
  workspace can pick any rhythm. The defaults: engage fully weekly (7), keep informed
  fortnightly (14), keep satisfied monthly (30), monitor quarterly (91).
- Someone is overdue when today is later than their last contact plus their quadrant's
  cadence; someone never contacted is overdue from the start (the coach has not begun).
- The plan belongs to the chart and is saved (and compared) with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workbench.domain.stakeholders.model import (
    LIST_ORDER,
    MAX_CONTACT,
    Quadrant,
    Stakeholder,
    StakeholderError,
    _text,
)

MAX_EVERY_DAYS = 366


@dataclass(frozen=True)
class ContactPlan:
    every_days: int
    contact: str

    @property
    def rhythm(self) -> str:
        """The cadence in words: ``weekly``, ``every 10 days``."""
        return _RHYTHMS.get(self.every_days, f"every {self.every_days} days")


_RHYTHMS = {1: "daily", 7: "weekly", 14: "fortnightly", 30: "monthly", 91: "quarterly",
            182: "twice a year", 365: "yearly"}

DEFAULT_PLAN: dict[Quadrant, ContactPlan] = {
    Quadrant.ENGAGE_FULLY: ContactPlan(
        7, "One-to-one meeting: agree how closely they want to be involved, then keep it"),
    Quadrant.KEEP_SATISFIED: ContactPlan(
        30, "Short briefing on cost, risk and compliance: show SRE adds no new problems"),
    Quadrant.KEEP_INFORMED: ContactPlan(
        14, "Update by e-mail or newsletter, and invitations to open presentations"),
    Quadrant.MONITOR: ContactPlan(
        91, "No action needed: check whether their power or interest has changed"),
}


@dataclass(frozen=True)
class EngagementPlan:
    contacts: tuple[tuple[Quadrant, ContactPlan], ...] = tuple(DEFAULT_PLAN.items())

    def for_quadrant(self, quadrant: Quadrant) -> ContactPlan:
        return dict(self.contacts).get(quadrant, DEFAULT_PLAN[quadrant])

    def with_contact(self, quadrant: Quadrant, contact: ContactPlan) -> EngagementPlan:
        plans = dict(self.contacts)
        plans[quadrant] = contact
        return EngagementPlan(tuple((q, plans.get(q, DEFAULT_PLAN[q])) for q in LIST_ORDER))

    def values(self) -> dict[str, dict[str, Any]]:
        """Plain values, by quadrant name (the inverse of ``make_plan``)."""
        return {q.value: {"every_days": self.for_quadrant(q).every_days,
                          "contact": self.for_quadrant(q).contact} for q in LIST_ORDER}


def default_plan() -> EngagementPlan:
    return EngagementPlan(tuple((q, DEFAULT_PLAN[q]) for q in LIST_ORDER))


def make_contact(every_days: Any, contact: Any, where: str) -> ContactPlan:
    if isinstance(every_days, bool) or not isinstance(every_days, int):
        raise StakeholderError(f"{where}.every_days",
                               f"is {every_days!r}, not a whole number of days (e.g. 14)")
    if not 1 <= every_days <= MAX_EVERY_DAYS:
        raise StakeholderError(f"{where}.every_days",
                               f"is {every_days} (use 1 to {MAX_EVERY_DAYS} days)")
    text = _text(contact, f"{where}.contact", MAX_CONTACT, required=True)
    return ContactPlan(every_days, text)


def plan_problems(values: Mapping[str, Any] | None) -> list[StakeholderError]:
    """Every problem of a plan given as plain values; quadrants left out keep the default."""
    if values is None:
        return []
    if not isinstance(values, Mapping):
        return [StakeholderError("plan", "is not a mapping of quadrant to every_days and "
                                 "contact")]
    problems: list[StakeholderError] = []
    names = [q.value for q in LIST_ORDER]
    for key, entry in values.items():
        if key not in names:
            problems.append(StakeholderError(f"plan.{key}", "is not a quadrant (use: "
                                             f"{', '.join(names)})"))
            continue
        if not isinstance(entry, Mapping):
            problems.append(StakeholderError(f"plan.{key}", "needs every_days and contact"))
            continue
        for extra in [k for k in entry if k not in ("every_days", "contact")]:
            problems.append(StakeholderError(f"plan.{key}.{extra}",
                                             "is not a field of a plan (use every_days, "
                                             "contact)"))
        default = DEFAULT_PLAN[Quadrant(key)]
        try:
            make_contact(entry.get("every_days", default.every_days),
                         entry.get("contact", default.contact), f"plan.{key}")
        except StakeholderError as exc:
            problems.append(exc)
    return problems


def make_plan(values: Mapping[str, Any] | None) -> EngagementPlan:
    problems = plan_problems(values)
    if problems:
        raise problems[0]
    plan = default_plan()
    for key, entry in (values or {}).items():
        default = DEFAULT_PLAN[Quadrant(key)]
        plan = plan.with_contact(Quadrant(key), make_contact(
            entry.get("every_days", default.every_days), entry.get("contact", default.contact),
            f"plan.{key}"))
    return plan


@dataclass(frozen=True)
class Overdue:
    person: Stakeholder
    due_on: date | None
    """When contact was due; None: never contacted."""
    days_late: int | None

    @property
    def describe(self) -> str:
        if self.due_on is None:
            return "not contacted yet"
        plural = "s" if self.days_late != 1 else ""
        return f"due {self.due_on.isoformat()}, {self.days_late} day{plural} late"


def contact_due(person: Stakeholder, plan: EngagementPlan) -> date | None:
    """When the next contact with ``person`` is due (None: never contacted, due now)."""
    if person.last_contact is None:
        return None
    return person.last_contact + timedelta(days=plan.for_quadrant(person.quadrant).every_days)


def overdue(people: Iterable[Stakeholder], plan: EngagementPlan | None,
            today: date) -> list[Overdue]:
    """Who is overdue for contact on ``today``: never contacted first, then the longest
    overdue; name breaks ties."""
    plan = plan or default_plan()
    late: list[Overdue] = []
    for person in people:
        due = contact_due(person, plan)
        if due is None:
            late.append(Overdue(person, None, None))
        elif today > due:
            late.append(Overdue(person, due, (today - due).days))
    return sorted(late, key=lambda o: (o.due_on is not None, -(o.days_late or 0),
                                       o.person.key))

"""Changes to a chart as pure functions: each takes the chart and returns the new people and
plan, or raises ``StakeholderError`` (a field is wrong) or ``UnknownStakeholder``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.domain.names import lookup_key
from workbench.domain.stakeholders.model import (
    Chart,
    Quadrant,
    Stakeholder,
    StakeholderError,
    check_people,
    make_stakeholder,
    stakeholder_values,
)
from workbench.domain.stakeholders.plan import EngagementPlan, default_plan, make_contact

Change = tuple[tuple[Stakeholder, ...], EngagementPlan]


class UnknownStakeholder(LookupError):
    def __init__(self, name: str, known: tuple[str, ...]) -> None:
        shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
        super().__init__(f"nobody named {name!r} is on the stakeholder chart"
                         + (f" (on it: {shown})" if known else " (it is empty)"))
        self.name = name


def _plan(chart: Chart) -> EngagementPlan:
    return chart.plan or default_plan()


def _checked(people: tuple[Stakeholder, ...]) -> tuple[Stakeholder, ...]:
    problems = check_people(people)
    if problems:
        raise StakeholderError("uid" if "same uid" in problems[0] else "name", problems[0])
    return people


def _index(chart: Chart, name: str) -> int:
    key = lookup_key(name)
    for position, person in enumerate(chart.people):
        if person.key == key:
            return position
    raise UnknownStakeholder(name, tuple(p.name for p in chart.people))


def added(chart: Chart, person: Stakeholder) -> Change:
    if chart.find(person.name) is not None:
        raise StakeholderError("name", f"{person.name!r} is already on the chart (edit them, "
                               "or use another name)")
    return _checked((*chart.people, person)), _plan(chart)


def edited(chart: Chart, name: str, changes: Mapping[str, Any]) -> Change:
    """Some fields of one person changed; the rest stay. ``uid`` cannot change."""
    position = _index(chart, name)
    current = chart.people[position]
    values = {**stakeholder_values(current), **changes, "uid": current.uid}
    person = make_stakeholder(values)
    if person.key != current.key and chart.find(person.name) is not None:
        raise StakeholderError("name", f"{person.name!r} is already on the chart (use "
                               "another name)")
    people = list(chart.people)
    people[position] = person
    return _checked(tuple(people)), _plan(chart)


def removed(chart: Chart, name: str) -> Change:
    position = _index(chart, name)
    return chart.people[:position] + chart.people[position + 1:], _plan(chart)


def flipped(chart: Chart, name: str, axis: str) -> Change:
    position = _index(chart, name)
    people = list(chart.people)
    people[position] = people[position].flipped(axis)
    return tuple(people), _plan(chart)


def replanned(chart: Chart, quadrant: Quadrant, every_days: int | None,
              contact: str | None) -> Change:
    plan = _plan(chart)
    current = plan.for_quadrant(quadrant)
    new = make_contact(current.every_days if every_days is None else every_days,
                       current.contact if contact is None else contact,
                       f"plan.{quadrant.value}")
    return chart.people, plan.with_contact(quadrant, new)


def same_content(a: Chart, b: Chart) -> bool:
    """Whether two charts hold the same people (in order) and plan; versions aside."""
    return a.people == b.people and _plan(a) == _plan(b)


__all__ = ["UnknownStakeholder", "added", "edited", "flipped", "removed", "replanned",
           "same_content"]

"""A chart as the plain mapping saved with each revision, and back.

Shape: ``{"plan": {quadrant: {"every_days", "contact"}}, "stakeholders": {name: {field:
value}}}``. People are keyed by name so the generic field-by-field history reads as
"stakeholders.Asha Rao.power: low -> high".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.domain.stakeholders.model import Chart, make_stakeholder, stakeholder_values
from workbench.domain.stakeholders.plan import default_plan, make_plan


def chart_snapshot(chart: Chart) -> dict[str, Any]:
    people = {}
    for person in chart.people:
        values = stakeholder_values(person)
        name = values.pop("name")
        people[name] = values
    return {"plan": (chart.plan or default_plan()).values(), "stakeholders": people}


def chart_from_snapshot(snapshot: Mapping[str, Any], version: int = 0) -> Chart:
    people = tuple(make_stakeholder({**values, "name": name})
                   for name, values in (snapshot.get("stakeholders") or {}).items())
    return Chart(people=people, plan=make_plan(snapshot.get("plan")), version=version)

"""What the chart tells the coach to look at: warnings, the buy-in funnel and who is stuck.

Decisions:
- A *head* of operations, development or product management is someone in that group whose
  role names a leader ("head", "director", "vp", "vice president", "chief", or a C-level
  title such as "cto"). The book insists all three are on every chart; each one missing is
  its own warning.
- "Stuck" compares with a baseline chart: the revision the chart is compared with (usually
  the one agreed before the current one). Someone is stuck when they were on the baseline
  at the same funnel stage as now and have not reached the last stage. People with no stage
  recorded are not in the funnel, so never stuck. Without a baseline nobody is stuck:
  there is nothing to compare with yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.domain.stakeholders.model import (
    Group,
    Level,
    Stage,
    Stakeholder,
    Stance,
)

HEAD_GROUPS: tuple[tuple[Group, str], ...] = (
    (Group.OPERATIONS, "operations"),
    (Group.DEVELOPMENT, "development"),
    (Group.PRODUCT, "product management"),
)
_LEADER = re.compile(r"\b(head|heads|director|vp|vice president|chief|cto|cio|coo|cpo|"
                     r"svp|evp)\b", re.IGNORECASE)


def is_head(person: Stakeholder, group: Group) -> bool:
    return person.group is group and bool(_LEADER.search(person.role))


@dataclass(frozen=True)
class ChartWarning:
    code: str
    """``missing-head``, ``detractor-without-action`` or ``no-owner``."""
    message: str
    names: tuple[str, ...] = ()


def warnings(people: Sequence[Stakeholder]) -> list[ChartWarning]:
    found: list[ChartWarning] = []
    for group, title in HEAD_GROUPS:
        if not any(is_head(p, group) for p in people):
            found.append(ChartWarning(
                "missing-head", f"No head of {title} on the chart: add the person who leads "
                f"{title} (group {group.value}, a role such as 'Head of {title}')"))
    detractors = tuple(p.name for p in people if p.stance is Stance.DETRACTOR
                       and p.power is Level.HIGH and not p.next_action)
    if detractors:
        found.append(ChartWarning(
            "detractor-without-action", f"Powerful detractor without a next action: "
            f"{', '.join(detractors)} (plan the next conversation)", detractors))
    unowned = tuple(p.name for p in people if not p.owner)
    if unowned:
        found.append(ChartWarning(
            "no-owner", f"Nobody owns the relationship with {', '.join(unowned)} (name the "
            "coach who does)", unowned))
    return found


@dataclass(frozen=True)
class FunnelStep:
    stage: Stage | None
    """None: people with no stage recorded."""
    people: tuple[Stakeholder, ...]

    @property
    def count(self) -> int:
        return len(self.people)


@dataclass(frozen=True)
class Funnel:
    steps: tuple[FunnelStep, ...]
    stuck: tuple[Stakeholder, ...]
    compared: bool
    """Whether there was a baseline to find who is stuck."""


def funnel(people: Sequence[Stakeholder],
           baseline: Iterable[Stakeholder] | None = None) -> Funnel:
    steps = [FunnelStep(stage, tuple(p for p in people if p.stage is stage))
             for stage in Stage]
    unstaged = tuple(p for p in people if p.stage is None)
    steps.append(FunnelStep(None, unstaged))
    if baseline is None:
        return Funnel(tuple(steps), (), False)
    baseline = tuple(baseline)
    before = {p.uid: p for p in baseline if p.uid}
    before_by_name = {p.key: p for p in baseline}
    stuck = []
    for person in people:
        earlier = (before.get(person.uid) if person.uid else None) \
            or before_by_name.get(person.key)
        if (earlier is not None and person.stage not in (None, Stage.ENGAGEMENT)
                and earlier.stage is person.stage):
            stuck.append(person)
    return Funnel(tuple(steps), tuple(stuck), True)

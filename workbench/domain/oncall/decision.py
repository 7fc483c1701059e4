"""The out-of-hours decision rule (the book's section 7.6.1, after Steve Smith): the
availability target and the product demand say whether a service needs on-call outside
business hours, and of which kind.

- target below ``rules.low_target``: no out-of-hours on-call;
- target from ``low_target`` up to below ``high_target``: a domain rotation;
- target from ``high_target`` with demand at least ``rules.high_demand``: a rotation per
  development team;
- a high target with lower demand, or a missing target or demand where the rule needs it,
  is not covered: the coach decides (``outcome`` None), never a silent default.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from workbench.domain.oncall.model import Decision, Demand, OutOfHours, Rules
from workbench.domain.plain_values import number_text


@dataclass(frozen=True)
class Recommendation:
    outcome: OutOfHours | None
    """None: the rule does not cover the case; a coach decision is needed."""
    why: str

    @property
    def title(self) -> str:
        return self.outcome.title if self.outcome else "coach decision needed"


def recommend(target: Decimal | None, demand: Demand | None, rules: Rules) -> Recommendation:
    if target is None:
        return Recommendation(None, "no availability target: set one, or give the service "
                                    "an SLO")
    shown = f"{number_text(target)}%"
    if target < rules.low_target:
        return Recommendation(OutOfHours.NONE, f"target {shown} is below "
                                               f"{number_text(rules.low_target)}%")
    if target < rules.high_target:
        return Recommendation(OutOfHours.DOMAIN, f"target {shown} is from "
                              f"{number_text(rules.low_target)}% to below "
                              f"{number_text(rules.high_target)}%")
    if demand is None:
        return Recommendation(None, f"target {shown} is high and the product demand is not "
                                    "recorded: set how often it is deployed")
    if demand.rank >= rules.high_demand.rank:
        return Recommendation(OutOfHours.TEAM, f"target {shown} is high and it is deployed "
                                               f"{demand.value}")
    return Recommendation(None, f"target {shown} is high but it is deployed only "
                                f"{demand.value}: the rule covers high targets with high "
                                "demand only")


def recommend_for(decision: Decision, rules: Rules,
                  target: Decimal | None = None) -> Recommendation:
    """The recommendation for ``decision``; ``target`` stands in when the decision has none
    of its own (the service's strictest SLO)."""
    return recommend(decision.target if decision.target is not None else target,
                     decision.demand, rules)


def follows_rule(decision: Decision, recommendation: Recommendation) -> bool | None:
    """Whether the recorded choice is what the rule says (None: nothing chosen, or the rule
    is silent)."""
    if decision.chosen is None or recommendation.outcome is None:
        return None
    return decision.chosen is recommendation.outcome

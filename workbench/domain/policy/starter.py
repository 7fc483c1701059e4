"""A starting point for a new policy: the book's example conditions (table 10.2) with
consequences from table 10.3, for the team to change. The text is the workbench's own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from workbench.domain.policy.model import (
    Action,
    Code,
    Condition,
    Consequence,
    Ends,
    Policy,
    Trigger,
)


def starter_policy(name: str, *, team: str | None = None, services: Sequence[str] = (),
                   slos: Sequence[str] = (), today: date | None = None) -> Policy:
    """A draft with four conditions: 70% consumed, 30% within 24 h, 50% within 7 d, and the
    budget exhausted (a release freeze that still allows security and reliability fixes,
    until the next period). Review in a quarter (13 weeks) from ``today``."""
    conditions = (
        Condition("budget-70", Trigger.CONSUMED, percent=Decimal(70), consequences=(
            Consequence(Action.CONDUCT, activity="communicate the budget state",
                        detail="tell the product owner where the budget stands"),
        )),
        Condition("fast-burn", Trigger.CONSUMED_WITHIN, percent=Decimal(30),
                  window=timedelta(hours=24), consequences=(
            Consequence(Action.CONDUCT, activity="postmortem",
                        detail="find what burned the budget and raise action items"),
        )),
        Condition("slow-burn", Trigger.CONSUMED_WITHIN, percent=Decimal(50),
                  window=timedelta(days=7), consequences=(
            Consequence(Action.ASSIGN, share=Decimal(50),
                        detail="half of the team works on reliability until it clears"),
        )),
        Condition("exhausted", Trigger.EXHAUSTED, consequences=(
            Consequence(Action.STOP, activity="feature releases",
                        allowed=("security fixes", "reliability fixes"),
                        ends=Ends.NEXT_PERIOD),
            Consequence(Action.DECLARE, code=Code.RED),
        )),
    )
    return Policy(
        name=name, title=f"Error budget policy: {name}", team=team, services=tuple(services),
        slos=tuple(slos), conditions=conditions,
        next_review=today + timedelta(weeks=13) if today else None,
        review_after_major_outage=True)

"""Demo error budget policies: Checkout's, agreed three weeks before the demo day, and a draft
for Storefront that still misses its tiebreaker and review date.

The UPI payments SLO burns its budget at about 1.5 times the sustainable rate every day, so on
any demo day Checkout's "run-out" (projected exhaustion) condition fires; late in a period (on the
tests' day, 2026-11-25) the budget is overspent, "exhausted" fires too and a release freeze is
in force."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from workbench.domain.lifecycle import make_signoff
from workbench.domain.organisation import Workspace
from workbench.domain.policy import make_policy
from workbench.store import lifecycle, policy_repo
from workbench.store.demo_slo import demo_uid
from workbench.store.demo_stakeholders import backdate_revisions

ESCALATION = ("Vikram Singh", "head of operations")

CHECKOUT: dict = {
    "name": "checkout",
    "uid": demo_uid("policy checkout"),
    "title": "Checkout error budget policy",
    "team": "Checkout",
    "scope": {"services": ["orders", "payments"]},
    "purpose": (
        "Shoppers must be able to pay and place orders at the busiest hour of a sale.\n"
        "When the budget runs low, the Checkout team moves people from features to "
        "reliability work before shoppers notice, not after."),
    "conditions": [
        {"key": "budget-70", "trigger": "consumed", "percent": "70",
         "consequences": [
             {"action": "conduct", "activity": "communicate the budget state",
              "detail": "post the budget figures in #checkout and tell the product owner"},
         ]},
        {"key": "fast-burn", "trigger": "consumed-within", "percent": "30", "window": "24h",
         "consequences": [
             {"action": "conduct", "activity": "postmortem",
              "detail": "within two working days; action items go to the top of the backlog"},
         ]},
        {"key": "slow-burn", "trigger": "consumed-within", "percent": "50", "window": "7d",
         "consequences": [
             {"action": "assign", "people": 2,
              "detail": "two developers work on the top reliability action items"},
         ]},
        {"key": "provider", "trigger": "dependency-share", "percent": "50",
         "consequences": [
             {"action": "conduct", "activity": "engage the dependency's owner",
              "detail": "open a ticket with the payment provider and review the contract"},
         ]},
        {"key": "exhausted", "trigger": "exhausted",
         "consequences": [
             {"action": "stop", "activity": "feature releases",
              "allowed": ["security fixes", "reliability fixes"], "ends": "next-period",
              "detail": "no feature release reaches production until the next period"},
             {"action": "declare", "code": "red",
              "detail": "daily stand-up with operations until the budget recovers"},
         ]},
        {"key": "run-out", "trigger": "projected-exhaustion",
         "consequences": [
             {"action": "assign", "share": "25",
              "detail": "a quarter of the team takes reliability items until the projection "
                        "clears"},
         ]},
    ],
    "escalation": {
        "tiebreaker": "head of operations",
        "procedure": "The on-call engineers decide first; if they disagree, the head of "
                     "operations decides the same day.",
        "contacts": [{"name": ESCALATION[0], "role": ESCALATION[1],
                      "how": "#ops-escalation"}],
    },
    "review": {"after_major_outage": True},
}

STOREFRONT: dict = {
    "name": "storefront",
    "uid": demo_uid("policy storefront"),
    "title": "Storefront error budget policy (draft)",
    "team": "Storefront",
    "scope": {"services": ["search"]},
    "purpose": "Search results stay fast enough that shoppers keep browsing.",
    "conditions": [
        {"key": "fast-burn", "trigger": "burn-rate", "burn_rate": "14.4", "window": "1h",
         "consequences": [{"action": "conduct", "activity": "postmortem"}]},
        {"key": "weekly-burn", "trigger": "burn-rate", "burn_rate": "2", "window": "7d",
         "consequences": [{"action": "assign", "share": "25"}]},
        {"key": "projected", "trigger": "projected-exhaustion",
         "consequences": [{"action": "conduct", "activity": "load test"}]},
    ],
}


def seed_policies(session: Session, workspace: Workspace, today: date) -> None:
    if policy_repo.list_policies(session, workspace.id):
        return
    from workbench.store.demo import DEMO_SIGNERS

    agreed_on = today - timedelta(days=21)
    checkout = dict(CHECKOUT, review={**CHECKOUT["review"],
                                      "next": (today + timedelta(days=70)).isoformat()})
    policy_repo.create(session, workspace.id, make_policy(checkout),
                       "drafted with operations and development")
    row = policy_repo.policy_row(session, workspace.id, "checkout")
    signers = [make_signoff(*DEMO_SIGNERS[role], agreed_on)
               for role in ("operations", "development", "product owner")]
    signers.append(make_signoff(*ESCALATION, agreed_on))
    lifecycle.sign(session, policy_repo.POLICY_DOCUMENT, row, signers)
    backdate_revisions(session, workspace.id, str(row.id), 1, agreed_on, policy_repo.KIND)
    policy_repo.create(session, workspace.id, make_policy(STOREFRONT), "first draft")
    draft = policy_repo.policy_row(session, workspace.id, "storefront")
    backdate_revisions(session, workspace.id, str(draft.id), 1, today - timedelta(days=2),
                       policy_repo.KIND)

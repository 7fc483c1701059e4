"""The demo's on-call agreements: Checkout's 24x7 main + backup rotation in Asia/Kolkata
(a draft the team is still discussing, with one person away and one swapped turn) and the
Platform team's business-hours rotation (agreed), each with an escalation policy, the
out-of-hours decisions of their services and incident priorities.

Dates are relative to the demo's today, so the schedules always show the coming weeks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from workbench.domain.lifecycle import make_signoff
from workbench.domain.oncall import agreement_values, make_agreement
from workbench.domain.oncall.starter import starter_agreement
from workbench.domain.organisation import Workspace
from workbench.store import lifecycle, oncall_repo
from workbench.store.demo_slo import demo_uid
from workbench.store.demo_stakeholders import backdate_revisions

CHECKOUT_PEOPLE = ("Aditi Rao", "Vikram Singh", "Neha Gupta", "Farhan Ali", "Lakshmi Menon",
                   "Rahul Verma", "Sneha Pillai", "Manish Joshi")
PLATFORM_PEOPLE = ("Karan Malhotra", "Divya Krishnan", "Imran Qureshi", "Pooja Bhatt",
                   "Suresh Nair")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _starter(team: str) -> dict[str, Any]:
    return agreement_values(starter_agreement(team, ()))


def checkout(today: date) -> dict[str, Any]:
    start = _monday(today) - timedelta(weeks=4)
    away = _monday(today) + timedelta(weeks=2)
    values = _starter("Checkout")
    values.update({
        "uid": demo_uid("oncall-Checkout"),
        "decisions": [
            {"service": "orders", "demand": "daily", "chosen": "team",
             "reason": "Shoppers order around the clock and the team deploys daily",
             "decided": (today - timedelta(days=7)).isoformat()},
            {"service": "payments", "demand": "weekly", "chosen": "team",
             "reason": "Payment partners' outages need the team's knowledge at night",
             "decided": (today - timedelta(days=7)).isoformat()},
            {"service": "cart", "demand": "daily"},
        ],
        "rotations": [{
            "name": "Checkout 24x7", "members": list(CHECKOUT_PEOPLE),
            "shape": "main-backup", "coverage": "24x7", "turn_days": 7,
            "handover": {"day": "mon", "time": "10:00"}, "zone": "Asia/Kolkata",
            "start": start.isoformat(),
            "unavailable": [{"person": "Neha Gupta", "from": away.isoformat(),
                             "to": (away + timedelta(days=6)).isoformat(),
                             "note": "family wedding"}],
            "overrides": [{"day": (_monday(today) + timedelta(weeks=3)).isoformat(),
                           "role": "main", "person": "Sneha Pillai",
                           "note": "swapped at the retro"}],
        }],
        "escalations": [{
            "name": "Checkout SLO breaches",
            "levels": [{"rotation": "Checkout 24x7", "role": "main", "delay": 60},
                       {"rotation": "Checkout 24x7", "role": "backup", "delay": 120},
                       {"role": "engineering manager", "person": "Anita Desai",
                        "delay": 240}],
            "repeats": 3,
        }],
        "compensation": "Standby allowance per 24x7 turn; hours worked out of hours are "
                        "paid at the overtime rate or taken as time off, as each person "
                        "prefers.",
        "working_time": "Nobody works more than 12 hours in a row on an incident; the "
                        "backup takes over and the main rests before the next working day.",
    })
    return values


def platform(today: date) -> dict[str, Any]:
    values = _starter("Platform")
    values.update({
        "uid": demo_uid("oncall-Platform"),
        "decisions": [
            {"service": "bharatmart-api", "target": "99.95", "demand": "weekly",
             "chosen": "domain", "reason": "Covered by the shop domain's night rotation",
             "decided": (today - timedelta(days=40)).isoformat()},
            {"service": "ci-pipeline", "target": "99", "demand": "daily", "chosen": "none",
             "reason": "Nobody deploys at night", "decided":
                 (today - timedelta(days=40)).isoformat()},
        ],
        "rotations": [{
            "name": "Platform business hours", "members": list(PLATFORM_PEOPLE),
            "shape": "rotating", "coverage": "8x5", "turn_days": 7,
            "handover": {"day": "mon", "time": "09:00"}, "zone": "Asia/Kolkata",
            "start": (_monday(today) - timedelta(weeks=8)).isoformat(),
        }],
        "escalations": [{
            "name": "Platform alerts",
            "levels": [{"rotation": "Platform business hours", "delay": 30},
                       {"role": "whole team", "person": "Karan Malhotra", "delay": 60}],
            "repeats": 1,
        }],
        "compensation": "Business hours only: no allowance.",
    })
    return values


def seed_oncall(session: Session, workspace: Workspace, today: date) -> None:
    if oncall_repo.list_agreements(session, workspace.id):
        return
    from workbench.store.demo import DEMO_SIGNERS

    agreed_on = today - timedelta(days=35)
    oncall_repo.create(session, workspace.id, make_agreement(platform(today)),
                       "set up in the on-call workshop")
    row = oncall_repo.agreement_row(session, workspace.id, "Platform")
    lifecycle.sign(session, oncall_repo.ONCALL_DOCUMENT, row,
                   [make_signoff(*DEMO_SIGNERS[role], agreed_on)
                    for role in ("operations", "development", "product owner")])
    backdate_revisions(session, workspace.id, str(row.id), 1, agreed_on, oncall_repo.KIND)
    oncall_repo.create(session, workspace.id, make_agreement(checkout(today)),
                       "first draft")
    draft = oncall_repo.agreement_row(session, workspace.id, "Checkout")
    backdate_revisions(session, workspace.id, str(draft.id), 1, today - timedelta(days=2),
                       oncall_repo.KIND)

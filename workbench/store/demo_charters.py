"""Demo team charters: the SRE team's, agreed a month before the demo day (after the
BharatMart training example), and a draft for Checkout whose metrics name two of its SLOs and
which still misses its next review date."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from workbench.domain.charter import add_cadence, make_charter
from workbench.domain.charter.model import Cadence
from workbench.domain.lifecycle import make_signoff
from workbench.domain.organisation import Workspace
from workbench.store import charter_repo, lifecycle
from workbench.store.demo_slo import demo_uid
from workbench.store.demo_stakeholders import backdate_revisions

SRE: dict = {
    "team": "SRE",
    "uid": demo_uid("charter sre"),
    "mission": "Keep BharatMart within its reliability targets while the product teams ship "
               "features quickly.",
    "responsibilities": [
        "Define and maintain the SLIs and SLOs of the BharatMart API and services, with the "
        "teams that own them",
        "Build and run observability: metrics, logs, dashboards and alert routing",
        "Lead incident response and run blameless postmortems",
        "Automate operational work and reduce toil",
        "Review deployment and infrastructure changes for their effect on reliability",
    ],
    "scope": {
        "in": ["Reliability engineering", "Observability", "Incident response",
               "SLO management"],
        "out": ["Feature development (the product teams)",
                "Infrastructure provisioning (Platform)"],
    },
    "metrics": [
        {"name": "Every defined SLO met at the end of its period", "target": "all services"},
        {"name": "Mean time to detect", "target": "< 5 minutes"},
        {"name": "Mean time to resolve", "target": "< 30 minutes"},
        {"name": "Share of time spent on toil", "target": "< 20%"},
    ],
    "interactions": [
        {"team": "Checkout", "purpose": "SLO reviews, incident collaboration, reliability "
                                        "consulting", "how": "weekly SLO review"},
        {"team": "Storefront", "purpose": "SLO reviews and reliability consulting",
         "how": "weekly SLO review"},
        {"team": "Platform", "purpose": "Infrastructure requirements, deployment automation "
                                        "and platform support", "how": "#platform-requests"},
    ],
    "communication": {
        "channels": [{"name": "#incidents", "purpose": "incident updates every 15 minutes"},
                     {"name": "#sre", "purpose": "questions to the SRE team"}],
        "meetings": [{"name": "SLO review", "cadence": "weekly",
                      "attendees": "SRE and each product team"},
                     {"name": "Postmortem review", "cadence": "fortnightly",
                      "attendees": "everyone on call"}],
        "escalation": ["SRE on call", "SRE team lead", "Head of operations"],
    },
    "review": {"cadence": "quarterly"},
}

CHECKOUT: dict = {
    "team": "Checkout",
    "uid": demo_uid("charter checkout"),
    "mission": "Let every shopper pay and place an order, even at the peak of a sale.",
    "responsibilities": [
        "Build the basket, order placement and payment features",
        "Instrument the checkout journey so its SLIs can be measured",
        "Go on call for orders and payments with the SRE team",
        "Work within the checkout error budget policy",
    ],
    "scope": {"in": ["Cart", "Orders", "Payments"]},
    "metrics": [
        {"name": "Checkout available to shoppers", "slo": "checkout-availability"},
        {"name": "UPI payments succeed", "slo": "upi-payment-availability"},
        {"name": "Features delivered per quarter", "target": "as planned"},
    ],
    "interactions": [
        {"team": "SRE", "purpose": "Shared on call and SLO reviews", "how": "weekly SLO review"},
    ],
    "communication": {
        "channels": [{"name": "#checkout", "purpose": "the team's questions and budget state"}],
        "meetings": [{"name": "SLO review", "cadence": "weekly", "attendees": "Checkout and SRE"}],
    },
    "review": {"cadence": "quarterly"},
}


def seed_charters(session: Session, workspace: Workspace, today: date) -> None:
    if charter_repo.list_charters(session, workspace.id):
        return
    from workbench.store.demo import DEMO_SIGNERS

    agreed_on = today - timedelta(days=30)
    sre = dict(SRE, review={**SRE["review"],
                            "next": add_cadence(agreed_on, Cadence.QUARTERLY).isoformat()})
    charter_repo.create(session, workspace.id, make_charter(sre),
                        "drafted in the culture workshop")
    row = charter_repo.charter_row(session, workspace.id, "SRE")
    lifecycle.sign(session, charter_repo.CHARTER_DOCUMENT, row,
                   [make_signoff(*DEMO_SIGNERS[role], agreed_on)
                    for role in ("team", "management")])
    backdate_revisions(session, workspace.id, str(row.id), 1, agreed_on, charter_repo.KIND)
    charter_repo.create(session, workspace.id, make_charter(CHECKOUT), "first draft")
    draft = charter_repo.charter_row(session, workspace.id, "Checkout")
    backdate_revisions(session, workspace.id, str(draft.id), 1, today - timedelta(days=3),
                       charter_repo.KIND)

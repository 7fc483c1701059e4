"""The demo's organisation documents: BharatMart's decision for "you build it, you and SRE
run it" (agreed two weeks before the demo day), compared with the two neighbouring models,
and a draft SRE role description from the book's generic one."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from workbench.domain.lifecycle import make_signoff
from workbench.domain.org import make_decision, make_role
from workbench.domain.org.role import STARTER_RESPONSIBILITIES, STARTER_SKILLS
from workbench.domain.organisation import Workspace
from workbench.store import lifecycle, org_repo
from workbench.store.demo_slo import demo_uid
from workbench.store.demo_stakeholders import backdate_revisions


def _scores(model: str, marks: dict[str, tuple[int, str]]) -> list[dict]:
    return [{"model": model, "criterion": c, "score": s, **({"note": n} if n else {})}
            for c, (s, n) in marks.items()]


DECISION: dict = {
    "uid": demo_uid("org decision"),
    "chosen": "you-and-sre-run",
    "considered": ["you-run", "you-and-sre-run", "sre-run"],
    "reason": (
        "Checkout and Storefront change daily and carry the highest targets, so their "
        "developers stay on call. The product teams have little operations experience yet: "
        "sharing the rotation with the young SRE team spreads that knowledge without a "
        "handover for every release.\n\n"
        "A separate SRE organisation is not an option this year; the SRE team stays within "
        "development."),
    "scores": [
        *_scores("you-run", {
            "developer-on-call": (5, ""),
            "knowledge-sync": (5, ""),
            "incident-resolution": (3, "teams lack production experience today"),
            "cost": (3, ""),
        }),
        *_scores("you-and-sre-run", {
            "developer-on-call": (4, "half of the rotation"),
            "knowledge-sync": (4, "SREs sit with the teams"),
            "incident-resolution": (4, ""),
            "service-handover": (4, "lightweight, at the weekly SLO review"),
            "cost": (3, "one SRE per product team"),
        }),
        *_scores("sre-run", {
            "developer-on-call": (2, ""),
            "knowledge-sync": (2, "a handover for every release"),
            "incident-resolution": (4, ""),
            "service-handover": (1, "daily deployments make handovers heavy"),
            "cost": (2, ""),
        }),
    ],
    "teams": {"sre": ["SRE"], "other": ["Platform"]},
}


def seed_organisation(session: Session, workspace: Workspace, today: date) -> None:
    if org_repo.list_decisions(session, workspace.id):
        return
    from workbench.store.demo import DEMO_SIGNERS

    agreed_on = today - timedelta(days=14)
    decision = make_decision(dict(DECISION, decided_on=agreed_on.isoformat()))
    org_repo.save_decision(session, workspace.id, decision, "discussed with leadership")
    row = org_repo.decision_row(session, workspace.id, "")
    lifecycle.sign(session, org_repo.DECISION_DOCUMENT, row,
                   [make_signoff(*DEMO_SIGNERS[role], agreed_on)
                    for role in ("executive", "development", "operations")])
    backdate_revisions(session, workspace.id, str(row.id), 1, agreed_on,
                       org_repo.DECISION_KIND)
    role = make_role({
        "uid": demo_uid("sre role"),
        "purpose": "SREs at BharatMart share on call with the product teams, coach them in "
                   "SLOs and error budgets, and own observability.",
        "responsibilities": [r for r in STARTER_RESPONSIBILITIES
                             if r not in ("Support SLA negotiations",
                                          "Support first-level support")],
        "skills": list(STARTER_SKILLS),
        "stack": ["Kubernetes", "Prometheus", "Grafana", "Go", "Java"],
    })
    org_repo.save_role(session, workspace.id, role, "first draft from the book's role")
    role_row = org_repo.role_row(session, workspace.id)
    backdate_revisions(session, workspace.id, str(role_row.id), 1, today - timedelta(days=5),
                       org_repo.ROLE_KIND)

"""The demo's stakeholder chart: BharatMart's leaders and a few engineers, drawn six months
ago and redrawn last week, both revisions agreed by the coach. Between them people moved
quadrant, joined and left, advanced (or fell back) in the buy-in funnel and changed stance,
so the comparison, the funnel's "stuck" list and the overdue list all have something to show.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, col, select

from workbench.domain.lifecycle import SignOff
from workbench.domain.maturity.scoring import add_months
from workbench.domain.organisation import Workspace
from workbench.domain.stakeholders import make_stakeholder
from workbench.store import lifecycle, stakeholder_repo
from workbench.store.tables import RevisionRow

COACH = ("Meera Nair", "coach")
SECOND_COACH = "Ishaan Joshi"

# name, role, group, power, interest, stance, stage, owner
_PEOPLE = [
    ("Vikram Singh", "Head of operations", "operations", "high", "high", "supporter",
     "agreement", COACH[0]),
    ("Anjali Gupta", "Head of development", "development", "high", "high", "neutral",
     "understanding", COACH[0]),
    ("Rahul Verma", "Head of product management", "product", "high", "high", "supporter",
     "agreement", SECOND_COACH),
    ("Neha Kapoor", "Head of legal", "executive", "high", "low", "neutral", "awareness",
     SECOND_COACH),
    ("Sanjay Patel", "Head of finance", "executive", "high", "low", "detractor", "interest",
     COACH[0]),
    ("Deepa Menon", "Head of sales", "executive", "high", "low", "neutral", "awareness",
     SECOND_COACH),
    ("Farhan Qureshi", "Head of regulatory affairs", "other", "high", "low", "neutral",
     "interest", SECOND_COACH),
    ("Lakshmi Pillai", "Head of procurement", "other", "low", "low", None, None, ""),
    ("Manoj Kumar", "Head of portfolio management", "other", "low", "low", "neutral",
     "awareness", SECOND_COACH),
    ("Ritu Bansal", "Head of partner management", "product", "low", "high", "supporter",
     "understanding", SECOND_COACH),
    ("Karthik Reddy", "Payments team lead", "development", "low", "high", "supporter",
     "agreement", COACH[0]),
    ("Ayesha Khan", "On-call engineer, Fulfilment", "operations", "low", "high", "detractor",
     "awareness", COACH[0]),
]

# How the chart looked six months earlier (only what differed; None: not on the chart).
_EARLIER = {
    "Vikram Singh": {"stage": "understanding"},
    "Anjali Gupta": {"interest": "low", "stage": "awareness"},
    "Rahul Verma": {"stage": "interest"},
    "Sanjay Patel": {"stance": "neutral", "stage": "awareness"},
    "Ritu Bansal": {"interest": "low", "stage": "awareness", "stance": "neutral"},
    "Ayesha Khan": {"stage": "interest", "stance": "neutral"},
    "Karthik Reddy": None,
}
_LEFT_SINCE = ("Pooja Shah", "Head of marketing", "executive", "high", "low", "neutral",
               "awareness", SECOND_COACH)

# Days before today of the last contact, and next actions (text, due in days from today).
_CONTACT_DAYS_AGO = {
    "Vikram Singh": 5, "Anjali Gupta": 15, "Rahul Verma": 2, "Neha Kapoor": 55,
    "Sanjay Patel": 13, "Deepa Menon": 71, "Farhan Qureshi": 23, "Manoj Kumar": 76,
    "Ritu Bansal": 7, "Karthik Reddy": 6, "Ayesha Khan": 28,
}
_ACTIONS = {
    "Anjali Gupta": ("Walk through the checkout SLO and its error budget", 3),
    "Sanjay Patel": ("Show what the pilot costs against last quarter's incident costs", 6),
    "Neha Kapoor": ("Explain how SLO data can back future SLA talks", 12),
    "Ayesha Khan": ("Listen to the on-call pain points before the on-call workshop", 1),
    "Rahul Verma": ("Agree who from product joins the error budget policy session", 9),
}
_NOTES = {
    "Sanjay Patel": "Worried the transformation becomes an open-ended budget line.",
    "Ayesha Khan": "Had three night pages last week; sceptical that SLOs change that.",
}


def _values(entry: tuple, today: date) -> dict:
    name, role, group, power, interest, stance, stage, owner = entry
    values = {"name": name, "role": role, "group": group, "power": power,
              "interest": interest, "stance": stance, "stage": stage, "owner": owner,
              "uid": "demo-" + name.split()[0].lower(), "notes": _NOTES.get(name, "")}
    if name in _CONTACT_DAYS_AGO:
        values["last_contact"] = today - timedelta(days=_CONTACT_DAYS_AGO[name])
    if name in _ACTIONS:
        text, days = _ACTIONS[name]
        values["next_action"], values["next_action_due"] = text, today + timedelta(days=days)
    return values


def backdate_revisions(session: Session, workspace_id: int, key: str, first: int, on: date,
                       kind: str = stakeholder_repo.KIND) -> None:
    """Date the revisions from number ``first`` on at 10:00 on ``on`` (demo histories read
    as if they had been made over months, and stay the same from run to run)."""
    stamp = datetime.combine(on, time(10, 0), tzinfo=UTC)
    for row in session.exec(select(RevisionRow).where(
            RevisionRow.workspace_id == workspace_id,
            RevisionRow.artifact_kind == kind,
            RevisionRow.artifact_key == key, col(RevisionRow.number) >= first)).all():
        row.created_at = stamp
        session.add(row)
    session.flush()


def seed_stakeholders(session: Session, workspace: Workspace, today: date) -> None:
    if stakeholder_repo.load(session, workspace.id).revisions:
        return
    redrawn = today - timedelta(days=7)
    drawn = add_months(redrawn, -6)
    earlier = []
    for entry in [*_PEOPLE, _LEFT_SINCE]:
        change = _EARLIER.get(entry[0], {})
        if change is None:
            continue
        values = {**_values(entry, drawn), **change}
        values.pop("next_action", None)
        values.pop("next_action_due", None)
        values["last_contact"] = drawn - timedelta(days=10)
        earlier.append(make_stakeholder(values))
    doc = stakeholder_repo.CHART_DOCUMENT
    for people, on, summary in (
            (earlier, drawn, "first chart, drawn with the heads of operations and development"),
            ([make_stakeholder(_values(e, today)) for e in _PEOPLE], redrawn,
             "redrawn six months later")):
        stakeholder_repo.save(session, workspace.id, people, None, summary)
        row = stakeholder_repo.chart_row(session, workspace.id)
        first = stakeholder_repo.load(session, workspace.id).revisions
        lifecycle.sign(session, doc, row, [SignOff(COACH[0], COACH[1], on)])
        backdate_revisions(session, workspace.id, str(row.id), first, on)

"""Demo maturity assessments: Checkout and Platform, each assessed twice six months apart, so
``workbench assess compare`` shows movement out of the box. Checkout's latest run also has
three respondents (one anonymous) who disagree by two levels on "Risks", and there are three
hypotheses, two of them with a review date between the runs so their deltas show.

Dates count back from the day the demo is created for: the latest runs are two weeks old,
the baselines six months older.
Idempotent: runs are seeded only into a workspace without runs, hypotheses only into one
without hypotheses.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session

from workbench.domain.maturity import add_months
from workbench.domain.organisation import Workspace
from workbench.store import assessment_repo as ar
from workbench.store.demo_slo import demo_signoffs

MODEL = "sre-maturity"

# Levels in model order, one string per dimension (organisation, people, technology,
# culture, process); "-" = not assessed.
LEVELS: dict[tuple[str, str], str] = {
    ("Checkout", "baseline"): "0101 1100 11-100 111010 01000110",
    ("Checkout", "latest"): "1111 2110 211211 ------ 12111021",
    ("Platform", "baseline"): "1010 0110 101211 100010 10110101",
    ("Platform", "latest"): "1121 0211 202220 111011 11121212",
}

NOTES: dict[tuple[str, str, str], tuple[str, str]] = {
    ("Checkout", "latest", "org-structure"): (
        "Payments developers and IT engineers now plan the quarter together.",
        "Joint quarterly planning notes, October",
    ),
    ("Checkout", "latest", "people-developers"): (
        "Developers joined the on-call rotation for orders and payments.",
        "PagerDuty schedule 'checkout-primary'",
    ),
    ("Checkout", "latest", "process-on-call"): (
        "Shared rotation since the Diwali sale; handover still informal.",
        "",
    ),
    ("Checkout", "latest", "process-deployment"): (
        "Releases are manual again since the pipeline outage in August.",
        "Incident review INC-2291",
    ),
    ("Checkout", "baseline", "process-on-call"): (
        "Only the IT operations team is paged; developers are called in by phone.",
        "",
    ),
    ("Platform", "latest", "tech-development"): (
        "The team spent the half-year on the cluster migration; no time for tooling.",
        "Roadmap review, week 40",
    ),
    ("Platform", "latest", "tech-monitoring"): (
        "Alerts on user-facing latency for the API gateway.",
        "Grafana dashboard 'bharatmart-api SLOs'",
    ),
}

ASKED = {"Checkout": ("Asha Rao", "Vikram Nair"), "Platform": ("Meera Iyer",)}

# Checkout's latest run: three respondents answer the culture questions.
RESPONDENTS: list[tuple[str | None, dict[str, int]]] = [
    ("Asha Rao", {"culture-cooperation": 1, "culture-messengers": 2, "culture-risks": 0,
                  "culture-bridging": 1, "culture-failure": 1, "culture-novelty": 1}),
    ("Vikram Nair", {"culture-cooperation": 1, "culture-messengers": 1, "culture-risks": 1,
                     "culture-bridging": 1, "culture-failure": 2, "culture-novelty": 1}),
    (None, {"culture-cooperation": 2, "culture-messengers": 2, "culture-risks": 2,
            "culture-bridging": 1, "culture-failure": 1, "culture-novelty": 1}),
]


def _levels(text: str) -> list[int | None]:
    return [None if ch == "-" else int(ch) for ch in text.replace(" ", "")]


def seed_assessments(session: Session, workspace: Workspace, today: date) -> None:
    latest_day = today - timedelta(days=14)
    baseline_day = add_months(latest_day, -6)
    model = ar.load_model(MODEL)
    if not ar.list_runs(session, workspace.id):
        for team in ("Checkout", "Platform"):
            for which, day, title in (("baseline", baseline_day, "Baseline"),
                                      ("latest", latest_day, "Six-month reassessment")):
                run = ar.create_run(session, workspace.id, team, MODEL, model.version, day,
                                    title=title)
                levels = _levels(LEVELS[(team, which)])
                for criterion_id, level in zip(model.criterion_ids, levels, strict=True):
                    if level is None:
                        continue
                    note, evidence = NOTES.get((team, which, criterion_id), ("", ""))
                    ar.set_answer(session, run.id, criterion_id, level, note, evidence,
                                  asked=ASKED[team], model=model)
                if team == "Checkout" and which == "latest":
                    for name, answers in RESPONDENTS:
                        respondent = ar.add_respondent(session, run.id, name,
                                                       source="demo")
                        for criterion_id, level in answers.items():
                            ar.set_answer(session, run.id, criterion_id, level,
                                          respondent_id=respondent.id, model=model)
                    ar.reveal_answers(session, run.id)  # the demo shows the disagreement
                    ar.set_cursor(session, run.id, "culture-risks")
                else:
                    ar.agree_run(session, run.id, demo_signoffs(("coach", "team"), day))
    if not ar.list_hypotheses(session, workspace.id):
        review_passed = add_months(baseline_day, 3)
        ar.add_hypothesis(session, workspace.id, {
            "stakeholder_group": "Developers",
            "capability": "sharing on-call for orders and payments between developers and "
                          "IT engineers",
            "outcome": "faster recovery from checkout incidents",
            "signal": "the median time to restore checkout incidents drops below 30 minutes",
            "criterion_ids": ["process-on-call", "people-developers",
                              "process-incident-response"],
            "review_date": review_passed,
        }, team="Checkout", model_id=MODEL)
        ar.add_hypothesis(session, workspace.id, {
            "stakeholder_group": "Product owners",
            "capability": "an error budget policy agreed with the checkout product owner",
            "outcome": "reliability work prioritised by data rather than by the loudest voice",
            "signal": "every feature freeze in the next two quarters is decided from budget "
                      "burn",
            "criterion_ids": ["people-product", "process-prioritisation"],
            "review_date": add_months(latest_day, 3),
        }, team="Checkout", model_id=MODEL)
        ar.add_hypothesis(session, workspace.id, {
            "stakeholder_group": "Executives",
            "capability": "a monthly reliability review with the VP of engineering",
            "outcome": "visible leadership support for reliability work",
            "signal": "reliability items get a fixed share of each quarter's roadmap",
            "criterion_ids": ["people-executives", "org-formal-leadership"],
            "review_date": review_passed,
            "status": "confirmed",
            "evidence": "20% of Platform's Q3 roadmap was reserved for reliability items.",
        }, team="Platform", model_id=MODEL)

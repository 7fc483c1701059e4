"""The "who builds it, who runs it?" models (the book, ch. 12) and the criteria to compare
them, with the book's ratings from its model comparison (table 12.4) as short labels.

The four models of the spectrum run from the development teams carrying all on-call work to
carrying none; the two hybrids the book names have no ratings in its table, so the coach's
own notes are all they show. The summaries are our own words.
"""

from __future__ import annotations

from enum import StrEnum


class OrgModel(StrEnum):
    YOU_RUN = "you-run"
    YOU_AND_SRE_RUN = "you-and-sre-run"
    SRE_RUN = "sre-run"
    OPS_RUN = "ops-run"
    OPS_SOMETIMES_RUN = "ops-sometimes-run"
    YOU_RUN_OPS_MONITOR = "you-run-ops-monitor"

    @property
    def title(self) -> str:
        return MODEL_TITLES[self]

    @property
    def short(self) -> str:
        return MODEL_SHORT[self]


MODEL_TITLES = {
    OrgModel.YOU_RUN: "You build it, you run it",
    OrgModel.YOU_AND_SRE_RUN: "You build it, you and SRE run it",
    OrgModel.SRE_RUN: "You build it, SRE run it",
    OrgModel.OPS_RUN: "You build it, ops run it",
    OrgModel.OPS_SOMETIMES_RUN: "You build it, ops sometimes run it",
    OrgModel.YOU_RUN_OPS_MONITOR: "You build it, you run it, ops monitor some journeys",
}
# Column headings where space is short (the organisation screen at 80 columns).
MODEL_SHORT = {
    OrgModel.YOU_RUN: "You run", OrgModel.YOU_AND_SRE_RUN: "You + SRE",
    OrgModel.SRE_RUN: "SRE run", OrgModel.OPS_RUN: "Ops run",
    OrgModel.OPS_SOMETIMES_RUN: "Ops sometimes", OrgModel.YOU_RUN_OPS_MONITOR: "Ops monitor",
}
MODEL_SUMMARIES = {
    OrgModel.YOU_RUN: (
        "The team that develops a service also carries its pager around the clock, on the "
        "SRE infrastructure an operations team provides. Developers feel every outage, so "
        "they have the strongest reason to build reliability in."),
    OrgModel.YOU_AND_SRE_RUN: (
        "Developers and SREs share the on-call rotation of a service in an agreed split "
        "(half and half, a quarter and three quarters, any share above zero for each). "
        "The SREs bring operations depth; the developers keep skin in the game."),
    OrgModel.SRE_RUN: (
        "An SRE team of engineers with development and operations skills runs the service "
        "once it meets strict reliability criteria, and hands it back to the developers "
        "when it keeps overspending its error budget."),
    OrgModel.OPS_RUN: (
        "Developers hand finished services to an operations team that runs them whatever "
        "their reliability. It costs least but leaves developers without incentives, and "
        "incidents wait for people who were never on call."),
    OrgModel.OPS_SOMETIMES_RUN: (
        "A mix by availability target: services with high targets are run by their "
        "developers, services whose users can wait longer for a fix by operations."),
    OrgModel.YOU_RUN_OPS_MONITOR: (
        "Teams run their own services, and operations also watches a few journeys that "
        "cross many teams (the path most users take), telling the right on-call people "
        "when one breaks."),
}
SPECTRUM = (OrgModel.YOU_RUN, OrgModel.YOU_AND_SRE_RUN, OrgModel.SRE_RUN, OrgModel.OPS_RUN)
HYBRIDS = (OrgModel.OPS_SOMETIMES_RUN, OrgModel.YOU_RUN_OPS_MONITOR)
# Models whose services need SRE people on the product teams' rotations (sizing).
NEEDS_SRE_TEAMS = frozenset({OrgModel.YOU_AND_SRE_RUN, OrgModel.SRE_RUN})


class Criterion(StrEnum):
    ON_CALL = "developer-on-call"
    KNOWLEDGE = "knowledge-sync"
    RESOLUTION = "incident-resolution"
    HANDOVER = "service-handover"
    SRE_ORG = "sre-organisation"
    INFRASTRUCTURE = "sre-infrastructure"
    TARGETS = "targets-and-demand"
    FUNDING = "funding"
    COST = "cost"

    @property
    def title(self) -> str:
        return CRITERION_TITLES[self]


CRITERION_TITLES = {
    Criterion.ON_CALL: "Development teams' part in on-call work",
    Criterion.KNOWLEDGE: "Knowledge synchronisation between teams",
    Criterion.RESOLUTION: "Incident resolution times",
    Criterion.HANDOVER: "Service handover for operations",
    Criterion.SRE_ORG: "A distinct SRE organisation",
    Criterion.INFRASTRUCTURE: "Ownership of the SRE infrastructure",
    Criterion.TARGETS: "Availability targets and product demand",
    Criterion.FUNDING: "Funding",
    Criterion.COST: "Cost",
}
CRITERION_SHORT = {
    Criterion.ON_CALL: "Dev on call", Criterion.KNOWLEDGE: "Knowledge sync",
    Criterion.RESOLUTION: "Resolution time", Criterion.HANDOVER: "Handover",
    Criterion.SRE_ORG: "SRE organisation", Criterion.INFRASTRUCTURE: "SRE infrastructure",
    Criterion.TARGETS: "Targets & demand", Criterion.FUNDING: "Funding",
    Criterion.COST: "Cost",
}
CRITERION_NOTES = {
    Criterion.ON_CALL: "The more developers are on call, the more they invest in telemetry, "
                       "tests and resilient design.",
    Criterion.KNOWLEDGE: "Builders and runners in different teams must keep each other "
                         "informed; in one team this comes for free.",
    Criterion.RESOLUTION: "The closer the person on call is to the code, the faster an "
                          "incident is resolved.",
    Criterion.HANDOVER: "A service run by others needs a handover that keeps up with how "
                        "often it is deployed.",
    Criterion.SRE_ORG: "Models with SREs need an SRE team, in development, in operations or "
                       "in an SRE organisation of its own.",
    Criterion.INFRASTRUCTURE: "Someone must own the monitoring, alerting and on-call "
                              "tooling everyone uses.",
    Criterion.TARGETS: "High availability targets and frequent change favour models where "
                       "the builders stay involved.",
    Criterion.FUNDING: "Salaries are capital expenditure renewed with budgets; tool "
                       "licences are operating expenditure.",
    Criterion.COST: "Mostly salaries; rotations per domain or per team, chosen by target "
                    "and demand, keep it down.",
}

# The book's comparison (table 12.4), model by model, as its short labels.
BOOK_RATINGS: dict[OrgModel, dict[Criterion, str]] = {
    OrgModel.YOU_RUN: {
        Criterion.ON_CALL: "Max", Criterion.KNOWLEDGE: "None", Criterion.RESOLUTION: "Min",
        Criterion.HANDOVER: "Not applicable", Criterion.SRE_ORG: "Not applicable",
        Criterion.INFRASTRUCTURE: "Ops org", Criterion.TARGETS: "Highest targets and demand",
        Criterion.FUNDING: "CAPEX", Criterion.COST: "High"},
    OrgModel.YOU_AND_SRE_RUN: {
        Criterion.ON_CALL: "Continuous", Criterion.KNOWLEDGE: "Partially required",
        Criterion.RESOLUTION: "Short", Criterion.HANDOVER: "Partially required",
        Criterion.SRE_ORG: "May be an option", Criterion.INFRASTRUCTURE: "SRE or ops org",
        Criterion.TARGETS: "Highest targets and demand", Criterion.FUNDING: "CAPEX",
        Criterion.COST: "High"},
    OrgModel.SRE_RUN: {
        Criterion.ON_CALL: "None while within error budgets",
        Criterion.KNOWLEDGE: "Required", Criterion.RESOLUTION: "Short",
        Criterion.HANDOVER: "Required", Criterion.SRE_ORG: "May be an option",
        Criterion.INFRASTRUCTURE: "SRE or ops org",
        Criterion.TARGETS: "Highest targets and demand", Criterion.FUNDING: "CAPEX",
        Criterion.COST: "High"},
    OrgModel.OPS_RUN: {
        Criterion.ON_CALL: "None", Criterion.KNOWLEDGE: "Not practical",
        Criterion.RESOLUTION: "Max", Criterion.HANDOVER: "Required",
        Criterion.SRE_ORG: "Not applicable", Criterion.INFRASTRUCTURE: "Ops org",
        Criterion.TARGETS: "Lower targets and demand", Criterion.FUNDING: "OPEX",
        Criterion.COST: "Low"},
}


def book_rating(model: OrgModel, criterion: Criterion) -> str:
    """The book's label for ``model`` on ``criterion``; "" for the hybrids."""
    return BOOK_RATINGS.get(model, {}).get(criterion, "")

"""The team charter's model: reading plain values with every problem named by its part,
the values round trip, the required parts (mission, responsibilities, scope in, metrics,
review cadence and date, after the training material's charter sections), cadence arithmetic,
checks against the workspace, and the metric figures shown for an SLO."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from workbench.domain.charter import (
    DEFAULT_CHARTER_PARTIES,
    Cadence,
    CharterProblems,
    Interaction,
    Metric,
    add_cadence,
    canonical_names,
    charter_values,
    check_charter,
    make_charter,
    metric_figures,
    missing_parts,
    read_charter,
    review_due,
)
from workbench.domain.lifecycle import Party
from workbench.domain.policy.evaluate import SloFigures

FULL = {
    "team": "SRE",
    "mission": "Keep the shop within its targets.\n\nWhile teams ship fast.",
    "responsibilities": ["Define SLOs", "Run observability"],
    "scope": {"in": ["Incident response"], "out": ["Feature development"]},
    "metrics": ["SLO compliance", {"name": "Mean time to detect", "target": "< 5 minutes"},
                {"name": "Checkout up", "slo": "checkout-availability"}],
    "interactions": [{"team": "Checkout", "purpose": "SLO reviews", "how": "weekly"}],
    "communication": {
        "channels": ["#incidents", {"name": "#sre", "purpose": "questions"}],
        "meetings": [{"name": "SLO review", "cadence": "Weekly", "attendees": "all"},
                     "Retro"],
        "escalation": ["on call", "team lead"],
    },
    "review": {"cadence": "quarterly", "next": "2027-02-25"},
    "parties": ["team", {"role": "management", "name": "Anita"}],
    "uid": "abc",
}


def test_a_full_charter_reads_and_its_values_read_back_equal():
    charter = make_charter(FULL)
    assert charter.metrics[0] == Metric("SLO compliance")
    assert charter.metrics[2].slo == "checkout-availability"
    assert charter.meetings[0].cadence is Cadence.WEEKLY
    assert charter.meetings[1].cadence is Cadence.AS_NEEDED  # a bare name: no cadence given
    assert charter.next_review == date(2027, 2, 25)
    assert charter.required_parties() == (Party("team"), Party("management", "Anita"))
    assert missing_parts(charter) == ()
    values = charter_values(charter)
    assert list(values) == ["team", "uid", "mission", "responsibilities", "scope", "metrics",
                            "interactions", "communication", "review", "parties"]
    assert make_charter(values) == charter


def test_every_problem_is_reported_at_once_with_its_part():
    _, problems = read_charter({
        "team": "", "mission": 5.5, "colour": "red",
        "responsibilities": ["a", "A"],
        "metrics": [{"target": "x"}],
        "interactions": [{"team": "Checkout"}],
        "communication": {"meetings": [{"name": "m", "cadence": "hourly"}]},
        "review": {"cadence": "weekly", "next": "2027-02-30"},
    })
    assert [p.part for p in problems] == [
        "colour", "team", "mission", "responsibilities[1]", "metrics[0].name",
        "interactions[0].purpose", "communication.meetings[0].cadence", "review.cadence",
        "review.next"]
    text = {p.part: p.message for p in problems}
    assert text["review.cadence"].startswith("weekly is too often")
    assert text["review.next"] == "'2027-02-30' is not a date; write YYYY-MM-DD, e.g. 2027-03-01"
    assert text["responsibilities[1]"] == "'A' is listed twice; list it once"


def test_text_is_bounded_and_control_characters_refused():
    _, problems = read_charter({"team": "T", "mission": "x" * 1001,
                                "responsibilities": ["ok\x07"]})
    assert [str(p) for p in problems] == [
        "mission: is 1001 characters long; use at most 1000",
        "responsibilities[0]: contains a control character; remove it"]
    _, problems = read_charter({"team": "T", "responsibilities": [str(n) for n in range(31)]})
    assert [str(p) for p in problems] == ["responsibilities: has 31 entries; use at most 30"]
    with pytest.raises(CharterProblems, match="team: is empty"):
        make_charter({})


def test_missing_parts_name_what_keeps_a_draft_from_being_agreed():
    assert [m.part for m in missing_parts(make_charter({"team": "T"}))] == [
        "mission", "responsibilities", "scope.in", "metrics", "review.cadence", "review.next"]
    assert (Party("team"), Party("management")) == DEFAULT_CHARTER_PARTIES


def test_cadences_add_months_and_clamp_to_the_month_end():
    assert add_cadence(date(2026, 11, 25), Cadence.QUARTERLY) == date(2027, 2, 25)
    assert add_cadence(date(2027, 1, 31), Cadence.MONTHLY) == date(2027, 2, 28)
    assert add_cadence(date(2028, 1, 31), Cadence.MONTHLY) == date(2028, 2, 29)
    assert add_cadence(date(2026, 8, 31), Cadence.HALF_YEARLY) == date(2027, 2, 28)
    assert add_cadence(date(2026, 12, 15), Cadence.YEARLY) == date(2027, 12, 15)
    assert add_cadence(date(2026, 12, 30), Cadence.FORTNIGHTLY) == date(2027, 1, 13)
    assert add_cadence(date(2026, 12, 30), Cadence.AS_NEEDED) is None
    charter = make_charter({"team": "T", "review": {"next": "2026-12-01"}})
    assert review_due(charter, date(2026, 12, 1)) and not review_due(charter, date(2026, 11, 30))


def test_checks_against_the_workspace_and_canonical_names():
    charter = make_charter(dict(FULL, team="sre", interactions=[
        {"team": "checkout", "purpose": "x"}, {"team": "SRE", "purpose": "self"},
        {"team": "Billing", "purpose": "y"}], metrics=[
        {"name": "a", "slo": "CHECKOUT-availability"}, {"name": "b", "slo": "orders-latency"}]))
    teams = ["SRE", "Checkout"]
    slos = {"SRE": ["checkout-availability"], "Checkout": ["orders-latency"]}
    assert [str(p) for p in check_charter(charter, teams=teams, team_slos=slos)] == [
        "interactions[1].team: names the charter's own team; name another team",
        "interactions[2].team: 'Billing' is not a team of this workspace; add the team first "
        "or name another",
        "metrics[1].slo: 'orders-latency' is not an SLO of sre; use one of: "
        "checkout-availability"]
    fixed = canonical_names(charter.with_changes(
        interactions=(Interaction("checkout", "x"),), metrics=charter.metrics[:1]),
        teams=teams, team_slos=slos)
    assert fixed.team == "SRE" and fixed.interactions[0].team == "Checkout"
    assert fixed.metrics[0].slo == "checkout-availability"
    unknown = make_charter({"team": "Nobody"})
    assert [p.part for p in check_charter(unknown, teams=teams, team_slos=slos)] == ["team"]


def test_metric_figures_round_down_and_show_an_overspent_budget():
    # 99.9% over 28 days, day 14: 1,400,000 events so far, 1,050 bad. Extrapolated budget:
    # 2,800,000 x 0.1% = 2,800 events; 1,050 spent = 37.5% consumed, 62.5% left.
    figures = SloFigures(slo="web", target=Decimal("99.9"), total=1_400_000, bad=1_050,
                         length=timedelta(days=28), elapsed=timedelta(days=14))
    shown = metric_figures(figures)
    assert shown.good == Fraction(1_398_950 * 100, 1_400_000)
    assert shown.good_text == "99.92%"  # 99.925 exactly: rounded down, never up
    assert shown.budget_left == Fraction(125, 2) and shown.budget_text == "62.5%"
    assert shown.summary() == "99.92% good against 99.9% (budget left 62.5%)"
    assert shown.met is True
    spent = metric_figures(SloFigures(slo="web", target=Decimal("99.9"), total=100_000,
                                      bad=301, length=timedelta(days=28),
                                      elapsed=timedelta(days=28)))
    assert spent.budget_text == "-201.0%" and spent.met is False
    assert spent.good_text == "99.69%"
    none = metric_figures(SloFigures(slo="web", target=Decimal("99.9"), total=0, bad=0,
                                     length=timedelta(days=28), elapsed=timedelta(days=1)))
    assert none.good is None and none.good_text == "no events yet" and none.met is None

"""The organisation model decision and the SRE role: the book's model comparison (table
12.4) as data, reading a decision with every problem named, the round trip, SRE sizing after
the book's scaling example (table 12.6: SRE teams of eight, one SRE per development team
sharing on call), and the role description's starter lists (table 12.23)."""

from __future__ import annotations

import pytest

from workbench.domain.org import (
    BOOK_RATINGS,
    CRITERION_TITLES,
    HYBRIDS,
    MODEL_SUMMARIES,
    MODEL_TITLES,
    SPECTRUM,
    STARTER_RESPONSIBILITIES,
    STARTER_SKILLS,
    Criterion,
    OrgDecision,
    OrgModel,
    book_rating,
    check_decision,
    decision_values,
    development_teams,
    make_decision,
    make_role,
    read_decision,
    read_role,
    role_values,
    sizing,
    sre_teams_needed,
    starter_role,
)
from workbench.domain.org.decision import missing_parts
from workbench.domain.org.role import missing_parts as role_missing

TEAMS = ["Storefront", "Checkout", "Fulfilment", "Platform", "SRE"]


def test_the_book_comparison_covers_every_criterion_of_the_four_spectrum_models():
    assert set(BOOK_RATINGS) == set(SPECTRUM)
    for model in SPECTRUM:
        assert set(BOOK_RATINGS[model]) == set(Criterion)
    assert len(Criterion) == 9 and len(OrgModel) == 6 and set(HYBRIDS) | set(SPECTRUM) == \
        set(OrgModel)
    # Spot checks against table 12.4.
    assert book_rating(OrgModel.YOU_RUN, Criterion.ON_CALL) == "Max"
    assert book_rating(OrgModel.YOU_AND_SRE_RUN, Criterion.ON_CALL) == "Continuous"
    assert book_rating(OrgModel.OPS_RUN, Criterion.RESOLUTION) == "Max"
    assert book_rating(OrgModel.OPS_RUN, Criterion.FUNDING) == "OPEX"
    assert book_rating(OrgModel.SRE_RUN, Criterion.HANDOVER) == "Required"
    assert book_rating(OrgModel.OPS_RUN, Criterion.COST) == "Low"
    assert book_rating(OrgModel.OPS_SOMETIMES_RUN, Criterion.COST) == ""
    assert set(MODEL_TITLES) == set(MODEL_SUMMARIES) == set(OrgModel)
    assert set(CRITERION_TITLES) == set(Criterion)


@pytest.mark.parametrize(("dev_teams", "people", "teams"), [
    (0, 0, 0), (1, 1, 1), (3, 3, 1), (8, 8, 1), (9, 9, 2), (16, 16, 2), (17, 17, 3),
    (23, 23, 3), (24, 24, 3), (25, 25, 4)])
def test_sizing_follows_the_books_scaling_example(dev_teams, people, teams):
    assert sre_teams_needed(dev_teams) == (people, teams)


def test_sizing_settings_and_models_without_sre_rotations():
    assert sre_teams_needed(9, team_size=6, sres_per_team=2) == (18, 3)
    with pytest.raises(ValueError):
        sre_teams_needed(3, team_size=0)
    decision = make_decision({"chosen": "you-and-sre-run",
                              "considered": ["you-run", "you-and-sre-run"],
                              "teams": {"sre": ["sre"], "other": ["Platform"]}})
    assert development_teams(decision, TEAMS) == ["Storefront", "Checkout", "Fulfilment"]
    chosen = sizing(decision, TEAMS)
    assert (chosen.development_teams, chosen.sre_people, chosen.sre_teams,
            chosen.current_sre_teams, chosen.needs_sre) == (3, 3, 1, 1, True)
    assert chosen.missing_sre_teams == 0
    alone = sizing(decision, TEAMS, OrgModel.YOU_RUN)
    assert (alone.sre_people, alone.sre_teams, alone.needs_sre) == (0, 0, False)
    many = sizing(decision.with_changes(sre_team_size=2), TEAMS)
    assert (many.sre_teams, many.missing_sre_teams) == (2, 1)


def test_a_decision_reads_with_every_problem_named():
    _, problems = read_decision({
        "chosen": "ops-run", "considered": ["you-run", "sre-run", "you-run", "magic"],
        "scores": [{"model": "you-run", "criterion": "cost", "score": 6},
                   {"model": "ops-run", "criterion": "cost", "score": 2},
                   {"model": "sre-run", "criterion": "speed"},
                   {"model": "you-run", "criterion": "cost", "score": True}],
        "sizing": {"sre_team_size": 0}, "teams": {"dev": []}, "colour": 1})
    assert [str(p) for p in problems] == [
        "colour: is not a known key; use one of: product, chosen, considered, scores, reason, "
        "decided_on, teams, sizing, parties, uid",
        "considered[2]: you-run is listed twice; list it once",
        "considered[3]: 'magic' is not one of: you-run, you-and-sre-run, sre-run, ops-run, "
        "ops-sometimes-run, you-run-ops-monitor",
        "chosen: ops-run is not among the models considered; add it there",
        "scores[0].score: 6 is out of range; use 1 to 5",
        "scores[1].model: ops-run is not among the models considered",
        "scores[2].criterion: 'speed' is not one of: developer-on-call, knowledge-sync, "
        "incident-resolution, service-handover, sre-organisation, sre-infrastructure, "
        "targets-and-demand, funding, cost",
        "scores[3].score: True is not a whole number; use 1 to 5",
        "teams.dev: is not a known key; use one of: sre, other",
        "sizing.sre_team_size: 0 is out of range; use 1 to 50",
    ]


def test_a_decision_round_trips_and_names_what_is_missing():
    decision = make_decision({
        "product": "Shop", "chosen": "you and sre run", "considered": ["you-run",
                                                                      "you-and-sre-run"],
        "scores": [{"model": "you-run", "criterion": "cost", "score": 3, "note": "salaries"},
                   {"model": "you-and-sre-run", "criterion": "cost", "note": "shared"},
                   {"model": "you-and-sre-run", "criterion": "knowledge-sync", "score": 4}],
        "reason": "Shared on call.", "decided_on": "2026-11-11",
        "teams": {"sre": ["SRE"]}, "sizing": {"sre_team_size": 6}, "parties": ["executive"]})
    assert decision.chosen is OrgModel.YOU_AND_SRE_RUN
    assert decision.total(OrgModel.YOU_AND_SRE_RUN) == 4 and decision.total(
        OrgModel.YOU_RUN) == 3
    assert decision.score(OrgModel.YOU_AND_SRE_RUN, Criterion.COST).note == "shared"
    assert make_decision(decision_values(decision)) == decision
    assert missing_parts(decision) == ()
    assert [m.part for m in missing_parts(OrgDecision())] == ["chosen", "considered", "reason"]
    assert [str(p) for p in check_decision(decision.with_changes(
        other_teams=("sre", "Billing")), TEAMS)] == [
        "teams.other[1]: 'Billing' is not a team of this workspace",
        "teams.other: 'sre' is listed as an SRE team too; list it once"]


def test_the_role_starts_from_the_books_lists_and_round_trips():
    role = starter_role()
    assert len(role.responsibilities) == len(STARTER_RESPONSIBILITIES) == 24
    assert len(role.skills) == len(STARTER_SKILLS) == 14
    assert role.title == "Site Reliability Engineer"
    assert [m.part for m in role_missing(role)] == ["purpose"]
    edited = role.with_changes(title="Production Engineer", purpose="Share on call.",
                               stack=("Kubernetes",))
    assert make_role(role_values(edited)) == edited
    _, problems = read_role({"title": "x" * 81, "skills": "Go", "stack": [1.5]})
    assert [str(p) for p in problems] == [
        "title: is 81 characters long; use at most 80",
        "stack[0]: must be text, not float"]

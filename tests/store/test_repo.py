"""Store round trips: what is written comes back, and every change leaves a revision."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.domain.organisation import ArtifactStatus
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.store import repo
from workbench.store.db import reading, transaction
from workbench.store.demo import DEMO_SERVICES, DEMO_TEAMS, create_demo


@pytest.fixture
def ws(engine):
    with transaction(engine) as session:
        return repo.create_workspace(session, "Acme Retail", "Shop")


def test_team_round_trip_and_case_insensitive_uniqueness(engine, ws):
    with transaction(engine) as session:
        repo.add_team(session, ws.id, "  Checkout   Team ", "baskets")
    with reading(engine) as session:
        teams = repo.list_teams(session, ws.id)
    assert [(t.name, t.description) for t in teams] == [("Checkout Team", "baskets")]
    with pytest.raises(ConflictError, match="already exists"), transaction(engine) as session:
        repo.add_team(session, ws.id, "checkout team")


def test_failed_transaction_writes_nothing(engine, ws):
    with pytest.raises(ConflictError), transaction(engine) as session:
        repo.add_team(session, ws.id, "Payments")
        repo.add_team(session, ws.id, "PAYMENTS")
    with reading(engine) as session:
        assert repo.list_teams(session, ws.id) == []


def test_removing_a_team_keeps_its_services_unowned(engine, ws):
    with transaction(engine) as session:
        repo.add_team(session, ws.id, "Checkout")
        repo.add_service(session, ws.id, "cart", "Checkout")
    with transaction(engine) as session:
        repo.remove_team(session, ws.id, "checkout")
    with reading(engine) as session:
        services = repo.list_services(session, ws.id)
    assert [(s.name, s.team_id, s.team_name) for s in services] == [("cart", None, None)]


def test_service_needs_an_existing_team(engine, ws):
    with pytest.raises(NotFoundError, match="no team named 'Ghosts'"), \
            transaction(engine) as session:
        repo.add_service(session, ws.id, "api", "Ghosts")


def test_every_save_leaves_a_numbered_revision(engine, ws):
    with transaction(engine) as session:
        team = repo.add_team(session, ws.id, "Search")
        repo.rename_team(session, ws.id, "Search", "Discovery")
        repo.remove_team(session, ws.id, "Discovery")
    with reading(engine) as session:
        revisions = repo.history(session, ws.id, "team", str(team.id))
    assert [r.number for r in revisions] == [1, 2, 3]
    assert [r.snapshot["name"] for r in revisions] == ["Search", "Discovery", "Discovery"]
    assert revisions[1].summary == "renamed from Search"
    assert revisions[2].status is ArtifactStatus.SUPERSEDED
    assert {r.author for r in revisions} == {"tester"}
    assert all(r.created_at.tzinfo is not None for r in revisions)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 81, "tab\there\x00"])
def test_bad_names_are_usage_errors(engine, ws, bad):
    with pytest.raises(UsageError), transaction(engine) as session:
        repo.add_team(session, ws.id, bad)


def test_demo_is_idempotent(engine):
    with transaction(engine) as session:
        first, created = create_demo(session, date(2026, 11, 25))
    with transaction(engine) as session:
        again, created_again = create_demo(session, date(2026, 11, 25))
    assert created and not created_again and first.id == again.id
    with reading(engine) as session:
        assert len(repo.list_teams(session, first.id)) == len(DEMO_TEAMS)
        services = repo.list_services(session, first.id)
    assert len(services) == len(DEMO_SERVICES)
    assert all(s.team_name for s in services)


def test_user_text_is_stored_verbatim(engine, ws):
    with transaction(engine) as session:
        repo.add_team(session, ws.id, "[bold]Ops[/bold] | <b>", "'; DROP TABLE team; --")
    with reading(engine) as session:
        (team,) = repo.list_teams(session, ws.id)
    assert team.name == "[bold]Ops[/bold] | <b>"
    assert team.description == "'; DROP TABLE team; --"
